// A statistical tagger: normalised text -> person, title and organisation spans.
//
// A first-order structured averaged perceptron over characters. Tags are BIOES
// (O, and B/I/E/S of each span type: a span is B I* E, or S alone) for
// person, title, organization and an internal "other" type that stands for
// the names the project does not report (places, works); Viterbi decoding
// only lets I and E continue a B or I of their own type, and only lets O, B
// and S follow a closed span. Features are hashed (FNV-1a, 64 bits) into
// 2^hash_bits rows of one weight per tag: characters and character bigrams
// around each position, character classes, and where the Lexicon's words
// (surnames, titles, organisation heads, places, cue verbs, ...) start and end
// nearby. The built-in model is lib/data/tagger.model (format in
// lib/data/README.md), made by `guanxi train` and compiled into the library.
//
// tag() reads normalised text (guanxi::normalize) and returns spans in its code
// points, end exclusive; given a NormalizedText it also maps them back to the
// original through to_orig. It never fails. load() throws InputError for a
// file that is not a model or is damaged; train_cluener() and
// evaluate_tagger_cluener() throw InputError naming the line of malformed
// CLUENER input.
//
/// Usage:
///   const auto norm = guanxi::normalize(guanxi::decode_utf8("记者王小明报道"));
///   for (const auto& s : guanxi::Tagger::builtin().tag(norm))
///     std::cout << guanxi::to_string(s.type) << " " << s.orig_begin << "-" << s.orig_end;
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "guanxi/eval.hpp"
#include "guanxi/extract.hpp"
#include "guanxi/lexicon.hpp"
#include "guanxi/text.hpp"

namespace guanxi {

// One tagged mention: person, title or organization.
struct TaggedSpan {
  MentionType type = MentionType::person;
  std::size_t begin = 0;  // code points of the normalised text, end exclusive
  std::size_t end = 0;
  std::size_t orig_begin = 0;  // the same span in the original text (equal to
  std::size_t orig_end = 0;    // begin/end when a bare normalised string was tagged)

  bool operator==(const TaggedSpan& other) const {
    return type == other.type && begin == other.begin && end == other.end &&
           orig_begin == other.orig_begin && orig_end == other.orig_end;
  }
};

// A normalised sentence and its mentions (begin/end; the orig_ offsets are ignored).
// |others| are names of other kinds (places, works of art, games): learnt as a
// type of their own, so that they are not taught as plain text, and never reported.
struct TrainingSentence {
  std::u32string text;
  std::vector<TaggedSpan> spans;
  std::vector<std::pair<std::size_t, std::size_t>> others;  // [begin, end)
};

struct TrainOptions {
  std::size_t epochs = 14;
  std::size_t first = 0;                             // CLUENER: skip this many sentences
  std::size_t limit = static_cast<std::size_t>(-1);  // CLUENER: train on at most this many
  unsigned hash_bits = 17;                           // 2^hash_bits feature rows
  std::uint64_t seed = 1;                            // sentence order, shuffled every epoch
  unsigned margin = 5;  // while training, every wrong tag scores this much more (a margin)
};

class Tagger {
 public:
  static constexpr unsigned kMinHashBits = 10;
  static constexpr unsigned kMaxHashBits = 24;

  // The model compiled into the library, loaded on first use.
  static const Tagger& builtin();

  // A model file's bytes; |source| names it in errors. Throws InputError when
  // the magic, version, feature set, sizes or checksum are wrong.
  static Tagger load(std::istream& in, std::string_view source);
  static Tagger from_bytes(std::string_view bytes, std::string_view source);
  // Writes the model file (little-endian, see lib/data/README.md).
  void save(std::ostream& out) const;

  // Mentions in |normalised| (text as guanxi::normalize returns it), in text
  // order, never overlapping. |lexicon| gives the word features; the built-in
  // model was trained with Lexicon::builtin(), and words added to another
  // lexicon count as words of their class. Safe to call from several threads
  // at once (each keeps its own scratch space); allocates only the result once
  // the thread's scratch space has grown to the longest text seen.
  std::vector<TaggedSpan> tag(std::u32string_view normalised,
                              const Lexicon& lexicon = Lexicon::builtin()) const;
  // The same, with orig_begin/orig_end mapped through |text.to_orig|.
  std::vector<TaggedSpan> tag(const NormalizedText& text,
                              const Lexicon& lexicon = Lexicon::builtin()) const;

  unsigned hash_bits() const { return hash_bits_; }

 private:
  friend Tagger train(const std::vector<TrainingSentence>&, const Lexicon&, const TrainOptions&,
                      std::ostream*);
  Tagger() = default;

  unsigned hash_bits_ = 0;
  float scale_ = 1.0F;                     // weight = stored value * scale_
  std::vector<std::int8_t> weights_;       // 2^hash_bits rows of one weight per tag, padded
  std::vector<std::int32_t> transitions_;  // (previous tag or start) x tag; forbidden pairs
                                           // hold a large negative number
};

// Trains a model on |sentences| (TrainOptions::first and limit are ignored).
// Writes one line per epoch to |progress| when it is not null. Deterministic
// for the same input and options. Throws Error for hash bits out of range.
Tagger train(const std::vector<TrainingSentence>& sentences, const Lexicon& lexicon,
             const TrainOptions& options, std::ostream* progress = nullptr);

// Reads CLUENER JSON Lines (name -> person, position -> title,
// organization/government/company -> organization, the other labels ->
// TrainingSentence::others), skips options.first sentences, trains on up to
// options.limit.
Tagger train_cluener(std::istream& jsonl, std::string_view source, const Lexicon& lexicon,
                     const TrainOptions& options, std::ostream* progress = nullptr);

// Scores |tagger| alone on CLUENER sentences as evaluate_cluener() scores the
// extractor: person, title, organization and all, exact spans.
EvalReport evaluate_tagger_cluener(const Tagger& tagger, std::istream& jsonl,
                                   std::string_view source, const Lexicon& lexicon,
                                   const CluenerOptions& options = {});

}  // namespace guanxi
