// Scoring against hand-made answers.
//
// evaluate_gold() compares a built Graph with a gold file (format in
// ../shared/GOLD-FORMAT.md): persons, organizations (a label equal to a name or
// an alias counts), affiliation pairs, affiliation titles (person, org, title,
// former), co-attendance pairs and part_of. Names are compared after dropping
// 《》, quotes and white space. Optional persons and organisations are ignored.
//
// evaluate_cluener() runs the extractor on each CLUENER sentence and compares
// spans: name -> person, position -> title, organization/government/company ->
// organization; a mention counts when type, start and end all match.
//
// Malformed gold or CLUENER input throws InputError naming the line.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "guanxi/graph.hpp"
#include "guanxi/lexicon.hpp"

namespace guanxi {

struct Score {
  std::string category;
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  std::vector<std::string> spurious;  // what the tool found that the gold lacks
  std::vector<std::string> missed;    // what the gold has that the tool lacks

  double precision() const;
  double recall() const;
  double f1() const;
};

struct EvalReport {
  std::vector<Score> scores;
  const Score* find(std::string_view category) const;
};

// Strips 《》, quotes and white space, as the gold format says, then
// normalises what is left as guanxi normalises text (middle-dot variants,
// full-width forms, Traditional -> Simplified), so that a gold written with
// the article's own characters matches guanxi's labels.
std::string normalize_name(std::string_view name);

EvalReport evaluate_gold(const Graph& graph, std::istream& gold_json, std::string_view source);

struct CluenerOptions {
  std::size_t first = 0;                 // skip this many lines
  std::size_t limit = static_cast<std::size_t>(-1);  // score at most this many
};
class Pipeline;
// Scores |pipeline|'s extractor (its lexicon and tagger) on CLUENER sentences.
EvalReport evaluate_cluener(std::istream& jsonl, std::string_view source, const Pipeline& pipeline,
                            const CluenerOptions& options = {});

// A table: category, P, R, F1, counts; then up to |max_examples| of each list.
void print_report(std::ostream& out, const EvalReport& report, std::size_t max_examples = 20);

}  // namespace guanxi
