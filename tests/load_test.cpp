// Stage 5 backwards: GraphML read back into the model, and GraphML from
// elsewhere (malformed, hostile, huge) refused with a line or read with the
// documented tolerances.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "guanxi/error.hpp"
#include "guanxi/export.hpp"
#include "guanxi/load.hpp"
#include "test_graphs.hpp"

namespace {

using guanxi::Edge;
using guanxi::EdgeKind;
using guanxi::Graph;
using guanxi::InputError;
using guanxi::Role;
using guanxi::Vertex;
using guanxi::VertexKind;

using guanxi::testing::full_graph;
using guanxi::testing::kHostileLabel;

std::string graphml_of(const Graph& g) {
  std::ostringstream out;
  guanxi::write_graphml(out, g);
  return out.str();
}

Graph read(const std::string& text, const std::string& name = "in.graphml") {
  std::istringstream in(text);
  return guanxi::read_graphml(in, name);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// The message read_graphml throws for |text| ("" when it does not throw).
std::string error_of(const std::string& text) {
  try {
    read(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::size_t error_line_of(const std::string& text) {
  try {
    read(text);
  } catch (const InputError& e) {
    return e.line();
  }
  return 0;
}

constexpr const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "<key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
    "<key id=\"l\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "<key id=\"m\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n"
    "<key id=\"ek\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
    "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
    "<key id=\"r\" for=\"edge\" attr.name=\"role\" attr.type=\"string\"/>\n"
    "<key id=\"ev\" for=\"edge\" attr.name=\"evidence\" attr.type=\"string\"/>\n"
    "<graph id=\"G\" edgedefault=\"directed\">\n";  // lines 1-10
constexpr const char* kTail = "</graph>\n</graphml>\n";

// kHead + |body| + kTail; |body| starts on line 11.
std::string graphml_with(const std::string& body) { return kHead + body + kTail; }

const std::string kTwoNodes =
    "<node id=\"a\"><data key=\"k\">person</data><data key=\"l\">甲</data></node>\n"
    "<node id=\"b\"><data key=\"k\">event</data><data key=\"l\">乙</data></node>\n";

// A stream of |prefix|, then |count| copies of |fill|, then |suffix|, made as
// it is read (nothing of that size is ever held); counts what was read.
class GeneratedBuf : public std::streambuf {
 public:
  GeneratedBuf(std::string prefix, char fill, std::size_t count, std::string suffix)
      : prefix_(std::move(prefix)), fill_(fill), count_(count), suffix_(std::move(suffix)) {}
  std::size_t served() const { return served_; }

 protected:
  int_type underflow() override {
    chunk_.clear();
    const std::size_t total = prefix_.size() + count_ + suffix_.size();
    if (position_ >= total) return traits_type::eof();
    while (chunk_.size() < kChunk && position_ < total) {
      if (position_ < prefix_.size()) {
        chunk_ += prefix_[position_];
      } else if (position_ < prefix_.size() + count_) {
        const std::size_t n = std::min(kChunk - chunk_.size(), prefix_.size() + count_ - position_);
        chunk_.append(n, fill_);
        position_ += n;
        continue;
      } else {
        chunk_ += suffix_[position_ - prefix_.size() - count_];
      }
      ++position_;
    }
    served_ += chunk_.size();
    setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
    return traits_type::to_int_type(chunk_[0]);
  }

 private:
  static constexpr std::size_t kChunk = 1 << 16;
  std::string prefix_;
  char fill_;
  std::size_t count_;
  std::string suffix_;
  std::size_t position_ = 0;
  std::size_t served_ = 0;
  std::string chunk_;
};

constexpr std::size_t kOneGigabyte = std::size_t{1} << 30;

}  // namespace

// ---------------------------------------------------------------------------
// Round trips

TEST_CASE("graphml read back and written again gives the same bytes", "[load]") {
  const std::string first = graphml_of(full_graph());
  const Graph back = read(first);
  CHECK(graphml_of(back) == first);
}

TEST_CASE("graphml read back keeps every datum and the order of vertices and edges", "[load]") {
  const Graph g = full_graph();
  const Graph back = read(graphml_of(g));
  REQUIRE(boost::num_vertices(back) == boost::num_vertices(g));
  REQUIRE(boost::num_edges(back) == boost::num_edges(g));
  for (std::size_t v = 0; v < boost::num_vertices(g); ++v) {
    const Vertex& a = g[v];
    const Vertex& b = back[v];
    INFO("vertex " << v);
    CHECK(a.kind == b.kind);
    CHECK(a.label == b.label);
    CHECK(a.aliases == b.aliases);
    CHECK(a.mentions == b.mentions);
    CHECK(a.document == b.document);
    CHECK(a.source == b.source);
    CHECK(a.place == b.place);
    CHECK(a.date == b.date);
    CHECK(a.disambiguation == b.disambiguation);
    CHECK(a.mentions_without_post == b.mentions_without_post);
  }
  auto [e1, end1] = boost::edges(g);
  auto [e2, end2] = boost::edges(back);
  for (; e1 != end1; ++e1, ++e2) {
    REQUIRE(e2 != end2);
    const Edge& a = g[*e1];
    const Edge& b = back[*e2];
    CHECK(boost::source(*e1, g) == boost::source(*e2, back));
    CHECK(boost::target(*e1, g) == boost::target(*e2, back));
    CHECK(a.kind == b.kind);
    CHECK(a.title == b.title);
    CHECK(a.former == b.former);
    CHECK(a.role == b.role);
    CHECK(a.weight == b.weight);
    CHECK(a.events == b.events);
    CHECK(a.without_post == b.without_post);
    REQUIRE(a.evidence.size() == b.evidence.size());
    for (std::size_t i = 0; i < a.evidence.size(); ++i) {
      CHECK(a.evidence[i].document == b.evidence[i].document);
      CHECK(a.evidence[i].sentence == b.evidence[i].sentence);
      CHECK(a.evidence[i].start == b.evidence[i].start);
      CHECK(a.evidence[i].end == b.evidence[i].end);
    }
  }
  // The hostile label came back as the same bytes.
  CHECK(back[2].label == kHostileLabel);
}

TEST_CASE("the golden graphml and the bundled sample graph read back to the same bytes",
          "[load]") {
  for (const char* file : {"/tests/golden/small.graphml", "/graphs/sample.graphml"}) {
    INFO(file);
    const std::string text = read_file(std::string(GUANXI_SOURCE_DIR) + file);
    const Graph g = read(text, file);
    CHECK(boost::num_vertices(g) > 0);
    CHECK(graphml_of(g) == text);
  }
}

// ---------------------------------------------------------------------------
// Graph files from elsewhere: tolerances

TEST_CASE("graphml from elsewhere: unknown keys are ignored, a missing label is the id, defaults "
          "apply, edges may come first, foreign elements are skipped",
          "[load]") {
  const std::string text =
      "<?xml version=\"1.0\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:y=\"http://www.yworks.com/xml/graphml\">\n"
      "<key id=\"d0\" for=\"node\" attr.name=\"kind\" attr.type=\"string\">"
      "<default>organization</default></key>\n"
      "<key id=\"d1\" for=\"node\" attr.name=\"color\" attr.type=\"string\"/>\n"
      "<key id=\"d2\" for=\"edge\" attr.name=\"kind\"><default>member_of</default></key>\n"
      "<key id=\"d3\" for=\"graph\" attr.name=\"name\"/>\n"
      "<key id=\"d4\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
      "<graph id=\"G\" edgedefault=\"undirected\">\n"
      "<desc>made by hand</desc><data key=\"d3\">网</data>\n"
      "<edge source=\"x\" target=\"y\" directed=\"false\"/>\n"
      "<node id=\"x\"><data key=\"d1\">red</data>"
      "<data key=\"d4\"><y:ShapeNode><y:NodeLabel>不是标签</y:NodeLabel></y:ShapeNode></data>"
      "</node>\n"
      "<node id=\"y\"><data key=\"d0\">person</data><port name=\"p\"/></node>\n"
      "</graph>\n</graphml>\n";
  const Graph g = read(text);
  REQUIRE(boost::num_vertices(g) == 2);
  CHECK(g[0].label == "x");
  CHECK(g[0].kind == VertexKind::organization);
  CHECK(g[1].label == "y");
  CHECK(g[1].kind == VertexKind::person);
  REQUIRE(boost::num_edges(g) == 1);
  const auto e = *boost::edges(g).first;
  CHECK(boost::source(e, g) == 0);
  CHECK(boost::target(e, g) == 1);
  CHECK(g[e].kind == EdgeKind::member_of);
  CHECK(g[e].weight == 1.0);
}

TEST_CASE("graphml without a namespace and with CRLF line ends is read", "[load]") {
  const Graph g = read(
      "<graphml>\r\n<key id=\"k\" for=\"all\" attr.name=\"kind\"/>\r\n<graph>\r\n"
      "<node id=\"a\"><data key=\"k\">event</data></node>\r\n</graph>\r\n</graphml>");
  REQUIRE(boost::num_vertices(g) == 1);
  CHECK(g[0].kind == VertexKind::event);
}

// ---------------------------------------------------------------------------
// Graph files from elsewhere: errors, each with its line

namespace {

// A document whose entities would expand to a billion "lol"s.
std::string billion_laughs() {
  std::string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    text += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) {
      text += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    }
    text += "\">\n";
  }
  return text + "]>\n<graphml><graph><node id=\"&lol9;\"/></graph></graphml>\n";
}

// One bad file: what is wrong with it, its text, and the message read_graphml
// throws (all of it, or where |prefix| is set, its start).
struct BadGraphml {
  const char* what;
  std::string text;
  std::string message;
  bool prefix = false;
};

}  // namespace

TEST_CASE("bad graphml is refused with the line and the message that say what is wrong", "[load]") {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<x:a xmlns:x=\"urn:x\">";
  const std::string node = "<node id=\"a\"><data key=\"k\">person</data>";
  const std::string edge =
      kTwoNodes + "<edge source=\"a\" target=\"b\"><data key=\"ek\">attended</data>\n";
  const std::vector<BadGraphml> cases = {
      {"malformed XML", graphml_with(kTwoNodes + "<edge source=\"a\" target=\"b\">\n</node>\n"),
       "in.graphml:14: malformed XML: mismatched tag"},
      {"an empty file", "", "in.graphml:1: malformed XML: no element found"},
      {"a file that stops", "<graphml><graph>", "in.graphml:1: malformed XML: no element found"},
      {"bytes that are no XML", "\xff\xfe<", "in.graphml:1: malformed XML: ", true},
      {"an entity XML does not define", graphml_with("<node id=\"a\">&nbsp;</node>\n"),
       "in.graphml:11: malformed XML: undefined entity"},
      {"a billion laughs, refused before any entity is declared", billion_laughs(),
       "in.graphml:2: a <!DOCTYPE> is not accepted (GraphML needs none, and its entities could "
       "expand without bound or read other files)"},
      {"an external entity (no file is read)",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [<!ENTITY secret SYSTEM \"/etc/passwd\">]>\n"
       "<graphml><graph><node id=\"a\">&secret;</node></graph></graphml>\n",
       "in.graphml:2: a <!DOCTYPE> is not accepted", true},
      {"an external DTD", "<!DOCTYPE graphml SYSTEM \"http://example.invalid/g.dtd\"><graphml/>",
       "in.graphml:1: a <!DOCTYPE> is not accepted", true},
      {"a root other than graphml", "<gexf><graph/></gexf>",
       "in.graphml:1: the root element is <gexf>, not <graphml>"},
      {"two graphs", "<graphml>\n<graph/>\n<graph/>\n</graphml>",
       "in.graphml:3: more than one <graph> (guanxi reads one graph per file)"},
      {"a misspelt node kind", graphml_with("<node id=\"a\"><data key=\"k\">persn</data></node>\n"),
       "in.graphml:11: unknown node kind \"persn\" (did you mean person?)"},
      {"an unknown node kind", graphml_with("<node id=\"a\"><data key=\"k\">place</data></node>\n"),
       "in.graphml:11: unknown node kind \"place\" (person, organization or event)"},
      {"a misspelt edge kind",
       graphml_with(kTwoNodes + "<edge source=\"a\" target=\"b\">\n"
                                "  <data key=\"ek\">atended</data></edge>\n"),
       "in.graphml:14: unknown edge kind \"atended\" (did you mean attended?)"},
      {"a misspelt role",
       graphml_with(kTwoNodes + "<edge source=\"a\" target=\"b\"><data key=\"ek\">attended</data>"
                                "<data key=\"r\">spoek</data></edge>\n"),
       "in.graphml:13: unknown role \"spoek\" (did you mean spoke?)"},
      {"a node without a kind", graphml_with("<node id=\"a\">\n<data key=\"l\">甲</data></node>\n"),
       "in.graphml:11: node \"a\" has no kind (person, organization or event)"},
      {"an edge without a kind",
       graphml_with(kTwoNodes + "<edge id=\"e7\" source=\"a\" target=\"b\"/>\n"),
       "in.graphml:13: edge \"e7\" has no kind (affiliation, attended, organized, "
       "co_attendance, part_of or member_of)"},
      {"an edge to an undeclared target",
       graphml_with(kTwoNodes + "<edge id=\"e0\" source=\"a\" target=\"zz\">"
                                "<data key=\"ek\">attended</data></edge>\n"),
       "in.graphml:13: edge \"e0\" refers to node \"zz\", which the graph does not declare"},
      {"an edge from an undeclared source",
       graphml_with("<edge source=\"q\" target=\"a\"><data key=\"ek\">part_of</data></edge>\n" +
                    kTwoNodes),
       "in.graphml:11: edge refers to node \"q\", which the graph does not declare"},
      {"an edge without a target", graphml_with("<edge source=\"a\"/>\n"),
       "in.graphml:11: <edge> has no target"},
      {"a duplicate node id", graphml_with(kTwoNodes + "<node id=\"a\"/>\n"),
       "in.graphml:13: a second node \"a\""},
      {"an undeclared key", graphml_with("<node id=\"a\"><data key=\"nope\">1</data></node>\n"),
       "in.graphml:11: <data> refers to key \"nope\", which no <key> declares"},
      {"an edge key on a node", graphml_with("<node id=\"a\"><data key=\"w\">1</data></node>\n"),
       "in.graphml:11: key \"w\" is not for nodes"},
      {"a node without an id", graphml_with("<node><data key=\"k\">person</data></node>\n"),
       "in.graphml:11: <node> has no id"},
      {"mentions that are no number", graphml_with(node + "<data key=\"m\">many</data></node>\n"),
       "in.graphml:11: mentions must be a whole number, not \"many\""},
      {"negative mentions", graphml_with(node + "<data key=\"m\">-1</data></node>\n"),
       "in.graphml:11: mentions must be a whole number, not \"-1\""},
      {"a weight that is not a number", graphml_with(edge + "<data key=\"w\">nan</data></edge>\n"),
       "in.graphml:14: weight must be a finite number, not \"nan\""},
      {"an infinite weight", graphml_with(edge + "<data key=\"w\">1e999</data></edge>\n"),
       "in.graphml:14: weight must be a finite number, not \"1e999\""},
      {"an evidence line without its fields",
       graphml_with(edge + "<data key=\"ev\">d\t0-3\ts\nd\t4\ts</data></edge>\n"),
       "in.graphml:14: evidence line 2 is not document<TAB>start-end<TAB>sentence"},
      {"a key default that does not parse",
       "<graphml><key id=\"f\" for=\"edge\" attr.name=\"former\">\n"
       "<default>maybe</default></key><graph/></graphml>",
       "in.graphml:2: the default of key \"f\": former must be true or false, not \"maybe\""},
      {"a hyperedge", graphml_with(kTwoNodes + "<hyperedge><endpoint node=\"a\"/></hyperedge>\n"),
       "in.graphml:13: hyperedges are not supported"},
      {"a nested graph", graphml_with("<node id=\"a\">\n<graph id=\"inner\"/></node>\n"),
       "in.graphml:12: nested graphs are not supported"},
      {"elements nested without end, refused at a fixed depth", graphml_with(deep),
       "in.graphml:11: elements nest deeper than 64 levels"},
  };
  for (const auto& bad : cases) {
    INFO(bad.what);
    if (bad.prefix) {
      CHECK_THAT(error_of(bad.text), Catch::StartsWith(bad.message));
    } else {
      CHECK(error_of(bad.text) == bad.message);
    }
  }
}

TEST_CASE("an error's line() is the line of the fault", "[load]") {
  CHECK(error_line_of(graphml_with(kTwoNodes + "<edge source=\"a\" target=\"b\">\n</node>\n")) ==
        14);
}

TEST_CASE("the error names the input it was given", "[load]") {
  std::istringstream in("<graphml/>");
  REQUIRE_THROWS_WITH(guanxi::read_graphml(in, "some/dir/net.graphml"),
                      "some/dir/net.graphml:1: no <graph> element");
}

TEST_CASE("white space around a number is allowed", "[load]") {
  const std::string node = "<node id=\"a\"><data key=\"k\">person</data>";
  const Graph g = read(graphml_with(node + "<data key=\"m\"> 12\n</data></node>\n"));
  CHECK(g[0].mentions == 12);
}

TEST_CASE("a 1 GB datum stops reading at the value limit with a clear error", "[load]") {
  const std::string head = graphml_with("") .substr(0, std::string(kHead).size()) +
                           "<node id=\"a\"><data key=\"k\">person</data>\n<data key=\"l\">";
  GeneratedBuf buffer(head, 'x', kOneGigabyte, "</data></node></graph></graphml>");
  std::istream in(&buffer);
  REQUIRE_THROWS_WITH(guanxi::read_graphml(in, "huge.graphml"),
                      "huge.graphml:12: a value longer than 8388608 bytes");
  // Read no further than the limit and a chunk or two.
  CHECK(buffer.served() < guanxi::kMaxGraphmlValueBytes + (std::size_t{2} << 20));
}

TEST_CASE("a 1 GB attribute, tag or comment stops reading at the limit", "[load]") {
  for (const auto& [prefix, suffix] :
       {std::pair<std::string, std::string>{"<graphml>\n<graph>\n<node id=\"", "\"/>"},
        {"<graphml>\n<graph>\n<node a", "=\"1\"/>"},
        {"<graphml>\n<graph>\n<!-- ", " -->"}}) {
    GeneratedBuf buffer(prefix, 'y', kOneGigabyte, suffix + "</graph></graphml>");
    std::istream in(&buffer);
    REQUIRE_THROWS_WITH(guanxi::read_graphml(in, "huge.graphml"),
                        Catch::StartsWith("huge.graphml:3: a tag or comment longer than 8388608 bytes"));
    CHECK(buffer.served() < guanxi::kMaxGraphmlValueBytes + (std::size_t{2} << 20));
  }
}

TEST_CASE("a stream that fails while reading is an error", "[load]") {
  std::istringstream in(graphml_with(kTwoNodes));
  in.setstate(std::ios::badbit);
  REQUIRE_THROWS_AS(guanxi::read_graphml(in, "x"), InputError);
}
