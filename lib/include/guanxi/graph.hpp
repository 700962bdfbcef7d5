// Stage 4: documents and their extractions -> one Boost.Graph.
//
// GraphBuilder folds each document's Extraction into a graph with one vertex
// per real entity: people and organisations merge on their normalised name
// across documents, events on name within a document. build() adds the
// co_attendance edges (one per pair of people who attended the same events,
// weight = number of shared events) and returns a graph whose vertices and
// edges are in a deterministic order (by kind, then label), so exports diff.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "guanxi/document.hpp"
#include "guanxi/extract.hpp"

namespace guanxi {

enum class VertexKind { person, organization, event };
enum class EdgeKind { affiliation, attended, organized, co_attendance, part_of, member_of };

// The one table of kind names used by every export ("person", "co_attendance", ...).
const char* to_string(VertexKind kind);
const char* to_string(EdgeKind kind);
std::optional<VertexKind> vertex_kind_from_string(std::string_view name);
std::optional<EdgeKind> edge_kind_from_string(std::string_view name);
std::optional<Role> role_from_string(std::string_view name);

// Why an edge exists: a document, the sentence, and the mention span in it
// (code points into the document's original text).
struct EdgeEvidence {
  std::string document;
  std::string sentence;
  std::size_t start = 0;
  std::size_t end = 0;
};

struct Vertex {
  VertexKind kind = VertexKind::person;
  std::string label;
  std::vector<std::string> aliases;
  std::size_t mentions = 0;  // how often the text names it
};

struct Edge {
  EdgeKind kind = EdgeKind::affiliation;
  std::string title;             // affiliation
  bool former = false;           // affiliation
  std::optional<Role> role;      // attended
  double weight = 1.0;           // co_attendance: shared events; others: times seen
  std::vector<std::string> events;  // co_attendance: labels of the shared events
  std::vector<EdgeEvidence> evidence;
};

// Directed: affiliation person -> organization, attended person -> event,
// organized organization -> event, part_of sub-unit -> parent, member_of
// member -> body; co_attendance is stored once, from the lower vertex index.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Vertex, Edge>;
using VertexId = boost::graph_traits<Graph>::vertex_descriptor;
using EdgeId = boost::graph_traits<Graph>::edge_descriptor;

class GraphBuilder {
 public:
  // At most this many evidence items are kept per edge (the first ones seen).
  static constexpr std::size_t kMaxEvidence = 5;

  void add(const Document& doc, const Extraction& extraction);
  Graph build() const;

 private:
  // Vertex key: (kind, name, document). People and organisations merge on
  // their name and leave |document| empty; events also carry the document id.
  using VertexKey = std::tuple<VertexKind, std::string, std::string>;
  // Edge key: (kind, from, to, title, former); title and former only for affiliations.
  using EdgeKey = std::tuple<EdgeKind, VertexKey, VertexKey, std::string, bool>;

  VertexKey add_vertex(VertexKey key, const std::vector<std::string>& aliases,
                       std::size_t mentions);
  void add_edge(const EdgeKey& key, Edge edge);

  std::map<VertexKey, Vertex> vertices_;
  std::map<EdgeKey, Edge> edges_;
};

// Looks a vertex up by kind and exact label.
std::optional<VertexId> find_vertex(const Graph& g, VertexKind kind, std::string_view label);

}  // namespace guanxi
