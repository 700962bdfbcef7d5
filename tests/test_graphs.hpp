// Graphs shared by the tests of the exports and of read_graphml.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "guanxi/graph.hpp"

namespace guanxi::testing {

using guanxi::Edge;
using guanxi::EdgeKind;
using guanxi::Graph;
using guanxi::Role;
using guanxi::Vertex;
using guanxi::VertexKind;

// Text that is syntax somewhere: DOT quotes and escapes, XML markup and
// entities, CSV separators, a line break, a DOT edge arrow.
inline const std::string kHostileLabel = "钱\"小\\\" <朵> &amp; & ]; ->\n末,尾\\";
// The same without line breaks or tabs, which evidence fields cannot hold.
inline const std::string kHostileSentence = "钱小朵\"发言\"<br> &lt; ]; a->b, c\\。";
inline const std::string kHostileTitle = "副\\n会长 <&> \"quoted\"; ]";

inline guanxi::VertexId add(Graph& g, VertexKind kind, const std::string& label,
                     std::vector<std::string> aliases = {}, std::size_t mentions = 1) {
  return boost::add_vertex(Vertex{kind, label, std::move(aliases), mentions}, g);
}

inline Edge edge_of(EdgeKind kind) {
  Edge e;
  e.kind = kind;
  return e;
}

// Every datum the model has, every edge kind and role, hostile text, a
// namesake, an empty title, a fractional weight; vertices deliberately not
// in builder order, so that order is seen to survive.
inline Graph full_graph() {
  Graph g;
  const auto forum = add(g, VertexKind::event, "秋季研讨会", {}, 4);
  const auto zhao = add(g, VertexKind::person, "赵一鸣", {"赵会长", "一鸣"}, 7);
  const auto qian = add(g, VertexKind::person, kHostileLabel, {"a\\b", "<别名>"}, 2);
  const auto body = add(g, VertexKind::organization, "某某研究会", {"研究会"}, 5);
  const auto unit = add(g, VertexKind::organization, "某某研究会学术部");
  const auto parent = add(g, VertexKind::organization, "某国际联合会");
  const auto namesake = add(g, VertexKind::person, "赵一鸣", {}, 0);
  g[forum].document = "周报.txt#2";
  g[forum].source = "某某晚报";
  g[forum].place = "沪";
  g[forum].date = "2024年3月1日";
  g[zhao].disambiguation = "one of 2 people named 赵一鸣; held 会长 at 某某研究会";
  g[namesake].disambiguation = "namesake of another 赵一鸣";
  g[zhao].mentions_without_post = 2;

  const guanxi::EdgeEvidence one{"周报.txt#2", "某某研究会会长赵一鸣主持秋季研讨会。", 10, 27};
  const guanxi::EdgeEvidence two{"周报.txt#1", kHostileSentence, 0, 9};

  Edge affiliation = edge_of(EdgeKind::affiliation);
  affiliation.title = kHostileTitle;
  affiliation.evidence = {one};
  boost::add_edge(zhao, body, affiliation, g);
  Edge former = edge_of(EdgeKind::affiliation);
  former.former = true;  // and an empty title
  former.weight = 3;
  boost::add_edge(qian, unit, former, g);
  const std::array<Role, 4> roles = {Role::hosted, Role::spoke, Role::presented, Role::attended};
  const std::array<guanxi::VertexId, 4> who = {zhao, qian, namesake, zhao};
  for (std::size_t i = 0; i < roles.size(); ++i) {
    Edge attended = edge_of(EdgeKind::attended);
    attended.role = roles[i];
    attended.evidence = {one, two};
    attended.without_post = who[i] == qian;
    boost::add_edge(who[i], forum, attended, g);
  }
  Edge plain = edge_of(EdgeKind::attended);  // an attendance without a role
  boost::add_edge(qian, forum, plain, g);
  boost::add_edge(body, forum, edge_of(EdgeKind::organized), g);
  Edge shared = edge_of(EdgeKind::co_attendance);
  shared.weight = 2.75;
  shared.events = {"秋季研讨会", "冬季论坛"};
  shared.evidence = {two};
  boost::add_edge(zhao, qian, shared, g);
  boost::add_edge(unit, body, edge_of(EdgeKind::part_of), g);
  boost::add_edge(body, parent, edge_of(EdgeKind::member_of), g);
  return g;
}

}  // namespace guanxi::testing
