// Stage 5, backwards: GraphML -> a Graph.
//
// read_graphml() reads the GraphML that write_graphml() writes back into the
// same model: every vertex and edge datum, vertices in the order of their
// <node> elements, edges in the order of their <edge> elements, so that
// write_graphml(read_graphml(write_graphml(g))) gives the same bytes.
//
// It also reads GraphML written elsewhere, with these tolerances:
// - data are matched by the attr.name of their <key> (the key's id when it
//   has no attr.name); keys whose name guanxi does not know are ignored, and
//   a key's <default> applies to the items that do not give it;
// - a node without a label is labelled with its id; a node or an edge
//   without a kind is an error;
// - edgedefault and an edge's directed attribute are ignored (guanxi's edges
//   have the directions graph.hpp gives them); graph-level <data>, <desc>,
//   ports and elements of other namespaces (yEd's graphics) are skipped;
// - edges may come before the nodes they join.
// Everything else it cannot use throws InputError worded "NAME:LINE: what",
// with the 1-based line and the byte offset of the offending element: XML
// that is not well formed, a <!DOCTYPE> (refused, so that no entity is ever
// declared or expanded: no "billion laughs", no external files), an
// undeclared key, an unknown kind or role (with a "did you mean"), a value
// that does not parse (mentions, weight, former, evidence), a duplicate node
// id, an edge to a node the file does not declare, nested graphs,
// hyperedges, more than one <graph>.
//
// Memory stays bounded by the size of the graph: one datum, one tag, one
// comment may hold at most kMaxGraphmlValueBytes bytes, and elements nest at
// most kMaxGraphmlDepth deep; beyond that reading stops with an InputError
// without reading the rest of the stream.
#pragma once

#include <cstddef>
#include <istream>
#include <string_view>

#include "guanxi/graph.hpp"

namespace guanxi {

inline constexpr std::size_t kMaxGraphmlValueBytes = std::size_t{8} << 20;  // 8 MiB
inline constexpr std::size_t kMaxGraphmlDepth = 64;

// |name| names the input in messages (a path, or "-" for standard input).
Graph read_graphml(std::istream& in, std::string_view name);

}  // namespace guanxi
