// guanxi generate: writes made-up meeting reports for benchmarks and tests.
//
// Every article is built from the built-in word lists (surnames, titles,
// organisation heads, places, event heads, cue verbs) and invented names:
// a surname from surname.txt and one or two given-name characters, or a
// foreign name of transliteration characters. A headline, an opening with
// date and place, the organisers, the attendees as ORG TITLE NAME chains
// (several names sharing one title, sub-units after their parent, former
// posts), speeches, the host and a source line. The same seed gives the same
// bytes on every machine: the random numbers come from splitmix64, not from
// the standard library's distributions, whose results are not specified.
// With --gold the generator also writes what it put in, as a gold file for
// 'guanxi eval --gold'.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "guanxi/lexicon.hpp"
#include "inputs.hpp"

namespace guanxi::cli {
namespace {

// splitmix64: a tiny generator whose output is fixed by its definition.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // A number in [0, n); n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  // True |percent| times in a hundred.
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::uint64_t state_;
};

// Characters of Chinese given names (characters, not names).
const std::vector<std::string> kGivenChars = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "飞", "鹏", "辉", "宇",
    "晨", "昊", "航", "睿", "哲", "轩", "涵", "瑶", "琳", "欣", "怡", "婷", "雯", "悦", "岚",
    "峰", "嘉", "浩", "然", "楠", "博", "文", "建", "国", "志", "海", "春", "晓", "亮", "斌",
    "慧", "思", "雨", "泽", "铭", "子", "梓", "皓", "逸", "凯", "翔", "立", "永", "忠", "德",
    "蕾", "薇", "颖", "璐", "佳", "琪", "宁", "安", "康", "乐", "彤", "清", "远", "东", "南",
    "晗", "鑫", "煜", "澄", "朗", "彦", "骏", "钧", "韬", "毅", "恒", "诚", "信", "仁", "智",
};

// Fields that name what organisations and meetings are about.
const std::vector<std::string> kFields = {
    "社区养老服务", "文化交流",   "青年创业",   "生态环境",     "数字经济",   "乡村振兴",
    "中医药",       "新能源",     "海洋科技",   "非物质文化遗产", "智慧城市", "职业教育",
    "国际贸易",     "现代农业",   "医疗卫生",   "知识产权",     "体育健身",   "妇女儿童发展",
    "公益慈善",     "对外友好",   "人工智能",   "文物保护",     "食品安全",   "残疾人康复",
    "物流供应链",   "旅游发展",   "水利建设",   "气象服务",     "心理健康",   "老龄事业",
};

// Heads of sub-units, written after their parent organisation.
const std::vector<std::string> kUnits = {"研究部", "秘书处", "办公室", "会员服务部", "宣传部",
                                         "对外联络部", "培训中心", "信息中心", "财务部"};

// Titles meetings name most; kept only where title.txt holds them.
const std::vector<std::string> kCommonTitles = {
    "会长", "秘书长", "理事长", "主任", "院长", "所长", "教授", "研究员", "董事长", "总经理",
    "局长", "处长", "主席", "书记", "校长", "负责人", "顾问", "总监", "参赞", "总领事",
    "厅长", "司长", "部长", "常务理事", "理事", "副主任", "社长", "馆长", "行长", "专家"};

// Organisation heads that take no place and field before them (one body of its kind).
const std::set<std::string> kSingularHeads = {
    "联合国", "国务院", "政协", "人大常委会", "党委", "市委", "省委", "县委", "区委", "纪委",
    "军区", "部队", "议会", "国会", "代表团", "法庭", "派出所", "基金", "总局", "分局", "分会",
    "分公司", "使馆", "法院", "检察院", "办公厅", "委员会办公室", "组织部", "宣传部", "统战部"};

const std::vector<std::string> kEventHeads = {"论坛", "研讨会", "座谈会", "年会",   "峰会",
                                              "交流会", "推进会", "发布会", "大会", "报告会"};

const std::vector<std::string> kOpinions = {
    "是推动高质量发展的重要力量，各方应进一步加强交流合作",
    "关系千家万户，需要政府、社会和市场共同发力",
    "领域的人才培养仍有短板，下一步将完善培养体系",
    "工作要坚持问题导向，把服务送到群众身边",
    "的标准化建设已经起步，希望与会各方形成更多务实成果",
    "方面的国际合作前景广阔，愿与各方分享经验、共谋发展",
};

// Places that name no venue: a meeting is held in a city or a country, not in 国际.
const std::set<std::string> kNotVenues = {"中国", "中华", "全国", "国家", "国际", "中央", "世界",
                                          "欧洲", "欧盟", "亚洲", "非洲", "拉美", "东盟"};

const std::vector<std::string> kNumerals = {"一", "二", "三", "四", "五", "六", "七", "八",
                                            "九", "十", "十一", "十二", "十三", "十五", "二十"};

bool is_ascii(const std::string& word) {
  return std::all_of(word.begin(), word.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The words the generator draws from.
struct Vocabulary {
  std::vector<std::string> surnames;
  std::vector<std::string> titles;         // every title of title.txt but ASCII ones
  std::vector<std::string> common_titles;  // kCommonTitles found in title.txt
  std::vector<std::string> org_heads;
  std::vector<std::string> places;
  std::vector<std::string> venues;  // places a meeting can be held in
  std::vector<std::string> event_heads;
  std::vector<std::string> translit;
  std::vector<std::string> attended;  // cue verbs
  std::vector<std::string> spoke;
  std::vector<std::string> presented;
  std::vector<std::string> organized;
};

Vocabulary load_vocabulary() {
  Vocabulary v;
  v.surnames = Lexicon::builtin_words(WordClass::surname);
  for (auto& t : Lexicon::builtin_words(WordClass::title)) {
    if (!is_ascii(t)) v.titles.push_back(t);
  }
  for (const auto& t : kCommonTitles) {
    if (std::find(v.titles.begin(), v.titles.end(), t) != v.titles.end())
      v.common_titles.push_back(t);
  }
  const auto generic = Lexicon::builtin_words(WordClass::org_generic);
  for (auto& h : Lexicon::builtin_words(WordClass::org_head)) {
    if (kSingularHeads.count(h) == 0 && std::find(generic.begin(), generic.end(), h) == generic.end())
      v.org_heads.push_back(h);
  }
  v.places = Lexicon::builtin_words(WordClass::place);
  for (const auto& p : v.places) {
    if (kNotVenues.count(p) == 0) v.venues.push_back(p);
  }
  const auto heads = Lexicon::builtin_words(WordClass::event_head);
  for (const auto& h : kEventHeads) {
    if (std::find(heads.begin(), heads.end(), h) != heads.end()) v.event_heads.push_back(h);
  }
  v.translit = Lexicon::builtin_words(WordClass::translit_char);
  auto keep = [](std::vector<std::string> words, const std::vector<std::string>& wanted) {
    std::vector<std::string> out;
    for (const auto& w : wanted) {
      if (std::find(words.begin(), words.end(), w) != words.end()) out.push_back(w);
    }
    return out.empty() ? words : out;
  };
  v.attended = keep(Lexicon::builtin_words(WordClass::cue_attended), {"出席", "参加"});
  v.spoke = keep(Lexicon::builtin_words(WordClass::cue_spoke), {"致辞", "讲话", "发言"});
  v.presented = keep(Lexicon::builtin_words(WordClass::cue_presented), {"介绍", "分享"});
  v.organized = keep(Lexicon::builtin_words(WordClass::cue_organized), {"主办", "承办"});
  if (v.surnames.empty() || v.common_titles.empty() || v.org_heads.empty() || v.venues.empty() ||
      v.event_heads.empty() || v.translit.empty()) {
    throw Failure("the built-in word lists lack the words the generator needs");
  }
  return v;
}

struct Post {
  std::string person;
  std::string org;
  std::string title;  // as written, with 原 when former
  bool former = false;
};

// What the articles put in: the truth a gold file records.
struct Truth {
  std::vector<std::string> persons;
  std::vector<std::string> organizations;
  std::vector<Post> posts;
  std::vector<std::pair<std::string, std::string>> units;  // (sub-unit, parent)
  std::vector<std::vector<std::string>> meetings;          // the people at each event
};

// The recurring cast of the reports. People hold one post each at one
// organisation; organisations and their people form circles (a field, a
// meeting series, a few organisations with sub-units), and a report shows
// one circle's people meeting, now and then with a guest from another, so
// that people recur across reports as they do in real news.
struct Member {
  std::string name;
  std::size_t org = 0;  // index into Circle::orgs
  std::string title;    // without 原
  bool former = false;
};

struct Circle {
  std::string series;                 // the meeting's name without an edition
  std::string head;                   // its event head (论坛)
  std::vector<std::string> orgs;      // full names, units after their parent
  std::vector<std::size_t> parent;    // a unit's parent index, or kNoParent
  std::vector<Member> members;
};

constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

class ArticleWriter {
 public:
  // |total_size| (bytes of text to be written) sets how many circles there are.
  ArticleWriter(const Vocabulary& vocabulary, std::uint64_t seed, std::uint64_t total_size);

  // One article, ending with a blank line; its content goes to |truth|.
  std::string article(Truth* truth);

 private:
  Circle make_circle();
  std::string person_name();
  std::string organization();
  std::string title();
  // "ORG TITLE NAME" for member |m| of |c|, recorded in |truth| and |names|.
  std::string chain(const Circle& c, const Member& m, Truth* truth,
                    std::vector<std::string>* names);
  std::string date();

  const Vocabulary& v_;
  Random random_;
  std::vector<Circle> circles_;
  std::set<std::string> used_names_;  // people and organisations, all distinct
};

ArticleWriter::ArticleWriter(const Vocabulary& vocabulary, std::uint64_t seed,
                             std::uint64_t total_size)
    : v_(vocabulary), random_(seed) {
  const std::uint64_t count = std::max<std::uint64_t>(8, total_size / 250000);
  for (std::uint64_t i = 0; i < count; ++i) circles_.push_back(make_circle());
}

Circle ArticleWriter::make_circle() {
  Circle c;
  const std::string field = random_.pick(kFields);
  c.head = random_.pick(v_.event_heads);
  c.series = random_.pick(v_.places) + field + c.head;
  const std::size_t orgs = 3 + random_.below(3);
  while (c.orgs.size() < orgs) {
    std::string org = random_.pick(v_.places) + (random_.chance(85) ? field : "") +
                      random_.pick(v_.org_heads);
    if (!used_names_.insert(org).second) continue;
    const std::size_t index = c.orgs.size();
    c.orgs.push_back(org);
    c.parent.push_back(kNoParent);
    if (random_.chance(25)) {
      c.orgs.push_back(org + random_.pick(kUnits));
      c.parent.push_back(index);
    }
  }
  for (std::size_t org = 0; org < c.orgs.size(); ++org) {
    const std::size_t people = (c.parent[org] == kNoParent ? 2 : 1) + random_.below(2);
    for (std::size_t i = 0; i < people; ++i) {
      std::string name;
      do name = person_name();
      while (!used_names_.insert(name).second);
      c.members.push_back({name, org, title(), random_.chance(8)});
    }
  }
  return c;
}

std::string ArticleWriter::person_name() {
  if (random_.chance(5)) {  // a foreign name: two parts of transliteration characters
    std::string name;
    for (int part = 0; part < 2; ++part) {
      if (part) name += "·";
      const std::size_t n = 2 + random_.below(2);
      for (std::size_t i = 0; i < n; ++i) name += random_.pick(v_.translit);
    }
    return name;
  }
  std::string name = random_.pick(v_.surnames);
  name += random_.pick(kGivenChars);
  if (random_.chance(75)) name += random_.pick(kGivenChars);
  return name;
}

std::string ArticleWriter::title() {
  std::string t = random_.chance(75) ? random_.pick(v_.common_titles) : random_.pick(v_.titles);
  if (random_.chance(20)) t = (random_.chance(25) ? "常务副" : "副") + t;
  return t;
}

std::string ArticleWriter::chain(const Circle& c, const Member& m, Truth* truth,
                                 std::vector<std::string>* names) {
  const std::string& org = c.orgs[m.org];
  truth->persons.push_back(m.name);
  truth->organizations.push_back(org);
  if (c.parent[m.org] != kNoParent) truth->units.emplace_back(org, c.orgs[c.parent[m.org]]);
  truth->posts.push_back({m.name, org, m.title, m.former});
  names->push_back(m.name);
  return org + (m.former ? "原" : "") + m.title + m.name;
}

std::string ArticleWriter::date() {
  if (random_.chance(30)) return "近日";
  return std::to_string(2015 + random_.below(10)) + "年" + std::to_string(1 + random_.below(12)) +
         "月" + std::to_string(1 + random_.below(28)) + "日";
}

std::string ArticleWriter::article(Truth* truth) {
  const Circle& c = random_.pick(circles_);
  const std::string& head = c.head;
  std::string event = c.series;
  if (random_.chance(60)) event = "第" + random_.pick(kNumerals) + "届" + event;
  const std::string city = random_.pick(v_.venues);

  // Who comes: a shuffled few of the circle, in the order of their organisations.
  std::vector<std::size_t> order(c.members.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random_.below(i)]);
  const std::size_t guests = std::min<std::size_t>(order.size() - 2, 3 + random_.below(4));
  std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(guests));

  std::vector<std::size_t> organizers;
  for (std::size_t org = 0; org < c.orgs.size() && organizers.size() < 2; ++org) {
    if (c.parent[org] == kNoParent) organizers.push_back(org);
  }
  std::string text = event + "在" + city + "举行\n\n";
  text += "本报讯 " + date() + "，" + event + "在" + city + "举行。" + head + "由" +
          c.orgs[organizers[0]];
  truth->organizations.push_back(c.orgs[organizers[0]]);
  if (organizers.size() > 1 && random_.chance(50)) {
    text += "、" + c.orgs[organizers[1]] + "联合";
    truth->organizations.push_back(c.orgs[organizers[1]]);
  }
  text += random_.pick(v_.organized) + "，围绕" + random_.pick(kFields) + "、" +
          random_.pick(kFields) + "等议题展开交流。";

  std::vector<std::string> names;
  for (std::size_t i = 0; i < guests; ++i) {
    text += (i ? "，" : "") + chain(c, c.members[order[i]], truth, &names);
  }
  text += random_.pick(v_.attended) + head + "。\n\n";

  // Speeches: the first guest opens, others present their work.
  text += names[0] + "在" + random_.pick(v_.spoke) + "中表示，" + random_.pick(kFields) +
          random_.pick(kOpinions) + "。\n\n";
  const std::size_t speeches = 1 + random_.below(3);
  for (std::size_t i = 0; i < speeches; ++i) {
    const std::string& name = names[random_.below(names.size())];
    text += name + random_.pick(v_.presented) + "了" + random_.pick(v_.places) +
            random_.pick(kFields) + "工作的进展情况。" + (random_.chance(50) ? "他" : "她") +
            "指出，" + random_.pick(kFields) + random_.pick(kOpinions) + "。\n\n";
  }

  // The host, the rest of the circle who came, and now and then a guest from another.
  text += "本次" + head + "由" + chain(c, c.members[order[guests]], truth, &names) + "主持。";
  std::size_t others = 0;
  for (std::size_t i = guests + 1; i < order.size() && others < 2; ++i, ++others) {
    text += (others ? "，" : "") + chain(c, c.members[order[i]], truth, &names);
  }
  if (random_.chance(20)) {
    const Circle& other = random_.pick(circles_);
    const Member& m = random_.pick(other.members);
    if (std::find(names.begin(), names.end(), m.name) == names.end()) {
      text += "，" + chain(other, m, truth, &names);
    }
  }
  text += "等参加了" + head + "。\n\n";
  truth->meetings.push_back(std::move(names));

  if (random_.chance(50)) {
    const std::string paper = random_.pick(v_.places) + "日报";
    truth->organizations.push_back(paper);
    text += "（据《" + paper + "》）\n\n";
  } else {
    text += "（来源：" + c.orgs[organizers[0]] + "）\n\n";
  }
  return text;
}

// "10M", "1G", "500K", "2MB" or a plain count of bytes; decimal units.
std::uint64_t parse_size(const std::string& text, const std::string& option) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::string unit = text.substr(digits);
  std::transform(unit.begin(), unit.end(), unit.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (unit.size() == 2 && unit[1] == 'B') unit.pop_back();
  std::uint64_t scale = 0;
  if (unit.empty() || unit == "B") scale = 1;
  if (unit == "K") scale = 1000;
  if (unit == "M") scale = 1000 * 1000;
  if (unit == "G") scale = 1000 * 1000 * 1000;
  if (digits == 0 || digits > 12 || scale == 0) {
    throw UsageError("option '" + option +
                         "' takes a number of bytes with an optional K, M or G, got '" + text + "'",
                     "generate");
  }
  return std::stoull(text.substr(0, digits)) * scale;
}

// Sorts |items| and drops repeats.
template <typename T>
void sort_unique(std::vector<T>* items) {
  std::sort(items->begin(), items->end());
  items->erase(std::unique(items->begin(), items->end()), items->end());
}

// The gold file of what the articles put in (see 'guanxi eval --gold').
nlohmann::ordered_json gold_json(Truth truth, std::uint64_t seed) {
  sort_unique(&truth.persons);
  sort_unique(&truth.organizations);
  sort_unique(&truth.units);
  std::vector<std::tuple<std::string, std::string, std::string, bool>> posts;
  for (const Post& p : truth.posts) posts.emplace_back(p.person, p.org, p.title, p.former);
  sort_unique(&posts);
  nlohmann::ordered_json gold;
  gold["id"] = "generated seed " + std::to_string(seed);
  gold["persons"] = truth.persons;
  gold["organizations"] = truth.organizations;
  gold["affiliations"] = nlohmann::ordered_json::array();
  for (const auto& [person, org, title, former] : posts) {
    gold["affiliations"].push_back(
        {{"person", person}, {"org", org}, {"title", title}, {"former", former}});
  }
  gold["events"] = nlohmann::ordered_json::array();
  for (const auto& people : truth.meetings) gold["events"].push_back({{"attendees", people}});
  gold["org_relations"] = nlohmann::ordered_json::array();
  for (const auto& [unit, parent] : truth.units) {
    gold["org_relations"].push_back({{"from", unit}, {"to", parent}, {"kind", "part_of"}});
  }
  return gold;
}

}  // namespace

int run_generate(const std::vector<std::string>& args) {
  const std::vector<OptionSpec> specs = {
      {"size", 0, "SIZE", "write at least SIZE bytes (K, M, G:\nthousands, millions, billions)",
       "1M"},
      {"seed", 0, "N", "seed of the random choices", "1"},
      {"output", 'o', "FILE", "write the text to FILE; - is standard output", "-"},
      {"split", 0, "SIZE",
       "write files of about SIZE bytes instead:\nOUT is then a folder, created if needed,\nand "
       "gets part-0001.txt, part-0002.txt, ...",
       "one file"},
      {"gold", 0, "FILE",
       "also write the people, organisations and\nposts put in, as a gold file for\n'guanxi eval "
       "--gold' (for small sizes)",
       "none"},
      {"help", 'h', "", "show this help and exit", ""},
  };
  const Usage usage{
      "guanxi generate [--size SIZE] [--seed N] [-o OUT] [--split SIZE] [--gold FILE]",
      "Writes invented meeting reports, several articles one after another, for\n"
      "benchmarks and tests: headline, opening with date and place, organisers,\n"
      "guests as organisation-title-name chains, speeches, host and source line,\n"
      "from the built-in word lists and invented names. A cast of people, each\n"
      "with one post, meets again and again in circles (about one per 250 KB of\n"
      "text), as in real news. Whole articles are written until the text reaches\n"
      "SIZE bytes. The same seed and size give the same bytes.",
      {},
      "Files are replaced atomically: on any error they are left as they were."};
  ParsedArgs parsed = parse_args(args, specs, "generate");
  if (parsed.flag("help")) {
    std::cout << usage_text(usage, specs) << std::flush;
    return kExitOk;
  }
  if (!parsed.positional.empty()) {
    throw UsageError("generate takes no INPUT (got '" + parsed.positional.front() + "')",
                     "generate");
  }
  const std::uint64_t size = parse_size(parsed.value("size").value_or("1M"), "--size");
  const std::uint64_t seed = parse_count(parsed.value("seed").value_or("1"), "--seed", "generate");
  const std::string output = parsed.value("output").value_or("-");
  const auto gold_path = parsed.value("gold");
  if (gold_path && (*gold_path == "-" || *gold_path == output)) {
    throw UsageError("--gold needs a file name other than the output's", "generate");
  }
  std::uint64_t split = 0;
  if (const auto v = parsed.value("split")) {
    split = parse_size(*v, "--split");
    if (split == 0 || output == "-") {
      throw UsageError("--split needs a size above 0 and -o FOLDER", "generate");
    }
    std::error_code ec;
    std::filesystem::create_directories(output, ec);
    if (ec) throw Failure(output + ": " + ec.message());
  }

  const Vocabulary vocabulary = load_vocabulary();
  ArticleWriter writer(vocabulary, seed, size);
  Truth truth;
  std::uint64_t written = 0;
  for (std::size_t part = 1; written < size; ++part) {
    std::unique_ptr<AtomicFile> file;
    if (split) {
      char name[32];
      std::snprintf(name, sizeof name, "part-%04zu.txt", part);
      file = std::make_unique<AtomicFile>((std::filesystem::path(output) / name).string());
    } else if (output != "-") {
      file = std::make_unique<AtomicFile>(output);
    }
    std::ostream& out = file ? file->stream() : std::cout;
    std::uint64_t in_part = 0;
    while (written < size && (!split || in_part < split)) {
      if (!gold_path) truth = Truth();
      const std::string text = writer.article(&truth);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      written += text.size();
      in_part += text.size();
    }
    if (file) {
      file->finish();
      file->commit();
    } else {
      std::cout.flush();
      if (!std::cout) throw Failure("standard output: cannot write");
    }
  }
  if (gold_path) {
    AtomicFile gold_file(*gold_path);
    gold_file.stream() << gold_json(std::move(truth), seed).dump(1) << '\n';
    gold_file.finish();
    gold_file.commit();
  }
  return kExitOk;
}

}  // namespace guanxi::cli
