// Input: one JSON Lines record -> (id, text).
//
// Corpora arrive as JSON Lines: each line an object with "text" (a string) and
// optionally "id" (a string or a whole number); other fields are ignored.
// parse_jsonl_record() reads one line and throws InputError naming
// SOURCE:LINE (and the byte within the line for a syntax error) when the line
// is not such an object.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace guanxi {

struct JsonRecord {
  std::string id;
  std::string text;
};

// |default_id| is used when the record has no "id".
JsonRecord parse_jsonl_record(std::string_view line, std::string_view source,
                              std::size_t line_number, std::string_view default_id);

}  // namespace guanxi
