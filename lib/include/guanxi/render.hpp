// Stage 6: a Graph -> a picture, through Graphviz gvc.
//
// render() lays the graph out with |engine| (dot, neato, fdp, sfdp, ...) and
// writes |format| (svg, png, pdf, ...) to |out|. The styles are write_dot()'s:
// people blue ellipses, organisations yellow boxes, events green octagons;
// affiliation edges labelled with the title (former posts dashed), attended
// edges with a role other than attended, co_attendance pen width by weight.
// Drawing adds what only a layout needs: overlap=false (force-directed
// engines push nodes apart), edges under nodes, and co_attendance edges with
// constraint=false (they do not rank people in dot). Labels use |font|, a CJK
// font, so Chinese renders as Chinese in PNG and PDF too. Unknown engines or
// formats throw ExportError. To draw part of a large graph, cut it first
// (project() in graph.hpp, top_neighbourhood() in query.hpp).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "guanxi/graph.hpp"

namespace guanxi {

struct RenderOptions {
  std::string format = "svg";
  std::string engine = "dot";
  std::string font = "Noto Sans CJK SC";
};

void render(std::ostream& out, const Graph& g, const RenderOptions& options = {});

}  // namespace guanxi
