// Stage 6: a Graph -> a picture through Graphviz gvc (see render.hpp).
#include "guanxi/render.hpp"

#include <initializer_list>

#include "graphviz.hpp"
#include "guanxi/error.hpp"

namespace guanxi {

// Builds the styled cgraph graph shared with write_dot(), sets the font on the
// graph, its nodes and edges, lays it out with options.engine and writes the
// options.format bytes to |out|.
void render(std::ostream& out, const Graph& g, const RenderOptions& options) {
  graphviz::CGraph cg = graphviz::to_cgraph(g);
  for (int kind : {AGRAPH, AGNODE, AGEDGE}) cg.declare(kind, "fontname", options.font);
  const graphviz::Layout layout(graphviz::shared_context(), cg, options.engine);
  const std::string bytes = layout.render(options.format);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw ExportError("cannot write the " + options.format + " output");
}

}  // namespace guanxi
