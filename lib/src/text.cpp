// Stage 1: UTF-8 decoding and normalisation with a normalised-to-original map.
//
// normalize() runs in two passes over code points:
//   1. fold: each original code point becomes zero or one normalised code point
//      (full-width ASCII, spaces, middle dots, Traditional -> Simplified, CR LF);
//   2. lines: stray quote lines are blanked and lines broken inside a sentence
//      are joined to the next non-blank line.
// Both passes only drop or replace code points, never reorder them, so to_orig
// is strictly increasing.
#include "guanxi/text.hpp"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

#include "guanxi/error.hpp"

namespace guanxi {
namespace {

// ---------------------------------------------------------------------------
// UTF-8

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr std::uint64_t kLowBits = 0x0101010101010101ULL;

// Whether one of the eight bytes of |word| is zero (the classic bit trick).
bool has_zero_byte(std::uint64_t word) { return ((word - kLowBits) & ~word & kHighBits) != 0; }

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::size_t kDetectSampleBytes = 64 * 1024;      // what the detector looks at
constexpr std::size_t kBinarySniffBytes = 8 * 1024;  // a NUL in these: binary, not an encoding

// 1 + the number of line feeds in |bytes| before |offset|.
std::size_t line_at(std::string_view bytes, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (bytes[i] == '\n') ++line;
  }
  return line;
}

[[noreturn]] void throw_nul(std::size_t offset, std::size_t line) {
  throw InputError("NUL character at byte " + std::to_string(offset) + " (line " +
                       std::to_string(line) + "); binary data, not text",
                   line, offset);
}

[[noreturn]] void throw_invalid(const std::string& encoding, std::size_t offset, std::size_t line) {
  throw InputError("invalid " + encoding + " at byte " + std::to_string(offset) + " (line " +
                       std::to_string(line) + ")",
                   line, offset);
}

// Throws the InputError for an invalid UTF-8 sequence starting at |offset|.
[[noreturn]] void throw_invalid_utf8(std::string_view bytes, std::size_t offset) {
  throw_invalid("UTF-8", offset, line_at(bytes, offset));
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

struct Problem {
  std::size_t offset = std::string_view::npos;  // npos: none
  bool nul = false;
};

// The first invalid sequence or NUL in |bytes| from |from| on.
Problem first_utf8_problem(std::string_view bytes, std::size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = from;
  while (i < n) {
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, sizeof word);
      if ((word & kHighBits) || has_zero_byte(word)) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] == 0) return {i, true};
    std::size_t bad;
    const std::size_t length = utf8_length_at(p, n, i, &bad);
    if (length == 0) return {i, false};
    i += length;
  }
  return {};
}

// UTF-8 with each invalid sequence (maximal subpart) and each NUL replaced by U+FFFD.
void repair_utf8(std::string_view bytes, std::size_t from, DecodedBytes& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  out.utf8.reserve(n - from);
  std::size_t i = from;
  while (i < n) {
    std::size_t bad;
    const std::size_t length = p[i] == 0 ? 0 : utf8_length_at(p, n, i, &bad);
    if (length > 0) {
      out.utf8.append(bytes.data() + i, length);
      i += length;
      continue;
    }
    if (p[i] == 0) bad = 1;
    if (out.replaced++ == 0) out.first_replaced = i;
    out.utf8.append(kReplacement);
    i += bad;
  }
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_converter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  Converter converter(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !converter) return nullptr;
  return converter;
}

bool is_utf8_name(const std::string& name) { return ucnv_compareNames(name.c_str(), "UTF-8") == 0; }

// |bytes| in |out.encoding| through an ICU converter, to UTF-8 in |out.utf8|.
// Lines and NULs are found in the decoded text, so that the line numbers hold
// for encodings whose multi-byte characters may contain the byte 0x0A.
void convert(std::string_view bytes, Converter converter, bool lenient, DecodedBytes& out) {
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  const char* const begin = bytes.data();
  const char* const limit = begin + bytes.size();
  const char* source = begin;
  std::array<UChar, 16384> units;
  std::array<int32_t, 16384> offsets;
  std::size_t line = 1;
  UChar lead = 0;  // a lead surrogate waiting for its trail
  bool first = true;
  out.utf8.reserve(bytes.size() + bytes.size() / 2);

  auto replace = [&](std::size_t offset) {
    if (out.replaced++ == 0) out.first_replaced = offset;
    out.utf8.append(kReplacement);
  };
  for (;;) {
    UChar* target = units.data();
    const char* const chunk = source;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, units.data() + units.size(), &source, limit,
                   offsets.data(), /*flush=*/true, &status);
    for (std::size_t k = 0; k < static_cast<std::size_t>(target - units.data()); ++k) {
      const UChar u = units[k];
      const std::size_t at = static_cast<std::size_t>(chunk - begin) +
                             static_cast<std::size_t>(std::max(0, offsets[k]));
      if (U16_IS_LEAD(u)) {
        lead = u;
        continue;
      }
      char32_t c = u;
      if (U16_IS_TRAIL(u) && lead != 0) c = U16_GET_SUPPLEMENTARY(lead, u);
      lead = 0;
      if (first && c == 0xFEFF) {  // byte order mark
        first = false;
        continue;
      }
      first = false;
      if (c == 0) {
        if (!lenient) throw_nul(at, line);
        replace(at);
        continue;
      }
      if (c == U'\n') ++line;
      append_utf8(out.utf8, c);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_SUCCESS(status)) break;
    // An invalid, unassigned or truncated sequence just before |source|.
    char invalid[32];
    int8_t length = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter.get(), invalid, &length, &ignored);
    if (U_FAILURE(ignored)) length = 0;
    const std::size_t offset =
        static_cast<std::size_t>(source - begin) - static_cast<std::size_t>(length);
    if (!lenient) throw_invalid(out.encoding, offset, line);
    replace(offset);
    first = false;
    ucnv_resetToUnicode(converter.get());
    if (length == 0 && source == chunk) {
      if (source == limit) break;
      ++source;  // never loop on the same byte
    }
  }
}

// ICU's best guess for |bytes| when it is GB18030 or Big5 with at least
// kDetectMinConfidence; "" otherwise.
std::string detect_chinese(std::string_view bytes, int* confidence) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return {};
  const std::size_t sample = std::min(bytes.size(), kDetectSampleBytes);
  ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(sample), &status);
  const UCharsetMatch* match = ucsdet_detect(detector, &status);
  std::string name;
  if (U_SUCCESS(status) && match != nullptr) {
    const char* found = ucsdet_getName(match, &status);
    *confidence = ucsdet_getConfidence(match, &status);
    if (U_SUCCESS(status) && found != nullptr && *confidence >= kDetectMinConfidence &&
        (std::string_view(found) == "GB18030" || std::string_view(found) == "Big5")) {
      name = found;
    }
  }
  ucsdet_close(detector);
  return name;
}

// ---------------------------------------------------------------------------
// Folding tables

constexpr char32_t kMiddleDot = U'\u00B7';
constexpr char32_t kFirstHanTable = 0x3400;  // CJK Extension A .. end of the URO:
constexpr char32_t kLastHanTable = 0x9FFF;   // Hant-Hans changes nothing outside it

// Characters that Hant-Hans would change but that are standard Simplified
// characters in their own right (著名, 乾坤, 狼藉, 瞭望): left as written.
constexpr std::array<char32_t, 4> kKeepAsSimplified = {U'著', U'乾', U'藉', U'瞭'};

// The Simplified form of every code point in [kFirstHanTable, kLastHanTable],
// built once with ICU's Hant-Hans transform applied to each character alone.
// Falls back to the identity when the transform is unavailable (normalize
// never throws).
class HanTable {
 public:
  HanTable() : table_(kLastHanTable - kFirstHanTable + 1) {
    for (char32_t c = kFirstHanTable; c <= kLastHanTable; ++c) table_[c - kFirstHanTable] = c;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> transform(
        icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !transform) return;
    for (char32_t c = kFirstHanTable; c <= kLastHanTable; ++c) {
      if (!u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC)) continue;
      icu::UnicodeString s(static_cast<UChar32>(c));
      transform->transliterate(s);
      if (s.countChar32() != 1) continue;
      table_[c - kFirstHanTable] = static_cast<char32_t>(s.char32At(0));
    }
    for (char32_t c : kKeepAsSimplified) table_[c - kFirstHanTable] = c;
  }

  char32_t simplified(char32_t c) const {
    return c >= kFirstHanTable && c <= kLastHanTable ? table_[c - kFirstHanTable] : c;
  }

 private:
  std::vector<char32_t> table_;
};

const HanTable& han_table() {
  static const HanTable table;  // thread-safe lazy initialisation
  return table;
}

// Full-width ASCII and the ideographic space; everything else unchanged.
char32_t fold_width(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000 || c == 0x00A0) return U' ';
  return c;
}

bool is_middle_dot_variant(char32_t c) {
  switch (c) {
    case 0x00B7: case 0x2022: case 0x2027: case 0x30FB: case 0x2219: case 0x22C5:
    case 0xFF65: case 0x2E31:
      return true;
    default:
      return false;
  }
}

// A letter that may stand on either side of a name's middle dot (not a digit).
bool is_name_letter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }

// Zero-width characters that only get in the way of matching words.
bool is_invisible(char32_t c) { return c == 0xFEFF || c == 0x200B; }

// Pass 1: one folded code point per kept original code point.
void fold(std::u32string_view original, std::u32string& text, std::vector<std::size_t>& orig) {
  const HanTable& han = han_table();
  text.reserve(original.size());
  orig.reserve(original.size() + 1);
  for (std::size_t i = 0; i < original.size(); ++i) {
    char32_t c = original[i];
    if (c < 0x80) {
      if (c == U'\r') {
        // CR LF -> LF (the CR is dropped); a lone CR is a line break.
        if (i + 1 < original.size() && original[i + 1] == U'\n') continue;
        c = U'\n';
      }
    } else if (c == 0xFF0E) {
      // Full-width full stop: a middle dot inside a name (约翰．霍恩), else '.'.
      const char32_t before = text.empty() ? 0 : text.back();
      const char32_t after = i + 1 < original.size() ? fold_width(original[i + 1]) : 0;
      c = is_name_letter(before) && is_name_letter(after) ? kMiddleDot : U'.';
    } else if (is_middle_dot_variant(c)) {
      c = kMiddleDot;
    } else if (is_invisible(c)) {
      continue;
    } else {
      c = han.simplified(fold_width(c));
    }
    text.push_back(c);
    orig.push_back(i);
  }
}

// ---------------------------------------------------------------------------
// Line repair

constexpr std::size_t kBrokenLineMinLength = 30;  // shorter lines are headlines or labels
constexpr std::size_t kHeadlineMaxLength = 40;

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\v' || c == U'\f' || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F;
}

bool is_quote(char32_t c) {
  switch (c) {
    case U'"': case U'\'': case U'“': case U'”': case U'‘': case U'’': case U'「': case U'」':
    case U'『': case U'』': case U'«': case U'»': case U'„': case U'‟': case U'〝': case U'〞':
    case U'〟':
      return true;
    default:
      return false;
  }
}

// Closing quotes and brackets that may follow a sentence's final punctuation.
bool is_closer(char32_t c) {
  switch (c) {
    case U'"': case U'\'': case U'”': case U'’': case U'」': case U'』': case U')': case U']':
    case U'}': case U'》': case U'〉': case U'】': case U'〕': case U'»':
      return true;
    default:
      return false;
  }
}

// Punctuation after which a line may end (full-width forms are already folded).
bool is_line_final(char32_t c) {
  switch (c) {
    case U'。': case U'!': case U'?': case U';': case U':': case U'.': case U'…': case 0xFF61:
      return true;
    default:
      return false;
  }
}

struct Line {
  std::size_t begin = 0;          // first code point of the line
  std::size_t end = 0;            // the '\n' ending it, or the text's end
  std::size_t content_begin = 0;  // without leading white space
  std::size_t content_end = 0;    // without trailing white space
  bool dropped = false;           // a stray quote line: every code point dropped

  bool blank() const { return content_begin == content_end; }
  std::size_t length() const { return content_end - content_begin; }
};

std::vector<Line> split_lines(const std::u32string& text) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find(U'\n', begin);
    if (end == std::u32string::npos) end = text.size();
    Line line;
    line.begin = begin;
    line.end = end;
    line.content_begin = begin;
    while (line.content_begin < end && is_space(text[line.content_begin])) ++line.content_begin;
    line.content_end = end;
    while (line.content_end > line.content_begin && is_space(text[line.content_end - 1])) {
      --line.content_end;
    }
    lines.push_back(line);
    if (end == text.size()) break;
    begin = end + 1;
  }
  return lines;
}

bool is_quote_only(const std::u32string& text, const Line& line) {
  if (line.blank()) return false;
  for (std::size_t i = line.content_begin; i < line.content_end; ++i) {
    if (!is_quote(text[i]) && !is_space(text[i])) return false;
  }
  return true;
}

// A page number left by a page break: a line of digits, perhaps between
// dashes or as 第N页 (- 2 -, —3—, 第 4 页), which is dropped.
bool is_page_number(const std::u32string& text, const Line& line) {
  if (line.blank() || line.length() > 12) return false;
  std::size_t digits = 0;
  bool page_word = false;
  for (std::size_t i = line.content_begin; i < line.content_end; ++i) {
    const char32_t c = text[i];
    if (c >= U'0' && c <= U'9') {
      ++digits;
    } else if (c == U'第' || c == U'页') {
      page_word = true;
    } else if (c != U'-' && c != U'—' && c != U'–' && c != U'/' && !is_space(c)) {
      return false;
    }
  }
  const bool dashed = text[line.content_begin] == U'-' || text[line.content_begin] == U'—' ||
                      text[line.content_begin] == U'–';
  return digits > 0 && digits <= 4 && (dashed || page_word || digits == line.length());
}

// Whether the line ends like a finished sentence: 。 ! ? ... possibly followed by closers.
bool ends_sentence(const std::u32string& text, const Line& line) {
  std::size_t i = line.content_end;
  while (i > line.content_begin && is_closer(text[i - 1])) --i;
  if (i == line.content_begin) return true;  // only brackets and quotes
  return is_line_final(text[i - 1]);
}

// Whether |line| ends on an enumeration comma or a comma (、 , after folding):
// a sentence cut there goes on, however short the line.
bool ends_mid_list(const std::u32string& text, const Line& line) {
  if (line.blank()) return false;
  const char32_t last = text[line.content_end - 1];
  return last == U'、' || last == U',';
}

// A line naming the source, e.g. (据《某某日报》) or 来源:某某网.
bool is_source_like(const std::u32string& text, const Line& line) {
  if (line.blank()) return false;
  if (text[line.content_begin] == U'(' && text[line.content_end - 1] == U')') return true;
  const std::u32string_view content(text.data() + line.content_begin, line.length());
  const std::size_t at = content.find(U"来源:");
  return at != std::u32string_view::npos && at <= 2 && line.length() <= kHeadlineMaxLength;
}

bool is_ascii_alnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

// Pass 2: copies |folded| into |out|, blanking stray quote lines and page
// numbers and joining
// broken lines. A non-blank line is joined to the next non-blank line when it is
// at least kBrokenLineMinLength long (or ends on 、 or a comma) and does not end
// a sentence, unless it or the next line names a source, or it stands where a
// headline stands (top of the text or after a source line) and is at most
// kHeadlineMaxLength long.
void repair_lines(const std::u32string& folded, const std::vector<std::size_t>& orig,
                  NormalizedText& out) {
  std::vector<Line> lines = split_lines(folded);
  for (Line& line : lines) {
    line.dropped = is_quote_only(folded, line) || is_page_number(folded, line);
  }

  auto emit = [&](std::size_t from, std::size_t to) {
    out.text.append(folded, from, to - from);
    out.to_orig.insert(out.to_orig.end(), orig.begin() + static_cast<std::ptrdiff_t>(from),
                       orig.begin() + static_cast<std::ptrdiff_t>(to));
  };
  auto emit_newline = [&](const Line& line) {
    if (line.end < folded.size()) emit(line.end, line.end + 1);
  };
  auto next_non_blank = [&](std::size_t i) {
    for (++i; i < lines.size(); ++i) {
      if (!lines[i].dropped && !lines[i].blank()) return i;
    }
    return lines.size();
  };

  bool after_source = true;  // the top of the text counts as after a source line
  bool joined = false;       // the previous line was joined into this one
  bool headline_position = false;
  std::size_t logical_length = 0;  // of the joined line so far
  std::size_t i = 0;
  while (i < lines.size()) {
    const Line& line = lines[i];
    if (line.dropped || line.blank()) {
      if (!line.dropped) emit(line.begin, line.end);
      emit_newline(line);
      ++i;
      continue;
    }
    if (!joined) {
      headline_position = after_source;
      logical_length = 0;
    }
    logical_length += line.length();
    const std::size_t from = joined ? line.content_begin : line.begin;
    const bool source = is_source_like(folded, line);
    const std::size_t next = next_non_blank(i);
    const bool join = next < lines.size() &&
                      (logical_length >= kBrokenLineMinLength || ends_mid_list(folded, line)) &&
                      !ends_sentence(folded, line) && !source &&
                      !is_source_like(folded, lines[next]) &&
                      !(headline_position && !joined && line.length() <= kHeadlineMaxLength);
    if (join) {
      emit(from, line.content_end);
      // Keep a space between two Latin words or numbers; it stands for the line break.
      const char32_t last = folded[line.content_end - 1];
      const char32_t first = folded[lines[next].content_begin];
      if (is_ascii_alnum(last) && is_ascii_alnum(first)) {
        out.text.push_back(U' ');
        out.to_orig.push_back(orig[line.content_end]);
      }
      joined = true;
      i = next;
      continue;
    }
    emit(from, line.end);
    emit_newline(line);
    joined = false;
    after_source = source;
    ++i;
  }
}

}  // namespace

bool known_encoding(const std::string& name) { return open_converter(name) != nullptr; }

DecodedBytes decode_bytes(std::string_view bytes, const DecodeOptions& options) {
  DecodedBytes out;
  if (!options.encoding.empty() && !is_utf8_name(options.encoding)) {
    Converter converter = open_converter(options.encoding);
    if (!converter) throw InputError("unknown encoding '" + options.encoding + "'");
    out.encoding = options.encoding;
    convert(bytes, std::move(converter), options.lenient, out);
    return out;
  }
  out.encoding = "UTF-8";
  const std::size_t from = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
  const Problem problem = first_utf8_problem(bytes, from);
  if (problem.offset == std::string_view::npos) {
    out.utf8.assign(bytes.substr(from));
    return out;
  }
  if (!problem.nul && !options.lenient) {
    // Invalid UTF-8 with a NUL early on is binary data, not text in another encoding.
    const std::size_t nul = bytes.substr(0, kBinarySniffBytes).find('\0');
    if (nul != std::string_view::npos) throw_nul(nul, line_at(bytes, nul));
  }
  if (options.encoding.empty() && !problem.nul) {
    int confidence = 0;
    const std::string detected = detect_chinese(bytes, &confidence);
    if (!detected.empty()) {
      out.encoding = detected;
      out.detected = true;
      out.confidence = confidence;
      convert(bytes, open_converter(detected), options.lenient, out);
      return out;
    }
  }
  if (!options.lenient) {
    const std::size_t line = line_at(bytes, problem.offset);
    if (problem.nul) throw_nul(problem.offset, line);
    throw_invalid("UTF-8", problem.offset, line);
  }
  repair_utf8(bytes, from, out);
  return out;
}

// Bytes -> code points. Validates as the Unicode standard's Table 3-7: no
// overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence.
std::u32string decode_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) i = 3;  // BOM

  std::u32string out(n - i, U'\0');
  char32_t* o = out.data();
  while (i < n) {
    // ASCII runs eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, sizeof word);
      if (word & kHighBits) break;
      for (int k = 0; k < 8; ++k) *o++ = p[i + k];
      i += 8;
    }
    if (i >= n) break;
    const unsigned lead = p[i];
    if (lead < 0x80) {
      *o++ = lead;
      ++i;
      continue;
    }
    // Sequence length and the allowed range of the second byte.
    std::size_t length;
    unsigned low = 0x80, high = 0xBF;
    char32_t c;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      c = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      c = lead & 0x0F;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      c = lead & 0x07;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    } else {
      throw_invalid_utf8(bytes, i);
    }
    if (n - i < length) throw_invalid_utf8(bytes, i);
    if (p[i + 1] < low || p[i + 1] > high) throw_invalid_utf8(bytes, i);
    c = (c << 6) | (p[i + 1] & 0x3F);
    for (std::size_t k = 2; k < length; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) throw_invalid_utf8(bytes, i);
      c = (c << 6) | (p[i + k] & 0x3F);
    }
    *o++ = c;
    i += length;
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

// Code points -> bytes. A value that is no Unicode scalar (a surrogate, or
// above U+10FFFF) is written as U+FFFD.
std::string encode_utf8(std::u32string_view text) {
  std::string out(text.size() * 4, '\0');
  char* o = out.data();
  for (char32_t c : text) {
    if (c < 0x80) {
      *o++ = static_cast<char>(c);
      continue;
    }
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = 0xFFFD;
    if (c < 0x800) {
      *o++ = static_cast<char>(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
      *o++ = static_cast<char>(0xE0 | (c >> 12));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    } else {
      *o++ = static_cast<char>(0xF0 | (c >> 18));
      *o++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    }
    *o++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

NormalizedText normalize(std::u32string_view original) {
  std::u32string folded;
  std::vector<std::size_t> orig;
  fold(original, folded, orig);

  NormalizedText out;
  out.text.reserve(folded.size());
  out.to_orig.reserve(folded.size() + 1);
  repair_lines(folded, orig, out);
  out.to_orig.push_back(original.size());
  return out;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80                    ? 1
                               : lead >= 0xC2 && lead <= 0xDF ? 2
                               : lead >= 0xE0 && lead <= 0xEF ? 3
                               : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                              : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

}  // namespace guanxi
