// Stage 1: UTF-8 decoding, normalisation and the normalised-to-original map.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "guanxi/error.hpp"
#include "guanxi/text.hpp"

namespace {

// Normalises |original| and checks the map's invariants: one entry per
// normalised code point plus the original length, strictly increasing.
guanxi::NormalizedText normalized(std::u32string_view original) {
  guanxi::NormalizedText n = guanxi::normalize(original);
  REQUIRE(n.to_orig.size() == n.text.size() + 1);
  REQUIRE(n.to_orig.back() == original.size());
  for (std::size_t i = 0; i + 1 < n.to_orig.size(); ++i) REQUIRE(n.to_orig[i] < n.to_orig[i + 1]);
  return n;
}

std::string utf8(std::u32string_view text) { return guanxi::encode_utf8(text); }

std::vector<std::size_t> iota(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

// The InputError thrown for |bytes|; fails the test when none is thrown.
guanxi::InputError decode_error(std::string_view bytes) {
  try {
    guanxi::decode_utf8(bytes);
  } catch (const guanxi::InputError& e) {
    return e;
  }
  FAIL("no InputError for invalid UTF-8");
  return guanxi::InputError("unreachable");
}

}  // namespace

TEST_CASE("decoding UTF-8 gives one code point per character of every length", "[text]") {
  CHECK(guanxi::decode_utf8("A\xC2\xB7张𠀀") == U"A\u00B7张\U00020000");
  CHECK(guanxi::decode_utf8("") == U"");
}

TEST_CASE("a long ASCII run around Chinese text decodes unchanged", "[text]") {
  const std::string ascii = "The quick brown fox jumps over the lazy dog 0123456789";
  CHECK(guanxi::decode_utf8(ascii + "李四" + ascii) ==
        std::u32string(ascii.begin(), ascii.end()) + U"李四" +
            std::u32string(ascii.begin(), ascii.end()));
}

TEST_CASE("a leading byte order mark is dropped and a later one is kept", "[text]") {
  CHECK(guanxi::decode_utf8("\xEF\xBB\xBF王五") == U"王五");
  CHECK(guanxi::decode_utf8("王\xEF\xBB\xBF五") == U"王\uFEFF五");
}

TEST_CASE("an overlong encoding is rejected with its byte offset and line", "[text]") {
  const guanxi::InputError e = decode_error("ab\n\xC0\xAF");
  CHECK(e.byte_offset() == 3);
  CHECK(e.line() == 2);
  CHECK(std::string(e.what()) == "invalid UTF-8 at byte 3 (line 2)");
  CHECK_THROWS_AS(guanxi::decode_utf8("\xE0\x80\xAF"), guanxi::InputError);
  CHECK_THROWS_AS(guanxi::decode_utf8("\xF0\x80\x80\xAF"), guanxi::InputError);
}

TEST_CASE("an encoded surrogate is rejected", "[text]") {
  const guanxi::InputError e = decode_error("张三\xED\xA0\x80");
  CHECK(e.byte_offset() == 6);
  CHECK(e.line() == 1);
}

TEST_CASE("a code point above U+10FFFF is rejected", "[text]") {
  CHECK_THROWS_AS(guanxi::decode_utf8("\xF4\x90\x80\x80"), guanxi::InputError);
  CHECK_THROWS_AS(guanxi::decode_utf8("\xF5\x80\x80\x80"), guanxi::InputError);
  CHECK(guanxi::decode_utf8("\xF4\x8F\xBF\xBF") == U"\U0010FFFF");
}

TEST_CASE("a sequence cut off at the end of the input is rejected", "[text]") {
  const guanxi::InputError e = decode_error("张\n\n\xE5\xBC");
  CHECK(e.byte_offset() == 5);
  CHECK(e.line() == 3);
}

TEST_CASE("a stray continuation byte or a lead byte without continuation is rejected", "[text]") {
  CHECK(decode_error("ab\x80").byte_offset() == 2);
  CHECK(decode_error("\xE5\x41\x41xyz").byte_offset() == 0);
  CHECK(decode_error("0123456789\xFF").byte_offset() == 10);
}

TEST_CASE("encoding is the inverse of decoding", "[text]") {
  const std::string bytes = "全角ＡＢＣ and ASCII, 𠀀 \xC2\xB7 \x7F end";
  CHECK(guanxi::encode_utf8(guanxi::decode_utf8(bytes)) == bytes);
  CHECK(guanxi::encode_utf8(U"\U0010FFFF\u0800\u07FF") == "\xF4\x8F\xBF\xBF\xE0\xA0\x80\xDF\xBF");
}

TEST_CASE("encoding writes a replacement character for a value that is no scalar", "[text]") {
  const std::u32string bad = {U'a', char32_t{0xD800}, char32_t{0x110000}};
  CHECK(guanxi::encode_utf8(bad) == "a\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("full-width letters digits and punctuation fold to ASCII", "[text]") {
  const auto n = normalized(U"ＡＢｃ１２３，（董事长）：！");
  CHECK(utf8(n.text) == "ABc123,(董事长):!");
  CHECK(n.to_orig == iota(15));
}

TEST_CASE("ideographic spaces become spaces and the map keeps every offset", "[text]") {
  const auto n = normalized(U"　　张三（董事长）");
  CHECK(utf8(n.text) == "  张三(董事长)");
  CHECK(n.to_orig == iota(10));
  CHECK(n.orig_begin(2) == 2);
  CHECK(n.orig_end(4) == 4);
}

TEST_CASE("every middle dot variant becomes U+00B7", "[text]") {
  const auto n = normalized(U"约翰•霍恩 让‧雅克 玛丽・居里 卡尔∙韦斯 彼得⋅艾伦 安娜·李");
  CHECK(utf8(n.text) == "约翰·霍恩 让·雅克 玛丽·居里 卡尔·韦斯 彼得·艾伦 安娜·李");
}

TEST_CASE("a full-width full stop between letters is a middle dot and elsewhere a full stop",
          "[text]") {
  CHECK(utf8(normalized(U"约翰．霍恩").text) == "约翰·霍恩");
  CHECK(utf8(normalized(U"增长３．５％").text) == "增长3.5%");
  CHECK(utf8(normalized(U"完毕．").text) == "完毕.");
}

TEST_CASE("traditional characters become simplified without moving any offset", "[text]") {
  const auto n = normalized(U"國務院總理會見張三與李四");
  CHECK(utf8(n.text) == "国务院总理会见张三与李四");
  CHECK(n.to_orig == iota(13));
}

TEST_CASE("simplified text and characters standard in both scripts are left alone", "[text]") {
  CHECK(utf8(normalized(U"著名学者在乾坤之间的书中写道").text) == "著名学者在乾坤之间的书中写道");
  CHECK(utf8(normalized(U"国务院总理").text) == "国务院总理");
}

TEST_CASE("a long line broken inside a sentence is joined to the next non-blank line", "[text]") {
  const std::u32string first = U"市政府今天在市民中心召开新闻发布会副市长王五在会上介绍了全市";
  const std::u32string second = U"今年以来新建的社区服务站点和志愿者队伍的情况。";
  const std::u32string original = U"标题\n\n" + first + U"\n\n\n" + second + U"\n";
  const auto n = normalized(original);
  CHECK(utf8(n.text) == utf8(U"标题\n\n" + first + second + U"\n"));
  // The first character after the join still points at its original place.
  const std::size_t joined_at = 4 + first.size();
  CHECK(n.to_orig[joined_at] == 4 + first.size() + 3);
  CHECK(n.to_orig[joined_at - 1] == joined_at - 1);
}

TEST_CASE("the indentation of a joined continuation line is dropped", "[text]") {
  const std::u32string first = U"某某省交通运输厅今天发布消息说全省高速公路春运期间车流量将同比增长";
  const auto n = normalized(U"导语\n" + first + U"\n　　两成左右。\n");
  CHECK(utf8(n.text) == utf8(U"导语\n" + first + U"两成左右。\n"));
}

TEST_CASE("a short line without final punctuation is not joined", "[text]") {
  const auto n = normalized(U"张三任某某公司董事长\n\n会议由李四主持。\n");
  CHECK(utf8(n.text) == "张三任某某公司董事长\n\n会议由李四主持。\n");
}

TEST_CASE("a long line ending a sentence or a quotation is not joined", "[text]") {
  const std::u32string said =
      U"他在会上说：“新发布的规划提出到明年底全市将建成三百个社区服务站点。”";
  const std::u32string colon = U"新发布的规划提出到明年底全市将建成三百个社区服务站点并且培训社工：";
  const auto n = normalized(said + U"\n\n" + colon + U"\n一是完善制度。");
  CHECK(n.text.find(U'\n') != std::u32string::npos);
  CHECK(utf8(n.text) == utf8(U"他在会上说:“新发布的规划提出到明年底全市将建成三百个社区服务站点。”\n\n" +
                             colon.substr(0, colon.size() - 1) + U":\n一是完善制度。"));
}

TEST_CASE("a headline of up to forty characters at the top is not joined to the body",
          "[text]") {
  const std::u32string headline = U"某某省交通运输厅发布消息称全省高速公路春运期间车流量将同比增长两成";
  REQUIRE(headline.size() >= 30);
  const auto n = normalized(U"\n" + headline + U"\n\n正文第一句。\n");
  CHECK(utf8(n.text) == utf8(U"\n" + headline + U"\n\n正文第一句。\n"));
}

TEST_CASE("a long unfinished line is not joined into a source line", "[text]") {
  const std::u32string body = U"新发布的规划提出到明年底全市将建成三百个社区服务站点并且培训社工";
  const auto n = normalized(U"标题\n\n" + body + U"\n\n（据《某某日报》）\n");
  CHECK(utf8(n.text) == utf8(U"标题\n\n" + body + U"\n\n(据《某某日报》)\n"));
}

TEST_CASE("a line holding only a stray quote is blanked", "[text]") {
  const std::u32string original = U"第一段结束。\n\n　”　\n\n第二段开始。";
  const auto n = normalized(original);
  CHECK(utf8(n.text) == "第一段结束。\n\n\n\n第二段开始。");
  // 第二段 keeps its original offset although three characters were dropped.
  CHECK(n.to_orig[10] == 13);
}

TEST_CASE("a page number between two halves of a sentence is dropped and the halves joined",
          "[text]") {
  const std::u32string first = U"会议增补市卫生健康委员会副主任谭锦程为理事会理事。市红十字会";
  const std::u32string original = U"标题\n\n" + first + U"\n- 2 -\n党组书记米嘉文主持会议。\n";
  CHECK(utf8(normalized(original).text) == utf8(U"标题\n\n" + first + U"党组书记米嘉文主持会议。\n"));
  // Other page-number forms, and a line of text with digits, which stays.
  CHECK(utf8(normalized(U"第一段结束。\n\n—3—\n\n第二段。").text) == "第一段结束。\n\n\n\n第二段。");
  CHECK(utf8(normalized(U"第一段结束。\n\n第 4 页\n\n第二段。").text) == "第一段结束。\n\n\n\n第二段。");
  CHECK(utf8(normalized(U"第一段结束。\n\n共3人\n\n第二段。").text) ==
        "第一段结束。\n\n共3人\n\n第二段。");
}

TEST_CASE("Latin words broken across lines keep one space between them", "[text]") {
  const auto n = normalized(U"The committee met in Paris on Monday and agreed to\nmeet again.");
  CHECK(utf8(n.text) == "The committee met in Paris on Monday and agreed to meet again.");
  CHECK(n.to_orig[50] == 50);  // the space stands for the line break
}

TEST_CASE("carriage returns are dropped before line feeds and alone become line feeds",
          "[text]") {
  const auto n = normalized(U"第一行。\r\n第二行。\r第三行。");
  CHECK(utf8(n.text) == "第一行。\n第二行。\n第三行。");
  CHECK(n.to_orig[5] == 6);
}

TEST_CASE("normalising empty text gives an empty text and a map holding only zero", "[text]") {
  const auto n = normalized(U"");
  CHECK(n.text.empty());
  CHECK(n.to_orig == std::vector<std::size_t>{0});
}

TEST_CASE("a short line ending in 、 or a comma is joined: the list goes on", "[text]") {
  const auto n = normalized(U"标题\n\n正文。\n副会长王五、赵六，\n\n秘书长孙七出席会议。\n");
  CHECK(utf8(n.text) == "标题\n\n正文。\n副会长王五、赵六,秘书长孙七出席会议。\n");
}
