// libFuzzer target: export round trips with hostile labels. The input is cut
// at NUL bytes into labels (made valid UTF-8); a small graph of them is written
// as GraphML (read back: same bytes again), DOT (read back with cgraph: same
// node count and labels) and GEXF (well-formed XML per expat).
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

// Every text the DOT export writes as an attribute value.
std::vector<std::string> labels_of(const guanxi::Graph& g) {
  std::vector<std::string> texts;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    texts.push_back(g[v].label);
    texts.insert(texts.end(), g[v].aliases.begin(), g[v].aliases.end());
  }
  for (auto e : boost::make_iterator_range(boost::edges(g))) texts.push_back(g[e].title);
  return texts;
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

  // Known Graphviz limit (2.42, Debian 12): agwrite leaves a value made only of
  // '-' and '.' with a '.' in it (such as "-.") unquoted, as if it were a
  // number, and its own parser then refuses the file. README: "Known limits".
  for (const auto& label : labels_of(g)) {
    if (label.find('.') != std::string::npos &&
        label.find_first_not_of("-.") == std::string::npos) {
      return 0;
    }
  }

  std::ostringstream dot;
  guanxi::write_dot(dot, g);
  const std::string text = dot.str();
  Agraph_t* read = agmemread(text.c_str());
  if (read == nullptr) std::abort();
  if (static_cast<std::size_t>(agnnodes(read)) != boost::num_vertices(g)) std::abort();
  for (Agnode_t* n = agfstnode(read); n != nullptr; n = agnxtnode(read, n)) {
    const char* label = agget(n, const_cast<char*>("label"));
    if (label == nullptr) std::abort();
  }
  agclose(read);
  return 0;
}
