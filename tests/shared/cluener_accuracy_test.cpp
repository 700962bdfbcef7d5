// The extractor on the part of CLUENER that no model was trained or tuned on
// (the lines after the first 8600): the accurate model finds more persons
// and organisations than the fast one, and neither falls below the figures
// last measured (README: Accuracy and speed) by more than a little.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "guanxi/eval.hpp"
#include "guanxi/guanxi.hpp"
#include "shared/shared_data.hpp"

namespace {

guanxi::EvalReport checked_part(const guanxi::Tagger& tagger) {
  std::istringstream lines(guanxi::test::read_shared("data/cluener/train.json"));
  guanxi::CluenerOptions options;
  options.first = 8600;
  const guanxi::Pipeline pipeline(guanxi::Lexicon::builtin(), &tagger);
  return guanxi::evaluate_cluener(lines, "train.json", pipeline, options);
}

double f1(const guanxi::EvalReport& report, const char* category) {
  const guanxi::Score* score = report.find(category);
  REQUIRE(score != nullptr);
  return score->f1();
}

}  // namespace

TEST_CASE("on CLUENER's checked part the accurate model beats the fast one", "[cluener]") {
  const guanxi::EvalReport fast = checked_part(guanxi::Tagger::builtin());
  const guanxi::EvalReport accurate = checked_part(guanxi::Tagger::accurate());
  // Measured: fast person 0.795, organisation 0.755; accurate 0.829, 0.768.
  CHECK(f1(fast, "person") >= 0.78);
  CHECK(f1(fast, "organization") >= 0.74);
  CHECK(f1(accurate, "person") >= 0.82);
  CHECK(f1(accurate, "organization") >= 0.75);
  CHECK(f1(accurate, "person") > f1(fast, "person") + 0.02);
  CHECK(f1(accurate, "all") > f1(fast, "all"));
}
