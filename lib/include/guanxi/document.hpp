// Stage 2: one input text -> documents -> sentences.
//
// A file may hold several articles (a bulletin or a digest). split_documents()
// normalises the whole text, then starts a new document at a headline line (a
// short line without sentence-final punctuation, at the top or right after a
// source line) and ends one after a source line such as (据《某某日报》) or
// （来源：某某）. Each document keeps its own original text, so offsets of
// everything found in it count code points from the document's first character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "guanxi/text.hpp"

namespace guanxi {

// [begin, end) in code points of a document's normalised text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Document {
  std::string id;            // "<id_base>#<index>" when a text holds several, else id_base
  std::u32string original;   // this document's original text
  NormalizedText norm;       // its normalised text, to_orig pointing into |original|
  std::string headline;      // normalised headline (UTF-8), empty when none
  std::string source;        // publication named in the source line, e.g. 黑龙江日报
  Span source_span;          // where that name stands in norm.text (empty if none)
  std::vector<Span> sentences;  // over norm.text, in order, ending at 。！？!?; or a line end
};

// Splits |original| into documents. |id_base| names the input (a file name or
// the "id" of a JSON line).
std::vector<Document> split_documents(std::u32string_view original, std::string_view id_base);

// A single document without splitting (for JSON Lines input, where each line is one).
Document make_document(std::u32string_view original, std::string_view id);

}  // namespace guanxi
