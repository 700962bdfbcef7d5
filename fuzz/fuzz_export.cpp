// libFuzzer target: export round trips with hostile labels. The input is cut
// at NUL bytes into labels (made valid UTF-8); a small graph of them is written
// as GraphML (read back: same bytes again), DOT (read back with cgraph: same
// node and edge counts, and every label, alias and title exactly as it was)
// and GEXF (well-formed XML per expat).
#include <expat.h>
#include <graphviz/cgraph.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <boost/range/iterator_range.hpp>

#include "dot_text.hpp"
#include "guanxi/export.hpp"
#include "guanxi/load.hpp"
#include "guanxi/text.hpp"

namespace {

guanxi::Graph graph_of(const std::string& bytes) {
  std::vector<std::string> labels;
  std::size_t begin = 0;
  while (begin <= bytes.size() && labels.size() < 8) {
    std::size_t end = bytes.find('\0', begin);
    if (end == std::string::npos) end = bytes.size();
    // A built graph never has an empty label (a reader gives such a node its id).
    std::string label = guanxi::sanitize_utf8(bytes.substr(begin, end - begin));
    labels.push_back(label.empty() ? std::string("-") : label);
    begin = end + 1;
  }
  // The formats' own separators are not data: aliases are joined with '|'
  // (and an empty one is none), evidence is one document<TAB>span<TAB>sentence
  // line per item. Everything else of a label is.
  auto alias = [](std::string s) {
    std::replace(s.begin(), s.end(), '|', '/');
    return s.empty() ? std::string("-") : s;
  };
  auto field = [](std::string s) {
    for (char& c : s) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    return s;
  };
  guanxi::Graph g;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    guanxi::Vertex v;
    v.kind = static_cast<guanxi::VertexKind>(i % 3);
    v.label = labels[i];
    v.aliases = {alias(labels[(i + 1) % labels.size()])};
    v.mentions = i + 1;
    boost::add_vertex(v, g);
  }
  for (std::size_t i = 0; i + 1 < labels.size(); ++i) {
    guanxi::Edge e;
    e.kind = static_cast<guanxi::EdgeKind>(i % 6);
    e.title = labels[i + 1];
    e.evidence.push_back({field(labels[i]), field(labels[i + 1]), i, i + 1});
    boost::add_edge(i, i + 1, e, g);
  }
  return g;
}

// |name| of a cgraph node or edge, "" when it has none.
std::string attribute(void* object, const char* name) {
  const char* value = agget(object, const_cast<char*>(name));
  return value ? value : "";
}

// The DOT text read back by cgraph holds the graph's texts exactly.
bool dot_reads_back(const std::string& dot, const guanxi::Graph& g) {
  using guanxi::testing::from_dot_label;
  using guanxi::testing::from_dot_text;
  Agraph_t* read = agmemread(dot.c_str());
  if (read == nullptr) return false;
  bool same = static_cast<std::size_t>(agnnodes(read)) == boost::num_vertices(g) &&
              static_cast<std::size_t>(agnedges(read)) == boost::num_edges(g);
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    Agnode_t* n = agnode(read, const_cast<char*>(("n" + std::to_string(v)).c_str()), 0);
    if (n == nullptr) {
      same = false;
      break;
    }
    same = same && from_dot_label(attribute(n, "label")) == g[v].label &&
           from_dot_text(attribute(n, "aliases")) == g[v].aliases.at(0);
    // The edge from this node, if any, is the one to the next (graph_of).
    Agedge_t* e = agfstout(read, n);
    if (e != nullptr) {
      const guanxi::Edge& edge = g[boost::edge(v, v + 1, g).first];
      // Only an affiliation has a title, drawn as its label too.
      const bool titled = edge.kind == guanxi::EdgeKind::affiliation;
      same = same && from_dot_text(attribute(e, "title")) == (titled ? edge.title : "") &&
             (!titled || from_dot_label(attribute(e, "label")) == edge.title);
    }
  }
  agclose(read);
  return same;
}

bool well_formed_xml(const std::string& xml) {
  XML_Parser parser = XML_ParserCreate("UTF-8");
  const bool ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(parser);
  return ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  const guanxi::Graph g = graph_of(std::string(reinterpret_cast<const char*>(data), size));

  std::ostringstream graphml;
  guanxi::write_graphml(graphml, g);
  if (!well_formed_xml(graphml.str())) std::abort();
  std::istringstream back(graphml.str());
  std::ostringstream again;
  guanxi::write_graphml(again, guanxi::read_graphml(back, "fuzz.graphml"));
  if (again.str() != graphml.str()) std::abort();

  std::ostringstream gexf;
  guanxi::write_gexf(gexf, g);
  if (!well_formed_xml(gexf.str())) std::abort();

  std::ostringstream dot;
  guanxi::write_dot(dot, g);
  if (!dot_reads_back(dot.str(), g)) std::abort();
  return 0;
}
