// Stage 1: bytes -> normalised text with an offset map.
//
// decode_bytes() turns a file's bytes in any encoding into UTF-8 text plus
// diagnostics: UTF-8 by default; when the bytes are not valid UTF-8 and no
// encoding is named, ICU's charset detector picks GB18030 or Big5 (see
// kDetectMinConfidence for the rule); a named encoding is any ICU converter
// name (GBK, GB18030, Big5, UTF-16LE...). A leading byte order mark is
// dropped. An invalid sequence, or a NUL (text never holds one; a NUL in the
// first 8 KiB of bytes that are not UTF-8 is reported before anything else, as
// binary data), throws
// InputError naming its byte offset in the input and its line; with |lenient|
// each is replaced by one U+FFFD and counted instead. Offsets of everything
// downstream (mentions, evidence) count code points of the decoded text,
// whatever the encoding: one GB18030 or Big5 character is one code point, a
// replaced sequence is one U+FFFD, the dropped BOM counts for nothing.
//
// decode_utf8() turns UTF-8 into code points and throws InputError naming the
// byte offset and line of the first invalid sequence. A leading BOM is dropped.
//
// normalize() folds what the extractor should not have to care about:
//   - full-width ASCII (U+FF01..U+FF5E) to ASCII, ideographic space to space;
//   - every middle-dot variant (U+2022 U+2027 U+30FB U+FF0E U+2219 U+22C5) to U+00B7;
//   - Traditional to Simplified Chinese (ICU's Hant-Hans transform, per character);
//   - lines broken in the middle of a sentence are joined (the line break and the
//     blank lines after it are dropped), lines holding only a stray quote are blanked.
// |to_orig[i]| is the code-point index in the original of normalised code point i;
// to_orig has one extra entry, the original length, so a span [b, e) maps to
// [to_orig[b], to_orig[e]). Like sentencepiece's norm_to_orig.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi {

struct NormalizedText {
  std::u32string text;
  std::vector<std::size_t> to_orig;  // text.size() + 1 entries

  // Original code-point span of the normalised span [begin, end).
  std::size_t orig_begin(std::size_t begin) const { return to_orig[begin]; }
  std::size_t orig_end(std::size_t end) const { return to_orig[end]; }
};

struct DecodeOptions {
  std::string encoding;  // an ICU converter name; empty: UTF-8, else detected
  bool lenient = false;  // replace invalid sequences and NULs by U+FFFD, do not throw
};

struct DecodedBytes {
  std::string utf8;                // the text, without a byte order mark
  std::string encoding;            // what it was read as: "UTF-8", "GB18030", "Big5", or as named
  bool detected = false;           // chosen by the charset detector
  int confidence = 0;              // the detector's confidence (0..100) when |detected|
  std::size_t replaced = 0;        // sequences replaced by U+FFFD (|lenient| only)
  std::size_t first_replaced = 0;  // byte offset of the first of them
};

// The detector's least confidence (ICU's 0..100 scale) for GB18030 or Big5 to
// be used; below it, or when its best match is another charset, the bytes are
// reported as invalid UTF-8.
inline constexpr int kDetectMinConfidence = 50;

// Throws InputError (line, byte offset) for invalid input, and for an
// |options.encoding| ICU does not know (line 0).
DecodedBytes decode_bytes(std::string_view bytes, const DecodeOptions& options = {});

// Whether ICU has a converter named |name| (an alias such as "gbk" counts).
bool known_encoding(const std::string& name);

// Length (1..4) of the well-formed UTF-8 sequence (Unicode table 3-7: no
// overlong forms, no surrogates, nothing above U+10FFFF) that starts at p[i]
// of the |n| bytes at |p|, or 0 when none does; |*bad|, when given, then gets
// the length of its maximal subpart (the lead and the continuation bytes that
// were still allowed, at least 1), the unit one U+FFFD replaces. Inline: the
// readers and writers of UTF-8 call it per byte.
inline std::size_t utf8_length_at(const unsigned char* p, std::size_t n, std::size_t i,
                                  std::size_t* bad = nullptr) {
  if (bad != nullptr) *bad = 1;
  const unsigned lead = p[i];
  if (lead < 0x80) return 1;
  std::size_t length;
  unsigned low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= n || p[i + k] < low || p[i + k] > high) {
      if (bad != nullptr) *bad = k;
      return 0;
    }
    low = 0x80;
    high = 0xBF;
  }
  return length;
}

std::u32string decode_utf8(std::string_view bytes);
std::string encode_utf8(std::u32string_view text);
// Whether |s| starts, or ends, with |affix| (code points).
inline bool starts_with(std::u32string_view s, std::u32string_view affix) {
  return s.substr(0, affix.size()) == affix;
}
inline bool ends_with(std::u32string_view s, std::u32string_view affix) {
  return s.size() >= affix.size() && s.substr(s.size() - affix.size()) == affix;
}
// |bytes| with each byte that starts no valid UTF-8 sequence replaced by U+FFFD,
// so that messages quoting bad input stay printable.
std::string sanitize_utf8(std::string_view bytes);

NormalizedText normalize(std::u32string_view original);

}  // namespace guanxi
