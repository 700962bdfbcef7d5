// Stage 1, decoding: bytes in any supported encoding -> UTF-8 and diagnostics.
#include <unicode/ucnv.h>

#include <catch2/catch.hpp>
#include <string>

#include "cli_run.hpp"
#include "guanxi/error.hpp"
#include "guanxi/text.hpp"

namespace {

using guanxi::testing::encoded;

// The InputError decode_bytes() throws for |bytes|; fails the test when none is.
guanxi::InputError error_of(std::string_view bytes, const guanxi::DecodeOptions& options = {}) {
  try {
    guanxi::decode_bytes(bytes, options);
  } catch (const guanxi::InputError& e) {
    return e;
  }
  FAIL("no InputError");
  return guanxi::InputError("unreachable");
}

const std::string kSimplified =
    "昨天，某某市科学技术协会在市会议中心举行年度学术论坛，协会会长王小明主持会议。\n";
const std::string kTraditional =
    "昨天，某某市科學技術協會在市會議中心舉行年度學術論壇，協會會長王小明主持會議。\n";

}  // namespace

TEST_CASE("valid UTF-8 comes back unchanged and a leading BOM is dropped", "[decode]") {
  const guanxi::DecodedBytes d = guanxi::decode_bytes(kSimplified);
  CHECK(d.utf8 == kSimplified);
  CHECK(d.encoding == "UTF-8");
  CHECK_FALSE(d.detected);
  CHECK(d.replaced == 0);
  CHECK(guanxi::decode_bytes("\xEF\xBB\xBF" + kSimplified).utf8 == kSimplified);
  CHECK(guanxi::decode_bytes("").utf8.empty());
}

TEST_CASE("GB18030 bytes that are not UTF-8 are detected and converted", "[decode]") {
  const guanxi::DecodedBytes d = guanxi::decode_bytes(encoded(kSimplified, "GB18030"));
  CHECK(d.utf8 == kSimplified);
  CHECK(d.encoding == "GB18030");
  CHECK(d.detected);
  CHECK(d.confidence >= guanxi::kDetectMinConfidence);
}

TEST_CASE("Big5 bytes that are not UTF-8 are detected and converted", "[decode]") {
  const guanxi::DecodedBytes d = guanxi::decode_bytes(encoded(kTraditional, "Big5"));
  CHECK(d.utf8 == kTraditional);
  CHECK(d.encoding == "Big5");
  CHECK(d.detected);
}

TEST_CASE("a named encoding is used as named, even for bytes too short to detect", "[decode]") {
  const std::string gbk = encoded("会长王小明", "GBK");
  CHECK(std::string(error_of(gbk).what()) == "invalid UTF-8 at byte 0 (line 1)");
  guanxi::DecodeOptions options;
  options.encoding = "gbk";
  const guanxi::DecodedBytes d = guanxi::decode_bytes(gbk, options);
  CHECK(d.utf8 == "会长王小明");
  CHECK(d.encoding == "gbk");
  CHECK_FALSE(d.detected);
  options.encoding = "UTF-16LE";
  CHECK(guanxi::decode_bytes(encoded("第一行\n第二行", "UTF-16LE"), options).utf8 ==
        "第一行\n第二行");
}

TEST_CASE("an unknown encoding name is an InputError naming it", "[decode]") {
  guanxi::DecodeOptions options;
  options.encoding = "no-such-charset";
  CHECK(std::string(error_of("abc", options).what()) == "unknown encoding 'no-such-charset'");
  CHECK_FALSE(guanxi::known_encoding("no-such-charset"));
  CHECK(guanxi::known_encoding("GB18030"));
}

TEST_CASE("an invalid sequence in a named encoding gives its byte offset and line", "[decode]") {
  // Two lines of GBK, then 0x81 0x20: a lead byte whose trail is not one.
  const std::string bytes = encoded("会长\n王小明\n", "GBK") + "\x81\x20" + "x";
  guanxi::DecodeOptions options;
  options.encoding = "GBK";
  const guanxi::InputError e = error_of(bytes, options);
  CHECK(std::string(e.what()) == "invalid GBK at byte 12 (line 3)");
  CHECK(e.byte_offset() == 12);
  CHECK(e.line() == 3);
}

TEST_CASE("lenient decoding replaces each invalid UTF-8 sequence by one U+FFFD", "[decode]") {
  guanxi::DecodeOptions options;
  options.lenient = true;
  // A truncated 3-byte sequence (its maximal subpart, two bytes), a lone
  // continuation byte, and a byte that starts nothing.
  const guanxi::DecodedBytes d = guanxi::decode_bytes("王\xE5\xBC小\x80明\xFF", options);
  CHECK(d.utf8 == "王\xEF\xBF\xBD小\xEF\xBF\xBD明\xEF\xBF\xBD");
  CHECK(d.replaced == 3);
  CHECK(d.first_replaced == 3);
  CHECK(d.encoding == "UTF-8");
}

TEST_CASE("lenient decoding of a named encoding replaces and counts", "[decode]") {
  guanxi::DecodeOptions options;
  options.encoding = "GBK";
  options.lenient = true;
  const guanxi::DecodedBytes d =
      guanxi::decode_bytes(encoded("会长", "GBK") + "\x81\x20" + encoded("王小明", "GBK"), options);
  CHECK(d.replaced == 1);
  CHECK(d.first_replaced == 4);
  CHECK(d.utf8.find("会长\xEF\xBF\xBD") == 0);
  CHECK(d.utf8.find("王小明") != std::string::npos);
}

TEST_CASE("a NUL is binary data: an error naming its offset, or replaced when lenient",
          "[decode]") {
  const std::string bytes = std::string("ab\ncd") + '\0' + "ef";
  const guanxi::InputError e = error_of(bytes);
  CHECK(std::string(e.what()) == "NUL character at byte 5 (line 2); binary data, not text");
  CHECK(e.line() == 2);
  guanxi::DecodeOptions options;
  options.lenient = true;
  const guanxi::DecodedBytes d = guanxi::decode_bytes(bytes, options);
  CHECK(d.utf8 ==
        "ab\ncd\xEF\xBF\xBD"
        "ef");
  CHECK(d.replaced == 1);
  CHECK(d.first_replaced == 5);
  // A NUL after eight clean bytes is found by the word-at-a-time scan too.
  CHECK(error_of(std::string("0123456789abcde") + '\0').byte_offset() == 15);
}

TEST_CASE("UTF-8 with one broken byte is reported as UTF-8, not guessed to be GB18030",
          "[decode]") {
  std::string bytes = kSimplified + kSimplified;
  bytes[10] = '\xFF';  // the second byte of 某, whose sequence starts at byte 9
  CHECK(std::string(error_of(bytes).what()) == "invalid UTF-8 at byte 9 (line 1)");
}
