// Stage 5: a Graph -> GraphML and DOT (see export.hpp).
//
// The property tables below are the one place that says which data every
// exporter writes: GraphML turns them into typed <key>s, DOT into attributes.
// Nodes: label, kind, aliases, mentions, and when not empty document, source,
// place, date (events), disambiguation (namesakes) and mentions_without_post
// (people); edges also without_post (attended) when true.
#include "guanxi/export.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <initializer_list>
#include <utility>
#include <vector>

#include "graphviz.hpp"
#include "guanxi/error.hpp"

namespace guanxi {
namespace {

// ---------------------------------------------------------------------------
// Formats

struct FormatName {
  const char* name;
  Format format;
};
constexpr std::array<FormatName, 2> kFormatNames = {{{"graphml", Format::graphml},
                                                      {"dot", Format::dot}}};
// A name this close (in edits) to a known one gets a "did you mean" hint.
constexpr std::size_t kMaxSuggestionDistance = 2;

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---------------------------------------------------------------------------
// The property tables

enum class ValueType { string, integer, real, boolean };

const char* graphml_type(ValueType type) {
  switch (type) {
    case ValueType::integer:
      return "int";
    case ValueType::real:
      return "double";
    case ValueType::boolean:
      return "boolean";
    case ValueType::string:
      break;
  }
  return "string";
}

// One datum of a vertex or an edge: its name, its type, and its value for an
// item as text (nullopt when the property does not apply to that item).
template <typename Item>
struct Property {
  const char* name;
  ValueType type;
  std::optional<std::string> (*value)(const Item&);
};

using Text = std::optional<std::string>;

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

// Shortest text that reads back as the same double ("2", "1.5").
std::string format_number(double value) {
  std::array<char, 32> buffer{};
  auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

// Tabs and line breaks inside one evidence field become spaces, so the
// evidence stays one line per item with tab-separated fields.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// "document<TAB>start-end<TAB>sentence", one line per item.
std::string format_evidence(const std::vector<EdgeEvidence>& evidence) {
  std::string out;
  for (const auto& item : evidence) {
    if (!out.empty()) out += '\n';
    out += one_line(item.document) + '\t' + std::to_string(item.start) + '-' +
           std::to_string(item.end) + '\t' + one_line(item.sentence);
  }
  return out;
}

// |text| when it says something, nullopt when it is empty.
Text unless_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

const std::array<Property<Vertex>, 10> kVertexProperties = {{
    {"label", ValueType::string, [](const Vertex& v) -> Text { return v.label; }},
    {"kind", ValueType::string, [](const Vertex& v) -> Text { return to_string(v.kind); }},
    {"aliases", ValueType::string,
     [](const Vertex& v) -> Text {
       if (v.aliases.empty()) return std::nullopt;
       return join(v.aliases, "|");
     }},
    {"mentions", ValueType::integer,
     [](const Vertex& v) -> Text { return std::to_string(v.mentions); }},
    {"document", ValueType::string, [](const Vertex& v) { return unless_empty(v.document); }},
    {"source", ValueType::string, [](const Vertex& v) { return unless_empty(v.source); }},
    {"place", ValueType::string, [](const Vertex& v) { return unless_empty(v.place); }},
    {"date", ValueType::string, [](const Vertex& v) { return unless_empty(v.date); }},
    {"disambiguation", ValueType::string,
     [](const Vertex& v) { return unless_empty(v.disambiguation); }},
    {"mentions_without_post", ValueType::integer,
     [](const Vertex& v) -> Text {
       if (v.mentions_without_post == 0) return std::nullopt;
       return std::to_string(v.mentions_without_post);
     }},
}};

const std::array<Property<Edge>, 8> kEdgeProperties = {{
    {"kind", ValueType::string, [](const Edge& e) -> Text { return to_string(e.kind); }},
    {"title", ValueType::string,
     [](const Edge& e) -> Text {
       if (e.kind != EdgeKind::affiliation) return std::nullopt;
       return e.title;
     }},
    {"former", ValueType::boolean,
     [](const Edge& e) -> Text {
       if (e.kind != EdgeKind::affiliation) return std::nullopt;
       return std::string(e.former ? "true" : "false");
     }},
    {"role", ValueType::string,
     [](const Edge& e) -> Text {
       if (!e.role) return std::nullopt;
       return std::string(to_string(*e.role));
     }},
    {"weight", ValueType::real, [](const Edge& e) -> Text { return format_number(e.weight); }},
    {"events", ValueType::string,
     [](const Edge& e) -> Text {
       if (e.events.empty()) return std::nullopt;
       return join(e.events, "|");
     }},
    {"evidence", ValueType::string,
     [](const Edge& e) -> Text {
       if (e.evidence.empty()) return std::nullopt;
       return format_evidence(e.evidence);
     }},
    {"without_post", ValueType::boolean,
     [](const Edge& e) -> Text {
       if (!e.without_post) return std::nullopt;
       return std::string("true");
     }},
}};

// ---------------------------------------------------------------------------
// GraphML

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at the start of |text|, 0 when invalid
// (bad lead or continuation byte, overlong form, surrogate, beyond U+10FFFF).
// |code_point| receives its value.
std::size_t utf8_sequence(std::string_view text, char32_t& code_point) {
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

// |text| as XML 1.0 character data (or an attribute value when |attribute|):
// markup characters escaped, carriage returns (and in attributes tabs and
// line feeds) as character references so parsers keep them, and what XML 1.0
// cannot hold (other control characters, U+FFFE, U+FFFF, invalid UTF-8) as U+FFFD.
std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text, c);
    if (length == 0) {
      out += kReplacement;
      text.remove_prefix(1);
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      default:
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
          out += kReplacement;
        } else {
          out.append(text.data(), length);
        }
    }
    text.remove_prefix(length);
  }
  return out;
}

// A minimal indenting XML writer; every name and value passes through xml_escape.
class XmlWriter {
 public:
  using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  explicit XmlWriter(std::ostream& out) : out_(out) {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  }

  // <name attributes>, children follow until close().
  void open(std::string_view name, Attributes attributes) {
    start_tag(name, attributes);
    out_ << ">\n";
    open_.emplace_back(name);
  }
  // <name attributes/>
  void empty(std::string_view name, Attributes attributes) {
    start_tag(name, attributes);
    out_ << "/>\n";
  }
  // <name attributes>text</name>
  void text(std::string_view name, Attributes attributes, std::string_view text) {
    start_tag(name, attributes);
    out_ << '>' << xml_escape(text, false) << "</" << name << ">\n";
  }
  void close() {
    const std::string name = std::move(open_.back());
    open_.pop_back();
    indent();
    out_ << "</" << name << ">\n";
  }

 private:
  void indent() {
    for (std::size_t i = 0; i < open_.size(); ++i) out_ << "  ";
  }
  void start_tag(std::string_view name, Attributes attributes) {
    indent();
    out_ << '<' << name;
    for (const auto& [key, value] : attributes) {
      out_ << ' ' << key << "=\"" << xml_escape(value, true) << '"';
    }
  }

  std::ostream& out_;
  std::vector<std::string> open_;
};

template <typename Item, std::size_t N>
void write_graphml_keys(XmlWriter& xml, const std::array<Property<Item>, N>& properties,
                        std::string_view domain, std::string_view prefix) {
  for (const auto& property : properties) {
    const std::string id = std::string(prefix) + property.name;
    xml.empty("key", {{"id", id},
                      {"for", domain},
                      {"attr.name", property.name},
                      {"attr.type", graphml_type(property.type)}});
  }
}

template <typename Item, std::size_t N>
void write_graphml_data(XmlWriter& xml, const std::array<Property<Item>, N>& properties,
                        std::string_view prefix, const Item& item) {
  for (const auto& property : properties) {
    if (const auto value = property.value(item)) {
      xml.text("data", {{"key", std::string(prefix) + property.name}}, *value);
    }
  }
}

constexpr std::string_view kVertexKeyPrefix = "v_";
constexpr std::string_view kEdgeKeyPrefix = "e_";

std::string node_id(VertexId v) { return "n" + std::to_string(v); }

// ---------------------------------------------------------------------------
// DOT

// Graphviz reads label text as an escString, where a backslash escapes the
// next character; doubling every backslash keeps text literal, and lets the
// DOT parser read back a backslash before a quote, a line end or the end.
std::string dot_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '\\') out += '\\';
  }
  return out;
}

// The value of |property| for an item as a DOT attribute value.
template <typename Item>
std::string dot_value(const Property<Item>& property, const Item& item) {
  const auto value = property.value(item);
  if (!value) return {};
  return property.type == ValueType::string ? dot_text(*value) : *value;
}

struct VertexStyle {
  const char* shape;
  const char* fillcolor;
};
// Indexed by VertexKind: person, organization, event.
constexpr std::array<VertexStyle, 3> kVertexStyles = {{
    {"ellipse", "#d6e6f5"},  // light blue
    {"box", "#fff4c2"},      // light yellow
    {"octagon", "#d9f0d3"},  // light green
}};

struct EdgeStyle {
  const char* color;
  const char* arrowhead;
};
// Indexed by EdgeKind.
constexpr std::array<EdgeStyle, 6> kEdgeStyles = {{
    {"#3b6ea5", "normal"},   // affiliation
    {"#4d8f3a", "normal"},   // attended
    {"#b5781b", "normal"},   // organized
    {"#9a9a9a", "normal"},   // co_attendance (drawn without arrows)
    {"#7a4f9e", "empty"},    // part_of
    {"#7a4f9e", "odiamond"}  // member_of
}};
// co_attendance lines thicken with the number of shared events, up to this.
constexpr double kMaxPenwidth = 6.0;

// The DOT edge label: the title of an affiliation, the role of an attendance
// other than plain attending.
std::string edge_label(const Edge& e) {
  if (e.kind == EdgeKind::affiliation) return dot_text(e.title);
  if (e.kind == EdgeKind::attended && e.role && *e.role != Role::attended) {
    return to_string(*e.role);
  }
  return {};
}

}  // namespace

Format format_from_name(std::string_view name) {
  for (const auto& known : kFormatNames) {
    if (name == known.name) return known.format;
  }
  const std::string lowered = lowercase(name);
  const FormatName* nearest = &kFormatNames[0];
  std::size_t best = edit_distance(lowered, nearest->name);
  for (const auto& known : kFormatNames) {
    const std::size_t distance = edit_distance(lowered, known.name);
    if (distance < best) best = distance, nearest = &known;
  }
  std::string message = "unknown export format \"" + std::string(name) + "\"";
  if (best <= kMaxSuggestionDistance) {
    message += " (did you mean " + std::string(nearest->name) + "?)";
  } else {
    message += " (use graphml or dot)";
  }
  throw ExportError(message);
}

std::optional<Format> format_from_path(std::string_view path) {
  const std::string extension =
      lowercase(std::filesystem::path(std::string(path)).extension().string());
  if (extension == ".graphml" || extension == ".xml") return Format::graphml;
  if (extension == ".dot" || extension == ".gv") return Format::dot;
  return std::nullopt;
}

void write_graphml(std::ostream& out, const Graph& g) {
  XmlWriter xml(out);
  xml.open("graphml", {{"xmlns", "http://graphml.graphdrawing.org/xmlns"},
                       {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
                       {"xsi:schemaLocation",
                        "http://graphml.graphdrawing.org/xmlns "
                        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"}});
  write_graphml_keys(xml, kVertexProperties, "node", kVertexKeyPrefix);
  write_graphml_keys(xml, kEdgeProperties, "edge", kEdgeKeyPrefix);
  xml.open("graph", {{"id", "G"}, {"edgedefault", "directed"}});
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    xml.open("node", {{"id", node_id(v)}});
    write_graphml_data(xml, kVertexProperties, kVertexKeyPrefix, g[v]);
    xml.close();
  }
  std::size_t index = 0;
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    xml.open("edge", {{"id", "e" + std::to_string(index++)},
                      {"source", node_id(boost::source(e, g))},
                      {"target", node_id(boost::target(e, g))}});
    write_graphml_data(xml, kEdgeProperties, kEdgeKeyPrefix, g[e]);
    xml.close();
  }
  xml.close();
  xml.close();
  if (!out) throw ExportError("cannot write the GraphML output");
}

namespace graphviz {

CGraph to_cgraph(const Graph& g) {
  CGraph cg("guanxi");
  // agwrite would otherwise break long quoted strings with backslash-newlines.
  cg.declare(AGRAPH, "linelength", "0");

  std::vector<Agsym_t*> vertex_attributes;
  for (const auto& property : kVertexProperties) {
    vertex_attributes.push_back(cg.declare(AGNODE, property.name, ""));
  }
  Agsym_t* shape = cg.declare(AGNODE, "shape", "ellipse");
  Agsym_t* fillcolor = cg.declare(AGNODE, "fillcolor", "white");
  cg.declare(AGNODE, "style", "filled");

  std::vector<Agsym_t*> edge_attributes;
  for (const auto& property : kEdgeProperties) {
    edge_attributes.push_back(cg.declare(AGEDGE, property.name, ""));
  }
  Agsym_t* label = cg.declare(AGEDGE, "label", "");
  Agsym_t* style = cg.declare(AGEDGE, "style", "");
  Agsym_t* color = cg.declare(AGEDGE, "color", "black");
  Agsym_t* arrowhead = cg.declare(AGEDGE, "arrowhead", "normal");
  Agsym_t* dir = cg.declare(AGEDGE, "dir", "forward");
  Agsym_t* penwidth = cg.declare(AGEDGE, "penwidth", "1");

  std::vector<Agnode_t*> nodes;
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    const Vertex& vertex = g[v];
    Agnode_t* node = cg.add_node(node_id(v));
    for (std::size_t i = 0; i < kVertexProperties.size(); ++i) {
      CGraph::set(node, vertex_attributes[i], dot_value(kVertexProperties[i], vertex));
    }
    const VertexStyle& look = kVertexStyles.at(static_cast<std::size_t>(vertex.kind));
    CGraph::set(node, shape, look.shape);
    CGraph::set(node, fillcolor, look.fillcolor);
    nodes.push_back(node);
  }

  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& edge = g[e];
    Agedge_t* out = cg.add_edge(nodes.at(boost::source(e, g)), nodes.at(boost::target(e, g)));
    for (std::size_t i = 0; i < kEdgeProperties.size(); ++i) {
      CGraph::set(out, edge_attributes[i], dot_value(kEdgeProperties[i], edge));
    }
    const EdgeStyle& look = kEdgeStyles.at(static_cast<std::size_t>(edge.kind));
    CGraph::set(out, label, edge_label(edge));
    CGraph::set(out, color, look.color);
    CGraph::set(out, arrowhead, look.arrowhead);
    if (edge.former) CGraph::set(out, style, "dashed");
    if (edge.kind == EdgeKind::co_attendance) {
      CGraph::set(out, dir, "none");
      CGraph::set(out, penwidth, format_number(std::clamp(edge.weight, 1.0, kMaxPenwidth)));
    }
  }
  return cg;
}

}  // namespace graphviz

void write_dot(std::ostream& out, const Graph& g) {
  out << graphviz::to_cgraph(g).write();
  if (!out) throw ExportError("cannot write the DOT output");
}

void write_graph(std::ostream& out, const Graph& g, Format format) {
  switch (format) {
    case Format::graphml:
      write_graphml(out, g);
      return;
    case Format::dot:
      write_dot(out, g);
      return;
  }
  throw ExportError("unknown export format");
}

}  // namespace guanxi
