// The facade end to end on a digest written for this test: three articles about
// three meetings with overlapping attendees, one person named in two articles,
// and a namesake of theirs at an unrelated organisation in the third. Names and
// organisations are invented.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <thread>
#include <vector>
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
    "(据《姑苏晚报》)\n"
    "\n"
    "滇西林业座谈会在大理召开\n"
    "\n"
    "6月3日,滇西林业座谈会在大理召开。云南省林业科学院研究员沈一鸣,"
    "大理州林业局局长段志平出席座谈会。\n"
    "段志平在讲话中指出,要加强林区保护。\n"
    "(据《云岭日报》)\n";

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

// A vertex as a test names it: its label, and for a person kept apart from a
// namesake also the organisation of their first affiliation ("name@org").
std::string name_of(const guanxi::Graph& g, guanxi::VertexId v) {
  std::string name = g[v].label;
  if (g[v].kind != guanxi::VertexKind::person || g[v].disambiguation.empty()) return name;
  for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
    if (g[e].kind == guanxi::EdgeKind::affiliation) return name + "@" + g[boost::target(e, g)].label;
  }
  return name;
}

std::multiset<std::string> vertices(const guanxi::Graph& g, guanxi::VertexKind kind) {
  std::multiset<std::string> out;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].kind == kind) out.insert(name_of(g, v));
  }
  return out;
}

// (source, target, title or role, weight) of every edge of |kind|; co_attendance
// pairs in label order.
using EdgeRow = std::tuple<std::string, std::string, std::string, double>;
std::multiset<EdgeRow> edges(const guanxi::Graph& g, guanxi::EdgeKind kind) {
  std::multiset<EdgeRow> out;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    if (g[e].kind != kind) continue;
    std::string a = name_of(g, boost::source(e, g));
    std::string b = name_of(g, boost::target(e, g));
    if (kind == guanxi::EdgeKind::co_attendance && b < a) std::swap(a, b);
    const std::string detail = g[e].role ? guanxi::to_string(*g[e].role) : g[e].title;
    out.emplace(a, b, detail, g[e].weight);
  }
  return out;
}

}  // namespace

TEST_CASE("a digest of three articles gives three documents with their headlines and sources",
          "[pipeline]") {
  const Built b = build();
  REQUIRE(b.docs.size() == 3);
  CHECK(b.docs[0].document.id == "digest.txt#1");
  CHECK(b.docs[2].document.id == "digest.txt#3");
  CHECK(b.docs[0].document.headline == "第一届江南乡村振兴论坛在杭州举行");
  CHECK(b.docs[1].document.source == "姑苏晚报");
  CHECK(b.docs[2].document.source == "云岭日报");
}

TEST_CASE("the digest's graph has exactly one vertex per real person, organisation and event",
          "[pipeline]") {
  const Built b = build();
  // Two people named 沈一鸣 hold posts only at unrelated organisations: two vertices.
  CHECK(vertices(b.graph, guanxi::VertexKind::person) ==
        std::multiset<std::string>{"沈一鸣@浙江省农村发展协会", "沈一鸣@云南省林业科学院",
                                   "顾晓岚", "陆天成", "钱静怡", "段志平"});
  CHECK(vertices(b.graph, guanxi::VertexKind::organization) ==
        std::multiset<std::string>{"浙江省农村发展协会", "南湖大学", "嘉兴市民政局",
                                   "苏州市社会工作协会", "云南省林业科学院", "大理州林业局",
                                   "姑苏晚报", "云岭日报"});
  CHECK(vertices(b.graph, guanxi::VertexKind::event) ==
        std::multiset<std::string>{"第一届江南乡村振兴论坛", "第二届太湖社会工作研讨会",
                                   "滇西林业座谈会"});
  CHECK(boost::num_vertices(b.graph) == 17);
}

TEST_CASE("each article's meeting is one event with its place, date and organiser",
          "[pipeline]") {
  const Built b = build();
  const auto forum = guanxi::find_vertex(b.graph, guanxi::VertexKind::event, "第一届江南乡村振兴论坛");
  REQUIRE(forum);
  CHECK(b.graph[*forum].place == "杭州");
  CHECK(b.graph[*forum].date == "5月8日");
  CHECK(b.graph[*forum].document == "digest.txt#1");
  const auto forestry = guanxi::find_vertex(b.graph, guanxi::VertexKind::event, "滇西林业座谈会");
  REQUIRE(forestry);
  CHECK(b.graph[*forestry].place == "大理");
  CHECK(b.graph[*forestry].source == "云岭日报");
  CHECK(edges(b.graph, guanxi::EdgeKind::organized) ==
        std::multiset<EdgeRow>{{"浙江省农村发展协会", "第一届江南乡村振兴论坛", "", 1.0}});
}

TEST_CASE("affiliations join each person to the organisation of their own article",
          "[pipeline]") {
  const Built b = build();
  CHECK(edges(b.graph, guanxi::EdgeKind::affiliation) ==
        std::multiset<EdgeRow>{
            {"沈一鸣@浙江省农村发展协会", "浙江省农村发展协会", "会长", 2.0},  // two articles
            {"沈一鸣@云南省林业科学院", "云南省林业科学院", "研究员", 1.0},
            {"顾晓岚", "南湖大学", "教授", 2.0},
            {"陆天成", "嘉兴市民政局", "副局长", 1.0},
            {"钱静怡", "苏州市社会工作协会", "会长", 1.0},
            {"段志平", "大理州林业局", "局长", 1.0}});
  CHECK(edges(b.graph, guanxi::EdgeKind::part_of).empty());
  CHECK(edges(b.graph, guanxi::EdgeKind::member_of).empty());
}

TEST_CASE("a person named in two articles is one vertex and co-attendance counts shared events",
          "[pipeline]") {
  const Built b = build();
  CHECK(edges(b.graph, guanxi::EdgeKind::co_attendance) ==
        std::multiset<EdgeRow>{
            {"沈一鸣@浙江省农村发展协会", "顾晓岚", "", 2.0},  // both meetings
            {"沈一鸣@浙江省农村发展协会", "陆天成", "", 1.0},
            {"陆天成", "顾晓岚", "", 1.0},
            {"沈一鸣@浙江省农村发展协会", "钱静怡", "", 1.0},
            {"钱静怡", "顾晓岚", "", 1.0},
            // the namesake meets only the people of the third meeting
            {"段志平", "沈一鸣@云南省林业科学院", "", 1.0}});
}

TEST_CASE("roles come from the cue verbs of each article", "[pipeline]") {
  const Built b = build();
  CHECK(edges(b.graph, guanxi::EdgeKind::attended) ==
        std::multiset<EdgeRow>{
            {"沈一鸣@浙江省农村发展协会", "第一届江南乡村振兴论坛", "spoke", 2.0},
            {"顾晓岚", "第一届江南乡村振兴论坛", "presented", 2.0},
            {"陆天成", "第一届江南乡村振兴论坛", "attended", 1.0},
            {"钱静怡", "第二届太湖社会工作研讨会", "hosted", 1.0},
            {"沈一鸣@浙江省农村发展协会", "第二届太湖社会工作研讨会", "attended", 1.0},
            {"顾晓岚", "第二届太湖社会工作研讨会", "attended", 1.0},
            {"沈一鸣@云南省林业科学院", "滇西林业座谈会", "attended", 1.0},
            {"段志平", "滇西林业座谈会", "spoke", 2.0}});
}

TEST_CASE("namesakes kept apart say why in their disambiguation", "[pipeline]") {
  const Built b = build();
  std::vector<std::string> reasons;
  for (auto v : boost::make_iterator_range(boost::vertices(b.graph))) {
    if (b.graph[v].label == "沈一鸣") reasons.push_back(b.graph[v].disambiguation);
  }
  REQUIRE(reasons.size() == 2);
  for (const auto& reason : reasons) {
    INFO(reason);
    CHECK((reason.find("浙江省农村发展协会") != std::string::npos ||
           reason.find("云南省林业科学院") != std::string::npos));
  }
  CHECK(reasons[0] != reasons[1]);
}

TEST_CASE("every edge carries evidence that names its document and sentence", "[pipeline]") {
  const Built b = build();
  for (auto e : boost::make_iterator_range(boost::edges(b.graph))) {
    INFO(guanxi::to_string(b.graph[e].kind) << " " << b.graph[boost::source(e, b.graph)].label);
    REQUIRE_FALSE(b.graph[e].evidence.empty());
    const auto& ev = b.graph[e].evidence.front();
    CHECK((ev.document == "digest.txt#1" || ev.document == "digest.txt#2" ||
           ev.document == "digest.txt#3"));
    CHECK_FALSE(ev.sentence.empty());
    CHECK(ev.end > ev.start);
  }
}

TEST_CASE("a pipeline prepared on several threads at once analyses as before", "[pipeline]") {
  const guanxi::Pipeline pipeline;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&pipeline] { pipeline.prepare(); });
  for (auto& thread : threads) thread.join();
  const auto docs = pipeline.analyze_text(kDigest, "digest.txt");
  const Built b = build();
  REQUIRE(docs.size() == b.docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto& x = docs[i].extraction;
    const auto& y = b.docs[i].extraction;
    CHECK(x.persons.size() == y.persons.size());
    CHECK(x.affiliations.size() == y.affiliations.size());
    CHECK(x.attendances.size() == y.attendances.size());
    for (std::size_t p = 0; p < std::min(x.persons.size(), y.persons.size()); ++p) {
      CHECK(x.persons[p].name == y.persons[p].name);
    }
  }
  CHECK_FALSE(docs.front().extraction.persons.empty());
}
