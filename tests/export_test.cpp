// Stage 5: GraphML and DOT exports, read back by networkx and Graphviz.
#include <catch2/catch.hpp>

#include <graphviz/cgraph.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "guanxi/error.hpp"
#include "guanxi/export.hpp"

#include "cli_run.hpp"
#include "dot_text.hpp"

namespace {

using guanxi::Edge;
using guanxi::EdgeKind;
using guanxi::ExportError;
using guanxi::Format;
using guanxi::Graph;
using guanxi::Role;
using guanxi::Vertex;
using guanxi::VertexKind;
using guanxi::testing::from_dot_label;
using guanxi::testing::from_dot_text;
using guanxi::testing::read_file;
using guanxi::testing::run;
using guanxi::testing::run_with_input;
using guanxi::testing::TempPath;

guanxi::VertexId add_vertex(Graph& g, VertexKind kind, const std::string& label,
                            std::vector<std::string> aliases = {}, std::size_t mentions = 1) {
  return boost::add_vertex(Vertex{kind, label, std::move(aliases), mentions}, g);
}

// The input of the golden files: two people, an association and a forum,
// one edge of every kind that the builder emits for them, and a namesake of
// one of the people (n5, without edges).
Graph small_graph() {
  Graph g;
  const auto li = add_vertex(g, VertexKind::person, "李大华");
  const auto wang = add_vertex(g, VertexKind::person, "王小明", {}, 3);
  const auto body = add_vertex(g, VertexKind::organization, "某某协会", {"协会"}, 2);
  const auto unit = add_vertex(g, VertexKind::organization, "某某协会秘书处");
  const auto forum = add_vertex(g, VertexKind::event, "春季论坛", {}, 2);
  const auto namesake = add_vertex(g, VertexKind::person, "王小明");
  g[wang].disambiguation = "one of 2 people named 王小明; held 会长 at 某某协会";
  g[namesake].disambiguation = "namesake of another 王小明; held 主任 at 某某大学";
  g[forum].document = "样例.txt";
  g[forum].source = "某某日报";
  g[forum].place = "京";
  g[forum].date = "2023年5月8日";

  const guanxi::EdgeEvidence said{"样例.txt", "原某某协会会长王小明主持春季论坛。", 0, 16};
  const guanxi::EdgeEvidence came{"样例.txt", "李大华出席。", 17, 22};

  Edge affiliation;
  affiliation.kind = EdgeKind::affiliation;
  affiliation.title = "会长";
  affiliation.former = true;
  affiliation.evidence = {said};
  boost::add_edge(wang, body, affiliation, g);

  Edge hosted;
  hosted.kind = EdgeKind::attended;
  hosted.role = Role::hosted;
  hosted.weight = 2;
  hosted.evidence = {said, said};
  boost::add_edge(wang, forum, hosted, g);

  Edge attended;
  attended.kind = EdgeKind::attended;
  attended.role = Role::attended;
  attended.evidence = {came};
  boost::add_edge(li, forum, attended, g);

  Edge organized;
  organized.kind = EdgeKind::organized;
  boost::add_edge(body, forum, organized, g);

  Edge shared;
  shared.kind = EdgeKind::co_attendance;
  shared.events = {"春季论坛"};
  shared.evidence = {came, said};
  boost::add_edge(li, wang, shared, g);

  Edge part_of;
  part_of.kind = EdgeKind::part_of;
  part_of.weight = 1.5;
  boost::add_edge(unit, body, part_of, g);
  return g;
}

// Every character the exports must carry as data, not markup.
const std::string kTrickyLabel = "引\"号\" 反\\斜 <b>小于 &amp; 换\n行 A->B 尾\\\" 末\\";
const std::string kTrickyTitle = "副\\n会长 <&> \"quoted\"";

Graph tricky_graph() {
  Graph g;
  const auto person = add_vertex(g, VertexKind::person, kTrickyLabel, {"别|名", "a\\b"});
  const auto org = add_vertex(g, VertexKind::organization, "某某\r会 \t");
  Edge edge;
  edge.kind = EdgeKind::affiliation;
  edge.title = kTrickyTitle;
  edge.evidence = {{"doc\t1", "第一行\n第二行", 3, 9}};
  boost::add_edge(person, org, edge, g);
  return g;
}

std::string graphml_of(const Graph& g) {
  std::ostringstream out;
  guanxi::write_graphml(out, g);
  return out.str();
}

std::string dot_of(const Graph& g) {
  std::ostringstream out;
  guanxi::write_dot(out, g);
  return out.str();
}

// An interpreter that can import networkx ("python3" on PATH may lack it), or "".
std::string networkx_python() {
  for (const char* candidate : {"python3", "/usr/bin/python3"}) {
    const std::string probe = std::string(candidate) + " -c 'import networkx' >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return candidate;
  }
  return {};
}

// Reads |graphml| with networkx.read_graphml and xml.etree; returns what it saw:
// counts, directedness, every node's and edge's attributes as [type, value],
// and the keys' attributes.
nlohmann::json read_with_networkx(const std::string& python, const std::string& graphml) {
  const TempPath file(".graphml");
  file.write(graphml);
  const std::string script =
      "import json, sys\n"
      "import xml.etree.ElementTree as ET\n"
      "import networkx as nx\n"
      "g = nx.read_graphml(sys.argv[1])\n"
      "typed = lambda d: {k: [type(v).__name__, v] for k, v in d.items()}\n"
      "ns = {\"g\": \"http://graphml.graphdrawing.org/xmlns\"}\n"
      "keys = [k.attrib for k in ET.parse(sys.argv[1]).getroot().findall(\"g:key\", ns)]\n"
      "print(json.dumps({\"nodes\": g.number_of_nodes(), \"edges\": g.number_of_edges(),\n"
      "  \"directed\": g.is_directed(),\n"
      "  \"node_data\": {n: typed(d) for n, d in g.nodes(data=True)},\n"
      "  \"edge_data\": [[u, v, typed(d)] for u, v, d in g.edges(data=True)],\n"
      "  \"keys\": keys}))\n";
  const auto [status, output] = run(python + " -c '" + script + "' '" + file.path() + "'");
  REQUIRE(status == 0);
  return nlohmann::json::parse(output);
}

// The DOT text parsed by cgraph's agread: attributes of nodes (by node name)
// and of edges (in the order read).
struct ReadBack {
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> aliases;
  std::map<std::string, std::string> places;  // only the nodes that have one
  std::map<std::string, std::string> disambiguations;
  std::vector<std::string> edge_ends;  // "n0->n1", sorted
  std::vector<std::string> edge_titles;
  std::vector<std::string> edge_labels;
  std::vector<std::string> evidence;
};

ReadBack read_with_cgraph(const std::string& dot) {
  std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> g(agmemread(dot.c_str()), agclose);
  REQUIRE(g);
  // agget returns null for an attribute the file never declared.
  const auto get = [](void* object, std::string name) -> std::string {
    const char* value = agget(object, name.data());
    return value ? value : "";
  };
  ReadBack out;
  for (Agnode_t* n = agfstnode(g.get()); n; n = agnxtnode(g.get(), n)) {
    out.labels[agnameof(n)] = get(n, "label");
    out.aliases[agnameof(n)] = get(n, "aliases");
    if (const std::string place = get(n, "place"); !place.empty()) out.places[agnameof(n)] = place;
    out.disambiguations[agnameof(n)] = get(n, "disambiguation");
    for (Agedge_t* e = agfstout(g.get(), n); e; e = agnxtout(g.get(), e)) {
      out.edge_ends.push_back(std::string(agnameof(agtail(e))) + "->" + agnameof(aghead(e)));
      out.edge_titles.push_back(get(e, "title"));
      out.edge_labels.push_back(get(e, "label"));
      out.evidence.push_back(get(e, "evidence"));
    }
  }
  std::sort(out.edge_ends.begin(), out.edge_ends.end());
  return out;
}

// Compares |actual| with tests/golden/|name|, or rewrites the file when
// GUANXI_UPDATE_GOLDEN=1.
void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(GUANXI_SOURCE_DIR) + "/tests/golden/" + name;
  const char* update = std::getenv("GUANXI_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary);
    out << actual;
    REQUIRE(out.good());
    WARN("updated " << path);
    return;
  }
  const std::string expected = read_file(path);
  INFO("golden file " << path << " (regenerate with GUANXI_UPDATE_GOLDEN=1)");
  CHECK(actual == expected);
}

}  // namespace

TEST_CASE("format names are graphml, dot, gexf, csv and json, and a near miss gets a suggestion", "[export]") {
  CHECK(guanxi::format_from_name("graphml") == Format::graphml);
  CHECK(guanxi::format_from_name("dot") == Format::dot);
  REQUIRE_THROWS_AS(guanxi::format_from_name("grapml"), ExportError);
  REQUIRE_THROWS_WITH(guanxi::format_from_name("grapml"),
                      Catch::Contains("did you mean graphml?"));
  REQUIRE_THROWS_WITH(guanxi::format_from_name("GraphML"),
                      Catch::Contains("did you mean graphml?"));
  REQUIRE_THROWS_WITH(guanxi::format_from_name("dto"), Catch::Contains("did you mean dot?"));
  CHECK(guanxi::format_from_name("gexf") == Format::gexf);
  CHECK(guanxi::format_from_name("csv") == Format::csv);
  CHECK(guanxi::format_from_name("json") == Format::json);
  REQUIRE_THROWS_WITH(guanxi::format_from_name("gefx"), Catch::Contains("did you mean gexf?"));
  REQUIRE_THROWS_WITH(guanxi::format_from_name("JSON"), Catch::Contains("did you mean json?"));
  REQUIRE_THROWS_WITH(guanxi::format_from_name("yaml"),
                      "unknown export format \"yaml\" (use graphml, dot, gexf, csv or json)");
}

TEST_CASE("the format follows a path's extension", "[export]") {
  CHECK(guanxi::format_from_path("out/graph.graphml") == Format::graphml);
  CHECK(guanxi::format_from_path("graph.XML") == Format::graphml);
  CHECK(guanxi::format_from_path("a.b/graph.dot") == Format::dot);
  CHECK(guanxi::format_from_path("graph.gv") == Format::dot);
  CHECK(guanxi::format_from_path("graph.gexf") == Format::gexf);
  CHECK(guanxi::format_from_path("out/graph.CSV") == Format::csv);
  CHECK(guanxi::format_from_path("graph.json") == Format::json);
  CHECK_FALSE(guanxi::format_from_path("graph.svg"));
  CHECK_FALSE(guanxi::format_from_path("-"));
  CHECK_FALSE(guanxi::format_from_path("dot"));
}

TEST_CASE("graphml declares typed keys for nodes and edges only", "[export]") {
  const std::string xml = graphml_of(small_graph());
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml ", 0) == 0);
  CHECK(xml.find("<graph id=\"G\" edgedefault=\"directed\">") != std::string::npos);
  for (const char* key :
       {"<key id=\"v_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>",
        "<key id=\"v_kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>",
        "<key id=\"v_aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>",
        "<key id=\"v_mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>",
        "<key id=\"v_document\" for=\"node\" attr.name=\"document\" attr.type=\"string\"/>",
        "<key id=\"v_source\" for=\"node\" attr.name=\"source\" attr.type=\"string\"/>",
        "<key id=\"v_place\" for=\"node\" attr.name=\"place\" attr.type=\"string\"/>",
        "<key id=\"v_date\" for=\"node\" attr.name=\"date\" attr.type=\"string\"/>",
        "<key id=\"v_disambiguation\" for=\"node\" attr.name=\"disambiguation\" "
        "attr.type=\"string\"/>",
        "<key id=\"e_kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>",
        "<key id=\"e_title\" for=\"edge\" attr.name=\"title\" attr.type=\"string\"/>",
        "<key id=\"e_former\" for=\"edge\" attr.name=\"former\" attr.type=\"boolean\"/>",
        "<key id=\"e_role\" for=\"edge\" attr.name=\"role\" attr.type=\"string\"/>",
        "<key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>",
        "<key id=\"e_events\" for=\"edge\" attr.name=\"events\" attr.type=\"string\"/>",
        "<key id=\"e_evidence\" for=\"edge\" attr.name=\"evidence\" attr.type=\"string\"/>",
        "<key id=\"v_mentions_without_post\" for=\"node\" attr.name=\"mentions_without_post\" "
        "attr.type=\"int\"/>",
        "<key id=\"e_without_post\" for=\"edge\" attr.name=\"without_post\" "
        "attr.type=\"boolean\"/>"}) {
    CHECK(xml.find(key) != std::string::npos);
  }
  std::size_t keys = 0;
  for (std::size_t at = xml.find("<key "); at != std::string::npos; at = xml.find("<key ", at + 1)) {
    ++keys;
  }
  CHECK(keys == 18);
}

TEST_CASE("networkx reads the graphml back with typed attributes", "[export]") {
  const std::string python = networkx_python();
  if (python.empty()) FAIL("no python3 that imports networkx: scripts/setup installs python3-networkx");
  const auto seen = read_with_networkx(python, graphml_of(small_graph()));
  CHECK(seen["nodes"] == 6);
  CHECK(seen["edges"] == 6);
  CHECK(seen["directed"] == true);
  for (const auto& key : seen["keys"]) {
    CHECK((key["for"] == "node" || key["for"] == "edge"));
    CHECK(key.contains("attr.name"));
    CHECK(key.contains("attr.type"));
  }
  const auto& wang = seen["node_data"]["n1"];
  CHECK(wang["label"] == nlohmann::json::array({"str", "王小明"}));
  CHECK(wang["kind"] == nlohmann::json::array({"str", "person"}));
  CHECK(wang["mentions"] == nlohmann::json::array({"int", 3}));
  CHECK(seen["node_data"]["n2"]["aliases"] == nlohmann::json::array({"str", "协会"}));

  bool saw_affiliation = false;
  bool saw_part_of = false;
  for (const auto& edge : seen["edge_data"]) {
    const auto& data = edge[2];
    CHECK(data["weight"][0] == "float");
    if (data["kind"][1] == "affiliation") {
      saw_affiliation = true;
      CHECK(edge[0] == "n1");
      CHECK(edge[1] == "n2");
      CHECK(data["former"] == nlohmann::json::array({"bool", true}));
      CHECK(data["title"] == nlohmann::json::array({"str", "会长"}));
      CHECK(data["evidence"][1] == "样例.txt\t0-16\t原某某协会会长王小明主持春季论坛。");
    }
    if (data["kind"][1] == "part_of") {
      saw_part_of = true;
      CHECK(data["weight"][1] == 1.5);
      CHECK_FALSE(data.contains("former"));
    }
    if (data["kind"][1] == "co_attendance") {
      CHECK(data["events"][1] == "春季论坛");
      CHECK(data["evidence"][1] ==
            "样例.txt\t17-22\t李大华出席。\n样例.txt\t0-16\t原某某协会会长王小明主持春季论坛。");
    }
  }
  CHECK(saw_affiliation);
  CHECK(saw_part_of);
}

TEST_CASE("networkx reads an event's document, source, place and date and a namesake's reason",
          "[export]") {
  const std::string python = networkx_python();
  if (python.empty()) FAIL("no python3 that imports networkx: scripts/setup installs python3-networkx");
  const auto seen = read_with_networkx(python, graphml_of(small_graph()));
  const auto& forum = seen["node_data"]["n4"];
  CHECK(forum["kind"][1] == "event");
  CHECK(forum["document"] == nlohmann::json::array({"str", "样例.txt"}));
  CHECK(forum["source"] == nlohmann::json::array({"str", "某某日报"}));
  CHECK(forum["place"] == nlohmann::json::array({"str", "京"}));
  CHECK(forum["date"] == nlohmann::json::array({"str", "2023年5月8日"}));
  CHECK_FALSE(forum.contains("disambiguation"));
  CHECK(seen["node_data"]["n1"]["disambiguation"][1] ==
        "one of 2 people named 王小明; held 会长 at 某某协会");
  CHECK(seen["node_data"]["n5"]["label"][1] == "王小明");
  CHECK(seen["node_data"]["n5"]["disambiguation"][1] ==
        "namesake of another 王小明; held 主任 at 某某大学");
  // Empty data is left out.
  for (const char* key : {"document", "source", "place", "date", "disambiguation"}) {
    CHECK_FALSE(seen["node_data"]["n0"].contains(key));
  }
}

TEST_CASE("quotes, backslashes, markup and line breaks survive graphml as data", "[export]") {
  const std::string python = networkx_python();
  if (python.empty()) FAIL("no python3 that imports networkx: scripts/setup installs python3-networkx");
  const auto seen = read_with_networkx(python, graphml_of(tricky_graph()));
  CHECK(seen["node_data"]["n0"]["label"][1] == kTrickyLabel);
  CHECK(seen["node_data"]["n0"]["aliases"][1] == "别|名|a\\b");
  CHECK(seen["node_data"]["n1"]["label"][1] == "某某\r会 \t");
  CHECK(seen["edge_data"][0][2]["title"][1] == kTrickyTitle);
  // Tabs and line breaks inside an evidence field become spaces.
  CHECK(seen["edge_data"][0][2]["evidence"][1] == "doc 1\t3-9\t第一行 第二行");
}

TEST_CASE("characters XML 1.0 cannot hold become U+FFFD in graphml", "[export]") {
  Graph g;
  add_vertex(g, VertexKind::person, std::string("甲\x01乙\x1f丙") + "\xff" + "丁\xef\xbf\xbe");
  const std::string xml = graphml_of(g);
  CHECK(xml.find("<data key=\"v_label\">甲\uFFFD乙\uFFFD丙\uFFFD丁\uFFFD</data>") !=
        std::string::npos);
}

TEST_CASE("dot output is read back by cgraph and laid out by dot", "[export]") {
  const Graph g = small_graph();
  const std::string dot = dot_of(g);
  CHECK(dot.rfind("digraph guanxi {", 0) == 0);
  const ReadBack back = read_with_cgraph(dot);
  CHECK(back.labels == std::map<std::string, std::string>{{"n0", "李大华"},
                                                          {"n1", "王小明"},
                                                          {"n2", "某某协会"},
                                                          {"n3", "某某协会秘书处"},
                                                          {"n4", "春季论坛"},
                                                          {"n5", "王小明"}});
  CHECK(back.places == std::map<std::string, std::string>{{"n4", "京"}});
  CHECK(back.disambiguations.at("n5") == "namesake of another 王小明; held 主任 at 某某大学");
  CHECK(back.edge_ends ==
        std::vector<std::string>{"n0->n1", "n0->n4", "n1->n2", "n1->n4", "n2->n4", "n3->n2"});
  CHECK(run_with_input("dot -Tsvg >/dev/null", dot) == 0);
}

TEST_CASE("quotes, backslashes, markup and line breaks survive dot as data", "[export]") {
  const std::string dot = dot_of(tricky_graph());
  const ReadBack back = read_with_cgraph(dot);
  REQUIRE(back.labels.size() == 2);
  CHECK(from_dot_label(back.labels.at("n0")) == kTrickyLabel);
  CHECK(from_dot_text(back.aliases.at("n0")) == "别|名|a\\b");
  CHECK(back.labels.at("n1") == "某某\r会 \t");
  REQUIRE(back.edge_titles.size() == 1);
  CHECK(from_dot_text(back.edge_titles[0]) == kTrickyTitle);
  CHECK(from_dot_label(back.edge_labels[0]) == kTrickyTitle);
  CHECK(back.evidence[0] == "doc 1\t3-9\t第一行 第二行");
  CHECK(run_with_input("dot -Tsvg >/dev/null", dot) == 0);
}

TEST_CASE("values that look almost like numbers, and lone line breaks, read back exactly from dot",
          "[export]") {
  // Graphviz 2.42's agwrite leaves "-." bare, as if it were a number, and its
  // parser then refuses the file; its parser also drops a line break that
  // stands alone between quotes. The rest are near misses either way.
  const std::vector<std::string> texts = {"-.",    ".",    "-",     "..",   "-.-",  "1.",
                                          "-1.5.", "--",   "1.2.3", "-.5",  "007",  "-0",
                                          "\n",    "\"\n", "\n\"",  "\\\n", "a\n\\"};
  Graph g;
  const auto body = add_vertex(g, VertexKind::organization, "某某协会");
  for (const auto& text : texts) {
    const auto person = add_vertex(g, VertexKind::person, text, {text});
    Edge edge;
    edge.kind = EdgeKind::affiliation;
    edge.title = text;
    boost::add_edge(person, body, edge, g);
  }
  const std::string dot = dot_of(g);
  CHECK(dot.find("=-.,") == std::string::npos);
  const ReadBack back = read_with_cgraph(dot);
  REQUIRE(back.labels.size() == texts.size() + 1);
  REQUIRE(back.edge_titles.size() == texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string node = "n" + std::to_string(i + 1);
    INFO(node << " " << dot);
    CHECK(from_dot_label(back.labels.at(node)) == texts[i]);
    CHECK(from_dot_text(back.aliases.at(node)) == texts[i]);
    CHECK(from_dot_text(back.edge_titles[i]) == texts[i]);
    CHECK(from_dot_label(back.edge_labels[i]) == texts[i]);
  }
  CHECK(run_with_input("dot -Tsvg >/dev/null 2>&1", dot) == 0);
}

TEST_CASE("long text stays on one line in dot", "[export]") {
  std::string sentence;
  for (int i = 0; i < 20; ++i) sentence += "Li Dahua 出席 forum, ";
  Graph g;
  const auto a = add_vertex(g, VertexKind::person, "李大华");
  const auto b = add_vertex(g, VertexKind::event, "论坛");
  Edge edge;
  edge.kind = EdgeKind::attended;
  edge.evidence = {{"x", sentence, 0, 1}};
  boost::add_edge(a, b, edge, g);
  const std::string dot = dot_of(g);
  CHECK(dot.find("\\\n") == std::string::npos);
  CHECK(read_with_cgraph(dot).evidence.at(0) == "x\t0-1\t" + sentence);
}

TEST_CASE("exports match the golden files byte for byte", "[export]") {
  const Graph g = small_graph();
  check_golden("small.graphml", graphml_of(g));
  check_golden("small.dot", dot_of(g));
}

TEST_CASE("the same graph always gives the same bytes", "[export]") {
  CHECK(graphml_of(small_graph()) == graphml_of(small_graph()));
  CHECK(dot_of(small_graph()) == dot_of(small_graph()));
}

TEST_CASE("graphml formatted on several threads has the bytes of one thread", "[export]") {
  // Thousands of nodes and edges, so that they span many chunks of work.
  Graph g;
  for (int i = 0; i < 2500; ++i) {
    add_vertex(g, i % 3 == 0 ? VertexKind::organization : VertexKind::person,
               "某某" + std::to_string(i) + (i % 7 == 0 ? "<&\"\x01>" : ""), {}, i % 5 + 1);
  }
  for (std::size_t i = 0; i < 6000; ++i) {
    Edge edge;
    edge.kind = i % 2 == 0 ? EdgeKind::affiliation : EdgeKind::attended;
    edge.title = "主任" + std::to_string(i);
    edge.weight = 1.0 + static_cast<double>(i % 4);
    edge.evidence.push_back({"doc" + std::to_string(i), "第" + std::to_string(i) + "句\t&", i, i + 2});
    boost::add_edge(i % 2500, (i * 7 + 1) % 2500, edge, g);
  }
  std::ostringstream one;
  guanxi::write_graphml(one, g, 1);
  for (std::size_t threads : {2, 3, 8}) {
    std::ostringstream many;
    guanxi::write_graphml(many, g, threads);
    CHECK(many.str() == one.str());
  }
  const std::string xml = one.str();
  CHECK(xml.find("<edge id=\"e5999\" ") != std::string::npos);
  CHECK(xml.find("<node id=\"n2499\">") < xml.find("<edge id=\"e0\" "));
  CHECK(xml.find("某某7&lt;&amp;&quot;\uFFFD&gt;") != std::string::npos);
  std::ostringstream small;
  guanxi::write_graphml(small, small_graph(), 4);
  CHECK(small.str() == graphml_of(small_graph()));

  // The same graph handed over piece by piece.
  for (std::size_t threads : {1, 3}) {
    std::ostringstream streamed;
    guanxi::GraphmlWriter writer(streamed, threads);
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
      CHECK(writer.add_vertex(g[v]) == v);
    }
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
      writer.add_edge(boost::source(e, g), boost::target(e, g), g[e]);
    }
    writer.finish();
    CHECK(streamed.str() == one.str());
  }
}

TEST_CASE("a GraphmlWriter refuses vertices after edges and edges to unknown vertices",
          "[export]") {
  std::ostringstream out;
  guanxi::GraphmlWriter writer(out);
  writer.add_vertex(Vertex{VertexKind::person, "王小明", {}, 1});
  writer.add_vertex(Vertex{VertexKind::organization, "某某协会", {}, 1});
  REQUIRE_THROWS_AS(writer.add_edge(0, 2, Edge{}), ExportError);
  writer.add_edge(0, 1, Edge{});
  REQUIRE_THROWS_AS(writer.add_vertex(Vertex{}), ExportError);
  writer.finish();
  Graph g;
  add_vertex(g, VertexKind::person, "王小明");
  add_vertex(g, VertexKind::organization, "某某协会");
  boost::add_edge(0, 1, Edge{}, g);
  CHECK(out.str() == graphml_of(g));

  std::ostringstream broken;
  broken.setstate(std::ios::badbit);
  guanxi::GraphmlWriter failing(broken, 2);
  failing.add_vertex(Vertex{});
  REQUIRE_THROWS_AS(failing.finish(), ExportError);
}

TEST_CASE("write_graph dispatches on the format", "[export]") {
  const Graph g = small_graph();
  std::ostringstream graphml;
  guanxi::write_graph(graphml, g, Format::graphml);
  CHECK(graphml.str() == graphml_of(g));
  std::ostringstream dot;
  guanxi::write_graph(dot, g, Format::dot);
  CHECK(dot.str() == dot_of(g));
}

TEST_CASE("a stream that cannot be written throws ExportError", "[export]") {
  const Graph g = small_graph();
  std::ostringstream broken;
  broken.setstate(std::ios::badbit);
  REQUIRE_THROWS_AS(guanxi::write_graphml(broken, g), ExportError);
  REQUIRE_THROWS_AS(guanxi::write_graphml(broken, g, 2), ExportError);
  REQUIRE_THROWS_AS(guanxi::write_dot(broken, g), ExportError);
}
