// guanxi query and guanxi render, run as processes on a digest written for
// this test (three meetings, overlapping attendees; invented names), given as
// news text and as the GraphML 'guanxi build' writes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using guanxi::testing::Result;
using guanxi::testing::run_cli;
using guanxi::testing::TempDir;

namespace {

const char* const kDigest =
    "第三届东湖青年创新论坛在江城举行\n\n"
    "本报讯 近日，第三届东湖青年创新论坛在江城举行。论坛由江城科技协会主办。"
    "江城科技协会会长周明远，江城科技协会副会长柳青禾，江城大学教授韩书言，"
    "江城科技协会青年工作委员会主任白若溪出席论坛。\n\n"
    "论坛由周明远主持。韩书言在论坛上作主旨演讲。\n\n"
    "（据《江城日报》）\n\n"
    "江城智能制造研讨会召开\n\n"
    "本报讯 日前，江城智能制造研讨会在江城召开。会议由江城大学主办。"
    "江城科技协会会长周明远，江城大学教授韩书言，星河机器人公司总经理罗嘉树，"
    "江城科技协会青年工作委员会主任白若溪参加了研讨会。\n\n"
    "罗嘉树在研讨会上发言。\n\n"
    "（据《江城日报》）\n\n"
    "滨江文化交流座谈会举行\n\n"
    "本报讯 滨江文化交流座谈会近日在滨江市举行。江城科技协会原秘书长陶知远，"
    "星河机器人公司总经理罗嘉树，滨江市文化促进会会长苏映雪出席座谈会。\n\n"
    "座谈会由苏映雪主持。\n\n"
    "（据《滨江晚报》）\n";

// A temporary folder holding digest.txt and the digest.graphml built from it;
// run() runs "guanxi ARGS" inside it.
class Workspace {
 public:
  Workspace() {
    dir_.write("digest.txt", kDigest);
    const Result built = run("build digest.txt -o digest.graphml");
    REQUIRE(built.status == 0);
  }

  fs::path path(const std::string& name) const { return dir_.path() / name; }
  std::string read(const std::string& name) const { return dir_.read(name); }
  Result run(const std::string& args) const { return run_cli(dir_, args); }

  nlohmann::json json(const std::string& args) const {
    const Result r = run(args + " --json");
    INFO(args << "\n" << r.err);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
  }

 private:
  TempDir dir_;
};

}  // namespace

TEST_CASE("guanxi query --help lists every query and every default", "[query-cli]") {
  Workspace w;
  const Result r = w.run("query --help");
  CHECK(r.status == 0);
  for (const char* part :
       {"attended-with NAME", "affiliations NAME", "members ORG", "events NAME", "path A B", "top",
        "stats", "--by MEASURE", "(default: degree)", "(default: 10)", "--json", "--jsonl",
        "--lexicon FILE", "--model FILE"}) {
    CHECK_THAT(r.out, Catch::Contains(part));
  }
  CHECK_THAT(w.run("--help").out, Catch::Contains("\n  query ") && Catch::Contains("\n  render "));
}

TEST_CASE("every query answers the same on the news and on the graph file built from it",
          "[query-cli]") {
  Workspace w;
  for (const char* query : {"attended-with 周明远", "affiliations 陶知远", "members 江城科技协会",
                            "events 韩书言", "path 柳青禾 苏映雪", "top", "stats"}) {
    INFO(query);
    const Result from_graph = w.run(std::string("query digest.graphml ") + query);
    const Result from_text = w.run(std::string("query digest.txt ") + query);
    CHECK(from_graph.status == 0);
    CHECK(from_graph.err.empty());
    CHECK_FALSE(from_graph.out.empty());
    CHECK(from_graph.out == from_text.out);
  }
}

TEST_CASE("query tables show companions, posts, members, events, the chain and the ranking",
          "[query-cli]") {
  Workspace w;
  const std::string with = w.run("query digest.graphml attended-with 周明远").out;
  CHECK_THAT(with, Catch::StartsWith("周明远 shared events with 4 people.\n"
                                     "person  shared  event"));
  CHECK_THAT(with, Catch::Contains("韩书言  2       江城智能制造研讨会"));
  CHECK_THAT(with, Catch::Contains("第三届东湖青年创新论坛  hosted          presented"));
  CHECK_THAT(w.run("query digest.graphml affiliations 陶").out,
             Catch::Contains("秘书长  江城科技协会  former"));
  CHECK_THAT(w.run("query digest.graphml members 江城科技协会").out,
             Catch::Contains("白若溪  主任    current  江城科技协会青年工作委员会"));
  const std::string path = w.run("query digest.graphml path 周明远 苏映雪").out;
  CHECK_THAT(path, Catch::StartsWith("周明远 -> 罗嘉树 -> 苏映雪 (2 steps)\n"
                                     "1. 周明远 -- met at 江城智能制造研讨会 -- 罗嘉树\n"));
  CHECK_THAT(path, Catch::Contains("[digest.txt#3] 座谈会由苏映雪主持。"));
  CHECK_THAT(w.run("query digest.graphml top -n 1").out,
             Catch::Equals("rank  person  degree\n1     罗嘉树  8\n"));
  CHECK_THAT(w.run("query digest.graphml stats").out, Catch::Contains("connected components  3\n"));
}

TEST_CASE("query --json gives the same answers as objects", "[query-cli]") {
  Workspace w;
  const auto with = w.json("query digest.graphml attended-with 周明远");
  CHECK(with["query"] == "attended-with");
  REQUIRE(with["companions"].size() == 4);
  CHECK(with["companions"][0]["person"] == "白若溪");
  CHECK(with["companions"][0]["shared"] == 2);
  CHECK(with["companions"][1]["events"][1]["their_role"] == "presented");

  const auto posts = w.json("query digest.graphml affiliations 白若溪");
  CHECK(posts["posts"][0]["within"] == nlohmann::json::array({"江城科技协会"}));
  CHECK(posts["posts"][0]["former"] == false);
  CHECK_FALSE(posts["posts"][0]["evidence"][0]["sentence"].get<std::string>().empty());

  const auto path = w.json("query digest.graphml path 周明远 苏映雪");
  CHECK(path["length"] == 2);
  CHECK(path["steps"][0]["kind"] == "co_attendance");
  CHECK(path["steps"][1]["to"] == "苏映雪");

  const auto top = w.json("query digest.graphml top --by betweenness -n 0");
  CHECK(top["by"] == "betweenness");
  CHECK(top["people"].size() == 7);
  CHECK(top["people"][0]["person"] == "罗嘉树");
  CHECK(top["people"][0]["score"].get<double>() > top["people"][1]["score"].get<double>());

  const auto s = w.json("query digest.graphml stats");
  CHECK(s["vertices"]["person"] == 7);
  CHECK(s["vertices"]["total"] == 17);
  CHECK(s["components"] == 3);
  CHECK(s["component_people"][0] == 7);

  const auto events = w.json("query digest.graphml events 江城大学");
  CHECK(events["organization"] == "江城大学");
  CHECK(events["events"][0]["event"] == "江城智能制造研讨会");
}

TEST_CASE("unknown and ambiguous names fail with the closest candidates", "[query-cli]") {
  Workspace w;
  const Result unknown = w.run("query digest.graphml attended-with 周明元");
  CHECK(unknown.status == 1);
  CHECK(unknown.out.empty());
  CHECK(unknown.err ==
        "guanxi: error: digest.graphml: unknown person \"周明元\" (closest: 周明远)\n");
  const Result ambiguous = w.run("query digest.graphml members 江城");
  CHECK(ambiguous.status == 1);
  CHECK_THAT(ambiguous.err, Catch::Contains("\"江城\" is ambiguous") &&
                                Catch::Contains("江城大学") && Catch::Contains("江城科技协会"));
}

TEST_CASE("query usage mistakes exit 2 with a hint", "[query-cli]") {
  Workspace w;
  for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
           {"query", "no GRAPH given"},
           {"query digest.graphml", "no QUERY given"},
           {"query digest.graphml atended-with 周明远", "did you mean 'attended-with'?"},
           {"query digest.graphml path 周明远", "path needs B"},
           {"query digest.graphml stats 周明远", "unexpected '周明远'"},
           {"query digest.graphml events 周明远 --by degree", "--by and --limit go with 'top'"},
           {"query digest.graphml top --by pagerank", "unknown centrality 'pagerank'"},
           {"query digest.graphml top -n many", "--limit"},
           {"query digest.dot stats", "cannot read the graph back from DOT"},
       }) {
    INFO(args);
    const Result r = w.run(args);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(message) && Catch::Contains("run 'guanxi query --help'"));
  }
  const Result missing = w.run("query nothing.graphml stats");
  CHECK(missing.status == 1);
  CHECK_THAT(missing.err, Catch::Contains("nothing.graphml"));
}

TEST_CASE("guanxi render writes svg, png and pdf from a graph file or from news", "[query-cli]") {
  Workspace w;
  REQUIRE(w.run("render digest.graphml -o net.svg").status == 0);
  const std::string svg = w.read("net.svg");
  for (const char* label : {"周明远", "罗嘉树", "江城科技协会", "滨江文化交流座谈会", "秘书长"}) {
    CHECK(svg.find(std::string(">") + label + "</text>") != std::string::npos);
  }
  REQUIRE(w.run("render digest.txt -o net.png --engine neato").status == 0);
  CHECK(w.read("net.png").compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  REQUIRE(w.run("render digest.graphml -o net.pdf --engine fdp").status == 0);
  CHECK(w.read("net.pdf").compare(0, 5, "%PDF-") == 0);
  REQUIRE(w.run("render digest.graphml -o - --format svg --engine sfdp").status == 0);
  CHECK(w.run("render --help").out.find("(default: Noto Sans CJK SC)") != std::string::npos);
}

TEST_CASE("render --top keeps the most connected people and their neighbourhood", "[query-cli]") {
  Workspace w;
  REQUIRE(w.run("render digest.graphml --top 1 -o top.svg").status == 0);
  const std::string svg = w.read("top.svg");
  // The best connected person, their company and both their meetings; no other person.
  for (const char* kept :
       {"罗嘉树", "星河机器人公司", "江城智能制造研讨会", "滨江文化交流座谈会"}) {
    CHECK(svg.find(std::string(">") + kept + "</text>") != std::string::npos);
  }
  for (const char* dropped : {"周明远", "苏映雪", "江城大学"}) {
    CHECK(svg.find(std::string(">") + dropped + "</text>") == std::string::npos);
  }
  REQUIRE(w.run("render digest.graphml --top 2 --by betweenness --view people -o p.svg").status ==
          0);
  CHECK(w.read("p.svg").find(">星河机器人公司</text>") == std::string::npos);
}

TEST_CASE("render refuses bad options and never overwrites an input", "[query-cli]") {
  Workspace w;
  for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
           {"render digest.graphml", "no -o OUT given"},
           {"render digest.graphml -o net.gif", "unknown picture format 'gif'"},
           {"render digest.graphml -o net", "cannot tell the picture format"},
           {"render digest.graphml -o net.svg --engine neat", "did you mean 'neato'?"},
           {"render digest.graphml -o net.svg --by degree", "--by goes with --top"},
           {"render digest.graphml digest.txt -o net.svg", "one graph file"},
           {"render digest.txt -o digest.txt --format svg", "refusing to overwrite"},
       }) {
    INFO(args);
    const Result r = w.run(args);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
  }
  CHECK(w.read("digest.txt") == kDigest);
  CHECK_FALSE(fs::exists(w.path("net.svg")));
  // A graph file that cannot be read leaves an earlier picture as it was.
  std::ofstream(w.path("old.svg")) << "earlier";
  std::ofstream(w.path("broken.graphml")) << "<graphml><graph><node id=\"n0\">";
  const Result broken = w.run("render broken.graphml -o old.svg");
  CHECK(broken.status == 1);
  CHECK_THAT(broken.err, Catch::StartsWith("guanxi: error: broken.graphml:"));
  CHECK(w.read("old.svg") == "earlier");
}
