// The facade end to end on a digest written for this test: two articles about
// two meetings with overlapping attendees. Names and organisations are invented.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <tuple>

#include <boost/range/iterator_range.hpp>

#include "guanxi/guanxi.hpp"

namespace {

const char* const kDigest =
    "第一届江南乡村振兴论坛在杭州举行\n"
    "\n"
    "5月8日,第一届江南乡村振兴论坛在杭州举行。论坛由浙江省农村发展协会主办。"
    "浙江省农村发展协会会长沈一鸣,南湖大学教授顾晓岚,嘉兴市民政局副局长陆天成出席论坛。\n"
    "沈一鸣在致辞中表示,乡村振兴需要社会力量参与。\n"
    "顾晓岚介绍了南湖大学的乡村调查成果。\n"
    "(据浙江省农村发展协会)\n"
    "\n"
    "第二届太湖社会工作研讨会召开\n"
    "\n"
    "5月20日,第二届太湖社会工作研讨会在苏州召开。苏州市社会工作协会会长钱静怡主持会议,"
    "浙江省农村发展协会会长沈一鸣,南湖大学教授顾晓岚参加会议。\n"
    "(据《姑苏晚报》)\n";

struct Built {
  std::vector<guanxi::AnalyzedDocument> docs;
  guanxi::Graph graph;
};

Built build() {
  Built b;
  b.docs = guanxi::Pipeline().analyze_text(kDigest, "digest.txt");
  guanxi::GraphBuilder builder;
  for (const auto& d : b.docs) builder.add(d.document, d.extraction);
  b.graph = builder.build();
  return b;
}

std::set<std::string> labels(const guanxi::Graph& g, guanxi::VertexKind kind) {
  std::set<std::string> out;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].kind == kind) out.insert(g[v].label);
  }
  return out;
}

// (source label, target label, weight) of every edge of |kind|.
std::set<std::tuple<std::string, std::string, double>> edges(const guanxi::Graph& g,
                                                             guanxi::EdgeKind kind) {
  std::set<std::tuple<std::string, std::string, double>> out;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    if (g[e].kind != kind) continue;
    std::string a = g[boost::source(e, g)].label;
    std::string b = g[boost::target(e, g)].label;
    if (kind == guanxi::EdgeKind::co_attendance && b < a) std::swap(a, b);
    out.emplace(a, b, g[e].weight);
  }
  return out;
}

}  // namespace

TEST_CASE("a digest of two articles gives two documents with their headlines and sources",
          "[pipeline]") {
  const Built b = build();
  REQUIRE(b.docs.size() == 2);
  CHECK(b.docs[0].document.id == "digest.txt#1");
  CHECK(b.docs[1].document.id == "digest.txt#2");
  CHECK(b.docs[0].document.headline == "第一届江南乡村振兴论坛在杭州举行");
  CHECK(b.docs[1].document.source == "姑苏晚报");
}

TEST_CASE("each article's meeting is one event with its place, date and organiser",
          "[pipeline]") {
  const Built b = build();
  CHECK(labels(b.graph, guanxi::VertexKind::event) ==
        std::set<std::string>{"第一届江南乡村振兴论坛", "第二届太湖社会工作研讨会"});
  const auto forum = guanxi::find_vertex(b.graph, guanxi::VertexKind::event, "第一届江南乡村振兴论坛");
  REQUIRE(forum);
  CHECK(b.graph[*forum].place == "杭州");
  CHECK(b.graph[*forum].date == "5月8日");
  CHECK(edges(b.graph, guanxi::EdgeKind::organized) ==
        std::set<std::tuple<std::string, std::string, double>>{
            {"浙江省农村发展协会", "第一届江南乡村振兴论坛", 1.0}});
}

TEST_CASE("a person named in two articles is one vertex and co-attendance counts shared events",
          "[pipeline]") {
  const Built b = build();
  CHECK(labels(b.graph, guanxi::VertexKind::person) ==
        std::set<std::string>{"沈一鸣", "顾晓岚", "陆天成", "钱静怡"});
  CHECK(edges(b.graph, guanxi::EdgeKind::co_attendance) ==
        std::set<std::tuple<std::string, std::string, double>>{
            {"沈一鸣", "顾晓岚", 2.0},  // both meetings
            {"沈一鸣", "陆天成", 1.0},
            {"陆天成", "顾晓岚", 1.0},
            {"沈一鸣", "钱静怡", 1.0},
            {"钱静怡", "顾晓岚", 1.0}});
}

TEST_CASE("roles come from the cue verbs of each article", "[pipeline]") {
  const Built b = build();
  std::set<std::tuple<std::string, std::string, std::string>> roles;
  for (auto e : boost::make_iterator_range(boost::edges(b.graph))) {
    if (b.graph[e].kind != guanxi::EdgeKind::attended || !b.graph[e].role) continue;
    roles.emplace(b.graph[boost::source(e, b.graph)].label, b.graph[boost::target(e, b.graph)].label,
                  guanxi::to_string(*b.graph[e].role));
  }
  CHECK(roles == std::set<std::tuple<std::string, std::string, std::string>>{
                     {"沈一鸣", "第一届江南乡村振兴论坛", "spoke"},
                     {"顾晓岚", "第一届江南乡村振兴论坛", "presented"},
                     {"陆天成", "第一届江南乡村振兴论坛", "attended"},
                     {"钱静怡", "第二届太湖社会工作研讨会", "hosted"},
                     {"沈一鸣", "第二届太湖社会工作研讨会", "attended"},
                     {"顾晓岚", "第二届太湖社会工作研讨会", "attended"}});
}

TEST_CASE("every edge carries evidence that names its document and sentence", "[pipeline]") {
  const Built b = build();
  for (auto e : boost::make_iterator_range(boost::edges(b.graph))) {
    INFO(guanxi::to_string(b.graph[e].kind) << " " << b.graph[boost::source(e, b.graph)].label);
    REQUIRE_FALSE(b.graph[e].evidence.empty());
    const auto& ev = b.graph[e].evidence.front();
    CHECK((ev.document == "digest.txt#1" || ev.document == "digest.txt#2"));
    CHECK_FALSE(ev.sentence.empty());
    CHECK(ev.end > ev.start);
  }
}
