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
#include <memory>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "graphviz.hpp"
#include "ordered_writer.hpp"
#include "guanxi/error.hpp"

namespace guanxi {
namespace {

// ---------------------------------------------------------------------------
// Formats

struct FormatName {
  const char* name;
  Format format;
};
constexpr std::array<FormatName, 5> kFormatNames = {{{"graphml", Format::graphml},
                                                      {"dot", Format::dot},
                                                      {"gexf", Format::gexf},
                                                      {"csv", Format::csv},
                                                      {"json", Format::json}}};
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

// Appends |text| as XML 1.0 character data (or an attribute value when
// |attribute|): markup characters escaped, carriage returns (and in
// attributes tabs and line feeds) as character references so parsers keep
// them, and what XML 1.0 cannot hold (other control characters, U+FFFE,
// U+FFFF, invalid UTF-8) as U+FFFD. Runs of bytes that need nothing are
// appended whole.
void append_xml(std::string& out, std::string_view text, bool attribute) {
  std::size_t kept = 0;  // bytes of |text| before this one are appended
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x80 && byte != '&' && byte != '<' && byte != '>' &&
        byte != '"') {
      ++i;
      continue;
    }
    char32_t c = 0;
    std::size_t length = 1;
    if (byte >= 0x80) {
      length = utf8_sequence(text.substr(i), c);
      if (length != 0 && c != 0xFFFE && c != 0xFFFF) {
        i += length;
        continue;
      }
    }
    out.append(text.data() + kept, i - kept);
    switch (byte) {
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
      default:  // other control characters, invalid UTF-8, U+FFFE, U+FFFF
        out += kReplacement;
    }
    i += std::max<std::size_t>(length, 1);
    kept = i;
  }
  out.append(text.data() + kept, text.size() - kept);
}

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  append_xml(out, text, attribute);
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

constexpr std::string_view kVertexKeyPrefix = "v_";
constexpr std::string_view kEdgeKeyPrefix = "e_";

std::string node_id(VertexId v) { return "n" + std::to_string(v); }

void append_number(std::string& out, std::size_t n) {
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), n);
  out.append(digits.data(), result.ptr);
}

// GraphML nodes and edges are formatted this many to a chunk (write_graphml).
constexpr std::size_t kGraphmlChunk = 1024;

// The <data> lines of |item| at the depth of a node's or an edge's children
// (keys and names are plain ASCII, so only the values need escaping).
template <typename Item, std::size_t N>
void append_graphml_data(std::string& out, const std::array<Property<Item>, N>& properties,
                         std::string_view prefix, const Item& item) {
  for (const auto& property : properties) {
    if (const auto value = property.value(item)) {
      out += "      <data key=\"";
      out += prefix;
      out += property.name;
      out += "\">";
      append_xml(out, *value, false);
      out += "</data>\n";
    }
  }
}

// <node id="nV"> and its data, two levels deep, as XmlWriter writes it.
void append_graphml_node(std::string& out, VertexId v, const Vertex& vertex) {
  out += "    <node id=\"n";
  append_number(out, v);
  out += "\">\n";
  append_graphml_data(out, kVertexProperties, kVertexKeyPrefix, vertex);
  out += "    </node>\n";
}

// <edge id="eI" source="nS" target="nT"> and its data.
void append_graphml_edge(std::string& out, std::size_t index, VertexId source, VertexId target,
                         const Edge& edge) {
  out += "    <edge id=\"e";
  append_number(out, index);
  out += "\" source=\"n";
  append_number(out, source);
  out += "\" target=\"n";
  append_number(out, target);
  out += "\">\n";
  append_graphml_data(out, kEdgeProperties, kEdgeKeyPrefix, edge);
  out += "    </edge>\n";
}

// ---------------------------------------------------------------------------
// DOT

// Graphviz reads label text as an escString, where a backslash escapes the
// next character; doubling every backslash keeps text literal, and lets the
// DOT parser read back a backslash before a quote, a line end or the end. A
// line break is written as the escString "\n": Graphviz 2.42's parser drops a
// line break standing alone between quotes or backslashes (a label "\n", or
// "\"" then "\n").
std::string dot_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
    if (c == '\\') out += '\\';
  }
  return out;
}

// Graphviz also reads HTML entities (&amp;, &lt;, &#65;) in the labels it
// draws; writing each & of a label as &amp; keeps the text literal there too.
std::string dot_label(std::string_view text) {
  std::string out;
  for (char c : dot_text(text)) {
    if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

// The value of |property| for an item as a DOT attribute value.
template <typename Item>
std::string dot_value(const Property<Item>& property, const Item& item) {
  const auto value = property.value(item);
  if (!value) return {};
  if (std::string_view(property.name) == "label") return dot_label(*value);
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
  if (e.kind == EdgeKind::affiliation) return dot_label(e.title);
  if (e.kind == EdgeKind::attended && e.role && *e.role != Role::attended) {
    return to_string(*e.role);
  }
  return {};
}


// ---------------------------------------------------------------------------
// GEXF

const char* gexf_type(ValueType type) {
  switch (type) {
    case ValueType::integer:
      return "integer";
    case ValueType::real:
      return "double";
    case ValueType::boolean:
      return "boolean";
    case ValueType::string:
      break;
  }
  return "string";
}

// Data GEXF holds in its own attributes (node label, edge weight), not as attvalues.
bool gexf_native(std::string_view name) { return name == "label" || name == "weight"; }

struct Rgb {
  int r, g, b;
};
struct GexfLook {
  Rgb color;
  double size;
};
// Indexed by VertexKind: person, organization, event. Stronger than the DOT
// fills, since Gephi draws them as dots on white.
constexpr std::array<GexfLook, 3> kGexfVertexLooks = {{
    {{59, 110, 165}, 10.0},  // person: blue
    {{208, 140, 26}, 16.0},  // organization: orange
    {{77, 143, 58}, 13.0},   // event: green
}};

// "#3b6ea5" -> {59, 110, 165}.
Rgb parse_hex_color(std::string_view hex) {
  const auto channel = [&](std::size_t at) {
    int value = 0;
    std::from_chars(hex.data() + at, hex.data() + at + 2, value, 16);
    return value;
  };
  return {channel(1), channel(3), channel(5)};
}

template <typename Item, std::size_t N>
void write_gexf_attributes(XmlWriter& xml, const std::array<Property<Item>, N>& properties,
                           std::string_view domain) {
  xml.open("attributes", {{"class", domain}, {"mode", "static"}});
  for (const auto& property : properties) {
    if (gexf_native(property.name)) continue;
    xml.empty("attribute",
              {{"id", property.name}, {"title", property.name}, {"type", gexf_type(property.type)}});
  }
  xml.close();
}

template <typename Item, std::size_t N>
void write_gexf_values(XmlWriter& xml, const std::array<Property<Item>, N>& properties,
                       const Item& item) {
  xml.open("attvalues", {});
  for (const auto& property : properties) {
    if (gexf_native(property.name)) continue;
    if (const auto value = property.value(item)) {
      xml.empty("attvalue", {{"for", property.name}, {"value", *value}});
    }
  }
  xml.close();
}

void write_gexf_color(XmlWriter& xml, Rgb color) {
  xml.empty("viz:color", {{"r", std::to_string(color.r)},
                          {"g", std::to_string(color.g)},
                          {"b", std::to_string(color.b)}});
}

// ---------------------------------------------------------------------------
// CSV

// |text| as one RFC 4180 field, always quoted (quotes doubled), so that
// commas, quotes, semicolons and line breaks stay data; invalid UTF-8 and
// NUL become U+FFFD.
std::string csv_field(std::string_view text) {
  std::string out = "\"";
  while (!text.empty()) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text, c);
    if (length == 0 || c == 0) {
      out += kReplacement;
      text.remove_prefix(length == 0 ? 1 : length);
      continue;
    }
    if (c == '"') out += '"';
    out.append(text.data(), length);
    text.remove_prefix(length);
  }
  return out + '"';
}

// A value of |property| as a CSV cell: text quoted, numbers and booleans bare,
// empty when the property does not apply.
template <typename Item>
std::string csv_value(const Property<Item>& property, const Item& item) {
  const auto value = property.value(item);
  if (!value) return {};
  return property.type == ValueType::string ? csv_field(*value) : *value;
}

// ---------------------------------------------------------------------------
// JSON

using OrderedJson = nlohmann::ordered_json;

// A value of |property| as JSON: numbers and booleans typed, lists (aliases,
// events) as arrays, evidence as objects.
template <typename Item>
OrderedJson json_value(const Property<Item>& property, const std::string& value) {
  const std::string_view name = property.name;
  switch (property.type) {
    case ValueType::integer:
      return std::stoull(value);
    case ValueType::real:
      return std::stod(value);
    case ValueType::boolean:
      return value == "true";
    case ValueType::string:
      break;
  }
  if (name == "aliases" || name == "events") {
    OrderedJson items = OrderedJson::array();
    std::size_t start = 0;
    for (;;) {
      const std::size_t bar = value.find('|', start);
      items.push_back(value.substr(start, bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    return items;
  }
  return value;
}

OrderedJson json_evidence(const std::vector<EdgeEvidence>& evidence) {
  OrderedJson items = OrderedJson::array();
  for (const auto& item : evidence) {
    items.push_back(OrderedJson{{"document", item.document},
                                {"start", item.start},
                                {"end", item.end},
                                {"sentence", item.sentence}});
  }
  return items;
}

template <typename Item, std::size_t N>
void add_json_values(OrderedJson& object, const std::array<Property<Item>, N>& properties,
                     const Item& item) {
  for (const auto& property : properties) {
    if (std::string_view(property.name) == "evidence") continue;  // structured, below
    if (const auto value = property.value(item)) object[property.name] = json_value(property, *value);
  }
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
    message += " (use graphml, dot, gexf, csv or json)";
  }
  throw ExportError(message);
}

std::optional<Format> format_from_path(std::string_view path) {
  const std::string extension =
      lowercase(std::filesystem::path(std::string(path)).extension().string());
  if (extension == ".graphml" || extension == ".xml") return Format::graphml;
  if (extension == ".dot" || extension == ".gv") return Format::dot;
  if (extension == ".gexf") return Format::gexf;
  if (extension == ".csv") return Format::csv;
  if (extension == ".json") return Format::json;
  return std::nullopt;
}

namespace {

// Everything before the first node, up to <graph ...> open.
void open_graphml(XmlWriter& xml) {
  xml.open("graphml", {{"xmlns", "http://graphml.graphdrawing.org/xmlns"},
                       {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
                       {"xsi:schemaLocation",
                        "http://graphml.graphdrawing.org/xmlns "
                        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"}});
  write_graphml_keys(xml, kVertexProperties, "node", kVertexKeyPrefix);
  write_graphml_keys(xml, kEdgeProperties, "edge", kEdgeKeyPrefix);
  xml.open("graph", {{"id", "G"}, {"edgedefault", "directed"}});
}

}  // namespace

struct GraphmlWriter::Impl {
  struct PendingEdge {
    VertexId source;
    VertexId target;
    Edge edge;
  };

  Impl(std::ostream& out, std::size_t threads) : out(out), xml(out), body(out, threads) {
    open_graphml(xml);
  }

  // Hands the vertices and edges gathered so far to a job of |body|.
  void flush_vertices() {
    if (vertices.empty()) return;
    body.submit([first = vertex_count - vertices.size(),
                 chunk = std::move(vertices)](std::string& text) {
      for (std::size_t i = 0; i < chunk.size(); ++i) append_graphml_node(text, first + i, chunk[i]);
    });
    vertices = {};
  }
  void flush_edges() {
    if (edges.empty()) return;
    body.submit([first = edge_count - edges.size(), chunk = std::move(edges)](std::string& text) {
      for (std::size_t i = 0; i < chunk.size(); ++i) {
        append_graphml_edge(text, first + i, chunk[i].source, chunk[i].target, chunk[i].edge);
      }
    });
    edges = {};
  }

  std::ostream& out;
  XmlWriter xml;
  OrderedWriter body;
  std::vector<Vertex> vertices;  // not yet handed to |body|
  std::vector<PendingEdge> edges;
  std::size_t vertex_count = 0;  // given so far
  std::size_t edge_count = 0;
  bool finished = false;
};

GraphmlWriter::GraphmlWriter(std::ostream& out, std::size_t threads)
    : impl_(std::make_unique<Impl>(out, threads)) {}

GraphmlWriter::~GraphmlWriter() = default;

VertexId GraphmlWriter::add_vertex(Vertex vertex) {
  if (impl_->edge_count > 0 || impl_->finished) {
    throw ExportError("GraphML: a vertex given after the edges began");
  }
  impl_->vertices.push_back(std::move(vertex));
  const VertexId id = impl_->vertex_count++;
  if (impl_->vertices.size() == kGraphmlChunk) impl_->flush_vertices();
  return id;
}

void GraphmlWriter::add_edge(VertexId source, VertexId target, Edge edge) {
  if (impl_->finished) throw ExportError("GraphML: an edge given after finish()");
  if (source >= impl_->vertex_count || target >= impl_->vertex_count) {
    throw ExportError("GraphML: an edge ends at a vertex not given");
  }
  impl_->flush_vertices();
  impl_->edges.push_back({source, target, std::move(edge)});
  ++impl_->edge_count;
  if (impl_->edges.size() == kGraphmlChunk) impl_->flush_edges();
}

void GraphmlWriter::finish() {
  if (impl_->finished) return;
  impl_->finished = true;
  impl_->flush_vertices();
  impl_->flush_edges();
  impl_->body.finish();
  impl_->xml.close();
  impl_->xml.close();
  if (!impl_->out) throw ExportError("cannot write the GraphML output");
}

void write_graphml(std::ostream& out, const Graph& g, std::size_t threads) {
  XmlWriter xml(out);
  open_graphml(xml);
  // Nodes and edges are formatted in chunks on |threads| threads and
  // written in order; each node and edge is indented as XmlWriter would.
  {
    OrderedWriter body(out, threads);
    const std::size_t vertices = boost::num_vertices(g);
    for (std::size_t begin = 0; begin < vertices; begin += kGraphmlChunk) {
      const std::size_t end = std::min(vertices, begin + kGraphmlChunk);
      body.submit([&g, begin, end](std::string& text) {
        for (VertexId v = begin; v < end; ++v) append_graphml_node(text, v, g[v]);
      });
    }
    std::size_t index = 0;
    auto [e, edges_end] = boost::edges(g);
    while (e != edges_end) {
      const auto first = e;
      const std::size_t first_index = index;
      for (std::size_t n = 0; n < kGraphmlChunk && e != edges_end; ++n, ++e) ++index;
      body.submit([&g, first, last = e, first_index](std::string& text) {
        std::size_t i = first_index;
        for (auto it = first; it != last; ++it) {
          append_graphml_edge(text, i++, boost::source(*it, g), boost::target(*it, g), g[*it]);
        }
      });
    }
    body.finish();
  }
  xml.close();
  xml.close();
  if (!out) throw ExportError("cannot write the GraphML output");
}

void write_gexf(std::ostream& out, const Graph& g) {
  XmlWriter xml(out);
  xml.open("gexf", {{"xmlns", "http://gexf.net/1.3"},
                    {"xmlns:viz", "http://gexf.net/1.3/viz"},
                    {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
                    {"xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"},
                    {"version", "1.3"}});
  xml.open("meta", {});
  xml.text("creator", {}, "guanxi");
  xml.close();
  xml.open("graph", {{"mode", "static"}, {"defaultedgetype", "directed"}});
  write_gexf_attributes(xml, kVertexProperties, "node");
  write_gexf_attributes(xml, kEdgeProperties, "edge");
  xml.open("nodes", {});
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    const Vertex& vertex = g[v];
    xml.open("node", {{"id", node_id(v)}, {"label", vertex.label}});
    write_gexf_values(xml, kVertexProperties, vertex);
    const GexfLook& look = kGexfVertexLooks.at(static_cast<std::size_t>(vertex.kind));
    write_gexf_color(xml, look.color);
    xml.empty("viz:size", {{"value", format_number(look.size)}});
    xml.close();
  }
  xml.close();
  xml.open("edges", {});
  std::size_t index = 0;
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& edge = g[e];
    const std::string label = edge_label(edge);
    const std::string weight = format_number(edge.weight);
    const std::string id = "e" + std::to_string(index++);
    const std::string source = node_id(boost::source(e, g));
    const std::string target = node_id(boost::target(e, g));
    // GEXF 1.3's own edge kind, for multigraphs; the same as the kind attvalue.
    const char* kind = to_string(edge.kind);
    if (label.empty()) {
      xml.open("edge", {{"id", id}, {"source", source}, {"target", target}, {"kind", kind},
                        {"weight", weight}});
    } else {
      xml.open("edge", {{"id", id}, {"source", source}, {"target", target}, {"kind", kind},
                        {"label", edge.kind == EdgeKind::affiliation ? edge.title : label},
                        {"weight", weight}});
    }
    write_gexf_values(xml, kEdgeProperties, edge);
    write_gexf_color(xml, parse_hex_color(kEdgeStyles.at(static_cast<std::size_t>(edge.kind)).color));
    xml.close();
  }
  xml.close();
  xml.close();
  xml.close();
  if (!out) throw ExportError("cannot write the GEXF output");
}

CsvPaths csv_paths(std::string_view output) {
  std::string stem(output);
  const std::string extension =
      lowercase(std::filesystem::path(stem).extension().string());
  if (extension == ".csv") stem.erase(stem.size() - extension.size());
  return {stem + ".nodes.csv", stem + ".edges.csv"};
}

void write_csv_nodes(std::ostream& out, const Graph& g) {
  out << "Id";
  for (const auto& property : kVertexProperties) {
    out << ',' << (std::string_view(property.name) == "label" ? "Label" : property.name);
  }
  out << "\r\n";
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    out << node_id(v);
    for (const auto& property : kVertexProperties) out << ',' << csv_value(property, g[v]);
    out << "\r\n";
  }
  if (!out) throw ExportError("cannot write the CSV node table");
}

void write_csv_edges(std::ostream& out, const Graph& g) {
  out << "Source,Target,Type,Id";
  for (const auto& property : kEdgeProperties) {
    out << ',' << (std::string_view(property.name) == "weight" ? "Weight" : property.name);
  }
  out << "\r\n";
  std::size_t index = 0;
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    out << node_id(boost::source(e, g)) << ',' << node_id(boost::target(e, g)) << ",Directed,e"
        << index++;
    for (const auto& property : kEdgeProperties) out << ',' << csv_value(property, g[e]);
    out << "\r\n";
  }
  if (!out) throw ExportError("cannot write the CSV edge table");
}

void write_json(std::ostream& out, const Graph& g) {
  OrderedJson nodes = OrderedJson::array();
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    OrderedJson node{{"id", node_id(v)}};
    add_json_values(node, kVertexProperties, g[v]);
    nodes.push_back(std::move(node));
  }
  OrderedJson links = OrderedJson::array();
  std::size_t index = 0;
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    OrderedJson link{{"source", node_id(boost::source(e, g))},
                     {"target", node_id(boost::target(e, g))},
                     {"key", index++}};
    add_json_values(link, kEdgeProperties, g[e]);
    if (!g[e].evidence.empty()) link["evidence"] = json_evidence(g[e].evidence);
    links.push_back(std::move(link));
  }
  const OrderedJson document{{"directed", true},
                             {"multigraph", true},
                             {"graph", OrderedJson::object()},
                             {"nodes", std::move(nodes)},
                             {"links", std::move(links)}};
  out << document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  if (!out) throw ExportError("cannot write the JSON output");
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

void write_graph(std::ostream& out, const Graph& g, Format format, std::size_t threads) {
  switch (format) {
    case Format::graphml:
      write_graphml(out, g, threads);
      return;
    case Format::dot:
      write_dot(out, g);
      return;
    case Format::gexf:
      write_gexf(out, g);
      return;
    case Format::json:
      write_json(out, g);
      return;
    case Format::csv:
      throw ExportError(
          "CSV is two tables: write them with write_csv_nodes and write_csv_edges "
          "(the command line needs -o OUT.csv and writes OUT.nodes.csv and OUT.edges.csv)");
  }
  throw ExportError("unknown export format");
}

}  // namespace guanxi
