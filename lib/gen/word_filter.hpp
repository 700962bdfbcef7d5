// The tagger's general word list, cut from a jieba-format dictionary.
//
// In: dictionary lines "WORD FREQUENCY TAG" (UTF-8; jieba's dict.txt, from
// Debian's python3-jieba). Out: the words kept, sorted, one per line. A word
// is kept when it is 2..kMaxWordLength Han characters and its part-of-speech
// tag is not a proper noun's (nr, nrt, nrfg person names; ns places; nt
// organisations; nz other proper nouns; j abbreviations; x strings), so that
// no name enters the list. Lines that do not have three fields are skipped.
// Used by word_list.cpp at build time and by the tests; header-only so that
// it needs no library.
#pragma once

#include <algorithm>
#include <array>
#include <istream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::gen {

constexpr std::size_t kMaxWordLength = 6;

// Whether the UTF-8 |word| is 2..kMaxWordLength characters of the CJK
// unified ideographs (basic block and extension A).
inline bool han_word(std::string_view word) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < word.size(); ++count) {
    const auto b0 = static_cast<unsigned char>(word[i]);
    if ((b0 & 0xF0) != 0xE0 || i + 3 > word.size()) return false;  // 3-byte sequences only
    const char32_t c = ((b0 & 0x0F) << 12) | ((static_cast<unsigned char>(word[i + 1]) & 0x3F) << 6) |
                       (static_cast<unsigned char>(word[i + 2]) & 0x3F);
    if (!((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))) return false;
    i += 3;
  }
  return count >= 2 && count <= kMaxWordLength;
}

inline bool proper_noun_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 8> kTags = {"nr", "nrt", "nrfg", "ns",
                                                            "nt", "nz",  "j",    "x"};
  return std::find(kTags.begin(), kTags.end(), tag) != kTags.end();
}

// The kept words of |dictionary|, sorted, each followed by '\n'.
inline std::string filter_words(std::istream& dictionary) {
  std::vector<std::string> words;
  std::string line;
  while (std::getline(dictionary, line)) {
    std::istringstream fields(line);
    std::string word, frequency, tag, extra;
    if (!(fields >> word >> frequency >> tag) || (fields >> extra)) continue;
    if (proper_noun_tag(tag) || !han_word(word)) continue;
    words.push_back(word);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out;
  for (const auto& w : words) out += w + '\n';
  return out;
}

}  // namespace guanxi::gen
