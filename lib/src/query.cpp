// Stage 7: questions asked of a Graph (see query.hpp).
#include "guanxi/query.hpp"

#include <algorithm>
#include <array>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/degree_centrality.hpp>
#include <boost/property_map/property_map.hpp>
#include <boost/range/iterator_range.hpp>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "guanxi/text.hpp"

namespace guanxi {
namespace {

// A name's candidates list at most this many labels.
constexpr std::size_t kMaxCandidates = 5;

// ---------------------------------------------------------------------------
// Names

const char* kind_noun(const std::vector<VertexKind>& kinds) {
  if (kinds.size() != 1) return "name";
  switch (kinds.front()) {
    case VertexKind::person:
      return "person";
    case VertexKind::organization:
      return "organisation";
    case VertexKind::event:
      return "event";
  }
  return "name";
}

// How a candidate is shown: its label, and for namesakes why they are apart.
std::string shown(const Vertex& v) {
  if (v.disambiguation.empty()) return v.label;
  return v.label + " (" + v.disambiguation + ")";
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

// The labels closest to |name| among |pool|: those containing it or contained
// in it first, then by edit distance in characters, then by label. Only the
// near ones (holding the name, or fewer edits than it has characters) when
// there are any; else the least far.
std::vector<std::string> closest(const Graph& g, std::string_view name,
                                 const std::vector<VertexId>& pool) {
  const std::u32string typed = decode_utf8(sanitize_utf8(name));
  auto distance_to = [&typed](const std::string& label) {
    return edit_distance(std::u32string_view(typed), decode_utf8(label));
  };
  std::vector<std::tuple<bool, std::size_t, std::string>> ranked;
  std::set<std::string> seen;
  for (VertexId v : pool) {
    const std::string label = shown(g[v]);
    if (!seen.insert(label).second) continue;
    std::size_t distance = distance_to(g[v].label);
    bool overlaps = g[v].label.find(name) != std::string::npos ||
                    std::string_view(name).find(g[v].label) != std::string_view::npos;
    for (const auto& alias : g[v].aliases) {
      distance = std::min(distance, distance_to(alias));
      overlaps = overlaps || alias.find(name) != std::string::npos;
    }
    ranked.emplace_back(!overlaps, distance, label);
  }
  std::sort(ranked.begin(), ranked.end());
  const bool any_near = !ranked.empty() && (!std::get<0>(ranked.front()) ||
                                            std::get<1>(ranked.front()) < typed.size());
  std::vector<std::string> out;
  for (const auto& [apart, distance, label] : ranked) {
    if (out.size() == kMaxCandidates) break;
    if (any_near && apart && distance >= typed.size()) break;
    out.push_back(label);
  }
  return out;
}

// The one vertex of |found|, or QueryError naming them all.
std::optional<VertexId> unique_or_throw(const Graph& g, std::string_view name, const char* noun,
                                        const std::vector<VertexId>& found, const char* how) {
  if (found.empty()) return std::nullopt;
  if (found.size() == 1) return found.front();
  std::vector<std::string> names;
  for (VertexId v : found) names.push_back(shown(g[v]));
  std::string what =
      std::string(noun) + " \"" + std::string(name) + "\" is ambiguous: it " + how + " " +
      std::to_string(found.size()) + ": " +
      join(std::vector<std::string>(names.begin(),
                                    names.begin() + std::min(names.size(), kMaxCandidates)),
           ", ");
  if (names.size() > kMaxCandidates) what += ", ...";
  throw QueryError(what, names);
}

// ---------------------------------------------------------------------------
// Graph walking

bool is_person(const Graph& g, VertexId v) { return g[v].kind == VertexKind::person; }

// The organisations |org| is part_of, breadth first (nearest first), each once.
std::vector<VertexId> parents_of(const Graph& g, VertexId org) {
  std::vector<VertexId> out;
  std::set<VertexId> seen{org};
  std::deque<VertexId> queue{org};
  while (!queue.empty()) {
    const VertexId v = queue.front();
    queue.pop_front();
    for (EdgeId e : boost::make_iterator_range(boost::out_edges(v, g))) {
      if (g[e].kind != EdgeKind::part_of) continue;
      const VertexId parent = boost::target(e, g);
      if (seen.insert(parent).second) {
        out.push_back(parent);
        queue.push_back(parent);
      }
    }
  }
  return out;
}

// |org| and its units (part_of it, directly or through units), breadth first,
// each level in label order.
std::vector<VertexId> units_of(const Graph& g, VertexId org) {
  std::vector<VertexId> out{org};
  std::set<VertexId> seen{org};
  std::vector<VertexId> level{org};
  while (!level.empty()) {
    std::vector<VertexId> next;
    for (VertexId v : level) {
      for (EdgeId e : boost::make_iterator_range(boost::in_edges(v, g))) {
        if (g[e].kind != EdgeKind::part_of) continue;
        const VertexId unit = boost::source(e, g);
        if (seen.insert(unit).second) next.push_back(unit);
      }
    }
    std::sort(next.begin(), next.end(), [&g](VertexId a, VertexId b) {
      return std::tie(g[a].label, a) < std::tie(g[b].label, b);
    });
    out.insert(out.end(), next.begin(), next.end());
    level = std::move(next);
  }
  return out;
}

// The graph as an undirected simple graph over the same vertex indices, with
// an edge wherever an edge of |g| whose kind |keep| accepts joins two vertices.
using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

template <typename Keep>
Undirected undirected(const Graph& g, Keep keep) {
  Undirected u(boost::num_vertices(g));
  std::set<std::pair<VertexId, VertexId>> joined;
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    if (!keep(g[e].kind)) continue;
    VertexId a = boost::source(e, g);
    VertexId b = boost::target(e, g);
    if (a == b) continue;
    if (b < a) std::swap(a, b);
    if (joined.emplace(a, b).second) boost::add_edge(a, b, u);
  }
  return u;
}

bool any_kind(EdgeKind) { return true; }

}  // namespace

// ---------------------------------------------------------------------------

VertexId find_by_name(const Graph& g, std::string_view name, const std::vector<VertexKind>& kinds) {
  const char* noun = kind_noun(kinds);
  std::vector<VertexId> pool;
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    if (std::find(kinds.begin(), kinds.end(), g[v].kind) != kinds.end()) pool.push_back(v);
  }
  if (name.empty()) throw QueryError(std::string("no ") + noun + " given", {});

  std::vector<VertexId> exact, by_alias, by_prefix;
  for (VertexId v : pool) {
    const Vertex& vertex = g[v];
    if (vertex.label == name) exact.push_back(v);
    const bool alias =
        std::find(vertex.aliases.begin(), vertex.aliases.end(), name) != vertex.aliases.end();
    if (alias) by_alias.push_back(v);
    bool prefix = starts_with(vertex.label, name);
    for (const auto& a : vertex.aliases) prefix = prefix || starts_with(a, name);
    if (prefix) by_prefix.push_back(v);
  }
  if (auto v = unique_or_throw(g, name, noun, exact, "names")) return *v;
  if (auto v = unique_or_throw(g, name, noun, by_alias, "is an alias of")) return *v;
  if (auto v = unique_or_throw(g, name, noun, by_prefix, "begins")) return *v;

  std::vector<std::string> near = closest(g, name, pool);
  std::string what = std::string("unknown ") + noun + " \"" + std::string(name) + "\"";
  if (pool.empty()) {
    what += std::string(" (the graph has no ") + noun + ")";
  } else if (!near.empty()) {
    what += " (closest: " + join(near, ", ") + ")";
  }
  throw QueryError(what, near);
}

std::vector<Companion> attended_with(const Graph& g, VertexId person) {
  std::map<VertexId, Companion> found;
  // Through events: everyone else with an attended edge to an event |person| attended.
  for (EdgeId mine : boost::make_iterator_range(boost::out_edges(person, g))) {
    if (g[mine].kind != EdgeKind::attended) continue;
    const VertexId event = boost::target(mine, g);
    for (EdgeId theirs : boost::make_iterator_range(boost::in_edges(event, g))) {
      const VertexId other = boost::source(theirs, g);
      if (g[theirs].kind != EdgeKind::attended || other == person || !is_person(g, other)) {
        continue;
      }
      Companion& c = found[other];
      c.person = other;
      c.label = g[other].label;
      c.events.push_back({g[event].label, g[event].document, g[mine].role, g[theirs].role});
    }
  }
  // Through co_attendance edges, for the people they join that no event
  // vertex does (a graph without events, such as the people view).
  std::map<VertexId, Companion> by_edge;
  auto add_shared = [&](EdgeId e, VertexId other) {
    if (g[e].kind != EdgeKind::co_attendance || other == person || found.count(other) > 0) return;
    Companion& c = by_edge[other];
    c.person = other;
    c.label = g[other].label;
    for (const auto& label : g[e].events) c.events.push_back({label, {}, {}, {}});
    c.shared = std::max(c.events.size(), static_cast<std::size_t>(g[e].weight));
  };
  for (EdgeId e : boost::make_iterator_range(boost::out_edges(person, g)))
    add_shared(e, boost::target(e, g));
  for (EdgeId e : boost::make_iterator_range(boost::in_edges(person, g)))
    add_shared(e, boost::source(e, g));
  found.merge(by_edge);

  std::vector<Companion> out;
  for (auto& item : found) {
    auto& events = item.second.events;
    item.second.shared = std::max(item.second.shared, events.size());
    std::sort(events.begin(), events.end(), [](const SharedEvent& a, const SharedEvent& b) {
      return std::tie(a.label, a.document) < std::tie(b.label, b.document);
    });
    out.push_back(std::move(item.second));
  }
  std::stable_sort(out.begin(), out.end(), [](const Companion& a, const Companion& b) {
    if (a.shared != b.shared) return a.shared > b.shared;
    return a.label < b.label;
  });
  return out;
}

std::vector<Post> affiliations(const Graph& g, VertexId person) {
  std::vector<Post> current, former;
  for (EdgeId e : boost::make_iterator_range(boost::out_edges(person, g))) {
    if (g[e].kind != EdgeKind::affiliation) continue;
    const VertexId org = boost::target(e, g);
    Post post{org, g[org].label, g[e].title, g[e].former, {}, g[e].evidence};
    for (VertexId parent : parents_of(g, org)) post.within.push_back(g[parent].label);
    (post.former ? former : current).push_back(std::move(post));
  }
  current.insert(current.end(), std::make_move_iterator(former.begin()),
                 std::make_move_iterator(former.end()));
  return current;
}

std::vector<Member> members(const Graph& g, VertexId organization) {
  std::vector<Member> out;
  for (VertexId unit : units_of(g, organization)) {
    std::vector<Member> here;
    for (EdgeId e : boost::make_iterator_range(boost::in_edges(unit, g))) {
      const VertexId person = boost::source(e, g);
      if (g[e].kind != EdgeKind::affiliation || !is_person(g, person)) continue;
      here.push_back({person, g[person].label, unit, g[unit].label, g[e].title, g[e].former});
    }
    std::stable_sort(here.begin(), here.end(), [](const Member& a, const Member& b) {
      return std::tie(a.former, a.label) < std::tie(b.former, b.label);
    });
    out.insert(out.end(), here.begin(), here.end());
  }
  return out;
}

std::vector<Participation> events_of(const Graph& g, VertexId who) {
  const EdgeKind kind = is_person(g, who) ? EdgeKind::attended : EdgeKind::organized;
  std::vector<Participation> out;
  for (EdgeId e : boost::make_iterator_range(boost::out_edges(who, g))) {
    const VertexId event = boost::target(e, g);
    if (g[e].kind != kind || g[event].kind != VertexKind::event) continue;
    Participation p;
    p.event = event;
    p.label = g[event].label;
    if (kind == EdgeKind::attended) p.role = g[e].role;
    p.date = g[event].date;
    p.place = g[event].place;
    p.document = g[event].document;
    for (EdgeId in : boost::make_iterator_range(boost::in_edges(event, g))) {
      if (g[in].kind == EdgeKind::organized) p.organizers.push_back(g[boost::source(in, g)].label);
      if (g[in].kind == EdgeKind::attended) ++p.attendees;
    }
    out.push_back(std::move(p));
  }
  return out;
}

bool links_people(EdgeKind kind) {
  return kind == EdgeKind::affiliation || kind == EdgeKind::co_attendance ||
         kind == EdgeKind::part_of;
}

std::optional<std::vector<PathStep>> shortest_path(const Graph& g, VertexId from, VertexId to) {
  if (from == to) return std::vector<PathStep>{};
  const Undirected u = undirected(g, links_people);
  const std::size_t n = boost::num_vertices(u);
  std::vector<VertexId> predecessor(n);
  for (std::size_t i = 0; i < n; ++i) predecessor[i] = i;
  auto recorder = boost::record_predecessors(
      boost::make_iterator_property_map(predecessor.begin(), boost::get(boost::vertex_index, u)),
      boost::on_tree_edge());
  boost::breadth_first_search(u, from, boost::visitor(boost::make_bfs_visitor(recorder)));
  if (predecessor[to] == to) return std::nullopt;

  std::vector<VertexId> chain{to};
  while (chain.back() != from) chain.push_back(predecessor[chain.back()]);
  std::reverse(chain.begin(), chain.end());

  std::vector<PathStep> steps;
  for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
    const VertexId a = chain[i];
    const VertexId b = chain[i + 1];
    // The first edge of |g| (in graph order) that joins a and b, either way.
    std::optional<EdgeId> link;
    bool forward = true;
    for (EdgeId e : boost::make_iterator_range(boost::out_edges(a, g))) {
      if (boost::target(e, g) == b && links_people(g[e].kind)) {
        link = e;
        break;
      }
    }
    if (!link) {
      forward = false;
      for (EdgeId e : boost::make_iterator_range(boost::out_edges(b, g))) {
        if (boost::target(e, g) == a && links_people(g[e].kind)) {
          link = e;
          break;
        }
      }
    }
    steps.push_back({a, b, g[a].label, g[b].label, forward, g[*link]});
  }
  return steps;
}

const char* to_string(Centrality by) { return by == Centrality::degree ? "degree" : "betweenness"; }

std::optional<Centrality> centrality_from_name(std::string_view name) {
  if (name == "degree") return Centrality::degree;
  if (name == "betweenness") return Centrality::betweenness;
  return std::nullopt;
}

std::vector<Ranked> rank_people(const Graph& g, Centrality by, std::size_t limit) {
  const Undirected u = undirected(g, any_kind);
  const std::size_t n = boost::num_vertices(u);
  std::vector<double> score(n, 0.0);
  if (by == Centrality::degree) {
    for (std::size_t v = 0; v < n; ++v) score[v] = boost::degree_centrality(u, v);
  } else if (n > 0) {
    boost::brandes_betweenness_centrality(u,
                                          boost::centrality_map(boost::make_iterator_property_map(
                                              score.begin(), boost::get(boost::vertex_index, u))));
  }
  std::vector<Ranked> out;
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    if (is_person(g, v)) out.push_back({v, g[v].label, score[v]});
  }
  std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.label < b.label;
  });
  if (limit > 0 && out.size() > limit) out.resize(limit);
  return out;
}

GraphStats stats(const Graph& g) {
  GraphStats s;
  std::array<std::size_t, 3> vertices{};
  std::array<std::size_t, 6> edges{};
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    ++vertices.at(static_cast<std::size_t>(g[v].kind));
  }
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    ++edges.at(static_cast<std::size_t>(g[e].kind));
  }
  for (std::size_t i = 0; i < vertices.size(); ++i) {
    s.vertices.emplace_back(static_cast<VertexKind>(i), vertices[i]);
  }
  for (std::size_t i = 0; i < edges.size(); ++i) {
    s.edges.emplace_back(static_cast<EdgeKind>(i), edges[i]);
  }
  s.vertex_count = boost::num_vertices(g);
  s.edge_count = boost::num_edges(g);

  const Undirected u = undirected(g, any_kind);
  std::vector<std::size_t> component(boost::num_vertices(u));
  const std::size_t count =
      s.vertex_count == 0 ? 0
                          : boost::connected_components(
                                u, boost::make_iterator_property_map(
                                       component.begin(), boost::get(boost::vertex_index, u)));
  std::vector<std::pair<std::size_t, std::size_t>> sizes(count);  // (vertices, people)
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    ++sizes[component[v]].first;
    if (is_person(g, v)) ++sizes[component[v]].second;
  }
  std::sort(sizes.begin(), sizes.end(), std::greater<>());
  for (const auto& [size, people] : sizes) {
    s.component_sizes.push_back(size);
    s.component_people.push_back(people);
  }
  return s;
}

Graph top_neighbourhood(const Graph& g, std::size_t n, Centrality by) {
  std::vector<bool> keep(boost::num_vertices(g), false);
  std::vector<Ranked> ranked = rank_people(g, by);
  if (ranked.size() > n) ranked.resize(n);
  for (const Ranked& r : ranked) {
    keep[r.person] = true;
    for (EdgeId e : boost::make_iterator_range(boost::out_edges(r.person, g))) {
      if (!is_person(g, boost::target(e, g))) keep[boost::target(e, g)] = true;
    }
    for (EdgeId e : boost::make_iterator_range(boost::in_edges(r.person, g))) {
      if (!is_person(g, boost::source(e, g))) keep[boost::source(e, g)] = true;
    }
  }
  Graph out;
  std::vector<VertexId> id(boost::num_vertices(g));
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    if (keep[v]) id[v] = boost::add_vertex(g[v], out);
  }
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    const VertexId a = boost::source(e, g);
    const VertexId b = boost::target(e, g);
    if (keep[a] && keep[b]) boost::add_edge(id[a], id[b], g[e], out);
  }
  return out;
}

}  // namespace guanxi
