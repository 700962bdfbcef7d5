// Stage 6: a Graph -> a picture, through Graphviz gvc.
//
// render() lays the graph out with |engine| (dot, neato, fdp, sfdp, ...) and
// writes |format| (svg, png, pdf, ...) to |out|. People, organisations and
// events get distinct shapes and colours; labels use a CJK font so Chinese
// renders as Chinese. Unknown engines or formats throw ExportError.
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
