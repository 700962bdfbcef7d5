// The statistical tagger: features, Viterbi decoding, perceptron training, the
// model file and CLUENER reading.
//
// One pass over a text fills a Workspace: folded characters, character
// classes and the lexicon classes of the words starting and ending at each
// position, padded by kPad on both sides so that windows need no bounds
// checks. Features are hashed straight from those arrays into bucket numbers;
// a bucket's weights are one row of kRowStride int16 (one per tag, padded), so
// scoring a position is a handful of row loads and adds and never allocates.
#include "guanxi/tagger.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <iomanip>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <tuple>

#include "guanxi/error.hpp"
#include "lexicon_data.hpp"

// The bytes of lib/data/tagger.model, assembled into the library (lib/CMakeLists.txt).
extern "C" {
extern const unsigned char guanxi_tagger_model_begin[];
extern const unsigned char guanxi_tagger_model_end[];
}

namespace guanxi {
namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------
// Tags

constexpr std::size_t kTagCount = 7;
constexpr std::size_t kRowStride = 8;   // weights per bucket in memory (the 8th is 0)
constexpr std::size_t kStartRow = kTagCount;  // transitions_ row of "before the first tag"
constexpr std::uint8_t kOutside = 0;    // then B/I pairs: person 1/2, title 3/4, organization 5/6

bool is_inside(std::size_t tag) { return tag != kOutside && tag % 2 == 0; }
std::uint8_t begin_tag(MentionType type) {
  switch (type) {
    case MentionType::person:
      return 1;
    case MentionType::title:
      return 3;
    default:
      return 5;
  }
}
MentionType type_of(std::size_t tag) {
  static constexpr MentionType kTypes[] = {MentionType::person, MentionType::title,
                                           MentionType::organization};
  return kTypes[(tag - 1) / 2];
}
// I-x follows only B-x or I-x; |previous| is kStartRow at the first position.
bool allowed(std::size_t previous, std::size_t tag) {
  if (!is_inside(tag)) return true;
  return previous == tag || previous + 1 == tag;
}

// ---------------------------------------------------------------------------
// Model file

constexpr char kMagic[8] = {'G', 'X', 'T', 'A', 'G', 'G', 'E', 'R'};
constexpr std::uint32_t kFormatVersion = 1;
// Bumped whenever the features change: a model knows the features it was trained on.
constexpr std::uint32_t kFeatureVersion = 1;
constexpr std::size_t kHeaderBytes = 32;
constexpr std::size_t kChecksumBytes = 8;
constexpr std::size_t kTransitionCount = (kTagCount + 1) * kTagCount;

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

std::uint64_t fnv1a_bytes(std::string_view bytes) {
  std::uint64_t h = kFnvOffset;
  for (unsigned char b : bytes) h = (h ^ b) * kFnvPrime;
  return h;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_i16(std::string& out, std::int16_t v) {
  const auto u = static_cast<std::uint16_t>(v);
  out.push_back(static_cast<char>(u & 0xFF));
  out.push_back(static_cast<char>(u >> 8));
}
std::uint32_t get_u32(const unsigned char* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::int16_t get_i16(const unsigned char* p) {
  return static_cast<std::int16_t>(static_cast<std::uint16_t>(p[0] | (p[1] << 8)));
}

// ---------------------------------------------------------------------------
// Characters

enum CharClass : std::uint32_t {
  kBoundary = 0,  // before the first or after the last character
  kHan,
  kHanNumeral,    // 零一二...万
  kLatin,
  kDigit,
  kPunct,
  kMiddleDot,
  kSpace,
  kOther,
};

constexpr char32_t kBefore = 0x110000;  // padding characters, beyond Unicode
constexpr char32_t kAfter = 0x110001;

CharClass class_of(char32_t c) {
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF)) {
    return std::u32string_view(U"零〇一二三四五六七八九十百千万亿两").find(c) ==
                   std::u32string_view::npos
               ? kHan
               : kHanNumeral;
  }
  if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return kLatin;
  if (c >= U'0' && c <= U'9') return kDigit;
  if (c == 0x00B7) return kMiddleDot;
  if (c == U' ' || c == U'\t' || c == U'\n') return kSpace;
  if ((c >= 0x21 && c <= 0x7E) || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF)) {
    return kPunct;
  }
  return kOther;
}

// What the character features see: Latin letters lower-cased, digits as 0.
char32_t fold_char(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + (U'a' - U'A');
  if (c >= U'1' && c <= U'9') return U'0';
  return c;
}

// ---------------------------------------------------------------------------
// Lexicon matches

// Longest word looked up at a position.
constexpr std::size_t kMaxWordLength = 8;
static_assert(static_cast<unsigned>(WordClass::kCount) <= 30, "bits 30 and 31 are the tagger's");
// Extra mark: a two-character surname (欧阳) starts here.
constexpr WordClasses kCompoundSurname = WordClasses{1} << 30;

std::uint64_t word_hash_step(std::uint64_t h, char32_t c) { return (h ^ c) * kFnvPrime; }

// The built-in word lists as an open-addressing table keyed by the words'
// hashes, plus the longest word starting with each BMP character, so that
// matching a position costs a few probes and no allocation.
class WordIndex {
 public:
  WordIndex() : first_max_(0x10000, 0) {
    std::vector<std::pair<std::u32string, WordClasses>> words;
    for (std::size_t i = 0; i < data::kListCount; ++i) {
      WordClass cls;
      if (!Lexicon::class_from_name(data::kLists[i].name, &cls)) continue;
      read_list(std::string_view(data::kLists[i].text, data::kLists[i].size), cls, &words);
    }
    std::size_t slots = 16;
    while (slots < words.size() * 3) slots *= 2;
    slots_.assign(slots, Slot{});
    mask_ = slots - 1;
    for (const auto& [word, classes] : words) insert(word, classes);
  }

  // Classes of words starting at text[pos], reported as f(length, classes).
  template <class F>
  void match(const char32_t* text, std::size_t available, F&& f) const {
    const char32_t first = text[0];
    std::size_t longest = first < 0x10000 ? first_max_[first] : other_max_;
    longest = std::min(longest, available);
    std::uint64_t h = kFnvOffset;
    for (std::size_t len = 1; len <= longest; ++len) {
      h = word_hash_step(h, text[len - 1]);
      for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
        const Slot& slot = slots_[s];
        if (slot.classes == 0) break;
        if (slot.hash == h && slot.length == len &&
            std::equal(text, text + len, pool_.data() + slot.offset)) {
          f(len, slot.classes);
          break;
        }
      }
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    WordClasses classes = 0;  // 0: empty slot
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };

  // Lines as Lexicon::add_list reads them: '#' comments, trimmed, one word each.
  static void read_list(std::string_view text, WordClass cls,
                        std::vector<std::pair<std::u32string, WordClasses>>* words) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      pos = nl + 1;
      line = line.substr(0, line.find('#'));
      const auto b = line.find_first_not_of(" \t\r\n");
      if (b == std::string_view::npos) continue;
      line = line.substr(b, line.find_last_not_of(" \t\r\n") - b + 1);
      words->emplace_back(decode_utf8(line), WordClasses{1} << static_cast<unsigned>(cls));
    }
  }

  void insert(const std::u32string& word, WordClasses classes) {
    std::uint64_t h = kFnvOffset;
    for (char32_t c : word) h = word_hash_step(h, c);
    for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
      Slot& slot = slots_[s];
      if (slot.classes == 0) {
        slot = Slot{h, classes, static_cast<std::uint32_t>(pool_.size()),
                    static_cast<std::uint32_t>(word.size())};
        pool_ += word;
        break;
      }
      if (slot.hash == h && std::u32string_view(pool_).substr(slot.offset, slot.length) == word) {
        slot.classes |= classes;
        break;
      }
    }
    const std::size_t length = std::min(word.size(), kMaxWordLength);
    if (word[0] < 0x10000) {
      first_max_[word[0]] = std::max<std::uint8_t>(first_max_[word[0]], length);
    } else {
      other_max_ = std::max(other_max_, length);
    }
  }

  std::vector<std::uint8_t> first_max_;
  std::size_t other_max_ = 0;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::u32string pool_;
};

const WordIndex& builtin_index() {
  static const WordIndex index;
  return index;
}

// ---------------------------------------------------------------------------
// Features

constexpr std::size_t kPad = 3;  // padding on each side of the Workspace arrays

// One text prepared for feature extraction. Reused between calls (capacity kept).
struct Workspace {
  std::vector<char32_t> chars;        // folded, kBefore/kAfter in the padding
  std::vector<std::uint8_t> classes;  // CharClass
  std::vector<WordClasses> starts;    // classes of words starting here
  std::vector<WordClasses> ends;      // classes of words ending here (last character)
  std::vector<std::int64_t> scores;   // n x kRowStride emission scores
  std::vector<std::uint8_t> back;     // n x kRowStride Viterbi back pointers
  std::vector<std::uint8_t> tags;     // n

  void prepare(std::u32string_view text, const Lexicon& lexicon) {
    const std::size_t n = text.size();
    chars.assign(n + 2 * kPad, kBefore);
    classes.assign(n + 2 * kPad, kBoundary);
    starts.assign(n + 2 * kPad, 0);
    ends.assign(n + 2 * kPad, 0);
    std::fill(chars.begin() + kPad + n, chars.end(), kAfter);
    for (std::size_t i = 0; i < n; ++i) {
      chars[kPad + i] = fold_char(text[i]);
      classes[kPad + i] = class_of(text[i]);
    }
    auto mark = [&](std::size_t pos, std::size_t len, WordClasses cls) {
      if (len == 2 && (cls & (WordClasses{1} << static_cast<unsigned>(WordClass::surname)))) {
        cls |= kCompoundSurname;
      }
      starts[kPad + pos] |= cls;
      ends[kPad + pos + len - 1] |= cls;
    };
    if (&lexicon == &Lexicon::builtin()) {
      const WordIndex& index = builtin_index();
      for (std::size_t i = 0; i < n; ++i) {
        index.match(text.data() + i, n - i,
                    [&](std::size_t len, WordClasses cls) { mark(i, len, cls); });
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t longest = std::min(kMaxWordLength, n - i);
        for (std::size_t len = 1; len <= longest; ++len) {
          if (const WordClasses cls = lexicon.classes(text.substr(i, len))) mark(i, len, cls);
        }
      }
    }
  }
};

// Template numbers: the first value hashed into every feature.
enum Template : std::uint32_t {
  kBias = 1,
  kUnigram,      // character at offset d
  kBigram,       // characters at d, d+1
  kSkipBigram,   // characters at -1, +1
  kTrigram,      // characters at d, d+1, d+2
  kClasses,      // character classes at -2..+2
  kWordStart,    // a word of class b starts at offset d
  kWordEnd,      // a word of class b ends at offset d
  kStartSet,     // all classes starting at offset d
  kEndSet,       // all classes ending at offset d
  kJoin,         // classes ending just before, classes starting here
};

std::uint32_t with_offset(Template t, int d) {
  return (static_cast<std::uint32_t>(t) << 8) | static_cast<std::uint32_t>(d + 8);
}

// Calls sink(bucket) for every feature of padded position |p| of |w|; buckets
// are the top 64 - |shift| bits of the feature's mixed FNV-1a hash.
template <class Sink>
inline void for_each_feature(const Workspace& w, std::size_t p, unsigned shift, Sink&& sink) {
  auto finish = [shift](std::uint64_t h) {
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ULL;
    return static_cast<std::uint32_t>(h >> shift);
  };
  auto mix = [](std::uint64_t h, std::uint32_t v) { return (h ^ v) * kFnvPrime; };
  const char32_t* c = w.chars.data() + p;
  const std::uint8_t* k = w.classes.data() + p;

  sink(finish(mix(kFnvOffset, kBias)));
  for (int d = -2; d <= 2; ++d) sink(finish(mix(mix(kFnvOffset, with_offset(kUnigram, d)), c[d])));
  for (int d = -2; d <= 1; ++d) {
    sink(finish(mix(mix(mix(kFnvOffset, with_offset(kBigram, d)), c[d]), c[d + 1])));
  }
  sink(finish(mix(mix(mix(kFnvOffset, kSkipBigram), c[-1]), c[1])));
  for (int d = -2; d <= 0; ++d) {
    sink(finish(mix(mix(mix(mix(kFnvOffset, with_offset(kTrigram, d)), c[d]), c[d + 1]), c[d + 2])));
  }
  const std::uint32_t shape = k[-2] | (k[-1] << 4) | (k[0] << 8) | (k[1] << 12) | (k[2] << 16);
  sink(finish(mix(mix(kFnvOffset, kClasses), shape)));

  const WordClasses* starts = w.starts.data() + p;
  const WordClasses* ends = w.ends.data() + p;
  for (int d = -2; d <= 2; ++d) {
    for (WordClasses bits = starts[d]; bits != 0; bits &= bits - 1) {
      const auto b = static_cast<std::uint32_t>(__builtin_ctz(bits));
      sink(finish(mix(mix(kFnvOffset, with_offset(kWordStart, d)), b)));
    }
    for (WordClasses bits = ends[d]; bits != 0; bits &= bits - 1) {
      const auto b = static_cast<std::uint32_t>(__builtin_ctz(bits));
      sink(finish(mix(mix(kFnvOffset, with_offset(kWordEnd, d)), b)));
    }
  }
  for (int d = -1; d <= 2; ++d) {
    if (starts[d] != 0) sink(finish(mix(mix(kFnvOffset, with_offset(kStartSet, d)), starts[d])));
  }
  for (int d = -2; d <= 1; ++d) {
    if (ends[d] != 0) sink(finish(mix(mix(kFnvOffset, with_offset(kEndSet, d)), ends[d])));
  }
  if ((ends[-1] | starts[0]) != 0) {
    sink(finish(mix(mix(mix(kFnvOffset, kJoin), ends[-1]), starts[0])));
  }
}

// ---------------------------------------------------------------------------
// Viterbi

// Best tag sequence for w.scores (n x kRowStride) under |transitions|
// ((kTagCount + 1) x kRowStride, row kStartRow first), respecting allowed().
template <class T>
void viterbi(Workspace& w, std::size_t n, const T* transitions) {
  constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min() / 4;
  w.tags.assign(n, kOutside);
  if (n == 0) return;
  w.back.resize(n * kRowStride);
  std::array<std::int64_t, kTagCount> delta;
  std::array<std::int64_t, kTagCount> next;
  for (std::size_t t = 0; t < kTagCount; ++t) {
    delta[t] = allowed(kStartRow, t) ? transitions[kStartRow * kRowStride + t] + w.scores[t] : kNone;
  }
  for (std::size_t i = 1; i < n; ++i) {
    const std::int64_t* emit = w.scores.data() + i * kRowStride;
    std::uint8_t* back = w.back.data() + i * kRowStride;
    for (std::size_t t = 0; t < kTagCount; ++t) {
      std::int64_t best = kNone;
      std::uint8_t arg = 0;
      for (std::size_t q = 0; q < kTagCount; ++q) {
        if (!allowed(q, t) || delta[q] == kNone) continue;
        const std::int64_t v = delta[q] + transitions[q * kRowStride + t];
        if (v > best) {
          best = v;
          arg = static_cast<std::uint8_t>(q);
        }
      }
      next[t] = best == kNone ? kNone : best + emit[t];
      back[t] = arg;
    }
    delta = next;
  }
  std::size_t tag = static_cast<std::size_t>(std::max_element(delta.begin(), delta.end()) - delta.begin());
  for (std::size_t i = n; i-- > 0;) {
    w.tags[i] = static_cast<std::uint8_t>(tag);
    if (i > 0) tag = w.back[i * kRowStride + tag];
  }
}

// Spans of a BIO tag sequence (begin/end only).
std::vector<TaggedSpan> spans_of(const std::vector<std::uint8_t>& tags) {
  std::vector<TaggedSpan> spans;
  for (std::size_t i = 0; i < tags.size();) {
    if (tags[i] == kOutside || is_inside(tags[i])) {
      ++i;
      continue;
    }
    std::size_t e = i + 1;
    while (e < tags.size() && tags[e] == tags[i] + 1) ++e;
    TaggedSpan span;
    span.type = type_of(tags[i]);
    span.begin = span.orig_begin = i;
    span.end = span.orig_end = e;
    spans.push_back(span);
    i = e;
  }
  return spans;
}

// BIO tags of |sentence|; a span overlapping an earlier one is dropped.
std::vector<std::uint8_t> gold_tags(const TrainingSentence& sentence) {
  std::vector<std::uint8_t> tags(sentence.text.size(), kOutside);
  for (const auto& s : sentence.spans) {
    if (s.begin >= s.end || s.end > tags.size()) continue;
    if (std::any_of(tags.begin() + s.begin, tags.begin() + s.end,
                    [](std::uint8_t t) { return t != kOutside; })) {
      continue;
    }
    const std::uint8_t b = begin_tag(s.type);
    tags[s.begin] = b;
    std::fill(tags.begin() + s.begin + 1, tags.begin() + s.end, b + 1);
  }
  return tags;
}

Workspace& thread_workspace() {
  thread_local Workspace workspace;
  return workspace;
}

// ---------------------------------------------------------------------------
// CLUENER

// "SOURCE:LINE: what".
[[noreturn]] void fail(std::string_view source, std::size_t line, const std::string& what) {
  throw InputError(std::string(source) + ":" + std::to_string(line) + ": " + what, line);
}

// The mention type of a CLUENER label; false for labels this project ignores.
bool cluener_type(const std::string& label, MentionType* type) {
  if (label == "name") {
    *type = MentionType::person;
  } else if (label == "position") {
    *type = MentionType::title;
  } else if (label == "organization" || label == "government" || label == "company") {
    *type = MentionType::organization;
  } else {
    return false;
  }
  return true;
}

// One CLUENER sentence: its UTF-8 text and its spans in original code points.
struct CluenerSentence {
  std::string text;
  std::u32string original;
  std::vector<TaggedSpan> spans;  // orig_begin/orig_end set, begin/end unset
  std::size_t line = 0;
};

// Calls f(sentence) for the non-blank lines after the first |first|, at most |limit|.
template <class F>
void read_cluener(std::istream& in, std::string_view source, std::size_t first, std::size_t limit,
                  F&& f) {
  std::string line;
  std::size_t number = 0;
  std::size_t records = 0;
  std::size_t taken = 0;
  while (taken < limit && std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (records++ < first) continue;
    ++taken;

    json record;
    try {
      record = json::parse(line);
    } catch (const json::parse_error& e) {
      fail(source, number, "invalid JSON at byte " + std::to_string(e.byte));
    }
    if (!record.is_object()) fail(source, number, "a CLUENER line must be a JSON object");
    const auto text = record.find("text");
    if (text == record.end() || !text->is_string()) fail(source, number, "no \"text\" string");
    CluenerSentence sentence;
    sentence.line = number;
    sentence.text = text->get<std::string>();
    try {
      sentence.original = decode_utf8(sentence.text);
    } catch (const InputError& e) {
      fail(source, number, std::string("\"text\": ") + e.what());
    }
    const auto label = record.find("label");
    if (label != record.end() && !label->is_null()) {
      if (!label->is_object()) fail(source, number, "\"label\" must be an object");
      for (const auto& [kind, entities] : label->items()) {
        MentionType type;
        if (!cluener_type(kind, &type)) continue;
        if (!entities.is_object()) fail(source, number, "label \"" + kind + "\" must be an object");
        for (const auto& [name, list] : entities.items()) {
          if (!list.is_array()) fail(source, number, "spans of \"" + name + "\" must be an array");
          for (const auto& span : list) {
            if (!span.is_array() || span.size() != 2 || !span[0].is_number_unsigned() ||
                !span[1].is_number_unsigned()) {
              fail(source, number, "a span of \"" + name + "\" is not [start, end]");
            }
            const auto b = span[0].get<std::size_t>();
            const auto last = span[1].get<std::size_t>();
            if (b > last || last >= sentence.original.size()) {
              fail(source, number, "span of \"" + name + "\" lies outside the text");
            }
            TaggedSpan s;
            s.type = type;
            s.orig_begin = b;
            s.orig_end = last + 1;
            sentence.spans.push_back(s);
          }
        }
      }
    }
    std::sort(sentence.spans.begin(), sentence.spans.end(),
              [](const TaggedSpan& a, const TaggedSpan& b) {
                return std::tie(a.orig_begin, a.orig_end) < std::tie(b.orig_begin, b.orig_end);
              });
    f(sentence);
  }
  if (in.bad()) fail(source, number, "cannot read the input");
}

// CLUENER examples kept per list, as evaluate_cluener keeps them.
constexpr std::size_t kMaxExamples = 200;

}  // namespace

// ---------------------------------------------------------------------------
// Tagger

const Tagger& Tagger::builtin() {
  static const Tagger tagger = from_bytes(
      std::string_view(reinterpret_cast<const char*>(guanxi_tagger_model_begin),
                       static_cast<std::size_t>(guanxi_tagger_model_end - guanxi_tagger_model_begin)),
      "built-in model (lib/data/tagger.model)");
  return tagger;
}

Tagger Tagger::load(std::istream& in, std::string_view source) {
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  if (in.bad()) throw InputError(std::string(source) + ": cannot read the model");
  return from_bytes(bytes, source);
}

Tagger Tagger::from_bytes(std::string_view bytes, std::string_view source) {
  auto bad = [&](const std::string& what) -> InputError {
    return InputError(std::string(source) + ": " + what);
  };
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < kHeaderBytes || std::memcmp(p, kMagic, sizeof kMagic) != 0) {
    throw bad("not a guanxi tagger model (no GXTAGGER header)");
  }
  if (get_u32(p + 8) != kFormatVersion) {
    throw bad("model format version " + std::to_string(get_u32(p + 8)) + ", this guanxi reads " +
              std::to_string(kFormatVersion));
  }
  if (get_u32(p + 12) != kFeatureVersion) {
    throw bad("model trained on feature set " + std::to_string(get_u32(p + 12)) +
              ", this guanxi computes feature set " + std::to_string(kFeatureVersion) +
              "; retrain it with 'guanxi train'");
  }
  const std::uint32_t bits = get_u32(p + 16);
  if (bits < kMinHashBits || bits > kMaxHashBits) {
    throw bad("hash bits " + std::to_string(bits) + " out of range");
  }
  if (get_u32(p + 20) != kTagCount) {
    throw bad("model has " + std::to_string(get_u32(p + 20)) + " tags, expected " +
              std::to_string(kTagCount));
  }
  const std::size_t rows = std::size_t{1} << bits;
  const std::size_t expected =
      kHeaderBytes + 2 * (kTransitionCount + rows * kTagCount) + kChecksumBytes;
  if (bytes.size() != expected) {
    throw bad((bytes.size() < expected ? "truncated model: " : "model too long: ") +
              std::to_string(bytes.size()) + " bytes, expected " + std::to_string(expected));
  }
  std::uint64_t stored = 0;
  for (std::size_t i = 0; i < kChecksumBytes; ++i) {
    stored |= static_cast<std::uint64_t>(p[expected - kChecksumBytes + i]) << (8 * i);
  }
  if (stored != fnv1a_bytes(bytes.substr(0, expected - kChecksumBytes))) {
    throw bad("model checksum mismatch (the file is damaged)");
  }

  Tagger tagger;
  tagger.hash_bits_ = bits;
  const std::uint32_t scale_bits = get_u32(p + 24);
  std::memcpy(&tagger.scale_, &scale_bits, sizeof tagger.scale_);
  const unsigned char* q = p + kHeaderBytes;
  tagger.transitions_.assign((kTagCount + 1) * kRowStride, 0);
  for (std::size_t from = 0; from <= kTagCount; ++from) {
    for (std::size_t to = 0; to < kTagCount; ++to, q += 2) {
      tagger.transitions_[from * kRowStride + to] = get_i16(q);
    }
  }
  tagger.weights_.assign(rows * kRowStride, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t t = 0; t < kTagCount; ++t, q += 2) {
      tagger.weights_[r * kRowStride + t] = get_i16(q);
    }
  }
  return tagger;
}

void Tagger::save(std::ostream& out) const {
  std::string bytes(kMagic, sizeof kMagic);
  put_u32(bytes, kFormatVersion);
  put_u32(bytes, kFeatureVersion);
  put_u32(bytes, hash_bits_);
  put_u32(bytes, kTagCount);
  std::uint32_t scale_bits;
  std::memcpy(&scale_bits, &scale_, sizeof scale_bits);
  put_u32(bytes, scale_bits);
  put_u32(bytes, 0);  // reserved
  for (std::size_t from = 0; from <= kTagCount; ++from) {
    for (std::size_t to = 0; to < kTagCount; ++to) {
      put_i16(bytes, static_cast<std::int16_t>(transitions_[from * kRowStride + to]));
    }
  }
  const std::size_t rows = std::size_t{1} << hash_bits_;
  bytes.reserve(bytes.size() + rows * kTagCount * 2 + kChecksumBytes);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t t = 0; t < kTagCount; ++t) put_i16(bytes, weights_[r * kRowStride + t]);
  }
  const std::uint64_t checksum = fnv1a_bytes(bytes);
  for (std::size_t i = 0; i < kChecksumBytes; ++i) {
    bytes.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFF));
  }
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<TaggedSpan> Tagger::tag(std::u32string_view normalised, const Lexicon& lexicon) const {
  Workspace& w = thread_workspace();
  const std::size_t n = normalised.size();
  w.prepare(normalised, lexicon);
  w.scores.resize(n * kRowStride);
  const unsigned shift = 64 - hash_bits_;
  const std::int16_t* weights = weights_.data();
  for (std::size_t i = 0; i < n; ++i) {
    std::array<std::int32_t, kRowStride> sum{};
    for_each_feature(w, kPad + i, shift, [&](std::uint32_t bucket) {
      const std::int16_t* row = weights + std::size_t{bucket} * kRowStride;
      for (std::size_t t = 0; t < kRowStride; ++t) sum[t] += row[t];
    });
    std::copy(sum.begin(), sum.end(), w.scores.begin() + static_cast<std::ptrdiff_t>(i * kRowStride));
  }
  viterbi(w, n, transitions_.data());
  return spans_of(w.tags);
}

std::vector<TaggedSpan> Tagger::tag(const NormalizedText& text, const Lexicon& lexicon) const {
  std::vector<TaggedSpan> spans = tag(std::u32string_view(text.text), lexicon);
  for (auto& s : spans) {
    s.orig_begin = text.orig_begin(s.begin);
    // The end of the last character, not the start of what follows it: that
    // keeps code points dropped after the span (a joined line break) outside.
    s.orig_end = text.to_orig[s.end - 1] + 1;
  }
  return spans;
}

// ---------------------------------------------------------------------------
// Training

Tagger train(const std::vector<TrainingSentence>& sentences, const Lexicon& lexicon,
             const TrainOptions& options, std::ostream* progress) {
  if (options.hash_bits < Tagger::kMinHashBits || options.hash_bits > Tagger::kMaxHashBits) {
    throw Error("hash bits must lie in " + std::to_string(Tagger::kMinHashBits) + ".." +
                std::to_string(Tagger::kMaxHashBits));
  }
  const std::size_t rows = std::size_t{1} << options.hash_bits;
  const unsigned shift = 64 - options.hash_bits;

  // Features do not depend on the weights: computed once per sentence.
  struct Example {
    std::vector<std::uint32_t> features;  // buckets of every position, in order
    std::vector<std::uint32_t> offsets;   // n + 1 starts into |features|
    std::vector<std::uint8_t> gold;
  };
  std::vector<Example> examples(sentences.size());
  Workspace w;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const std::u32string& text = sentences[s].text;
    Example& ex = examples[s];
    w.prepare(text, lexicon);
    ex.offsets.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      for_each_feature(w, kPad + i, shift, [&](std::uint32_t b) { ex.features.push_back(b); });
      ex.offsets.push_back(static_cast<std::uint32_t>(ex.features.size()));
    }
    ex.gold = gold_tags(sentences[s]);
  }

  // Averaged perceptron: |weights| are the current weights, |sums| collect
  // update * time, and the average is weights - sums / time.
  std::vector<std::int32_t> weights(rows * kRowStride, 0);
  std::vector<std::int64_t> sums(rows * kRowStride, 0);
  std::vector<std::int64_t> transitions((kTagCount + 1) * kRowStride, 0);
  std::vector<std::int64_t> transition_sums((kTagCount + 1) * kRowStride, 0);
  std::int64_t time = 1;

  auto update = [&](const Example& ex, std::size_t i, std::size_t tag, std::int32_t delta) {
    for (std::uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
      const std::size_t at = std::size_t{ex.features[k]} * kRowStride + tag;
      weights[at] += delta;
      sums[at] += delta * time;
    }
  };
  auto update_transition = [&](std::size_t from, std::size_t to, std::int32_t delta) {
    transitions[from * kRowStride + to] += delta;
    transition_sums[from * kRowStride + to] += delta * time;
  };

  std::vector<std::size_t> order(sentences.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  for (std::size_t epoch = 0; epoch < options.epochs; ++epoch) {
    const auto started = std::chrono::steady_clock::now();
    // Fisher-Yates with mt19937_64 (whose output the standard fixes), so the
    // order is the same on every platform.
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    std::size_t wrong_sentences = 0;
    std::size_t wrong_tags = 0;
    std::size_t total_tags = 0;
    for (std::size_t s : order) {
      const Example& ex = examples[s];
      const std::size_t n = ex.gold.size();
      w.scores.assign(n * kRowStride, 0);
      for (std::size_t i = 0; i < n; ++i) {
        std::int64_t* score = w.scores.data() + i * kRowStride;
        for (std::uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
          const std::int32_t* row = weights.data() + std::size_t{ex.features[k]} * kRowStride;
          for (std::size_t t = 0; t < kRowStride; ++t) score[t] += row[t];
        }
      }
      viterbi(w, n, transitions.data());
      total_tags += n;
      bool wrong = false;
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t gold = ex.gold[i];
        const std::size_t guess = w.tags[i];
        const std::size_t gold_before = i == 0 ? kStartRow : ex.gold[i - 1];
        const std::size_t guess_before = i == 0 ? kStartRow : w.tags[i - 1];
        if (gold != guess) {
          wrong = true;
          ++wrong_tags;
          update(ex, i, gold, 1);
          update(ex, i, guess, -1);
        }
        if (gold != guess || gold_before != guess_before) {
          update_transition(gold_before, gold, 1);
          update_transition(guess_before, guess, -1);
        }
      }
      wrong_sentences += wrong ? 1 : 0;
      ++time;
    }
    if (progress != nullptr) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      *progress << "epoch " << epoch + 1 << "/" << options.epochs << ": " << wrong_sentences
                << " of " << sentences.size() << " sentences and " << wrong_tags << " of "
                << total_tags << " tags wrong, " << std::fixed << std::setprecision(1) << seconds
                << " s\n"
                << std::defaultfloat << std::flush;
    }
  }

  // Average, then quantise to int16 with one scale for all weights.
  auto average = [&](std::int64_t weight, std::int64_t sum) {
    return static_cast<double>(weight) - static_cast<double>(sum) / static_cast<double>(time);
  };
  double largest = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    largest = std::max(largest, std::abs(average(weights[i], sums[i])));
  }
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    largest = std::max(largest, std::abs(average(transitions[i], transition_sums[i])));
  }
  const double scale = largest > 0 ? largest / 32767.0 : 1.0;
  auto quantise = [&](double v) {
    return static_cast<std::int16_t>(std::clamp(std::lround(v / scale), -32767L, 32767L));
  };
  Tagger tagger;
  tagger.hash_bits_ = options.hash_bits;
  tagger.scale_ = static_cast<float>(scale);
  tagger.weights_.assign(rows * kRowStride, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t t = 0; t < kTagCount; ++t) {
      const std::size_t i = r * kRowStride + t;
      tagger.weights_[i] = quantise(average(weights[i], sums[i]));
    }
  }
  tagger.transitions_.assign(transitions.size(), 0);
  for (std::size_t from = 0; from <= kTagCount; ++from) {
    for (std::size_t to = 0; to < kTagCount; ++to) {
      const std::size_t i = from * kRowStride + to;
      tagger.transitions_[i] = quantise(average(transitions[i], transition_sums[i]));
    }
  }
  return tagger;
}

Tagger train_cluener(std::istream& jsonl, std::string_view source, const Lexicon& lexicon,
                     const TrainOptions& options, std::ostream* progress) {
  std::vector<TrainingSentence> sentences;
  read_cluener(jsonl, source, options.first, options.limit, [&](const CluenerSentence& c) {
    const NormalizedText norm = normalize(c.original);
    // Original -> normalised: a dropped code point maps to the next kept one.
    constexpr std::size_t kUnset = static_cast<std::size_t>(-1);
    std::vector<std::size_t> to_norm(c.original.size() + 1, kUnset);
    for (std::size_t k = 0; k < norm.text.size(); ++k) to_norm[norm.to_orig[k]] = k;
    to_norm[c.original.size()] = norm.text.size();
    for (std::size_t o = c.original.size(); o-- > 0;) {
      if (to_norm[o] == kUnset) to_norm[o] = to_norm[o + 1];
    }
    TrainingSentence sentence;
    sentence.text = norm.text;
    for (TaggedSpan s : c.spans) {
      s.begin = to_norm[s.orig_begin];
      s.end = to_norm[s.orig_end];
      if (s.begin < s.end) sentence.spans.push_back(s);
    }
    sentences.push_back(std::move(sentence));
  });
  if (progress != nullptr) *progress << "training on " << sentences.size() << " sentences\n";
  return train(sentences, lexicon, options, progress);
}

EvalReport evaluate_tagger_cluener(const Tagger& tagger, std::istream& jsonl,
                                   std::string_view source, const Lexicon& lexicon,
                                   const CluenerOptions& options) {
  const char* const kCategories[] = {"person", "title", "organization", "all"};
  EvalReport report;
  for (const char* name : kCategories) {
    Score score;
    score.category = name;
    report.scores.push_back(std::move(score));
  }
  auto score_of = [&](MentionType type) -> Score& {
    return report.scores[type == MentionType::person ? 0 : type == MentionType::title ? 1 : 2];
  };
  using Key = std::tuple<int, std::size_t, std::size_t>;
  auto describe = [](const Key& key, const CluenerSentence& c) {
    const auto& [type, b, e] = key;
    return std::string(to_string(static_cast<MentionType>(type))) + " " +
           encode_utf8(std::u32string_view(c.original).substr(b, e - b)) + " [" +
           std::to_string(b) + "," + std::to_string(e) + ") in: " + c.text;
  };
  read_cluener(jsonl, source, options.first, options.limit, [&](const CluenerSentence& c) {
    std::set<Key> gold;
    for (const auto& s : c.spans) gold.emplace(static_cast<int>(s.type), s.orig_begin, s.orig_end);
    std::set<Key> found;
    for (const auto& s : tagger.tag(normalize(c.original), lexicon)) {
      found.emplace(static_cast<int>(s.type), s.orig_begin, s.orig_end);
    }
    for (const Key& key : found) {
      Score& score = score_of(static_cast<MentionType>(std::get<0>(key)));
      if (gold.count(key) > 0) {
        ++score.true_positives;
        ++report.scores.back().true_positives;
      } else {
        ++score.false_positives;
        ++report.scores.back().false_positives;
        if (score.spurious.size() < kMaxExamples) score.spurious.push_back(describe(key, c));
      }
    }
    for (const Key& key : gold) {
      if (found.count(key) > 0) continue;
      Score& score = score_of(static_cast<MentionType>(std::get<0>(key)));
      ++score.false_negatives;
      ++report.scores.back().false_negatives;
      if (score.missed.size() < kMaxExamples) score.missed.push_back(describe(key, c));
    }
  });
  return report;
}

}  // namespace guanxi
