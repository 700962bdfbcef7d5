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

std::u32string decode_utf8(std::string_view bytes);
std::string encode_utf8(std::u32string_view text);
// |bytes| with each byte that starts no valid UTF-8 sequence replaced by U+FFFD,
// so that messages quoting bad input stay printable.
std::string sanitize_utf8(std::string_view bytes);

NormalizedText normalize(std::u32string_view original);

}  // namespace guanxi
