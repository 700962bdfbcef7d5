// End to end on the shared seed: text -> graph -> score against the hand-made gold.
// Skips (exit code 77) when ../shared is not checked out beside the project.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

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
