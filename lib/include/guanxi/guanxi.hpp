// The facade: Chinese news text in, analysed documents and a graph out.
//
/// Usage:
///   guanxi::Pipeline pipeline;                       // built-in lexicons
///   guanxi::GraphBuilder builder;
///   for (const auto& d : pipeline.analyze_text(utf8_bytes, "news.txt"))
///     builder.add(d.document, d.extraction);
///   guanxi::write_graphml(std::cout, builder.build());
//
// analyze_text() throws InputError for bytes that are not UTF-8 (with line and
// byte offset); everything after decoding is diagnostics-free and never throws.
#pragma once

#include <string_view>
#include <vector>

#include "guanxi/document.hpp"
#include "guanxi/error.hpp"
#include "guanxi/export.hpp"
#include "guanxi/extract.hpp"
#include "guanxi/graph.hpp"
#include "guanxi/lexical_net.hpp"
#include "guanxi/lexicon.hpp"
#include "guanxi/tagger.hpp"
#include "guanxi/text.hpp"

namespace guanxi {

struct AnalyzedDocument {
  Document document;
  Extraction extraction;
};

class Pipeline {
 public:
  // |tagger| nullptr: the built-in model (see tagger.hpp).
  explicit Pipeline(const Lexicon& lexicon = Lexicon::builtin(), const Tagger* tagger = nullptr)
      : lexicon_(&lexicon), tagger_(tagger) {}

  // A whole input (a file's bytes): split into articles, each analysed.
  std::vector<AnalyzedDocument> analyze_text(std::string_view utf8, std::string_view id) const;
  // One document as it is (a JSON Lines record): no article splitting.
  AnalyzedDocument analyze_document(std::string_view utf8, std::string_view id) const;
  // A document already made (by split_documents()): its extraction. Thread-safe,
  // like the two above: one Pipeline may serve many threads.
  AnalyzedDocument analyze(Document doc) const;
  // Loads now what the first analysis would load (the built-in model and
  // word list; the lexical network for an accurate model), so that a thread
  // can do it while others read input, and the threads that analyse need not
  // wait for it one after the other.
  // Throws what that loading throws (Error for a damaged model).
  void prepare() const;

  const Lexicon& lexicon() const { return *lexicon_; }

 private:
  const Lexicon* lexicon_;
  const Tagger* tagger_;
};

}  // namespace guanxi
