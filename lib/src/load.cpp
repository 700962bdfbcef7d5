// GraphML -> Graph through expat (see load.hpp).
//
// expat is fed the stream in chunks; its callbacks never throw (C frames lie
// between them and us): a failure is stored with its position, the parser is
// stopped, and read() rethrows it. Edges are kept aside until the whole file
// is read, since GraphML lets an edge come before its nodes.
#include "guanxi/load.hpp"

#include <expat.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "guanxi/error.hpp"

namespace guanxi {
namespace {

constexpr std::size_t kMinChunkBytes = std::size_t{1} << 16;
constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;
constexpr std::string_view kGraphmlNamespace = "http://graphml.graphdrawing.org/xmlns";
// expat joins a namespace and a local name with this (it never occurs in either).
constexpr char kNamespaceSeparator = '\n';
// A name this close (in edits) to a known kind or role gets a "did you mean" hint.
constexpr std::size_t kMaxSuggestionDistance = 2;

// A value guanxi cannot use; the reader adds where it was.
class BadValue : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "unknown node kind "x" (did you mean person?)" or "... (person, organization or event)".
template <std::size_t N>
std::string unknown_name(std::string_view what, std::string_view value,
                         const std::array<const char*, N>& known) {
  std::string message = "unknown " + std::string(what) + " \"" + std::string(value) + "\"";
  std::size_t best = kMaxSuggestionDistance + 1;
  const char* nearest = nullptr;
  for (const char* name : known) {
    const std::size_t distance = edit_distance(value, name);
    if (distance < best) best = distance, nearest = name;
  }
  if (nearest) return message + " (did you mean " + nearest + "?)";
  message += " (";
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) message += i + 1 == N ? " or " : ", ";
    message += known[i];
  }
  return message + ")";
}

constexpr std::array<const char*, 3> kVertexKinds = {"person", "organization", "event"};
constexpr std::array<const char*, 6> kEdgeKinds = {"affiliation",   "attended",  "organized",
                                                   "co_attendance", "part_of",   "member_of"};
constexpr std::array<const char*, 4> kRoles = {"attended", "hosted", "spoke", "presented"};

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (;;) {
    const std::size_t at = text.find(separator);
    out.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) return out;
    text.remove_prefix(at + 1);
  }
}

std::size_t parse_count(std::string_view what, std::string_view text) {
  const std::string_view digits = trim(text);
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
    throw BadValue(std::string(what) + " must be a whole number, not \"" + std::string(text) +
                   "\"");
  }
  return value;
}

double parse_weight(std::string_view text) {
  const std::string_view number = trim(text);
  double value = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || error != std::errc() || end != number.data() + number.size() ||
      !std::isfinite(value)) {
    throw BadValue("weight must be a finite number, not \"" + std::string(text) + "\"");
  }
  return value;
}

bool parse_boolean(std::string_view what, std::string_view text) {
  const std::string_view word = trim(text);
  if (word == "true" || word == "1") return true;
  if (word == "false" || word == "0") return false;
  throw BadValue(std::string(what) + " must be true or false, not \"" + std::string(text) + "\"");
}

// "document<TAB>start-end<TAB>sentence", one line per item (see export.hpp).
std::vector<EdgeEvidence> parse_evidence(std::string_view text) {
  std::vector<EdgeEvidence> out;
  std::size_t number = 0;
  for (const std::string& line : split(text, '\n')) {
    ++number;
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    const std::size_t dash = tab2 == std::string::npos ? tab2 : line.find('-', tab1 + 1);
    if (dash == std::string::npos || dash > tab2) {
      throw BadValue("evidence line " + std::to_string(number) +
                     " is not document<TAB>start-end<TAB>sentence");
    }
    EdgeEvidence item;
    item.document = line.substr(0, tab1);
    item.start = parse_count("an evidence start", std::string_view(line).substr(tab1 + 1, dash - tab1 - 1));
    item.end = parse_count("an evidence end", std::string_view(line).substr(dash + 1, tab2 - dash - 1));
    item.sentence = line.substr(tab2 + 1);
    out.push_back(std::move(item));
  }
  return out;
}

// Sets the datum |name| of a vertex; names guanxi does not know are ignored.
void set_vertex_datum(Vertex& v, std::string_view name, const std::string& value) {
  if (name == "label") {
    v.label = value;
  } else if (name == "kind") {
    const auto kind = vertex_kind_from_string(value);
    if (!kind) throw BadValue(unknown_name("node kind", value, kVertexKinds));
    v.kind = *kind;
  } else if (name == "aliases") {
    v.aliases = split(value, '|');
  } else if (name == "mentions") {
    v.mentions = parse_count("mentions", value);
  } else if (name == "document") {
    v.document = value;
  } else if (name == "source") {
    v.source = value;
  } else if (name == "place") {
    v.place = value;
  } else if (name == "date") {
    v.date = value;
  } else if (name == "disambiguation") {
    v.disambiguation = value;
  } else if (name == "mentions_without_post") {
    v.mentions_without_post = parse_count("mentions_without_post", value);
  }
}

// Sets the datum |name| of an edge; names guanxi does not know are ignored.
void set_edge_datum(Edge& e, std::string_view name, const std::string& value) {
  if (name == "kind") {
    const auto kind = edge_kind_from_string(value);
    if (!kind) throw BadValue(unknown_name("edge kind", value, kEdgeKinds));
    e.kind = *kind;
  } else if (name == "title") {
    e.title = value;
  } else if (name == "former") {
    e.former = parse_boolean("former", value);
  } else if (name == "role") {
    const auto role = role_from_string(trim(value));
    if (!role) throw BadValue(unknown_name("role", value, kRoles));
    e.role = *role;
  } else if (name == "weight") {
    e.weight = parse_weight(value);
  } else if (name == "events") {
    e.events = split(value, '|');
  } else if (name == "evidence") {
    e.evidence = parse_evidence(value);
  } else if (name == "without_post") {
    e.without_post = parse_boolean("without_post", value);
  }
}

enum class Domain { node, edge, all, other };

struct Key {
  Domain domain = Domain::other;
  std::string name;  // attr.name, or the id
  std::optional<std::string> default_value;
};

// Where an element starts: for messages.
struct Position {
  std::size_t line = 0;
  std::size_t byte = 0;
};

struct PendingEdge {
  std::string id;
  std::string source;
  std::string target;
  Edge edge;
  Position at;
};

// What the element being read is.
enum class Context { graphml, key, key_default, graph, node, edge, data };

class GraphmlReader {
 public:
  explicit GraphmlReader(std::string_view name)
      : name_(name), parser_(XML_ParserCreateNS("UTF-8", kNamespaceSeparator), XML_ParserFree) {
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), &GraphmlReader::on_start, &GraphmlReader::on_end);
    XML_SetCharacterDataHandler(parser_.get(), &GraphmlReader::on_text);
    XML_SetStartDoctypeDeclHandler(parser_.get(), &GraphmlReader::on_doctype);
    XML_SetEntityDeclHandler(parser_.get(), &GraphmlReader::on_entity);
    XML_SetCommentHandler(parser_.get(), &GraphmlReader::on_other);
    XML_SetProcessingInstructionHandler(parser_.get(), &GraphmlReader::on_instruction);
    XML_SetParamEntityParsing(parser_.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  }

  Graph read(std::istream& in) {
    std::size_t fed = 0;
    std::size_t chunk = kMinChunkBytes;
    for (;;) {
      void* buffer = XML_GetBuffer(parser_.get(), static_cast<int>(chunk));
      if (!buffer) throw InputError(where(current()) + "out of memory while reading the XML");
      in.read(static_cast<char*>(buffer), static_cast<std::streamsize>(chunk));
      if (in.bad()) throw InputError(where(current()) + "cannot read the input");
      const auto count = static_cast<std::size_t>(in.gcount());
      const bool last = count < chunk;
      fed += count;
      const auto status = XML_ParseBuffer(parser_.get(), static_cast<int>(count), last);
      if (failure_) std::rethrow_exception(failure_);
      if (status != XML_STATUS_OK) {
        throw InputError(where(current()) + "malformed XML: " +
                             XML_ErrorString(XML_GetErrorCode(parser_.get())),
                         current().line, current().byte);
      }
      // expat keeps an unfinished token (a tag, a comment) whole in memory,
      // and scans it again with every chunk: while one grows, chunks grow too.
      const std::size_t pending = fed - last_event_;
      if (pending > kMaxGraphmlValueBytes) {
        throw InputError(where(current()) + "a tag or comment longer than " +
                             std::to_string(kMaxGraphmlValueBytes) + " bytes",
                         current().line, current().byte);
      }
      chunk = pending > chunk ? std::min(chunk * 2, kMaxChunkBytes) : kMinChunkBytes;
      if (last) break;
    }
    if (!graph_seen_) {
      throw InputError(where(current()) + "no <graph> element", current().line, current().byte);
    }
    for (PendingEdge& pending : edges_) {
      const auto source = node_ids_.find(pending.source);
      const auto target = node_ids_.find(pending.target);
      if (source == node_ids_.end() || target == node_ids_.end()) {
        const std::string& missing = source == node_ids_.end() ? pending.source : pending.target;
        throw InputError(where(pending.at) + "edge " + describe(pending.id) + "refers to node \"" +
                             missing + "\", which the graph does not declare",
                         pending.at.line, pending.at.byte);
      }
      boost::add_edge(source->second, target->second, std::move(pending.edge), graph_);
    }
    return std::move(graph_);
  }

 private:
  // --- expat callbacks: each one runs its member under guard().
  static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<GraphmlReader*>(self)->guard([&](GraphmlReader& r) { r.start(name, attributes); });
  }
  static void XMLCALL on_end(void* self, const XML_Char* name) {
    static_cast<GraphmlReader*>(self)->guard([&](GraphmlReader& r) { r.end(name); });
  }
  static void XMLCALL on_text(void* self, const XML_Char* text, int length) {
    static_cast<GraphmlReader*>(self)->guard(
        [&](GraphmlReader& r) { r.text(std::string_view(text, static_cast<std::size_t>(length))); });
  }
  static void XMLCALL on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*,
                                 int) {
    static_cast<GraphmlReader*>(self)->guard([](GraphmlReader& r) {
      r.fail(r.current(),
             "a <!DOCTYPE> is not accepted (GraphML needs none, and its entities could expand "
             "without bound or read other files)");
    });
  }
  static void XMLCALL on_entity(void* self, const XML_Char*, int, const XML_Char*, int,
                                const XML_Char*, const XML_Char*, const XML_Char*,
                                const XML_Char*) {
    static_cast<GraphmlReader*>(self)->guard(
        [](GraphmlReader& r) { r.fail(r.current(), "entity declarations are not accepted"); });
  }
  static void XMLCALL on_other(void* self, const XML_Char*) {
    static_cast<GraphmlReader*>(self)->guard([](GraphmlReader&) {});
  }
  static void XMLCALL on_instruction(void* self, const XML_Char*, const XML_Char*) {
    static_cast<GraphmlReader*>(self)->guard([](GraphmlReader&) {});
  }

  // Runs |body| unless reading already failed; stores what it throws.
  template <typename Body>
  void guard(Body&& body) {
    if (failure_) return;
    last_event_ = current().byte;
    try {
      body(*this);
    } catch (...) {
      failure_ = std::current_exception();
      XML_StopParser(parser_.get(), XML_FALSE);
    }
  }

  Position current() const {
    const XML_Index byte = XML_GetCurrentByteIndex(parser_.get());
    return {static_cast<std::size_t>(XML_GetCurrentLineNumber(parser_.get())),
            byte < 0 ? 0 : static_cast<std::size_t>(byte)};
  }

  std::string where(Position at) const {
    return std::string(name_) + ":" + std::to_string(at.line) + ": ";
  }

  [[noreturn]] void fail(Position at, const std::string& what) const {
    throw InputError(where(at) + what, at.line, at.byte);
  }

  static std::string describe(const std::string& id) {
    return id.empty() ? std::string() : "\"" + id + "\" ";
  }

  // The graphml local name of |name|, or nullopt for an element of another namespace.
  static std::optional<std::string_view> local_name(std::string_view name) {
    const std::size_t at = name.find(kNamespaceSeparator);
    if (at == std::string_view::npos) return name;
    if (name.substr(0, at) != kGraphmlNamespace) return std::nullopt;
    return name.substr(at + 1);
  }

  // The value of the unprefixed attribute |name|, or nullopt.
  static std::optional<std::string> attribute(const XML_Char** attributes, std::string_view name) {
    for (; *attributes; attributes += 2) {
      if (name == attributes[0]) return std::string(attributes[1]);
    }
    return std::nullopt;
  }

  std::string required(const XML_Char** attributes, std::string_view element,
                       std::string_view name) const {
    auto value = attribute(attributes, name);
    if (!value) fail(current(), "<" + std::string(element) + "> has no " + std::string(name));
    return std::move(*value);
  }

  void start(const XML_Char* raw_name, const XML_Char** attributes) {
    if (++depth_ > kMaxGraphmlDepth) {
      fail(current(), "elements nest deeper than " + std::to_string(kMaxGraphmlDepth) + " levels");
    }
    if (skip_depth_ > 0) {
      ++skip_depth_;
      return;
    }
    const auto name = local_name(raw_name);
    if (stack_.empty()) {
      if (name != std::string_view("graphml")) {
        fail(current(), "the root element is <" + std::string(name.value_or(raw_name)) +
                            ">, not <graphml>");
      }
      stack_.push_back(Context::graphml);
      return;
    }
    // Elements inside a datum (yEd's graphics), of other namespaces, and
    // those guanxi has no use for are skipped with what they hold.
    if (!name || stack_.back() == Context::data || stack_.back() == Context::key_default) {
      skip_depth_ = 1;
      return;
    }
    const Position at = current();
    switch (stack_.back()) {
      case Context::graphml:
        if (*name == "key") {
          start_key(attributes);
          return;
        }
        if (*name == "graph") {
          if (graph_seen_) fail(at, "more than one <graph> (guanxi reads one graph per file)");
          graph_seen_ = true;
          stack_.push_back(Context::graph);
          return;
        }
        break;
      case Context::key:
        if (*name == "default") {
          value_.clear();
          value_at_ = at;
          stack_.push_back(Context::key_default);
          return;
        }
        break;
      case Context::graph:
        if (*name == "node") {
          start_node(attributes);
          return;
        }
        if (*name == "edge") {
          start_edge(attributes);
          return;
        }
        if (*name == "hyperedge") fail(at, "hyperedges are not supported");
        break;
      case Context::node:
      case Context::edge:
        if (*name == "data") {
          start_data(attributes);
          return;
        }
        if (*name == "graph") fail(at, "nested graphs are not supported");
        break;
      case Context::key_default:
      case Context::data:
        break;
    }
    skip_depth_ = 1;
  }

  void start_key(const XML_Char** attributes) {
    const std::string id = required(attributes, "key", "id");
    Key key;
    key.name = attribute(attributes, "attr.name").value_or(id);
    const std::string domain = attribute(attributes, "for").value_or("all");
    key.domain = domain == "node"   ? Domain::node
                 : domain == "edge" ? Domain::edge
                 : domain == "all"  ? Domain::all
                                    : Domain::other;
    keys_[id] = std::move(key);
    key_id_ = id;
    stack_.push_back(Context::key);
  }

  void start_node(const XML_Char** attributes) {
    const std::string id = required(attributes, "node", "id");
    const VertexId v = boost::add_vertex(graph_);
    if (!node_ids_.emplace(id, v).second) fail(current(), "a second node \"" + id + "\"");
    item_id_ = id;
    item_at_ = current();
    given_.clear();
    stack_.push_back(Context::node);
  }

  void start_edge(const XML_Char** attributes) {
    PendingEdge edge;
    edge.id = attribute(attributes, "id").value_or("");
    edge.source = required(attributes, "edge", "source");
    edge.target = required(attributes, "edge", "target");
    edge.at = current();
    edges_.push_back(std::move(edge));
    item_id_ = edges_.back().id;
    item_at_ = edges_.back().at;
    given_.clear();
    stack_.push_back(Context::edge);
  }

  void start_data(const XML_Char** attributes) {
    const std::string id = required(attributes, "data", "key");
    const auto key = keys_.find(id);
    if (key == keys_.end()) fail(current(), "<data> refers to key \"" + id + "\", which no <key> declares");
    const bool node = stack_.back() == Context::node;
    const Domain domain = key->second.domain;
    if (domain != Domain::all && domain != (node ? Domain::node : Domain::edge)) {
      fail(current(), "key \"" + id + "\" is not for " + (node ? "nodes" : "edges"));
    }
    data_name_ = key->second.name;
    value_.clear();
    value_at_ = current();
    stack_.push_back(Context::data);
  }

  void text(std::string_view text) {
    if (skip_depth_ > 0 || stack_.empty()) return;
    if (stack_.back() != Context::data && stack_.back() != Context::key_default) return;
    if (value_.size() + text.size() > kMaxGraphmlValueBytes) {
      fail(value_at_, "a value longer than " + std::to_string(kMaxGraphmlValueBytes) + " bytes");
    }
    value_.append(text);
  }

  void end(const XML_Char*) {
    --depth_;
    if (skip_depth_ > 0) {
      --skip_depth_;
      return;
    }
    const Context done = stack_.back();
    stack_.pop_back();
    switch (done) {
      case Context::data:
        set_datum(data_name_, value_, value_at_);
        return;
      case Context::key_default:
        check_default(value_);
        keys_[key_id_].default_value = value_;
        return;
      case Context::node:
        end_node();
        return;
      case Context::edge:
        end_edge();
        return;
      case Context::graphml:
      case Context::key:
      case Context::graph:
        return;
    }
  }

  // Applies one datum to the node or edge being read.
  void set_datum(const std::string& name, const std::string& value, Position at) {
    try {
      if (stack_.back() == Context::node) {
        set_vertex_datum(graph_[node_ids_.at(item_id_)], name, value);
      } else {
        set_edge_datum(edges_.back().edge, name, value);
      }
    } catch (const BadValue& e) {
      fail(at, e.what());
    }
    given_.insert(name);
  }

  // A default that would not parse is reported at its key, not at every item.
  void check_default(const std::string& value) const {
    const Key& key = keys_.at(key_id_);
    try {
      Vertex vertex;
      Edge edge;
      if (key.domain == Domain::node || key.domain == Domain::all) {
        set_vertex_datum(vertex, key.name, value);
      }
      if (key.domain == Domain::edge || key.domain == Domain::all) {
        set_edge_datum(edge, key.name, value);
      }
    } catch (const BadValue& e) {
      fail(value_at_, "the default of key \"" + key_id_ + "\": " + e.what());
    }
  }

  // Applies the defaults of the keys for |domain| that the item did not give.
  template <typename Item, typename Set>
  void apply_defaults(Domain domain, Item& item, Set set) {
    for (const auto& [id, key] : keys_) {
      if (!key.default_value || given_.count(key.name) > 0) continue;
      if (key.domain != domain && key.domain != Domain::all) continue;
      set(item, key.name, *key.default_value);
      given_.insert(key.name);
    }
  }

  void end_node() {
    Vertex& vertex = graph_[node_ids_.at(item_id_)];
    apply_defaults(Domain::node, vertex, set_vertex_datum);
    if (given_.count("kind") == 0) {
      fail(item_at_, "node \"" + item_id_ + "\" has no kind (person, organization or event)");
    }
    if (given_.count("label") == 0) vertex.label = item_id_;
  }

  void end_edge() {
    apply_defaults(Domain::edge, edges_.back().edge, set_edge_datum);
    if (given_.count("kind") == 0) {
      fail(item_at_, "edge " + describe(item_id_) +
                         "has no kind (affiliation, attended, organized, co_attendance, "
                         "part_of or member_of)");
    }
  }

  std::string_view name_;
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser_;
  std::exception_ptr failure_;
  std::size_t last_event_ = 0;  // byte offset of the last event expat reported
  std::size_t depth_ = 0;
  std::size_t skip_depth_ = 0;  // > 0 inside an element being skipped
  std::vector<Context> stack_;

  std::map<std::string, Key> keys_;
  std::string key_id_;  // the <key> being read
  bool graph_seen_ = false;

  Graph graph_;
  std::map<std::string, VertexId> node_ids_;
  std::vector<PendingEdge> edges_;
  std::string item_id_;  // the node or edge being read
  Position item_at_;
  std::set<std::string> given_;  // the data names it gave

  std::string data_name_;  // the <data> or <default> being read
  std::string value_;
  Position value_at_;
};

}  // namespace

Graph read_graphml(std::istream& in, std::string_view name) {
  return GraphmlReader(name).read(in);
}

}  // namespace guanxi
