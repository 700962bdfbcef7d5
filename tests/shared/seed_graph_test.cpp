// End to end on the shared seed: text -> graph -> score against the hand-made gold.
// Skips (exit code 77) when ../shared is not checked out beside the project.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>
#include <string>

#include <boost/range/iterator_range.hpp>
#include <nlohmann/json.hpp>

#include "guanxi/eval.hpp"
#include "guanxi/guanxi.hpp"
#include "shared/shared_data.hpp"

namespace {

const char* const kSeed = "seeds/000_7be3d2dd4adab9aa";

guanxi::EvalReport score_seed() {
  const std::string text = guanxi::test::read_shared(std::string(kSeed) + ".txt");
  std::istringstream gold(guanxi::test::read_shared(std::string(kSeed) + ".gold.json"));
  guanxi::GraphBuilder builder;
  for (const auto& d : guanxi::Pipeline().analyze_text(text, "000_7be3d2dd4adab9aa")) {
    builder.add(d.document, d.extraction);
  }
  return guanxi::evaluate_gold(builder.build(), gold, "seed gold");
}

}  // namespace

TEST_CASE("the seed graph finds every person, affiliation and co-attendance pair of the gold",
          "[seed]") {
  const guanxi::EvalReport report = score_seed();
  for (const char* category : {"persons", "affiliation pairs", "co-attendance pairs"}) {
    INFO(category);
    const guanxi::Score* score = report.find(category);
    REQUIRE(score != nullptr);
    CHECK(score->missed.empty());
    CHECK(score->spurious.empty());
    CHECK(score->true_positives > 0);
  }
  CHECK(report.find("persons")->true_positives == 22);
  CHECK(report.find("co-attendance pairs")->true_positives == 22 * 21 / 2);
}

TEST_CASE("the seed graph meets the extraction targets for organisations, titles and part_of",
          "[seed]") {
  const guanxi::EvalReport report = score_seed();
  INFO("organizations F1 " << report.find("organizations")->f1());
  CHECK(report.find("organizations")->f1() >= 0.95);
  INFO("affiliation titles F1 " << report.find("affiliation titles")->f1());
  CHECK(report.find("affiliation titles")->f1() >= 0.95);
  INFO("part_of F1 " << report.find("part_of")->f1());
  CHECK(report.find("part_of")->f1() >= 0.90);
}

namespace {

guanxi::Graph seed_graph() {
  const std::string text = guanxi::test::read_shared(std::string(kSeed) + ".txt");
  guanxi::GraphBuilder builder;
  for (const auto& d : guanxi::Pipeline().analyze_text(text, "000_7be3d2dd4adab9aa")) {
    builder.add(d.document, d.extraction);
  }
  return builder.build();
}

}  // namespace

TEST_CASE("the seed's seminar is one event with the gold's attendees, roles and organisers",
          "[seed]") {
  const auto gold = nlohmann::json::parse(guanxi::test::read_shared(std::string(kSeed) + ".gold.json"));
  REQUIRE(gold["events"].size() == 1);
  const auto& event = gold["events"][0];
  const guanxi::Graph g = seed_graph();

  const auto v = guanxi::find_vertex(g, guanxi::VertexKind::event, event["name"].get<std::string>());
  REQUIRE(v);
  std::map<std::string, std::string> roles;
  std::set<std::string> organizers;
  for (auto e : boost::make_iterator_range(boost::in_edges(*v, g))) {
    const auto& who = g[boost::source(e, g)].label;
    if (g[e].kind == guanxi::EdgeKind::attended) roles[who] = guanxi::to_string(*g[e].role);
    if (g[e].kind == guanxi::EdgeKind::organized) organizers.insert(who);
  }
  std::map<std::string, std::string> gold_roles;
  for (const auto& [who, role] : event["roles"].items()) gold_roles[who] = role.get<std::string>();
  CHECK(roles.size() == 22);
  CHECK(roles == gold_roles);
  CHECK(organizers == event["organizers"].get<std::set<std::string>>());
}

TEST_CASE("the seed graph has the gold's part_of edges and its member_of relation", "[seed]") {
  const auto gold = nlohmann::json::parse(guanxi::test::read_shared(std::string(kSeed) + ".gold.json"));
  const guanxi::Graph g = seed_graph();
  std::set<std::pair<std::string, std::string>> part_of, member_of;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto pair = std::make_pair(g[boost::source(e, g)].label, g[boost::target(e, g)].label);
    if (g[e].kind == guanxi::EdgeKind::part_of) part_of.insert(pair);
    if (g[e].kind == guanxi::EdgeKind::member_of) member_of.insert(pair);
  }
  std::size_t gold_part_of = 0;
  for (const auto& org : gold["organizations"]) {
    if (org["parent"].is_null()) continue;
    ++gold_part_of;
    INFO(org["name"].get<std::string>());
    CHECK(part_of.count({org["name"].get<std::string>(), org["parent"].get<std::string>()}) == 1);
  }
  CHECK(gold_part_of == 6);
  for (const auto& rel : gold["org_relations"]) {
    CHECK(member_of.count({rel["from"].get<std::string>(), rel["to"].get<std::string>()}) == 1);
  }
  CHECK(member_of.size() == gold["org_relations"].size());
}

TEST_CASE("the seed file is three documents", "[seed]") {
  const std::string text = guanxi::test::read_shared(std::string(kSeed) + ".txt");
  CHECK(guanxi::Pipeline().analyze_text(text, "seed").size() == 3);
}
