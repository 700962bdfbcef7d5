// Bad input through the command line: encodings, empty and binary files,
// oversized documents, malformed JSON Lines, unreadable files. Each case states
// the exact message or behaviour, and that a failed build leaves its output
// file as it was, with no temporary file beside it.
#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using guanxi::testing::count_of;
using guanxi::testing::encoded;
using guanxi::testing::Result;
using guanxi::testing::run_cli;
using guanxi::testing::TempDir;

namespace {

const std::string kNews = "某某协会会长王小明出席了论坛。\n";
const std::string kPrevious = "<previous graph/>\n";

// Runs "build ARGS -o out.graphml" over an existing out.graphml and checks the
// run failed with exit 1 and |message| on stderr, the file kept and no
// temporary left.
void check_build_fails_cleanly(const TempDir& dir, const std::string& args,
                               const std::string& message) {
  dir.write("out.graphml", kPrevious);
  const Result r = run_cli(dir, "build " + args + " -o out.graphml");
  CHECK(r.status == 1);
  CHECK(r.err == message);
  CHECK(r.out.empty());
  CHECK(dir.read("out.graphml") == kPrevious);
  for (const auto& name : dir.names()) CHECK(name.find(".tmp.") == std::string::npos);
}

}  // namespace

TEST_CASE("an empty file is warned about and gives an empty graph", "[input]") {
  TempDir dir;
  dir.write("empty.txt", "");
  dir.write("blank.txt", "\xEF\xBB\xBF \n\n");
  const Result r = run_cli(dir, "build empty.txt blank.txt");
  CHECK(r.status == 0);
  CHECK(r.err ==
        "guanxi: warning: empty.txt: empty, no documents\n"
        "guanxi: warning: blank.txt: empty, no documents\n");
  CHECK(r.out.find("<graphml") != std::string::npos);
  CHECK(r.out.find("<node") == std::string::npos);
  dir.write("empty.jsonl", "");
  const Result jsonl = run_cli(dir, "extract --jsonl empty.jsonl");
  CHECK(jsonl.status == 0);
  CHECK(jsonl.out.empty());
  CHECK(jsonl.err == "guanxi: warning: empty.jsonl: empty, no documents\n");
}

TEST_CASE("a binary file is refused as binary data at its first NUL", "[input]") {
  TempDir dir;
  // The start of a PNG file: not UTF-8 at byte 0, a NUL at byte 8 after two line feeds.
  dir.write("logo.txt", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\x90", 20));
  check_build_fails_cleanly(
      dir, "logo.txt",
      "guanxi: error: logo.txt:3: NUL character at byte 8 (line 3); binary data, not text\n");
}

TEST_CASE("NUL bytes in a text file are an error, or replaced and counted with --lenient",
          "[input]") {
  TempDir dir;
  dir.write("nul.txt", "第一行\n" + std::string(1, '\0') + kNews);
  check_build_fails_cleanly(
      dir, "nul.txt",
      "guanxi: error: nul.txt:2: NUL character at byte 10 (line 2); binary data, not text\n");
  const Result lenient = run_cli(dir, "extract --lenient nul.txt");
  CHECK(lenient.status == 0);
  CHECK(lenient.err ==
        "guanxi: warning: nul.txt: replaced 1 invalid sequence with U+FFFD (first at byte 10)\n");
  // The U+FFFD takes the NUL's place: 会长 stays at code points 9..11 of the text.
  CHECK(lenient.out.find("\"text\":\"会长\",\"start\":9,\"end\":11") != std::string::npos);
}

TEST_CASE("invalid UTF-8 is an error naming the byte and line, or replaced with --lenient",
          "[input]") {
  TempDir dir;
  dir.write("bad.txt", "第一行\n王小\xFF明\n" + kNews + "\xC3");
  check_build_fails_cleanly(
      dir, "bad.txt",
      "guanxi: error: bad.txt:2: invalid UTF-8 at byte 16 (line 2); not UTF-8, nor recognisably "
      "GB18030 or Big5: name its encoding with --encoding\n");
  const Result lenient = run_cli(dir, "build --lenient bad.txt");
  CHECK(lenient.status == 0);
  CHECK(lenient.err ==
        "guanxi: warning: bad.txt: replaced 2 invalid sequences with U+FFFD (first at byte 16)\n");
  CHECK(lenient.out.find("王小明") != std::string::npos);
}

TEST_CASE("a GB18030 file is detected and a Big5 file read as named", "[input]") {
  TempDir dir;
  const std::string text = "昨天，某某市科学技术协会在市会议中心举行年度学术论坛，" + kNews;
  dir.write("gb.txt", encoded(text, "GB18030"));
  const Result gb = run_cli(dir, "extract gb.txt");
  CHECK(gb.status == 0);
  CHECK(gb.err == "guanxi: note: gb.txt: not UTF-8; read as GB18030 (detected, confidence 100)\n");
  // Offsets count code points of the decoded text, not bytes of the file.
  CHECK(gb.out.find("\"text\":\"王小明\",\"start\":33,\"end\":36") != std::string::npos);
  CHECK(run_cli(dir, "extract --quiet gb.txt").err.empty());

  dir.write("big5.txt", encoded("會長王小明", "Big5"));  // too short to detect
  CHECK(run_cli(dir, "extract big5.txt").status == 1);
  const Result big5 = run_cli(dir, "extract --encoding Big5 big5.txt");
  CHECK(big5.status == 0);
  CHECK(big5.err.empty());
  CHECK(big5.out.find("\"text\":\"王小明\",\"start\":2,\"end\":5") != std::string::npos);
}

TEST_CASE("an unknown --encoding is a usage error with a hint", "[input]") {
  TempDir dir;
  dir.write("a.txt", kNews);
  const Result r = run_cli(dir, "build --encoding GB1803 a.txt");
  CHECK(r.status == 2);
  CHECK(r.err ==
        "guanxi: error: unknown encoding 'GB1803' (did you mean 'GB18030'?)\n"
        "run 'guanxi build --help' for usage\n");
}

TEST_CASE("an invalid sequence in a named encoding names the byte and line", "[input]") {
  TempDir dir;
  dir.write("gbk.txt", encoded("会长\n王小明\n", "GBK") + "\x81\x20");
  check_build_fails_cleanly(dir, "--encoding GBK gbk.txt",
                            "guanxi: error: gbk.txt:3: invalid GBK at byte 12 (line 3)\n");
}

TEST_CASE("a UTF-8 byte order mark is accepted and counts for no offset", "[input]") {
  TempDir dir;
  dir.write("bom.txt", "\xEF\xBB\xBF" + kNews);
  const Result r = run_cli(dir, "extract bom.txt");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("\"text\":\"王小明\",\"start\":6,\"end\":9") != std::string::npos);
}

TEST_CASE("a 100 MB line without a newline is refused by the default --max-doc-bytes", "[input]") {
  TempDir dir;
  {
    std::ofstream out(dir.path() / "huge.txt", std::ios::binary);
    const std::string block(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) out << block;
    out << kNews.substr(0, kNews.size() - 1);  // no newline anywhere
  }
  check_build_fails_cleanly(dir, "huge.txt",
                            "guanxi: error: huge.txt: more than --max-doc-bytes (8388608 bytes) in "
                            "one document; raise the limit or split the file\n");
  dir.write("small.txt", kNews);
  const Result skipped = run_cli(dir, "extract --skip-bad huge.txt small.txt");
  CHECK(skipped.status == 0);
  CHECK(skipped.err ==
        "guanxi: warning: huge.txt: more than --max-doc-bytes (8388608 bytes) in one document; "
        "raise the limit or split the file\n"
        "guanxi: warning: skipped 1 file (--skip-bad)\n");
  CHECK(skipped.out.find("\"id\":\"small.txt\"") != std::string::npos);
  fs::remove(dir.path() / "huge.txt");
}

TEST_CASE("a 4 MiB line without a newline is read whole, with the offsets of its end", "[input]") {
  // Linear work: a quadratic step here would take hours, not seconds.
  TempDir dir;
  const std::size_t filler = std::size_t{4} << 20;
  dir.write("long.txt", std::string(filler, 'x') + "。" + kNews.substr(0, kNews.size() - 1));
  const Result r = run_cli(dir, "extract long.txt");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const std::string start = std::to_string(filler + 1 + 6);
  CHECK(r.out.find("\"text\":\"王小明\",\"start\":" + start) != std::string::npos);
}

TEST_CASE("the --max-doc-bytes limit bounds a text file and a JSON Lines record", "[input]") {
  TempDir dir;
  dir.write("a.txt", kNews + kNews);  // 92 bytes
  check_build_fails_cleanly(dir, "--max-doc-bytes 50 a.txt",
                            "guanxi: error: a.txt: more than --max-doc-bytes (50 bytes) in one "
                            "document; raise the limit or split the file\n");
  CHECK(run_cli(dir, "build --max-doc-bytes 92 a.txt").status == 0);
  CHECK(run_cli(dir, "build --max-doc-bytes 0 a.txt").status == 0);
  CHECK(run_cli(dir, "build --max-doc-bytes 1K a.txt").status == 0);

  dir.write("c.jsonl", "{\"text\": \"王小明。\"}\n{\"text\": \"" + std::string(2000, 'x') +
                           "\"}\n{\"text\": \"齐云舒。\"}\n");
  check_build_fails_cleanly(dir, "--jsonl --max-doc-bytes 1K c.jsonl",
                            "guanxi: error: c.jsonl:2: record of 2012 bytes, more than "
                            "--max-doc-bytes (1024)\n");
  const Result skipped = run_cli(dir, "extract --jsonl --max-doc-bytes 1K --skip-bad c.jsonl");
  CHECK(skipped.status == 0);
  CHECK(count_of(skipped.out, "\"id\"") == 2);

  const Result bad = run_cli(dir, "build --max-doc-bytes 5X a.txt");
  CHECK(bad.status == 2);
  CHECK(bad.err ==
        "guanxi: error: option '--max-doc-bytes' needs a non-negative whole number, got '5X'\n"
        "run 'guanxi build --help' for usage\n");
}

TEST_CASE("a malformed JSON Lines record is an error with its line, or skipped and counted",
          "[input]") {
  TempDir dir;
  dir.write("c.jsonl",
            "{\"id\": \"a\", \"text\": \"王小明。\"}\n"
            "{\"id\": \"b\", \"text\": \"齐云舒\n"
            "{\"id\": \"c\", \"text\": \"赵六。\"}\n"
            "not json\n");
  check_build_fails_cleanly(
      dir, "--jsonl c.jsonl",
      "guanxi: error: c.jsonl:2: invalid JSON at byte 31 of the line: syntax error while parsing "
      "value - invalid string: missing closing quote; last read: '\"齐云舒'\n");
  const Result r = run_cli(dir, "extract --jsonl --skip-bad c.jsonl");
  CHECK(r.status == 0);
  CHECK(r.err ==
        "guanxi: warning: c.jsonl:2: invalid JSON at byte 31 of the line: syntax error while "
        "parsing value - invalid string: missing closing quote; last read: '\"齐云舒'\n"
        "guanxi: warning: c.jsonl:4: invalid JSON at byte 2 of the line: syntax error while "
        "parsing value - invalid literal; last read: 'no'\n"
        "guanxi: warning: skipped 2 JSON Lines records (--skip-bad)\n");
  CHECK(count_of(r.out, "\"id\"") == 2);
  CHECK(r.out.find("\"id\":\"a\"") != std::string::npos);
  CHECK(r.out.find("\"id\":\"c\"") != std::string::npos);
}

TEST_CASE("a directory's unreadable .txt entries stop the run, or are skipped and counted",
          "[input]") {
  TempDir dir;
  dir.write("news/a.txt", kNews);
  dir.write("news/notes.txt/b.txt", "齐云舒会长出席了论坛。\n");  // a folder named .txt is entered
  fs::create_symlink("missing.txt", dir.path() / "news/gone.txt");       // a dangling link
  REQUIRE(::mkfifo((dir.path() / "news/pipe.txt").c_str(), 0644) == 0);  // would block a read
  dir.write("news/secret.txt", kNews);
  fs::permissions(dir.path() / "news/secret.txt", fs::perms::none);
  // Root reads a file whatever its mode: run as nobody then (setpriv, util-linux).
  const std::string as_user =
      ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";

  check_build_fails_cleanly(dir, "news",
                            "guanxi: error: news/gone.txt: No such file or directory\n");
  const Result r = run_cli(dir, "extract --skip-bad news", "", as_user);
  CHECK(r.status == 0);
  CHECK(r.err ==
        "guanxi: warning: news/gone.txt: No such file or directory\n"
        "guanxi: warning: news/pipe.txt: not a regular file\n"
        "guanxi: warning: news/secret.txt: Permission denied\n"
        "guanxi: warning: skipped 3 files (--skip-bad)\n");
  CHECK(count_of(r.out, "\"id\"") == 2);
  CHECK(r.out.find("\"id\":\"a.txt\"") != std::string::npos);
  CHECK(r.out.find("\"id\":\"notes.txt/b.txt\"") != std::string::npos);
}

TEST_CASE("a JSON Lines record with a number too large for a double is skipped with --skip-bad",
          "[input]") {
  TempDir dir;
  dir.write("n.jsonl", "{\"n\": 1e99999, \"text\": \"王小明。\"}\n{\"text\": \"齐云舒。\"}\n");
  const Result r = run_cli(dir, "extract --jsonl --skip-bad n.jsonl");
  CHECK(r.status == 0);
  CHECK(r.err ==
        "guanxi: warning: n.jsonl:1: invalid JSON: number overflow parsing '1e99999'\n"
        "guanxi: warning: skipped 1 JSON Lines record (--skip-bad)\n");
  CHECK(count_of(r.out, "\"id\"") == 1);
}

TEST_CASE("an output that cannot be written whole is an error naming it, and the old file is kept",
          "[input]") {
  TempDir dir;
  REQUIRE(run_cli(dir, "generate --size 300K -o in.txt").status == 0);
  // A file-size limit of 64 KB (128 blocks of 512 bytes) for the build only;
  // writes past it fail with EFBIG instead of killing the process.
  const std::string limit = "ulimit -f 128; trap '' XFSZ;";
  for (const std::string output : {"out.graphml", "out.gexf"}) {
    const std::string format = output == "out.graphml" ? "GraphML" : "GEXF";
    dir.write(output, kPrevious);
    const Result r = run_cli(dir, "build --quiet in.txt -o " + output, "", limit);
    CHECK(r.status == 1);
    CHECK(r.err == "guanxi: error: " + output + ": cannot write the " + format + " output\n");
    CHECK(dir.read(output) == kPrevious);
    for (const auto& name : dir.names()) CHECK(name.find(".tmp.") == std::string::npos);
  }
}

TEST_CASE("evidence that cannot be spilled to $TMPDIR is an error naming the folder", "[input]") {
  TempDir dir;
  REQUIRE(run_cli(dir, "generate --size 3M -o in.txt").status == 0);
  // 512 KB: less than the first 1 MiB of evidence text the build spills.
  const std::string limit = "ulimit -f 1024; trap '' XFSZ; TMPDIR='" + dir.path().string() + "'";
  dir.write("out.graphml", kPrevious);
  const Result r = run_cli(dir, "build --quiet -j 1 in.txt -o out.graphml", "", limit);
  CHECK(r.status == 1);
  CHECK(r.err == "guanxi: error: cannot write evidence text to the temporary file in " +
                     dir.path().string() + ": File too large (set TMPDIR to a folder with room)\n");
  CHECK(dir.read("out.graphml") == kPrevious);
  for (const auto& name : dir.names()) CHECK(name.find(".tmp.") == std::string::npos);
}
