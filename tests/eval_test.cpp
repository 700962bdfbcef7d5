// Scoring against gold files and CLUENER lines, on graphs built by hand.
#include "guanxi/eval.hpp"
#include "guanxi/guanxi.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "guanxi/error.hpp"
#include "guanxi/graph.hpp"
#include "guanxi/lexicon.hpp"

using namespace guanxi;

namespace {

VertexId add_person(Graph& g, const std::string& name) {
  return boost::add_vertex(Vertex{VertexKind::person, name, {}, 1}, g);
}

VertexId add_org(Graph& g, const std::string& name) {
  return boost::add_vertex(Vertex{VertexKind::organization, name, {}, 1}, g);
}

VertexId add_event(Graph& g, const std::string& name) {
  return boost::add_vertex(Vertex{VertexKind::event, name, {}, 1}, g);
}

void add_link(Graph& g, VertexId from, VertexId to, EdgeKind kind, const std::string& title = {},
              bool former = false) {
  Edge e;
  e.kind = kind;
  e.title = title;
  e.former = former;
  boost::add_edge(from, to, e, g);
}

// Made-up people and organisations; every category has hits, misses and
// false positives, plus optional entries that must not count either way.
const char* const kGold = R"({
  "id": "made_up",
  "persons": ["王小明", "李大伟", "张晓红", "赵一鸣"],
  "optional_persons": ["钱多多"],
  "organizations": [
    {"name": "某某协会", "aliases": [], "parent": null},
    {"name": "某某协会学术委员会", "aliases": ["学术委员会"], "parent": "某某协会"},
    {"name": "东湖研究院", "aliases": [], "parent": null},
    {"name": "《江城日报》", "aliases": ["江城日报社"], "parent": null}
  ],
  "optional_organizations": ["某市"],
  "affiliations": [
    {"person": "王小明", "org": "某某协会", "title": "会长", "former": false},
    {"person": "王小明", "org": "学术委员会", "title": "原主任", "former": false},
    {"person": "李大伟", "org": "东湖研究院", "title": "研究员", "former": false},
    {"person": "张晓红", "org": "江城日报", "title": "总编辑", "former": true},
    {"person": "钱多多", "org": "某某协会", "title": "顾问", "former": false}
  ],
  "events": [
    {"name": "某某论坛", "organizers": ["某某协会"],
     "attendees": ["王小明", "李大伟", "张晓红", "钱多多"], "roles": {"王小明": "spoke"}}
  ],
  "org_relations": [{"from": "某某协会", "to": "东湖研究院", "kind": "member_of"}],
  "notes": []
})";

// The graph a half-right tool might build for kGold.
Graph made_up_graph() {
  Graph g;
  const auto wang = add_person(g, "王小明");
  const auto li = add_person(g, "李大伟");
  const auto zhang = add_person(g, "“张晓红”");  // quotes are dropped before comparing
  const auto qian = add_person(g, "钱多多");     // optional
  const auto chen = add_person(g, "陈不在");     // not in the gold file
  const auto assoc = add_org(g, "某某协会");
  add_org(g, "某某 协会");                          // the same name once white space is dropped
  const auto committee = add_org(g, "学术委员会");  // an alias
  const auto paper = add_org(g, "江城日报社");      // an alias of a name written with 《》
  const auto city = add_org(g, "某市");             // optional
  const auto fake = add_org(g, "假冒公司");         // not in the gold file
  const auto forum = add_event(g, "某某论坛");

  add_link(g, wang, assoc, EdgeKind::affiliation, "会长");
  add_link(g, wang, committee, EdgeKind::affiliation, "主任", true);
  add_link(g, zhang, paper, EdgeKind::affiliation, "总编辑", false);  // gold: former
  add_link(g, chen, fake, EdgeKind::affiliation, "经理");
  add_link(g, qian, assoc, EdgeKind::affiliation, "顾问");  // optional person
  add_link(g, li, city, EdgeKind::affiliation, "市长");     // optional organisation

  add_link(g, wang, forum, EdgeKind::attended);
  add_link(g, li, forum, EdgeKind::attended);
  add_link(g, qian, forum, EdgeKind::attended);
  add_link(g, wang, zhang, EdgeKind::co_attendance);
  add_link(g, chen, li, EdgeKind::co_attendance);

  add_link(g, committee, assoc, EdgeKind::part_of);
  add_link(g, fake, assoc, EdgeKind::part_of);
  add_link(g, assoc, paper, EdgeKind::member_of);  // not scored
  return g;
}

EvalReport score_made_up() {
  std::istringstream gold(kGold);
  return evaluate_gold(made_up_graph(), gold, "made_up.gold.json");
}

void check(const EvalReport& report, const char* category, std::size_t tp, std::size_t fp,
           std::size_t fn, double p, double r) {
  INFO(category);
  const Score* s = report.find(category);
  REQUIRE(s != nullptr);
  CHECK(s->true_positives == tp);
  CHECK(s->false_positives == fp);
  CHECK(s->false_negatives == fn);
  CHECK(s->spurious.size() == fp);
  CHECK(s->missed.size() == fn);
  CHECK(s->precision() == Approx(p));
  CHECK(s->recall() == Approx(r));
  CHECK(s->f1() == Approx(p + r == 0 ? 0.0 : 2 * p * r / (p + r)));
}

// CLUENER-style lines: 2 names, 1 position, 3 organisations (organization,
// government, company) and labels we ignore (game, address, book).
const char* const kCluener =
    R"({"text": "某某协会会长王小明出席了论坛。", "label": {"name": {"王小明": [[6, 8]]}, "position": {"会长": [[4, 5]]}, "organization": {"某某协会": [[0, 3]]}, "game": {"论坛": [[12, 13]]}}})"
    "\n"
    R"({"text": "东湖研究院和江城日报社签约。", "label": {"government": {"东湖研究院": [[0, 4]]}, "company": {"江城日报社": [[6, 10]]}, "address": {"东湖": [[0, 1]]}}})"
    "\n"
    R"({"text": "李大伟读完了那本书。", "label": {"name": {"李大伟": [[0, 2]]}, "book": {"那本书": [[6, 8]]}}})"
    "\n";

std::size_t gold_count(const EvalReport& report, const char* category) {
  const Score* s = report.find(category);
  REQUIRE(s != nullptr);
  return s->true_positives + s->false_negatives;
}

}  // namespace

TEST_CASE("normalize_name folds middle-dot variants, full-width forms and Traditional characters",
          "[eval]") {
  CHECK(normalize_name("拉吉夫\u2027梅赫拉") == "拉吉夫\u00B7梅赫拉");
  CHECK(normalize_name("安娜\u2022卡尔松") == normalize_name("安娜\u30FB卡尔松"));
  CHECK(normalize_name("鍾浩然") == "钟浩然");
  CHECK(normalize_name("ＡＢＣ協會") == "ABC协会");
}

TEST_CASE("normalize_name drops book-title marks, quotes and white space", "[eval]") {
  CHECK(normalize_name("《江城 日报》") == "江城日报");
  CHECK(normalize_name("“张晓红”") == "张晓红");
  CHECK(normalize_name("「某某」『协会』\"'‘’") == "某某协会");
  CHECK(normalize_name("\t王　小明 \n") == "王小明");
  CHECK(normalize_name("塞西·王") == "塞西·王");
}

TEST_CASE("a gold file scores every category with exact counts", "[eval]") {
  const EvalReport report = score_made_up();
  REQUIRE(report.scores.size() == 6);
  CHECK(report.scores[0].category == "persons");
  CHECK(report.scores[1].category == "organizations");
  CHECK(report.scores[2].category == "affiliation pairs");
  CHECK(report.scores[3].category == "affiliation titles");
  CHECK(report.scores[4].category == "co-attendance pairs");
  CHECK(report.scores[5].category == "part_of");

  check(report, "persons", 3, 1, 1, 0.75, 0.75);
  check(report, "organizations", 3, 1, 1, 0.75, 0.75);
  check(report, "affiliation pairs", 3, 1, 1, 0.75, 0.75);
  check(report, "affiliation titles", 2, 2, 2, 0.5, 0.5);
  check(report, "co-attendance pairs", 2, 1, 1, 2.0 / 3, 2.0 / 3);
  check(report, "part_of", 1, 1, 0, 0.5, 1.0);
}

TEST_CASE("optional persons and organisations count neither way", "[eval]") {
  const EvalReport report = score_made_up();
  for (const auto& s : report.scores) {
    for (const auto& list : {s.spurious, s.missed}) {
      for (const auto& item : list) {
        INFO(s.category << ": " << item);
        CHECK(item.find("钱多多") == std::string::npos);
        CHECK(item.find("某市") == std::string::npos);
      }
    }
  }
  CHECK(report.find("persons")->spurious == std::vector<std::string>{"陈不在"});
  CHECK(report.find("persons")->missed == std::vector<std::string>{"赵一鸣"});
}

TEST_CASE("an organisation label equal to an alias counts as the gold name", "[eval]") {
  const EvalReport report = score_made_up();
  const Score* orgs = report.find("organizations");
  CHECK(orgs->spurious == std::vector<std::string>{"假冒公司"});
  CHECK(orgs->missed == std::vector<std::string>{"东湖研究院"});
  CHECK(report.find("affiliation pairs")->missed ==
        std::vector<std::string>{"李大伟 @ 东湖研究院"});
  CHECK(report.find("part_of")->spurious == std::vector<std::string>{"假冒公司 -> 某某协会"});
}

TEST_CASE("a gold title starting with 原 is a former post without the marker", "[eval]") {
  const EvalReport report = score_made_up();
  const Score* titles = report.find("affiliation titles");
  // 王小明 @ 学术委员会: gold "原主任", graph "主任" former -> a hit, not listed.
  CHECK(titles->missed == std::vector<std::string>{"张晓红 @ 江城日报: 总编辑 (former)",
                                                   "李大伟 @ 东湖研究院: 研究员"});
  CHECK(titles->spurious ==
        std::vector<std::string>{"张晓红 @ 江城日报: 总编辑", "陈不在 @ 假冒公司: 经理"});
}

TEST_CASE("people attending one event vertex are co-attendance pairs", "[eval]") {
  const EvalReport report = score_made_up();
  const Score* pairs = report.find("co-attendance pairs");
  // 王小明 + 李大伟 come from the two attended edges into 某某论坛.
  CHECK(pairs->missed == std::vector<std::string>{"张晓红 + 李大伟"});
  CHECK(pairs->spurious == std::vector<std::string>{"李大伟 + 陈不在"});
}

TEST_CASE("an empty graph scores zero against a non-empty gold file", "[eval]") {
  std::istringstream gold(kGold);
  const EvalReport report = evaluate_gold(Graph{}, gold, "made_up.gold.json");
  check(report, "persons", 0, 0, 4, 0.0, 0.0);
  check(report, "organizations", 0, 0, 4, 0.0, 0.0);
  check(report, "affiliation titles", 0, 0, 4, 0.0, 0.0);
  check(report, "co-attendance pairs", 0, 0, 3, 0.0, 0.0);
  check(report, "part_of", 0, 0, 1, 0.0, 0.0);
}

TEST_CASE("a category empty on both sides scores one", "[eval]") {
  Score s;
  CHECK(s.precision() == 1.0);
  CHECK(s.recall() == 1.0);
  CHECK(s.f1() == 1.0);
}

TEST_CASE("malformed gold JSON throws InputError naming the line", "[eval]") {
  std::istringstream gold("{\n  \"persons\": [\"王小明\",\n  ]\n}\n");
  try {
    evaluate_gold(Graph{}, gold, "bad.gold.json");
    FAIL("no InputError");
  } catch (const InputError& e) {
    CHECK(e.line() == 3);
    CHECK_THAT(e.what(), Catch::StartsWith("bad.gold.json:3: invalid JSON at byte 3 of the line"));
  }
}

TEST_CASE("a gold field of the wrong type throws InputError naming the field", "[eval]") {
  std::istringstream gold(R"({"persons": "王小明"})");
  REQUIRE_THROWS_AS(evaluate_gold(Graph{}, gold, "x.gold.json"), InputError);
  std::istringstream no_name(R"({"organizations": [{"aliases": []}]})");
  REQUIRE_THROWS_WITH(evaluate_gold(Graph{}, no_name, "x.gold.json"),
                      Catch::Contains("organizations[0]") && Catch::Contains("name"));
}

TEST_CASE("print_report writes an aligned table then the lists", "[eval]") {
  std::ostringstream out;
  print_report(out, score_made_up(), 20);
  const std::string text = out.str();
  std::istringstream lines(text);
  std::string header;
  std::string persons;
  std::getline(lines, header);
  std::getline(lines, persons);
  CHECK(header.rfind("category", 0) == 0);
  CHECK(header.find("F1") != std::string::npos);
  CHECK(persons.rfind("persons ", 0) == 0);
  CHECK(persons.find("0.750") != std::string::npos);
  CHECK(header.size() == persons.size());  // columns line up
  CHECK(text.find("false positives in persons (1):\n  陈不在\n") != std::string::npos);
  CHECK(text.find("missed in co-attendance pairs (1):\n  张晓红 + 李大伟\n") != std::string::npos);

  std::ostringstream bare;
  print_report(bare, score_made_up(), 0);
  const std::string table = bare.str();
  CHECK(table.find("missed") == std::string::npos);
  CHECK(std::count(table.begin(), table.end(), '\n') == 7);  // header and six rows
}

TEST_CASE("CLUENER gold spans map name, position and three organisation labels", "[eval]") {
  std::istringstream lines(kCluener);
  const EvalReport report = evaluate_cluener(lines, "cluener.json", guanxi::Pipeline());
  CHECK(gold_count(report, "person") == 2);
  CHECK(gold_count(report, "title") == 1);
  CHECK(gold_count(report, "organization") == 3);  // game, address and book ignored
  CHECK(gold_count(report, "all") == 6);
  for (const auto& s : report.scores) {
    for (const auto& missed : s.missed) CHECK(missed.find(" in: ") != std::string::npos);
  }
}

TEST_CASE("CLUENER first and limit pick the lines scored", "[eval]") {
  std::istringstream lines(kCluener);
  CluenerOptions options;
  options.first = 1;
  options.limit = 1;
  const EvalReport report = evaluate_cluener(lines, "cluener.json", guanxi::Pipeline(), options);
  CHECK(gold_count(report, "person") == 0);
  CHECK(gold_count(report, "title") == 0);
  CHECK(gold_count(report, "organization") == 2);
}

TEST_CASE("a malformed CLUENER line throws InputError with its line number", "[eval]") {
  std::istringstream lines(std::string(kCluener) + "{\"text\": \"王小明\", \"label\": \n");
  try {
    evaluate_cluener(lines, "cluener.json", guanxi::Pipeline());
    FAIL("no InputError");
  } catch (const InputError& e) {
    CHECK(e.line() == 4);
    CHECK_THAT(e.what(), Catch::StartsWith("cluener.json:4: "));
  }
}

TEST_CASE("a CLUENER span outside its text throws InputError", "[eval]") {
  std::istringstream lines(R"({"text": "王小明", "label": {"name": {"王小明": [[0, 3]]}}})");
  REQUIRE_THROWS_WITH(evaluate_cluener(lines, "c.json", guanxi::Pipeline()),
                      Catch::StartsWith("c.json:1: ") && Catch::Contains("outside"));
}
