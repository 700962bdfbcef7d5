// Stage 4: documents and their extractions -> one Boost.Graph.
//
// GraphBuilder folds each document's Extraction into a graph with one vertex
// per real entity: organisations merge on their normalised name across
// documents, events on name within a document (and carry that document, its
// source, place and date). People merge on their name too, except namesakes:
// when two documents give a person of that name posts only at unrelated
// organisations (none equal, an alias of the other, or part_of the other,
// directly or through units), they stay two vertices of the same label, each
// with a |disambiguation| text saying why; a document that gives the person
// no post joins the name's first person. build() adds the co_attendance
// edges (one per pair of people who attended the same events, weight = number
// of shared events, the labels of the first kMaxEvents of them in label
// order, so an edge stays bounded however often two people meet) and returns
// a graph whose vertices and edges are in a deterministic order (by kind,
// then label), so exports diff; build(on_vertex, on_edge) hands the same
// graph out one vertex and edge at a time instead.
//
// An edge seen many times keeps its count (weight) and the first
// kMaxEvidence evidence items in the order the documents were added.
// Memory grows with the graph, not with the documents: what namesake grouping
// needs is kept per (name, organisation), not per document. An edge is held
// as a small fixed-size record; the text of its evidence (document id and
// sentence) is written once per document and sentence to an unlinked
// temporary file in $TMPDIR (else /tmp; in memory when no file can be made)
// and read back when the edge is built, so evidence costs disk, not memory.
//
// add(const Graph&) folds in a graph that build() made (typically read back
// from GraphML): building documents D1 and D2 apart and adding both graphs to
// one builder gives the same graph as adding D1's and D2's documents to one
// builder, in that order (people's mentions_without_post and attended edges'
// without_post say what moves to the name's first person). The graph must be
// a whole one (View::all); co_attendance edges are derived again from the
// attended edges, so a graph that has co_attendance but no attended edges
// (View::people) throws Error.
//
// project() cuts a graph down to one view of it (only the people, or only who
// works where) without reordering what it keeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "guanxi/document.hpp"
#include "guanxi/extract.hpp"

namespace guanxi {

enum class VertexKind { person, organization, event };
enum class EdgeKind : std::uint8_t { affiliation, attended, organized, co_attendance, part_of, member_of };

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
  // Events: the document that reports it, its source publication, place and date.
  std::string document;
  std::string source;
  std::string place;
  std::string date;
  // People kept apart from a namesake: why (empty when the name is unique).
  std::string disambiguation;
  // People: how many of |mentions| are in documents that gave them no post.
  // Such mentions join the name's first person; merging graphs needs to know
  // them to move them when another graph brings an earlier first person.
  std::size_t mentions_without_post = 0;
};

struct Edge {
  EdgeKind kind = EdgeKind::affiliation;
  std::string title;             // affiliation
  bool former = false;           // affiliation
  std::optional<Role> role;      // attended
  double weight = 1.0;           // co_attendance: shared events; others: times seen
  std::vector<std::string> events;  // co_attendance: the first kMaxEvents shared events' labels
  std::vector<EdgeEvidence> evidence;
  bool without_post = false;     // attended: the person had no post in that document
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
  // A co_attendance edge lists at most this many of its events (the first by
  // label); its weight counts them all.
  static constexpr std::size_t kMaxEvents = 10;

  // What release() hands out, in the graph's order: every vertex (numbered
  // 0, 1, ... as it comes), then every edge with the numbers of its ends.
  using VertexSink = std::function<void(Vertex&&)>;
  using EdgeSink = std::function<void(VertexId source, VertexId target, Edge&&)>;

  GraphBuilder();
  ~GraphBuilder();
  GraphBuilder(const GraphBuilder& other);
  GraphBuilder& operator=(const GraphBuilder& other);
  GraphBuilder(GraphBuilder&&) noexcept;
  GraphBuilder& operator=(GraphBuilder&&) noexcept;

  void add(const Document& doc, const Extraction& extraction);
  // Folds in a whole graph made by build(), as if its documents came now.
  void add(const Graph& graph);
  // Groups namesakes (which needs every document), then builds the graph.
  // The rvalue form (std::move(builder).build()) gives up the builder's
  // contents while it builds, so the graph is never held twice; the builder
  // is empty afterwards.
  Graph build() const&;
  Graph build() &&;
  // The graph build() gives, one vertex and one edge at a time, never whole:
  // what a writer that streams (GraphML to a file) needs. Gives up the
  // builder's contents like build() &&. With |threads| > 1 the edges are
  // made whole (their evidence texts read back) in chunks on that many
  // threads, ahead of the one that hands them out in order.
  void build(const VertexSink& on_vertex, const EdgeSink& on_edge, std::size_t threads = 1) &&;

 private:
  // Vertex key: (kind, name, place, number). Organisations: (name, "", 0).
  // Events: (name, document id, 0). People: (name, anchor, 0), where the
  // anchor is one organisation of their posts in that document ("" when
  // none); build() maps each anchor to the number of its namesake group.
  using VertexKey = std::tuple<VertexKind, std::string, std::string, std::size_t>;
  // Every vertex key seen is numbered once (in the order first seen); edges
  // refer to those numbers, so an edge does not carry its ends' names.
  using KeyId = std::uint32_t;
  // One numbered key: the key itself (in ids_) and, when a vertex has it, the
  // vertex, whose label (and an event's document) the key holds until build().
  struct Slot {
    const VertexKey* key = nullptr;
    bool is_vertex = false;
    Vertex vertex;
  };
  // The edges being folded, each a small fixed-size record keyed by (kind,
  // from, to, title, former), with its evidence as numbers of texts in a
  // TextStore (graph.cpp). Title and former only for affiliations, whose
  // person is anchored at the edge's own organisation so that every
  // document's evidence of one post meets in one record (that anchored key is
  // numbered even when no vertex has it).
  struct EdgeStore;
  // Evidence documents and sentences, each written once, out of memory (graph.cpp).
  class TextStore;

  // The organisations of the posts of one name, in a union-find: two are in
  // one set when one document (or one person of an added graph) gives the
  // name a post at both. Each set is one person for sure; build() joins the
  // sets whose organisations are related into namesake groups.
  struct NameOrgs {
    std::map<std::string, std::size_t> node_of_org;
    std::vector<std::size_t> parent;
    std::vector<std::size_t> first_seen;  // per node: the first occurrence naming it
    std::size_t root(std::size_t i);
    std::size_t root(std::size_t i) const;
  };

  // The number of |key|, numbering it when new.
  KeyId key_id(VertexKey key);
  KeyId add_vertex(VertexKey key, const std::vector<std::string>& aliases, std::size_t mentions);
  // Records that one occurrence of |name| held posts at |orgs|; returns its anchor.
  std::string add_occurrence(const std::string& name, const std::set<std::string>& orgs);
  // The namesake group number of every (name, organisation) seen, and the
  // number of groups of each name that has posts.
  struct Groups {
    std::map<std::pair<std::string, std::string>, std::size_t> of_anchor;
    std::map<std::string, std::size_t> count;
  };
  Groups group_namesakes() const;
  // build() on this builder's own contents, which it gives up as it goes.
  void release(const VertexSink& on_vertex, const EdgeSink& on_edge, std::size_t threads = 1);

  // Hashed, not ordered: documents look keys up far more often than build()
  // walks them, and build() sorts them once.
  struct VertexKeyHash {
    std::size_t operator()(const VertexKey& key) const;
  };
  std::unordered_map<VertexKey, KeyId, VertexKeyHash> ids_;
  std::vector<Slot> slots_;  // by KeyId
  std::unique_ptr<EdgeStore> edges_;
  // Shared by copies of a builder (it only grows; texts are never changed).
  std::shared_ptr<TextStore> texts_;
  std::map<std::string, NameOrgs> names_;  // person name -> their organisations
  std::size_t occurrences_ = 0;            // occurrences with posts so far
};

// Looks a vertex up by kind and exact label (the first one, for namesakes).
std::optional<VertexId> find_vertex(const Graph& g, VertexKind kind, std::string_view label);

// The document id, the UTF-8 text of the evidence's sentence (empty when the
// document has no such sentence) and the original span of |evidence|.
EdgeEvidence make_evidence(const Document& doc, const Evidence& evidence);

// What part of the graph to keep:
//   all           everything;
//   people        the people and the co_attendance edges between them;
//   affiliations  people and organisations, with the affiliation, part_of
//                 and member_of edges.
enum class View { all, people, affiliations };

const char* to_string(View view);
// "all", "people" or "affiliations"; nullopt otherwise.
std::optional<View> view_from_name(std::string_view name);

// The vertices and edges of |g| that |view| keeps, in the order |g| has them.
Graph project(const Graph& g, View view);
// The same for a graph given up by the caller: View::all hands it back
// without copying it.
Graph project(Graph&& g, View view);

}  // namespace guanxi
