// Corpus-scale behaviour of the command line: streaming and gzip input,
// -j, progress, build --into and merge (see tools/documents.hpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_run.hpp"

using guanxi::testing::count_of;
using guanxi::testing::lines_of;
using guanxi::testing::Result;
using guanxi::testing::run_cli;
using guanxi::testing::TempDir;

namespace {

// Three shards of invented news. 柳思齐 is a professor at 东川大学 in shard
// 1 and a manager at 西岭医药集团 in shards 2 and 3: two people. 周明远 and
// 贺兰生 meet in every shard (co_attendance weight 3); 青年创新协会 in shard 2
// is an alias of 浙江省青年创新协会.
const char* const kShard1 =
    "第三届滨江青年创新论坛在杭州举行\n"
    "\n"
    "本报讯 "
    "近日，第三届滨江青年创新论坛在杭州举行。论坛由浙江省青年创新协会主办。浙江省青年创新协会会长周"
    "明远，东川大学教授柳思齐，南湖科技有限公司董事长贺兰生出席论坛。\n"
    "\n"
    "周明远在致辞中表示，协会愿与各方加强合作。\n"
    "\n"
    "（据滨江日报）\n"
    "\n"
    "东川大学举办校友座谈会\n"
    "\n"
    "本报讯 "
    "近日，东川大学校友座谈会在东川举行。东川大学校长孟德昭，东川大学教授柳思齐出席座谈会。座谈会由"
    "东川大学副校长齐景文主持。\n"
    "\n"
    "（来源：东川晚报）\n";
const char* const kShard2 =
    "西岭医药集团召开年度工作会议\n"
    "\n"
    "本报讯 "
    "近日，西岭医药集团年度工作会议在西岭举行。西岭医药集团总经理柳思齐，西岭医药集团副总经理唐若溪"
    "出席会议。会议由西岭医药集团董事长韩松柏主持。\n"
    "\n"
    "（据西岭商报）\n"
    "\n"
    "第四届滨江青年创新论坛在宁波举行\n"
    "\n"
    "本报讯 "
    "近日，第四届滨江青年创新论坛在宁波举行。论坛由浙江省青年创新协会主办。浙江省青年创新协会会长周"
    "明远，南湖科技有限公司董事长贺兰生，东川大学校长孟德昭出席论坛。\n"
    "\n"
    "青年创新协会秘书长林可欣介绍了论坛筹备情况。\n"
    "\n"
    "（据滨江日报）\n";
const char* const kShard3 =
    "南湖科技有限公司新品发布会在南湖举行\n"
    "\n"
    "本报讯 "
    "近日，南湖科技有限公司新品发布会在南湖举行。南湖科技有限公司董事长贺兰生，浙江省青年创新协会会"
    "长周明远，西岭医药集团总经理柳思齐出席发布会。发布会由南湖科技副总经理孙雅文主持。\n"
    "\n"
    "（据南湖晚报）\n";

void write_shards(const TempDir& dir) {
  dir.write("s1.txt", kShard1);
  dir.write("s2.txt", kShard2);
  dir.write("s3.txt", kShard3);
}

// Runs |args| and requires success.
Result ok(const TempDir& dir, const std::string& args, const std::string& stdin_file = "") {
  const Result r = run_cli(dir, args, stdin_file);
  INFO("guanxi " << args << "\n" << r.err);
  REQUIRE(r.status == 0);
  return r;
}

// gzip -c SRC > DST inside |dir|.
void gzip(const TempDir& dir, const std::string& src, const std::string& dst) {
  const std::string command =
      "cd '" + dir.path().string() + "' && gzip -c '" + src + "' > '" + dst + "'";
  REQUIRE(std::system(command.c_str()) == 0);
}

}  // namespace

TEST_CASE("the shard corpus has namesakes, an alias and people in several shards", "[corpus]") {
  TempDir dir;
  write_shards(dir);
  const std::string all = ok(dir, "build s1.txt s2.txt s3.txt -q").out;
  CHECK(count_of(all, "<data key=\"v_label\">柳思齐</data>") == 2);
  CHECK_THAT(all, Catch::Contains("one of 2 people named 柳思齐; held 教授 at 东川大学"));
  CHECK_THAT(all, Catch::Contains("<data key=\"v_aliases\">青年创新协会</data>"));
  CHECK_THAT(all, Catch::Contains("<data key=\"e_weight\">3</data>") &&
                      Catch::Contains("南湖科技有限公司新品发布会|第三届滨江青年创新论坛|"
                                      "第四届滨江青年创新论坛"));
}

TEST_CASE("the graph and the extraction are byte-identical for any -j", "[corpus]") {
  TempDir dir;
  write_shards(dir);
  ok(dir, "generate --size 150K --seed 11 -o gen.txt");
  const std::string inputs = "s1.txt gen.txt s2.txt s3.txt";
  const std::string one = ok(dir, "build -j 1 -q " + inputs).out;
  CHECK(count_of(one, "<node ") > 200);  // a corpus, not a toy
  for (const char* jobs : {"2", "4", "7"}) {
    INFO("-j " << jobs);
    CHECK(ok(dir, std::string("build -q -j ") + jobs + " " + inputs).out == one);
  }
  const std::string extracted = ok(dir, "extract -j1 -q " + inputs).out;
  CHECK(ok(dir, "extract -j4 -q " + inputs).out == extracted);

  // JSON Lines: every paragraph of the generated text one record.
  std::string jsonl;
  const std::string text = dir.read("gen.txt");
  for (std::size_t at = 0, n = 0; at < text.size(); ++n) {
    const std::size_t end = std::min(text.find("\n\n", at), text.size());
    jsonl += nlohmann::json({{"id", "p" + std::to_string(n)}, {"text", text.substr(at, end - at)}})
                 .dump() +
             "\n";
    at = end + 2;
  }
  dir.write("paragraphs.jsonl", jsonl);
  const std::string records = ok(dir, "build --jsonl -j1 -q paragraphs.jsonl").out;
  CHECK(count_of(records, "<node ") > 200);
  CHECK(ok(dir, "build --jsonl -j3 -q paragraphs.jsonl").out == records);
}

TEST_CASE("gzip input gives the same output as the plain input", "[corpus]") {
  TempDir dir;
  write_shards(dir);
  dir.write("docs.jsonl",
            "{\"id\": \"甲\", \"text\": \"浙江省青年创新协会会长周明远出席了论坛。\"}\n"
            "{\"text\": \"东川大学教授柳思齐表示。\"}\n");
  gzip(dir, "s1.txt", "s1.txt.gz");
  gzip(dir, "docs.jsonl", "docs.jsonl.gz");
  const std::string plain = ok(dir, "build s1.txt -q").out;
  CHECK(ok(dir, "build s1.txt.gz -q").out == plain);
  CHECK(ok(dir, "build - -q", "s1.txt.gz").out == ok(dir, "build - -q", "s1.txt").out);
  CHECK(ok(dir, "extract s1.txt.gz -q").out == ok(dir, "extract s1.txt -q").out);
  CHECK(ok(dir, "build --jsonl docs.jsonl.gz -q").out ==
        ok(dir, "build --jsonl docs.jsonl -q").out);

  // Directories list .txt.gz beside .txt, and ids leave the .gz out.
  dir.write("news/b.txt", kShard2);
  gzip(dir, "s1.txt", "news/a.txt.gz");
  dir.write("plain/b.txt", kShard2);
  dir.write("plain/a.txt", kShard1);
  CHECK(ok(dir, "build news -q").out == ok(dir, "build plain -q").out);

  // A damaged gzip file is an input failure naming the file.
  const std::string whole = dir.read("s1.txt.gz");
  dir.write("cut.txt.gz", whole.substr(0, whole.size() / 2));
  const Result cut = run_cli(dir, "build cut.txt.gz -q");
  CHECK(cut.status == 1);
  CHECK_THAT(cut.err, Catch::Contains("cut.txt.gz: truncated gzip data"));
}

TEST_CASE("eval --gold gives the same figures for any -j", "[corpus]") {
  TempDir dir;
  ok(dir, "generate --size 40K --seed 5 -o g.txt --gold g.gold.json");
  const std::string one = ok(dir, "eval --gold g.gold.json g.txt -j1 -q").out;
  CHECK_THAT(one, Catch::Contains("persons"));
  CHECK(ok(dir, "eval --gold g.gold.json g.txt -j2 -q").out == one);
  CHECK(ok(dir, "eval --gold g.gold.json g.txt -j4 -q").out == one);
}

TEST_CASE("merging graphs of shards gives the bytes of one build over every shard", "[corpus]") {
  TempDir dir;
  write_shards(dir);
  ok(dir, "generate --size 60K --seed 21 -o gen.txt");
  const std::string all = ok(dir, "build s1.txt gen.txt s2.txt s3.txt -q -o all.graphml").out;
  ok(dir, "build s1.txt -q -o a.graphml");
  ok(dir, "build gen.txt s2.txt -q -o b.graphml -j1");
  ok(dir, "build s3.txt -q -o c.graphml");
  CHECK(ok(dir, "merge a.graphml b.graphml c.graphml").out == dir.read("all.graphml"));
  ok(dir, "merge a.graphml b.graphml -o ab.graphml");
  CHECK(ok(dir, "merge ab.graphml c.graphml").out == dir.read("all.graphml"));
  // Also as DOT, and from gzip.
  gzip(dir, "c.graphml", "c.graphml.gz");
  CHECK(ok(dir, "merge ab.graphml c.graphml.gz -o m.dot").out.empty());
  CHECK(dir.read("m.dot") ==
        ok(dir, "build s1.txt gen.txt s2.txt s3.txt -q -o -  --format dot").out);

  // A people view has lost what merging needs.
  ok(dir, "build s1.txt --view people -q -o people.graphml");
  const Result view = run_cli(dir, "merge people.graphml c.graphml");
  CHECK(view.status == 1);
  CHECK_THAT(view.err, Catch::Contains("people.graphml: ") && Catch::Contains("whole graphs"));
  // Bad GraphML names its line; an output equal to an input is refused.
  dir.write("bad.graphml", "<graphml>\n<graph>\n<node id=\"n0\">\n</graph>");
  const Result bad = run_cli(dir, "merge a.graphml bad.graphml");
  CHECK(bad.status == 1);
  CHECK_THAT(bad.err, Catch::Contains("bad.graphml:"));
  CHECK(run_cli(dir, "merge a.graphml c.graphml -o a.graphml").status == 2);
}

TEST_CASE("build --into grows a graph to what one build over everything gives", "[corpus]") {
  TempDir dir;
  write_shards(dir);
  const std::string all = ok(dir, "build s1.txt s2.txt s3.txt -q").out;
  ok(dir, "build s1.txt -q -o grown.graphml");
  ok(dir, "build --into grown.graphml s2.txt -q -j2");
  CHECK(ok(dir, "build --into grown.graphml s3.txt -q -o -").out == all);
  ok(dir, "build --into grown.graphml s3.txt -q");
  CHECK(dir.read("grown.graphml") == all);

  CHECK(run_cli(dir, "build --into grown.graphml s3.txt --view people -q").status == 2);
  CHECK(run_cli(dir, "build --into missing.graphml s3.txt -q").status == 1);
}

TEST_CASE("an edge seen a thousand times keeps its count and five evidence lines", "[corpus]") {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 1000; ++i) {
    jsonl += "{\"id\": \"r" + std::to_string(i) +
             "\", \"text\": \"东川大学教授柳思齐出席了座谈会。\"}\n";
  }
  dir.write("many.jsonl", jsonl);
  const std::string g = ok(dir, "build --jsonl many.jsonl -q --view affiliations").out;
  const auto at = g.find("<data key=\"e_kind\">affiliation</data>");
  REQUIRE(at != std::string::npos);
  const std::string edge = g.substr(at, g.find("</edge>", at) - at);
  CHECK_THAT(edge, Catch::Contains("<data key=\"e_weight\">1000</data>"));
  CHECK(count_of(edge, "出席了座谈会。") == 5);
  CHECK_THAT(edge,
             Catch::Contains(">r0\t") && Catch::Contains("\nr4\t") && !Catch::Contains("r5\t"));
}

TEST_CASE("progress shows on a terminal only, with documents, MB/s and time left", "[corpus]") {
  TempDir dir;
  ok(dir, "generate --size 200K --seed 3 -o gen.txt");
  // Not a terminal (run_cli sends stderr to a file): nothing.
  CHECK(ok(dir, "build gen.txt -o g.graphml").err.empty());
  // A terminal, through script(1).
  auto on_terminal = [&dir](const std::string& args) {
    const std::string command = "cd '" + dir.path().string() +
                                "' && TERM=xterm script -qec \"'" GUANXI_CLI "' " + args +
                                "\" /dev/null > tty.out 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    return dir.read("tty.out");
  };
  const std::string shown = on_terminal("build gen.txt -o g.graphml -j2");
  CHECK_THAT(shown, Catch::Contains("documents, ") && Catch::Contains(" MB/s") &&
                        Catch::Contains(" left"));
  CHECK(on_terminal("build gen.txt -o g.graphml --quiet").empty());
}

TEST_CASE("the jobs option takes a positive count and build and merge document their options",
          "[corpus]") {
  TempDir dir;
  CHECK_THAT(ok(dir, "build --help").out,
             Catch::Contains("-j, --jobs N") && Catch::Contains("--into GRAPH"));
  CHECK_THAT(ok(dir, "merge --help").out, Catch::Contains("usage: guanxi merge"));
  dir.write("a.txt", kShard1);
  const Result zero = run_cli(dir, "build a.txt -j 0");
  CHECK(zero.status == 2);
  CHECK_THAT(zero.err, Catch::Contains("--jobs"));
}

TEST_CASE("JSON Lines of many one-sentence records give the same graph for any -j", "[corpus]") {
  // Regression: tiny documents were handed to the workers one by one, so -j 2
  // spent its time on locks and wake-ups; they now go in batches, and these
  // 20000 records (about 1.5 MB) span many batches of every size.
  TempDir dir;
  const char* const surnames[] = {"柳", "贺", "孟", "齐", "唐", "韩", "孙"};
  const char* const given[] = {"思齐", "明远", "德昭", "景文", "若溪", "松柏", "雅文", "可欣"};
  const char* const places[] = {"东川大学", "西岭医药集团", "南湖科技有限公司"};
  std::string jsonl;
  for (int i = 0; i < 20000; ++i) {
    jsonl += "{\"id\": \"t" + std::to_string(i) + "\", \"text\": \"" + places[i % 3] + "副总经理" +
             surnames[i % 7] + given[(i / 7) % 8] + "出席了第" + std::to_string(i % 50 + 1) +
             "届座谈会。\"}\n";
  }
  dir.write("tiny.jsonl", jsonl);
  const std::string one = ok(dir, "build --jsonl -j1 -q tiny.jsonl").out;
  CHECK(count_of(one, "<node ") > 100);
  CHECK(ok(dir, "build --jsonl -j2 -q tiny.jsonl").out == one);
  CHECK(ok(dir, "extract --jsonl -j3 -q tiny.jsonl").out ==
        ok(dir, "extract --jsonl -j1 -q tiny.jsonl").out);

  // A bad record deep in the file fails at its own line for any -j.
  const std::size_t at = jsonl.find("{\"id\": \"t15000\"");
  REQUIRE(at != std::string::npos);
  dir.write("bad.jsonl", jsonl.substr(0, at) + "{\"id\": 1\n" + jsonl.substr(at));
  for (const char* jobs : {"1", "2"}) {
    INFO("-j " << jobs);
    const Result bad = run_cli(dir, std::string("build --jsonl -q -j") + jobs + " bad.jsonl");
    CHECK(bad.status == 1);
    CHECK_THAT(bad.err, Catch::Contains("bad.jsonl:15001"));
  }
}
