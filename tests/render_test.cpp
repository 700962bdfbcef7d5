// Stage 6: render() draws the graph through Graphviz gvc.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "guanxi/error.hpp"
#include "guanxi/export.hpp"
#include "guanxi/render.hpp"

namespace {

using guanxi::Edge;
using guanxi::EdgeKind;
using guanxi::ExportError;
using guanxi::Graph;
using guanxi::RenderOptions;
using guanxi::Vertex;
using guanxi::VertexKind;

// 王小明, former 理事长 of 某某学会, attended 学术年会.
Graph small_graph() {
  Graph g;
  const auto person = boost::add_vertex(Vertex{VertexKind::person, "王小明", {}, 1}, g);
  const auto org = boost::add_vertex(Vertex{VertexKind::organization, "某某学会", {}, 1}, g);
  const auto event = boost::add_vertex(Vertex{VertexKind::event, "学术年会", {}, 1}, g);
  Edge affiliation;
  affiliation.kind = EdgeKind::affiliation;
  affiliation.title = "理事长";
  affiliation.former = true;
  boost::add_edge(person, org, affiliation, g);
  Edge attended;
  attended.kind = EdgeKind::attended;
  attended.role = guanxi::Role::attended;
  boost::add_edge(person, event, attended, g);
  return g;
}

std::string render_to_string(const Graph& g, const RenderOptions& options) {
  std::ostringstream out;
  guanxi::render(out, g, options);
  return out.str();
}

RenderOptions with(std::string format, std::string engine = "dot") {
  RenderOptions options;
  options.format = std::move(format);
  options.engine = std::move(engine);
  return options;
}

}  // namespace

TEST_CASE("svg output draws the Chinese labels as text", "[render]") {
  const std::string svg = render_to_string(small_graph(), {});
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find(">王小明</text>") != std::string::npos);
  CHECK(svg.find(">理事长</text>") != std::string::npos);
  CHECK(svg.find("Noto Sans CJK SC") != std::string::npos);
  // The former title is drawn dashed.
  CHECK(svg.find("stroke-dasharray") != std::string::npos);
}

TEST_CASE("png output starts with the PNG signature", "[render]") {
  const std::string png = render_to_string(small_graph(), with("png"));
  REQUIRE(png.size() > 8);
  CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
}

TEST_CASE("other engines lay out the same graph", "[render]") {
  for (const char* engine : {"neato", "fdp", "circo"}) {
    INFO(engine);
    CHECK(render_to_string(small_graph(), with("svg", engine)).find("<svg") != std::string::npos);
  }
}

TEST_CASE("rendering to dot gives the laid-out graph with positions", "[render]") {
  const std::string dot = render_to_string(small_graph(), with("dot"));
  CHECK(dot.rfind("digraph guanxi {", 0) == 0);
  CHECK(dot.find("pos=") != std::string::npos);
}

TEST_CASE("label markup is escaped in svg", "[render]") {
  Graph g;
  boost::add_vertex(Vertex{VertexKind::person, "<b>&\"某\"", {}, 1}, g);
  const std::string svg = render_to_string(g, {});
  CHECK(svg.find("&lt;b&gt;&amp;&quot;某&quot;") != std::string::npos);
}

TEST_CASE("an empty graph renders", "[render]") {
  CHECK(render_to_string(Graph{}, {}).find("<svg") != std::string::npos);
}

TEST_CASE("an unknown format or engine throws ExportError", "[render]") {
  std::ostringstream out;
  REQUIRE_THROWS_AS(guanxi::render(out, small_graph(), {"no_such_format"}), ExportError);
  REQUIRE_THROWS_WITH(guanxi::render(out, small_graph(), {"no_such_format"}),
                      Catch::Contains("no_such_format") && Catch::Contains("svg"));
  REQUIRE_THROWS_AS(guanxi::render(out, small_graph(), with("svg", "no_such_engine")),
                    ExportError);
  REQUIRE_THROWS_WITH(guanxi::render(out, small_graph(), with("svg", "no_such_engine")),
                      Catch::Contains("no_such_engine") && Catch::Contains("neato"));
  CHECK(out.str().empty());
  // Graphviz still works after the failures.
  CHECK(render_to_string(small_graph(), {}).find("<svg") != std::string::npos);
}

TEST_CASE("pdf output embeds the CJK font, so Chinese labels print as Chinese", "[render]") {
  const std::string pdf = render_to_string(small_graph(), with("pdf"));
  REQUIRE(pdf.size() > 5);
  CHECK(pdf.compare(0, 5, "%PDF-") == 0);
  // cairo embeds the subset of the font the labels use under its PostScript name.
  CHECK(pdf.find("NotoSansCJK") != std::string::npos);
}

TEST_CASE("png output differs when the labels differ, so the labels are drawn", "[render]") {
  Graph other = small_graph();
  other[0].label = "李大华";
  CHECK(render_to_string(small_graph(), with("png")) != render_to_string(other, with("png")));
}

TEST_CASE("force-directed engines keep nodes apart and co_attendance never ranks people",
          "[render]") {
  Graph g = small_graph();
  const auto other = boost::add_vertex(Vertex{VertexKind::person, "李大华", {}, 1}, g);
  Edge shared;
  shared.kind = EdgeKind::co_attendance;
  shared.weight = 3;
  boost::add_edge(0, other, shared, g);
  const std::string dot = render_to_string(g, with("dot", "sfdp"));
  CHECK(dot.find("overlap=false") != std::string::npos);
  // The co_attendance edge: no constraint, thicker for three shared events.
  const auto at = dot.find("kind=co_attendance");
  REQUIRE(at != std::string::npos);
  const auto end = dot.find(']', at);
  const std::string attributes = dot.substr(dot.rfind('[', at), end - dot.rfind('[', at));
  CHECK(attributes.find("constraint=false") != std::string::npos);
  CHECK(attributes.find("penwidth=3") != std::string::npos);
  // The affiliation edge keeps its rank constraint.
  const auto affiliation = dot.find("kind=affiliation");
  REQUIRE(affiliation != std::string::npos);
  CHECK(
      dot.substr(affiliation, dot.find(']', affiliation) - affiliation).find("constraint=false") ==
      std::string::npos);
}

TEST_CASE("drawing leaves the DOT export without layout settings", "[render]") {
  std::ostringstream dot;
  guanxi::write_dot(dot, small_graph());
  render_to_string(small_graph(), {});
  CHECK(dot.str().find("overlap") == std::string::npos);
  CHECK(dot.str().find("constraint") == std::string::npos);
}
