// The lexicon files of lib/data/, embedded at build time (see cmake/embed_lexicons.cmake).
#pragma once

#include <cstddef>

namespace guanxi::data {

struct EmbeddedList {
  const char* name;   // file name without .txt, e.g. "surnames"
  const char* text;   // the file's bytes
  std::size_t size;
};

extern const EmbeddedList kLists[];
extern const std::size_t kListCount;

}  // namespace guanxi::data
