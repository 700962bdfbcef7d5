// Pipeline facade: bytes -> documents -> extractions.
#include "guanxi/guanxi.hpp"

namespace guanxi {

std::vector<AnalyzedDocument> Pipeline::analyze_text(std::string_view utf8,
                                                     std::string_view id) const {
  std::vector<AnalyzedDocument> out;
  for (auto& doc : split_documents(decode_utf8(utf8), id)) {
    Extraction extraction = extract(doc, *lexicon_, tagger_);
    out.push_back({std::move(doc), std::move(extraction)});
  }
  return out;
}

AnalyzedDocument Pipeline::analyze_document(std::string_view utf8, std::string_view id) const {
  Document doc = make_document(decode_utf8(utf8), id);
  Extraction extraction = extract(doc, *lexicon_, tagger_);
  return {std::move(doc), std::move(extraction)};
}

void Pipeline::prepare() const {
  WordList::builtin();
  if (tagger_ == nullptr) Tagger::builtin();
  if (tagger_ != nullptr && tagger_->uses_lexical_net()) LexicalNet::builtin();
}

AnalyzedDocument Pipeline::analyze(Document doc) const {
  Extraction extraction = extract(doc, *lexicon_, tagger_);
  return {std::move(doc), std::move(extraction)};
}

}  // namespace guanxi
