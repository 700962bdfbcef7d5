// Stage 7: questions asked of a Graph.
//
// Everything here is pure: a Graph (as GraphBuilder::build() or read_graphml()
// gives it) goes in, plain values come out, in a deterministic order. Vertex
// ids passed in must be vertices of that graph; results name vertices by id
// and by label.
//
// find_by_name() turns what a user typed into a vertex: the exact label, else
// an alias, else a unique prefix of a label or alias. No match, or several
// (namesakes, a prefix of two names), throws QueryError, whose message and
// candidates() list the closest names.
//
// The walks (shortest_path, ranking, components) treat the graph as
// undirected and simple: two vertices are neighbours when any edge of the
// kinds considered joins them, in either direction.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "guanxi/error.hpp"
#include "guanxi/graph.hpp"

namespace guanxi {

// A name that denotes no vertex, or more than one. candidates() holds the
// closest labels (namesakes with their disambiguation in parentheses).
class QueryError : public Error {
 public:
  QueryError(const std::string& what, std::vector<std::string> candidates)
      : Error(what), candidates_(std::move(candidates)) {}
  const std::vector<std::string>& candidates() const { return candidates_; }

 private:
  std::vector<std::string> candidates_;
};

// The vertex of one of |kinds| that |name| denotes: exact label, then alias,
// then unique prefix. Throws QueryError for no match or several matches.
VertexId find_by_name(const Graph& g, std::string_view name, const std::vector<VertexKind>& kinds);

// An event shared with someone: its label, the document that reports it, and
// the roles there of the person asked about and of the companion (nullopt
// when the graph does not say, as in a people-only view).
struct SharedEvent {
  std::string label;
  std::string document;
  std::optional<Role> role;
  std::optional<Role> their_role;
};

struct Companion {
  VertexId person;
  std::string label;
  std::vector<SharedEvent> events;  // in label order
  // How many events they shared: events.size(), or for a co_attendance edge
  // (which lists only its first events) its weight.
  std::size_t shared = 0;
};

// The people who attended an event with |person| (through attended edges, or
// co_attendance edges where the graph has no events), most shared events
// first, then by label.
std::vector<Companion> attended_with(const Graph& g, VertexId person);

// One post: a title (possibly empty) at an organisation, former (原/前) or current.
struct Post {
  VertexId organization;
  std::string label;  // the organisation
  std::string title;
  bool former = false;
  std::vector<std::string> within;  // the organisations it is part_of, nearest first
  std::vector<EdgeEvidence> evidence;
};

// The posts of |person|: current ones first, then former, each group in graph order.
std::vector<Post> affiliations(const Graph& g, VertexId person);

struct Member {
  VertexId person;
  std::string label;
  VertexId unit;  // |organization| itself or one of its sub-units
  std::string unit_label;
  std::string title;
  bool former = false;
};

// The people affiliated with |organization| or with any organisation that is
// part_of it, directly or through other units: the organisation's own people
// first, then each unit's (nearest units first, then by label); current posts
// before former ones, then by person label.
std::vector<Member> members(const Graph& g, VertexId organization);

struct Participation {
  VertexId event;
  std::string label;
  std::optional<Role> role;  // a person's role; nullopt for an organisation (it organised it)
  std::string date;
  std::string place;
  std::string document;
  std::vector<std::string> organizers;
  std::size_t attendees = 0;
};

// The events a person attended, or an organisation organised, in graph order.
std::vector<Participation> events_of(const Graph& g, VertexId who);

// One link of a chain: |edge| joins |from| and |to| (in either direction in
// the graph; |forward| when it points from |from| to |to|).
struct PathStep {
  VertexId from;
  VertexId to;
  std::string from_label;
  std::string to_label;
  bool forward = true;
  Edge edge;
};

// The edges a chain between people may use: affiliation, co_attendance, and
// part_of (so that a unit's member reaches the parent's).
bool links_people(EdgeKind kind);

// A shortest chain (fewest edges, breadth-first) from |from| to |to| over the
// edges links_people() allows; empty when |from| == |to|, nullopt when no chain exists.
std::optional<std::vector<PathStep>> shortest_path(const Graph& g, VertexId from, VertexId to);

enum class Centrality { degree, betweenness };
const char* to_string(Centrality by);
std::optional<Centrality> centrality_from_name(std::string_view name);

struct Ranked {
  VertexId person;
  std::string label;
  double score = 0;
};

// Every person's centrality in the whole graph, undirected and simple:
// degree = how many distinct vertices they are joined to (boost::degree_centrality),
// betweenness = Brandes' betweenness (boost::brandes_betweenness_centrality;
// each unordered pair of vertices counted once). Highest first, ties by label,
// at most |limit| items (0: all).
std::vector<Ranked> rank_people(const Graph& g, Centrality by, std::size_t limit = 0);

struct GraphStats {
  std::vector<std::pair<VertexKind, std::size_t>> vertices;  // every kind, in enum order
  std::vector<std::pair<EdgeKind, std::size_t>> edges;       // every kind, in enum order
  std::size_t vertex_count = 0;
  std::size_t edge_count = 0;
  // Connected components over every edge (boost::connected_components):
  // their sizes in vertices, and in people, largest first.
  std::vector<std::size_t> component_sizes;
  std::vector<std::size_t> component_people;
};

GraphStats stats(const Graph& g);

// The |n| people that rank_people(g, by) puts first, their organisations and
// events (the vertices an edge joins them to), and every edge of |g| between
// two kept vertices; the rest is dropped. Kept vertices and edges stay in the
// order |g| has them. n >= the number of people keeps every person.
Graph top_neighbourhood(const Graph& g, std::size_t n, Centrality by = Centrality::degree);

}  // namespace guanxi
