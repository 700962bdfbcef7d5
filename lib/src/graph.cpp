// Stage 4: extractions -> one Boost.Graph (see graph.hpp).
#include "guanxi/graph.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <future>
#include <iterator>
#include <limits>
#include <numeric>
#include <unordered_map>
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

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
// Text is appended in memory and written to the spill file in pieces of this size.
constexpr std::size_t kSpillChunk = std::size_t{1} << 20;

// A Fold's role in one byte: the Role's value, or kNoRole.
constexpr std::uint8_t kNoRole = 0xFF;

std::optional<Role> role_of(std::uint8_t role) {
  if (role == kNoRole) return std::nullopt;
  return static_cast<Role>(role);
}

// The keeper of an attended edge's role: the strongest one seen.
void merge_role(std::uint8_t& into, const std::optional<Role>& from) {
  const std::optional<Role> current = role_of(into);
  if (from && (!current || role_strength(*from) > role_strength(*current))) {
    into = static_cast<std::uint8_t>(*from);
  }
}

// |value| as 32 bits; Error when it does not fit (a span past 4 G code points).
std::uint32_t narrow(std::size_t value, const char* what) {
  if (value >= kNone) throw Error(std::string("too large for one graph: ") + what);
  return static_cast<std::uint32_t>(value);
}

// One evidence item: the numbers of its document id's and sentence's texts
// in the TextStore, and the mention's span.
struct EvidenceRef {
  std::uint32_t document = 0;
  std::uint32_t sentence = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

// One edge being folded: its key (kind, from, to, detail, former), weight,
// role and up to kMaxEvidence evidence items, the first held here and the
// others in a block of the EdgeStore. |from| and |to| are key numbers while
// documents are added and vertex numbers once release() resolved them.
struct Fold {  // 48 bytes
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  // affiliation: the number of its title; co_attendance: of its events list.
  std::uint32_t detail = 0;
  std::uint32_t more = kNone;  // the block of evidence items 2, 3, ...
  double weight = 0;
  EvidenceRef first;
  EdgeKind kind = EdgeKind::affiliation;
  bool former = false;
  bool without_post = false;
  bool dropped = false;  // folded into another record by release()
  std::uint8_t role = kNoRole;
  std::uint8_t evidence = 0;  // items held
};

static_assert(sizeof(Fold) <= 48, "a Fold is one of the biggest holders of memory");

}  // namespace

// Texts written once and read back by number: appended to an unlinked
// temporary file (so the kernel's page cache, not the process, holds them),
// or kept in memory when no such file can be made.
class GraphBuilder::TextStore {
 public:
  TextStore() = default;
  ~TextStore() {
    if (fd_ >= 0) ::close(fd_);
  }
  TextStore(const TextStore&) = delete;
  TextStore& operator=(const TextStore&) = delete;

  std::uint32_t add(std::string_view text) {
    const std::uint32_t id = narrow(entries_.size(), "evidence texts");
    entries_.push_back({written_ + pending_.size(), narrow(text.size(), "evidence text")});
    pending_.append(text);
    if (pending_.size() >= kSpillChunk) spill();
    return id;
  }

  std::string get(std::uint32_t id) const {
    const Entry& entry = entries_.at(id);
    if (entry.offset >= written_) return pending_.substr(entry.offset - written_, entry.size);
    std::string text(entry.size, '\0');
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::pread(fd_, text.data() + done, text.size() - done,
                                static_cast<off_t>(entry.offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        throw Error("cannot read back evidence text from the temporary file in " + folder_ + ": " +
                    std::strerror(errno));
      }
      done += static_cast<std::size_t>(n);
    }
    return text;
  }

 private:
  struct Entry {
    std::uint64_t offset;
    std::uint32_t size;
  };

  // Writes what is pending to the file, making it first; without a file
  // (none could be made) everything stays in memory.
  void spill() {
    if (fd_ < 0 && !tried_) {
      tried_ = true;
      const char* dir = std::getenv("TMPDIR");
      folder_ = dir != nullptr && *dir != '\0' ? dir : "/tmp";
      std::string path = folder_ + "/guanxi-evidence-XXXXXX";
      fd_ = ::mkstemp(path.data());
      if (fd_ >= 0) ::unlink(path.c_str());
    }
    if (fd_ < 0) return;
    std::size_t done = 0;
    while (done < pending_.size()) {
      const ssize_t n = ::write(fd_, pending_.data() + done, pending_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        throw Error("cannot write evidence text to the temporary file in " + folder_ + ": " +
                    std::strerror(errno) + " (set TMPDIR to a folder with room)");
      }
      done += static_cast<std::size_t>(n);
    }
    written_ += pending_.size();
    pending_.clear();
  }

  std::vector<Entry> entries_;
  std::string pending_;        // appended, not yet in the file
  std::uint64_t written_ = 0;  // bytes in the file
  std::string folder_;         // where the file was made ($TMPDIR, else /tmp)
  int fd_ = -1;
  bool tried_ = false;
};

// The folded edges: records in the order first seen, an open-addressing
// index over their keys, blocks of further evidence items, and the titles.
struct GraphBuilder::EdgeStore {
  using Block = std::array<EvidenceRef, GraphBuilder::kMaxEvidence - 1>;

  std::deque<Fold> folds;
  std::deque<Block> blocks;
  // Fold numbers (kNone: free), at most three quarters used; size a power of two.
  std::vector<std::uint32_t> index;
  std::vector<std::string> titles{std::string()};
  std::map<std::string, std::uint32_t, std::less<>> title_ids{{std::string(), 0}};

  std::uint32_t title_id(const std::string& title) {
    const auto it = title_ids.find(title);
    if (it != title_ids.end()) return it->second;
    const std::uint32_t id = narrow(titles.size(), "titles");
    titles.push_back(title);
    title_ids.emplace(title, id);
    return id;
  }

  static std::size_t hash(EdgeKind kind, std::uint32_t from, std::uint32_t to,
                          std::uint32_t detail, bool former) {
    std::uint64_t h = (std::uint64_t{from} << 32 | to) * 0x9E3779B97F4A7C15ULL;
    h ^= (std::uint64_t{detail} << 8 | static_cast<std::uint64_t>(kind) << 1 | former) *
         0xC2B2AE3D27D4EB4FULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }

  // The record of the key, made (weight 0, no evidence) when new.
  Fold& fold(EdgeKind kind, std::uint32_t from, std::uint32_t to, std::uint32_t detail,
             bool former) {
    if ((folds.size() + 1) * 4 > index.size() * 3) grow();
    const std::size_t mask = index.size() - 1;
    for (std::size_t at = hash(kind, from, to, detail, former) & mask;; at = (at + 1) & mask) {
      const std::uint32_t i = index[at];
      if (i == kNone) {
        index[at] = narrow(folds.size(), "edges");
        Fold& made = folds.emplace_back();
        made.kind = kind, made.from = from, made.to = to, made.detail = detail;
        made.former = former;
        return made;
      }
      Fold& f = folds[i];
      if (f.kind == kind && f.from == from && f.to == to && f.detail == detail &&
          f.former == former) {
        return f;
      }
    }
  }

  void grow() {
    std::vector<std::uint32_t> bigger(std::max<std::size_t>(64, index.size() * 2), kNone);
    const std::size_t mask = bigger.size() - 1;
    for (std::uint32_t i = 0; i < folds.size(); ++i) {
      const Fold& f = folds[i];
      std::size_t at = hash(f.kind, f.from, f.to, f.detail, f.former) & mask;
      while (bigger[at] != kNone) at = (at + 1) & mask;
      bigger[at] = i;
    }
    index = std::move(bigger);
  }

  EvidenceRef item(const Fold& f, std::size_t i) const {
    return i == 0 ? f.first : blocks[f.more][i - 1];
  }
  // Appends |ref| to |f|'s evidence while it holds fewer than kMaxEvidence.
  void append(Fold& f, const EvidenceRef& ref) {
    if (f.evidence >= GraphBuilder::kMaxEvidence) return;
    if (f.evidence == 0) {
      f.first = ref;
    } else {
      if (f.more == kNone) {
        f.more = narrow(blocks.size(), "evidence blocks");
        blocks.emplace_back();
      }
      blocks[f.more][f.evidence - 1] = ref;
    }
    ++f.evidence;
  }
  // Folds |from| into |into| (the same edge seen again): weights add,
  // evidence is appended up to kMaxEvidence, the strongest role stays.
  void merge(Fold& into, const Fold& from) {
    into.weight += from.weight;
    for (std::size_t i = 0; i < from.evidence; ++i) append(into, item(from, i));
    merge_role(into.role, role_of(from.role));
  }
};

namespace {

// std::sort of |items|, on two threads when |threads| > 1 and there are
// many: the halves sorted apart, then merged. |less| is a strict total order
// on the items (no two compare equal), so the result is std::sort's.
template <typename T, typename Less>
void sort_on(std::size_t threads, std::vector<T>& items, Less less) {
  constexpr std::size_t kParallelFrom = std::size_t{1} << 12;
  if (threads <= 1 || items.size() < kParallelFrom) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  const auto middle = items.begin() + static_cast<std::ptrdiff_t>(items.size() / 2);
  auto first = std::async(std::launch::async, [&] { std::sort(items.begin(), middle, less); });
  std::sort(middle, items.end(), less);
  first.get();
  std::inplace_merge(items.begin(), middle, items.end(), less);
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
    // The label (and an event's document) is the key's until release().
  }
  vertex.mentions += mentions;
  for (const auto& alias : aliases) {
    if (alias.empty() || alias == std::get<1>(*slot.key)) continue;
    auto pos = std::lower_bound(vertex.aliases.begin(), vertex.aliases.end(), alias);
    if (pos == vertex.aliases.end() || *pos != alias) vertex.aliases.insert(pos, alias);
  }
  return id;
}

std::size_t GraphBuilder::VertexKeyHash::operator()(const VertexKey& key) const {
  const std::hash<std::string_view> text;
  std::size_t h = text(std::get<1>(key));
  h ^= (text(std::get<2>(key)) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2));
  h ^= (static_cast<std::size_t>(std::get<0>(key)) << 56) ^ std::get<3>(key) * 0xC2B2AE3D27D4EB4FULL;
  return h;
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

GraphBuilder::GraphBuilder() : edges_(std::make_unique<EdgeStore>()) {}
GraphBuilder::~GraphBuilder() = default;
GraphBuilder::GraphBuilder(GraphBuilder&&) noexcept = default;
GraphBuilder& GraphBuilder::operator=(GraphBuilder&&) noexcept = default;

// The copy numbers its keys the same, pointing into its own ids_, and shares
// the texts (which only grow).
GraphBuilder::GraphBuilder(const GraphBuilder& other)
    : ids_(other.ids_),
      slots_(other.slots_),
      edges_(std::make_unique<EdgeStore>(other.edges_ ? *other.edges_ : EdgeStore())),
      texts_(other.texts_),
      names_(other.names_),
      occurrences_(other.occurrences_) {
  for (const auto& [key, id] : ids_) slots_[id].key = &key;
}

GraphBuilder& GraphBuilder::operator=(const GraphBuilder& other) {
  if (this != &other) *this = GraphBuilder(other);
  return *this;
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
    vertex.source = doc.source;
    if (vertex.place.empty()) vertex.place = event.place;
    if (vertex.date.empty()) vertex.date = event.date;
    events.push_back(key);
  }

  // Evidence texts are stored when an edge keeps them, each document id and
  // sentence once.
  if (!texts_) texts_ = std::make_shared<TextStore>();
  std::optional<std::uint32_t> document;
  std::vector<std::uint32_t> sentences(doc.sentences.size() + 1, kNone);
  auto evidence = [&](const Evidence& e) {
    if (!document) document = texts_->add(doc.id);
    std::uint32_t& sentence = sentences[std::min(e.sentence, doc.sentences.size())];
    if (sentence == kNone) sentence = texts_->add(make_evidence(doc, e).sentence);
    return EvidenceRef{*document, sentence, narrow(e.start, "evidence span"),
                       narrow(e.end, "evidence span")};
  };
  EdgeStore& store = *edges_;
  auto fold = [&](EdgeKind kind, KeyId from, KeyId to, std::uint32_t title, bool former,
                  const Evidence& e) -> Fold& {
    Fold& f = store.fold(kind, from, to, title, former);
    f.weight += 1;
    if (f.evidence < kMaxEvidence) store.append(f, evidence(e));
    return f;
  };

  for (const auto& a : extraction.affiliations) {
    const KeyId* from = lookup(persons, a.person);
    const KeyId* to = lookup(orgs, a.org);
    if (!from || !to) continue;
    const KeyId person = key_id(
        {VertexKind::person, std::get<1>(*slots_[*from].key), std::get<1>(*slots_[*to].key), 0});
    fold(EdgeKind::affiliation, person, *to, store.title_id(a.title), a.former, a.evidence);
  }
  for (const auto& a : extraction.attendances) {
    const KeyId* from = lookup(persons, a.person);
    const KeyId* to = lookup(events, a.event);
    if (!from || !to) continue;
    Fold& f = fold(EdgeKind::attended, *from, *to, 0, false, a.evidence);
    merge_role(f.role, a.role);
  }
  for (const auto& o : extraction.organizings) {
    const KeyId* from = lookup(orgs, o.org);
    const KeyId* to = lookup(events, o.event);
    if (!from || !to) continue;
    fold(EdgeKind::organized, *from, *to, 0, false, o.evidence);
  }
  for (const auto& r : extraction.org_relations) {
    const KeyId* from = lookup(orgs, r.from);
    const KeyId* to = lookup(orgs, r.to);
    if (!from || !to || *from == *to) continue;
    fold(r.kind == OrgRelationKind::part_of ? EdgeKind::part_of : EdgeKind::member_of, *from, *to,
         0, false, r.evidence);
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
        into.source = vertex.source;
        if (into.place.empty()) into.place = vertex.place;
        if (into.date.empty()) into.date = vertex.date;
        break;
      }
    }
  }
  // Evidence texts are stored once per distinct document id and sentence.
  if (!texts_) texts_ = std::make_shared<TextStore>();
  std::unordered_map<std::string, std::uint32_t> text_ids;
  auto text = [&](const std::string& value) {
    const auto [it, inserted] = text_ids.try_emplace(value, 0);
    if (inserted) it->second = texts_->add(value);
    return it->second;
  };
  EdgeStore& store = *edges_;
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
    Fold& f = store.fold(edge.kind, from, to, post ? store.title_id(edge.title) : 0,
                         post && edge.former);
    f.weight += edge.weight;
    for (const auto& item : edge.evidence) {
      if (f.evidence >= kMaxEvidence) break;
      store.append(f, {text(item.document), text(item.sentence),
                       narrow(item.start, "evidence span"), narrow(item.end, "evidence span")});
    }
    merge_role(f.role, edge.role);
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
    for (const auto& alias : slot.vertex.aliases) kinship.add_alias(std::get<1>(*slot.key), alias);
  }
  for (const Fold& f : edges_->folds) {
    if (f.kind == EdgeKind::part_of) {
      kinship.add_part_of(std::get<1>(*slots_[f.from].key), std::get<1>(*slots_[f.to].key));
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

Graph GraphBuilder::build() const& { return GraphBuilder(*this).build(); }

Graph GraphBuilder::build() && {
  Graph g;
  // Added bare, then given their bundles: boost::add_vertex(property, g) and
  // boost::add_edge(u, v, property, g) would copy them (Boost 1.74 takes a const&).
  release([&g](Vertex&& vertex) { g[boost::add_vertex(g)] = std::move(vertex); },
          [&g](VertexId source, VertexId target, Edge&& edge) {
            g[boost::add_edge(source, target, g).first] = std::move(edge);
          });
  return g;
}

void GraphBuilder::build(const VertexSink& on_vertex, const EdgeSink& on_edge,
                         std::size_t threads) && {
  release(on_vertex, on_edge, threads);
}

// Vertices in key order, which is (kind, label, document, namesake group);
// edges sorted by (kind, source label, target label, title, former), ties by
// vertex index; co_attendance edges derived from the attended edges. The
// edge records are resolved in place and handed out one at a time, so the
// peak holds the builder's records and a few numbers per edge, never a
// second copy of the graph.
void GraphBuilder::release(const VertexSink& on_vertex, const EdgeSink& on_edge,
                           std::size_t threads) {
  const Groups groups = group_namesakes();
  // The key of the vertex that |key| becomes: a person anchor's group.
  auto resolve = [&groups](const VertexKey& key) {
    if (std::get<0>(key) != VertexKind::person) return key;
    const std::string& name = std::get<1>(key);
    const std::string& anchor = std::get<2>(key);
    const std::size_t group = anchor.empty() ? 0 : groups.of_anchor.at({name, anchor});
    return VertexKey{VertexKind::person, name, {}, group};
  };

  // People's anchors of one group merge; only people merge, so mentions and
  // (for people read from a graph) aliases are all there is to add. Keys are
  // visited in their order, as they always were, and ranked in it. Other
  // keys are their own vertex and follow the people (kinds sort first).
  struct Person {
    Vertex vertex;
    VertexId id = 0;
  };
  std::map<VertexKey, Person> people;
  // The numbered keys in key order (ids_ is hashed).
  std::vector<KeyId> in_order(slots_.size());
  std::iota(in_order.begin(), in_order.end(), KeyId{0});
  std::sort(in_order.begin(), in_order.end(),
            [this](KeyId a, KeyId b) { return *slots_[a].key < *slots_[b].key; });
  std::vector<KeyId> rank(slots_.size());
  {
    KeyId next = 0;
    for (const KeyId id : in_order) {
      const VertexKey& key = *slots_[id].key;
      rank[id] = next++;
      Slot& slot = slots_[id];
      if (!slot.is_vertex || std::get<0>(key) != VertexKind::person) continue;
      const std::size_t mentions = slot.vertex.mentions;
      const bool without_post = std::get<2>(key).empty();
      const auto [it, inserted] = people.try_emplace(resolve(key));
      Vertex& into = it->second.vertex;
      if (inserted) {
        into = std::move(slot.vertex);
        into.label = std::get<1>(key);
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
  // Graph vertex numbers: people in their merged keys' order, then the other
  // keys in theirs; every numbered key (edges may end at an anchored person
  // key that is no vertex of its own, but whose group is) gets its vertex.
  std::vector<const std::string*> label_of;  // by graph vertex
  for (auto& [key, person] : people) {
    person.id = label_of.size();
    label_of.push_back(&std::get<1>(key));
  }
  std::vector<std::uint32_t> vertex_of(slots_.size());
  std::vector<KeyId> others;  // the keys of the other vertices, in vertex order
  for (const KeyId id : in_order) {
    const VertexKey& key = *slots_[id].key;
    if (std::get<0>(key) == VertexKind::person) {
      vertex_of[id] = narrow(people.at(resolve(key)).id, "vertices");
    } else if (slots_[id].is_vertex) {
      vertex_of[id] = narrow(label_of.size(), "vertices");
      label_of.push_back(&std::get<1>(key));
      others.push_back(id);
    }
  }
  in_order = {};
  // Labels and titles ranked by their text, so that sorting compares numbers.
  const std::size_t vertex_count = label_of.size();
  std::vector<std::uint32_t> label_rank(vertex_count);
  {
    std::vector<std::uint32_t> order(vertex_count);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&label_of](std::uint32_t a, std::uint32_t b) {
      return *label_of[a] < *label_of[b];
    });
    for (std::size_t i = 0; i < order.size(); ++i) {
      label_rank[order[i]] =
          i > 0 && *label_of[order[i]] == *label_of[order[i - 1]] ? label_rank[order[i - 1]]
                                                                  : static_cast<std::uint32_t>(i);
    }
  }
  EdgeStore& store = *edges_;
  std::vector<std::uint32_t> title_rank(store.titles.size());
  {
    std::uint32_t next = 0;
    for (const auto& [title, id] : store.title_ids) title_rank[id] = next++;
  }
  store.index = {};
  store.title_ids.clear();

  // Records of one merged key (the same edge between the same vertices)
  // fold together; this happens only when one document id was added twice
  // (an event's attendee anchored differently). They fold in the order of
  // their ends' keys, as they always did; the first one keeps the result.
  std::vector<std::uint32_t> order(store.folds.size());
  std::iota(order.begin(), order.end(), 0);
  auto merged_key = [&](const Fold& f) {
    return std::make_tuple(f.kind, vertex_of[f.from], vertex_of[f.to], title_rank[f.detail],
                           f.former, rank[f.from], rank[f.to]);
  };
  sort_on(threads, order, [&](std::uint32_t a, std::uint32_t b) {
    return merged_key(store.folds[a]) < merged_key(store.folds[b]);
  });
  {
    Fold* into = nullptr;
    for (std::uint32_t i : order) {
      Fold& f = store.folds[i];
      const bool without_post =
          f.kind == EdgeKind::attended && std::get<2>(*slots_[f.from].key).empty();
      f.from = vertex_of[f.from];
      f.to = vertex_of[f.to];
      if (into != nullptr && into->kind == f.kind && into->from == f.from && into->to == f.to &&
          into->detail == f.detail && into->former == f.former) {
        store.merge(*into, f);
        into->without_post = into->without_post && without_post;
        f.dropped = true;
      } else {
        into = &f;
        f.without_post = without_post;
      }
    }
    order.erase(std::remove_if(order.begin(), order.end(),
                               [&store](std::uint32_t i) { return store.folds[i].dropped; }),
                order.end());
  }
  vertex_of = {};
  rank = {};

  // Namesakes: how many groups each name has, and each group's posts (in
  // the merged keys' order).
  auto group_count = [&groups](const std::string& name) {
    const auto it = groups.count.find(name);
    return it == groups.count.end() ? std::size_t{1} : it->second;
  };
  std::map<VertexId, std::vector<std::string>> posts;
  for (std::uint32_t i : order) {
    const Fold& f = store.folds[i];
    if (f.kind != EdgeKind::affiliation) continue;
    if (group_count(*label_of[f.from]) < 2) continue;
    // A title held now and formerly at the same place is one post.
    std::vector<std::string>& list = posts[f.from];
    const std::string post = describe_post(store.titles[f.detail], *label_of[f.to]);
    if (list.empty() || list.back() != post) list.push_back(post);
  }

  // One co_attendance edge per pair of people, lower index first. Events
  // come in vertex order, which is label order: each edge counts them all
  // in its weight and keeps the first kMaxEvents.
  std::vector<std::array<std::uint32_t, kMaxEvents>> co_events;
  {
    struct Attendance {
      std::uint32_t event;
      std::uint32_t person;
      std::uint32_t fold;
    };
    std::vector<Attendance> attendances;
    for (std::uint32_t i : order) {
      const Fold& f = store.folds[i];
      if (f.kind == EdgeKind::attended) attendances.push_back({f.to, f.from, i});
    }
    std::sort(attendances.begin(), attendances.end(), [](const Attendance& a, const Attendance& b) {
      return std::tie(a.event, a.person) < std::tie(b.event, b.person);
    });
    std::unordered_map<std::uint64_t, std::uint32_t> pair_fold;
    for (std::size_t begin = 0, end = 0; begin < attendances.size(); begin = end) {
      const std::uint32_t event = attendances[begin].event;
      end = begin;
      while (end < attendances.size() && attendances[end].event == event) ++end;
      for (std::size_t a = begin; a < end; ++a) {
        for (std::size_t b = a + 1; b < end; ++b) {
          const std::uint32_t pa = attendances[a].person;
          const std::uint32_t pb = attendances[b].person;
          const auto [it, inserted] =
              pair_fold.try_emplace(std::uint64_t{pa} << 32 | pb, kNone);
          if (inserted) {
            it->second = narrow(store.folds.size(), "edges");
            Fold& made = store.folds.emplace_back();
            made.kind = EdgeKind::co_attendance;
            made.from = pa;
            made.to = pb;
            made.detail = narrow(co_events.size(), "co_attendance edges");
            co_events.emplace_back();
            order.push_back(it->second);
          }
          Fold& edge = store.folds[it->second];
          if (edge.weight < kMaxEvents) {
            co_events[edge.detail][static_cast<std::size_t>(edge.weight)] = event;
          }
          edge.weight += 1;
          // Both people's evidence, alternately (a0 b0 a1 b1 ...).
          const Fold& x = store.folds[attendances[a].fold];
          const Fold& y = store.folds[attendances[b].fold];
          for (std::size_t k = 0; k < std::max(x.evidence, y.evidence); ++k) {
            if (k < x.evidence) store.append(edge, store.item(x, k));
            if (k < y.evidence) store.append(edge, store.item(y, k));
          }
        }
      }
    }
  }

  sort_on(threads, order, [&](std::uint32_t a, std::uint32_t b) {
    const Fold& x = store.folds[a];
    const Fold& y = store.folds[b];
    const auto title = [&title_rank](const Fold& f) {
      return f.kind == EdgeKind::co_attendance ? title_rank[0] : title_rank[f.detail];
    };
    return std::make_tuple(x.kind, label_rank[x.from], label_rank[x.to], title(x), x.former,
                           x.from, x.to) <
           std::make_tuple(y.kind, label_rank[y.from], label_rank[y.to], title(y), y.former,
                           y.from, y.to);
  });
  label_rank = {};

  // The vertices, then the edges, each made whole only to be handed out.
  for (auto it = people.begin(); it != people.end(); it = people.erase(it)) {
    Vertex& vertex = it->second.vertex;
    vertex.disambiguation.clear();
    const std::size_t count = group_count(vertex.label);
    if (count >= 2) {
      const auto found = posts.find(it->second.id);
      vertex.disambiguation =
          namesake_text(vertex.label, std::get<3>(it->first), count,
                        found == posts.end() ? std::vector<std::string>{} : found->second);
    }
    label_of[it->second.id] = nullptr;
    on_vertex(std::move(vertex));
  }
  for (KeyId id : others) {
    Slot& slot = slots_[id];
    slot.vertex.label = std::get<1>(*slot.key);
    if (slot.vertex.kind == VertexKind::event) slot.vertex.document = std::get<2>(*slot.key);
    on_vertex(std::move(slot.vertex));
    slot.vertex = Vertex();
  }
  posts.clear();

  // An edge made whole from its record (reads only what stays unchanged
  // from here on, so chunks of edges can be made on several threads).
  auto make_edge = [&](const Fold& f) {
    Edge edge;
    edge.kind = f.kind;
    edge.weight = f.weight;
    if (f.kind == EdgeKind::co_attendance) {
      const auto& events = co_events[f.detail];
      const std::size_t count = std::min(static_cast<std::size_t>(f.weight), kMaxEvents);
      for (std::size_t k = 0; k < count; ++k) edge.events.push_back(*label_of[events[k]]);
    } else {
      edge.title = store.titles[f.detail];
    }
    edge.former = f.former;
    edge.role = role_of(f.role);
    edge.without_post = f.without_post;
    edge.evidence.reserve(f.evidence);
    for (std::size_t k = 0; k < f.evidence; ++k) {
      const EvidenceRef ref = store.item(f, k);
      edge.evidence.push_back(
          {texts_->get(ref.document), texts_->get(ref.sentence), ref.start, ref.end});
    }
    return edge;
  };
  if (threads <= 1) {
    for (std::uint32_t i : order) {
      const Fold& f = store.folds[i];
      on_edge(f.from, f.to, make_edge(f));
    }
  } else {
    // Chunks are made ahead on |threads| threads, at most 2 * |threads| of
    // them at once, and handed out in order here; the futures' destructors
    // wait for what is still running should a sink throw.
    constexpr std::size_t kChunk = 1024;
    auto make_chunk = [&](std::size_t begin) {
      const std::size_t end = std::min(order.size(), begin + kChunk);
      std::vector<Edge> edges;
      edges.reserve(end - begin);
      for (std::size_t n = begin; n < end; ++n) edges.push_back(make_edge(store.folds[order[n]]));
      return edges;
    };
    std::deque<std::pair<std::size_t, std::future<std::vector<Edge>>>> ahead;
    std::size_t next = 0;
    while (next < order.size() || !ahead.empty()) {
      while (next < order.size() && ahead.size() < 2 * threads) {
        ahead.emplace_back(next, std::async(std::launch::async, make_chunk, next));
        next += kChunk;
      }
      const std::size_t begin = ahead.front().first;
      std::vector<Edge> edges = ahead.front().second.get();
      ahead.pop_front();
      for (std::size_t k = 0; k < edges.size(); ++k) {
        const Fold& f = store.folds[order[begin + k]];
        on_edge(f.from, f.to, std::move(edges[k]));
      }
    }
  }
  // The builder's own contents are used up.
  *this = GraphBuilder();
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
