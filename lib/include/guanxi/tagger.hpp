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
// nearby, how far back a surname starts, and where the words of a general word
// list (WordList: Debian's jieba dictionary without its proper nouns) start,
// end and run across. A person span never starts or ends on punctuation. The
// built-in model is lib/data/tagger.model (format in
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
#include "guanxi/lexical_net.hpp"
#include "guanxi/lexicon.hpp"
#include "guanxi/text.hpp"

namespace guanxi {

// The general word list the tagger's features read: the words of 2..6 Han
// characters of Debian's jieba dictionary whose tag is not a proper noun's,
// cut at build time (lib/gen/word_filter.hpp) and compiled into the library,
// so it holds no names. Looking a position up reads a 64 KiB table of first
// characters, a table of two-character prefixes, then one of longer ones per
// further character of the longest word prefix there.
class WordList {
 public:
  static constexpr std::size_t kMaxLength = 6;

  // The list compiled into the library, built on first use.
  static const WordList& builtin();
  // A list from |words|, one UTF-8 word per line (lines of 2..kMaxLength code
  // points are kept, others ignored).
  explicit WordList(std::string_view words);

  bool contains(std::u32string_view word) const;
  // Calls visit(length) for each word that starts at text[pos], shortest first.
  template <typename Visit>
  void visit_at(std::u32string_view text, std::size_t pos, Visit&& visit) const {
    if (pos + 1 >= text.size() || !han(text[pos]) || (first_[text[pos] - kFirstHan] & kPrefix) == 0)
      return;
    unsigned flags = find_pair(text[pos], text[pos + 1]);
    if ((flags & kWord) != 0) visit(2);
    std::uint64_t h = step(step(kSeed, text[pos]), text[pos + 1]);
    for (std::size_t len = 3; (flags & kPrefix) != 0 && pos + len <= text.size(); ++len) {
      h = step(h, text[pos + len - 1]);
      flags = find_longer(h);
      if ((flags & kWord) != 0) visit(len);
    }
  }
  // Asks for the table rows visit_at(text, pos) will read first, so that a
  // caller looking up many positions can have their loads overlap.
  void prefetch(std::u32string_view text, std::size_t pos) const {
    if (pos + 1 >= text.size() || !han(text[pos]) || !han(text[pos + 1])) return;
    __builtin_prefetch(&pairs_[pair_slot(pair_key(text[pos], text[pos + 1])) & pair_mask_]);
    if (pos + 2 >= text.size()) return;
    const std::uint64_t h = step(step(step(kSeed, text[pos]), text[pos + 1]), text[pos + 2]);
    __builtin_prefetch(&longer_[h & longer_mask_]);
  }
  // Whether a word of the list runs across the boundary before text[pos]
  // (starts before it and ends after it): 支|社区 splits 支社.
  bool splits(std::u32string_view text, std::size_t pos) const;
  // Whether a word of the list ends just before text[pos].
  bool ends_at(std::u32string_view text, std::size_t pos) const;

  std::size_t size() const { return size_; }
  // FNV-1a 64 of the list's bytes, folded to 32 bits; models record it.
  std::uint32_t checksum() const { return checksum_; }

 private:
  // Words are Han characters of U+3400..U+9FFF: 15 bits each once shifted.
  static constexpr char32_t kFirstHan = 0x3400;
  static constexpr char32_t kLastHan = 0x9FFF;
  static constexpr unsigned kWord = 1;    // a word ends here
  static constexpr unsigned kPrefix = 2;  // longer words continue
  static constexpr std::uint64_t kSeed = 14695981039346656037ULL;
  static bool han(char32_t c) { return c >= kFirstHan && c <= kLastHan; }
  static std::uint64_t step(std::uint64_t h, char32_t c) {
    h = (h ^ static_cast<std::uint64_t>(c)) * 1099511628211ULL;
    return h ^ (h >> 29);
  }
  // Two-character prefixes: an exact key, (first << 17) | (second << 2), with the flags.
  static std::uint32_t pair_key(char32_t a, char32_t b) {
    return ((a - kFirstHan) << 17) | ((b - kFirstHan) << 2);
  }
  static std::size_t pair_slot(std::uint32_t key) { return (key * 0x9E3779B1U) >> 7; }
  unsigned find_pair(char32_t a, char32_t b) const {
    if (!han(b)) return 0;
    const std::uint32_t key = pair_key(a, b);
    for (std::size_t i = pair_slot(key) & pair_mask_;; i = (i + 1) & pair_mask_) {
      const std::uint32_t slot = pairs_[i];
      if (slot == 0) return 0;
      if ((slot & ~3U) == key) return slot & 3U;
    }
  }
  // Longer prefixes: the high 30 bits of their hash, with the flags.
  unsigned find_longer(std::uint64_t h) const {
    const auto tag = static_cast<std::uint32_t>(h >> 32) | 3U;  // never 0 (empty)
    for (std::size_t i = h & longer_mask_;; i = (i + 1) & longer_mask_) {
      const std::uint32_t slot = longer_[i];
      if (slot == 0) return 0;
      if ((slot | 3U) == tag) return slot & 3U;
    }
  }

  std::vector<std::uint8_t> first_;    // flags of each character as a one-character prefix
  std::vector<std::uint32_t> pairs_;   // open addressing, 0 = empty
  std::size_t pair_mask_ = 0;
  std::vector<std::uint32_t> longer_;  // open addressing, 0 = empty
  std::size_t longer_mask_ = 0;
  std::size_t size_ = 0;
  std::uint32_t checksum_ = 0;
};

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
  std::size_t epochs = 24;
  std::size_t first = 0;                             // CLUENER: skip this many sentences
  std::size_t limit = static_cast<std::size_t>(-1);  // CLUENER: train on at most this many
  unsigned hash_bits = 18;                           // 2^hash_bits feature rows
  std::uint64_t seed = 1;                            // sentence order, shuffled every epoch
  unsigned margin = 60;  // while training, every wrong tag scores this much more (a margin)
  bool lexical_net = false;  // an accurate model: the features also read LexicalNet
};

class Tagger {
 public:
  static constexpr unsigned kMinHashBits = 10;
  static constexpr unsigned kMaxHashBits = 24;

  // The model compiled into the library, loaded on first use.
  static const Tagger& builtin();
  // The accurate model compiled into the library (lib/data/tagger_accurate.model):
  // its features also read the lexical network (lexical_net.hpp), which
  // finds a few points more persons and organisations at many times the cost.
  static const Tagger& accurate();

  // A model file's bytes; |source| names it in errors. Throws InputError when
  // the magic, version, feature set, sizes or checksum are wrong, or when the
  // model was trained with another word list than WordList::builtin().
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
  // tag() of each [begin, end) of |normalised| in |spans| (the sentences of
  // a document), with span offsets counted from each span's start. The same
  // results, faster for an accurate model, whose lexical network then reads
  // all the spans side by side.
  std::vector<std::vector<TaggedSpan>> tag_each(
      std::u32string_view normalised, const std::vector<std::pair<std::size_t, std::size_t>>& spans,
      const Lexicon& lexicon = Lexicon::builtin()) const;
  // The same, with orig_begin/orig_end mapped through |text.to_orig|.
  std::vector<TaggedSpan> tag(const NormalizedText& text,
                              const Lexicon& lexicon = Lexicon::builtin()) const;

  unsigned hash_bits() const { return hash_bits_; }
  // Whether the features read the lexical network (an accurate model).
  bool uses_lexical_net() const { return uses_net_; }

 private:
  friend Tagger train(const std::vector<TrainingSentence>&, const Lexicon&, const TrainOptions&,
                      std::ostream*);
  Tagger() = default;

  // tag(), with the lexical network's readings of |normalised| given (or,
  // when null and the model reads the network, computed).
  std::vector<TaggedSpan> tag_with(std::u32string_view normalised, const Lexicon& lexicon,
                                   const LexicalNet::Reading* readings) const;
  // Keeps the stored weights (|rows| rows of one int8 per tag, as in the
  // model file) in the packed form below.
  void pack(const std::int8_t* weights, std::size_t rows);
  // The stored weights of row |r|, one per tag.
  void unpack(std::size_t r, std::int8_t* out) const;

  unsigned hash_bits_ = 0;
  bool uses_net_ = false;
  std::uint32_t word_list_checksum_ = 0;  // checksum of the word list (and lexical network) it read
  float scale_ = 1.0F;                     // weight = stored value * scale_
  // Scoring only needs each tag's weight less O's (a constant added to every
  // tag of a position changes no decision): per row, O's weight (which save()
  // adds back) and 16 int8 differences, or the index of a row of int16 ones
  // when they do not fit (tagger.cpp, pack()).
  std::vector<std::int8_t> outside_;       // 2^hash_bits
  std::vector<std::int8_t> rows_;          // 2^hash_bits rows of 16
  std::vector<std::int16_t> wide_;         // rows of 16
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
