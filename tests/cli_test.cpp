// The guanxi command line, run as a process on files in a fresh temporary folder.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.hpp"

using guanxi::testing::count_of;
using guanxi::testing::lines_of;
using guanxi::testing::Result;
using guanxi::testing::run_cli;
using guanxi::testing::TempDir;

namespace fs = std::filesystem;

namespace {

const char* const kNews = "某某协会会长王小明出席了论坛。\n";

}  // namespace

TEST_CASE("guanxi --help exits 0 and lists the subcommands", "[cli]") {
  TempDir dir;
  const Result r = run_cli(dir, "--help");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Catch::StartsWith("usage: guanxi"));
  for (const char* command : {"\n  build ", "\n  extract ", "\n  eval "}) {
    CHECK(r.out.find(command) != std::string::npos);
  }
  CHECK(run_cli(dir, "").status == 2);  // no command at all is a usage error
}

TEST_CASE("every subcommand's --help shows its options with their defaults", "[cli]") {
  TempDir dir;
  const Result build = run_cli(dir, "build --help");
  CHECK(build.status == 0);
  CHECK_THAT(build.out, Catch::StartsWith("usage: guanxi build"));
  CHECK_THAT(build.out, Catch::Contains("--format FORMAT") && Catch::Contains("--render FILE") &&
                            Catch::Contains("(default: -)") && Catch::Contains("--view VIEW") &&
                            Catch::Contains("(default: all)"));
  const Result extract = run_cli(dir, "extract -h");
  CHECK(extract.status == 0);
  CHECK_THAT(extract.out, Catch::Contains("--jsonl") && Catch::Contains("(default: off)") &&
                              Catch::Contains("\"relations\"") && Catch::Contains("evidence"));
  const Result eval = run_cli(dir, "eval --help");
  CHECK(eval.status == 0);
  CHECK_THAT(eval.out, Catch::Contains("--cluener FILE") && Catch::Contains("--first N") &&
                           Catch::Contains("(default: 0)") && Catch::Contains("(default: 20)"));
}

TEST_CASE("guanxi --version prints the version", "[cli]") {
  TempDir dir;
  const Result r = run_cli(dir, "--version");
  CHECK(r.status == 0);
  CHECK(r.out == "guanxi 0.1.0\n");
}

TEST_CASE("an unknown option exits 2 with a did-you-mean hint", "[cli]") {
  TempDir dir;
  dir.write("in.txt", kNews);
  const Result r = run_cli(dir, "build --fromat dot in.txt");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith(
                        "guanxi: error: unknown option '--fromat' (did you mean '--format'?)\n"));

  const Result command = run_cli(dir, "biuld in.txt");
  CHECK(command.status == 2);
  CHECK_THAT(command.err, Catch::Contains("unknown command 'biuld' (did you mean 'build'?)"));

  const Result missing_value = run_cli(dir, "build in.txt -o");
  CHECK(missing_value.status == 2);
  CHECK_THAT(missing_value.err, Catch::Contains("'-o' needs a value"));
}

TEST_CASE("a missing input file exits 1 naming the file and the reason", "[cli]") {
  TempDir dir;
  const Result r = run_cli(dir, "build no_such_file.txt");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "guanxi: error: no_such_file.txt: No such file or directory\n");
}

TEST_CASE("a malformed JSON Lines record exits 1 naming its line", "[cli]") {
  TempDir dir;
  dir.write("docs.jsonl",
            "{\"id\": \"a\", \"text\": \"王小明出席。\"}\n"
            "{\"id\": \"b\", \"text\": \"李大伟出席。\"}\n"
            "{\"id\": \"c\", \"text\": \"断了\n");
  const Result r = run_cli(dir, "extract --jsonl docs.jsonl");
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::StartsWith("guanxi: error: docs.jsonl:3: "));

  dir.write("no_text.jsonl", "{\"id\": \"a\", \"text\": \"王小明。\"}\n{\"id\": \"b\"}\n");
  const Result no_text = run_cli(dir, "build --jsonl no_text.jsonl");
  CHECK(no_text.status == 1);
  CHECK(no_text.err == "guanxi: error: no_text.jsonl:2: no \"text\" string\n");
}

TEST_CASE("invalid UTF-8 input exits 1 naming the line and byte offset", "[cli]") {
  TempDir dir;
  // "第一行\n" is 10 bytes, "王小" 6 more: the bad byte is at offset 16, on line 2.
  dir.write("bad.txt", "第一行\n王小\xff明\n");
  const Result r = run_cli(dir, "build bad.txt");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith("guanxi: error: bad.txt:2: "));
  CHECK_THAT(r.err, Catch::Contains("16"));
}

TEST_CASE("a lexicon file with a bad line exits 1 naming that line", "[cli]") {
  TempDir dir;
  dir.write("in.txt", kNews);
  dir.write("words.txt", "# my words\n某某协会 no_such_category\n");
  const Result r = run_cli(dir, "build in.txt --lexicon words.txt");
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::StartsWith("guanxi: error: words.txt:2: "));
}

TEST_CASE("an output equal to an input is refused and the input kept", "[cli]") {
  TempDir dir;
  dir.write("in.txt", kNews);
  const std::string absolute = (dir.path() / "in.txt").string();
  for (const std::string& args : {std::string("build in.txt -o in.txt"),
                                  std::string("build ./in.txt --output=in.txt --format dot"),
                                  "build . -o '" + absolute + "' --format graphml"}) {
    INFO(args);
    const Result r = run_cli(dir, args);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("is also an input"));
    CHECK(dir.read("in.txt") == kNews);
  }
}

TEST_CASE("a failed build leaves an existing output unchanged", "[cli]") {
  TempDir dir;
  dir.write("out.graphml", "old graph\n");
  dir.write("docs.jsonl", "{\"text\": \"王小明出席。\"}\n{\"text\": 42}\n");
  const Result r = run_cli(dir, "build --jsonl docs.jsonl -o out.graphml --render out.svg");
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::StartsWith("guanxi: error: docs.jsonl:2: "));
  CHECK(dir.read("out.graphml") == "old graph\n");
  std::vector<std::string> names = dir.names();
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"docs.jsonl", "out.graphml"});  // no temp left behind
}

TEST_CASE("build writes GraphML to stdout by default and DOT for -o x.dot", "[cli]") {
  TempDir dir;
  dir.write("in.txt", kNews);
  const Result graphml = run_cli(dir, "build in.txt");
  CHECK(graphml.status == 0);
  CHECK_THAT(graphml.out, Catch::Contains("<graphml") && Catch::Contains("</graphml>"));

  const Result dot = run_cli(dir, "build in.txt -o x.dot");
  CHECK(dot.status == 0);
  CHECK(dot.out.empty());
  CHECK_THAT(dir.read("x.dot"), Catch::Contains("digraph"));
  for (const auto& name : dir.names()) CHECK(name.find(".tmp.") == std::string::npos);

  const Result forced = run_cli(dir, "build in.txt --format dot");
  CHECK(forced.status == 0);
  CHECK(forced.out == dir.read("x.dot"));

  const Result unknown = run_cli(dir, "build in.txt -o x.png");
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.err, Catch::Contains("cannot tell the graph format from 'x.png'"));

  const Result bad_format = run_cli(dir, "build in.txt --format dto");
  CHECK(bad_format.status == 2);
  CHECK_THAT(bad_format.err, Catch::Contains("dto") && Catch::Contains("did you mean"));
}

TEST_CASE("an INPUT of - reads standard input", "[cli]") {
  TempDir dir;
  dir.write("in.txt", kNews);
  dir.write("in.jsonl", "{\"text\": \"王小明说。\"}\n{\"text\": \"李大伟说。\"}\n");
  const Result text = run_cli(dir, "extract -", "in.txt");
  CHECK(text.status == 0);
  const auto lines = lines_of(text.out);
  REQUIRE(lines.size() == 1);
  CHECK_THAT(nlohmann::json::parse(lines[0]).at("id").get<std::string>(),
             Catch::StartsWith("<stdin>"));

  const Result jsonl = run_cli(dir, "extract --jsonl -", "in.jsonl");
  CHECK(jsonl.status == 0);
  const auto records = lines_of(jsonl.out);
  REQUIRE(records.size() == 2);
  CHECK(nlohmann::json::parse(records[1]).at("id") == "<stdin>:2");
}

TEST_CASE("extract --jsonl gives one JSON object per input line with the given ids", "[cli]") {
  TempDir dir;
  dir.write("docs.jsonl",
            "{\"id\": \"甲\", \"text\": \"某某协会会长王小明出席了论坛。\", \"extra\": [1, 2]}\n"
            "{\"text\": \"东湖研究院院长李大伟表示。\"}\n"
            "\n"
            "{\"id\": \"c\", \"text\": \"张晓红说。\"}\n");
  const Result r = run_cli(dir, "extract --jsonl docs.jsonl");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 3);
  const std::vector<std::string> ids = {"甲", "docs.jsonl:2", "c"};
  const std::vector<std::size_t> lengths = {15, 13, 5};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(lines[i].find("\\u") == std::string::npos);  // Chinese stays Chinese
    const auto doc = nlohmann::json::parse(lines[i]);
    CHECK(doc.at("id") == ids[i]);
    REQUIRE(doc.at("mentions").is_array());
    for (const auto& m : doc.at("mentions")) {
      CHECK(m.at("start").get<std::size_t>() < m.at("end").get<std::size_t>());
      CHECK(m.at("end").get<std::size_t>() <= lengths[i]);
    }
  }
}

TEST_CASE("a directory input reads its .txt files recursively in sorted order", "[cli]") {
  TempDir dir;
  dir.write("news/b.txt", "李大伟说。\n");
  dir.write("news/a/z.txt", "王小明说。\n");
  dir.write("news/notes.md", "不读这个。\n");
  const Result r = run_cli(dir, "extract news");
  REQUIRE(r.status == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 2);
  CHECK_THAT(nlohmann::json::parse(lines[0]).at("id").get<std::string>(),
             Catch::StartsWith("a/z.txt"));
  CHECK_THAT(nlohmann::json::parse(lines[1]).at("id").get<std::string>(),
             Catch::StartsWith("b.txt"));

  dir.write("empty/readme.md", "x");
  const Result empty = run_cli(dir, "extract empty");
  CHECK(empty.status == 1);
  CHECK_THAT(empty.err, Catch::Contains("empty: no .txt files"));
}

TEST_CASE("eval --gold prints six categories whose gold counts match the file", "[cli]") {
  TempDir dir;
  dir.write("in.txt", kNews);
  dir.write("in.gold.json",
            R"({"persons": ["王小明", "李大伟"], "organizations": [{"name": "某某协会"}],
                "affiliations": [{"person": "王小明", "org": "某某协会", "title": "会长"}],
                "events": [{"name": "论坛", "attendees": ["王小明", "李大伟", "张晓红"]}]})");
  const Result r = run_cli(dir, "eval --gold in.gold.json in.txt --json");
  REQUIRE(r.status == 0);
  const auto report = nlohmann::json::parse(r.out);
  const auto& scores = report.at("scores");
  REQUIRE(scores.size() == 6);
  const std::vector<std::pair<std::string, std::size_t>> expected = {{"persons", 2},
                                                                     {"organizations", 1},
                                                                     {"affiliation pairs", 1},
                                                                     {"affiliation titles", 1},
                                                                     {"co-attendance pairs", 3},
                                                                     {"part_of", 0}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(scores[i].at("category") == expected[i].first);
    CHECK(scores[i].at("tp").get<std::size_t>() + scores[i].at("fn").get<std::size_t>() ==
          expected[i].second);
  }

  const Result table = run_cli(dir, "eval --gold in.gold.json in.txt");
  CHECK(table.status == 0);
  CHECK_THAT(table.out, Catch::StartsWith("category") && Catch::Contains("co-attendance pairs"));

  const Result bad_gold = run_cli(dir, "eval --gold in.txt in.txt");
  CHECK(bad_gold.status == 1);
  CHECK_THAT(bad_gold.err, Catch::StartsWith("guanxi: error: in.txt:1: invalid JSON"));

  const Result neither = run_cli(dir, "eval in.txt");
  CHECK(neither.status == 2);
}

TEST_CASE("eval --cluener with --first and --limit scores only those lines", "[cli]") {
  TempDir dir;
  dir.write(
      "c.json",
      R"({"text": "王小明说。", "label": {"name": {"王小明": [[0, 2]]}}})"
      "\n"
      R"({"text": "东湖研究院和江城日报社签约。", "label": {"government": {"东湖研究院": [[0, 4]]}, "company": {"江城日报社": [[6, 10]]}, "game": {"签约": [[11, 12]]}}})"
      "\n"
      R"({"text": "李大伟说。", "label": {"name": {"李大伟": [[0, 2]]}}})"
      "\n");
  const Result r = run_cli(dir, "eval --cluener c.json --first 1 --limit 1 --json");
  REQUIRE(r.status == 0);
  const auto scores = nlohmann::json::parse(r.out).at("scores");
  std::map<std::string, std::size_t> gold;
  for (const auto& s : scores) {
    gold[s.at("category")] = s.at("tp").get<std::size_t>() + s.at("fn").get<std::size_t>();
  }
  CHECK(gold == std::map<std::string, std::size_t>{
                    {"person", 0}, {"title", 0}, {"organization", 2}, {"all", 2}});

  const Result bad = run_cli(dir, "eval --cluener c.json --limit many");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("--limit"));
}

TEST_CASE("build --view people writes only the persons and their co_attendance edges", "[cli]") {
  TempDir dir;
  dir.write("in.txt", "东湖市作家协会会长王小明、副会长李大华出席了第三届青年文学研讨会。\n");
  const Result all = run_cli(dir, "build in.txt");
  REQUIRE(all.status == 0);
  CHECK_THAT(all.out, Catch::Contains("<data key=\"v_kind\">organization</data>") &&
                          Catch::Contains("<data key=\"v_kind\">event</data>"));

  const Result people = run_cli(dir, "build in.txt --view people");
  REQUIRE(people.status == 0);
  INFO(people.out);
  CHECK(count_of(people.out, "<data key=\"v_kind\">person</data>") == 2);
  CHECK(count_of(people.out, "<data key=\"v_kind\">") == 2);
  CHECK(count_of(people.out, "<data key=\"e_kind\">co_attendance</data>") == 1);
  CHECK(count_of(people.out, "<data key=\"e_kind\">") == 1);

  const Result affiliations = run_cli(dir, "build in.txt --view=affiliations --format dot");
  REQUIRE(affiliations.status == 0);
  CHECK_THAT(affiliations.out,
             Catch::Contains("kind=affiliation") && Catch::Contains("kind=organization") &&
                 !Catch::Contains("kind=event") && !Catch::Contains("kind=attended") &&
                 !Catch::Contains("kind=co_attendance"));

  const Result typo = run_cli(dir, "build in.txt --view peple");
  CHECK(typo.status == 2);
  CHECK(typo.out.empty());
  CHECK_THAT(typo.err,
             Catch::StartsWith("guanxi: error: unknown view 'peple' (did you mean 'people'?)\n"));
  const Result unknown = run_cli(dir, "build in.txt --view everything");
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.err, Catch::Contains("use all, people or affiliations"));
}

TEST_CASE("extract lists each relation with its entities and the sentence that states it",
          "[cli]") {
  TempDir dir;
  // 26 code points; 东湖市作家协会会长王小明 is 0 to 12.
  const std::string sentence = "东湖市作家协会会长王小明出席了第三届青年文学研讨会。";
  dir.write("in.jsonl", "{\"id\": \"a\", \"text\": \"" + sentence +
                            "\"}\n{\"id\": \"b\", \"text\": \"今天下雨。\"}\n");
  const Result r = run_cli(dir, "extract --jsonl in.jsonl");
  REQUIRE(r.status == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 2);
  INFO(lines[0]);
  CHECK(lines[0].find("\"mentions\"") < lines[0].find("\"relations\""));
  const auto doc = nlohmann::json::parse(lines[0]);
  const nlohmann::json* affiliation = nullptr;
  const nlohmann::json* attended = nullptr;
  for (const auto& relation : doc.at("relations")) {
    CHECK(relation.at("evidence").at("sentence") == sentence);
    CHECK(relation.at("evidence").at("start").get<std::size_t>() <
          relation.at("evidence").at("end").get<std::size_t>());
    CHECK(relation.at("evidence").at("end").get<std::size_t>() <= 26);
    if (relation.at("kind") == "affiliation") affiliation = &relation;
    if (relation.at("kind") == "attended") attended = &relation;
  }
  REQUIRE(affiliation != nullptr);
  CHECK(affiliation->at("person") == "王小明");
  CHECK(affiliation->at("organization") == "东湖市作家协会");
  CHECK(affiliation->at("title") == "会长");
  CHECK(affiliation->at("former") == false);
  CHECK(affiliation->at("evidence").at("start") == 0);
  CHECK(affiliation->at("evidence").at("end") == 12);
  REQUIRE(attended != nullptr);
  CHECK(attended->at("person") == "王小明");
  CHECK(attended->at("event") == "第三届青年文学研讨会");
  CHECK(attended->at("role") == "attended");
  const auto& events = doc.at("events");
  REQUIRE(events.size() == 1);
  CHECK(events[0].at("name") == "第三届青年文学研讨会");

  // Nothing found: an empty list of relations and no events.
  const auto quiet = nlohmann::json::parse(lines[1]);
  CHECK(quiet.at("relations") == nlohmann::json::array());
  CHECK_FALSE(quiet.contains("events"));
}

TEST_CASE("extract escapes quotes, backslashes and control characters in ids and keeps bad bytes"
          " readable",
          "[cli]") {
  TempDir dir;
  dir.write("docs.jsonl",
            "{\"id\": \"a\\\"b\\\\c\\u0001\\td\", \"text\": \"某某协会会长王小明出席了论坛。\"}\n");
  const Result r = run_cli(dir, "extract --jsonl docs.jsonl");
  REQUIRE(r.status == 0);
  CHECK(r.out.find(R"("id":"a\"b\\c\u0001\td")") != std::string::npos);
  CHECK(nlohmann::json::parse(lines_of(r.out).at(0))["id"] == "a\"b\\c\x01\td");

  dir.write("bad\xff.txt", "某某协会会长王小明出席了论坛。\n");
  const Result bad = run_cli(dir, "extract 'bad\xff.txt'");
  REQUIRE(bad.status == 0);
  CHECK(nlohmann::json::parse(lines_of(bad.out).at(0))["id"] == "bad\xEF\xBF\xBD.txt");
}

TEST_CASE("extract and build take --accurate, which does not go with --model", "[cli]") {
  TempDir dir;
  dir.write("in.txt", "云岭市科技协会会长王小明出席了论坛。\n");
  const Result accurate = run_cli(dir, "extract --accurate in.txt");
  CHECK(accurate.status == 0);
  CHECK_THAT(accurate.out, Catch::Contains("\"affiliation\"") &&
                               Catch::Contains("\"person\":\"王小明\"") &&
                               Catch::Contains("\"organization\":\"云岭市科技协会\""));
  const Result built = run_cli(dir, "build --accurate in.txt -o out.graphml");
  CHECK(built.status == 0);
  CHECK_THAT(dir.read("out.graphml"), Catch::Contains("王小明"));

  dir.write("m.model", "not a model");
  const Result both = run_cli(dir, "extract --accurate --model m.model in.txt");
  CHECK(both.status == 2);
  CHECK_THAT(both.err, Catch::Contains("--model and --accurate"));
  CHECK(run_cli(dir, "eval --accurate --model m.model --cluener x.json").status == 2);
  CHECK_THAT(run_cli(dir, "extract --help").out, Catch::Contains("--accurate"));
}
