// Queries and drawings on the seed's graph, read back from the GraphML a
// build writes, checked against the hand-made gold file (no name is written
// here: every expectation comes from the gold at run time). Skips (exit code
// 77) when ../shared is not checked out beside the project.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>
#include <string>

#include <boost/range/iterator_range.hpp>
#include <nlohmann/json.hpp>

#include "guanxi/guanxi.hpp"
#include "guanxi/load.hpp"
#include "guanxi/query.hpp"
#include "guanxi/render.hpp"
#include "shared/shared_data.hpp"

namespace {

const char* const kSeed = "seeds/000_7be3d2dd4adab9aa";

using guanxi::Graph;
using guanxi::VertexKind;

const nlohmann::json& gold() {
  static const nlohmann::json g =
      nlohmann::json::parse(guanxi::test::read_shared(std::string(kSeed) + ".gold.json"));
  return g;
}

// The seed's graph as a command reads it: built, written as GraphML, read back.
const Graph& seed_graph() {
  static const Graph g = [] {
    const std::string text = guanxi::test::read_shared(std::string(kSeed) + ".txt");
    guanxi::GraphBuilder builder;
    for (const auto& d : guanxi::Pipeline().analyze_text(text, "seed.txt")) {
      builder.add(d.document, d.extraction);
    }
    std::stringstream graphml;
    guanxi::write_graphml(graphml, builder.build());
    return guanxi::read_graphml(graphml, "seed.graphml");
  }();
  return g;
}

guanxi::VertexId person(const std::string& name) {
  return guanxi::find_by_name(seed_graph(), name, {VertexKind::person});
}

// The gold's names of an organisation: its name and aliases.
std::set<std::string> org_names(const std::string& name) {
  std::set<std::string> out{name};
  for (const auto& org : gold()["organizations"]) {
    if (org["name"] != name) continue;
    for (const auto& alias : org["aliases"]) out.insert(alias.get<std::string>());
  }
  return out;
}

const nlohmann::json& the_event() {
  REQUIRE(gold()["events"].size() == 1);
  return gold()["events"][0];
}

}  // namespace

TEST_CASE("seed: every gold person is found by name, and stats count them in one component",
          "[seed-query]") {
  const Graph& g = seed_graph();
  for (const auto& name : gold()["persons"]) {
    INFO(name.get<std::string>());
    CHECK(g[person(name.get<std::string>())].label == name.get<std::string>());
  }
  const guanxi::GraphStats s = guanxi::stats(g);
  CHECK(s.vertices[0].second == gold()["persons"].size());
  REQUIRE_FALSE(s.component_people.empty());
  CHECK(s.component_people.front() == gold()["persons"].size());
}

TEST_CASE("seed: attended-with gives every other attendee of the event with the gold roles",
          "[seed-query]") {
  const auto& event = the_event();
  std::map<std::string, std::string> roles;
  for (const auto& [who, role] : event["roles"].items()) roles[who] = role.get<std::string>();
  for (const auto& attendee : event["attendees"]) {
    const std::string name = attendee.get<std::string>();
    INFO(name);
    const auto companions = guanxi::attended_with(seed_graph(), person(name));
    std::set<std::string> found;
    for (const auto& c : companions) {
      found.insert(c.label);
      REQUIRE(c.events.size() == 1);
      CHECK(c.events[0].label == event["name"].get<std::string>());
      REQUIRE(c.events[0].their_role);
      CHECK(guanxi::to_string(*c.events[0].their_role) == roles.at(c.label));
      REQUIRE(c.events[0].role);
      CHECK(guanxi::to_string(*c.events[0].role) == roles.at(name));
    }
    std::set<std::string> others = event["attendees"].get<std::set<std::string>>();
    others.erase(name);
    CHECK(found == others);
  }
}

TEST_CASE("seed: affiliations give every gold person's organisations", "[seed-query]") {
  for (const auto& a : gold()["affiliations"]) {
    const std::string name = a["person"].get<std::string>();
    const std::set<std::string> org = org_names(a["org"].get<std::string>());
    INFO(name << " @ " << a["org"].get<std::string>());
    bool found = false;
    for (const auto& post : guanxi::affiliations(seed_graph(), person(name))) {
      found = found || org.count(post.label) > 0;
    }
    CHECK(found);
  }
}

TEST_CASE("seed: members of a parent include the people of its gold sub-units", "[seed-query]") {
  const Graph& g = seed_graph();
  std::size_t checked = 0;
  for (const auto& org : gold()["organizations"]) {
    if (org["parent"].is_null()) continue;
    const auto parent = guanxi::find_vertex(g, VertexKind::organization, org["parent"].get<std::string>());
    REQUIRE(parent);
    std::set<std::string> members;
    for (const auto& m : guanxi::members(g, *parent)) members.insert(m.label);
    for (const auto& a : gold()["affiliations"]) {
      if (org_names(org["name"]).count(a["org"].get<std::string>()) == 0) continue;
      INFO(a["person"].get<std::string>() << " in a unit of " << org["parent"]);
      CHECK(members.count(a["person"].get<std::string>()) == 1);
      ++checked;
    }
  }
  CHECK(checked > 0);
}

TEST_CASE("seed: events, paths and rankings agree with the one event of the gold",
          "[seed-query]") {
  const Graph& g = seed_graph();
  const auto& event = the_event();
  const auto attendees = event["attendees"].get<std::vector<std::string>>();
  for (const auto& name : attendees) {
    const auto events = guanxi::events_of(g, person(name));
    REQUIRE(events.size() == 1);
    CHECK(events[0].label == event["name"].get<std::string>());
    CHECK(events[0].attendees == attendees.size());
    CHECK(std::set<std::string>(events[0].organizers.begin(), events[0].organizers.end()) ==
          event["organizers"].get<std::set<std::string>>());
  }
  // Any two attendees met: one co_attendance step, with its evidence.
  const auto steps = guanxi::shortest_path(g, person(attendees.front()), person(attendees.back()));
  REQUIRE(steps);
  REQUIRE(steps->size() == 1);
  CHECK((*steps)[0].edge.kind == guanxi::EdgeKind::co_attendance);
  CHECK_FALSE((*steps)[0].edge.evidence.empty());

  const auto ranked = guanxi::rank_people(g, guanxi::Centrality::degree);
  CHECK(ranked.size() == gold()["persons"].size());
  // Each attendee is joined to the event and to every other attendee at least.
  for (const auto& r : ranked) CHECK(r.score >= static_cast<double>(attendees.size()));
  const auto between = guanxi::rank_people(g, guanxi::Centrality::betweenness, 3);
  CHECK(between.size() == 3);
  CHECK(between[0].score >= between[2].score);
}

TEST_CASE("seed: the graph draws in every format with every person's label", "[seed-query]") {
  const Graph& g = seed_graph();
  for (const char* engine : {"dot", "neato", "fdp", "sfdp"}) {
    INFO(engine);
    guanxi::RenderOptions options;
    options.engine = engine;
    std::ostringstream svg;
    guanxi::render(svg, g, options);
    for (const auto& name : gold()["persons"]) {
      CHECK(svg.str().find(">" + name.get<std::string>() + "</text>") != std::string::npos);
    }
  }
  for (const char* format : {"png", "pdf"}) {
    guanxi::RenderOptions options;
    options.format = format;
    std::ostringstream out;
    guanxi::render(out, guanxi::top_neighbourhood(g, 5), options);
    CHECK(out.str().size() > 1000);
  }
  const Graph top = guanxi::top_neighbourhood(g, 5);
  std::size_t people = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(top))) {
    if (top[v].kind == VertexKind::person) ++people;
  }
  CHECK(people == 5);
}
