// Stage 6: a Graph -> a picture through Graphviz gvc (see render.hpp).
#include "guanxi/render.hpp"

#include <cstring>
#include <initializer_list>

#include "graphviz.hpp"
#include "guanxi/error.hpp"

namespace guanxi {
namespace {

// Layout settings that only drawing needs (write_dot() leaves them out):
// force-directed engines move nodes apart until none overlap, edges are drawn
// under the nodes, and co_attendance edges, which repeat what the attended
// edges to an event show, do not pull people into ranks in dot.
void add_layout_settings(graphviz::CGraph& cg) {
  cg.declare(AGRAPH, "overlap", "false");
  cg.declare(AGRAPH, "sep", "+6");
  cg.declare(AGRAPH, "outputorder", "edgesfirst");
  cg.declare(AGRAPH, "pad", "0.2");
  Agsym_t* constraint = cg.declare(AGEDGE, "constraint", "true");
  Agraph_t* graph = cg.get();
  for (Agnode_t* n = agfstnode(graph); n; n = agnxtnode(graph, n)) {
    for (Agedge_t* e = agfstout(graph, n); e; e = agnxtout(graph, e)) {
      const char* kind = agget(e, const_cast<char*>("kind"));
      if (kind && std::strcmp(kind, to_string(EdgeKind::co_attendance)) == 0) {
        graphviz::CGraph::set(e, constraint, "false");
      }
    }
  }
}

}  // namespace

// Builds the styled cgraph graph shared with write_dot(), adds the layout
// settings, sets the font on the graph, its nodes and edges, lays it out with
// options.engine and writes the options.format bytes to |out|.
void render(std::ostream& out, const Graph& g, const RenderOptions& options) {
  graphviz::CGraph cg = graphviz::to_cgraph(g);
  add_layout_settings(cg);
  for (int kind : {AGRAPH, AGNODE, AGEDGE}) cg.declare(kind, "fontname", options.font);
  const graphviz::Layout layout(graphviz::shared_context(), cg, options.engine);
  const std::string bytes = layout.render(options.format);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw ExportError("cannot write the " + options.format + " output");
}

}  // namespace guanxi
