// The lexical network: normalised text -> a word tag per character, from the
// small lexical-analysis network that Debian's python3-jieba ships
// (jieba/lac_small: a character embedding, two bidirectional GRU layers and a
// CRF over 57 tags: parts of speech and PER, LOC, ORG, TIME; each tag split
// into -B and -I). It was trained on a large general corpus, so it knows
// which characters and contexts make names far beyond what CLUENER teaches;
// the accurate tagger model (Tagger::accurate()) reads its output as
// features. It is packed at build time (lib/gen/lexical_net_pack.cpp) and
// assembled into the library, so nothing is read at run time.
//
// In: code points (normalised text). Out: per character the CRF's tag, the
// tag of the highest emission score, and how sure the network is of a person
// and of an organisation there (margin buckets). Per character it costs some
// twenty times the whole fast extraction (README: Accuracy and speed);
// analyse() and analyse_spans() are safe from several threads.
//
/// Usage:
///   std::vector<guanxi::LexicalNet::Reading> out;
///   guanxi::LexicalNet::builtin().analyse(U"记者王小明报道", out);
///   std::cout << guanxi::LexicalNet::builtin().tag_name(out[2].tag);  // PER-B
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guanxi {

class LexicalNet {
 public:
  // What the network reads at one character.
  struct Reading {
    std::uint8_t tag = 0;     // the CRF's path (tag_name)
    std::uint8_t best = 0;    // the highest emission score's tag
    std::uint8_t person = 0;  // bucket 0..5 of the PER emission's margin over the best other tag
    std::uint8_t organization = 0;  // the same for ORG
  };

  // The network compiled into the library, unpacked on first use.
  static const LexicalNet& builtin();
  // A packed network (lexical_net_pack's output); throws InputError naming
  // |source| when the bytes are not one.
  static LexicalNet from_bytes(std::string_view bytes, std::string_view source);

  // Fills |out| with one Reading per code point of |text|. The network runs
  // over each sentence (up to 。！？!?; or a line break) on its own, as it was
  // trained.
  void analyse(std::u32string_view text, std::vector<Reading>& out) const;
  // The same for each [begin, end) of |spans| in |text|, read as analyse()
  // reads a text on its own (readings outside the spans are left at their
  // defaults). Sentences run kBatch side by side, so that each weight loaded
  // serves all of them: many short texts cost far less together than apart.
  void analyse_spans(std::u32string_view text,
                     const std::vector<std::pair<std::size_t, std::size_t>>& spans,
                     std::vector<Reading>& out) const;
  static constexpr std::size_t kBatch = 8;

  struct NetWorkspace;  // lexical_net.cpp's scratch space, one per thread

  std::size_t tag_count() const { return tag_names_.size(); }
  const std::string& tag_name(std::uint8_t tag) const { return tag_names_.at(tag); }
  // FNV-1a 64 of the packed bytes, folded to 32 bits; accurate models record it.
  std::uint32_t checksum() const { return checksum_; }

 private:
  LexicalNet() = default;
  struct Direction;
  void analyse_batch(std::u32string_view text, const std::pair<std::size_t, std::size_t>* sentences,
                     std::size_t count, std::vector<Reading>& out) const;
  // One GRU step of the |count| sentences of a batch.
  void gru_steps(NetWorkspace& w, const Direction& d, std::size_t count) const;
  // Viterbi over the |n| emission rows of one sentence, and the margins.
  void decode(const float* emissions, std::size_t n, Reading* out) const;

  struct Matrix {
    std::size_t rows = 0, cols = 0;
    std::vector<float> values;  // row-major
  };
  struct Direction {
    Matrix input, input_bias;  // fc: in -> 3 x hidden
    Matrix gates, candidate;   // GRU: hidden -> 2 x hidden (update, reset), hidden -> hidden
    Matrix bias;               // GRU: 3 x hidden
  };
  std::vector<std::pair<char32_t, std::uint32_t>> chars_;  // code point -> embedding row, sorted
  std::uint32_t oov_ = 0;
  Matrix embedding_;
  Direction layers_[2][2];  // [layer][forward, backward]
  Matrix emission_, emission_bias_;
  Matrix crf_;  // row 0 start, row 1 end, then transitions from x to
  std::vector<std::string> tag_names_;
  std::uint8_t person_tags_[2] = {0, 0};  // PER-B, PER-I
  std::uint8_t org_tags_[2] = {0, 0};     // ORG-B, ORG-I
  std::uint32_t checksum_ = 0;
};

}  // namespace guanxi
