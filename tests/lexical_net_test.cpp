// The lexical network (jieba's lac_small, packed into the library): its tags,
// its sentence splitting and the packed file's checks. Every sentence here
// is written for this test; the names are invented.
#include "guanxi/lexical_net.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "guanxi/error.hpp"
#include "guanxi/text.hpp"

namespace {

using guanxi::LexicalNet;

std::vector<std::string> tags_of(const std::string& utf8) {
  const LexicalNet& net = LexicalNet::builtin();
  std::vector<LexicalNet::Reading> readings;
  net.analyse(guanxi::decode_utf8(utf8), readings);
  std::vector<std::string> out;
  for (const auto& r : readings) out.push_back(net.tag_name(r.tag));
  return out;
}

std::string u32_bytes(std::uint32_t v) {
  std::string out;
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  return out;
}

}  // namespace

TEST_CASE("the lexical network reads a reporter's name as a person, one reading per character",
          "[lexical_net]") {
  const auto tags = tags_of("记者王小明报道。");
  REQUIRE(tags.size() == 8);
  CHECK(tags[2] == "PER-B");
  CHECK(tags[3] == "PER-I");
  CHECK(tags[4] == "PER-I");
  CHECK(tags[5] != "PER-I");
  CHECK(LexicalNet::builtin().tag_count() == 57);
}

TEST_CASE("the lexical network's margins say where it is sure of a person", "[lexical_net]") {
  std::vector<LexicalNet::Reading> readings;
  LexicalNet::builtin().analyse(guanxi::decode_utf8("记者王小明报道。"), readings);
  REQUIRE(readings.size() == 8);
  for (const auto& r : readings) {
    CHECK(r.person <= 5);
    CHECK(r.organization <= 5);
    CHECK(r.best < 57);
  }
  CHECK(readings[2].person > readings[0].person);  // 王 more than 记
  CHECK(readings[2].person >= 3);                  // a positive margin
}

TEST_CASE("the lexical network reads each sentence on its own", "[lexical_net]") {
  const auto both = tags_of("会议在北京召开。记者王小明报道。");
  const auto first = tags_of("会议在北京召开。");
  const auto second = tags_of("记者王小明报道。");
  REQUIRE(both.size() == first.size() + second.size());
  CHECK(std::vector<std::string>(both.begin(), both.begin() + 8) == first);
  CHECK(std::vector<std::string>(both.begin() + 8, both.end()) == second);
  CHECK(tags_of("").empty());
}

TEST_CASE("unknown characters and upper-case letters are read without failing", "[lexical_net]") {
  // A private-use character is in no vocabulary (OOV); ABC falls back to abc.
  const auto tags = tags_of("\xEE\x80\x80" "ABC公司的王小明");
  CHECK(tags.size() == 10);
}

TEST_CASE("bytes that are no packed lexical network are refused with InputError",
          "[lexical_net]") {
  using Catch::Contains;
  CHECK_THROWS_AS(LexicalNet::from_bytes("", "x.bin"), guanxi::InputError);
  CHECK_THROWS_WITH(LexicalNet::from_bytes("GXTAGGER....", "x.bin"),
                    Contains("x.bin") && Contains("not a packed lexical network"));
  CHECK_THROWS_WITH(LexicalNet::from_bytes("GXLEXNET" + u32_bytes(2), "x.bin"),
                    Contains("unknown lexical network version"));
  CHECK_THROWS_WITH(LexicalNet::from_bytes("GXLEXNET" + u32_bytes(1) + u32_bytes(3), "x.bin"),
                    Contains("truncated"));
}

TEST_CASE("reading many spans side by side gives each span's readings alone", "[lexical_net]") {
  // Eleven sentences of different lengths: batches of 8 and of 3 (4 + 2 + 1 rows).
  std::string all;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const char* const sentences[] = {
      "记者王小明报道。", "会议在北京召开。", "云岭市科技协会会长齐振强出席了论坛并致辞。",
      "他说：", "明天下雨。", "某某大学教授苗振宇介绍了研究进展，与会代表进行了交流。",
      "好！", "赵小红表示同意。", "会议由秘书长刘一鸣主持。", "陈明在某某大学工作",
      "他们周末去了公园散步；孩子们很高兴。"};
  std::size_t at = 0;
  for (const char* s : sentences) {
    const std::size_t n = guanxi::decode_utf8(s).size();
    spans.emplace_back(at, at + n);
    at += n;
    all += s;
  }
  const std::u32string text = guanxi::decode_utf8(all);
  const LexicalNet& net = LexicalNet::builtin();
  std::vector<LexicalNet::Reading> together;
  net.analyse_spans(text, spans, together);
  REQUIRE(together.size() == text.size());
  for (const auto& [begin, end] : spans) {
    std::vector<LexicalNet::Reading> alone;
    net.analyse(text.substr(begin, end - begin), alone);
    REQUIRE(alone.size() == end - begin);
    for (std::size_t i = 0; i < alone.size(); ++i) {
      CHECK(together[begin + i].tag == alone[i].tag);
      CHECK(together[begin + i].best == alone[i].best);
      CHECK(together[begin + i].person == alone[i].person);
      CHECK(together[begin + i].organization == alone[i].organization);
    }
  }
}
