// Build-time tool: word_list DICT OUT writes the tagger's word list
// (word_filter.hpp) cut from the jieba dictionary DICT to OUT. Exits 1 when
// DICT cannot be read or OUT cannot be written, or when no word is kept.
#include <fstream>
#include <iostream>

#include "word_filter.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: word_list DICT OUT\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "word_list: error: cannot read " << argv[1] << "\n";
    return 1;
  }
  const std::string words = guanxi::gen::filter_words(in);
  if (words.empty()) {
    std::cerr << "word_list: error: " << argv[1] << " holds no word to keep\n";
    return 1;
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << words;
  if (!out.flush()) {
    std::cerr << "word_list: error: cannot write " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
