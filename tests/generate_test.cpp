// guanxi generate, run as a process: fixed seeds, sizes, and the pipeline
// reading back the people the generator put in.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using guanxi::testing::count_of;
using guanxi::testing::Result;
using guanxi::testing::run_cli;
using guanxi::testing::TempDir;

TEST_CASE("generate gives the same bytes for the same seed and others for another seed",
          "[generate]") {
  TempDir dir;
  REQUIRE(run_cli(dir, "generate --size 40K --seed 5 -o a.txt").status == 0);
  const Result b = run_cli(dir, "generate --size 40K --seed 5");  // to stdout
  REQUIRE(b.status == 0);
  REQUIRE(run_cli(dir, "generate --size 40K --seed 6 -o c.txt").status == 0);
  const std::string a = dir.read("a.txt");
  CHECK(a == b.out);
  CHECK(a != dir.read("c.txt"));
}

TEST_CASE("generate writes whole articles until the size is reached", "[generate]") {
  TempDir dir;
  REQUIRE(run_cli(dir, "generate --size 30000 -o news.txt").status == 0);
  const std::string text = dir.read("news.txt");
  CHECK(text.size() >= 30000);
  CHECK(text.size() < 30000 + 8000);  // an article is a few kilobytes at most
  CHECK(text.substr(text.size() - 2) == "\n\n");
  const std::size_t sources = count_of(text, "（据《") + count_of(text, "（来源：");
  CHECK(sources > 5);

  // Every article is one document: as many extract lines as source lines.
  const Result extracted = run_cli(dir, "extract news.txt");
  REQUIRE(extracted.status == 0);
  CHECK(count_of(extracted.out, "\n") == sources);

  REQUIRE(run_cli(dir, "generate --size 2M -o big.txt").status == 0);
  CHECK(fs::file_size(dir.file("big.txt")) >= 2000000);
  CHECK(fs::file_size(dir.file("big.txt")) < 2000000 + 8000);
}

TEST_CASE("the pipeline finds the people and posts the generator put in", "[generate]") {
  TempDir dir;
  REQUIRE(run_cli(dir, "generate --size 60K --seed 11 -o news.txt --gold news.gold.json").status ==
          0);
  const Result eval = run_cli(dir, "eval --gold news.gold.json news.txt --json");
  REQUIRE(eval.status == 0);
  const auto scores = nlohmann::json::parse(eval.out)["scores"];
  std::map<std::string, nlohmann::json> by_category;
  for (const auto& s : scores) by_category[s["category"].get<std::string>()] = s;
  REQUIRE(by_category.count("persons") == 1);
  CHECK(by_category["persons"]["tp"].get<int>() > 50);
  CHECK(by_category["persons"]["recall"].get<double>() > 0.9);
  CHECK(by_category["persons"]["precision"].get<double>() > 0.9);
  CHECK(by_category["affiliation pairs"]["recall"].get<double>() > 0.8);
  CHECK(by_category["co-attendance pairs"]["recall"].get<double>() > 0.8);
  CHECK(by_category["part_of"]["tp"].get<int>() > 0);
}

TEST_CASE("generate --split writes the same text into numbered files of about that size",
          "[generate]") {
  TempDir dir;
  REQUIRE(run_cli(dir, "generate --size 100K --seed 2 -o whole.txt").status == 0);
  REQUIRE(run_cli(dir, "generate --size 100K --seed 2 --split 30K -o parts").status == 0);
  std::string joined;
  for (const char* name : {"part-0001.txt", "part-0002.txt", "part-0003.txt", "part-0004.txt"}) {
    const std::string part = dir.read(std::string("parts/") + name);
    CHECK(part.size() >= (joined.size() + part.size() < 100000 ? 30000 : 1));
    CHECK(part.size() < 30000 + 8000);
    joined += part;
  }
  CHECK_FALSE(fs::exists(dir.file("parts/part-0005.txt")));
  CHECK(joined == dir.read("whole.txt"));
}

TEST_CASE("generated reports name the same people again, with the same post", "[generate]") {
  TempDir dir;
  REQUIRE(run_cli(dir, "generate --size 300K --seed 4 -o news.txt --gold news.gold.json").status ==
          0);
  const auto gold = nlohmann::json::parse(dir.read("news.gold.json"));
  const std::size_t events = gold["events"].size();
  std::size_t attendances = 0;
  for (const auto& e : gold["events"]) attendances += e["attendees"].size();
  // Each person is at several events on average, and holds one post.
  CHECK(attendances > 3 * gold["persons"].size());
  CHECK(gold["affiliations"].size() == gold["persons"].size());
  CHECK(events > 50);
}

TEST_CASE("generate refuses a size it cannot read", "[generate]") {
  TempDir dir;
  const Result bad_size = run_cli(dir, "generate --size 12X");
  CHECK(bad_size.status == 2);
  CHECK(bad_size.err.find("--size") != std::string::npos);
  CHECK(run_cli(dir, "generate --size M").status == 2);
  CHECK(run_cli(dir, "generate extra.txt").status == 2);
  CHECK(run_cli(dir, "generate --split 10K").status == 2);  // --split needs -o FOLDER
}
