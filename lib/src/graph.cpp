// Stage 4: extractions -> one Boost.Graph (see graph.hpp).
#include "guanxi/graph.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <limits>
#include <numeric>
#include <utility>

#include <boost/range/iterator_range.hpp>

#include "guanxi/error.hpp"
#include "guanxi/text.hpp"

namespace guanxi {
namespace {

// The one table of kind names, indexed by the enums' values.
constexpr std::array<const char*, 3> kVertexKindNames = {"person", "organization", "event"};
constexpr std::array<const char*, 6> kEdgeKindNames = {
    "affiliation", "attended", "organized", "co_attendance", "part_of", "member_of"};
constexpr std::array<Role, 4> kRoles = {Role::attended, Role::hosted, Role::spoke,
                                        Role::presented};
constexpr std::array<const char*, 3> kViewNames = {"all", "people", "affiliations"};
// A namesake's disambiguation text lists at most this many of their posts.
constexpr std::size_t kMaxPostsShown = 3;

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

// Folds |from| into |into| (the same edge seen again): weights add, evidence
// is appended up to kMaxEvidence, an attended edge keeps the strongest role.
void merge_edge(Edge& into, const Edge& from) {
  into.weight += from.weight;
  append_evidence(into.evidence, from.evidence);
  if (from.role && (!into.role || role_strength(*from.role) > role_strength(*into.role))) {
    into.role = from.role;
  }
}

// Which organisations may employ the same person under different names: two
// full names are related when equal, when one is an alias of the other, or
// when one is a part_of ancestor of the other (directly or through units).
class OrgKinship {
 public:
  void add_alias(const std::string& org, const std::string& alias) { aliases_.emplace(org, alias); }
  void add_part_of(const std::string& unit, const std::string& parent) {
    parents_[unit].push_back(parent);
  }

  bool related(const std::string& a, const std::string& b) const {
    return a == b || aliases_.count({a, b}) > 0 || aliases_.count({b, a}) > 0 ||
           is_ancestor(a, b) || is_ancestor(b, a);
  }
  // True when some organisation of |a| is related to some organisation of |b|.
  bool related(const std::set<std::string>& a, const std::set<std::string>& b) const {
    for (const auto& x : a) {
      for (const auto& y : b) {
        if (related(x, y)) return true;
      }
    }
    return false;
  }

 private:
  // Whether |ancestor| is reached from |unit| by following part_of upwards.
  bool is_ancestor(const std::string& ancestor, const std::string& unit) const {
    if (parents_.count(unit) == 0) return false;
    std::set<std::string> seen{unit};
    std::vector<std::string> todo{unit};
    while (!todo.empty()) {
      const std::string current = std::move(todo.back());
      todo.pop_back();
      const auto it = parents_.find(current);
      if (it == parents_.end()) continue;
      for (const auto& parent : it->second) {
        if (parent == ancestor) return true;
        if (seen.insert(parent).second) todo.push_back(parent);
      }
    }
    return false;
  }

  std::set<std::pair<std::string, std::string>> aliases_;    // (organisation, one of its aliases)
  std::map<std::string, std::vector<std::string>> parents_;  // unit -> its part_of parents
};

// "会长 at 某某协会", or "a post at 某某协会" when the title is unknown.
std::string describe_post(const std::string& title, const std::string& org) {
  return (title.empty() ? std::string("a post at ") : title + " at ") + org;
}

// Why a person was kept apart from their namesakes: for the first of |groups|
// people named |name| "one of 2 people named 王小明; held 会长 at 某某协会", for
// the others "namesake of another 王小明; held 主任 at 某某大学" (|posts| as
// describe_post() words them, at most kMaxPostsShown).
std::string namesake_text(const std::string& name, std::size_t group, std::size_t groups,
                          const std::vector<std::string>& posts) {
  std::string out = group == 0 ? "one of " + std::to_string(groups) + " people named " + name
                               : "namesake of another " + name;
  if (posts.empty()) return out + "; no affiliation known";
  out += "; held ";
  for (std::size_t i = 0; i < std::min(posts.size(), kMaxPostsShown); ++i) {
    if (i > 0) out += ", ";
    out += posts[i];
  }
  if (posts.size() > kMaxPostsShown) {
    out += " and " + std::to_string(posts.size() - kMaxPostsShown) + " more";
  }
  return out;
}

// Whether |view| keeps a vertex of |kind|.
bool keeps(View view, VertexKind kind) {
  switch (view) {
    case View::all:
      return true;
    case View::people:
      return kind == VertexKind::person;
    case View::affiliations:
      return kind == VertexKind::person || kind == VertexKind::organization;
  }
  return false;
}

// Whether |view| keeps an edge of |kind|.
bool keeps(View view, EdgeKind kind) {
  switch (view) {
    case View::all:
      return true;
    case View::people:
      return kind == EdgeKind::co_attendance;
    case View::affiliations:
      return kind == EdgeKind::affiliation || kind == EdgeKind::part_of ||
             kind == EdgeKind::member_of;
  }
  return false;
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
GraphBuilder::KeyId GraphBuilder::add_vertex(VertexKey key, const std::vector<std::string>& aliases,
                                             std::size_t mentions) {
  const KeyId id = key_id(std::move(key));
  Slot& slot = slots_[id];
  Vertex& vertex = slot.vertex;
  if (!slot.is_vertex) {
    slot.is_vertex = true;
    vertex.kind = std::get<0>(*slot.key);
    vertex.label = std::get<1>(*slot.key);
  }
  vertex.mentions += mentions;
  for (const auto& alias : aliases) {
    if (alias.empty() || alias == vertex.label) continue;
    auto pos = std::lower_bound(vertex.aliases.begin(), vertex.aliases.end(), alias);
    if (pos == vertex.aliases.end() || *pos != alias) vertex.aliases.insert(pos, alias);
  }
  return id;
}

GraphBuilder::KeyId GraphBuilder::key_id(VertexKey key) {
  const auto [it, inserted] = ids_.try_emplace(std::move(key), static_cast<KeyId>(slots_.size()));
  if (inserted) {
    if (slots_.size() == std::numeric_limits<KeyId>::max()) {
      ids_.erase(it);
      throw Error("too many vertices for one graph");
    }
    slots_.emplace_back();
    slots_.back().key = &it->first;
  }
  return it->second;
}

// The copy numbers its keys the same, pointing into its own ids_.
GraphBuilder::GraphBuilder(const GraphBuilder& other)
    : ids_(other.ids_),
      slots_(other.slots_),
      edges_(other.edges_),
      names_(other.names_),
      occurrences_(other.occurrences_) {
  for (const auto& [key, id] : ids_) slots_[id].key = &key;
}

GraphBuilder& GraphBuilder::operator=(const GraphBuilder& other) {
  if (this != &other) *this = GraphBuilder(other);
  return *this;
}

// Merges an edge: a key seen before gains the new weight and evidence (up
// to kMaxEvidence); an attended edge keeps the strongest role seen.
void GraphBuilder::add_edge(const EdgeKey& key, Edge edge) {
  auto it = edges_.find(key);
  if (it == edges_.end()) {
    if (edge.evidence.size() > kMaxEvidence) edge.evidence.resize(kMaxEvidence);
    edge.events.clear();
    edges_.emplace(key, std::move(edge));
    return;
  }
  merge_edge(it->second, edge);
}

std::size_t GraphBuilder::NameOrgs::root(std::size_t i) const {
  while (parent[i] != i) i = parent[i];
  return i;
}

std::size_t GraphBuilder::NameOrgs::root(std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

// Puts |orgs| in one set of |name|'s organisations; the set's first_seen (at
// its root) is the earliest occurrence of any of its organisations.
std::string GraphBuilder::add_occurrence(const std::string& name,
                                         const std::set<std::string>& orgs) {
  if (orgs.empty()) return {};
  NameOrgs& known = names_[name];
  const std::size_t occurrence = occurrences_++;
  std::optional<std::size_t> joined;
  for (const auto& org : orgs) {
    const auto [it, inserted] = known.node_of_org.try_emplace(org, known.parent.size());
    if (inserted) {
      known.parent.push_back(it->second);
      known.first_seen.push_back(occurrence);
    }
    const std::size_t r = known.root(it->second);
    if (!joined) {
      joined = r;
    } else if (r != *joined) {
      // The root seen first stays the root and keeps the earlier first_seen.
      const auto [keep, drop] = known.first_seen[r] < known.first_seen[*joined]
                                    ? std::pair(r, *joined)
                                    : std::pair(*joined, r);
      known.parent[drop] = keep;
      joined = keep;
    }
  }
  return *orgs.begin();
}

// Folds one document's extraction in. Entities with an empty name and
// relations naming an entity that does not exist are skipped. Each person
// name of the document is one occurrence, anchored at one organisation of its
// posts there, and grouped with its namesakes by build().
void GraphBuilder::add(const Document& doc, const Extraction& extraction) {
  // The key of entity |index| in |keys|, or nullptr when there is none.
  auto lookup = [](const std::vector<std::optional<KeyId>>& keys,
                   std::size_t index) -> const KeyId* {
    return index < keys.size() && keys[index] ? &*keys[index] : nullptr;
  };
  auto name_of = [&](const std::vector<Organization>& orgs, std::size_t i) -> const std::string* {
    return i < orgs.size() && !orgs[i].name.empty() ? &orgs[i].name : nullptr;
  };

  // Each name's posts in this document, then its anchor.
  std::map<std::string, std::set<std::string>> posts;
  for (const auto& person : extraction.persons) {
    if (!person.name.empty()) posts[person.name];
  }
  for (const auto& a : extraction.affiliations) {
    const std::string* org = name_of(extraction.organizations, a.org);
    if (a.person < extraction.persons.size() && !extraction.persons[a.person].name.empty() && org) {
      posts[extraction.persons[a.person].name].insert(*org);
    }
  }
  std::map<std::string, std::string> anchor;
  for (const auto& [name, orgs] : posts) anchor.emplace(name, add_occurrence(name, orgs));

  std::vector<std::optional<KeyId>> persons;
  for (const auto& person : extraction.persons) {
    if (person.name.empty()) {
      persons.emplace_back();
      continue;
    }
    persons.push_back(add_vertex({VertexKind::person, person.name, anchor.at(person.name), 0}, {},
                                 person.mentions.size()));
  }
  std::vector<std::optional<KeyId>> orgs;
  for (const auto& org : extraction.organizations) {
    if (org.name.empty()) {
      orgs.emplace_back();
      continue;
    }
    orgs.push_back(
        add_vertex({VertexKind::organization, org.name, {}, 0}, org.aliases, org.mentions.size()));
  }
  std::vector<std::optional<KeyId>> events;
  for (const auto& event : extraction.events) {
    if (event.name.empty()) {
      events.emplace_back();
      continue;
    }
    const KeyId key =
        add_vertex({VertexKind::event, event.name, doc.id, 0}, {}, event.mentions.size());
    // The first place and date the document gives are kept.
    Vertex& vertex = slots_[key].vertex;
    vertex.document = doc.id;
    vertex.source = doc.source;
    if (vertex.place.empty()) vertex.place = event.place;
    if (vertex.date.empty()) vertex.date = event.date;
    events.push_back(key);
  }

  for (const auto& a : extraction.affiliations) {
    const KeyId* from = lookup(persons, a.person);
    const KeyId* to = lookup(orgs, a.org);
    if (!from || !to) continue;
    Edge edge;
    edge.kind = EdgeKind::affiliation;
    edge.title = a.title;
    edge.former = a.former;
    edge.evidence.push_back(make_evidence(doc, a.evidence));
    const KeyId person = key_id(
        {VertexKind::person, std::get<1>(*slots_[*from].key), std::get<1>(*slots_[*to].key), 0});
    add_edge({edge.kind, person, *to, a.title, a.former}, std::move(edge));
  }
  for (const auto& a : extraction.attendances) {
    const KeyId* from = lookup(persons, a.person);
    const KeyId* to = lookup(events, a.event);
    if (!from || !to) continue;
    Edge edge;
    edge.kind = EdgeKind::attended;
    edge.role = a.role;
    edge.evidence.push_back(make_evidence(doc, a.evidence));
    add_edge({edge.kind, *from, *to, {}, false}, std::move(edge));
  }
  for (const auto& o : extraction.organizings) {
    const KeyId* from = lookup(orgs, o.org);
    const KeyId* to = lookup(events, o.event);
    if (!from || !to) continue;
    Edge edge;
    edge.kind = EdgeKind::organized;
    edge.evidence.push_back(make_evidence(doc, o.evidence));
    add_edge({edge.kind, *from, *to, {}, false}, std::move(edge));
  }
  for (const auto& r : extraction.org_relations) {
    const KeyId* from = lookup(orgs, r.from);
    const KeyId* to = lookup(orgs, r.to);
    if (!from || !to || *from == *to) continue;
    Edge edge;
    edge.kind = r.kind == OrgRelationKind::part_of ? EdgeKind::part_of : EdgeKind::member_of;
    edge.evidence.push_back(make_evidence(doc, r.evidence));
    add_edge({edge.kind, *from, *to, {}, false}, std::move(edge));
  }
}

// A built graph's person vertex is one namesake group: one occurrence whose
// posts are the targets of its affiliation edges. Vertices come in the
// graph's order, which puts a name's groups in the order they were first
// seen, so the groups keep that order after the documents added before.
void GraphBuilder::add(const Graph& graph) {
  bool has_attended = false;
  bool has_co_attendance = false;
  for (EdgeId e : boost::make_iterator_range(boost::edges(graph))) {
    has_attended = has_attended || graph[e].kind == EdgeKind::attended;
    has_co_attendance = has_co_attendance || graph[e].kind == EdgeKind::co_attendance;
  }
  if (has_co_attendance && !has_attended) {
    throw Error(
        "the graph has co_attendance edges but no attended edges (a --view people graph?); "
        "only whole graphs can be merged");
  }

  std::vector<KeyId> keys;
  keys.reserve(boost::num_vertices(graph));
  for (VertexId v : boost::make_iterator_range(boost::vertices(graph))) {
    const Vertex& vertex = graph[v];
    switch (vertex.kind) {
      case VertexKind::person: {
        std::set<std::string> orgs;
        for (EdgeId e : boost::make_iterator_range(boost::out_edges(v, graph))) {
          if (graph[e].kind == EdgeKind::affiliation) {
            orgs.insert(graph[boost::target(e, graph)].label);
          }
        }
        // The mentions without a post become the name's anchor "" again.
        const std::size_t without = std::min(vertex.mentions_without_post, vertex.mentions);
        keys.push_back(
            add_vertex({VertexKind::person, vertex.label, add_occurrence(vertex.label, orgs), 0},
                       vertex.aliases, vertex.mentions - without));
        if (without > 0) add_vertex({VertexKind::person, vertex.label, {}, 0}, {}, without);
        break;
      }
      case VertexKind::organization:
        keys.push_back(add_vertex({VertexKind::organization, vertex.label, {}, 0}, vertex.aliases,
                                  vertex.mentions));
        break;
      case VertexKind::event: {
        keys.push_back(add_vertex({VertexKind::event, vertex.label, vertex.document, 0},
                                  vertex.aliases, vertex.mentions));
        Vertex& into = slots_[keys.back()].vertex;
        into.document = vertex.document;
        into.source = vertex.source;
        if (into.place.empty()) into.place = vertex.place;
        if (into.date.empty()) into.date = vertex.date;
        break;
      }
    }
  }
  for (EdgeId e : boost::make_iterator_range(boost::edges(graph))) {
    const Edge& edge = graph[e];
    if (edge.kind == EdgeKind::co_attendance) continue;
    KeyId from = keys.at(boost::source(e, graph));
    const KeyId to = keys.at(boost::target(e, graph));
    if (edge.kind == EdgeKind::affiliation ||
        (edge.kind == EdgeKind::attended && edge.without_post)) {
      VertexKey anchored = *slots_[from].key;
      std::get<2>(anchored) =
          edge.kind == EdgeKind::affiliation ? std::get<1>(*slots_[to].key) : std::string();
      from = key_id(std::move(anchored));
    }
    const bool post = edge.kind == EdgeKind::affiliation;
    add_edge({edge.kind, from, to, post ? edge.title : std::string(), post && edge.former}, edge);
  }
}

// Two sets of a name's organisations are one person when some organisation
// of one is related (OrgKinship) to one of the other's; the groups are the
// connected components of that relation, numbered in the order of their
// earliest occurrence. An anchor "" (an occurrence without posts) is group 0.
GraphBuilder::Groups GraphBuilder::group_namesakes() const {
  OrgKinship kinship;
  for (const Slot& slot : slots_) {
    if (!slot.is_vertex || slot.vertex.kind != VertexKind::organization) continue;
    for (const auto& alias : slot.vertex.aliases) kinship.add_alias(slot.vertex.label, alias);
  }
  for (const auto& [key, edge] : edges_) {
    if (edge.kind == EdgeKind::part_of) {
      kinship.add_part_of(std::get<1>(*slots_[std::get<1>(key)].key),
                          std::get<1>(*slots_[std::get<2>(key)].key));
    }
  }

  Groups groups;
  for (const auto& [name, known] : names_) {
    // The sets, by root: their organisations and earliest occurrence.
    std::map<std::size_t, std::set<std::string>> sets;
    for (const auto& [org, node] : known.node_of_org) sets[known.root(node)].insert(org);
    std::vector<std::size_t> roots;
    for (const auto& [root, orgs] : sets) roots.push_back(root);
    // Union-find over positions in |roots|.
    std::vector<std::size_t> parent(roots.size());
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto top = [&parent](std::size_t i) {
      while (parent[i] != i) i = parent[i] = parent[parent[i]];
      return i;
    };
    for (std::size_t a = 0; a < roots.size(); ++a) {
      for (std::size_t b = a + 1; b < roots.size(); ++b) {
        if (top(a) == top(b)) continue;
        if (kinship.related(sets[roots[a]], sets[roots[b]])) parent[top(b)] = top(a);
      }
    }
    // Components numbered by their earliest occurrence.
    std::map<std::size_t, std::size_t> earliest;  // component -> first occurrence
    for (std::size_t i = 0; i < roots.size(); ++i) {
      const std::size_t seen = known.first_seen[roots[i]];
      const auto [it, inserted] = earliest.try_emplace(top(i), seen);
      if (!inserted) it->second = std::min(it->second, seen);
    }
    std::map<std::size_t, std::size_t> component_at;  // first occurrence -> component
    for (const auto& [component, seen] : earliest) component_at.emplace(seen, component);
    std::map<std::size_t, std::size_t> number;  // component -> group number
    for (const auto& [seen, component] : component_at) number.emplace(component, number.size());
    for (std::size_t i = 0; i < roots.size(); ++i) {
      for (const auto& org : sets[roots[i]]) groups.of_anchor[{name, org}] = number.at(top(i));
    }
    groups.count[name] = number.size();
  }
  return groups;
}

Graph GraphBuilder::build() const& { return GraphBuilder(*this).release(); }

Graph GraphBuilder::build() && { return release(); }

// Vertices in key order, which is (kind, label, document, namesake group);
// edges sorted by (kind, source label, target label, title, former), ties by
// vertex index; co_attendance edges derived from the attended edges. What is
// moved into the graph leaves the builder at once, so the peak holds the
// graph about once, not twice.
Graph GraphBuilder::release() {
  const Groups groups = group_namesakes();
  // The key of the vertex that |key| becomes: a person anchor's group.
  auto resolve = [&groups](const VertexKey& key) {
    if (std::get<0>(key) != VertexKind::person) return key;
    const std::string& name = std::get<1>(key);
    const std::string& anchor = std::get<2>(key);
    const std::size_t group = anchor.empty() ? 0 : groups.of_anchor.at({name, anchor});
    return VertexKey{VertexKind::person, name, {}, group};
  };

  // Anchors of one group merge; only people merge here, so mentions and
  // (for people read from a graph) aliases are all there is to add. Keys are
  // visited in their order, as they always were, and ranked in it.
  struct Merged {
    Vertex vertex;
    VertexId id = 0;
  };
  std::map<VertexKey, Merged> vertices;
  std::vector<KeyId> rank(slots_.size());
  {
    KeyId next = 0;
    for (const auto& [key, id] : ids_) {
      rank[id] = next++;
      Slot& slot = slots_[id];
      if (!slot.is_vertex) continue;
      const std::size_t mentions = slot.vertex.mentions;
      const bool without_post = std::get<0>(key) == VertexKind::person && std::get<2>(key).empty();
      const auto [it, inserted] = vertices.try_emplace(resolve(key));
      Vertex& into = it->second.vertex;
      if (inserted) {
        into = std::move(slot.vertex);
      } else {
        into.mentions += mentions;
        for (const auto& alias : slot.vertex.aliases) {
          auto pos = std::lower_bound(into.aliases.begin(), into.aliases.end(), alias);
          if (pos == into.aliases.end() || *pos != alias) into.aliases.insert(pos, alias);
        }
      }
      if (without_post) into.mentions_without_post = mentions;
      slot.vertex = Vertex();
    }
  }
  // Graph vertex ids follow the merged keys' order.
  std::vector<const VertexKey*> key_of;  // by graph vertex id
  key_of.reserve(vertices.size());
  for (auto& [key, merged] : vertices) {
    merged.id = key_of.size();
    key_of.push_back(&key);
  }
  // The graph vertex of every numbered key (edges may end at an anchored
  // person key that is no vertex of its own, but whose group is).
  std::vector<VertexId> vertex_of(slots_.size());
  for (std::size_t id = 0; id < slots_.size(); ++id) {
    vertex_of[id] = vertices.at(resolve(*slots_[id].key)).id;
  }

  // Edges merge here only when one document id was added twice (an event's
  // attendee anchored differently); everything else met in add_edge(). They
  // are visited in the order of their ends' keys, as they always were.
  using MergedKey = std::tuple<EdgeKind, VertexId, VertexId, std::string, bool>;
  std::map<MergedKey, Edge> edges;
  {
    std::vector<std::map<EdgeKey, Edge>::iterator> order;
    order.reserve(edges_.size());
    for (auto it = edges_.begin(); it != edges_.end(); ++it) order.push_back(it);
    std::sort(order.begin(), order.end(), [&rank](const auto& x, const auto& y) {
      const EdgeKey& a = x->first;
      const EdgeKey& b = y->first;
      return std::forward_as_tuple(std::get<0>(a), rank[std::get<1>(a)], rank[std::get<2>(a)],
                                   std::get<3>(a), std::get<4>(a)) <
             std::forward_as_tuple(std::get<0>(b), rank[std::get<1>(b)], rank[std::get<2>(b)],
                                   std::get<3>(b), std::get<4>(b));
    });
    for (const auto& entry : order) {
      const EdgeKey& key = entry->first;
      const MergedKey merged{std::get<0>(key), vertex_of[std::get<1>(key)],
                             vertex_of[std::get<2>(key)], std::get<3>(key), std::get<4>(key)};
      const bool without_post = std::get<0>(key) == EdgeKind::attended &&
                                std::get<2>(*slots_[std::get<1>(key)].key).empty();
      const auto [it, inserted] = edges.try_emplace(merged);
      if (inserted) {
        it->second = std::move(entry->second);
        it->second.without_post = without_post;
      } else {
        merge_edge(it->second, entry->second);
        it->second.without_post = it->second.without_post && without_post;
      }
      edges_.erase(entry);
    }
  }
  // The builder's own contents are used up.
  *this = GraphBuilder();

  // Namesakes: how many groups each name has, and each group's posts.
  auto group_count = [&groups](const std::string& name) {
    const auto it = groups.count.find(name);
    return it == groups.count.end() ? std::size_t{1} : it->second;
  };
  std::map<VertexId, std::vector<std::string>> posts;
  for (const auto& [key, edge] : edges) {
    if (edge.kind != EdgeKind::affiliation) continue;
    const VertexKey& person = *key_of[std::get<1>(key)];
    if (group_count(std::get<1>(person)) < 2) continue;
    // A title held now and formerly at the same place is one post.
    std::vector<std::string>& list = posts[std::get<1>(key)];
    const std::string post = describe_post(edge.title, std::get<1>(*key_of[std::get<2>(key)]));
    if (list.empty() || list.back() != post) list.push_back(post);
  }

  Graph g;
  for (auto it = vertices.begin(); it != vertices.end();) {
    const VertexKey& key = it->first;
    Vertex& vertex = it->second.vertex;
    if (std::get<0>(key) == VertexKind::person) {
      vertex.disambiguation.clear();
      const std::size_t count = group_count(vertex.label);
      if (count >= 2) {
        const auto found = posts.find(it->second.id);
        vertex.disambiguation =
            namesake_text(vertex.label, std::get<3>(key), count,
                          found == posts.end() ? std::vector<std::string>{} : found->second);
      }
    }
    // boost::add_vertex(property, g) would copy it (Boost 1.74 takes a const&).
    g[boost::add_vertex(g)] = std::move(vertex);
    it = vertices.erase(it);
  }
  key_of.clear();

  struct Pending {
    VertexId source;
    VertexId target;
    Edge* edge;
  };
  std::vector<Pending> pending;
  pending.reserve(edges.size());
  // Per event, its attendees and their attended edge, both ordered by vertex index.
  std::map<VertexId, std::map<VertexId, const Edge*>> attendees;
  for (auto& [key, edge] : edges) {
    const VertexId source = std::get<1>(key);
    const VertexId target = std::get<2>(key);
    pending.push_back({source, target, &edge});
    if (edge.kind == EdgeKind::attended) attendees[target][source] = &edge;
  }

  // One co_attendance edge per pair of people, lower index first.
  // Events come in vertex order, which is label order: each edge counts
  // them all in its weight and keeps the first kMaxEvents labels.
  std::map<std::pair<VertexId, VertexId>, Edge> shared;
  for (const auto& [event, people] : attendees) {
    for (auto a = people.begin(); a != people.end(); ++a) {
      for (auto b = std::next(a); b != people.end(); ++b) {
        const auto [it, inserted] = shared.try_emplace({a->first, b->first});
        Edge& edge = it->second;
        if (inserted) {
          edge.kind = EdgeKind::co_attendance;
          edge.weight = 0;
        }
        edge.weight += 1;
        if (edge.events.size() < kMaxEvents) edge.events.push_back(g[event].label);
        append_interleaved(edge.evidence, a->second->evidence, b->second->evidence);
      }
    }
  }
  attendees.clear();
  for (auto& [pair, edge] : shared) pending.push_back({pair.first, pair.second, &edge});

  std::sort(pending.begin(), pending.end(), [&g](const Pending& x, const Pending& y) {
    return std::forward_as_tuple(x.edge->kind, g[x.source].label, g[x.target].label, x.edge->title,
                                 x.edge->former, x.source, x.target) <
           std::forward_as_tuple(y.edge->kind, g[y.source].label, g[y.target].label, y.edge->title,
                                 y.edge->former, y.source, y.target);
  });
  // Added bare, then given their bundle: boost::add_edge(u, v, property, g)
  // would copy each edge and its evidence (Boost 1.74 takes a const&).
  for (const auto& p : pending) g[boost::add_edge(p.source, p.target, g).first] = std::move(*p.edge);
  return g;
}

std::optional<VertexId> find_vertex(const Graph& g, VertexKind kind, std::string_view label) {
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].kind == kind && g[v].label == label) return v;
  }
  return std::nullopt;
}

const char* to_string(View view) { return kViewNames.at(static_cast<std::size_t>(view)); }

std::optional<View> view_from_name(std::string_view name) {
  return kind_from_string<View>(kViewNames, name);
}

// Vertices first (a map from old to new ids), then the edges whose kind the
// view keeps and whose ends it kept, both in |g|'s order.
Graph project(const Graph& g, View view) {
  Graph out;
  std::vector<std::optional<VertexId>> kept(boost::num_vertices(g));
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    if (keeps(view, g[v].kind)) kept[v] = boost::add_vertex(g[v], out);
  }
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    const auto& source = kept[boost::source(e, g)];
    const auto& target = kept[boost::target(e, g)];
    if (source && target && keeps(view, g[e].kind)) boost::add_edge(*source, *target, g[e], out);
  }
  return out;
}

Graph project(Graph&& g, View view) {
  if (view == View::all) return std::move(g);
  return project(static_cast<const Graph&>(g), view);
}

}  // namespace guanxi
