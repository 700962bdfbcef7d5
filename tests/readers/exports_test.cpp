// GEXF, GraphML, CSV and JSON exports read by independent readers: networkx,
// igraph, Python's csv and json, and the graphology parsers of Gephi Lite.
// Each compares counts and every datum with what the model holds.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "expectations.hpp"
#include "guanxi/export.hpp"
#include "guanxi/guanxi.hpp"
#include "readers.hpp"
#include "shared/shared_data.hpp"
#include "test_graphs.hpp"

namespace {

using guanxi::Graph;
using namespace guanxi::testing;

// networkx 2.8 (Debian 12) knows GEXF 1.1draft and 1.2draft; networkx 3 adds
// the 1.3 namespaces exactly as below.
constexpr const char* kNetworkxGexf = R"(
import json, sys
import networkx as nx
from networkx.readwrite import gexf
if "1.3" not in gexf.GEXF.versions:
    gexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "VERSION": "1.3"}
g = nx.read_gexf(sys.argv[1], version="1.3")
# A multigraph (parallel edges present) keys edges by their GEXF id; a simple
# graph keeps the id among the edge's data.
if g.is_multigraph():
    edges = list(g.edges(keys=True, data=True))
else:
    edges = [(u, v, d.pop("id"), d) for u, v, d in g.edges(data=True)]
print(json.dumps({
    "directed": g.is_directed(), "multi": g.is_multigraph(),
    "nodes": {n: d for n, d in g.nodes(data=True)},
    "order": list(g.nodes()),
    "edges": {k: {"source": u, "target": v, "data": d} for u, v, k, d in edges}}))
)";

constexpr const char* kNetworkxGraphml = R"(
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
print(json.dumps({
    "directed": g.is_directed(), "multi": g.is_multigraph(),
    "nodes": {n: d for n, d in g.nodes(data=True)},
    "order": list(g.nodes()),
    "edges": {k: {"source": u, "target": v, "data": d}
              for u, v, k, d in g.edges(keys=True, data=True)}}))
)";

// igraph gives every vertex every attribute: absent text is "", absent numbers NaN.
constexpr const char* kIgraphGraphml = R"(
import json, math, sys
import igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
def present(attributes):
    return {k: v for k, v in attributes.items()
            if v is not None and v != "" and not (isinstance(v, float) and math.isnan(v))}
ids = g.vs["id"]
print(json.dumps({
    "directed": g.is_directed(),
    "nodes": {v["id"]: present(v.attributes()) for v in g.vs},
    "order": ids,
    "edges": {e["id"]: {"source": ids[e.source], "target": ids[e.target],
                        "data": present(e.attributes())} for e in g.es}}))
)";

constexpr const char* kCsvTables = R"(
import csv, json, sys
def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)
node_fields, nodes = rows(sys.argv[1])
edge_fields, edges = rows(sys.argv[2])
print(json.dumps({"node_fields": node_fields, "nodes": nodes,
                  "edge_fields": edge_fields, "edges": edges}))
)";

constexpr const char* kNodeLink = R"(
import json, sys
import networkx as nx
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
g = nx.node_link_graph(data)
print(json.dumps({
    "directed": g.is_directed(), "multi": g.is_multigraph(),
    "order": list(g.nodes()), "nodes": {n: d for n, d in g.nodes(data=True)},
    "edges": {str(k): {"source": u, "target": v, "data": d}
              for u, v, k, d in g.edges(keys=True, data=True)}}))
)";

std::vector<std::string> node_order(const Graph& g) {
  std::vector<std::string> out;
  for (std::size_t v = 0; v < boost::num_vertices(g); ++v) out.push_back("n" + std::to_string(v));
  return out;
}

// Checks a reader's {nodes, edges} against the model; edges are keyed by
// their id; the label of a GEXF node and the weight of a GEXF edge are GEXF's own.
void check_graph(const nlohmann::json& seen, const Graph& g, bool typed) {
  const auto nodes = expected_nodes(g);
  const auto edges = expected_edges(g);
  REQUIRE(seen["nodes"].size() == nodes.size());
  REQUIRE(seen["edges"].size() == edges.size());
  for (const auto& [id, texts] : nodes) {
    REQUIRE(seen["nodes"].contains(id));
    check_data(seen["nodes"][id], texts, typed, id);
  }
  for (const auto& [id, expected] : edges) {
    INFO("edge " << id);
    REQUIRE(seen["edges"].contains(id));
    const auto& edge = seen["edges"][id];
    CHECK(edge["source"] == expected.source);
    CHECK(edge["target"] == expected.target);
    check_data(edge["data"], expected.texts, typed, id);
  }
}

// Each reader below loads |g| as written and returns what it saw, after
// comparing counts, order and every datum with the model.

nlohmann::json networkx_reads_gexf(const Graph& g) {
  const TempPath file(".gexf");
  file.write(export_of(g, guanxi::Format::gexf));
  const auto seen = python_json(kNetworkxGexf, {file.path()});
  CHECK(seen["directed"] == true);
  CHECK(seen["edges"].size() == boost::num_edges(g));
  CHECK(seen["order"] == node_order(g));
  check_graph(seen, g, true);
  return seen;
}

nlohmann::json graphology_reads_gexf(const Graph& g) {
  const TempPath file(".gexf");
  file.write(export_of(g, guanxi::Format::gexf));
  const auto seen = graphology_json("gexf", file.path());
  CHECK(seen["type"] == "directed");
  CHECK(seen["order"] == boost::num_vertices(g));
  CHECK(seen["size"] == boost::num_edges(g));
  nlohmann::json keyed{
      {"nodes", seen["nodes"]}, {"edges", nlohmann::json::object()}, {"multi", seen["multi"]}};
  for (const auto& edge : seen["edges"]) {
    keyed["edges"][edge["id"].get<std::string>()] = {
        {"source", edge["source"]}, {"target", edge["target"]}, {"data", edge["attributes"]}};
  }
  check_graph(keyed, g, true);
  return keyed;
}

void networkx_and_igraph_read_graphml(const Graph& g) {
  const TempPath file(".graphml");
  file.write(export_of(g, guanxi::Format::graphml));
  const auto networkx = python_json(kNetworkxGraphml, {file.path()});
  CHECK(networkx["directed"] == true);
  CHECK(networkx["order"] == node_order(g));
  check_graph(networkx, g, true);
  const auto igraph = python_json(kIgraphGraphml, {file.path()});
  CHECK(igraph["directed"] == true);
  CHECK(igraph["order"] == node_order(g));
  check_graph(igraph, g, true);
}

void graphology_reads_graphml(const Graph& g) {
  const TempPath file(".graphml");
  file.write(export_of(g, guanxi::Format::graphml));
  const auto seen = graphology_json("graphml", file.path());
  CHECK(seen["type"] == "directed");
  CHECK(seen["order"] == boost::num_vertices(g));
  CHECK(seen["size"] == boost::num_edges(g));
  nlohmann::json keyed{{"nodes", seen["nodes"]}, {"edges", nlohmann::json::object()}};
  for (const auto& edge : seen["edges"]) {
    keyed["edges"][edge["id"].get<std::string>()] = {
        {"source", edge["source"]}, {"target", edge["target"]}, {"data", edge["attributes"]}};
  }
  check_graph(keyed, g, true);
}

void python_reads_csv(const Graph& g) {
  const TempPath nodes(".nodes.csv");
  const TempPath edges(".edges.csv");
  std::ostringstream node_table;
  std::ostringstream edge_table;
  guanxi::write_csv_nodes(node_table, g);
  guanxi::write_csv_edges(edge_table, g);
  nodes.write(node_table.str());
  edges.write(edge_table.str());
  const auto seen = python_json(kCsvTables, {nodes.path(), edges.path()});
  CHECK(seen["node_fields"] ==
        std::vector<std::string>{"Id", "Label", "kind", "aliases", "mentions", "document", "source",
                                 "place", "date", "disambiguation", "mentions_without_post"});
  CHECK(seen["edge_fields"] == std::vector<std::string>{"Source", "Target", "Type", "Id", "kind",
                                                        "title", "former", "role", "Weight",
                                                        "events", "evidence", "without_post"});
  nlohmann::json keyed{{"nodes", nlohmann::json::object()}, {"edges", nlohmann::json::object()}};
  std::vector<std::string> order;
  for (auto row : seen["nodes"]) {
    const std::string id = row["Id"];
    order.push_back(id);
    row["label"] = row["Label"];
    for (auto it = row.begin(); it != row.end();) it = it.value() == "" ? row.erase(it) : ++it;
    keyed["nodes"][id] = row;
  }
  CHECK(order == node_order(g));
  for (auto row : seen["edges"]) {
    CHECK(row["Type"] == "Directed");
    row["weight"] = row["Weight"];
    for (auto it = row.begin(); it != row.end();) it = it.value() == "" ? row.erase(it) : ++it;
    keyed["edges"][row["Id"].get<std::string>()] = {
        {"source", row["Source"]}, {"target", row["Target"]}, {"data", row}};
  }
  check_graph(keyed, g, false);
}

// Lists and evidence come as JSON structures; flattened to compare with the model.
nlohmann::json networkx_reads_node_link(const Graph& g, const std::string& text) {
  const TempPath file(".json");
  file.write(text);
  auto seen = python_json(kNodeLink, {file.path()});
  CHECK(seen["directed"] == true);
  CHECK(seen["multi"] == true);
  CHECK(seen["order"] == node_order(g));
  const auto flatten = [](nlohmann::json& data) {
    for (const char* list : {"aliases", "events"}) {
      if (!data.contains(list)) continue;
      std::vector<std::string> items = data[list];
      data[list] = joined(items);
    }
    if (data.contains("evidence")) {
      std::string lines;
      for (const auto& item : data["evidence"]) {
        if (!lines.empty()) lines += '\n';
        lines += item["document"].get<std::string>() + '\t' +
                 std::to_string(item["start"].get<std::size_t>()) + '-' +
                 std::to_string(item["end"].get<std::size_t>()) + '\t' +
                 item["sentence"].get<std::string>();
      }
      data["evidence"] = lines;
    }
  };
  for (auto& [id, data] : seen["nodes"].items()) flatten(data);
  nlohmann::json keyed{{"nodes", seen["nodes"]}, {"edges", nlohmann::json::object()}};
  for (auto& [key, edge] : seen["edges"].items()) {
    flatten(edge["data"]);
    keyed["edges"]["e" + key] = edge;
  }
  check_graph(keyed, g, true);
  return seen;
}

Graph graph_of(const std::string& text, const std::string& id) {
  guanxi::GraphBuilder builder;
  for (const auto& d : guanxi::Pipeline().analyze_text(text, id)) {
    builder.add(d.document, d.extraction);
  }
  return builder.build();
}

// The seed bulletin's graph, built by the library (exits 77 when ../shared is absent).
Graph seed_graph() {
  return graph_of(guanxi::test::read_shared("seeds/000_7be3d2dd4adab9aa.txt"),
                  "000_7be3d2dd4adab9aa");
}

// The bundled multi-article sample's graph (graphs/sample.txt).
Graph sample_graph() {
  std::ifstream in(std::string(GUANXI_SOURCE_DIR) + "/graphs/sample.txt", std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return graph_of(text.str(), "sample.txt");
}

}  // namespace

TEST_CASE("networkx reads the gexf with every datum typed and viz per kind", "[readers]") {
  const Graph g = full_graph();
  const auto seen = networkx_reads_gexf(g);
  CHECK(seen["multi"] == true);  // zhao attended the forum twice, as host and as attendee
  // Colours and sizes by kind: blue people, orange organisations, green events.
  const auto viz = [&](const char* id) { return seen["nodes"][id]["viz"]; };
  CHECK(viz("n1")["color"]["r"] == 59);
  CHECK(viz("n1")["color"]["b"] == 165);
  CHECK(viz("n1")["size"] == 10.0);
  CHECK(viz("n3")["color"]["r"] == 208);
  CHECK(viz("n3")["size"] == 16.0);
  CHECK(viz("n0")["color"]["g"] == 143);
  CHECK(viz("n0")["size"] == 13.0);
  CHECK(viz("n2") == viz("n1"));
}

TEST_CASE("graphology reads the gexf as Gephi Lite would", "[readers]") {
  const Graph g = full_graph();
  const auto keyed = graphology_reads_gexf(g);
  CHECK(keyed["multi"] == true);
  CHECK(keyed["nodes"]["n1"]["color"] == "rgb(59,110,165)");
  CHECK(keyed["nodes"]["n3"]["size"] == 16);
  // The title of an affiliation and the role of an attendance label their edges.
  CHECK(keyed["edges"]["e0"]["data"]["label"] == kHostileTitle);
  CHECK(keyed["edges"]["e2"]["data"]["label"] == "hosted");
}

TEST_CASE("networkx and igraph read the graphml of every datum, in order", "[readers]") {
  networkx_and_igraph_read_graphml(full_graph());
}

TEST_CASE("graphology reads the graphml of every datum", "[readers]") {
  graphology_reads_graphml(full_graph());
}

TEST_CASE("csv tables have Gephi's headers and read back field for field", "[readers]") {
  python_reads_csv(full_graph());
}

TEST_CASE("csv file names: OUT.csv gives OUT.nodes.csv and OUT.edges.csv", "[readers]") {
  CHECK(guanxi::csv_paths("out/net.csv").nodes == "out/net.nodes.csv");
  CHECK(guanxi::csv_paths("out/net.csv").edges == "out/net.edges.csv");
  CHECK(guanxi::csv_paths("net.CSV").nodes == "net.nodes.csv");
  CHECK(guanxi::csv_paths("net").edges == "net.edges.csv");
  CHECK(guanxi::csv_paths("a.b/net.tables").nodes == "a.b/net.tables.nodes.csv");
  std::ostringstream out;
  REQUIRE_THROWS_WITH(guanxi::write_graph(out, full_graph(), guanxi::Format::csv),
                      Catch::StartsWith("CSV is two tables"));
}

TEST_CASE("networkx reads the node-link json, with lists and evidence as structures", "[readers]") {
  const Graph g = full_graph();
  const std::string text = export_of(g, guanxi::Format::json);
  const auto seen = networkx_reads_node_link(g, text);
  CHECK(seen["nodes"]["n1"]["aliases"] == "赵会长|一鸣");
  const auto document = nlohmann::json::parse(text);
  CHECK(document["nodes"][1]["aliases"] == nlohmann::json::array({"赵会长", "一鸣"}));
  CHECK(document["links"][0]["evidence"][0]["start"] == 10);
  CHECK(document["links"][0]["former"] == false);
}

namespace {

// Every independent reader on every export of |g|.
void every_reader_reads(const Graph& g) {
  networkx_reads_gexf(g);
  graphology_reads_gexf(g);
  networkx_and_igraph_read_graphml(g);
  graphology_reads_graphml(g);
  python_reads_csv(g);
  networkx_reads_node_link(g, export_of(g, guanxi::Format::json));
}

}  // namespace

TEST_CASE("the bundled multi-article sample's graph reads back in every export format",
          "[readers]") {
  const Graph g = sample_graph();
  REQUIRE(boost::num_vertices(g) > 20);
  every_reader_reads(g);
}

TEST_CASE("the seed's graph reads back in every export format, datum for datum",
          "[readers][seed]") {
  const Graph g = seed_graph();
  REQUIRE(boost::num_vertices(g) > 40);
  every_reader_reads(g);
}
