// Stage 1: bytes -> normalised text with an offset map.
//
// decode_utf8() turns bytes into code points and throws InputError naming the
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

std::u32string decode_utf8(std::string_view bytes);
std::string encode_utf8(std::u32string_view text);
// |bytes| with each byte that starts no valid UTF-8 sequence replaced by U+FFFD,
// so that messages quoting bad input stay printable.
std::string sanitize_utf8(std::string_view bytes);

NormalizedText normalize(std::u32string_view original);

}  // namespace guanxi
