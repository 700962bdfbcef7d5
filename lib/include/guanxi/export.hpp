// Stage 5: a Graph -> files other tools read.
//
// write_graphml() writes GraphML with typed keys, every key for="node" or
// for="edge" (no graph-level keys, which Gephi rejects): nodes label, kind,
// aliases ("|"-joined), mentions (int), and for events document, source,
// place, date, for namesakes disambiguation, for people mentions_without_post
// (int, when not 0); edges kind, title, former (boolean),
// role, weight (double), events ("|"-joined), evidence (one
// "document<TAB>start-end<TAB>sentence" line per item), without_post (boolean,
// attended edges, when true). A datum that does not
// apply (title on an attended edge) is left out. Text is escaped as XML
// character data; what XML 1.0 cannot hold (control characters, invalid
// UTF-8) becomes U+FFFD.
//
// write_dot() builds the graph through Graphviz cgraph (nodes n0, n1, ... in
// vertex order, the same data as attributes, plus shapes and colours) and
// lets agwrite() quote every attribute. Text attributes are Graphviz escStrings:
// each backslash in the data is written doubled, so a reader undoes "\\" -> "\".
//
// Both are deterministic: the same graph gives the same bytes. Failures (a
// stream that cannot be written, cgraph errors) throw ExportError.
#pragma once

#include <optional>
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
