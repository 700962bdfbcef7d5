// Input: JSON Lines records.
#include <catch2/catch.hpp>

#include <string>

#include "guanxi/error.hpp"
#include "guanxi/jsonl.hpp"

TEST_CASE("a JSON Lines record gives its text and its id, other fields ignored", "[jsonl]") {
  const auto r = guanxi::parse_jsonl_record(R"({"id": "a1", "text": "会长王小明出席", "label": 3})",
                                            "c.jsonl", 4, "c.jsonl:4");
  CHECK(r.id == "a1");
  CHECK(r.text == "会长王小明出席");
}

TEST_CASE("a record without an id takes the default and a numeric id is kept as written",
          "[jsonl]") {
  CHECK(guanxi::parse_jsonl_record(R"({"text": "x"})", "c.jsonl", 2, "c.jsonl:2").id == "c.jsonl:2");
  CHECK(guanxi::parse_jsonl_record(R"({"text": "x", "id": 17})", "c.jsonl", 2, "d").id == "17");
}

TEST_CASE("a malformed record fails naming the source, the line and what is wrong", "[jsonl]") {
  auto message = [](const std::string& line) {
    try {
      guanxi::parse_jsonl_record(line, "c.jsonl", 3, "d");
    } catch (const guanxi::InputError& e) {
      CHECK(e.line() == 3);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message(R"({"text": )").rfind("c.jsonl:3: invalid JSON at byte ", 0) == 0);
  CHECK(message(R"(["text"])") == "c.jsonl:3: expected a JSON object");
  CHECK(message(R"({"body": "x"})") == "c.jsonl:3: no \"text\" string");
  CHECK(message(R"({"text": "x", "id": [1]})") == "c.jsonl:3: \"id\" must be a string or a whole number");
}

// Found by fuzz_jsonl: nlohmann throws out_of_range, not parse_error, for a
// number too large for a double, even in a field guanxi ignores.
TEST_CASE("a number too large for a double is an InputError naming the line", "[jsonl]") {
  try {
    guanxi::parse_jsonl_record(R"({"i": 66666666666.666666e4666666666, "text": "x"})", "c.jsonl",
                               4, "d");
    FAIL("no InputError");
  } catch (const guanxi::InputError& e) {
    CHECK(e.line() == 4);
    CHECK(std::string(e.what()) ==
          "c.jsonl:4: invalid JSON: number overflow parsing '66666666666.666666e4666666666'");
  }
}

TEST_CASE("string escapes, spacing and ignored string fields read as JSON says", "[jsonl]") {
  const auto r = guanxi::parse_jsonl_record(
      " \t{ \"note\" : \"a\\\"b\" ,\"text\":\"一\\\"二\\\\三\\/四\\n五\\t\\u4e03\\ud83d\\ude00\" , "
      "\"id\":\"x\\\\y\"}\r ",
      "c.jsonl", 1, "d");
  CHECK(r.text == "一\"二\\三/四\n五\t七\xF0\x9F\x98\x80");
  CHECK(r.id == "x\\y");
  const auto escaped = guanxi::parse_jsonl_record(
      "{ \"note\" : \"a\\\"b\" ,\"text\":\"一\\\"二\\\\三\\/四\\n五\\t六\\b\\f\\r\" , \"id\":\"\"}",
      "c.jsonl", 1, "d");
  CHECK(escaped.text == "一\"二\\三/四\n五\t六\b\f\r");
  CHECK(escaped.id.empty());
  const auto plain =
      guanxi::parse_jsonl_record(R"({"text":"会长\"王小明\"出席"})", "c.jsonl", 1, "d");
  CHECK(plain.text == "会长\"王小明\"出席");
  CHECK(plain.id == "d");
  // An empty object has no text; a later duplicate key wins, as nlohmann reads it.
  CHECK_THROWS_AS(guanxi::parse_jsonl_record("{}", "c.jsonl", 1, "d"), guanxi::InputError);
  CHECK(guanxi::parse_jsonl_record(R"({"text": "a", "text": "b"})", "c.jsonl", 1, "d").text == "b");
}

TEST_CASE("raw control characters, bad escapes, bad UTF-8 and trailing bytes are errors",
          "[jsonl]") {
  for (const std::string line :
       {std::string("{\"text\": \"a\tb\"}"), std::string(R"({"text": "a\qb"})"),
        std::string("{\"text\": \"a\xC3\x28\"}"), std::string("{\"text\": \"\xED\xA0\x80\"}"),
        std::string(R"({"text": "a"} x)"), std::string(R"({"text": "a",})"),
        std::string(R"({"text": "a")"), std::string(R"({"text" "a"})")}) {
    INFO(line);
    try {
      guanxi::parse_jsonl_record(line, "c.jsonl", 5, "d");
      FAIL("no InputError");
    } catch (const guanxi::InputError& e) {
      CHECK(std::string(e.what()).rfind("c.jsonl:5: invalid JSON at byte ", 0) == 0);
    }
  }
}
