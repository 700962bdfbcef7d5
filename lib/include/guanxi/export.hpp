// Stage 5: a Graph -> files other tools read.
//
// write_graphml() writes GraphML with typed keys, every key for="node" or
// for="edge" (no graph-level keys, which Gephi rejects): nodes label, kind,
// aliases ("|"-joined), mentions; edges kind, title, former (boolean), role,
// weight (double), events ("|"-joined), evidence (one "document: sentence
// [start,end)" per line). Text is escaped as XML character data.
//
// write_dot() builds the graph through Graphviz cgraph and lets agwrite() quote
// every attribute. Both are deterministic: the same graph gives the same bytes.
// Failures (a stream that cannot be written, cgraph errors) throw ExportError.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "guanxi/graph.hpp"

namespace guanxi {

enum class Format { graphml, dot };

// "graphml" or "dot"; throws ExportError (with a "did you mean" hint) otherwise.
Format format_from_name(std::string_view name);
// From a path's extension (.graphml, .dot, .gv); nullopt when it says nothing.
std::optional<Format> format_from_path(std::string_view path);

void write_graphml(std::ostream& out, const Graph& g);
void write_dot(std::ostream& out, const Graph& g);
void write_graph(std::ostream& out, const Graph& g, Format format);

}  // namespace guanxi
