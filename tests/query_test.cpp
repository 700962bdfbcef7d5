// Stage 7: queries on a graph. The digest below is written for this test:
// three articles, three meetings with overlapping attendees, a unit of an
// association and a former post. Names and organisations are invented.
#include "guanxi/query.hpp"

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "guanxi/guanxi.hpp"

namespace {

using guanxi::Centrality;
using guanxi::Edge;
using guanxi::EdgeKind;
using guanxi::Graph;
using guanxi::QueryError;
using guanxi::Role;
using guanxi::Vertex;
using guanxi::VertexId;
using guanxi::VertexKind;

const char* const kDigest =
    "第三届东湖青年创新论坛在江城举行\n"
    "\n"
    "本报讯 近日，第三届东湖青年创新论坛在江城举行。论坛由江城科技协会主办。"
    "江城科技协会会长周明远，江城科技协会副会长柳青禾，江城大学教授韩书言，"
    "江城科技协会青年工作委员会主任白若溪出席论坛。\n"
    "\n"
    "论坛由周明远主持。韩书言在论坛上作主旨演讲。\n"
    "\n"
    "（据《江城日报》）\n"
    "\n"
    "江城智能制造研讨会召开\n"
    "\n"
    "本报讯 日前，江城智能制造研讨会在江城召开。会议由江城大学主办。"
    "江城科技协会会长周明远，江城大学教授韩书言，星河机器人公司总经理罗嘉树，"
    "江城科技协会青年工作委员会主任白若溪参加了研讨会。\n"
    "\n"
    "罗嘉树在研讨会上发言。\n"
    "\n"
    "（据《江城日报》）\n"
    "\n"
    "滨江文化交流座谈会举行\n"
    "\n"
    "本报讯 滨江文化交流座谈会近日在滨江市举行。江城科技协会原秘书长陶知远，"
    "星河机器人公司总经理罗嘉树，滨江市文化促进会会长苏映雪出席座谈会。\n"
    "\n"
    "座谈会由苏映雪主持。\n"
    "\n"
    "（据《滨江晚报》）\n";

const Graph& digest() {
  static const Graph g = [] {
    guanxi::GraphBuilder builder;
    for (const auto& d : guanxi::Pipeline().analyze_text(kDigest, "digest.txt")) {
      builder.add(d.document, d.extraction);
    }
    return builder.build();
  }();
  return g;
}

VertexId person(const Graph& g, const std::string& name) {
  return guanxi::find_by_name(g, name, {VertexKind::person});
}

VertexId org(const Graph& g, const std::string& name) {
  return guanxi::find_by_name(g, name, {VertexKind::organization});
}

std::vector<std::string> labels_of(const std::vector<guanxi::Companion>& items) {
  std::vector<std::string> out;
  for (const auto& c : items) out.push_back(c.label);
  return out;
}

VertexId add(Graph& g, VertexKind kind, const std::string& label,
             std::vector<std::string> aliases = {}, std::string disambiguation = {}) {
  Vertex v{kind, label, std::move(aliases), 1};
  v.disambiguation = std::move(disambiguation);
  return boost::add_vertex(v, g);
}

void link(Graph& g, VertexId a, VertexId b, EdgeKind kind, std::string title = {}) {
  Edge e;
  e.kind = kind;
  e.title = std::move(title);
  boost::add_edge(a, b, e, g);
}

// The distinct vertices joined to |v| by any edge, either way: degree, computed here by hand.
std::set<VertexId> neighbours(const Graph& g, VertexId v) {
  std::set<VertexId> out;
  for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) out.insert(boost::target(e, g));
  for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) out.insert(boost::source(e, g));
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// Names

TEST_CASE("a name is found by exact label, by alias and by unique prefix", "[query]") {
  Graph g;
  const auto a = add(g, VertexKind::organization, "江城科技协会", {"科协"});
  const auto b = add(g, VertexKind::organization, "江城科技协会青年工作委员会");
  const auto c = add(g, VertexKind::person, "周明远");
  CHECK(guanxi::find_by_name(g, "江城科技协会", {VertexKind::organization}) == a);
  CHECK(guanxi::find_by_name(g, "科协", {VertexKind::organization}) == a);
  CHECK(guanxi::find_by_name(g, "江城科技协会青年", {VertexKind::organization}) == b);
  CHECK(guanxi::find_by_name(g, "周", {VertexKind::person}) == c);
  // An exact label wins over being the prefix of a longer one.
  CHECK(guanxi::find_by_name(g, "江城科技协会", {VertexKind::organization, VertexKind::person}) ==
        a);
}

TEST_CASE("an ambiguous prefix throws QueryError listing what it begins", "[query]") {
  Graph g;
  add(g, VertexKind::organization, "江城大学");
  add(g, VertexKind::organization, "江城科技协会");
  add(g, VertexKind::organization, "滨江晚报");
  try {
    guanxi::find_by_name(g, "江城", {VertexKind::organization});
    FAIL("no QueryError");
  } catch (const QueryError& e) {
    CHECK_THAT(e.what(), Catch::Contains("ambiguous") && Catch::Contains("江城大学") &&
                             Catch::Contains("江城科技协会"));
    CHECK(e.candidates() == std::vector<std::string>{"江城大学", "江城科技协会"});
  }
}

TEST_CASE("namesakes are ambiguous and shown with why they are apart", "[query]") {
  Graph g;
  add(g, VertexKind::person, "罗嘉树", {}, "总经理 of 星河机器人公司");
  add(g, VertexKind::person, "罗嘉树", {}, "教授 of 江城大学");
  REQUIRE_THROWS_AS(guanxi::find_by_name(g, "罗嘉树", {VertexKind::person}), QueryError);
  REQUIRE_THROWS_WITH(guanxi::find_by_name(g, "罗嘉树", {VertexKind::person}),
                      Catch::Contains("names 2") && Catch::Contains("罗嘉树 (教授 of 江城大学)"));
}

TEST_CASE("edit distance on code points counts one edit per Chinese character", "[query]") {
  CHECK(guanxi::edit_distance(std::u32string_view(U"周明元"), U"周明远") == 1);
  CHECK(guanxi::edit_distance(std::u32string_view(U"周明元"), U"苏映雪") == 3);
  CHECK(guanxi::edit_distance(std::u32string_view(U""), U"会长") == 2);
}

TEST_CASE("an unknown name throws QueryError with the closest names first", "[query]") {
  Graph g;
  add(g, VertexKind::person, "周明远");
  add(g, VertexKind::person, "苏映雪");
  add(g, VertexKind::person, "柳青禾");
  add(g, VertexKind::organization, "周明远");  // another kind: never a candidate for a person
  try {
    guanxi::find_by_name(g, "周明元", {VertexKind::person});
    FAIL("no QueryError");
  } catch (const QueryError& e) {
    // Only the near names: 苏映雪 and 柳青禾 share no character with it.
    CHECK(std::string(e.what()) == "unknown person \"周明元\" (closest: 周明远)");
    CHECK(e.candidates() == std::vector<std::string>{"周明远"});
  }
  // Nothing near: the least far names still come, at most five.
  try {
    guanxi::find_by_name(g, "王", {VertexKind::person});
    FAIL("no QueryError");
  } catch (const QueryError& e) {
    CHECK(e.candidates().size() == 3);
  }
  // A part of a name (not a prefix) puts the names holding it first.
  try {
    guanxi::find_by_name(g, "映雪", {VertexKind::person});
    FAIL("no QueryError");
  } catch (const QueryError& e) {
    CHECK(e.candidates().front() == "苏映雪");
  }
  REQUIRE_THROWS_WITH(guanxi::find_by_name(g, "任何", {VertexKind::event}),
                      Catch::Contains("the graph has no event"));
  REQUIRE_THROWS_AS(guanxi::find_by_name(g, "", {VertexKind::person}), QueryError);
}

// ---------------------------------------------------------------------------
// attended-with, affiliations, members, events

TEST_CASE("attended-with lists companions, most shared events first, with both roles", "[query]") {
  const Graph& g = digest();
  const auto found = guanxi::attended_with(g, person(g, "周明远"));
  CHECK(labels_of(found) == std::vector<std::string>{"白若溪", "韩书言", "柳青禾", "罗嘉树"});
  REQUIRE(found.size() == 4);
  const auto& han = found[1];
  REQUIRE(han.events.size() == 2);
  CHECK(han.events[0].label == "江城智能制造研讨会");
  CHECK(han.events[1].label == "第三届东湖青年创新论坛");
  CHECK(han.events[1].role == Role::hosted);
  CHECK(han.events[1].their_role == Role::presented);
  CHECK(han.events[1].document == "digest.txt#1");
  CHECK(found[3].events.size() == 1);
  CHECK(found[3].events[0].their_role == Role::spoke);
}

TEST_CASE("attended-with reads co_attendance edges when the graph has no events", "[query]") {
  const Graph people = guanxi::project(digest(), guanxi::View::people);
  const auto found = guanxi::attended_with(people, person(people, "周明远"));
  CHECK(labels_of(found) == std::vector<std::string>{"白若溪", "韩书言", "柳青禾", "罗嘉树"});
  REQUIRE(found.size() == 4);
  CHECK(found[0].events.size() == 2);
  CHECK_FALSE(found[0].events[0].role.has_value());
  // Someone with no shared event has no companions.
  Graph g;
  add(g, VertexKind::person, "苏映雪");
  CHECK(guanxi::attended_with(g, 0).empty());
}

TEST_CASE("affiliations give titles and organisations, former posts last and marked", "[query]") {
  const Graph& g = digest();
  const auto former = guanxi::affiliations(g, person(g, "陶知远"));
  REQUIRE(former.size() == 1);
  CHECK(former[0].label == "江城科技协会");
  CHECK(former[0].title == "秘书长");
  CHECK(former[0].former);
  CHECK_FALSE(former[0].evidence.empty());
  CHECK_THAT(former[0].evidence[0].sentence, Catch::Contains("原秘书长陶知远"));

  const auto unit = guanxi::affiliations(g, person(g, "白若溪"));
  REQUIRE(unit.size() == 1);
  CHECK(unit[0].label == "江城科技协会青年工作委员会");
  CHECK_FALSE(unit[0].former);
  CHECK(unit[0].within == std::vector<std::string>{"江城科技协会"});

  Graph h;
  const auto p = add(h, VertexKind::person, "柳青禾");
  const auto a = add(h, VertexKind::organization, "甲会");
  const auto b = add(h, VertexKind::organization, "乙会");
  Edge old;
  old.kind = EdgeKind::affiliation;
  old.title = "会长";
  old.former = true;
  boost::add_edge(p, a, old, h);
  link(h, p, b, EdgeKind::affiliation, "理事");
  const auto posts = guanxi::affiliations(h, p);
  REQUIRE(posts.size() == 2);
  CHECK(posts[0].label == "乙会");
  CHECK(posts[1].label == "甲会");
  CHECK(posts[1].former);
}

TEST_CASE("members include the people of sub-units, through units of units", "[query]") {
  const Graph& g = digest();
  const auto found = guanxi::members(g, org(g, "江城科技协会"));
  std::vector<std::string> rows;
  for (const auto& m : found) {
    rows.push_back(m.label + " " + m.title + (m.former ? " former" : "") + " @" + m.unit_label);
  }
  CHECK(rows == std::vector<std::string>{"周明远 会长 @江城科技协会", "柳青禾 副会长 @江城科技协会",
                                         "陶知远 秘书长 former @江城科技协会",
                                         "白若溪 主任 @江城科技协会青年工作委员会"});

  Graph h;
  const auto top = add(h, VertexKind::organization, "总会");
  const auto mid = add(h, VertexKind::organization, "分会");
  const auto low = add(h, VertexKind::organization, "分会小组");
  const auto other = add(h, VertexKind::organization, "友会");
  link(h, mid, top, EdgeKind::part_of);
  link(h, low, mid, EdgeKind::part_of);
  link(h, other, top, EdgeKind::member_of);  // a member body is no sub-unit
  link(h, add(h, VertexKind::person, "甲"), low, EdgeKind::affiliation, "组长");
  link(h, add(h, VertexKind::person, "乙"), other, EdgeKind::affiliation, "会长");
  const auto deep = guanxi::members(h, top);
  REQUIRE(deep.size() == 1);
  CHECK(deep[0].label == "甲");
  CHECK(deep[0].unit_label == "分会小组");
  CHECK(guanxi::members(h, other).size() == 1);
}

TEST_CASE("events give what a person attended and what an organisation organised", "[query]") {
  const Graph& g = digest();
  const auto attended = guanxi::events_of(g, person(g, "韩书言"));
  REQUIRE(attended.size() == 2);
  CHECK(attended[0].label == "江城智能制造研讨会");
  CHECK(attended[0].role == Role::attended);
  CHECK(attended[0].organizers == std::vector<std::string>{"江城大学"});
  CHECK(attended[0].attendees == 4);
  CHECK(attended[0].document == "digest.txt#2");
  CHECK(attended[1].label == "第三届东湖青年创新论坛");
  CHECK(attended[1].role == Role::presented);
  CHECK(attended[1].attendees == 4);

  const auto organised = guanxi::events_of(g, org(g, "江城大学"));
  REQUIRE(organised.size() == 1);
  CHECK(organised[0].label == "江城智能制造研讨会");
  CHECK_FALSE(organised[0].role.has_value());
  CHECK(guanxi::events_of(g, person(g, "柳青禾")).size() == 1);
}

// ---------------------------------------------------------------------------
// path

TEST_CASE("path finds the shortest chain, each step with its edge and evidence", "[query]") {
  const Graph& g = digest();
  const auto steps = guanxi::shortest_path(g, person(g, "周明远"), person(g, "苏映雪"));
  REQUIRE(steps);
  REQUIRE(steps->size() == 2);
  CHECK((*steps)[0].from_label == "周明远");
  CHECK((*steps)[0].to_label == "罗嘉树");
  CHECK((*steps)[0].edge.kind == EdgeKind::co_attendance);
  CHECK((*steps)[0].edge.events == std::vector<std::string>{"江城智能制造研讨会"});
  CHECK((*steps)[1].to_label == "苏映雪");
  for (const auto& step : *steps) {
    REQUIRE_FALSE(step.edge.evidence.empty());
    CHECK_FALSE(step.edge.evidence[0].sentence.empty());
  }
}

TEST_CASE("path steps through organisations and across part_of, in either direction", "[query]") {
  const Graph& g = digest();
  // 柳青禾 and 陶知远 never met; both held posts at the association.
  const auto steps = guanxi::shortest_path(g, person(g, "柳青禾"), person(g, "陶知远"));
  REQUIRE(steps);
  REQUIRE(steps->size() == 2);
  CHECK((*steps)[0].edge.kind == EdgeKind::affiliation);
  CHECK((*steps)[0].forward);
  CHECK((*steps)[0].to_label == "江城科技协会");
  CHECK((*steps)[1].edge.kind == EdgeKind::affiliation);
  CHECK((*steps)[1].edge.former);
  CHECK_FALSE((*steps)[1].forward);  // the edge runs 陶知远 -> association

  Graph h;
  const auto a = add(h, VertexKind::person, "甲");
  const auto b = add(h, VertexKind::person, "乙");
  const auto parent = add(h, VertexKind::organization, "总会");
  const auto unit = add(h, VertexKind::organization, "分会");
  const auto event = add(h, VertexKind::event, "年会");
  const auto c = add(h, VertexKind::person, "丙");
  link(h, a, parent, EdgeKind::affiliation, "会长");
  link(h, b, unit, EdgeKind::affiliation, "主任");
  link(h, unit, parent, EdgeKind::part_of);
  link(h, c, event, EdgeKind::attended);  // attended alone links no one
  link(h, a, event, EdgeKind::attended);
  const auto chain = guanxi::shortest_path(h, b, a);
  REQUIRE(chain);
  REQUIRE(chain->size() == 3);
  CHECK((*chain)[1].edge.kind == EdgeKind::part_of);
  CHECK_FALSE(guanxi::shortest_path(h, a, c).has_value());
  CHECK(guanxi::shortest_path(h, a, a)->empty());
}

// ---------------------------------------------------------------------------
// top, stats

TEST_CASE("degree counts each person's distinct neighbours", "[query]") {
  const Graph& g = digest();
  const auto ranked = guanxi::rank_people(g, Centrality::degree);
  std::size_t people = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].kind == VertexKind::person) ++people;
  }
  REQUIRE(ranked.size() == people);
  for (const auto& r : ranked) {
    INFO(r.label);
    CHECK(r.score == static_cast<double>(neighbours(g, r.person).size()));
  }
  CHECK(std::is_sorted(ranked.begin(), ranked.end(),
                       [](const auto& a, const auto& b) { return a.score > b.score; }));
  // 罗嘉树 links both meetings' people to the third meeting's.
  CHECK(ranked.front().label == "罗嘉树");
  CHECK(guanxi::rank_people(g, Centrality::degree, 2).size() == 2);
}

TEST_CASE("betweenness counts the shortest paths through each person", "[query]") {
  // 甲 - 乙 - 丙 - 丁 through co_attendance, and 戊 hanging off 乙.
  Graph g;
  const auto a = add(g, VertexKind::person, "甲");
  const auto b = add(g, VertexKind::person, "乙");
  const auto c = add(g, VertexKind::person, "丙");
  const auto d = add(g, VertexKind::person, "丁");
  const auto e = add(g, VertexKind::person, "戊");
  link(g, a, b, EdgeKind::co_attendance);
  link(g, b, c, EdgeKind::co_attendance);
  link(g, c, d, EdgeKind::co_attendance);
  link(g, b, e, EdgeKind::co_attendance);
  link(g, e, b, EdgeKind::co_attendance);  // a second edge of the pair changes nothing
  const auto ranked = guanxi::rank_people(g, Centrality::betweenness);
  REQUIRE(ranked.size() == 5);
  // 乙 lies on 甲-丙, 甲-丁, 戊-丙, 戊-丁, 甲-戊; 丙 on 甲-丁, 乙-丁, 戊-丁.
  CHECK(ranked[0].label == "乙");
  CHECK(ranked[0].score == Approx(5.0));
  CHECK(ranked[1].label == "丙");
  CHECK(ranked[1].score == Approx(3.0));
  CHECK(ranked[4].score == Approx(0.0));

  const auto digest_top = guanxi::rank_people(digest(), Centrality::betweenness, 1);
  REQUIRE(digest_top.size() == 1);
  CHECK(digest_top[0].label == "罗嘉树");
  CHECK(guanxi::rank_people(Graph{}, Centrality::betweenness).empty());
}

TEST_CASE("centrality names round-trip", "[query]") {
  for (auto by : {Centrality::degree, Centrality::betweenness}) {
    CHECK(guanxi::centrality_from_name(guanxi::to_string(by)) == by);
  }
  CHECK_FALSE(guanxi::centrality_from_name("pagerank").has_value());
}

TEST_CASE("stats count vertices and edges by kind and the connected components", "[query]") {
  Graph g;
  const auto a = add(g, VertexKind::person, "甲");
  const auto b = add(g, VertexKind::person, "乙");
  const auto o = add(g, VertexKind::organization, "总会");
  add(g, VertexKind::person, "丙");
  const auto e = add(g, VertexKind::event, "年会");
  const auto d = add(g, VertexKind::person, "丁");
  link(g, a, o, EdgeKind::affiliation, "会长");
  link(g, b, o, EdgeKind::affiliation, "理事");
  link(g, d, e, EdgeKind::attended);
  const auto s = guanxi::stats(g);
  CHECK(s.vertex_count == 6);
  CHECK(s.edge_count == 3);
  REQUIRE(s.vertices.size() == 3);
  CHECK(s.vertices[0] == std::make_pair(VertexKind::person, std::size_t{4}));
  CHECK(s.vertices[1] == std::make_pair(VertexKind::organization, std::size_t{1}));
  CHECK(s.vertices[2] == std::make_pair(VertexKind::event, std::size_t{1}));
  REQUIRE(s.edges.size() == 6);
  CHECK(s.edges[0] == std::make_pair(EdgeKind::affiliation, std::size_t{2}));
  CHECK(s.edges[1] == std::make_pair(EdgeKind::attended, std::size_t{1}));
  CHECK(s.edges[3].second == 0);
  CHECK(s.component_sizes == std::vector<std::size_t>{3, 2, 1});
  CHECK(s.component_people == std::vector<std::size_t>{2, 1, 1});

  const auto empty = guanxi::stats(Graph{});
  CHECK(empty.component_sizes.empty());
  CHECK(empty.vertex_count == 0);

  const auto whole = guanxi::stats(digest());
  CHECK(whole.vertices[0].second == 7);
  CHECK(whole.vertices[2].second == 3);
  CHECK(whole.component_people.front() == 7);  // everyone is linked to everyone
}

// ---------------------------------------------------------------------------
// top_neighbourhood

TEST_CASE(
    "top_neighbourhood keeps the top people, their organisations and events, and the edges "
    "among them",
    "[query]") {
  const Graph& g = digest();
  const Graph kept = guanxi::top_neighbourhood(g, 2);
  std::set<std::string> people, others;
  for (auto v : boost::make_iterator_range(boost::vertices(kept))) {
    (kept[v].kind == VertexKind::person ? people : others).insert(kept[v].label);
  }
  std::set<std::string> expected_people;
  for (const auto& r : guanxi::rank_people(g, Centrality::degree, 2)) {
    expected_people.insert(r.label);
  }
  CHECK(people == expected_people);
  // Their organisations and events, computed from the full graph.
  std::set<std::string> expected_others;
  for (const auto& name : expected_people) {
    for (VertexId n : neighbours(g, person(g, name))) {
      if (g[n].kind != VertexKind::person) expected_others.insert(g[n].label);
    }
  }
  CHECK(others == expected_others);
  // Every edge of g between kept vertices, and no other.
  std::set<std::string> kept_labels = people;
  kept_labels.insert(others.begin(), others.end());
  std::size_t between = 0;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    if (kept_labels.count(g[boost::source(e, g)].label) &&
        kept_labels.count(g[boost::target(e, g)].label)) {
      ++between;
    }
  }
  CHECK(boost::num_edges(kept) == between);
  CHECK(boost::num_vertices(guanxi::top_neighbourhood(g, 100)) == boost::num_vertices(g) - 2);
  CHECK(boost::num_vertices(guanxi::top_neighbourhood(g, 0)) == 0);
}

TEST_CASE("attended-with through co_attendance edges counts the weight, not the events listed",
          "[query]") {
  Graph g;
  const VertexId a = add(g, VertexKind::person, "苏映雪");
  const VertexId b = add(g, VertexKind::person, "顾星河");
  const VertexId c = add(g, VertexKind::person, "唐一苇");
  Edge often;
  often.kind = EdgeKind::co_attendance;
  often.weight = 30;  // an edge lists only its first events
  often.events = {"春会", "秋会"};
  boost::add_edge(a, b, often, g);
  Edge rarely;
  rarely.kind = EdgeKind::co_attendance;
  rarely.weight = 3;
  rarely.events = {"甲会", "乙会", "丙会"};
  boost::add_edge(a, c, rarely, g);
  const auto found = guanxi::attended_with(g, a);
  REQUIRE(found.size() == 2);
  CHECK(found[0].label == "顾星河");
  CHECK(found[0].shared == 30);
  CHECK(found[0].events.size() == 2);
  CHECK(found[1].shared == 3);
}
