// Stage 4: GraphBuilder merges extractions into one graph.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "guanxi/error.hpp"
#include "guanxi/export.hpp"
#include "guanxi/graph.hpp"
#include "guanxi/load.hpp"
#include "guanxi/text.hpp"

namespace {

using guanxi::Document;
using guanxi::EdgeKind;
using guanxi::Evidence;
using guanxi::Extraction;
using guanxi::Graph;
using guanxi::GraphBuilder;
using guanxi::OrgRelationKind;
using guanxi::Role;
using guanxi::VertexId;
using guanxi::VertexKind;
using guanxi::View;

// A document whose normalised text is its original text, split at the given
// sentence ends (code points, exclusive).
Document make_doc(const std::string& id, const std::u32string& text,
                  const std::vector<std::size_t>& sentence_ends) {
  Document doc;
  doc.id = id;
  doc.original = text;
  doc.norm.text = text;
  for (std::size_t i = 0; i <= text.size(); ++i) doc.norm.to_orig.push_back(i);
  std::size_t begin = 0;
  for (std::size_t end : sentence_ends) {
    doc.sentences.push_back({begin, end});
    begin = end;
  }
  return doc;
}

// Role names local to the test, so it does not depend on the extractor's table.
std::string role_name(const std::optional<Role>& role) {
  if (!role) return "-";
  switch (*role) {
    case Role::attended:
      return "attended";
    case Role::hosted:
      return "hosted";
    case Role::spoke:
      return "spoke";
    case Role::presented:
      return "presented";
  }
  return "?";
}

std::vector<std::string> vertex_lines(const Graph& g) {
  std::vector<std::string> out;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    std::string line = std::string(to_string(g[v].kind)) + " " + g[v].label + " mentions=" +
                       std::to_string(g[v].mentions);
    for (const auto& alias : g[v].aliases) line += " alias=" + alias;
    if (!g[v].disambiguation.empty()) line += " (" + g[v].disambiguation + ")";
    out.push_back(line);
  }
  return out;
}

// "kind source->target title former role weight events", in graph order.
std::vector<std::string> edge_lines(const Graph& g) {
  std::vector<std::string> out;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto& edge = g[e];
    std::string line = std::string(to_string(edge.kind)) + " " + g[boost::source(e, g)].label +
                       "->" + g[boost::target(e, g)].label;
    if (!edge.title.empty()) line += " " + edge.title;
    if (edge.former) line += " former";
    if (edge.role) line += " " + role_name(edge.role);
    line += " w=" + std::to_string(static_cast<int>(edge.weight));
    for (const auto& event : edge.events) line += " @" + event;
    out.push_back(line);
  }
  return out;
}

const guanxi::Edge& edge_between(const Graph& g, VertexKind from_kind, const std::string& from,
                                 VertexKind to_kind, const std::string& to, EdgeKind kind) {
  const auto source = guanxi::find_vertex(g, from_kind, from);
  const auto target = guanxi::find_vertex(g, to_kind, to);
  REQUIRE(source);
  REQUIRE(target);
  for (auto e : boost::make_iterator_range(boost::out_edges(*source, g))) {
    if (boost::target(e, g) == *target && g[e].kind == kind) return g[e];
  }
  FAIL("no " << to_string(kind) << " edge " << from << " -> " << to);
  throw;
}

// Every vertex of |kind| labelled |label|, in graph order.
std::vector<VertexId> vertices_named(const Graph& g, VertexKind kind, const std::string& label) {
  std::vector<VertexId> out;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].kind == kind && g[v].label == label) out.push_back(v);
  }
  return out;
}

// Labels of the far ends of |v|'s edges of |kind|, either direction, sorted.
std::vector<std::string> neighbours(const Graph& g, VertexId v, EdgeKind kind) {
  std::vector<std::string> out;
  for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
    if (g[e].kind == kind) out.push_back(g[boost::target(e, g)].label);
  }
  for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) {
    if (g[e].kind == kind) out.push_back(g[boost::source(e, g)].label);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// One document where |person| holds |title| at |org| (when |org| is not
// empty) and attends |event| (when not empty) with |companion| (when not empty).
Extraction person_at(const std::string& person, const std::string& title, const std::string& org,
                     const std::string& event = {}, const std::string& companion = {}) {
  Extraction x;
  x.persons = {{person, {0}}};
  if (!companion.empty()) x.persons.push_back({companion, {1}});
  if (!org.empty()) {
    x.organizations = {{org, {}, {2}}};
    x.affiliations = {{0, 0, title, false, {0, 0, 5}}};
  }
  if (!event.empty()) {
    x.events = {{event, {3}, {}, {}}};
    for (std::size_t i = 0; i < x.persons.size(); ++i) {
      x.attendances.push_back({i, 0, Role::attended, {0, 0, 5}});
    }
  }
  return x;
}

// A one-sentence document for person_at() extractions.
Document short_doc(const std::string& id) { return make_doc(id, U"某人任某职出席某会。", {10}); }

// 王小明任某某科技公司董事长。王小明主持春季论坛，李大华出席。
//  sentence 0: [0, 14)            sentence 1: [14, 30)
const std::u32string kTextA = U"王小明任某某科技公司董事长。王小明主持春季论坛，李大华出席。";

Extraction extraction_a() {
  Extraction x;
  x.persons = {{"王小明", {0, 1}}, {"李大华", {2}}};
  x.organizations = {{"某某科技公司", {"某某公司"}, {3}}};
  x.events = {{"春季论坛", {4}, "京", "近日"}};
  x.affiliations = {{0, 0, "董事长", false, {0, 0, 13}}};
  x.attendances = {{0, 0, Role::hosted, {1, 14, 23}},
                   {1, 0, Role::attended, {1, 24, 29}},
                   {0, 0, Role::attended, {1, 14, 23}}};
  x.organizings = {{0, 0, {0, 4, 10}}};
  return x;
}

// 原某某科技公司总经理王小明出席秋季论坛。李大华在秋季论坛上发言。
// 某某科技公司研究院隶属某某科技公司。某某科技公司加入某某协会。
const std::u32string kTextB =
    U"原某某科技公司总经理王小明出席秋季论坛。李大华在秋季论坛上发言。"
    U"某某科技公司研究院隶属某某科技公司。某某科技公司加入某某协会。";

Extraction extraction_b() {
  Extraction x;
  x.persons = {{"王小明", {0}}, {"李大华", {1}}};
  x.organizations = {{"某某科技公司", {"某某科技", "某某科技公司"}, {2, 3}},
                     {"某某科技公司研究院", {}, {4}},
                     {"某某协会", {}, {5}}};
  x.events = {{"秋季论坛", {6, 7}}};
  x.affiliations = {{0, 0, "总经理", true, {0, 0, 13}}};
  x.attendances = {{0, 0, Role::attended, {0, 10, 19}},
                   {1, 0, Role::spoke, {1, 20, 31}},
                   {1, 0, Role::attended, {1, 20, 31}}};
  x.org_relations = {{1, 0, OrgRelationKind::part_of, {2, 32, 49}},
                     {0, 2, OrgRelationKind::member_of, {3, 50, 62}}};
  return x;
}

Graph two_documents() {
  GraphBuilder builder;
  builder.add(make_doc("a.txt", kTextA, {14, 30}), extraction_a());
  builder.add(make_doc("b.txt", kTextB, {20, 32, 50, 63}), extraction_b());
  return builder.build();
}

}  // namespace

TEST_CASE("kind names round-trip through the one table", "[graph]") {
  CHECK(std::string(to_string(VertexKind::organization)) == "organization");
  CHECK(std::string(to_string(EdgeKind::co_attendance)) == "co_attendance");
  CHECK(std::string(to_string(EdgeKind::member_of)) == "member_of");
  for (auto kind : {VertexKind::person, VertexKind::organization, VertexKind::event}) {
    CHECK(guanxi::vertex_kind_from_string(to_string(kind)) == kind);
  }
  for (auto kind : {EdgeKind::affiliation, EdgeKind::attended, EdgeKind::organized,
                    EdgeKind::co_attendance, EdgeKind::part_of, EdgeKind::member_of}) {
    CHECK(guanxi::edge_kind_from_string(to_string(kind)) == kind);
  }
  CHECK_FALSE(guanxi::vertex_kind_from_string("people"));
  CHECK_FALSE(guanxi::edge_kind_from_string(""));
  CHECK(guanxi::role_from_string("hosted") == Role::hosted);
  CHECK(guanxi::role_from_string("presented") == Role::presented);
  CHECK_FALSE(guanxi::role_from_string("chaired"));
}

TEST_CASE("two documents give one vertex per person and organisation, sorted by kind and label",
          "[graph]") {
  const Graph g = two_documents();
  CHECK(vertex_lines(g) == std::vector<std::string>{
                               "person 李大华 mentions=2",
                               "person 王小明 mentions=3",
                               "organization 某某协会 mentions=1",
                               "organization 某某科技公司 mentions=3 alias=某某公司 alias=某某科技",
                               "organization 某某科技公司研究院 mentions=1",
                               "event 春季论坛 mentions=1",
                               "event 秋季论坛 mentions=2",
                           });
}

TEST_CASE("edges come sorted by kind and labels, with co_attendance weighted by shared events",
          "[graph]") {
  const Graph g = two_documents();
  CHECK(edge_lines(g) == std::vector<std::string>{
                             "affiliation 王小明->某某科技公司 总经理 former w=1",
                             "affiliation 王小明->某某科技公司 董事长 w=1",
                             "attended 李大华->春季论坛 attended w=1",
                             "attended 李大华->秋季论坛 spoke w=2",
                             "attended 王小明->春季论坛 hosted w=2",
                             "attended 王小明->秋季论坛 attended w=1",
                             "organized 某某科技公司->春季论坛 w=1",
                             "co_attendance 李大华->王小明 w=2 @春季论坛 @秋季论坛",
                             "part_of 某某科技公司研究院->某某科技公司 w=1",
                             "member_of 某某科技公司->某某协会 w=1",
                         });
}

TEST_CASE("the strongest role wins whatever order the roles come in", "[graph]") {
  const std::vector<std::vector<Role>> orders = {
      {Role::attended, Role::presented, Role::hosted, Role::spoke},
      {Role::hosted, Role::attended},
      {Role::presented, Role::spoke, Role::attended},
      {Role::attended, Role::presented}};
  const std::vector<Role> strongest = {Role::hosted, Role::hosted, Role::spoke, Role::presented};
  for (std::size_t i = 0; i < orders.size(); ++i) {
    Extraction x;
    x.persons = {{"赵一鸣", {}}};
    x.events = {{"读书会", {}}};
    for (Role role : orders[i]) x.attendances.push_back({0, 0, role, {0, 0, 3}});
    GraphBuilder builder;
    builder.add(make_doc("c.txt", U"赵一鸣出席读书会。", {9}), x);
    const Graph g = builder.build();
    REQUIRE(boost::num_edges(g) == 1);
    const auto& edge = g[*boost::edges(g).first];
    CHECK(edge.role == strongest[i]);
    CHECK(edge.weight == Approx(static_cast<double>(orders[i].size())));
  }
}

TEST_CASE("evidence names the document, the sentence text and the original span", "[graph]") {
  const Graph g = two_documents();
  const auto& hosted = edge_between(g, VertexKind::person, "王小明", VertexKind::event, "春季论坛",
                                    EdgeKind::attended);
  REQUIRE(hosted.evidence.size() == 2);
  CHECK(hosted.evidence[0].document == "a.txt");
  CHECK(hosted.evidence[0].sentence == "王小明主持春季论坛，李大华出席。");
  CHECK(hosted.evidence[0].start == 14);
  CHECK(hosted.evidence[0].end == 23);

  const auto& part_of = edge_between(g, VertexKind::organization, "某某科技公司研究院",
                                     VertexKind::organization, "某某科技公司", EdgeKind::part_of);
  REQUIRE(part_of.evidence.size() == 1);
  CHECK(part_of.evidence[0].document == "b.txt");
  CHECK(part_of.evidence[0].sentence == "某某科技公司研究院隶属某某科技公司。");
}

TEST_CASE("co_attendance evidence alternates both people's attendance evidence", "[graph]") {
  const Graph g = two_documents();
  const auto& shared = edge_between(g, VertexKind::person, "李大华", VertexKind::person, "王小明",
                                    EdgeKind::co_attendance);
  // 春季论坛: 李大华 (one item), 王小明 (two); 秋季论坛: 李大华 (two), 王小明 (one).
  REQUIRE(shared.evidence.size() == GraphBuilder::kMaxEvidence);
  CHECK(shared.evidence[0].start == 24);
  CHECK(shared.evidence[1].start == 14);
  CHECK(shared.evidence[2].start == 14);
  CHECK(shared.evidence[3].document == "b.txt");
  CHECK(shared.evidence[3].start == 20);
  CHECK(shared.evidence[4].start == 10);
  CHECK_FALSE(shared.role);
}

TEST_CASE("an edge seen many times keeps its count but only the first five evidence items",
          "[graph]") {
  GraphBuilder builder;
  for (std::size_t i = 0; i < 7; ++i) {
    Extraction x;
    x.persons = {{"周晓东", {0}}};
    x.organizations = {{"某某研究所", {}, {1}}};
    x.affiliations = {{0, 0, "所长", false, {0, i, i + 3}}};
    builder.add(make_doc("d" + std::to_string(i), U"某某研究所所长周晓东。", {11}), x);
  }
  const Graph g = builder.build();
  REQUIRE(boost::num_vertices(g) == 2);
  REQUIRE(boost::num_edges(g) == 1);
  const auto& edge = g[*boost::edges(g).first];
  CHECK(edge.weight == Approx(7.0));
  REQUIRE(edge.evidence.size() == GraphBuilder::kMaxEvidence);
  CHECK(edge.evidence.front().document == "d0");
  CHECK(edge.evidence.back().document == "d4");
  CHECK(g[*guanxi::find_vertex(g, VertexKind::person, "周晓东")].mentions == 7);
}

TEST_CASE("events of the same name in two documents stay two events", "[graph]") {
  GraphBuilder builder;
  for (const char* id : {"e1", "e2"}) {
    Extraction x;
    x.persons = {{"孙文静", {}}, {"钱立新", {}}};
    x.events = {{"年会", {}}};
    x.attendances = {{0, 0, Role::attended, {0, 0, 3}}, {1, 0, Role::attended, {0, 4, 7}}};
    builder.add(make_doc(id, U"孙文静、钱立新出席年会。", {12}), x);
  }
  const Graph g = builder.build();
  CHECK(vertex_lines(g) == std::vector<std::string>{"person 孙文静 mentions=0",
                                                    "person 钱立新 mentions=0",
                                                    "event 年会 mentions=0",
                                                    "event 年会 mentions=0"});
  const auto lines = edge_lines(g);
  REQUIRE(lines.size() == 5);
  CHECK(lines.back() == "co_attendance 孙文静->钱立新 w=2 @年会 @年会");
}

TEST_CASE("relations naming missing entities and unnamed entities are skipped", "[graph]") {
  Extraction x;
  x.persons = {{"", {}}, {"吴海峰", {}}};
  x.organizations = {{"某某学会", {}, {}}};
  x.events = {{"", {}}};
  x.affiliations = {{0, 0, "理事", false, {}}, {1, 7, "理事", false, {}}, {1, 0, "理事", false, {9, 0, 0}}};
  x.attendances = {{1, 0, Role::attended, {}}, {5, 5, Role::attended, {}}};
  x.organizings = {{0, 3, {}}};
  x.org_relations = {{0, 0, OrgRelationKind::part_of, {}}, {0, 4, OrgRelationKind::member_of, {}}};
  GraphBuilder builder;
  builder.add(make_doc("f", U"吴海峰是某某学会理事。", {11}), x);
  const Graph g = builder.build();
  CHECK(vertex_lines(g) ==
        std::vector<std::string>{"person 吴海峰 mentions=0", "organization 某某学会 mentions=0"});
  REQUIRE(edge_lines(g) == std::vector<std::string>{"affiliation 吴海峰->某某学会 理事 w=1"});
  // The evidence's sentence index 9 does not exist: the sentence is empty.
  CHECK(g[*boost::edges(g).first].evidence.at(0).sentence.empty());
}

TEST_CASE("find_vertex looks up by kind and exact label", "[graph]") {
  const Graph g = two_documents();
  const auto found = guanxi::find_vertex(g, VertexKind::organization, "某某协会");
  REQUIRE(found);
  CHECK(g[*found].label == "某某协会");
  CHECK_FALSE(guanxi::find_vertex(g, VertexKind::person, "某某协会"));
  CHECK_FALSE(guanxi::find_vertex(g, VertexKind::organization, "某某"));
}

TEST_CASE("building twice from the same calls gives the same graph", "[graph]") {
  const Graph a = two_documents();
  const Graph b = two_documents();
  CHECK(vertex_lines(a) == vertex_lines(b));
  CHECK(edge_lines(a) == edge_lines(b));
}

TEST_CASE("event vertices carry their document, its source, the place and the date", "[graph]") {
  Document doc = make_doc("a.txt", kTextA, {14, 30});
  doc.source = "某某日报";
  GraphBuilder builder;
  builder.add(doc, extraction_a());
  builder.add(make_doc("b.txt", kTextB, {20, 32, 50, 63}), extraction_b());
  const Graph g = builder.build();
  const auto spring = guanxi::find_vertex(g, VertexKind::event, "春季论坛");
  REQUIRE(spring);
  CHECK(g[*spring].document == "a.txt");
  CHECK(g[*spring].source == "某某日报");
  CHECK(g[*spring].place == "京");
  CHECK(g[*spring].date == "近日");
  const auto autumn = guanxi::find_vertex(g, VertexKind::event, "秋季论坛");
  REQUIRE(autumn);
  CHECK(g[*autumn].document == "b.txt");
  CHECK(g[*autumn].source.empty());
  CHECK(g[*autumn].place.empty());
  CHECK(g[*autumn].date.empty());
  // People and organisations say nothing of documents.
  const auto person = guanxi::find_vertex(g, VertexKind::person, "王小明");
  REQUIRE(person);
  CHECK(g[*person].document.empty());
  CHECK(g[*person].disambiguation.empty());
}

TEST_CASE("namesakes at unrelated organisations stay two people, each saying why", "[graph]") {
  GraphBuilder builder;
  builder.add(short_doc("n1"), person_at("陈致远", "主任", "某某大学", "座谈会", "林晓燕"));
  builder.add(short_doc("n2"), person_at("陈致远", "会长", "某某商会", "年会", "郑澜涛"));
  const Graph g = builder.build();
  CHECK(vertex_lines(g) ==
        std::vector<std::string>{
            "person 林晓燕 mentions=1",
            "person 郑澜涛 mentions=1",
            "person 陈致远 mentions=1 (one of 2 people named 陈致远; held 主任 at 某某大学)",
            "person 陈致远 mentions=1 (namesake of another 陈致远; held 会长 at 某某商会)",
            "organization 某某商会 mentions=1",
            "organization 某某大学 mentions=1",
            "event 年会 mentions=1",
            "event 座谈会 mentions=1",
        });
  const auto namesakes = vertices_named(g, VertexKind::person, "陈致远");
  REQUIRE(namesakes.size() == 2);
  CHECK(neighbours(g, namesakes[0], EdgeKind::affiliation) == std::vector<std::string>{"某某大学"});
  CHECK(neighbours(g, namesakes[0], EdgeKind::attended) == std::vector<std::string>{"座谈会"});
  CHECK(neighbours(g, namesakes[0], EdgeKind::co_attendance) == std::vector<std::string>{"林晓燕"});
  CHECK(neighbours(g, namesakes[1], EdgeKind::affiliation) == std::vector<std::string>{"某某商会"});
  CHECK(neighbours(g, namesakes[1], EdgeKind::attended) == std::vector<std::string>{"年会"});
  CHECK(neighbours(g, namesakes[1], EdgeKind::co_attendance) == std::vector<std::string>{"郑澜涛"});
}

TEST_CASE("a namesake at a unit of the other's organisation, or at its alias, is the same person",
          "[graph]") {
  // 某某大学文学院写作中心 is part of 某某大学文学院, which is part of 某某大学.
  Extraction units = person_at("陈致远", "主任", "某某大学文学院写作中心");
  units.organizations.push_back({"某某大学文学院", {}, {}});
  units.organizations.push_back({"某某大学", {"某大"}, {}});
  units.org_relations = {{0, 1, OrgRelationKind::part_of, {0, 0, 5}},
                         {1, 2, OrgRelationKind::part_of, {0, 0, 5}}};
  GraphBuilder builder;
  builder.add(short_doc("u1"), units);
  builder.add(short_doc("u2"), person_at("陈致远", "教授", "某某大学"));
  builder.add(short_doc("u3"), person_at("陈致远", "顾问", "某大"));
  const Graph g = builder.build();
  const auto people = vertices_named(g, VertexKind::person, "陈致远");
  REQUIRE(people.size() == 1);
  CHECK(g[people[0]].disambiguation.empty());
  CHECK(g[people[0]].mentions == 3);
  CHECK(neighbours(g, people[0], EdgeKind::affiliation) ==
        std::vector<std::string>{"某大", "某某大学", "某某大学文学院写作中心"});
}

TEST_CASE("an occurrence without affiliations joins the name's first person", "[graph]") {
  SECTION("one affiliated occurrence and one without: one person") {
    GraphBuilder builder;
    builder.add(short_doc("m1"), person_at("林晓燕", "", "", "读书会"));
    builder.add(short_doc("m2"), person_at("林晓燕", "秘书长", "某某商会"));
    const Graph g = builder.build();
    const auto people = vertices_named(g, VertexKind::person, "林晓燕");
    REQUIRE(people.size() == 1);
    CHECK(g[people[0]].disambiguation.empty());
    CHECK(neighbours(g, people[0], EdgeKind::attended) == std::vector<std::string>{"读书会"});
    CHECK(neighbours(g, people[0], EdgeKind::affiliation) == std::vector<std::string>{"某某商会"});
  }
  SECTION("two namesakes, then an occurrence without affiliations: it joins the first") {
    GraphBuilder builder;
    builder.add(short_doc("m1"), person_at("林晓燕", "秘书长", "某某商会"));
    builder.add(short_doc("m2"), person_at("林晓燕", "教授", "某某大学"));
    builder.add(short_doc("m3"), person_at("林晓燕", "", "", "读书会", "郑澜涛"));
    const Graph g = builder.build();
    const auto people = vertices_named(g, VertexKind::person, "林晓燕");
    REQUIRE(people.size() == 2);
    CHECK(g[people[0]].mentions == 2);
    CHECK(g[people[0]].disambiguation == "one of 2 people named 林晓燕; held 秘书长 at 某某商会");
    CHECK(neighbours(g, people[0], EdgeKind::attended) == std::vector<std::string>{"读书会"});
    CHECK(neighbours(g, people[0], EdgeKind::co_attendance) == std::vector<std::string>{"郑澜涛"});
    CHECK(g[people[1]].disambiguation == "namesake of another 林晓燕; held 教授 at 某某大学");
    CHECK(neighbours(g, people[1], EdgeKind::attended).empty());
  }
}

TEST_CASE("a later occurrence at both organisations makes namesakes one person", "[graph]") {
  GraphBuilder builder;
  builder.add(short_doc("b1"), person_at("郑澜涛", "主任", "某某大学"));
  builder.add(short_doc("b2"), person_at("郑澜涛", "会长", "某某商会"));
  Extraction both = person_at("郑澜涛", "主任", "某某大学");
  both.organizations.push_back({"某某商会", {}, {}});
  both.affiliations.push_back({0, 1, "会长", false, {0, 0, 5}});
  builder.add(short_doc("b3"), both);
  const Graph g = builder.build();
  const auto people = vertices_named(g, VertexKind::person, "郑澜涛");
  REQUIRE(people.size() == 1);
  CHECK(g[people[0]].disambiguation.empty());
  const auto& held = edge_between(g, VertexKind::person, "郑澜涛", VertexKind::organization,
                                  "某某大学", EdgeKind::affiliation);
  CHECK(held.weight == Approx(2.0));
  REQUIRE(held.evidence.size() == 2);
  CHECK(held.evidence[0].document == "b1");
  CHECK(held.evidence[1].document == "b3");
}

TEST_CASE("namesake grouping does not depend on anything but the add() order", "[graph]") {
  auto build = [] {
    GraphBuilder builder;
    builder.add(short_doc("d1"), person_at("陈致远", "主任", "某某大学", "座谈会", "林晓燕"));
    builder.add(short_doc("d2"), person_at("陈致远", "会长", "某某商会", "座谈会", "林晓燕"));
    builder.add(short_doc("d3"), person_at("陈致远", "", "", "座谈会", "郑澜涛"));
    return builder.build();
  };
  const Graph a = build();
  const Graph b = build();
  CHECK(vertex_lines(a) == vertex_lines(b));
  CHECK(edge_lines(a) == edge_lines(b));
  CHECK(vertices_named(a, VertexKind::person, "陈致远").size() == 2);
}

TEST_CASE("view names round-trip and unknown names give nothing", "[graph]") {
  for (View view : {View::all, View::people, View::affiliations}) {
    CHECK(guanxi::view_from_name(to_string(view)) == view);
  }
  CHECK(std::string(to_string(View::affiliations)) == "affiliations");
  CHECK_FALSE(guanxi::view_from_name("persons"));
  CHECK_FALSE(guanxi::view_from_name("People"));
}

TEST_CASE("the people view keeps the persons and the co_attendance edges, in order", "[graph]") {
  const Graph g = guanxi::project(two_documents(), View::people);
  CHECK(vertex_lines(g) ==
        std::vector<std::string>{"person 李大华 mentions=2", "person 王小明 mentions=3"});
  CHECK(edge_lines(g) ==
        std::vector<std::string>{"co_attendance 李大华->王小明 w=2 @春季论坛 @秋季论坛"});
  // The edge keeps its data.
  CHECK(g[*boost::edges(g).first].evidence.size() == GraphBuilder::kMaxEvidence);
}

TEST_CASE("the affiliations view keeps persons, organisations and who works where", "[graph]") {
  const Graph g = guanxi::project(two_documents(), View::affiliations);
  CHECK(vertex_lines(g) == std::vector<std::string>{
                               "person 李大华 mentions=2",
                               "person 王小明 mentions=3",
                               "organization 某某协会 mentions=1",
                               "organization 某某科技公司 mentions=3 alias=某某公司 alias=某某科技",
                               "organization 某某科技公司研究院 mentions=1",
                           });
  CHECK(edge_lines(g) == std::vector<std::string>{
                             "affiliation 王小明->某某科技公司 总经理 former w=1",
                             "affiliation 王小明->某某科技公司 董事长 w=1",
                             "part_of 某某科技公司研究院->某某科技公司 w=1",
                             "member_of 某某科技公司->某某协会 w=1",
                         });
}

TEST_CASE("the all view is the graph itself", "[graph]") {
  const Graph g = two_documents();
  const Graph all = guanxi::project(g, View::all);
  CHECK(vertex_lines(all) == vertex_lines(g));
  CHECK(edge_lines(all) == edge_lines(g));
}

TEST_CASE("a graph given up to the all view comes back as it was, with the same GraphML",
          "[graph]") {
  Graph g = two_documents();
  std::ostringstream copied;
  guanxi::write_graphml(copied, guanxi::project(g, View::all));
  const auto vertices_before = boost::num_vertices(g);
  const Graph moved = guanxi::project(std::move(g), View::all);
  CHECK(boost::num_vertices(moved) == vertices_before);
  std::ostringstream given;
  guanxi::write_graphml(given, moved);
  CHECK(given.str() == copied.str());
  // Other views of a graph given up are the views of its copy.
  Graph again = two_documents();
  CHECK(edge_lines(guanxi::project(std::move(again), View::people)) ==
        edge_lines(guanxi::project(two_documents(), View::people)));
}

namespace {

using Corpus = std::vector<std::pair<Document, Extraction>>;

// Twenty-odd documents: namesakes kept apart by unrelated organisations (王建国),
// namesakes a later document joins through a part_of (陈致远), a name first
// seen without posts (周文斌), people met at events in several documents,
// aliases added by different documents, and an edge seen more often than
// kMaxEvidence (郑澜涛 at 某某大学).
Corpus merge_corpus() {
  Corpus corpus;
  auto add = [&corpus](const std::string& id, Extraction x) {
    corpus.emplace_back(make_doc(id, U"某人任某职出席某会。某单位隶属某单位。", {10, 19}),
                        std::move(x));
  };
  add("c01", person_at("陈致远", "主任", "某某大学", "座谈会", "林晓燕"));
  add("c02", person_at("陈致远", "会长", "某某商会", "年会", "郑澜涛"));
  add("c03", person_at("周文斌", "", "", "读书会", "林晓燕"));
  add("c04", person_at("王建国", "所长", "甲研究所", "座谈会", "林晓燕"));
  add("c05", person_at("王建国", "经理", "乙公司", "座谈会", "郑澜涛"));
  Extraction aliased = person_at("林晓燕", "秘书长", "某某商会", "年会", "郑澜涛");
  aliased.organizations[0].aliases = {"商会"};
  add("c06", aliased);
  add("c07", person_at("陈致远", "", "", "读书会", "周文斌"));
  add("c08", person_at("周文斌", "研究员", "甲研究所", "座谈会", "王建国"));
  add("c09", person_at("周文斌", "教授", "丙学院", "年会", "陈致远"));
  for (int i = 10; i < 18; ++i) {
    add("c" + std::to_string(i), person_at("郑澜涛", "教授", "某某大学", "座谈会", "林晓燕"));
  }
  // 某某商会 is part of 某某大学: from here on the two 陈致远 are one person.
  Extraction unit = person_at("林晓燕", "顾问", "某某大学");
  unit.organizations.push_back({"某某商会", {"总商会"}, {}});
  unit.org_relations = {{1, 0, OrgRelationKind::part_of, {1, 10, 19}}};
  add("c18", unit);
  add("c19", person_at("王建国", "所长", "甲研究所", "年会", "周文斌"));
  Extraction host = person_at("郑澜涛", "", "", "座谈会", "陈致远");
  host.attendances[0].role = Role::hosted;
  add("c20", host);
  add("c21", person_at("王建国", "董事", "丁集团", "座谈会", "郑澜涛"));
  return corpus;
}

Graph build_range(const Corpus& corpus, std::size_t begin, std::size_t end) {
  GraphBuilder builder;
  for (std::size_t i = begin; i < end; ++i) builder.add(corpus[i].first, corpus[i].second);
  return builder.build();
}

std::string graphml(const Graph& g) {
  std::ostringstream out;
  guanxi::write_graphml(out, g);
  return out.str();
}

}  // namespace

TEST_CASE("the merge corpus has what a merge must get right", "[graph][merge]") {
  const Corpus corpus = merge_corpus();
  const Graph g = build_range(corpus, 0, corpus.size());
  CHECK(vertices_named(g, VertexKind::person, "王建国").size() == 3);
  CHECK(vertices_named(g, VertexKind::person, "陈致远").size() == 1);
  // Before c18 (the 18th document), 陈致远 was two people.
  CHECK(corpus[17].first.id == "c18");
  CHECK(vertices_named(build_range(corpus, 0, 17), VertexKind::person, "陈致远").size() == 2);
  // 王建国's mention in c08, without a post, belongs to the first 王建国 (甲研究所).
  const auto wang = vertices_named(g, VertexKind::person, "王建国");
  CHECK(g[wang[0]].mentions == 3);
  CHECK(g[wang[0]].mentions_without_post == 1);
  CHECK(g[wang[1]].mentions_without_post == 0);
  const auto& held = edge_between(g, VertexKind::person, "郑澜涛", VertexKind::organization,
                                  "某某大学", EdgeKind::affiliation);
  CHECK(held.weight == Approx(8.0));
  CHECK(held.evidence.size() == GraphBuilder::kMaxEvidence);
  const auto& met = edge_between(g, VertexKind::person, "林晓燕", VertexKind::person, "郑澜涛",
                                 EdgeKind::co_attendance);
  CHECK(met.weight == Approx(9.0));
  CHECK(g[*guanxi::find_vertex(g, VertexKind::organization, "某某商会")].aliases ==
        std::vector<std::string>{"商会", "总商会"});
}

TEST_CASE("graphs of shards added to one builder equal one build over every document",
          "[graph][merge]") {
  const Corpus corpus = merge_corpus();
  const std::string whole = graphml(build_range(corpus, 0, corpus.size()));
  // Every cut into two shards, and every cut into three around the joining document c18.
  for (std::size_t cut = 0; cut <= corpus.size(); ++cut) {
    GraphBuilder merged;
    merged.add(build_range(corpus, 0, cut));
    merged.add(build_range(corpus, cut, corpus.size()));
    INFO("cut at " << cut);
    CHECK(graphml(merged.build()) == whole);
  }
  for (std::size_t a = 1; a < corpus.size(); a += 3) {
    for (std::size_t b = a; b <= corpus.size(); b += 4) {
      GraphBuilder merged;
      merged.add(build_range(corpus, 0, a));
      merged.add(build_range(corpus, a, b));
      merged.add(build_range(corpus, b, corpus.size()));
      INFO("cuts at " << a << " and " << b);
      CHECK(graphml(merged.build()) == whole);
    }
  }
}

TEST_CASE("documents added after a built graph equal one build over all of them",
          "[graph][merge]") {
  const Corpus corpus = merge_corpus();
  const std::string whole = graphml(build_range(corpus, 0, corpus.size()));
  for (std::size_t cut : {std::size_t{1}, std::size_t{5}, std::size_t{12}, std::size_t{18}}) {
    GraphBuilder grown;
    grown.add(build_range(corpus, 0, cut));
    for (std::size_t i = cut; i < corpus.size(); ++i) grown.add(corpus[i].first, corpus[i].second);
    INFO("existing graph of the first " << cut << " documents");
    CHECK(graphml(grown.build()) == whole);
  }
}

TEST_CASE("a graph added twice counts twice but keeps its five first evidence items",
          "[graph][merge]") {
  const Corpus corpus = merge_corpus();
  const Graph once = build_range(corpus, 0, corpus.size());
  GraphBuilder twice;
  twice.add(once);
  twice.add(once);
  const Graph g = twice.build();
  const auto& held = edge_between(g, VertexKind::person, "郑澜涛", VertexKind::organization,
                                  "某某大学", EdgeKind::affiliation);
  CHECK(held.weight == Approx(16.0));
  REQUIRE(held.evidence.size() == GraphBuilder::kMaxEvidence);
  CHECK(held.evidence.front().document == "c10");
  CHECK(held.evidence.back().document == "c14");
  CHECK(g[*guanxi::find_vertex(g, VertexKind::person, "郑澜涛")].mentions ==
        2 * once[*guanxi::find_vertex(once, VertexKind::person, "郑澜涛")].mentions);
}

TEST_CASE("an edge seen ten thousand times keeps its count and the same five items, merged or not",
          "[graph][merge]") {
  Extraction x = person_at("吴定邦", "理事", "某某基金会");
  auto shard = [&x](int begin, int end) {
    GraphBuilder builder;
    for (int i = begin; i < end; ++i) builder.add(short_doc("r" + std::to_string(i)), x);
    return builder.build();
  };
  const Graph whole = shard(0, 10000);
  const auto& edge = edge_between(whole, VertexKind::person, "吴定邦", VertexKind::organization,
                                  "某某基金会", EdgeKind::affiliation);
  CHECK(edge.weight == Approx(10000.0));
  REQUIRE(edge.evidence.size() == GraphBuilder::kMaxEvidence);
  CHECK(edge.evidence[0].document == "r0");
  CHECK(edge.evidence[4].document == "r4");
  GraphBuilder merged;
  merged.add(shard(0, 3));
  merged.add(shard(3, 10000));
  CHECK(graphml(merged.build()) == graphml(whole));
}

TEST_CASE("a people view cannot be merged: its co-attendance cannot be derived again",
          "[graph][merge]") {
  GraphBuilder builder;
  REQUIRE_THROWS_AS(builder.add(guanxi::project(two_documents(), View::people)), guanxi::Error);
  // The affiliations view has no co_attendance to lose.
  const Graph affiliations = guanxi::project(two_documents(), View::affiliations);
  builder.add(affiliations);
  CHECK(graphml(builder.build()) == graphml(affiliations));
}

TEST_CASE("shards written as GraphML and read back merge into the one build's bytes",
          "[graph][merge]") {
  const Corpus corpus = merge_corpus();
  const std::string whole = graphml(build_range(corpus, 0, corpus.size()));
  auto round_trip = [](const Graph& g) {
    std::istringstream in(graphml(g));
    return guanxi::read_graphml(in, "shard.graphml");
  };
  GraphBuilder merged;
  merged.add(round_trip(build_range(corpus, 0, 8)));
  merged.add(round_trip(build_range(corpus, 8, 17)));
  merged.add(round_trip(build_range(corpus, 17, corpus.size())));
  CHECK(graphml(merged.build()) == whole);
}

TEST_CASE("a builder given up to build() gives the graph its copy gives, and is empty after",
          "[graph][merge]") {
  const Corpus corpus = merge_corpus();
  GraphBuilder builder;
  for (const auto& [doc, x] : corpus) builder.add(doc, x);
  const GraphBuilder copy = builder;  // a copy numbers its keys apart from the original
  const std::string kept = graphml(builder.build());
  CHECK(graphml(builder.build()) == kept);  // building from a builder kept does not change it
  const std::string given = graphml(std::move(builder).build());
  CHECK(given == kept);
  CHECK(graphml(copy.build()) == kept);
  // The builder given up is empty, and builds again from what comes next.
  CHECK(boost::num_vertices(builder.build()) == 0);  // NOLINT(bugprone-use-after-move)
  builder.add(corpus[0].first, corpus[0].second);
  CHECK(graphml(builder.build()) == graphml(build_range(corpus, 0, 1)));
  // A copy assigned over a used builder and then grown equals one build over everything.
  GraphBuilder grown;
  grown.add(corpus[5].first, corpus[5].second);
  grown = GraphBuilder();
  for (std::size_t i = 0; i < corpus.size() - 1; ++i) grown.add(corpus[i].first, corpus[i].second);
  GraphBuilder assigned;
  assigned = grown;
  assigned.add(corpus.back().first, corpus.back().second);
  CHECK(graphml(std::move(assigned).build()) == kept);
}

TEST_CASE("people met at many events keep the count in the weight but only ten event labels",
          "[graph]") {
  GraphBuilder builder;
  // Twelve documents, each with its own event; 孙文静 and 钱立新 attend them all.
  for (int i = 11; i >= 0; --i) {
    builder.add(short_doc("m" + std::to_string(i)),
                person_at("孙文静", "", "", "第" + std::to_string(10 + i) + "次例会", "钱立新"));
  }
  const Graph g = builder.build();
  const auto& met = edge_between(g, VertexKind::person, "孙文静", VertexKind::person, "钱立新",
                                 EdgeKind::co_attendance);
  CHECK(met.weight == Approx(12.0));
  REQUIRE(met.events.size() == GraphBuilder::kMaxEvents);
  CHECK(met.events.front() == "第10次例会");
  CHECK(met.events.back() == "第19次例会");
  CHECK(std::is_sorted(met.events.begin(), met.events.end()));
  CHECK(met.evidence.size() == GraphBuilder::kMaxEvidence);
}

TEST_CASE("a graph handed out one vertex and edge at a time writes write_graphml's bytes",
          "[graph][export]") {
  const Corpus corpus = merge_corpus();
  for (const std::size_t threads : {1, 3}) {
    GraphBuilder builder;
    for (const auto& [doc, x] : corpus) builder.add(doc, x);
    const std::string whole = graphml(builder.build());
    std::ostringstream streamed;
    guanxi::GraphmlWriter writer(streamed, threads);
    std::size_t vertices = 0;
    std::move(builder).build(
        [&](guanxi::Vertex&& v) {
          writer.add_vertex(std::move(v));
          ++vertices;
        },
        [&](VertexId source, VertexId target, guanxi::Edge&& e) {
          CHECK(source < vertices);
          CHECK(target < vertices);
          writer.add_edge(source, target, std::move(e));
        });
    writer.finish();
    CHECK(streamed.str() == whole);
    CHECK(boost::num_vertices(builder.build()) == 0);  // NOLINT(bugprone-use-after-move)
  }
}

TEST_CASE("edges made whole on several threads are handed out in the one-thread order",
          "[graph]") {
  // 2500 documents, each an attendance and a post of its own, so that there
  // are several chunks of edges (1024 each) to make ahead.
  GraphBuilder builder;
  for (int i = 0; i < 2500; ++i) {
    const std::u32string text = U"第" + guanxi::decode_utf8(std::to_string(i)) + U"次年会召开";
    builder.add(make_doc("y" + std::to_string(i), text, {text.size()}),
                person_at(i % 2 == 0 ? "韩嘉禾" : "邵明远", "理事" + std::to_string(i % 7),
                          "某某学会" + std::to_string(i % 300), "第" + std::to_string(i) + "次年会"));
  }
  const GraphBuilder copy = builder;
  const std::string whole = graphml(copy.build());
  std::ostringstream streamed;
  guanxi::GraphmlWriter writer(streamed, 2);
  std::size_t edges = 0;
  std::move(builder).build([&](guanxi::Vertex&& v) { writer.add_vertex(std::move(v)); },
                           [&](VertexId source, VertexId target, guanxi::Edge&& e) {
                             writer.add_edge(source, target, std::move(e));
                             ++edges;
                           },
                           3);
  writer.finish();
  CHECK(edges > 3 * 1024);
  CHECK(streamed.str() == whole);
}

TEST_CASE("evidence sentences read back whole when there are megabytes of them", "[graph]") {
  // 3000 documents of one distinct 200-character sentence each (about 1.8 MB
  // of UTF-8), more than the evidence store keeps in memory before it writes.
  GraphBuilder builder;
  std::vector<std::string> sentences;
  for (int i = 0; i < 3000; ++i) {
    std::u32string text = U"第" + guanxi::decode_utf8(std::to_string(i)) + U"次会议";
    text += std::u32string(200 - text.size(), static_cast<char32_t>(U'甲' + i % 40));
    sentences.push_back(guanxi::encode_utf8(text));
    builder.add(make_doc("d" + std::to_string(i), text, {text.size()}),
                person_at("周雨桐", "", "", "第" + std::to_string(i) + "次会议"));
  }
  const GraphBuilder copy = builder;
  for (const Graph& g : {builder.build(), copy.build()}) {
    std::size_t checked = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
      if (g[e].kind != EdgeKind::attended) continue;
      const std::string& event = g[boost::target(e, g)].label;
      const int i = std::stoi(event.substr(std::string("第").size()));
      REQUIRE(g[e].evidence.size() == 1);
      CHECK(g[e].evidence[0].document == "d" + std::to_string(i));
      CHECK(g[e].evidence[0].sentence == sentences.at(i));
      ++checked;
    }
    CHECK(checked == sentences.size());
  }
}
