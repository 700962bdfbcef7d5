// What a reader of an export should find, worked out from the model (not
// from the exporter): every node's and edge's data as the text GraphML
// writes, and a check of what a reader saw against it.
#pragma once

#include <catch2/catch.hpp>

#include <array>
#include <charconv>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "guanxi/graph.hpp"

namespace guanxi::testing {

// Data name -> text, as GraphML and CSV write it.
using Texts = std::map<std::string, std::string>;

inline std::string shortest(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

inline std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "|") + item;
  return out;
}

// "n0" -> its data.
inline std::map<std::string, Texts> expected_nodes(const Graph& g) {
  std::map<std::string, Texts> out;
  for (VertexId v : boost::make_iterator_range(boost::vertices(g))) {
    const Vertex& vertex = g[v];
    Texts& texts = out["n" + std::to_string(v)];
    texts["label"] = vertex.label;
    texts["kind"] = to_string(vertex.kind);
    texts["mentions"] = std::to_string(vertex.mentions);
    if (!vertex.aliases.empty()) texts["aliases"] = joined(vertex.aliases);
    for (const auto& [name, value] : {std::pair{"document", &vertex.document},
                                      {"source", &vertex.source},
                                      {"place", &vertex.place},
                                      {"date", &vertex.date},
                                      {"disambiguation", &vertex.disambiguation}}) {
      if (!value->empty()) texts[name] = *value;
    }
    if (vertex.mentions_without_post > 0) {
      texts["mentions_without_post"] = std::to_string(vertex.mentions_without_post);
    }
  }
  return out;
}

struct ExpectedEdge {
  std::string source;
  std::string target;
  Texts texts;
};

// "e0" -> its ends and data, in edge order.
inline std::map<std::string, ExpectedEdge> expected_edges(const Graph& g) {
  std::map<std::string, ExpectedEdge> out;
  std::size_t index = 0;
  for (EdgeId e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& edge = g[e];
    ExpectedEdge& expected = out["e" + std::to_string(index++)];
    expected.source = "n" + std::to_string(boost::source(e, g));
    expected.target = "n" + std::to_string(boost::target(e, g));
    Texts& texts = expected.texts;
    texts["kind"] = to_string(edge.kind);
    if (edge.kind == EdgeKind::affiliation) {
      texts["title"] = edge.title;
      texts["former"] = edge.former ? "true" : "false";
    }
    if (edge.role) texts["role"] = to_string(*edge.role);
    texts["weight"] = shortest(edge.weight);
    if (!edge.events.empty()) texts["events"] = joined(edge.events);
    std::string evidence;
    for (const auto& item : edge.evidence) {
      if (!evidence.empty()) evidence += '\n';
      evidence += item.document + '\t' + std::to_string(item.start) + '-' +
                  std::to_string(item.end) + '\t' + item.sentence;
    }
    if (!evidence.empty()) texts["evidence"] = evidence;
    if (edge.without_post) texts["without_post"] = "true";
  }
  return out;
}

inline bool is_number(const std::string& name) {
  return name == "mentions" || name == "mentions_without_post" || name == "weight";
}
inline bool is_boolean(const std::string& name) { return name == "former" || name == "without_post"; }

// Checks that |seen| (a reader's attributes of one item) holds every datum of
// |expected|: text exactly (an empty one may be missing), numbers and booleans by value. With |typed|,
// the counts and the weight must be numbers, former and without_post booleans.
inline void check_data(const nlohmann::json& seen, const Texts& expected, bool typed,
                       const std::string& item) {
  for (const auto& [name, text] : expected) {
    INFO(item << " datum " << name << " in " << seen.dump());
    // igraph and CSV cannot tell an empty text (an affiliation without a title) from none.
    if (text.empty() && !seen.contains(name)) continue;
    REQUIRE(seen.contains(name));
    const auto& value = seen[name];
    if (value.is_string()) {
      CHECK_FALSE((typed && (is_number(name) || is_boolean(name))));
      CHECK(value.get<std::string>() == text);
    } else if (value.is_boolean()) {
      CHECK(is_boolean(name));
      CHECK(value.get<bool>() == (text == "true"));
    } else {
      REQUIRE(value.is_number());
      CHECK(is_number(name));
      CHECK(value.get<double>() == std::stod(text));
    }
  }
}

}  // namespace guanxi::testing
