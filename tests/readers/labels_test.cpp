// Labels are data, never syntax: a name holding " \ < & ] ; a line break and
// -> comes out of every export, and of the drawing, exactly as it went in,
// read back by Graphviz (cgraph, dot), an XML parser, networkx, csv and json.
#include <catch2/catch.hpp>

#include <graphviz/cgraph.h>

#include <memory>
#include <sstream>

#include "dot_text.hpp"
#include "guanxi/export.hpp"
#include "guanxi/load.hpp"
#include "guanxi/render.hpp"
#include "readers.hpp"
#include "test_graphs.hpp"

namespace {

using guanxi::Graph;
using namespace guanxi::testing;

// The hostile person is n2; its affiliation (title kHostileTitle) is e0, n1 -> n3.
constexpr const char* kHostileNode = "n2";

// Prints, for each file given as FORMAT=PATH, the label of n2 and the title
// of the n1 -> n3 edge as that format's plain reader sees them.
constexpr const char* kReadLabels = R"(
import csv, json, sys
import xml.etree.ElementTree as ET
out = {}
def svg_texts(root, title):
    s = "{http://www.w3.org/2000/svg}"
    for g in root.iter(s + "g"):
        t = g.find(s + "title")
        if t is not None and t.text == title:
            return "\n".join(x.text or "" for x in g.iter(s + "text"))
    return None
for arg in sys.argv[1:]:
    kind, path = arg.split("=", 1)
    if kind == "graphml":
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
        root = ET.parse(path).getroot()
        node = [n for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node") if n.get("id") == "n2"][0]
        edge = [e for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge") if e.get("id") == "e0"][0]
        out[kind] = {"label": [d.text for d in node.findall("g:data", ns) if d.get("key") == "v_label"][0],
                     "title": [d.text for d in edge.findall("g:data", ns) if d.get("key") == "e_title"][0]}
    elif kind == "gexf":
        ns = "{http://gexf.net/1.3}"
        root = ET.parse(path).getroot()
        node = [n for n in root.iter(ns + "node") if n.get("id") == "n2"][0]
        edge = [e for e in root.iter(ns + "edge") if e.get("id") == "e0"][0]
        title = [v.get("value") for v in edge.iter(ns + "attvalue") if v.get("for") == "title"][0]
        out[kind] = {"label": node.get("label"), "title": title, "edge_label": edge.get("label")}
    elif kind == "csv":
        with open(path, newline="", encoding="utf-8") as f:
            rows = {r["Id"]: r for r in csv.DictReader(f)}
        out[kind] = {"label": rows["n2"]["Label"]}
    elif kind == "csv_edges":
        with open(path, newline="", encoding="utf-8") as f:
            rows = {r["Id"]: r for r in csv.DictReader(f)}
        out[kind] = {"title": rows["e0"]["title"]}
    elif kind == "json":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        out[kind] = {"label": [n for n in data["nodes"] if n["id"] == "n2"][0]["label"],
                     "title": data["links"][0]["title"]}
    elif kind.startswith("svg"):
        root = ET.parse(path).getroot()
        out[kind] = {"label": svg_texts(root, "n2"), "title": svg_texts(root, "n1->n3")}
print(json.dumps(out))
)";

}  // namespace

TEST_CASE("hostile labels read back exactly from graphml, gexf, csv and json", "[readers]") {
  const Graph g = full_graph();
  REQUIRE(g[2].label == kHostileLabel);
  const TempPath graphml(".graphml"), gexf(".gexf"), nodes(".nodes.csv"), edges(".edges.csv"),
      json(".json");
  graphml.write(export_of(g, guanxi::Format::graphml));
  gexf.write(export_of(g, guanxi::Format::gexf));
  json.write(export_of(g, guanxi::Format::json));
  std::ostringstream node_table, edge_table;
  guanxi::write_csv_nodes(node_table, g);
  guanxi::write_csv_edges(edge_table, g);
  nodes.write(node_table.str());
  edges.write(edge_table.str());
  const auto seen =
      python_json(kReadLabels, {"graphml=" + graphml.path(), "gexf=" + gexf.path(),
                                "csv=" + nodes.path(), "csv_edges=" + edges.path(),
                                "json=" + json.path()});
  for (const char* format : {"graphml", "gexf", "csv", "json"}) {
    INFO(format);
    CHECK(seen[format]["label"] == kHostileLabel);
  }
  for (const char* format : {"graphml", "gexf", "csv_edges", "json"}) {
    INFO(format);
    CHECK(seen[format]["title"] == kHostileTitle);
  }
  CHECK(seen["gexf"]["edge_label"] == kHostileTitle);
  // And guanxi's own reader.
  std::istringstream in(export_of(g, guanxi::Format::graphml));
  CHECK(guanxi::read_graphml(in, "x")[2].label == kHostileLabel);
}

TEST_CASE("hostile labels read back exactly from dot by cgraph and by dot itself", "[readers]") {
  const Graph g = full_graph();
  const std::string dot = export_of(g, guanxi::Format::dot);
  std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> cg(agmemread(dot.c_str()), agclose);
  REQUIRE(cg);
  Agnode_t* node = agnode(cg.get(), const_cast<char*>(kHostileNode), 0);
  REQUIRE(node);
  CHECK(from_dot_label(agget(node, const_cast<char*>("label"))) == kHostileLabel);
  Agnode_t* zhao = agnode(cg.get(), const_cast<char*>("n1"), 0);
  Agnode_t* body = agnode(cg.get(), const_cast<char*>("n3"), 0);
  REQUIRE(zhao);
  REQUIRE(body);
  Agedge_t* affiliation = agedge(cg.get(), zhao, body, nullptr, 0);
  REQUIRE(affiliation);
  CHECK(from_dot_text(agget(affiliation, const_cast<char*>("title"))) == kHostileTitle);
  CHECK(from_dot_label(agget(affiliation, const_cast<char*>("label"))) == kHostileTitle);
  // Nothing in a label became an edge, a node or an attribute of its own.
  CHECK(agnnodes(cg.get()) == static_cast<int>(boost::num_vertices(g)));
  CHECK(agnedges(cg.get()) == static_cast<int>(boost::num_edges(g)));

  // dot draws the file: the drawn text is the data, line by line.
  require_installed("dot");
  const TempPath file(".dot"), svg(".svg");
  file.write(dot);
  const auto [status, output] = run("dot -Tsvg -o " + quoted(svg.path()) + " " + quoted(file.path()) + " 2>&1");
  INFO(output);
  REQUIRE(status == 0);
  const auto seen = python_json(kReadLabels, {"svg=" + svg.path()});
  CHECK(seen["svg"]["label"] == kHostileLabel);
  CHECK(seen["svg"]["title"] == kHostileTitle);
}

TEST_CASE("hostile labels are drawn exactly by render() in svg", "[readers]") {
  const Graph g = full_graph();
  std::ostringstream picture;
  guanxi::render(picture, g);
  const TempPath svg(".svg");
  svg.write(picture.str());
  const auto seen = python_json(kReadLabels, {"svg=" + svg.path()});
  CHECK(seen["svg"]["label"] == kHostileLabel);
  CHECK(seen["svg"]["title"] == kHostileTitle);
}
