// The JSON Lines record 'guanxi extract' prints for one analysed document.
//
// In: a Document and its Extraction. Out: one line of JSON, without the line
// end, byte for byte what nlohmann's dump() (compact, UTF-8 kept, invalid
// bytes replaced by U+FFFD) gives for the same object, but written straight
// into a string without building a JSON tree first. Never fails.
#pragma once

#include <string>

#include "guanxi/document.hpp"
#include "guanxi/extract.hpp"

namespace guanxi::cli {

// {"id": ..., "headline": ..., "source": ..., "mentions": [...],
//  "relations": [...], "events": [...]}; headline, source and events only when
// not empty. Appends to |out|.
void append_extraction_json(const Document& doc, const Extraction& x, std::string* out);

}  // namespace guanxi::cli
