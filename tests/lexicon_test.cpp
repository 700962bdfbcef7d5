// Lexicon: word lists, user files, longest-match look-ups.
#include <algorithm>
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "guanxi/error.hpp"
#include "guanxi/lexicon.hpp"
#include "guanxi/text.hpp"

namespace {

std::u32string u32(const char* utf8) { return guanxi::decode_utf8(utf8); }

}  // namespace

TEST_CASE("the built-in lexicon holds the lists of lib/data under their class names", "[lexicon]") {
  const auto& lex = guanxi::Lexicon::builtin();
  CHECK(lex.is(u32("王"), guanxi::WordClass::surname));
  CHECK(lex.is(u32("欧阳"), guanxi::WordClass::surname));
  CHECK(lex.is(u32("会长"), guanxi::WordClass::title));
  CHECK(lex.is(u32("公使衔"), guanxi::WordClass::title_modifier));
  CHECK(lex.is(u32("原"), guanxi::WordClass::former_marker));
  CHECK(lex.is(u32("委员会"), guanxi::WordClass::org_head));
  CHECK(lex.is(u32("研讨会"), guanxi::WordClass::event_head));
  CHECK(lex.is(u32("主持"), guanxi::WordClass::cue_hosted));
  // Every class name round-trips (built-in files are named after these names).
  for (int c = 0; c < static_cast<int>(guanxi::WordClass::kCount); ++c) {
    const auto cls = static_cast<guanxi::WordClass>(c);
    INFO(guanxi::Lexicon::class_name(cls));
    guanxi::WordClass parsed;
    REQUIRE(guanxi::Lexicon::class_from_name(guanxi::Lexicon::class_name(cls), &parsed));
    CHECK(parsed == cls);
  }
  CHECK(lex.size() > 1000);
}

TEST_CASE("a word may belong to several classes at once", "[lexicon]") {
  guanxi::Lexicon lex;
  lex.add(u32("代表"), guanxi::WordClass::title);
  lex.add(u32("代表"), guanxi::WordClass::name_stop);
  CHECK(lex.is(u32("代表"), guanxi::WordClass::title));
  CHECK(lex.is(u32("代表"), guanxi::WordClass::name_stop));
  CHECK_FALSE(lex.is(u32("代表"), guanxi::WordClass::surname));
  CHECK(lex.size() == 1);
}

TEST_CASE("longest_at takes the longest word of the class that starts there", "[lexicon]") {
  guanxi::Lexicon lex;
  lex.add(u32("主任"), guanxi::WordClass::title);
  lex.add(u32("主任委员"), guanxi::WordClass::title);
  lex.add(u32("主任委"), guanxi::WordClass::org_head);  // another class does not count
  const std::u32string text = u32("副主任委员张三");
  CHECK(lex.longest_at(text, 1, guanxi::WordClass::title) == 4);
  CHECK(lex.longest_at(text, 0, guanxi::WordClass::title) == 0);
  CHECK(lex.longest_at(text, 7, guanxi::WordClass::title) == 0);  // past the end
}

TEST_CASE("longest_ending_at takes the longest word of the class that ends there", "[lexicon]") {
  guanxi::Lexicon lex;
  lex.add(u32("会"), guanxi::WordClass::org_head);
  lex.add(u32("联合会"), guanxi::WordClass::org_head);
  lex.add(u32("委员会"), guanxi::WordClass::org_head);
  const std::u32string text = u32("某某联合会会长");
  CHECK(lex.longest_ending_at(text, 5, guanxi::WordClass::org_head) == 3);
  CHECK(lex.longest_ending_at(text, 6, guanxi::WordClass::org_head) == 1);
  CHECK(lex.longest_ending_at(text, 0, guanxi::WordClass::org_head) == 0);
}

TEST_CASE("visit_at reports every word starting at a position with its classes", "[lexicon]") {
  guanxi::Lexicon lex;
  lex.add(u32("研讨"), guanxi::WordClass::cue_presented);
  lex.add(u32("研讨会"), guanxi::WordClass::event_head);
  std::vector<std::pair<std::size_t, guanxi::WordClasses>> seen;
  lex.visit_at(u32("研讨会上"), 0, [&](std::size_t len, guanxi::WordClasses c) { seen.emplace_back(len, c); });
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].first == 2);
  CHECK(seen[1].first == 3);
  CHECK(seen[1].second == guanxi::WordClasses{1} << static_cast<unsigned>(guanxi::WordClass::event_head));
}

TEST_CASE("a user file adds words with their class and ignores comments", "[lexicon]") {
  guanxi::Lexicon lex;
  std::istringstream in("# my words\n理事会监事 title\n\n  云栖  place  # a town\n");
  lex.add_user_file(in, "mine.txt");
  CHECK(lex.is(u32("理事会监事"), guanxi::WordClass::title));
  CHECK(lex.is(u32("云栖"), guanxi::WordClass::place));
  CHECK(lex.size() == 2);
}

TEST_CASE("a user file line with an unknown class fails naming the file and line", "[lexicon]") {
  guanxi::Lexicon lex;
  std::istringstream in("云栖 place\n茶话会 meeting\n");
  try {
    lex.add_user_file(in, "mine.txt");
    FAIL("no error");
  } catch (const guanxi::InputError& e) {
    CHECK(std::string(e.what()).rfind("mine.txt:2: unknown category \"meeting\"", 0) == 0);
    CHECK(e.line() == 2);
  }
}

TEST_CASE("a user file line without a class fails naming the file and line", "[lexicon]") {
  guanxi::Lexicon lex;
  std::istringstream in("云栖\n");
  REQUIRE_THROWS_AS(lex.add_user_file(in, "mine.txt"), guanxi::InputError);
  std::istringstream again("云栖\n");
  try {
    lex.add_user_file(again, "mine.txt");
  } catch (const guanxi::InputError& e) {
    CHECK(std::string(e.what()) == "mine.txt:1: expected \"WORD CATEGORY\", got \"云栖\"");
  }
}

TEST_CASE("builtin_words lists the words of a built-in file, each of that class", "[lexicon]") {
  const auto surnames = guanxi::Lexicon::builtin_words(guanxi::WordClass::surname);
  REQUIRE(surnames.size() > 100);
  for (const auto& word : surnames) {
    CHECK(word.find('#') == std::string::npos);
    CHECK(word.find(' ') == std::string::npos);
    CHECK(guanxi::Lexicon::builtin().is(guanxi::decode_utf8(word), guanxi::WordClass::surname));
  }
  const auto heads = guanxi::Lexicon::builtin_words(guanxi::WordClass::event_head);
  CHECK(std::find(heads.begin(), heads.end(), "研讨会") != heads.end());
  CHECK(std::find(heads.begin(), heads.end(), "王") == heads.end());
}

TEST_CASE("thousands of words, beyond the Basic Multilingual Plane too, are all found again",
          "[lexicon]") {
  // Enough words that the trie's table of deeper steps grows many times;
  // words share prefixes and suffixes, and some start or continue with
  // characters outside the BMP (U+20000...), which no first-step table holds.
  guanxi::Lexicon lex;
  std::vector<std::u32string> words;
  std::vector<guanxi::WordClass> classes;
  for (char32_t a = 0; a < 40; ++a) {
    for (char32_t b = 0; b < 60; ++b) {
      std::u32string w;
      w += (a % 7 == 0) ? char32_t(0x20000 + a) : char32_t(0x4E00 + a);
      w += char32_t(0x5000 + b);
      if ((a + b) % 3 == 0) w += (b % 5 == 0) ? char32_t(0x2A700 + b) : char32_t(0x6000 + a * b);
      const auto cls = static_cast<guanxi::WordClass>((a + 2 * b) % 5);
      words.push_back(w);
      classes.push_back(cls);
      lex.add(w, cls);
    }
  }
  CHECK(lex.size() == words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    INFO(i);
    const guanxi::WordClasses bit = guanxi::WordClasses{1} << static_cast<unsigned>(classes[i]);
    CHECK(lex.classes(words[i]) == bit);
    // Found in running text by both walks, with nothing of another length.
    const std::u32string text = U"\u3002" + words[i] + U"\u3002";
    CHECK(lex.longest_at(text, 1, classes[i]) == words[i].size());
    CHECK(lex.longest_ending_at(text, 1 + words[i].size(), classes[i]) == words[i].size());
    std::vector<std::size_t> lengths;
    lex.visit_at(text, 1, [&](std::size_t len, guanxi::WordClasses) { lengths.push_back(len); });
    CHECK(lengths == std::vector<std::size_t>{words[i].size()});
    // A prefix that is no word, and an unknown continuation, are not found.
    CHECK(lex.classes(words[i].substr(0, 1)) == 0);
    CHECK(lex.classes(words[i] + U"\u4E00") == 0);
  }
  // Three-character words also give no match for their last two characters.
  CHECK(lex.classes(std::u32string{char32_t(0x5000), char32_t(0x6000)}) == 0);
}

TEST_CASE("walks stop at the ends of the text", "[lexicon]") {
  guanxi::Lexicon lex;
  lex.add(u32("主任"), guanxi::WordClass::title);
  lex.add(u32("任"), guanxi::WordClass::surname);
  const std::u32string text = u32("主任");
  std::vector<std::size_t> forward;
  lex.visit_at(text, 1, [&](std::size_t len, guanxi::WordClasses) { forward.push_back(len); });
  CHECK(forward == std::vector<std::size_t>{1});
  lex.visit_at(text, 2, [&](std::size_t len, guanxi::WordClasses) { forward.push_back(len); });
  CHECK(forward == std::vector<std::size_t>{1});
  std::vector<std::size_t> backward;
  lex.visit_ending_at(text, 2,
                      [&](std::size_t len, guanxi::WordClasses) { backward.push_back(len); });
  CHECK(backward == std::vector<std::size_t>{1, 2});
  lex.visit_ending_at(text, 0,
                      [&](std::size_t len, guanxi::WordClasses) { backward.push_back(len); });
  CHECK(backward == std::vector<std::size_t>{1, 2});
}

TEST_CASE("words starting anywhere in the Basic Multilingual Plane are told apart", "[lexicon]") {
  // First characters at both ends of the plane and in the same block of 256.
  guanxi::Lexicon lex;
  const std::vector<std::u32string> words = {
      U"ab", U"\u00E9t", U"\u00FF", U"\u0100x", U"\u4E00\u4E01", U"\u4E01", U"\uFFFD\uFFFD"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    lex.add(words[i], static_cast<guanxi::WordClass>(i % 3));
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    INFO(i);
    CHECK(lex.classes(words[i]) == guanxi::WordClasses{1} << (i % 3));
    CHECK(lex.longest_ending_at(words[i], words[i].size(), static_cast<guanxi::WordClass>(i % 3)) ==
          words[i].size());
  }
  // Neighbours of those first characters, in the same block or not, start nothing.
  for (const char32_t c : {U'b', U'\u00E8', U'\u0101', U'\u4E02', U'\uFFFC', U'\u3000'}) {
    INFO(static_cast<std::uint32_t>(c));
    std::size_t visits = 0;
    const std::u32string text{c, U'b', U't', U'x'};
    lex.visit_at(text, 0, [&](std::size_t, guanxi::WordClasses) { ++visits; });
    CHECK(visits == 0);
  }
}
