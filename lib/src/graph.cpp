// PLACEHOLDER: replaced by the graph stage implementation.
#include "guanxi/graph.hpp"
namespace guanxi {
void GraphBuilder::add(const Document&, const Extraction&) {}
Graph GraphBuilder::build() const { return {}; }
}  // namespace guanxi
