// Stage 4: extractions -> one Boost.Graph (see graph.hpp).
#include "guanxi/graph.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

#include <boost/range/iterator_range.hpp>

#include "guanxi/text.hpp"

namespace guanxi {
namespace {

// The one table of kind names, indexed by the enums' values.
constexpr std::array<const char*, 3> kVertexKindNames = {"person", "organization", "event"};
constexpr std::array<const char*, 6> kEdgeKindNames = {
    "affiliation", "attended", "organized", "co_attendance", "part_of", "member_of"};
constexpr std::array<Role, 4> kRoles = {Role::attended, Role::hosted, Role::spoke,
                                        Role::presented};

// How strongly a role ties a person to an event: hosted > spoke > presented > attended.
int role_strength(Role role) {
  switch (role) {
    case Role::hosted:
      return 3;
    case Role::spoke:
      return 2;
    case Role::presented:
      return 1;
    case Role::attended:
      break;
  }
  return 0;
}

// Appends |from| to |to| while |to| holds fewer than kMaxEvidence items.
void append_evidence(std::vector<EdgeEvidence>& to, const std::vector<EdgeEvidence>& from) {
  for (const auto& item : from) {
    if (to.size() >= GraphBuilder::kMaxEvidence) return;
    to.push_back(item);
  }
}

// Appends |a| and |b| alternately (a0 b0 a1 b1 ...) up to kMaxEvidence items,
// so both people's evidence shows even when one has many items.
void append_interleaved(std::vector<EdgeEvidence>& to, const std::vector<EdgeEvidence>& a,
                        const std::vector<EdgeEvidence>& b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    for (const auto* items : {&a, &b}) {
      if (i < items->size() && to.size() < GraphBuilder::kMaxEvidence) to.push_back((*items)[i]);
    }
  }
}

// The document id, the UTF-8 text of the evidence sentence and the original span.
// A sentence index outside the document gives an empty sentence.
EdgeEvidence make_evidence(const Document& doc, const Evidence& evidence) {
  EdgeEvidence out{doc.id, {}, evidence.start, evidence.end};
  if (evidence.sentence < doc.sentences.size()) {
    const Span& span = doc.sentences[evidence.sentence];
    const std::size_t size = doc.norm.text.size();
    const std::size_t begin = std::min(span.begin, size);
    const std::size_t end = std::min(std::max(span.end, begin), size);
    out.sentence = encode_utf8(std::u32string_view(doc.norm.text).substr(begin, end - begin));
  }
  return out;
}

template <typename Kind, std::size_t N>
std::optional<Kind> kind_from_string(const std::array<const char*, N>& names,
                                     std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(VertexKind kind) { return kVertexKindNames.at(static_cast<std::size_t>(kind)); }

const char* to_string(EdgeKind kind) { return kEdgeKindNames.at(static_cast<std::size_t>(kind)); }

std::optional<VertexKind> vertex_kind_from_string(std::string_view name) {
  return kind_from_string<VertexKind>(kVertexKindNames, name);
}

std::optional<EdgeKind> edge_kind_from_string(std::string_view name) {
  return kind_from_string<EdgeKind>(kEdgeKindNames, name);
}

// The inverse of to_string(Role), so role names live in one table (extract.cpp).
std::optional<Role> role_from_string(std::string_view name) {
  for (Role role : kRoles) {
    if (name == to_string(role)) return role;
  }
  return std::nullopt;
}

// Merges a vertex into the builder: aliases unioned (sorted, without the
// label itself), mentions summed. Returns the key for edges to refer to.
GraphBuilder::VertexKey GraphBuilder::add_vertex(VertexKey key,
                                                 const std::vector<std::string>& aliases,
                                                 std::size_t mentions) {
  auto [it, inserted] = vertices_.try_emplace(key);
  Vertex& vertex = it->second;
  if (inserted) {
    vertex.kind = std::get<0>(key);
    vertex.label = std::get<1>(key);
  }
  vertex.mentions += mentions;
  for (const auto& alias : aliases) {
    if (alias.empty() || alias == vertex.label) continue;
    auto pos = std::lower_bound(vertex.aliases.begin(), vertex.aliases.end(), alias);
    if (pos == vertex.aliases.end() || *pos != alias) vertex.aliases.insert(pos, alias);
  }
  return key;
}

// Merges an edge: a key seen before gains weight 1 and the new evidence (up
// to kMaxEvidence); an attended edge keeps the strongest role seen.
void GraphBuilder::add_edge(const EdgeKey& key, Edge edge) {
  auto it = edges_.find(key);
  if (it == edges_.end()) {
    if (edge.evidence.size() > kMaxEvidence) edge.evidence.resize(kMaxEvidence);
    edges_.emplace(key, std::move(edge));
    return;
  }
  Edge& known = it->second;
  known.weight += 1.0;
  append_evidence(known.evidence, edge.evidence);
  if (edge.role && (!known.role || role_strength(*edge.role) > role_strength(*known.role))) {
    known.role = edge.role;
  }
}

// Folds one document's extraction in. Entities with an empty name and
// relations naming an entity that does not exist are skipped.
void GraphBuilder::add(const Document& doc, const Extraction& extraction) {
  std::vector<std::optional<VertexKey>> persons;
  for (const auto& person : extraction.persons) {
    if (person.name.empty()) {
      persons.emplace_back();
      continue;
    }
    persons.push_back(add_vertex({VertexKind::person, person.name, {}}, {},
                                 person.mentions.size()));
  }
  std::vector<std::optional<VertexKey>> orgs;
  for (const auto& org : extraction.organizations) {
    if (org.name.empty()) {
      orgs.emplace_back();
      continue;
    }
    orgs.push_back(add_vertex({VertexKind::organization, org.name, {}}, org.aliases,
                              org.mentions.size()));
  }
  std::vector<std::optional<VertexKey>> events;
  for (const auto& event : extraction.events) {
    if (event.name.empty()) {
      events.emplace_back();
      continue;
    }
    events.push_back(add_vertex({VertexKind::event, event.name, doc.id}, {},
                                event.mentions.size()));
  }

  // The key of entity |index| in |keys|, or nullptr when there is none.
  auto lookup = [](const std::vector<std::optional<VertexKey>>& keys,
                   std::size_t index) -> const VertexKey* {
    return index < keys.size() && keys[index] ? &*keys[index] : nullptr;
  };

  for (const auto& a : extraction.affiliations) {
    const VertexKey* from = lookup(persons, a.person);
    const VertexKey* to = lookup(orgs, a.org);
    if (!from || !to) continue;
    Edge edge;
    edge.kind = EdgeKind::affiliation;
    edge.title = a.title;
    edge.former = a.former;
    edge.evidence.push_back(make_evidence(doc, a.evidence));
    add_edge({edge.kind, *from, *to, a.title, a.former}, std::move(edge));
  }
  for (const auto& a : extraction.attendances) {
    const VertexKey* from = lookup(persons, a.person);
    const VertexKey* to = lookup(events, a.event);
    if (!from || !to) continue;
    Edge edge;
    edge.kind = EdgeKind::attended;
    edge.role = a.role;
    edge.evidence.push_back(make_evidence(doc, a.evidence));
    add_edge({edge.kind, *from, *to, {}, false}, std::move(edge));
  }
  for (const auto& o : extraction.organizings) {
    const VertexKey* from = lookup(orgs, o.org);
    const VertexKey* to = lookup(events, o.event);
    if (!from || !to) continue;
    Edge edge;
    edge.kind = EdgeKind::organized;
    edge.evidence.push_back(make_evidence(doc, o.evidence));
    add_edge({edge.kind, *from, *to, {}, false}, std::move(edge));
  }
  for (const auto& r : extraction.org_relations) {
    const VertexKey* from = lookup(orgs, r.from);
    const VertexKey* to = lookup(orgs, r.to);
    if (!from || !to || *from == *to) continue;
    Edge edge;
    edge.kind = r.kind == OrgRelationKind::part_of ? EdgeKind::part_of : EdgeKind::member_of;
    edge.evidence.push_back(make_evidence(doc, r.evidence));
    add_edge({edge.kind, *from, *to, {}, false}, std::move(edge));
  }
}

// Vertices in key order, which is (kind, label, document); edges sorted by
// (kind, source label, target label, title, former), ties by vertex index;
// co_attendance edges derived from the attended edges.
Graph GraphBuilder::build() const {
  Graph g;
  std::map<VertexKey, VertexId> ids;
  for (const auto& [key, vertex] : vertices_) ids.emplace(key, boost::add_vertex(vertex, g));

  struct Pending {
    VertexId source;
    VertexId target;
    const Edge* edge;
  };
  std::vector<Pending> pending;
  pending.reserve(edges_.size());
  // Per event, its attendees and their attended edge, both ordered by vertex index.
  std::map<VertexId, std::map<VertexId, const Edge*>> attendees;
  for (const auto& [key, edge] : edges_) {
    const VertexId source = ids.at(std::get<1>(key));
    const VertexId target = ids.at(std::get<2>(key));
    pending.push_back({source, target, &edge});
    if (edge.kind == EdgeKind::attended) attendees[target][source] = &edge;
  }

  // One co_attendance edge per pair of people, lower index first.
  std::map<std::pair<VertexId, VertexId>, Edge> shared;
  for (const auto& [event, people] : attendees) {
    for (auto a = people.begin(); a != people.end(); ++a) {
      for (auto b = std::next(a); b != people.end(); ++b) {
        Edge& edge = shared[{a->first, b->first}];
        edge.kind = EdgeKind::co_attendance;
        edge.events.push_back(g[event].label);
        append_interleaved(edge.evidence, a->second->evidence, b->second->evidence);
      }
    }
  }
  for (auto& [pair, edge] : shared) {
    edge.weight = static_cast<double>(edge.events.size());
    std::sort(edge.events.begin(), edge.events.end());
    pending.push_back({pair.first, pair.second, &edge});
  }

  std::sort(pending.begin(), pending.end(), [&g](const Pending& x, const Pending& y) {
    return std::forward_as_tuple(x.edge->kind, g[x.source].label, g[x.target].label,
                                 x.edge->title, x.edge->former, x.source, x.target) <
           std::forward_as_tuple(y.edge->kind, g[y.source].label, g[y.target].label,
                                 y.edge->title, y.edge->former, y.source, y.target);
  });
  for (const auto& p : pending) boost::add_edge(p.source, p.target, *p.edge, g);
  return g;
}

std::optional<VertexId> find_vertex(const Graph& g, VertexKind kind, std::string_view label) {
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].kind == kind && g[v].label == label) return v;
  }
  return std::nullopt;
}

}  // namespace guanxi
