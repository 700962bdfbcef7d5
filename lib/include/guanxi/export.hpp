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
// lets agwrite() quote every attribute (and quotes what agwrite leaves bare
// but Graphviz would not read back, such as "-."). Text attributes are Graphviz
// escStrings: each backslash in the data is written doubled and each line
// break as "\n", so a reader undoes "\\" -> "\" and "\n" -> line break.
// Graphviz reads HTML entities in the labels it draws, so in the node and
// edge "label" attributes each "&" is also written "&amp;" (undo it after the
// backslashes); what is drawn is then the data, letter for letter.
//
// write_gexf() writes GEXF 1.3 for Gephi: the node label and the edge weight
// in GEXF's own attributes, every other datum of GraphML as a declared, typed
// attribute (integer mentions, boolean former), each edge's kind also as
// GEXF's edge kind, the title or role as the edge label, and viz colours per
// node and edge kind and a size per node kind.
//
// write_csv_nodes() and write_csv_edges() write the two tables of a CSV
// export (RFC 4180, CRLF line ends, every text field quoted, quotes doubled),
// with the headers Gephi's spreadsheet import recognises (Id, Label; Source,
// Target, Type, Id, Weight) followed by the GraphML data names; Neo4j's
// LOAD CSV WITH HEADERS and its Data Importer read them as they are.
// csv_paths() gives the two file names for one output: OUT.csv (or OUT) ->
// OUT.nodes.csv, OUT.edges.csv.
//
// write_json() writes node-link JSON for web viewers (d3, networkx's
// node_link_graph): {"directed": true, "multigraph": true, "graph": {},
// "nodes": [{"id": "n0", "label": ..., ...}], "links": [{"source": "n0",
// "target": "n1", "key": 0, "kind": ..., ...}]}, with numbers and booleans
// typed, aliases and events as arrays and evidence as
// [{"document", "start", "end", "sentence"}].
//
// All use the same node ids (n0, n1, ... in vertex order) and edge ids (e0,
// ... in edge order). All are deterministic: the same graph gives the same
// bytes. Failures (a stream that cannot be written, cgraph errors) throw
// ExportError.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "guanxi/graph.hpp"

namespace guanxi {

enum class Format { graphml, dot, gexf, csv, json };

// "graphml", "dot", "gexf", "csv" or "json"; throws ExportError (with a "did
// you mean" hint) otherwise.
Format format_from_name(std::string_view name);
// From a path's extension (.graphml, .xml, .dot, .gv, .gexf, .csv, .json);
// nullopt when it says nothing.
std::optional<Format> format_from_path(std::string_view path);

// |threads| > 1 formats the nodes and edges on that many threads (the bytes
// are the same for any number).
void write_graphml(std::ostream& out, const Graph& g, std::size_t threads = 1);
// The GraphML of write_graphml() for a graph handed over piece by piece, never
// whole (as GraphBuilder can give it): the vertices, numbered n0, n1, ... in
// the order given, then the edges between them. Text is formatted in chunks
// on |threads| threads while more is given, and written in order; the bytes
// are those write_graphml() writes for the same graph. finish() writes the
// end; ExportError for a vertex after an edge, an edge to a vertex not
// given, or a stream that cannot be written. Without finish() the output
// stops short.
class GraphmlWriter {
 public:
  explicit GraphmlWriter(std::ostream& out, std::size_t threads = 1);
  ~GraphmlWriter();
  GraphmlWriter(const GraphmlWriter&) = delete;
  GraphmlWriter& operator=(const GraphmlWriter&) = delete;

  VertexId add_vertex(Vertex vertex);
  void add_edge(VertexId source, VertexId target, Edge edge);
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

void write_dot(std::ostream& out, const Graph& g);
void write_gexf(std::ostream& out, const Graph& g);
void write_json(std::ostream& out, const Graph& g);
void write_csv_nodes(std::ostream& out, const Graph& g);
void write_csv_edges(std::ostream& out, const Graph& g);

struct CsvPaths {
  std::string nodes;
  std::string edges;
};
CsvPaths csv_paths(std::string_view output);

// Any format but csv (two tables, so two streams: ExportError); |threads| as
// for write_graphml.
void write_graph(std::ostream& out, const Graph& g, Format format, std::size_t threads = 1);

}  // namespace guanxi
