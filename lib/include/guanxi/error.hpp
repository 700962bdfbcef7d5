// Errors at the API boundary. Problems inside one document are diagnostics
// returned beside the result; these exceptions are for whole inputs and
// outputs that cannot be used at all.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace guanxi {

// Levenshtein distance between two byte strings, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The same between code-point strings: one edit per character, whatever its UTF-8 length.
std::size_t edit_distance(std::u32string_view a, std::u32string_view b);

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Input that cannot be read: invalid UTF-8, malformed JSON Lines, a bad gold file.
// |line| is 1-based (0 when unknown), |byte_offset| counts from the start of the input.
class InputError : public Error {
 public:
  InputError(const std::string& what, std::size_t line = 0, std::size_t byte_offset = 0)
      : Error(what), line_(line), byte_offset_(byte_offset) {}
  std::size_t line() const { return line_; }
  std::size_t byte_offset() const { return byte_offset_; }

 private:
  std::size_t line_;
  std::size_t byte_offset_;
};

// An export or a render that failed (unknown format, Graphviz error).
class ExportError : public Error {
 public:
  using Error::Error;
};

}  // namespace guanxi
