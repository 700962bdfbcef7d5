// The statistical tagger: features, Viterbi decoding, perceptron training, the
// model file and CLUENER reading.
//
// One pass over a text fills a Workspace: folded characters, character
// classes and the lexicon classes of the words starting and ending at each
// position, padded by kPad on both sides so that windows need no bounds
// checks. Features are hashed straight from those arrays into bucket numbers;
// a bucket's weights are one row of 16 int8 (each tag's weight less O's: it
// never straddles two cache lines, as 17 would), so scoring a position is a
// handful of row loads and SIMD adds, and tagging allocates nothing once the
// thread's Workspace has grown.
#include "guanxi/tagger.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <functional>
#include <iomanip>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <tuple>

#include "guanxi/error.hpp"
#include "guanxi/lexical_net.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

// The bytes of lib/data/tagger.model and of the word list, assembled into the
// library (lib/CMakeLists.txt).
extern "C" {
extern const unsigned char guanxi_tagger_model_begin[];
extern const unsigned char guanxi_tagger_model_end[];
extern const unsigned char guanxi_word_list_begin[];
extern const unsigned char guanxi_word_list_end[];
extern const unsigned char guanxi_tagger_accurate_model_begin[];
extern const unsigned char guanxi_tagger_accurate_model_end[];
}

namespace guanxi {
namespace {

using json = nlohmann::json;

// Fills |table| with |size| copies of |value|, asking first (on Linux) that
// the whole 2 MiB pages inside it be huge pages: the tagger's tables are read
// at random, and with 4 KiB pages most reads would also miss the TLB.
// Tables under 1 MiB are left as they are. (The room reserved past the end,
// up to 2 MiB, lets the last huge page cover the table's end.)
template <typename T>
void assign_huge(std::vector<T>& table, std::size_t size, T value) {
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  table.clear();
  table.shrink_to_fit();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (size * sizeof(T) >= kHuge / 2) {
    table.reserve(size + kHuge / sizeof(T));
    const auto begin = reinterpret_cast<std::uintptr_t>(table.data());
    const std::uintptr_t first = (begin + kHuge - 1) & ~std::uintptr_t{kHuge - 1};
    const std::uintptr_t last = (begin + size * sizeof(T) + kHuge - 1) & ~std::uintptr_t{kHuge - 1};
    if (first < last) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
#endif
  table.assign(size, value);
}

// ---------------------------------------------------------------------------
// Tags

// Tag 0 is O; then each span type has four tags, B I E S, in this order.
// Span types 0..2 are person, title, organization; 3 is "other".
constexpr std::size_t kSpanTypes = 4;
constexpr std::size_t kReportedTypes = 3;
constexpr std::size_t kOtherType = 3;
constexpr std::size_t kParts = 4;
constexpr std::size_t kTagCount = 1 + kSpanTypes * kParts;   // 17
constexpr std::size_t kRowStride = (kTagCount + 7) / 8 * 8;  // 24 weights per bucket in memory
constexpr std::size_t kStartRow = kTagCount;  // transitions row of "before the first tag"
constexpr std::uint8_t kOutside = 0;
// A transition score no path takes; small enough that Viterbi's packed
// candidates (score * 32 + tag) stay within int32.
constexpr std::int32_t kForbidden = -(std::int32_t{1} << 24);

enum Part : std::size_t { kBegin = 0, kInside = 1, kEnd = 2, kSingle = 3 };

std::size_t part_of(std::size_t tag) { return (tag - 1) % kParts; }
std::size_t span_type_of(std::size_t tag) { return (tag - 1) / kParts; }
std::uint8_t make_tag(std::size_t span_type, Part part) {
  return static_cast<std::uint8_t>(1 + span_type * kParts + part);
}
std::size_t span_type_index(MentionType type) {
  switch (type) {
    case MentionType::person:
      return 0;
    case MentionType::title:
      return 1;
    default:
      return 2;
  }
}
MentionType mention_type(std::size_t span_type) {
  static constexpr MentionType kTypes[] = {MentionType::person, MentionType::title,
                                           MentionType::organization};
  return kTypes[span_type];
}
// I and E continue a span begun before them.
bool continues(std::size_t tag) {
  return tag != kOutside && (part_of(tag) == kInside || part_of(tag) == kEnd);
}
// After B and I the span is still open.
bool open_after(std::size_t tag) {
  return tag != kOutside && (part_of(tag) == kBegin || part_of(tag) == kInside);
}
// Whether |tag| may follow |previous| (kStartRow at the first position).
bool allowed(std::size_t previous, std::size_t tag) {
  const bool previous_open = previous != kStartRow && open_after(previous);
  if (continues(tag)) return previous_open && span_type_of(previous) == span_type_of(tag);
  return !previous_open;
}

// ---------------------------------------------------------------------------
// Model file

constexpr char kMagic[8] = {'G', 'X', 'T', 'A', 'G', 'G', 'E', 'R'};
constexpr std::uint32_t kFormatVersion = 1;
// Bumped whenever the features or tags change: a model names the feature set
// it was trained with, and a guanxi computing another one refuses it.
constexpr std::uint32_t kFeatureVersion = 4;
// Set in the feature set field of a model that also reads the lexical
// network (lexical_net.hpp): an accurate model.
constexpr std::uint32_t kNetFeatures = 1U << 16;
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

// Feature weights are stored as int8 in -kMaxWeight..kMaxWeight.
constexpr long kMaxWeight = 127;

// The size of a model file with 2^|bits| rows.
std::size_t model_bytes(unsigned bits) {
  return kHeaderBytes + 2 * kTransitionCount + (std::size_t{1} << bits) * kTagCount +
         kChecksumBytes;
}

// Transitions as Viterbi reads them: (kTagCount + 1) rows of kRowStride, the
// forbidden pairs set to kForbidden. |at(from, to)| gives the learnt score.
template <class At>
std::vector<std::int32_t> transition_table(At&& at) {
  std::vector<std::int32_t> table((kTagCount + 1) * kRowStride, kForbidden);
  for (std::size_t from = 0; from <= kTagCount; ++from) {
    for (std::size_t to = 0; to < kTagCount; ++to) {
      if (allowed(from, to))
        table[from * kRowStride + to] = static_cast<std::int32_t>(at(from, to));
    }
  }
  return table;
}

// ---------------------------------------------------------------------------
// Characters

enum CharClass : std::uint8_t {
  kBoundary = 0,  // the padding before the first and after the last character
  kHan,
  kHanNumeral,  // 零一二...万
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
    switch (c) {  // the Han numerals: 零〇一二三四五六七八九十百千万亿两
                  // clang-format off
      case U'零': case U'〇': case U'一': case U'二': case U'三': case U'四':
      case U'五': case U'六': case U'七': case U'八': case U'九': case U'十':
      case U'百': case U'千': case U'万': case U'亿': case U'两':
        // clang-format on
        return kHanNumeral;
      default:
        return kHan;
    }
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
// Features

static_assert(static_cast<unsigned>(WordClass::kCount) <= 30, "bits 30 and 31 are the tagger's");
// The lexicon classes the features read: those up to classifier. Later
// classes serve the extractor only, so that adding one moves no feature.
constexpr WordClasses kTaggerClasses =
    (WordClasses{1} << (static_cast<unsigned>(WordClass::classifier) + 1)) - 1;
constexpr WordClasses kSurname = WordClasses{1} << static_cast<unsigned>(WordClass::surname);
// An extra mark: a two-character surname (欧阳) starts here.
constexpr WordClasses kCompoundSurname = WordClasses{1} << 30;

constexpr std::size_t kPad = 3;  // padding on each side of the Workspace arrays

// One text prepared for feature extraction, then its scores and tags. One
// per thread, reused between calls, so tagging allocates only as texts grow.
struct Workspace {
  std::vector<char32_t> chars;         // folded, kBefore/kAfter in the padding
  std::vector<std::uint8_t> classes;   // CharClass
  std::vector<WordClasses> starts;     // classes of the words starting here
  std::vector<WordClasses> ends;       // classes of the words ending here (last character)
  // The general word list (WordList): the longest word starting here and
  // ending here (lengths capped at 5, 0 for none), and whether a word runs
  // across this character (starts before it and ends after it).
  std::vector<std::uint8_t> word_starts;
  std::vector<std::uint8_t> word_ends;
  std::vector<std::uint8_t> inside_word;
  // The lexical network's readings (LexicalNet::Reading), for accurate
  // models only: its tag, and its person and organisation margin buckets + 1
  // (0 in the padding and when the model does not read the network).
  bool with_net = false;
  std::vector<LexicalNet::Reading> readings;
  std::vector<std::uint8_t> net_tag;
  std::vector<std::uint8_t> net_person;
  std::vector<std::uint8_t> net_org;
  std::vector<std::int32_t> scores;    // n x kRowStride emission scores
  std::vector<std::uint8_t> back;      // n x kRowStride Viterbi back pointers
  std::vector<std::uint8_t> tags;      // n
  std::vector<std::uint32_t> buckets;  // features of a block of positions

  // |net|: fill the lexical network's arrays too, from |given| (the
  // readings of |text|'s characters) or, when it is null, by running it.
  void prepare(std::u32string_view text, const Lexicon& lexicon, bool net,
               const LexicalNet::Reading* given = nullptr) {
    const std::size_t n = text.size();
    with_net = net;
    if (net) {
      if (given == nullptr) {
        LexicalNet::builtin().analyse(text, readings);
        given = readings.data();
      }
      net_tag.assign(n + 2 * kPad, 0);
      net_person.assign(n + 2 * kPad, 0);
      net_org.assign(n + 2 * kPad, 0);
      for (std::size_t i = 0; i < n; ++i) {
        net_tag[kPad + i] = static_cast<std::uint8_t>(given[i].tag + 1);
        net_person[kPad + i] = static_cast<std::uint8_t>(given[i].person + 1);
        net_org[kPad + i] = static_cast<std::uint8_t>(given[i].organization + 1);
      }
    }
    chars.assign(n + 2 * kPad, kBefore);
    std::fill(chars.begin() + kPad + n, chars.end(), kAfter);
    classes.assign(n + 2 * kPad, kBoundary);
    starts.assign(n + 2 * kPad, 0);
    ends.assign(n + 2 * kPad, 0);
    word_starts.assign(n + 2 * kPad, 0);
    word_ends.assign(n + 2 * kPad, 0);
    inside_word.assign(n + 2 * kPad, 0);
    const WordList& words = WordList::builtin();
    // Two passes: the word list's rows are asked for in the first, which
    // reads the characters and the lexicon, and read in the second, so that
    // their loads overlap with that work (also in short sentences).
    for (std::size_t i = 0; i < n; ++i) {
      words.prefetch(text, i);
      chars[kPad + i] = fold_char(text[i]);
      classes[kPad + i] = class_of(text[i]);
      lexicon.visit_at(text, i, [&](std::size_t len, WordClasses cls) {
        cls &= kTaggerClasses;
        if (cls == 0) return;
        if (len == 2 && (cls & kSurname) != 0) cls |= kCompoundSurname;
        starts[kPad + i] |= cls;
        ends[kPad + i + len - 1] |= cls;
      });
    }
    std::size_t covered_until = 0;  // a word found so far runs up to here (exclusive)
    for (std::size_t i = 0; i < n; ++i) {
      if (covered_until > i + 1) inside_word[kPad + i] = 1;
      words.visit_at(text, i, [&](std::size_t len) {
        const auto capped = static_cast<std::uint8_t>(std::min<std::size_t>(len, 5));
        word_starts[kPad + i] = capped;  // lengths come shortest first
        std::uint8_t& end = word_ends[kPad + i + len - 1];
        end = std::max(end, capped);
        covered_until = std::max(covered_until, i + len);
      });
    }
  }
};

Workspace& thread_workspace() {
  thread_local Workspace workspace;
  return workspace;
}

// More features than any position has: 12 fixed ones, a few conjunctions, 7
// on the surname and word list, and two per lexicon class starting or ending
// in the 5-character window.
constexpr std::size_t kMaxFeatures = 24 + 8 + 2 * 5 * (static_cast<std::size_t>(WordClass::kCount) + 1);

// Template numbers: the first value hashed into every feature.
enum Template : std::uint32_t {
  kBias = 1,
  kUnigram,       // character at offset d
  kBigram,        // characters at d, d+1
  kSkipBigram,    // characters at -1, +1
  kClasses,       // character classes at -2..+2
  kWordStart,     // a word of class b starts at offset d
  kWordEnd,       // a word of class b ends at offset d
  kJoin,          // classes ending just before, classes starting here
  kAfterSurname,  // the characters between a surname and here
  kSurnameShape,  // how far back a surname starts, with the classes here and after
  kSurnameNext,   // how far back a surname starts, the next character, whether a word ends here
  kWordHere,      // word list: longest word starting, ending here, inside a word
  kWordBefore,    // word list: longest word ending before, starting here
  kWordAfter,     // word list: longest word ending here, starting after
  kWordChar,      // kWordHere and the character
  kInsideWord,    // word list: inside a word at -1, 0, +1
  kNetTag,        // accurate models: the lexical network's tag at offset d
  kNetPerson,     // its person margin bucket at offset d
  kNetOrg,        // its organisation margin bucket here
  kNetPersonTag,  // its person margin bucket and tag here
};

std::uint32_t with_offset(Template t, int d) {
  return (static_cast<std::uint32_t>(t) << 8) | static_cast<std::uint32_t>(d + 8);
}

// FNV-1a over 32-bit values.
std::uint64_t mix(std::uint64_t h, std::uint32_t v) { return (h ^ v) * kFnvPrime; }

// Each mark bit as a number derived from its class name, so that features do
// not move when word classes are added or reordered: class_keys()[bit].
struct ClassKeys {
  std::array<std::uint32_t, 32> keys{};
  ClassKeys() {
    for (unsigned bit = 0; bit < 32; ++bit) {
      std::string_view name = "unused";
      if (bit < static_cast<unsigned>(WordClass::kCount)) {
        name = Lexicon::class_name(static_cast<WordClass>(bit));
      } else if ((WordClasses{1} << bit) == kCompoundSurname) {
        name = "compound_surname";
      }
      keys[bit] = static_cast<std::uint32_t>(fnv1a_bytes(name));
    }
  }
};
const std::array<std::uint32_t, 32>& class_keys() {
  static const ClassKeys keys;
  return keys.keys;
}

// The classes of |bits| folded into |h|, by name.
std::uint64_t mix_classes(std::uint64_t h, WordClasses bits,
                          const std::array<std::uint32_t, 32>& keys) {
  for (; bits != 0; bits &= bits - 1) h = mix(h, keys[__builtin_ctz(bits)]);
  return h;
}

// Calls sink(bucket) for every feature of padded position |p| of |w|. A
// bucket is the top 64 - |shift| bits of the feature's hash, mixed once more.
template <class Sink>
inline void for_each_feature(const Workspace& w, std::size_t p, unsigned shift, Sink&& sink) {
  auto emit = [shift, &sink](std::uint64_t h) {
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ULL;
    sink(static_cast<std::uint32_t>(h >> shift));
  };
  const char32_t* c = w.chars.data() + p;
  const std::uint8_t* k = w.classes.data() + p;
  const WordClasses* starts = w.starts.data() + p;
  const WordClasses* ends = w.ends.data() + p;

  emit(mix(kFnvOffset, kBias));
  for (int d = -2; d <= 2; ++d) emit(mix(mix(kFnvOffset, with_offset(kUnigram, d)), c[d]));
  for (int d = -2; d <= 1; ++d) {
    emit(mix(mix(mix(kFnvOffset, with_offset(kBigram, d)), c[d]), c[d + 1]));
  }
  emit(mix(mix(mix(kFnvOffset, kSkipBigram), c[-1]), c[1]));
  const std::uint32_t shape = k[-2] | (k[-1] << 4) | (k[0] << 8) | (k[1] << 12) | (k[2] << 16);
  emit(mix(mix(kFnvOffset, kClasses), shape));

  const auto& keys = class_keys();
  for (int d = -2; d <= 2; ++d) {
    for (WordClasses bits = starts[d]; bits != 0; bits &= bits - 1) {
      emit(mix(mix(kFnvOffset, with_offset(kWordStart, d)), keys[__builtin_ctz(bits)]));
    }
    for (WordClasses bits = ends[d]; bits != 0; bits &= bits - 1) {
      emit(mix(mix(kFnvOffset, with_offset(kWordEnd, d)), keys[__builtin_ctz(bits)]));
    }
  }
  if ((ends[-1] | starts[0]) != 0) {
    emit(mix_classes(mix(mix_classes(mix(kFnvOffset, kJoin), ends[-1], keys), kJoin), starts[0],
                     keys));
  }
  if (starts[0] & kSurname) emit(mix(mix(kFnvOffset, with_offset(kAfterSurname, 0)), c[1]));
  if (starts[-1] & kSurname) emit(mix(mix(kFnvOffset, with_offset(kAfterSurname, -1)), c[0]));
  if (starts[-2] & kSurname) {
    emit(mix(mix(mix(kFnvOffset, with_offset(kAfterSurname, -2)), c[-1]), c[0]));
  }
  for (std::uint32_t back = 0; back <= 3; ++back) {
    if ((starts[-static_cast<int>(back)] & kSurname) == 0) continue;
    emit(mix(mix(mix(mix(kFnvOffset, kSurnameShape), back), k[0]), k[1]));
    emit(mix(mix(mix(mix(kFnvOffset, kSurnameNext), back), c[1]), ends[0] != 0));
    break;
  }
  const std::uint8_t* ws = w.word_starts.data() + p;
  const std::uint8_t* we = w.word_ends.data() + p;
  const std::uint8_t* in = w.inside_word.data() + p;
  const std::uint64_t here = mix(mix(mix(kFnvOffset, kWordHere), ws[0]), (we[0] << 1) | in[0]);
  emit(here);
  emit(mix(mix(mix(kFnvOffset, kWordBefore), we[-1]), ws[0]));
  emit(mix(mix(mix(kFnvOffset, kWordAfter), we[0]), ws[1]));
  emit(mix(mix(here, kWordChar), c[0]));
  emit(mix(mix(kFnvOffset, kInsideWord), in[-1] | (in[0] << 1) | (in[1] << 2)));
  if (!w.with_net) return;
  const std::uint8_t* tag = w.net_tag.data() + p;
  const std::uint8_t* person = w.net_person.data() + p;
  for (int d = -1; d <= 1; ++d) {
    emit(mix(mix(kFnvOffset, with_offset(kNetTag, d)), tag[d]));
    emit(mix(mix(kFnvOffset, with_offset(kNetPerson, d)), person[d]));
  }
  emit(mix(mix(kFnvOffset, kNetOrg), w.net_org[p]));
  emit(mix(mix(mix(kFnvOffset, kNetPersonTag), person[0]), tag[0]));
}

// Asks for the cache line at |p| ahead of its use.
inline void prefetch(const void* p) {
#if defined(__GNUC__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

// Packed rows (Tagger::rows_): row r holds, for tag t > 0, the difference
// weight(t) - weight(O) as int8 in slot t - 1; 16 bytes, one cache line. A
// row with a difference beyond -127..127 (none in a model of ordinary
// weights) has -128 in slot 0 and, in slots 4..7, the little-endian index of
// its int16 differences in wide_ (16 per row).
constexpr std::size_t kDiffs = kTagCount - 1;  // 16
constexpr std::int8_t kWideMark = -128;

// out[0..kTagCount) = the sums of the packed rows |buckets[0..count)|: the
// scores of the tags less that of O (out[0] = 0). Sums run in int16 with
// saturation (reached only by hundreds of features at the largest weights;
// a position has about 30).
void add_rows(const std::int8_t* rows, const std::int16_t* wide, const std::uint32_t* buckets,
              std::size_t count, std::int32_t* out) {
#if defined(__SSE2__)
  static_assert(kDiffs == 16, "a row is one vector of 16 int8");
  __m128i sum[2] = {};
  for (std::size_t f = 0; f < count; ++f) {
    const std::int8_t* row = rows + std::size_t{buckets[f]} * kDiffs;
    if (row[0] == kWideMark) {
      std::uint32_t index;
      std::memcpy(&index, row + 4, sizeof index);
      const std::int16_t* w = wide + std::size_t{index} * kDiffs;
      sum[0] = _mm_adds_epi16(sum[0], _mm_loadu_si128(reinterpret_cast<const __m128i*>(w)));
      sum[1] = _mm_adds_epi16(sum[1], _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + 8)));
      continue;
    }
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row));
    // Sign-extend int8 to int16: the byte into the high half, then shift down.
    sum[0] = _mm_adds_epi16(sum[0], _mm_srai_epi16(_mm_unpacklo_epi8(a, a), 8));
    sum[1] = _mm_adds_epi16(sum[1], _mm_srai_epi16(_mm_unpackhi_epi8(a, a), 8));
  }
  out[0] = 0;
  for (int k = 0; k < 2; ++k) {
    const __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(sum[k], sum[k]), 16);
    const __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(sum[k], sum[k]), 16);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 1 + 8 * k), lo);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 1 + 8 * k + 4), hi);
  }
#else
  std::array<std::int32_t, kDiffs> sum{};
  for (std::size_t f = 0; f < count; ++f) {
    const std::int8_t* row = rows + std::size_t{buckets[f]} * kDiffs;
    if (row[0] == kWideMark) {
      std::uint32_t index;
      std::memcpy(&index, row + 4, sizeof index);
      for (std::size_t t = 0; t < kDiffs; ++t) sum[t] += wide[std::size_t{index} * kDiffs + t];
    } else {
      for (std::size_t t = 0; t < kDiffs; ++t) sum[t] += row[t];
    }
  }
  out[0] = 0;
  for (std::size_t t = 0; t < kDiffs; ++t) out[1 + t] = std::clamp(sum[t], -32768, 32767);
#endif
}

// ---------------------------------------------------------------------------
// Viterbi

// The tags after which a span is closed (O, E, S), the only ones that O, B
// and S may follow; and those O, B and S themselves. I and E of a type
// follow only its B and I.
struct TagSets {
  static constexpr std::size_t kClosedCount = 1 + 2 * kSpanTypes;
  std::array<std::uint8_t, kClosedCount> closed{};
  std::array<std::uint8_t, kClosedCount> opening{};  // O, B, S
  TagSets() {
    std::size_t c = 0;
    std::size_t o = 0;
    for (std::size_t t = 0; t < kTagCount; ++t) {
      if (!open_after(t)) closed[c++] = static_cast<std::uint8_t>(t);
      if (!continues(t)) opening[o++] = static_cast<std::uint8_t>(t);
    }
  }
};

// Viterbi's maxima of int32 lanes take one instruction from SSE4.1 on, four
// in SSE2: with GCC on x86-64 Linux, it is compiled for AVX2, SSE4.1 and the
// baseline, and the loader picks the best the processor has (an ifunc).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define GUANXI_VECTOR_CLONES __attribute__((target_clones("avx2", "sse4.1", "default")))
#else
#define GUANXI_VECTOR_CLONES
#endif

// Fills w.tags with the best tag sequence for w.scores (n x kRowStride) under
// |transitions| (see transition_table). The last tag closes its span.
// Scores stay within int32: deltas are kept in [kForbidden, 0] and a
// transition or emission is far smaller than 2^26, so a candidate packed with
// its predecessor (score * 32 + tag) fits too, and one maximum without
// branches gives both.
GUANXI_VECTOR_CLONES void viterbi(Workspace& w, std::size_t n, const std::int32_t* transitions) {
  static const TagSets kSets;
  constexpr std::size_t kClosedCount = TagSets::kClosedCount;
  w.tags.assign(n, kOutside);
  if (n == 0) return;
  w.back.resize(n * kRowStride);
  // Transitions from the closed tags into the opening ones, packed with the
  // closed tag: into[k][j], the opening tags j in lanes of kLanes.
  constexpr std::size_t kLanes = 12;  // kClosedCount rounded up to whole vectors
  static_assert(kLanes >= kClosedCount && kLanes % 4 == 0, "opening tags fill whole vectors");
  using Lanes = std::array<std::int32_t, kLanes>;
  std::array<Lanes, kClosedCount> into;
  for (std::size_t k = 0; k < kClosedCount; ++k) {
    into[k].fill(kForbidden * 32);
    for (std::size_t j = 0; j < kClosedCount; ++j) {
      into[k][j] =
          transitions[kSets.closed[k] * kRowStride + kSets.opening[j]] * 32 + kSets.closed[k];
    }
  }
  std::array<std::int32_t, kTagCount> delta;
  for (std::size_t t = 0; t < kTagCount; ++t) {
    delta[t] = std::max(transitions[kStartRow * kRowStride + t] + w.scores[t], kForbidden);
  }
  for (std::size_t i = 1; i < n; ++i) {
    const std::int32_t* emit = w.scores.data() + i * kRowStride;
    std::uint8_t* back = w.back.data() + i * kRowStride;
    std::array<std::int32_t, kTagCount> next;
    // For every opening tag at once (the loop over lanes vectorises).
    Lanes best = into[0];
    const std::int32_t first = delta[kSets.closed[0]] * 32;
    for (std::size_t j = 0; j < kLanes; ++j) best[j] += first;
    for (std::size_t k = 1; k < kClosedCount; ++k) {
      const std::int32_t from = delta[kSets.closed[k]] * 32;
      for (std::size_t j = 0; j < kLanes; ++j) best[j] = std::max(best[j], from + into[k][j]);
    }
    for (std::size_t j = 0; j < kClosedCount; ++j) {
      const std::size_t t = kSets.opening[j];
      next[t] = (best[j] >> 5) + emit[t];
      back[t] = static_cast<std::uint8_t>(best[j] & 31);
    }
    for (std::size_t type = 0; type < kSpanTypes; ++type) {
      const std::size_t b = make_tag(type, kBegin);
      for (std::size_t t = b + 1; t <= b + 2; ++t) {  // I, E
        const std::int32_t from_b = (delta[b] + transitions[b * kRowStride + t]) * 32 + int(b);
        const std::int32_t from_i =
            (delta[b + 1] + transitions[(b + 1) * kRowStride + t]) * 32 + int(b + 1);
        const std::int32_t best = std::max(from_b, from_i);
        next[t] = (best >> 5) + emit[t];
        back[t] = static_cast<std::uint8_t>(best & 31);
      }
    }
    // Only differences matter: keep the numbers small.
    const std::int32_t top = *std::max_element(next.begin(), next.end());
    for (std::size_t t = 0; t < kTagCount; ++t) delta[t] = std::max(next[t] - top, kForbidden);
  }
  std::size_t tag = kOutside;
  for (std::size_t t = 1; t < kTagCount; ++t) {
    if (!open_after(t) && delta[t] > delta[tag]) tag = t;
  }
  for (std::size_t i = n; i-- > 0;) {
    w.tags[i] = static_cast<std::uint8_t>(tag);
    if (i > 0) tag = w.back[i * kRowStride + tag];
  }
}

// A person's name neither starts nor ends on punctuation or space: the B, E
// and S tags of person get no path there (gold_tags trims such spans). Nor
// does it run across an opening bracket: 萨罗维(Vasrov is a name and what the
// bracket adds, never one name, so I gets no path there either (gold_tags
// cuts such spans before the bracket).
bool name_edge_forbidden(CharClass k) { return k == kPunct || k == kSpace; }
bool opening_bracket(char32_t c) {
  constexpr std::u32string_view kOpening = U"([{（［｛【〔〖《〈「『";
  return kOpening.find(c) != std::u32string_view::npos;
}
void forbid_name_edges(Workspace& w, std::size_t n) {
  constexpr std::size_t kPerson = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!name_edge_forbidden(static_cast<CharClass>(w.classes[kPad + i]))) continue;
    std::int32_t* score = w.scores.data() + i * kRowStride;
    for (const Part part : {kBegin, kEnd, kSingle}) score[make_tag(kPerson, part)] = kForbidden;
    if (opening_bracket(w.chars[kPad + i])) score[make_tag(kPerson, kInside)] = kForbidden;
  }
}

// The reported spans of a tag sequence (begin/end, and orig_ equal to them).
std::vector<TaggedSpan> spans_of(const std::vector<std::uint8_t>& tags) {
  std::vector<TaggedSpan> spans;
  for (std::size_t i = 0; i < tags.size();) {
    if (tags[i] == kOutside || continues(tags[i])) {
      ++i;
      continue;
    }
    std::size_t e = i + 1;
    if (part_of(tags[i]) == kBegin) {
      while (e < tags.size() && continues(tags[e])) {
        if (part_of(tags[e++]) == kEnd) break;
      }
    }
    const std::size_t type = span_type_of(tags[i]);
    if (type < kReportedTypes) {
      TaggedSpan span;
      span.type = mention_type(type);
      span.begin = span.orig_begin = i;
      span.end = span.orig_end = e;
      spans.push_back(span);
    }
    i = e;
  }
  return spans;
}

// The gold tags of |sentence|. A person span loses the punctuation at its
// edges (（王小明） -> 王小明) and what follows an opening bracket in it
// (萨罗维(Vasrov) -> 萨罗维), which forbid_name_edges keeps out of names. A
// span overlapping an earlier one (or, for |others|, any reported span) is dropped.
std::vector<std::uint8_t> gold_tags(const TrainingSentence& sentence) {
  std::vector<std::uint8_t> tags(sentence.text.size(), kOutside);
  auto put = [&](std::size_t type, std::size_t b, std::size_t e) {
    if (b >= e || e > tags.size()) return;
    if (std::any_of(tags.begin() + b, tags.begin() + e,
                    [](std::uint8_t t) { return t != kOutside; })) {
      return;
    }
    if (e - b == 1) {
      tags[b] = make_tag(type, kSingle);
      return;
    }
    tags[b] = make_tag(type, kBegin);
    std::fill(tags.begin() + b + 1, tags.begin() + e - 1, make_tag(type, kInside));
    tags[e - 1] = make_tag(type, kEnd);
  };
  for (const auto& s : sentence.spans) {
    std::size_t b = s.begin;
    std::size_t e = std::min(s.end, sentence.text.size());
    if (s.type == MentionType::person) {
      while (b < e && name_edge_forbidden(class_of(sentence.text[b]))) ++b;
      for (std::size_t i = b; i < e; ++i) {
        if (opening_bracket(sentence.text[i])) e = i;
      }
      while (e > b && name_edge_forbidden(class_of(sentence.text[e - 1]))) --e;
    }
    put(span_type_index(s.type), b, e);
  }
  for (const auto& [b, e] : sentence.others) put(kOtherType, b, e);
  return tags;
}

// ---------------------------------------------------------------------------
// CLUENER

// "SOURCE:LINE: what".
[[noreturn]] void fail(std::string_view source, std::size_t line, const std::string& what) {
  throw InputError(std::string(source) + ":" + std::to_string(line) + ": " + what, line);
}

// The span type of a CLUENER label: name -> person, position -> title,
// organization/government/company -> organization, the rest -> other.
std::size_t cluener_type(const std::string& label) {
  if (label == "name") return 0;
  if (label == "position") return 1;
  if (label == "organization" || label == "government" || label == "company") return 2;
  return kOtherType;
}

// A CLUENER span in original code points, end exclusive.
struct CluenerSpan {
  std::size_t type;  // span type
  std::size_t begin;
  std::size_t end;
};

// One CLUENER sentence: its UTF-8 text, its code points and its spans.
struct CluenerSentence {
  std::string text;
  std::u32string original;
  std::vector<CluenerSpan> spans;
};

// Calls f(sentence) for the non-blank lines after the first |first|, at most |limit|.
void read_cluener(std::istream& in, std::string_view source, std::size_t first, std::size_t limit,
                  const std::function<void(const CluenerSentence&)>& f) {
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
      fail(source, number, "invalid JSON at byte " + std::to_string(e.byte) + " of the line");
    }
    if (!record.is_object()) fail(source, number, "a CLUENER line must be a JSON object");
    const auto text = record.find("text");
    if (text == record.end() || !text->is_string()) fail(source, number, "no \"text\" string");
    CluenerSentence sentence;
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
              fail(source, number, "a span of \"" + name + "\" lies outside the text");
            }
            sentence.spans.push_back({cluener_type(kind), b, last + 1});
          }
        }
      }
    }
    std::sort(sentence.spans.begin(), sentence.spans.end(),
              [](const CluenerSpan& a, const CluenerSpan& b) {
                return std::tie(a.begin, a.end, a.type) < std::tie(b.begin, b.end, b.type);
              });
    f(sentence);
  }
  if (in.bad()) fail(source, number, "cannot read the input");
}

// CLUENER examples kept per list, as evaluate_cluener keeps them.
constexpr std::size_t kMaxExamples = 200;

}  // namespace

// ---------------------------------------------------------------------------
// Word list

WordList::WordList(std::string_view words) : first_(kLastHan - kFirstHan + 1, 0) {
  // Decoded at once, then cut into lines (a byte-order mark starting a line is dropped).
  const std::u32string all = decode_utf8(words);
  std::vector<std::u32string_view> list;
  for (std::size_t pos = 0; pos < all.size();) {
    std::size_t nl = all.find(U'\n', pos);
    if (nl == std::u32string::npos) nl = all.size();
    std::u32string_view word(all.data() + pos, nl - pos);
    pos = nl + 1;
    if (!word.empty() && word.front() == 0xFEFF) word.remove_prefix(1);
    if (word.size() < 2 || word.size() > kMaxLength) continue;
    if (!std::all_of(word.begin(), word.end(), han)) continue;
    list.push_back(word);
  }
  // Distinct prefixes of each length, to size the tables at most half full.
  std::vector<std::uint32_t> pairs;
  std::vector<std::uint64_t> longer;
  for (std::u32string_view word : list) {
    pairs.push_back(pair_key(word[0], word[1]));
    std::uint64_t h = step(step(kSeed, word[0]), word[1]);
    for (std::size_t i = 2; i < word.size(); ++i) longer.push_back(h = step(h, word[i]));
  }
  auto distinct = [](auto& v) {
    std::sort(v.begin(), v.end());
    return static_cast<std::size_t>(std::unique(v.begin(), v.end()) - v.begin());
  };
  auto table_size = [](std::size_t entries) {
    std::size_t size = 1024;
    while (size < 2 * entries) size *= 2;
    return size;
  };
  assign_huge(pairs_, table_size(distinct(pairs)), std::uint32_t{0});
  pair_mask_ = pairs_.size() - 1;
  assign_huge(longer_, table_size(distinct(longer)), std::uint32_t{0});
  longer_mask_ = longer_.size() - 1;
  auto insert = [](std::vector<std::uint32_t>& table, std::size_t mask, std::size_t start,
                   std::uint32_t key, unsigned flags) {
    for (std::size_t i = start & mask;; i = (i + 1) & mask) {
      std::uint32_t& slot = table[i];
      if (slot == 0 || (slot & ~3U) == key) {
        slot = key | (slot & 3U) | flags;
        return;
      }
    }
  };
  for (std::u32string_view word : list) {
    first_[word[0] - kFirstHan] |= kPrefix;
    const std::uint32_t key = pair_key(word[0], word[1]);
    insert(pairs_, pair_mask_, pair_slot(key), key, word.size() == 2 ? kWord : kPrefix);
    std::uint64_t h = step(step(kSeed, word[0]), word[1]);
    for (std::size_t i = 2; i < word.size(); ++i) {
      h = step(h, word[i]);
      const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32) & ~3U;
      insert(longer_, longer_mask_, h, tag, i + 1 == word.size() ? kWord : kPrefix);
    }
  }
  size_ = list.size();
  const std::uint64_t sum = fnv1a_bytes(words);
  checksum_ = static_cast<std::uint32_t>(sum ^ (sum >> 32));
}

bool WordList::contains(std::u32string_view word) const {
  if (word.size() < 2 || word.size() > kMaxLength) return false;
  bool found = false;
  visit_at(word, 0, [&](std::size_t len) { found = len == word.size(); });
  return found;
}

bool WordList::splits(std::u32string_view text, std::size_t pos) const {
  const std::size_t first = pos >= kMaxLength ? pos - (kMaxLength - 1) : 0;
  for (std::size_t b = first; b < pos; ++b) {
    bool across = false;
    visit_at(text, b, [&](std::size_t len) { across = across || b + len > pos; });
    if (across) return true;
  }
  return false;
}

bool WordList::ends_at(std::u32string_view text, std::size_t pos) const {
  const std::size_t first = pos >= kMaxLength ? pos - kMaxLength : 0;
  for (std::size_t b = first; b + 1 < pos; ++b) {
    bool ends = false;
    visit_at(text, b, [&](std::size_t len) { ends = ends || b + len == pos; });
    if (ends) return true;
  }
  return false;
}

const WordList& WordList::builtin() {
  static const WordList words(std::string_view(
      reinterpret_cast<const char*>(guanxi_word_list_begin),
      static_cast<std::size_t>(guanxi_word_list_end - guanxi_word_list_begin)));
  return words;
}

// ---------------------------------------------------------------------------
// Tagger

namespace {

// What a model records of the tables its features read: the word list's
// checksum, and for an accurate model the lexical network's folded in.
std::uint32_t tables_checksum(bool net) {
  const std::uint32_t words = WordList::builtin().checksum();
  if (!net) return words;
  const std::uint32_t c = LexicalNet::builtin().checksum();
  return words ^ ((c << 1) | (c >> 31));
}

}  // namespace

const Tagger& Tagger::accurate() {
  static const Tagger tagger = from_bytes(
      std::string_view(reinterpret_cast<const char*>(guanxi_tagger_accurate_model_begin),
                       static_cast<std::size_t>(guanxi_tagger_accurate_model_end -
                                                guanxi_tagger_accurate_model_begin)),
      "built-in accurate model (lib/data/tagger_accurate.model)");
  return tagger;
}

const Tagger& Tagger::builtin() {
  static const Tagger tagger =
      from_bytes(std::string_view(
                     reinterpret_cast<const char*>(guanxi_tagger_model_begin),
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
  auto bad = [&](const std::string& what) { return InputError(std::string(source) + ": " + what); };
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < kHeaderBytes || std::memcmp(p, kMagic, sizeof kMagic) != 0) {
    throw bad("not a guanxi tagger model (no GXTAGGER header)");
  }
  if (get_u32(p + 8) != kFormatVersion) {
    throw bad("model format version " + std::to_string(get_u32(p + 8)) + ", this guanxi reads " +
              std::to_string(kFormatVersion));
  }
  const std::uint32_t features = get_u32(p + 12);
  const bool net = (features & kNetFeatures) != 0;
  if ((features & ~kNetFeatures) != kFeatureVersion) {
    throw bad("model made for feature set " + std::to_string(features & ~kNetFeatures) +
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
  const std::size_t expected = model_bytes(bits);
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

  const std::uint32_t words = get_u32(p + 28);
  if (words != tables_checksum(net)) {
    throw bad(std::string("model trained with another word list") +
              (net ? " or lexical network" : "") + " (checksum " + std::to_string(words) +
              ", this guanxi's is " + std::to_string(tables_checksum(net)) +
              "); retrain it with 'guanxi train'");
  }
  Tagger tagger;
  tagger.hash_bits_ = bits;
  tagger.uses_net_ = net;
  tagger.word_list_checksum_ = words;
  const std::uint32_t scale_bits = get_u32(p + 24);
  std::memcpy(&tagger.scale_, &scale_bits, sizeof tagger.scale_);
  const unsigned char* transitions = p + kHeaderBytes;
  tagger.transitions_ = transition_table([&](std::size_t from, std::size_t to) {
    return get_i16(transitions + 2 * (from * kTagCount + to));
  });
  tagger.pack(reinterpret_cast<const std::int8_t*>(transitions + 2 * kTransitionCount), rows);
  return tagger;
}

void Tagger::pack(const std::int8_t* weights, std::size_t rows) {
  outside_.assign(rows, 0);
  assign_huge(rows_, rows * kDiffs, std::int8_t{0});
  wide_.clear();
  for (std::size_t r = 0; r < rows; ++r) {
    const std::int8_t* w = weights + r * kTagCount;
    std::int8_t* row = rows_.data() + r * kDiffs;
    outside_[r] = w[0];
    bool narrow = true;
    for (std::size_t t = 0; t < kDiffs; ++t) {
      const int d = w[1 + t] - w[0];
      narrow = narrow && d >= -127 && d <= 127;
      row[t] = static_cast<std::int8_t>(d);
    }
    if (narrow) continue;
    const auto index = static_cast<std::uint32_t>(wide_.size() / kDiffs);
    for (std::size_t t = 0; t < kDiffs; ++t) {
      wide_.push_back(static_cast<std::int16_t>(w[1 + t] - w[0]));
    }
    std::fill(row, row + kDiffs, std::int8_t{0});
    row[0] = kWideMark;
    std::memcpy(row + 4, &index, sizeof index);
  }
  wide_.shrink_to_fit();
}

void Tagger::unpack(std::size_t r, std::int8_t* out) const {
  const std::int8_t* row = rows_.data() + r * kDiffs;
  std::uint32_t index = 0;
  if (row[0] == kWideMark) std::memcpy(&index, row + 4, sizeof index);
  out[0] = outside_[r];
  for (std::size_t t = 0; t < kDiffs; ++t) {
    const int d = row[0] == kWideMark ? wide_[std::size_t{index} * kDiffs + t] : row[t];
    out[1 + t] = static_cast<std::int8_t>(outside_[r] + d);
  }
}

void Tagger::save(std::ostream& out) const {
  const std::size_t rows = std::size_t{1} << hash_bits_;
  std::string bytes(kMagic, sizeof kMagic);
  bytes.reserve(model_bytes(hash_bits_));
  put_u32(bytes, kFormatVersion);
  put_u32(bytes, kFeatureVersion | (uses_net_ ? kNetFeatures : 0));
  put_u32(bytes, hash_bits_);
  put_u32(bytes, kTagCount);
  std::uint32_t scale_bits;
  std::memcpy(&scale_bits, &scale_, sizeof scale_bits);
  put_u32(bytes, scale_bits);
  put_u32(bytes, word_list_checksum_);
  for (std::size_t from = 0; from <= kTagCount; ++from) {
    for (std::size_t to = 0; to < kTagCount; ++to) {
      const std::int32_t v = transitions_[from * kRowStride + to];
      put_i16(bytes, static_cast<std::int16_t>(v == kForbidden ? 0 : v));
    }
  }
  std::array<std::int8_t, kTagCount> row;
  for (std::size_t r = 0; r < rows; ++r) {
    unpack(r, row.data());
    for (std::int8_t x : row) bytes.push_back(static_cast<char>(x));
  }
  const std::uint64_t checksum = fnv1a_bytes(bytes);
  for (std::size_t i = 0; i < kChecksumBytes; ++i) {
    bytes.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFF));
  }
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::vector<TaggedSpan>> Tagger::tag_each(
    std::u32string_view normalised, const std::vector<std::pair<std::size_t, std::size_t>>& spans,
    const Lexicon& lexicon) const {
  std::vector<std::vector<TaggedSpan>> out(spans.size());
  // The network's readings of every span at once (it runs them side by side).
  thread_local std::vector<LexicalNet::Reading> readings;
  if (uses_net_) LexicalNet::builtin().analyse_spans(normalised, spans, readings);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const auto [begin, end] = spans[i];
    if (end > begin) {
      out[i] = tag_with(normalised.substr(begin, end - begin), lexicon,
                        uses_net_ ? readings.data() + begin : nullptr);
    }
  }
  return out;
}

std::vector<TaggedSpan> Tagger::tag(std::u32string_view normalised, const Lexicon& lexicon) const {
  return tag_with(normalised, lexicon, nullptr);
}

std::vector<TaggedSpan> Tagger::tag_with(std::u32string_view normalised, const Lexicon& lexicon,
                                         const LexicalNet::Reading* readings) const {
  Workspace& w = thread_workspace();
  const std::size_t n = normalised.size();
  w.prepare(normalised, lexicon, uses_net_, readings);
  w.scores.resize(n * kRowStride);
  const unsigned shift = 64 - hash_bits_;
  const std::int8_t* rows = rows_.data();
  // In blocks of positions: first every bucket of the block, prefetching its
  // row, then the sums, so that the row loads overlap instead of waiting in turn.
  constexpr std::size_t kBlock = 8;
  w.buckets.resize(kBlock * kMaxFeatures);
  std::array<std::size_t, kBlock> counts;
  for (std::size_t block = 0; block < n; block += kBlock) {
    const std::size_t end = std::min(n, block + kBlock);
    for (std::size_t i = block; i < end; ++i) {
      std::uint32_t* buckets = w.buckets.data() + (i - block) * kMaxFeatures;
      std::size_t count = 0;
      for_each_feature(w, kPad + i, shift, [&](std::uint32_t bucket) {
        if (count < kMaxFeatures) buckets[count++] = bucket;
        prefetch(rows + std::size_t{bucket} * kDiffs);
      });
      counts[i - block] = count;
    }
    for (std::size_t i = block; i < end; ++i) {
      add_rows(rows, wide_.data(), w.buckets.data() + (i - block) * kMaxFeatures, counts[i - block],
               w.scores.data() + i * kRowStride);
    }
  }
  forbid_name_edges(w, n);
  viterbi(w, n, transitions_.data());
  return spans_of(w.tags);
}

std::vector<TaggedSpan> Tagger::tag(const NormalizedText& text, const Lexicon& lexicon) const {
  std::vector<TaggedSpan> spans = tag(std::u32string_view(text.text), lexicon);
  for (auto& s : spans) {
    s.orig_begin = text.orig_begin(s.begin);
    // Just after the span's last character: code points that normalisation
    // dropped after it (a joined line break) stay outside.
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
  const auto margin = static_cast<std::int32_t>(options.margin);

  // Features do not depend on the weights: computed once per sentence.
  struct Example {
    std::vector<std::uint32_t> features;  // buckets of every position, in order
    std::vector<std::uint32_t> offsets;   // n + 1 starts into |features|
    std::vector<std::uint8_t> gold;
    std::vector<std::uint8_t> classes;  // Workspace::classes and chars, for forbid_name_edges
    std::vector<char32_t> chars;
  };
  std::vector<Example> examples(sentences.size());
  Workspace w;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const std::u32string& text = sentences[s].text;
    Example& ex = examples[s];
    w.prepare(text, lexicon, options.lexical_net);
    ex.offsets.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      for_each_feature(w, kPad + i, shift, [&](std::uint32_t b) { ex.features.push_back(b); });
      ex.offsets.push_back(static_cast<std::uint32_t>(ex.features.size()));
    }
    ex.gold = gold_tags(sentences[s]);
    ex.classes.assign(w.classes.begin(), w.classes.end());
    ex.chars.assign(w.chars.begin(), w.chars.end());
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
    // Fisher-Yates with mt19937_64, whose output the standard fixes, so the
    // order (and the model) is the same on every platform.
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    std::size_t wrong_sentences = 0;
    std::size_t wrong_tags = 0;
    std::size_t total_tags = 0;
    for (std::size_t s : order) {
      const Example& ex = examples[s];
      const std::size_t n = ex.gold.size();
      w.classes = ex.classes;
      w.chars = ex.chars;
      w.scores.assign(n * kRowStride, 0);
      for (std::size_t i = 0; i < n; ++i) {
        std::int32_t* score = w.scores.data() + i * kRowStride;
        for (std::uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
          const std::int32_t* row = weights.data() + std::size_t{ex.features[k]} * kRowStride;
          for (std::size_t t = 0; t < kRowStride; ++t) score[t] += row[t];
        }
      }
      // Cost-augmented decoding: wrong tags get a head start of |margin|,
      // so the weights learn to beat them by at least that much.
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t t = 0; t < kTagCount; ++t) {
          if (t != ex.gold[i]) w.scores[i * kRowStride + t] += margin;
        }
      }
      const auto table = transition_table(
          [&](std::size_t from, std::size_t to) { return transitions[from * kRowStride + to]; });
      forbid_name_edges(w, n);
      viterbi(w, n, table.data());
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

  // Average, then quantise with one scale: feature weights to int8,
  // transitions (which may be larger) to int16.
  auto average = [&](std::int64_t weight, std::int64_t sum) {
    return static_cast<double>(weight) - static_cast<double>(sum) / static_cast<double>(time);
  };
  double largest = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    largest = std::max(largest, std::abs(average(weights[i], sums[i])));
  }
  const double scale = largest > 0 ? largest / kMaxWeight : 1.0;
  auto quantise = [&](double v, long limit) {
    return std::clamp(std::lround(v / scale), -limit, limit);
  };
  Tagger tagger;
  tagger.hash_bits_ = options.hash_bits;
  tagger.uses_net_ = options.lexical_net;
  tagger.word_list_checksum_ = tables_checksum(options.lexical_net);
  tagger.scale_ = static_cast<float>(scale);
  std::vector<std::int8_t> stored(rows * kTagCount);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t t = 0; t < kTagCount; ++t) {
      const std::size_t i = r * kRowStride + t;
      stored[r * kTagCount + t] =
          static_cast<std::int8_t>(quantise(average(weights[i], sums[i]), kMaxWeight));
    }
  }
  tagger.pack(stored.data(), rows);
  tagger.transitions_ = transition_table([&](std::size_t from, std::size_t to) {
    const std::size_t i = from * kRowStride + to;
    return quantise(average(transitions[i], transition_sums[i]), 32767);
  });
  return tagger;
}

Tagger train_cluener(std::istream& jsonl, std::string_view source, const Lexicon& lexicon,
                     const TrainOptions& options, std::ostream* progress) {
  std::vector<TrainingSentence> sentences;
  read_cluener(jsonl, source, options.first, options.limit, [&](const CluenerSentence& c) {
    const NormalizedText norm = normalize(c.original);
    // Original -> normalised offsets; a dropped code point maps to the next kept one.
    constexpr std::size_t kUnset = static_cast<std::size_t>(-1);
    std::vector<std::size_t> to_norm(c.original.size() + 1, kUnset);
    for (std::size_t k = 0; k < norm.text.size(); ++k) to_norm[norm.to_orig[k]] = k;
    to_norm[c.original.size()] = norm.text.size();
    for (std::size_t o = c.original.size(); o-- > 0;) {
      if (to_norm[o] == kUnset) to_norm[o] = to_norm[o + 1];
    }
    TrainingSentence sentence;
    sentence.text = norm.text;
    for (const CluenerSpan& s : c.spans) {
      const std::size_t b = to_norm[s.begin];
      const std::size_t e = to_norm[s.end];
      if (b >= e) continue;
      if (s.type == kOtherType) {
        sentence.others.emplace_back(b, e);
      } else {
        TaggedSpan span;
        span.type = mention_type(s.type);
        span.begin = b;
        span.end = e;
        sentence.spans.push_back(span);
      }
    }
    sentences.push_back(std::move(sentence));
  });
  if (progress != nullptr) *progress << "training on " << sentences.size() << " sentences\n";
  return train(sentences, lexicon, options, progress);
}

EvalReport evaluate_tagger_cluener(const Tagger& tagger, std::istream& jsonl,
                                   std::string_view source, const Lexicon& lexicon,
                                   const CluenerOptions& options) {
  EvalReport report;
  for (const char* name : {"person", "title", "organization", "all"}) {
    Score score;
    score.category = name;
    report.scores.push_back(std::move(score));
  }
  Score& all = report.scores.back();
  using Key = std::tuple<std::size_t, std::size_t, std::size_t>;  // span type, begin, end
  auto describe = [](const Key& key, const CluenerSentence& c) {
    const auto& [type, b, e] = key;
    return std::string(to_string(mention_type(type))) + " " +
           encode_utf8(std::u32string_view(c.original).substr(b, e - b)) + " [" +
           std::to_string(b) + "," + std::to_string(e) + ") in: " + c.text;
  };
  read_cluener(jsonl, source, options.first, options.limit, [&](const CluenerSentence& c) {
    std::set<Key> gold;
    for (const auto& s : c.spans) {
      if (s.type < kReportedTypes) gold.emplace(s.type, s.begin, s.end);
    }
    std::set<Key> found;
    for (const auto& s : tagger.tag(normalize(c.original), lexicon)) {
      found.emplace(span_type_index(s.type), s.orig_begin, s.orig_end);
    }
    for (const Key& key : found) {
      Score& score = report.scores[std::get<0>(key)];
      if (gold.count(key) > 0) {
        ++score.true_positives;
        ++all.true_positives;
      } else {
        ++score.false_positives;
        ++all.false_positives;
        if (score.spurious.size() < kMaxExamples) score.spurious.push_back(describe(key, c));
      }
    }
    for (const Key& key : gold) {
      if (found.count(key) > 0) continue;
      Score& score = report.scores[std::get<0>(key)];
      ++score.false_negatives;
      ++all.false_negatives;
      if (score.missed.size() < kMaxExamples) score.missed.push_back(describe(key, c));
    }
  });
  return report;
}

}  // namespace guanxi
