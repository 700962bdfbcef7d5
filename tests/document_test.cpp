// Stage 2: splitting a text into documents and documents into sentences.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "guanxi/document.hpp"
#include "guanxi/text.hpp"

namespace {

std::string utf8(std::u32string_view text) { return guanxi::encode_utf8(text); }

// The normalised text of |span| in |doc| (UTF-8).
std::string norm_text(const guanxi::Document& doc, guanxi::Span span) {
  return utf8(std::u32string_view(doc.norm.text).substr(span.begin, span.end - span.begin));
}

// The original text behind the normalised span [b, e) of |doc| (UTF-8).
std::string orig_text(const guanxi::Document& doc, std::size_t b, std::size_t e) {
  const std::size_t ob = doc.norm.orig_begin(b);
  return utf8(std::u32string_view(doc.original).substr(ob, doc.norm.orig_end(e) - ob));
}

std::vector<std::string> sentence_texts(const guanxi::Document& doc) {
  std::vector<std::string> out;
  for (const guanxi::Span& s : doc.sentences) out.push_back(norm_text(doc, s));
  return out;
}

// Checks the map of |doc| points into its own original text.
void check_map(const guanxi::Document& doc) {
  REQUIRE(doc.norm.to_orig.size() == doc.norm.text.size() + 1);
  CHECK(doc.norm.to_orig.back() == doc.original.size());
  for (std::size_t i = 0; i < doc.norm.text.size(); ++i) {
    REQUIRE(doc.norm.to_orig[i] < doc.norm.to_orig[i + 1]);
  }
}

// Two short articles, each closed by a source line, after two blank lines.
const std::u32string kTwoArticles =
    U"\n\n某某公司召开年度大会\n\n"
    U"　　本报讯，某某公司董事长张三主持会议。他说：“今年很好！”\n\n"
    U"（据《某某日报》）\n\n"
    U"某某協會換屆\n\n"
    U"某某协会选举李四为会长。\n\n"
    U"(据某某协会)\n";

}  // namespace

TEST_CASE("a text without headline or source lines is one document named by the id base",
          "[document]") {
  const std::u32string text = U"张三主持会议。\n李四出席会议。\n";
  const auto docs = guanxi::split_documents(text, "news.txt");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].id == "news.txt");
  CHECK(docs[0].original == text);
  CHECK(docs[0].headline.empty());
  CHECK(docs[0].source.empty());
  CHECK(sentence_texts(docs[0]) == std::vector<std::string>{"张三主持会议。", "李四出席会议。"});
  check_map(docs[0]);
}

TEST_CASE("two articles each closed by a source line become two documents numbered from one",
          "[document]") {
  const auto docs = guanxi::split_documents(kTwoArticles, "digest");
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == "digest#1");
  CHECK(docs[1].id == "digest#2");
  CHECK(docs[0].headline == "某某公司召开年度大会");
  CHECK(docs[1].headline == "某某协会换届");
  CHECK(docs[0].source == "某某日报");
  CHECK(docs[1].source == "某某协会");
  check_map(docs[0]);
  check_map(docs[1]);
}

TEST_CASE("each document keeps its own slice of the original from headline to source line",
          "[document]") {
  const auto docs = guanxi::split_documents(kTwoArticles, "digest");
  REQUIRE(docs.size() == 2);
  CHECK(utf8(docs[0].original) ==
        "某某公司召开年度大会\n\n"
        "　　本报讯，某某公司董事长张三主持会议。他说：“今年很好！”\n\n"
        "（据《某某日报》）");
  CHECK(utf8(docs[1].original) == "某某協會換屆\n\n某某协会选举李四为会长。\n\n(据某某协会)");
}

TEST_CASE("offsets in a later document count from that document's first character",
          "[document]") {
  const auto docs = guanxi::split_documents(kTwoArticles, "digest");
  REQUIRE(docs.size() == 2);
  const std::size_t zhang = docs[0].norm.text.find(U"张三");
  REQUIRE(zhang != std::u32string::npos);
  CHECK(orig_text(docs[0], zhang, zhang + 2) == "张三");
  CHECK(docs[0].norm.orig_begin(zhang) == 25);
  const std::size_t li = docs[1].norm.text.find(U"李四");
  REQUIRE(li != std::u32string::npos);
  CHECK(docs[1].norm.orig_begin(li) == 14);
  // A traditional headline maps back to its traditional original.
  CHECK(orig_text(docs[1], 0, 6) == "某某協會換屆");
}

TEST_CASE("the source name drops its book-title marks and its span points at the name",
          "[document]") {
  const auto docs = guanxi::split_documents(kTwoArticles, "digest");
  REQUIRE(docs.size() == 2);
  CHECK(norm_text(docs[0], docs[0].source_span) == "某某日报");
  CHECK(orig_text(docs[0], docs[0].source_span.begin, docs[0].source_span.end) == "某某日报");
  CHECK(norm_text(docs[1], docs[1].source_span) == "某某协会");
}

TEST_CASE("a sentence ends at a terminator or a line end and keeps its closing quote",
          "[document]") {
  const auto docs = guanxi::split_documents(kTwoArticles, "digest");
  REQUIRE(docs.size() == 2);
  CHECK(sentence_texts(docs[0]) == std::vector<std::string>{"某某公司召开年度大会",
                                                            "本报讯,某某公司董事长张三主持会议。",
                                                            "他说:“今年很好!”", "(据《某某日报》)"});
}

TEST_CASE("semicolons and repeated terminators end one sentence each", "[document]") {
  const auto doc = guanxi::make_document(U"王五来了；赵六走了！？\n\n　　钱七到了", "r1");
  CHECK(sentence_texts(doc) == std::vector<std::string>{"王五来了;", "赵六走了!?", "钱七到了"});
  REQUIRE(doc.sentences.size() == 3);
  CHECK(doc.sentences[2].begin == 15);  // after the indentation
}

TEST_CASE("source lines written with full-width parentheses or 来源 name the publication",
          "[document]") {
  CHECK(guanxi::make_document(U"标题\n\n正文。\n\n（来源：某某网）", "a").source == "某某网");
  CHECK(guanxi::make_document(U"标题\n\n正文。\n\n（据新华社报道）", "b").source == "新华社");
  CHECK(guanxi::make_document(U"标题\n\n正文。\n\n(据《某某晚报》消息)", "c").source == "某某晚报");
  CHECK(guanxi::make_document(U"标题\n\n正文。\n\n来源: 某某市政府网站", "d").source ==
        "某某市政府网站");
}

TEST_CASE("a parenthesised sentence opening with 据悉 is not a source line", "[document]") {
  const std::u32string text = U"标题一\n\n正文。\n\n（据悉，会议明年举行。）\n\n标题二\n\n正文。";
  const auto docs = guanxi::split_documents(text, "x");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].source.empty());
}

TEST_CASE("a source line followed by more body text stays inside its document", "[document]") {
  const std::u32string text = U"会议召开\n\n张三出席。\n(据新华社)\n李四也出席了会议。\n\n(据某某报)\n";
  const auto docs = guanxi::split_documents(text, "x");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].id == "x");
  CHECK(docs[0].headline == "会议召开");
  CHECK(docs[0].source == "某某报");
}

TEST_CASE("a single headed article is returned whole so offsets count from the input's start",
          "[document]") {
  const std::u32string text = U"\n\n会议召开\n\n张三出席。\n\n（据某某报）\n";
  const auto docs = guanxi::split_documents(text, "one.txt");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].id == "one.txt");
  CHECK(docs[0].original == text);
  CHECK(docs[0].headline == "会议召开");
  CHECK(docs[0].source == "某某报");
  check_map(docs[0]);
}

TEST_CASE("a broken line inside a later document is joined and still maps into its slice",
          "[document]") {
  const std::u32string broken = U"新发布的规划提出到明年底全市将建成三百个社区服务站点并且培训社工";
  const std::u32string text = U"第一篇\n\n正文。\n\n(据甲报)\n\n第二篇\n\n" + broken +
                              U"\n\n五百名。\n\n(据乙报)\n";
  const auto docs = guanxi::split_documents(text, "x");
  REQUIRE(docs.size() == 2);
  const guanxi::Document& second = docs[1];
  check_map(second);
  CHECK(sentence_texts(second) ==
        std::vector<std::string>{"第二篇", utf8(broken) + "五百名。", "(据乙报)"});
  const std::size_t wu = second.norm.text.find(U"五百名");
  CHECK(orig_text(second, wu, wu + 3) == "五百名");
  CHECK(second.norm.orig_begin(wu) == 5 + broken.size() + 2);
}

TEST_CASE("make_document keeps the whole record and does not split at source lines",
          "[document]") {
  const auto doc = guanxi::make_document(kTwoArticles, "line-7");
  CHECK(doc.id == "line-7");
  CHECK(doc.original == kTwoArticles);
  CHECK(doc.headline == "某某公司召开年度大会");
  CHECK(doc.source == "某某协会");
  check_map(doc);
}

TEST_CASE("a one-line record has no headline", "[document]") {
  const auto doc = guanxi::make_document(U"张三任某某公司董事长", "r");
  CHECK(doc.headline.empty());
  CHECK(sentence_texts(doc) == std::vector<std::string>{"张三任某某公司董事长"});
}

TEST_CASE("empty input gives one empty document without sentences", "[document]") {
  const auto docs = guanxi::split_documents(U"", "empty");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].id == "empty");
  CHECK(docs[0].norm.text.empty());
  CHECK(docs[0].sentences.empty());
  CHECK(docs[0].norm.to_orig == std::vector<std::size_t>{0});
}

TEST_CASE("a headline followed by a dateline starts a new document without a source line",
          "[document]") {
  const std::u32string text = guanxi::decode_utf8(
      "全市防汛工作会议召开\n\n本报讯 6月2日，全市防汛工作会议召开。张三主持会议。\n\n"
      "某某大学与某某研究院签约\n\n本报北京6月3日电 6月2日，双方签署协议。\n\n"
      "某某协会换届\n\n近日，某某协会召开换届大会。\n");
  const auto docs = guanxi::split_documents(text, "paper");
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].headline == "全市防汛工作会议召开");
  CHECK(docs[1].headline == "某某大学与某某研究院签约");
  CHECK(docs[2].headline == "某某协会换届");
  CHECK(sentence_texts(docs[1]).back() == "本报北京6月3日电 6月2日,双方签署协议。");
  check_map(docs[1]);
}

TEST_CASE("an ASCII full stop after a Han character ends a sentence, not inside a name or number",
          "[document]") {
  const std::u32string text = guanxi::decode_utf8(
      "12月3日,理事会召开.会长宁雪松出席.导演迈克.内维尔介绍了3.5亿元的项目.\n");
  const auto docs = guanxi::split_documents(text, "t");
  REQUIRE(docs.size() == 1);
  CHECK(sentence_texts(docs[0]) ==
        std::vector<std::string>{"12月3日,理事会召开.", "会长宁雪松出席.",
                                 "导演迈克.内维尔介绍了3.5亿元的项目."});
}

TEST_CASE("an editor's credit line closes an article like a finished paragraph", "[document]") {
  const std::u32string text = guanxi::decode_utf8(
      "我校与某某集团签约\n\n本网讯 5月9日，双方签署协议。\n（撰稿：宣传部 审核：办公室）\n\n"
      "外事办会见来宾\n\n新华社上海5月10日电 外事办负责人会见来宾。\n责任编辑：柏青\n\n"
      "某某协会换届\n\n近日，某某协会召开换届大会。\n");
  const auto docs = guanxi::split_documents(text, "site");
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].headline == "我校与某某集团签约");
  CHECK(docs[1].headline == "外事办会见来宾");
  CHECK(docs[2].headline == "某某协会换届");
  check_map(docs[1]);
}

TEST_CASE("a section heading or a short line before plain text does not split an article",
          "[document]") {
  const std::u32string text = guanxi::decode_utf8(
      "全市防汛工作会议召开\n\n本报讯 6月2日，全市防汛工作会议召开。\n\n"
      "一、压实防汛责任\n\n近日，各区县落实责任。\n\n"
      "会议要求\n\n各部门要加强值守。\n");
  const auto docs = guanxi::split_documents(text, "paper");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].id == "paper");
}
