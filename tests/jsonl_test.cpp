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
