// PLACEHOLDER: replaced by the export stage implementation.
#include "guanxi/export.hpp"
namespace guanxi {
void write_graph(std::ostream&, const Graph&, Format) {}
}  // namespace guanxi
