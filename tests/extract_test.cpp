// Stage 3: sentences -> mentions and relations. Every sentence here is written
// for this test; the names are invented.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "guanxi/document.hpp"
#include "guanxi/extract.hpp"
#include "guanxi/text.hpp"

namespace {

using guanxi::Extraction;
using guanxi::MentionType;

struct Read {
  guanxi::Document doc;
  Extraction x;
};

Read read(const std::string& text) {
  Read r{guanxi::make_document(guanxi::decode_utf8(text), "t"), {}};
  r.x = guanxi::extract(r.doc);
  return r;
}

std::set<std::string> persons(const Extraction& x) {
  std::set<std::string> out;
  for (const auto& p : x.persons) out.insert(p.name);
  return out;
}

std::set<std::string> organizations(const Extraction& x) {
  std::set<std::string> out;
  for (const auto& o : x.organizations) out.insert(o.name);
  return out;
}

// (person, organisation, title, former) for every affiliation.
using Post = std::tuple<std::string, std::string, std::string, bool>;
std::set<Post> posts(const Extraction& x) {
  std::set<Post> out;
  for (const auto& a : x.affiliations) {
    out.emplace(x.persons[a.person].name, x.organizations[a.org].name, a.title, a.former);
  }
  return out;
}

std::set<std::pair<std::string, std::string>> relations(const Extraction& x,
                                                        guanxi::OrgRelationKind kind) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& r : x.org_relations) {
    if (r.kind == kind) out.emplace(x.organizations[r.from].name, x.organizations[r.to].name);
  }
  return out;
}

std::set<std::pair<std::string, std::string>> roles(const Extraction& x) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& a : x.attendances) out.emplace(x.persons[a.person].name, guanxi::to_string(a.role));
  return out;
}

}  // namespace

TEST_CASE("a people's congress or political consultative body before a title is the organisation",
          "[extract]") {
  CHECK(posts(read("市政协主席龚正平主持会议。").x) ==
        std::set<Post>{{"龚正平", "市政协", "主席", false}});
  CHECK(posts(read("省人大常委会主任龚正平出席。").x) ==
        std::set<Post>{{"龚正平", "省人大常委会", "主任", false}});
}

TEST_CASE("a level (省, 市, 区) before a descriptor and a one-character head is an organisation",
          "[extract]") {
  const Read r = read("省发展改革委、省财政厅、省人力资源社会保障厅有关负责同志参加会议。");
  CHECK(organizations(r.x) ==
        std::set<std::string>{"省发展改革委", "省财政厅", "省人力资源社会保障厅"});
  // Words that end in such a head are none (大厅, 格局).
  CHECK(organizations(read("市民大厅里人很多。").x).empty());
  CHECK(organizations(read("区域格局发生变化。").x).empty());
}

TEST_CASE("an organisation keeps its whole place and a name written across 与", "[extract]") {
  CHECK(organizations(read("会上，合肥市民政局、芜湖市镜湖区民政局作交流发言。").x) ==
        std::set<std::string>{"合肥市民政局", "芜湖市镜湖区民政局"});
  CHECK(organizations(read("化学化工学院、材料科学与工程学院负责人参加活动。").x) ==
        std::set<std::string>{"化学化工学院", "材料科学与工程学院"});
}

TEST_CASE("a given name may end in a stop character where punctuation follows it",
          "[extract]") {
  CHECK(persons(read("分别由研究所所长鲍春来、南京大学教授冼若溪主持。").x) ==
        std::set<std::string>{"鲍春来", "冼若溪"});
  // 等 and 在 stay stop words there.
  CHECK(persons(read("会长张三等出席。").x) == std::set<std::string>{"张三"});
}

TEST_CASE("a one-character head shared by organisation and title is read as both", "[extract]") {
  CHECK(posts(read("外交部长席文博3日在北京会见客人。").x) ==
        std::set<Post>{{"席文博", "外交部", "部长", false}});
  CHECK(posts(read("县公安局长林海峰出席。").x) ==
        std::set<Post>{{"林海峰", "县公安局", "局长", false}});
  // Modifiers alone are no organisation.
  CHECK(posts(read("副部长林海峰出席。").x).empty());
}

TEST_CASE("我校与 before an organisation is no part of its name", "[extract]") {
  CHECK(organizations(read("我校与江南化工集团签署战略合作协议。").x) ==
        std::set<std::string>{"江南化工集团"});
}

TEST_CASE("an appositive chain gives the person, the organisation and the title", "[extract]") {
  const auto r = read("湖南省作家协会主席欧阳立新出席了开幕式。");
  CHECK(persons(r.x) == std::set<std::string>{"欧阳立新"});
  CHECK(posts(r.x) == std::set<Post>{{"欧阳立新", "湖南省作家协会", "主席", false}});
}

TEST_CASE("原 and 前 mark a former post and are not part of the title", "[extract]") {
  const auto r = read("湖南省农业厅原厅长王建国,江西省水利厅前副厅长赵文华出席座谈会。");
  CHECK(posts(r.x) == std::set<Post>{{"王建国", "湖南省农业厅", "厅长", true},
                                     {"赵文华", "江西省水利厅", "副厅长", true}});
}

TEST_CASE("several posts joined by 、 before one name all belong to that person", "[extract]") {
  const auto r = read("国务院参事室原副主任、中国老年学学会名誉会长孙澜涛出席会议。");
  CHECK(persons(r.x) == std::set<std::string>{"孙澜涛"});
  CHECK(posts(r.x) == std::set<Post>{{"孙澜涛", "国务院参事室", "副主任", true},
                                     {"孙澜涛", "中国老年学学会", "名誉会长", false}});
}

TEST_CASE("each person of a comma or semicolon separated list keeps their own chain", "[extract]") {
  const auto r = read(
      "上海市慈善基金会理事长钱学良,浙江省社会工作协会常务副会长朱丽娟;"
      "德国驻华大使馆公使衔参赞奥托·韦斯参加了交流。");
  CHECK(posts(r.x) == std::set<Post>{{"钱学良", "上海市慈善基金会", "理事长", false},
                                     {"朱丽娟", "浙江省社会工作协会", "常务副会长", false},
                                     {"奥托·韦斯", "德国驻华大使馆", "公使衔参赞", false}});
}

TEST_CASE("an enumeration after one title gives every name that title", "[extract]") {
  const auto r = read("北京市青年志愿者协会副会长张红梅、李卫东、赵小川出席活动。");
  CHECK(posts(r.x) == std::set<Post>{{"张红梅", "北京市青年志愿者协会", "副会长", false},
                                     {"李卫东", "北京市青年志愿者协会", "副会长", false},
                                     {"赵小川", "北京市青年志愿者协会", "副会长", false}});
}

TEST_CASE("a later item with only a title inherits the organisation of its enumeration",
          "[extract]") {
  const auto r = read(
      "北京市青年志愿者协会副会长张红梅、李卫东,秘书处主任钱多多,联络事务负责人孙一鸣等参加了会议。");
  CHECK(posts(r.x) == std::set<Post>{{"张红梅", "北京市青年志愿者协会", "副会长", false},
                                     {"李卫东", "北京市青年志愿者协会", "副会长", false},
                                     {"钱多多", "北京市青年志愿者协会秘书处", "主任", false},
                                     {"孙一鸣", "北京市青年志愿者协会", "联络事务负责人", false}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{{"北京市青年志愿者协会秘书处", "北京市青年志愿者协会"}});
}

TEST_CASE("a sub-unit written after its parent becomes its own organisation, part_of the parent",
          "[extract]") {
  const auto r = read("中国老年学学会长寿文化专业委员会秘书长周立平发言。");
  CHECK(posts(r.x) == std::set<Post>{{"周立平", "中国老年学学会长寿文化专业委员会", "秘书长", false}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{{"中国老年学学会长寿文化专业委员会", "中国老年学学会"}});
  const auto& sub = r.x.organizations[r.x.affiliations.at(0).org];
  CHECK(sub.aliases == std::vector<std::string>{"长寿文化专业委员会"});
}

TEST_CASE("a foreign name in a title slot ends where the tagger ends it, not at four characters",
          "[extract]") {
  // The rule alone would read 彼得·莫斯曾暗 (the last part cut at four characters).
  const auto r = read("英国驻华大使馆公使衔参赞彼得·莫斯曾暗示双方将合作。");
  CHECK(persons(r.x) == std::set<std::string>{"彼得·莫斯"});
  CHECK(posts(r.x) == std::set<Post>{{"彼得·莫斯", "英国驻华大使馆", "公使衔参赞", false}});
}

TEST_CASE("a foreign name cut off after its middle dot by the end of the text keeps the dot",
          "[extract]") {
  const auto r = read("这份报告由该公司的首席执行官为约翰·");
  CHECK(persons(r.x) == std::set<std::string>{"约翰·"});
  // Inside the text the dot joins two parts as before.
  CHECK(persons(read("意大利驻华大使馆参赞马可·韦伯出席会议。").x) ==
        std::set<std::string>{"马可·韦伯"});
}

TEST_CASE("a surname and one or two characters before a cue verb alone are no person",
          "[extract]") {
  // 常 and 许 are surnames, 说 a cue verb; 平时常说 and 也许你会说 are ordinary phrases.
  CHECK(persons(read("这就是我们平时常说的道理。").x).empty());
  CHECK(persons(read("我们也许你会说这是另一回事。").x).empty());
  // A polite suffix still confirms a name outside a title slot.
  CHECK(persons(read("会后王小明先生接受了采访。").x) == std::set<std::string>{"王小明"});
}

TEST_CASE("descriptor words before the title head stay in the title", "[extract]") {
  const auto r = read("云南省红十字会项目协调代表主任林晓燕,昆明市儿童医院医务社会工作协调员柯宁介绍经验。");
  CHECK(posts(r.x) == std::set<Post>{{"林晓燕", "云南省红十字会", "项目协调代表主任", false},
                                     {"柯宁", "昆明市儿童医院", "医务社会工作协调员", false}});
}

TEST_CASE("a foreign name is joined by any of the middle-dot encodings", "[extract]") {
  for (const char* dot : {"\u00B7", "\u2022", "\u2027", "\u30FB", "\uFF0E"}) {
    INFO("dot U+" << dot);
    const auto r = read(std::string("意大利驻华大使馆参赞马可") + dot + "韦伯出席会议。");
    CHECK(persons(r.x) == std::set<std::string>{"马可·韦伯"});
  }
}

TEST_CASE("a name without a common surname is a person only in a full title slot", "[extract]") {
  const auto with_org = read("法国驻华大使馆文化参赞杰凯共同主持。");
  CHECK(persons(with_org.x) == std::set<std::string>{"杰凯"});
  const auto without_org = read("他们为一线社工发展提供支持。");
  CHECK(persons(without_org.x).empty());
}

TEST_CASE("a compound surname takes one or two more characters", "[extract]") {
  const auto r = read("深圳市律师协会会长司马光明、副会长诸葛亮亮出席。");
  CHECK(persons(r.x) == std::set<std::string>{"司马光明", "诸葛亮亮"});
}

TEST_CASE("a name ends before a verb that follows it", "[extract]") {
  const auto r = read("广东省社会工作协会副会长周慧介绍了本省情况。");
  CHECK(persons(r.x) == std::set<std::string>{"周慧"});
}

TEST_CASE("pronouns and a surname alone are not people", "[extract]") {
  const auto r = read("她表示,王也赞同这个意见,他们将继续合作。");
  CHECK(persons(r.x).empty());
}

TEST_CASE("a later mention by full name or by surname and title is the same person", "[extract]") {
  const auto r = read(
      "江苏省慈善总会会长陈立群出席会议。陈立群指出,慈善事业需要社会参与。陈会长还表示将加强合作。");
  REQUIRE(r.x.persons.size() == 1);
  CHECK(r.x.persons[0].name == "陈立群");
  REQUIRE(r.x.persons[0].mentions.size() == 3);
  const auto& third = r.x.mentions[r.x.persons[0].mentions[2]];
  CHECK(third.text == "陈会长");
}

TEST_CASE("an organisation's left edge stops at 由, at a date and at a verb", "[extract]") {
  const auto r = read("2023年5月,论坛由上海市社会工作协会、法国驻沪总领事馆联合主办,设立华山镇、长宁镇社工站。");
  CHECK(organizations(r.x) == std::set<std::string>{"上海市社会工作协会", "法国驻沪总领事馆",
                                                    "华山镇社工站", "长宁镇社工站"});
}

TEST_CASE("an organisation's left edge stops after an event word", "[extract]") {
  const auto r = read("出席本次研讨会广州市社会工作协会的代表表示满意。");
  CHECK(organizations(r.x) == std::set<std::string>{"广州市社会工作协会"});
}

TEST_CASE("a generic word alone is not an organisation", "[extract]") {
  const auto r = read("有关部门负责人表示,政府将支持社工站建设。");
  CHECK(organizations(r.x).empty());
}

TEST_CASE("a publication named as a source is an organisation", "[extract]") {
  const auto r = read("据《南海日报》报道,当地成立了新的服务队。");
  CHECK(organizations(r.x) == std::set<std::string>{"南海日报"});
}

TEST_CASE("作为…的会员 gives a member_of relation", "[extract]") {
  const auto r = read("中国乡村发展协会作为国际乡村发展联合会的会员,积极参与交流。");
  CHECK(relations(r.x, guanxi::OrgRelationKind::member_of) ==
        std::set<std::pair<std::string, std::string>>{{"中国乡村发展协会", "国际乡村发展联合会"}});
}

TEST_CASE("cue verbs give each person a role at the event of the article", "[extract]") {
  const auto r = read(
      "第三届长江文化论坛在武汉举行。\n"
      "论坛由湖北省文化协会主办。湖北省文化协会会长刘一鸣主持论坛,武汉大学教授钱江出席并致辞。\n"
      "湖北省博物馆研究员孙晓梅介绍了考古新发现。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "第三届长江文化论坛");
  CHECK(roles(r.x) == std::set<std::pair<std::string, std::string>>{
                          {"刘一鸣", "hosted"}, {"钱江", "attended"}, {"钱江", "spoke"},
                          {"孙晓梅", "presented"}});
  REQUIRE(r.x.organizings.size() == 1);
  CHECK(r.x.organizations[r.x.organizings[0].org].name == "湖北省文化协会");
}

TEST_CASE("a list cut by semicolons takes the cue verb at its end", "[extract]") {
  const Read r = read(
      "岚江省第十四届运动会开幕式在临州举行。\n岚江省副省长霍文彬，省体育局局长龙启明；"
      "临州市委书记佟凯等出席开幕式。");
  CHECK(roles(r.x) == std::set<std::pair<std::string, std::string>>{
                          {"霍文彬", "attended"}, {"龙启明", "attended"}, {"佟凯", "attended"}});
}

TEST_CASE("people named in a report of one event attended it, but not reporters or appointees",
          "[extract]") {
  const Read r = read(
      "第三届江城文化节开幕\n\n本报讯（记者 柏青禾）9月6日，第三届江城文化节开幕式在江城举行。"
      "市文化局局长龙启明主持开幕式。运动员韦思琪代表全体运动员宣誓。会上宣读了通知：钱晓路任市文化局副局长。");
  CHECK(roles(r.x) == std::set<std::pair<std::string, std::string>>{
                          {"龙启明", "hosted"}, {"韦思琪", "attended"}});
}

TEST_CASE("people named before the event is first named did not attend it", "[extract]") {
  const Read r = read(
      "江城大学教授钱晓路的新书出版。\n9月6日，新书发布会在江城举行。出版社社长龙启明主持发布会。");
  CHECK(roles(r.x) == std::set<std::pair<std::string, std::string>>{{"龙启明", "hosted"}});
}

TEST_CASE("a sentence that names no event speaks of the last one its paragraph named",
          "[extract]") {
  const Read r = read(
      "3月18日，市政府第二十七次常务会议研究了人事事项。\n"
      "18日下午，市交通运输局召开全局干部大会。市委组织部副部长蔺雪梅讲话。");
  REQUIRE(r.x.events.size() == 2);
  REQUIRE(r.x.attendances.size() == 1);
  CHECK(r.x.events[r.x.attendances[0].event].name == "全局干部大会");
}

TEST_CASE("an ordinal inside an organisation's name stays in it", "[extract]") {
  CHECK(posts(read("宁江市第一人民医院院长车立平出席。").x) ==
        std::set<Post>{{"车立平", "宁江市第一人民医院", "院长", false}});
}

TEST_CASE("a department with its own level is no unit of the body named before it",
          "[extract]") {
  const Read r = read("临州市体育局局长边红霞，省教育厅体卫艺处副处长雷蕾出席。");
  CHECK(posts(r.x) == std::set<Post>{{"边红霞", "临州市体育局", "局长", false},
                                     {"雷蕾", "省教育厅体卫艺处", "副处长", false}});
}

TEST_CASE("a hospital's 科 is a unit of the hospital, 科技 is no head", "[extract]") {
  const Read r = read("宁江市第一人民医院急诊科副主任滕浩现场示范心肺复苏。");
  CHECK(posts(r.x) == std::set<Post>{{"滕浩", "宁江市第一人民医院急诊科", "副主任", false}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{{"宁江市第一人民医院急诊科", "宁江市第一人民医院"}});
  CHECK(organizations(read("江城科技协会会长周明远出席。").x) == std::set<std::string>{"江城科技协会"});
}

TEST_CASE("any post of a chain may hold the organisation a rare surname's name needs",
          "[extract]") {
  CHECK(posts(read("江州大学医学院教授、博士生导师蒯建华作专题报告。").x) ==
        std::set<Post>{{"蒯建华", "江州大学医学院", "教授", false},
                       {"蒯建华", "江州大学医学院", "博士生导师", false}});
}

TEST_CASE("a post whose head is shared by enumerated places is held at each", "[extract]") {
  const Read r = read("白沙镇、青塘镇社工站站长钮佳琪作经验分享。");
  CHECK(posts(r.x) == std::set<Post>{{"钮佳琪", "白沙镇社工站", "站长", false},
                                     {"钮佳琪", "青塘镇社工站", "站长", false}});
}

TEST_CASE("a bank's branch is a unit of the bank", "[extract]") {
  const Read r = read("金澜银行海州分行行长苗国庆出席。");
  CHECK(posts(r.x) == std::set<Post>{{"苗国庆", "金澜银行海州分行", "行长", false}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{{"金澜银行海州分行", "金澜银行"}});
}

TEST_CASE("该协会 refers back to an association named outside any chain", "[extract]") {
  const Read r = read(
      "峰会由海州市智能制造行业协会和海州日报社联合主办。\n"
      "该协会秘书长晏晓雯发布了报告。");
  CHECK(posts(r.x) == std::set<Post>{{"晏晓雯", "海州市智能制造行业协会", "秘书长", false}});
}

TEST_CASE("a former post marked before its organisation stays in a chain of posts", "[extract]") {
  CHECK(posts(read("海州市智能制造行业协会会长、前海州市经济和信息化局副局长冉立军出席。").x) ==
        std::set<Post>{{"冉立军", "海州市智能制造行业协会", "会长", false},
                       {"冉立军", "海州市经济和信息化局", "副局长", true}});
}

TEST_CASE("a government post is held at the government the report names", "[extract]") {
  const Read r = read(
      "运动会由岚江省人民政府主办，临州市人民政府承办。\n"
      "岚江省副省长霍文彬，临州市委书记佟凯，市长殷学勤，临州市体育局局长边红霞出席开幕式。");
  CHECK(posts(r.x) == std::set<Post>{{"霍文彬", "岚江省人民政府", "副省长", false},
                                     {"佟凯", "临州市委", "书记", false},
                                     {"殷学勤", "临州市人民政府", "市长", false},
                                     {"边红霞", "临州市体育局", "局长", false}});
  CHECK(organizations(r.x) == std::set<std::string>{"岚江省人民政府", "临州市人民政府", "临州市委",
                                                     "临州市体育局"});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of).empty());
}

TEST_CASE("该协会 refers to the association named last before it", "[extract]") {
  const Read r = read("海州市智能制造行业协会会长冉立军，该协会秘书长晏晓雯发布了报告。");
  CHECK(posts(r.x) == std::set<Post>{{"冉立军", "海州市智能制造行业协会", "会长", false},
                                     {"晏晓雯", "海州市智能制造行业协会", "秘书长", false}});
  CHECK(organizations(r.x) == std::set<std::string>{"海州市智能制造行业协会"});
}

TEST_CASE("a hyphen joins the parts of a foreign name that has a middle dot", "[extract]") {
  CHECK(persons(read("驻华协调员让-马克·勒菲弗致辞。").x) ==
        std::set<std::string>{"让-马克·勒菲弗"});
  // Places joined by hyphens are no name.
  CHECK(persons(read("行程是嘉峪关-敦煌-张掖。").x).empty());
}

TEST_CASE("a performing verb closes a name", "[extract]") {
  CHECK(persons(read("青年歌唱家阚乐天演唱了主题曲。").x) == std::set<std::string>{"阚乐天"});
}

TEST_CASE("原 before an organisation marks the post after it as former", "[extract]") {
  CHECK(posts(read("原青川市发展和改革委员会副主任宓晓峰出席会议。").x) ==
        std::set<Post>{{"宓晓峰", "青川市发展和改革委员会", "副主任", true}});
}

TEST_CASE("Traditional Chinese is read as Simplified with offsets into the original", "[extract]") {
  const std::string text = "　　中國紅十字會會長張煒華出席會議。";
  const auto r = read(text);
  CHECK(persons(r.x) == std::set<std::string>{"张炜华"});
  CHECK(organizations(r.x) == std::set<std::string>{"中国红十字会"});
  const auto it = std::find_if(r.x.mentions.begin(), r.x.mentions.end(),
                               [](const guanxi::Mention& m) { return m.type == MentionType::person; });
  REQUIRE(it != r.x.mentions.end());
  // Two ideographic spaces, then 中國紅十字會 (6) and 會長 (2): the name starts at code point 10.
  CHECK(it->start == 10);
  CHECK(it->end == 13);
  CHECK(guanxi::encode_utf8(r.doc.original.substr(it->start, it->end - it->start)) == "張煒華");
}

TEST_CASE("mentions come in text order with their types", "[extract]") {
  const auto r = read("浙江省社会工作协会会长朱丽娟出席。");
  std::vector<std::pair<std::string, std::string>> seen;
  for (const auto& m : r.x.mentions) seen.emplace_back(guanxi::to_string(m.type), m.text);
  CHECK(seen == std::vector<std::pair<std::string, std::string>>{
                    {"organization", "浙江省社会工作协会"}, {"title", "会长"}, {"person", "朱丽娟"}});
}

TEST_CASE("an event keeps the place and the date its sentence gives", "[extract]") {
  const auto r = read("2024年3月12日,第五届东湖生态论坛在武汉举行。论坛由武汉市生态学会主办。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "第五届东湖生态论坛");
  CHECK(r.x.events[0].place == "武汉");
  CHECK(r.x.events[0].date == "2024年3月12日");
}

TEST_CASE("a count of years is no date and a clause without 在 gives no place", "[extract]") {
  const auto r = read("3年来,第二届青年社工论坛吸引了众多参与者。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].place.empty());
  CHECK(r.x.events[0].date.empty());
}

TEST_CASE("a short form of an organisation in the same document is that organisation", "[extract]") {
  const auto r = read(
      "杭州市晨光社会工作服务中心主任周小雨出席。晨光社会工作服务中心成立于2015年,主任周小雨介绍了情况。");
  CHECK(organizations(r.x) == std::set<std::string>{"杭州市晨光社会工作服务中心"});
  REQUIRE(r.x.organizations.size() == 1);
  CHECK(r.x.organizations[0].aliases == std::vector<std::string>{"晨光社会工作服务中心"});
  CHECK(r.x.organizations[0].mentions.size() == 2);
}

TEST_CASE("a surname and a stop word alone are no name in a title slot", "[extract]") {
  // 领事 is a title and 司 a surname, but 司和 is the weak head 司 and the conjunction 和.
  const auto r = read("外交部领事司和中国驻德使馆发布提醒。");
  CHECK(persons(r.x).empty());
  CHECK(organizations(r.x) == std::set<std::string>{"外交部", "外交部领事司", "中国驻德使馆"});
  // A longer given name may start with the stop character.
  CHECK(persons(read("天成科技公司总经理李和平出席。").x) == std::set<std::string>{"李和平"});
}

TEST_CASE("a general word after a title is no name unless it starts with a surname",
          "[extract]") {
  // 热线 is a word of the tagger's word list and 热 no surname.
  CHECK(persons(read("记者拨打了天成银行信用卡中心客服热线，对方表示正在处理。").x).empty());
  // 高远 is a word too, but it starts with a surname and stands in a title slot.
  CHECK(persons(read("天成科技公司总经理高远出席。").x) == std::set<std::string>{"高远"});
  // After a title head that is also a verb (代表), a general word is its object.
  CHECK(persons(read("本届运动会上，他代表海军参加了射击比赛。").x).empty());
}

TEST_CASE("a short tagged name may follow a general word that ends just before it",
          "[extract]") {
  // 网友 ends a word of the word list, and no word runs across into the name.
  CHECK(persons(read("参加活动的网友林安说，场面很热闹。").x) == std::set<std::string>{"林安"});
}

TEST_CASE("a tagged organisation without a head listed among things that are no mentions is dropped",
          "[extract]") {
  CHECK(organizations(read("涉及生态文明、乡村振兴、ABC等领域。").x).empty());
  // Organisations listed together stay.
  const auto orgs = organizations(read("天成银行、远大集团等单位参加了活动。").x);
  CHECK(orgs.count("天成银行") == 1);
  CHECK(orgs.count("远大集团") == 1);
}

// How many mentions of |name| an extraction holds.
static std::size_t mentions_of(const Read& r, const std::string& name) {
  return static_cast<std::size_t>(
      std::count_if(r.x.mentions.begin(), r.x.mentions.end(), [&](const guanxi::Mention& m) {
        return m.type == MentionType::person && m.text == name;
      }));
}

TEST_CASE("a name is not mentioned again in the title of a work or before an organisation head",
          "[extract]") {
  const Read r = read("某某协会会长齐振强出席了会议。齐振强纪念馆的《齐振强传》今天首发。");
  CHECK(persons(r.x) == std::set<std::string>{"齐振强"});
  CHECK(mentions_of(r, "齐振强") == 1);
}

TEST_CASE("a Latin name is not mentioned again inside a longer Latin word", "[extract]") {
  const Read r = read("球队主教练Kedamin表示：“我们很满意。”Kedaminson球场今天开放。");
  CHECK(mentions_of(r, "Kedamin") == 1);
}

TEST_CASE("a foreign name in a title slot that runs up to punctuation keeps its whole last part",
          "[extract]") {
  // The tagger may end the name earlier (因 also means "because"); the rule's
  // reading stands, since nothing cut it.
  for (const std::string name : {"米洛·塔里因", "雅克·博南因", "卡米耶·达里因"}) {
    const Read r = read("图卢兹社区卫生站医务社会工作协调员" + name + "，今天出席了会议。");
    CHECK(persons(r.x) == std::set<std::string>{name});
  }
}

TEST_CASE("a title slot whose name no boundary word closes takes the tagger's name",
          "[extract]") {
  // 通报 after the name is no word the lexicons list as a boundary in every
  // form (通报了); the chain still holds, since the tagger reads the name.
  const Read r = read("省交通运输厅党组书记、厅长龙海川通告了今年以来全省交通建设情况。");
  CHECK(persons(r.x) == std::set<std::string>{"龙海川"});
  CHECK(posts(r.x) == std::set<Post>{{"龙海川", "省交通运输厅", "党组书记", false},
                                     {"龙海川", "省交通运输厅", "厅长", false}});
}

TEST_CASE("a tagger-closed name needs a full chain: no post of loose descriptor words",
          "[extract]") {
  // 本报 is no organisation head: the title would run over it.
  const Read r = read("本报记者龙海川摄影钱晓路");
  for (const auto& m : r.x.mentions) {
    if (m.type == MentionType::title) CHECK(m.text != "本报记者");
  }
}

TEST_CASE("a place before a government title is the post's organisation", "[extract]") {
  const Read r = read("会上，衢州市副市长龙海川、丽水市景宁县县长钱晓路作交流发言。");
  CHECK(posts(r.x) == std::set<Post>{{"龙海川", "衢州市", "副市长", false},
                                     {"钱晓路", "丽水市景宁县", "县长", false}});
}

TEST_CASE("a foreign person named again by the last part of the name is one person",
          "[extract]") {
  const Read r = read(
      "丹麦奥胡斯大学校长玛丽娜·斯特恩霍姆出席签约仪式。斯特恩霍姆介绍了奥胡斯大学的学科设置。");
  CHECK(persons(r.x) == std::set<std::string>{"玛丽娜·斯特恩霍姆"});
  CHECK(roles(r.x).count({"玛丽娜·斯特恩霍姆", "presented"}) == 1);
}

TEST_CASE("an event named with and without its place is one event, under the longer name",
          "[extract]") {
  const Read r = read(
      "全省水利工作推进会在金华召开。\n11月3日，浙江省水利工作推进会在金华召开。"
      "水利厅厅长龙海川出席会议并讲话。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "浙江省水利工作推进会");
  CHECK(roles(r.x).count({"龙海川", "attended"}) == 1);
}

TEST_CASE("全省 and a short topic stay in an event's name, and 系 of 系统 does not cut it",
          "[extract]") {
  CHECK(read("11月30日，全省民政工作会议在合肥召开。").x.events.at(0).name == "全省民政工作会议");
  CHECK(read("全市教育工作会议召开。").x.events.at(0).name == "全市教育工作会议");
  CHECK(read("教育工作会议召开。").x.events.at(0).name == "教育工作会议");
  CHECK(read("全省民政系统年度工作会议召开。").x.events.at(0).name == "全省民政系统年度工作会议");
  // A short topic before a short head is no name: the event is the head alone.
  CHECK(read("年度会议召开。").x.events.at(0).name == "会议");
}

TEST_CASE("全省 before an event's name stands for the province the other name gives",
          "[extract]") {
  const Read r = read(
      "全省民政工作会议在合肥召开。\n11月3日，安徽省民政工作会议在合肥召开。"
      "民政厅厅长龙海川出席会议并讲话。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "安徽省民政工作会议");
}

TEST_CASE("a headline may abbreviate an ordinal event name, other numbers make another event",
          "[extract]") {
  const Read same = read(
      "省科协召开第九届常委会第三次会议\n\n本报讯 11月20日，省科学技术协会第九届常务委员会"
      "第三次会议在杭州召开。省科协主席周明远主持会议。");
  REQUIRE(same.x.events.size() == 1);
  CHECK(same.x.events[0].name == "省科学技术协会第九届常务委员会第三次会议");
  CHECK(roles(same.x).count({"周明远", "hosted"}) == 1);
  const Read other = read(
      "省科协召开第九届常委会第三次会议\n\n本报讯 11月20日，省科学技术协会第九届常务委员会"
      "第十三次会议在杭州召开。");
  CHECK(other.x.events.size() == 2);
}

TEST_CASE("会见 and 会谈 take no name from the words before them", "[extract]") {
  const Read r = read("外交部长会见新西兰客人。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "会见");
}

TEST_CASE("a count before an event word is no part of its name", "[extract]") {
  const Read r = read("第三届江城治理论坛在苏州举行。论坛分设三个分论坛。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "第三届江城治理论坛");
}

TEST_CASE("a publication's title before its head is part of the organisation", "[extract]") {
  const Read r = read("由江苏省社会科学院、《社会治理》杂志社联合主办的论坛在苏州举行。");
  CHECK(organizations(r.x) == std::set<std::string>{"江苏省社会科学院", "《社会治理》杂志社"});
}

TEST_CASE("a meeting room is no event", "[extract]") {
  const Read r = read("签约仪式在学校行政楼第一会议室举行。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "签约仪式");
}

TEST_CASE("a report that names no event gets one from its event word alone", "[extract]") {
  const Read r = read("中国水产科学院院长龙海川、副院长钱晓路等参加签约仪式。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "签约仪式");
  CHECK(roles(r.x) == std::set<std::pair<std::string, std::string>>{{"龙海川", "attended"},
                                                                    {"钱晓路", "attended"}});
}

TEST_CASE("a generic word before a title is the organisation last named with that word",
          "[extract]") {
  const Read r = read(
      "龙海川一行来到恒昌精密机械有限公司调研。公司总经理钱晓路介绍了企业的研发情况。");
  CHECK(posts(r.x).count({"钱晓路", "恒昌精密机械有限公司", "总经理", false}) == 1);
}

TEST_CASE("a government post after a party committee post is not held at the committee",
          "[extract]") {
  const Read r = read("市委副书记、市长龙海川出席会议。");
  CHECK(posts(r.x) == std::set<Post>{{"龙海川", "市委", "副书记", false}});
}

TEST_CASE("a government post after another body's post is not held at that body", "[extract]") {
  const Read r = read("市红十字会会长、副市长宁雪松出席会议。");
  CHECK(posts(r.x) == std::set<Post>{{"宁雪松", "市红十字会", "会长", false}});
  // At a government it is.
  CHECK(posts(read("杭州市人民政府党组成员、副市长宁雪松出席会议。").x) ==
        std::set<Post>{{"宁雪松", "杭州市人民政府", "党组成员", false},
                       {"宁雪松", "杭州市人民政府", "副市长", false}});
}

TEST_CASE("会议精神 refers to the meeting and names no event", "[extract]") {
  const Read r = read("市红十字会第五届理事会第二次会议召开。尤振华表示,将认真抓好会议精神的落实。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "市红十字会第五届理事会第二次会议");
}

TEST_CASE("增补 before an organisation is no part of it", "[extract]") {
  CHECK(organizations(read("会议增补市卫生健康委员会副主任谭锦程为理事。").x) ==
        std::set<std::string>{"市卫生健康委员会"});
}

TEST_CASE("an event's date is not the date of the dateline", "[extract]") {
  const Read r = read("本报南昌3月9日电 3月8日，第二届赣江生态论坛在南昌开幕。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].date == "3月8日");
}

TEST_CASE("an event named with and without its organisation is one event", "[extract]") {
  const Read r = read(
      "中国盲人协会召开第八届理事会第二次会议\n"
      "日前，中国盲人协会第八届理事会第二次会议在北京召开。中国盲人协会主席龙海川主持会议。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "中国盲人协会第八届理事会第二次会议");
}

TEST_CASE("an organisation name starts at its place, not at a verb before it", "[extract]") {
  const Read r = read("会议增补天津市志愿服务联合会常务副会长龙海川为理事。");
  CHECK(posts(r.x) == std::set<Post>{{"龙海川", "天津市志愿服务联合会", "常务副会长", false}});
}

TEST_CASE("a post after other words does not inherit the organisation named before it",
          "[extract]") {
  // 国际泳联 has no head the lexicons know; the chain before it is another
  // organisation's, joined by a verb, not by an enumeration.
  const Read r = read("国家体育总局局长龙海川在北京会见了国际泳联副主席彼得·格兰特。");
  const auto got = posts(r.x);
  CHECK(got.count({"龙海川", "国家体育总局", "局长", false}) == 1);
  for (const auto& [who, org, title, former] : got) {
    if (who == "彼得·格兰特") CHECK(org != "国家体育总局");
  }
}

TEST_CASE("an organisation the tagger reads just before a title is the post's", "[extract]") {
  const Read r = read("国家体育总局局长龙海川在北京会见了世界田联副主席彼得·格兰特。");
  CHECK(posts(r.x).count({"彼得·格兰特", "世界田联", "副主席", false}) == 1);
}

TEST_CASE("a post opening a later clause inherits the organisation of the sentence",
          "[extract]") {
  const Read r = read("中国盲人协会主席龙海川主持会议，常务副主席钱晓路作工作报告。");
  CHECK(posts(r.x) == std::set<Post>{{"龙海川", "中国盲人协会", "主席", false},
                                     {"钱晓路", "中国盲人协会", "常务副主席", false}});
}

TEST_CASE("an organisation named in full elsewhere is read whole where the tagger cuts it",
          "[extract]") {
  const Read r = read(
      "论坛由文化和旅游部艺术与科技司、某某大学共同主办。"
      "文化和旅游部艺术与科技司司长龙海川出席论坛。");
  const auto orgs = organizations(r.x);
  CHECK(orgs.count("文化和旅游部艺术与科技司") == 1);
  CHECK(orgs.count("科技司") == 0);
}

TEST_CASE("a unit written after an organisation known from the text is part_of it",
          "[extract]") {
  const Read r = read(
      "全国侨联召开座谈会。全国侨联副主席钱晓路主持会议，全国侨联联络部部长龙海川参加座谈。");
  CHECK(posts(r.x).count({"龙海川", "全国侨联联络部", "部长", false}) == 1);
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{{"全国侨联联络部", "全国侨联"}});
}

TEST_CASE("two titles joined by 兼 are two posts at one organisation", "[extract]") {
  const Read r = read("中国盲人协会副主席兼秘书长龙海川出席会议。");
  CHECK(posts(r.x) == std::set<Post>{{"龙海川", "中国盲人协会", "副主席", false},
                                     {"龙海川", "中国盲人协会", "秘书长", false}});
}

TEST_CASE("a department after a body in an enumeration is the body's unit", "[extract]") {
  const Read r = read(
      "江汉大学国际交流处处长钱晓路，公共卫生学院院长龙海川，司法部原副部长孙一鸣参加会见。");
  CHECK(posts(r.x) == std::set<Post>{{"钱晓路", "江汉大学国际交流处", "处长", false},
                                     {"龙海川", "江汉大学公共卫生学院", "院长", false},
                                     {"孙一鸣", "司法部", "副部长", true}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{{"江汉大学国际交流处", "江汉大学"},
                                                      {"江汉大学公共卫生学院", "江汉大学"}});
}

TEST_CASE("进行 closes a name with a compound surname in a title slot", "[extract]") {
  const Read r = read("武汉某某学院教授司马文博进行了点评。");
  CHECK(persons(r.x) == std::set<std::string>{"司马文博"});
}

TEST_CASE("an event name runs left across an organisation whose head holds a stop word",
          "[extract]") {
  // 联合 stops an organisation name, but inside 联合会 it is part of the head.
  const Read r = read("12月1日，中国桥牌联合会第三届理事会第二次会议在京召开。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "中国桥牌联合会第三届理事会第二次会议");
}

TEST_CASE("a headline's short event name and the body's full one are one event", "[extract]") {
  const Read r = read(
      "中国盲人协会召开主席团会议\n"
      "日前，中国盲人协会第六届主席团第二次会议在京召开。中国盲人协会主席龙海川主持会议。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "中国盲人协会第六届主席团第二次会议");
  CHECK(roles(r.x).count({"龙海川", "hosted"}) == 1);
}

TEST_CASE("a known organisation is not read inside a longer organisation name", "[extract]") {
  // The source names 江城体育; 江城体育联合会 is another organisation.
  const guanxi::Document doc = guanxi::make_document(
      guanxi::decode_utf8("江城体育联合会主席龙海川出席会议。\n(据《江城体育》)"), "t");
  const Extraction x = guanxi::extract(doc);
  CHECK(posts(x) == std::set<Post>{{"龙海川", "江城体育联合会", "主席", false}});
}

TEST_CASE("an appointment notice: 同志任, 任命…为, 免去…的…职务", "[extract]") {
  const Read r = read(
      "经市政府研究决定：\n林远航同志任市发展和改革委员会主任；\n"
      "免去戚国栋同志的市财政局局长职务，另有任用；\n任命郜晓岚为市教育局副局长。");
  CHECK(posts(r.x) == std::set<Post>{{"林远航", "市发展和改革委员会", "主任", false},
                                     {"戚国栋", "市财政局", "局长", true},
                                     {"郜晓岚", "市教育局", "副局长", false}});
  CHECK(organizations(r.x) ==
        std::set<std::string>{"市发展和改革委员会", "市财政局", "市教育局"});
}

TEST_CASE("免去其集团…职务 is a former post at the group named before", "[extract]") {
  const Read r = read("会议决定，任命钱晓路为宏达城市建设投资集团有限公司副总经理，免去其集团财务总监职务。");
  CHECK(posts(r.x) == std::set<Post>{{"钱晓路", "宏达城市建设投资集团有限公司", "副总经理", false},
                                     {"钱晓路", "宏达城市建设投资集团有限公司", "财务总监", true}});
  // 会议决定 names no event anyone was seen at: no attendance.
  CHECK(r.x.attendances.empty());
}

TEST_CASE("投资 before a head and a legal form is part of the name", "[extract]") {
  CHECK(posts(read("青川城市建设投资集团有限公司副总经理王明出席。").x) ==
        std::set<Post>{{"王明", "青川城市建设投资集团有限公司", "副总经理", false}});
}

TEST_CASE("an appointment verb after 决定 is no part of the organisation", "[extract]") {
  const Read r = read("会议决定任江城大学党委副书记庞立军为校长。");
  CHECK(organizations(r.x) == std::set<std::string>{"江城大学"});
  CHECK(posts(r.x).count({"庞立军", "江城大学", "党委副书记", false}) == 1);
}

TEST_CASE("an appointment gives the new post, and 免去其…职务 the former one", "[extract]") {
  const Read r = read(
      "会议同意钱晓路任中国盲人协会康复部主任，免去其原任江城市残疾人联合会理事长职务。");
  CHECK(posts(r.x) == std::set<Post>{{"钱晓路", "中国盲人协会康复部", "主任", false},
                                     {"钱晓路", "江城市残疾人联合会", "理事长", true}});
}

TEST_CASE("an ambassador or consul named by the place of the mission holds the post there",
          "[extract]") {
  CHECK(posts(read("瑞典驻华大使林安娜出席招待会。").x) ==
        std::set<Post>{{"林安娜", "瑞典驻华大使馆", "大使", false}});
  CHECK(posts(read("加拿大驻广州副总领事柯文德致辞。").x) ==
        std::set<Post>{{"柯文德", "加拿大驻广州总领事馆", "副总领事", false}});
  // Our own country's mission is named without 我国.
  CHECK(posts(read("我国驻秘鲁大使顾明川会见侨胞代表。").x) ==
        std::set<Post>{{"顾明川", "驻秘鲁大使馆", "大使", false}});
  // A mission the text names keeps its name and the whole title.
  CHECK(posts(read("据挪威驻华大使馆副领事温德朗介绍，签证办理时间缩短。").x) ==
        std::set<Post>{{"温德朗", "挪威驻华大使馆", "副领事", false}});
  // No 驻, no mission: 大使 alone has no organisation.
  CHECK(posts(read("友好大使林安娜出席招待会。").x).empty());
}

TEST_CASE("a generic body word after a clause refers to the body of that word named before",
          "[extract]") {
  const Read r = read(
      "浙江省茶叶流通协会在临安召开年会。省商务厅市场处处长邵启明致辞，协会会长甘若谷出席并讲话，"
      "常务副会长柏青山主持会议。");
  CHECK(posts(r.x) == std::set<Post>{{"邵启明", "省商务厅市场处", "处长", false},
                                     {"甘若谷", "浙江省茶叶流通协会", "会长", false},
                                     {"柏青山", "浙江省茶叶流通协会", "常务副会长", false}});
  // No body of that word before: the word stays a unit of the sentence's body.
  const Read unit = read("省商务厅厅长邵启明、办公室主任甘若谷出席。");
  CHECK(posts(unit.x).count({"甘若谷", "省商务厅办公室", "主任", false}) == 1);
}

TEST_CASE("a bare association title opening a sentence is at the association named last",
          "[extract]") {
  const Read r = read(
      "浙江省茶叶流通协会召开理事会。会长甘若谷主持会议。\n\n秘书长钟素云作年度工作报告。");
  CHECK(posts(r.x).count({"钟素云", "浙江省茶叶流通协会", "秘书长", false}) == 1);
  // With no association named before, the title stays bare.
  CHECK(posts(read("秘书长钟素云作年度工作报告。").x).empty());
}

TEST_CASE("one who leaves a post in a meeting's decision did not attend it", "[extract]") {
  const Read r = read(
      "浙江省茶叶流通协会召开理事会，会长甘若谷主持会议。会议同意原秘书长钟素云因工作调动不再担任"
      "秘书长职务。");
  CHECK(roles(r.x) == std::set<std::pair<std::string, std::string>>{{"甘若谷", "hosted"}});
}

TEST_CASE("校长 and 校 before a title are posts at the school named last", "[extract]") {
  const Read r = read(
      "南岭师范学院与晨光科技公司签署合作协议。校党委书记卫承志，校长尚文博，晨光科技公司"
      "董事长闻一鸣出席仪式。副校长郝雨桐主持签约仪式。");
  CHECK(posts(r.x) == std::set<Post>{{"卫承志", "南岭师范学院", "党委书记", false},
                                     {"尚文博", "南岭师范学院", "校长", false},
                                     {"闻一鸣", "晨光科技公司", "董事长", false},
                                     {"郝雨桐", "南岭师范学院", "副校长", false}});
  // No school named before: the title stays bare.
  CHECK(posts(read("校长尚文博出席仪式。").x).empty());
}

TEST_CASE("学校 or 集团 before a unit names a unit of the school or group named before",
          "[extract]") {
  const Read r = read(
      "南岭师范学院与晨光科技集团有限公司签署合作协议。集团人力资源部部长闻一鸣，"
      "学校外国语学院院长卫承志、音乐学院副院长尚文博参加签约仪式。");
  CHECK(posts(r.x) == std::set<Post>{{"闻一鸣", "晨光科技集团有限公司人力资源部", "部长", false},
                                     {"卫承志", "南岭师范学院外国语学院", "院长", false},
                                     {"尚文博", "南岭师范学院音乐学院", "副院长", false}});
  // The second 学院 is a sibling of the first, not its unit.
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{
            {"晨光科技集团有限公司人力资源部", "晨光科技集团有限公司"},
            {"南岭师范学院外国语学院", "南岭师范学院"},
            {"南岭师范学院音乐学院", "南岭师范学院"}});
  // With no school named before, the name stays as written.
  CHECK(organizations(read("学校外国语学院院长卫承志出席。").x) ==
        std::set<std::string>{"学校外国语学院"});
}

TEST_CASE("原 before a foreign mission marks a former post there", "[extract]") {
  CHECK(posts(read("中芬友好协会会长、原芬兰驻华大使馆公使衔参赞米卡·拉赫蒂也参加了会见。").x) ==
        std::set<Post>{{"米卡·拉赫蒂", "中芬友好协会", "会长", false},
                       {"米卡·拉赫蒂", "芬兰驻华大使馆", "公使衔参赞", true}});
  // 原 that starts a word (原料) is no former marker.
  CHECK(posts(read("原料药协会会长龚文出席。").x) ==
        std::set<Post>{{"龚文", "原料药协会", "会长", false}});
}

TEST_CASE("diplomatic ranks are titles an enumeration passes on", "[extract]") {
  CHECK(posts(read("芬兰驻华大使馆参赞米卡·拉赫蒂、一等秘书安娜·维尔塔陪同来访。").x) ==
        std::set<Post>{{"米卡·拉赫蒂", "芬兰驻华大使馆", "参赞", false},
                       {"安娜·维尔塔", "芬兰驻华大使馆", "一等秘书", false}});
}

TEST_CASE("a place after a stop word is the organisation of a government title", "[extract]") {
  CHECK(posts(read("副市长宇文清会见了由芬兰坦佩雷市市长米卡·拉赫蒂率领的代表团。").x)
            .count({"米卡·拉赫蒂", "芬兰坦佩雷市", "市长", false}) == 1);
}

TEST_CASE("a department named with 与 after a word ending in a head character stays whole",
          "[extract]") {
  // 系 of 国际关系 is no department head nor a stop word.
  CHECK(posts(read("江城大学国际关系与公共事务学院教授司马文博作报告。").x) ==
        std::set<Post>{{"司马文博", "江城大学国际关系与公共事务学院", "教授", false}});
}

TEST_CASE("a publication in title marks before an editor's title is the post's organisation",
          "[extract]") {
  const Read r = read("《乡村建设评论》主编靳文远、《乡村建设评论》副主编解小静分别致辞。");
  CHECK(posts(r.x) == std::set<Post>{{"靳文远", "乡村建设评论", "主编", false},
                                     {"解小静", "乡村建设评论", "副主编", false}});
  // Other titles after a work's name take nothing from it.
  CHECK(posts(read("电影《远山》导演靳文远出席首映式。").x).empty());
}

TEST_CASE("代 stays in a title after an organisation, a place or a break, not inside a word",
          "[extract]") {
  CHECK(posts(read("临江市代市长欧阳明、南屏县委常委、代县长闻一鸣出席了会议。").x) ==
        std::set<Post>{{"欧阳明", "临江市", "代市长", false},
                       {"闻一鸣", "南屏县委", "常委", false},
                       {"闻一鸣", "南屏县", "代县长", false}});
  CHECK(posts(read("海滨特别行政区政府经济及旅游发展局代副局长林小青致辞。").x) ==
        std::set<Post>{{"林小青", "海滨特别行政区政府经济及旅游发展局", "代副局长", false}});
  // 代 ending 古代 or 现代 is no part of the title after it.
  std::set<std::string> titles;
  for (const auto& m : read("展出了古代书法家和现代大师的作品。").x.mentions)
    if (m.type == MentionType::title) titles.insert(m.text);
  CHECK(titles.count("代书法家") == 0);
  CHECK(titles.count("代大师") == 0);
}

TEST_CASE("short forms of bodies after a place are organisations", "[extract]") {
  CHECK(posts(read("临江区残联理事长欧阳明、市科协主席闻一鸣、市外办主任林小青出席。").x) ==
        std::set<Post>{{"欧阳明", "临江区残联", "理事长", false},
                       {"闻一鸣", "市科协", "主席", false},
                       {"林小青", "市外办", "主任", false}});
  CHECK(persons(read("南屏市发改委副主任卫承志介绍了情况。").x) == std::set<std::string>{"卫承志"});
}

TEST_CASE("a place and an organisation head before a title are an organisation", "[extract]") {
  const Read r = read("市科协、市妇联负责人参加了座谈。");
  CHECK(organizations(r.x) == std::set<std::string>{"市科协", "市妇联"});
  std::set<std::string> titles;
  for (const auto& m : r.x.mentions)
    if (m.type == MentionType::title) titles.insert(m.text);
  CHECK(titles == std::set<std::string>{"负责人"});
  // 党委 of 党委书记 names no body of its own.
  CHECK(organizations(read("党委书记林小青讲话。").x).empty());
}

TEST_CASE("names from languages of China are read whole in a title slot", "[extract]") {
  CHECK(posts(read("自治区政协副主席乌云其木格出席会议。").x) ==
        std::set<Post>{{"乌云其木格", "自治区政协", "副主席", false}});
  CHECK(persons(read("县委书记阿不都热合曼·买买提主持会议。").x) ==
        std::set<std::string>{"阿不都热合曼·买买提"});
  // Outside a title slot such a run is no name.
  CHECK(persons(read("乌云其木格出席会议。").x).count("乌云其木格") == 0);
}

TEST_CASE("任命某某为 and 免去某某的 name the person between verb and 为 or 的", "[extract]") {
  // 上 of 上官 is a stop word, 滑 an uncommon surname.
  CHECK(
      posts(
          read("任命上官若兰为云岭省卫生健康委员会副主任；任命滑建中为云岭省应急管理厅常务副厅长。")
              .x) == std::set<Post>{{"上官若兰", "云岭省卫生健康委员会", "副主任", false},
                                    {"滑建中", "云岭省应急管理厅", "常务副厅长", false}});
  CHECK(posts(read("免去令狐长风同志的青岩市交通运输局局长职务。").x) ==
        std::set<Post>{{"令狐长风", "青岩市交通运输局", "局长", true}});
}

TEST_CASE("a short form in parentheses between an organisation and a title is skipped",
          "[extract]") {
  CHECK(posts(read("云岭交通投资集团有限公司（以下简称“云岭交投”）副总经理、总法律顾问郗晓雯"
                   "拟任省属国有企业副职。")
                  .x) ==
        std::set<Post>{{"郗晓雯", "云岭交通投资集团有限公司", "副总经理", false},
                       {"郗晓雯", "云岭交通投资集团有限公司", "总法律顾问", false}});
  // 现任 before an organisation is no part of its name.
  CHECK(organizations(read("现任云岭省交通运输厅副厅长闵思源拟任省属国有企业正职。").x) ==
        std::set<std::string>{"云岭省交通运输厅"});
}

TEST_CASE("those elected share the post that follows their list", "[extract]") {
  const Read r = read(
      "大会选举产生了新一届理事会，甘望舒当选为市作家协会主席，姒小禾、亓官远、蒯文瑾"
      "（按姓氏笔画为序）当选为副主席，晏清和当选为秘书长。");
  CHECK(posts(r.x) == std::set<Post>{{"甘望舒", "市作家协会", "主席", false},
                                     {"姒小禾", "市作家协会", "副主席", false},
                                     {"亓官远", "市作家协会", "副主席", false},
                                     {"蒯文瑾", "市作家协会", "副主席", false},
                                     {"晏清和", "市作家协会", "秘书长", false}});
  // Several posts after one 当选为, the second without its organisation.
  CHECK(posts(read("会上，冼嘉言当选为青岩市残疾人联合会理事长、党组书记。").x) ==
        std::set<Post>{{"冼嘉言", "青岩市残疾人联合会", "理事长", false},
                       {"冼嘉言", "青岩市残疾人联合会", "党组书记", false}});
  // 选举某某为 and a bare title: the organisation named before in the sentence.
  CHECK(posts(read("青岩市摄影家协会第三次会员代表大会选举阙明远为主席，郦若冰连任秘书长。").x) ==
        std::set<Post>{{"阙明远", "青岩市摄影家协会", "主席", false},
                       {"郦若冰", "青岩市摄影家协会", "秘书长", false}});
  // An elected person is no appointee: still an attendee of the meeting.
  const Read met =
      read("青岩市摄影家协会第三次会员代表大会召开。阙明远当选为主席。钟启航出席大会。");
  CHECK(posts(met.x) == std::set<Post>{{"阙明远", "青岩市摄影家协会", "主席", false}});
  CHECK(roles(met.x).count({"阙明远", "attended"}) == 1);
}

TEST_CASE("a name of three characters ends before a verb after its stop character", "[extract]") {
  // 和 is a stop word, but before 出席 it closes the name 晏清和.
  CHECK(persons(read("协会秘书长晏清和出席会议。").x) == std::set<std::string>{"晏清和"});
  // Before another name it is the conjunction.
  CHECK(persons(read("协会秘书长晏清和王明远出席会议。").x) ==
        std::set<std::string>{"晏清", "王明远"});
}

TEST_CASE("原 before a level character and a short head marks a former post", "[extract]") {
  CHECK(posts(read("原市委副书记郁文涛出席会议。").x) ==
        std::set<Post>{{"郁文涛", "市委", "副书记", true}});
  CHECK(posts(read("原县文联主席郁文涛出席会议。").x) ==
        std::set<Post>{{"郁文涛", "县文联", "主席", true}});
}

TEST_CASE("a general word before a level character and a head is no part of the name",
          "[extract]") {
  CHECK(organizations(read("他希望市文联进一步做好服务工作。").x) ==
        std::set<std::string>{"市文联"});
  // Where the word and the level character are one word (自治区), the name keeps both.
  CHECK(organizations(read("广西壮族自治区政府副主席郁文涛出席会议。").x) ==
        std::set<std::string>{"广西壮族自治区政府"});
}

TEST_CASE("a department before a modified title is its own unit", "[extract]") {
  // 部副 is a word of the general list; 副总经理 after 部 still closes the department.
  const Read r = read("青岩银行零售信贷管理部副总经理邬明哲表示。");
  CHECK(posts(r.x) == std::set<Post>{{"邬明哲", "青岩银行零售信贷管理部", "副总经理", false}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{{"青岩银行零售信贷管理部", "青岩银行"}});
}

TEST_CASE("newspapers named 时报 or 晨报 are organisations but the head alone is none",
          "[extract]") {
  CHECK(posts(read("青岩时报记者邬明哲报道。").x) ==
        std::set<Post>{{"邬明哲", "青岩时报", "记者", false}});
  CHECK(organizations(read("早报记者邬明哲报道。").x).empty());
}

TEST_CASE("a body's name keeps 与 inside it in an event's name, and organises the event",
          "[extract]") {
  const Read r = read("青岩市物流与采购协会第三次会员代表大会在江城召开。");
  CHECK(organizations(r.x) == std::set<std::string>{"青岩市物流与采购协会"});
  REQUIRE(r.x.organizings.size() == 1);
  CHECK(r.x.organizations[r.x.organizings[0].org].name == "青岩市物流与采购协会");
  // 与 after a complete name still parts the two.
  CHECK(organizations(read("青岩市政府与江城大学合作座谈会召开。").x).count("青岩市政府") == 1);
}

TEST_CASE("an election's bare title is at the organiser of the meeting", "[extract]") {
  const Read r = read(
      "青岩市物流与采购协会第三次会员代表大会召开。大会选举产生了第三届理事会。"
      "蔺少平连任会长；司徒雅芝、覃立勇当选副会长。");
  CHECK(posts(r.x) == std::set<Post>{{"蔺少平", "青岩市物流与采购协会", "会长", false},
                                     {"司徒雅芝", "青岩市物流与采购协会", "副会长", false},
                                     {"覃立勇", "青岩市物流与采购协会", "副会长", false}});
  // A count before 家单位 is no name.
  CHECK(persons(read("大会选举了会长。18家单位当选为副会长单位。").x).empty());
}

TEST_CASE("a generic body word after another post of the person is the body named before",
          "[extract]") {
  const Read r =
      read("大会由青岩市物流协会主办。青岩市政协原副主席、协会名誉会长欧阳振邦出席大会。");
  CHECK(posts(r.x) == std::set<Post>{{"欧阳振邦", "青岩市政协", "副主席", true},
                                     {"欧阳振邦", "青岩市物流协会", "名誉会长", false}});
}

TEST_CASE("a legal form stays with its head when a unit follows", "[extract]") {
  const Read r = read("青岩交通投资集团有限公司党委副书记芮鸿远致辞。");
  CHECK(posts(r.x) == std::set<Post>{{"芮鸿远", "青岩交通投资集团有限公司", "党委副书记", false}});
}

TEST_CASE("a title named with an organisation's party body is held at the organisation",
          "[extract]") {
  const Read r = read("青岩交通投资集团有限公司党委书记、董事长芮鸿远致辞。");
  // 党委书记 and 董事长, which follows it in the chain, both at the company.
  CHECK(posts(r.x) == std::set<Post>{{"芮鸿远", "青岩交通投资集团有限公司", "党委书记", false},
                                     {"芮鸿远", "青岩交通投资集团有限公司", "董事长", false}});
  CHECK(organizations(r.x) == std::set<std::string>{"青岩交通投资集团有限公司"});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of).empty());
  // A 党委 the text names outside a post stays a unit.
  const Read named = read("青岩大学党委召开会议。青岩大学党委副书记蔺一鸣主持会议。");
  CHECK(relations(named.x, guanxi::OrgRelationKind::part_of).count({"青岩大学党委", "青岩大学"}) ==
        1);
  // A place's 党委 is the place's own, no unit of anything.
  const Read town = read("桃源镇党委书记裴宏志出席会议。");
  CHECK(posts(town.x) == std::set<Post>{{"裴宏志", "桃源镇党委", "书记", false}});
  CHECK(relations(town.x, guanxi::OrgRelationKind::part_of).empty());
  CHECK(posts(read("青岩市财政局党组成员、副局长宁雪枫出席会议。").x) ==
        std::set<Post>{{"宁雪枫", "青岩市财政局", "党组成员", false},
                       {"宁雪枫", "青岩市财政局", "副局长", false}});
}

TEST_CASE("a post at a body named before keeps two titles joined by 兼 apart", "[extract]") {
  CHECK(posts(read("华东区域经济学会年会召开。开幕式由学会副会长兼秘书长弓雪琳主持。").x) ==
        std::set<Post>{{"弓雪琳", "华东区域经济学会", "副会长", false},
                       {"弓雪琳", "华东区域经济学会", "秘书长", false}});
}

TEST_CASE("党委 alone after a body's chain is that body's party committee and 原 may be a surname",
          "[extract]") {
  const Read r = read(
      "北川师范大学党委书记陶新民，校长柯文澜，党委副书记原晓峰，副校长仲夏、巫立强等参加典礼。");
  CHECK(posts(r.x) == std::set<Post>{{"陶新民", "北川师范大学", "党委书记", false},
                                     {"柯文澜", "北川师范大学", "校长", false},
                                     {"原晓峰", "北川师范大学", "党委副书记", false},
                                     {"仲夏", "北川师范大学", "副校长", false},
                                     {"巫立强", "北川师范大学", "副校长", false}});
  // 原 before a title is still the former marker.
  CHECK(posts(read("青岩市文化局原局长晏明远出席。").x) ==
        std::set<Post>{{"晏明远", "青岩市文化局", "局长", true}});
}

TEST_CASE("a body's name with 和 inside it is read whole after an appointment verb", "[extract]") {
  // 骞 is an uncommon surname; 和 joins two words of one bureau's name.
  CHECK(posts(read("任命骞立峰为青禾市自然资源和规划局局长。").x) ==
        std::set<Post>{{"骞立峰", "青禾市自然资源和规划局", "局长", false}});
  CHECK(posts(read("免去毋海涛的青禾市自然资源和规划局局长职务。").x) ==
        std::set<Post>{{"毋海涛", "青禾市自然资源和规划局", "局长", true}});
}

TEST_CASE(
    "a government title after a committee without its place is at the government named before",
    "[extract]") {
  CHECK(posts(read("临川市人民政府召开会议。市委副书记、市长韦海涛作具体部署。").x) ==
        std::set<Post>{{"韦海涛", "市委", "副书记", false},
                       {"韦海涛", "临川市人民政府", "市长", false}});
  // With no government named, the title stays without one.
  CHECK(posts(read("市委副书记、市长韦海涛作具体部署。").x) ==
        std::set<Post>{{"韦海涛", "市委", "副书记", false}});
}

TEST_CASE("a list of countries names no person", "[extract]") {
  CHECK(persons(read("来自哈萨克斯坦、塞尔维亚、巴基斯坦等6个国家的代表参加会议。").x).empty());
}

TEST_CASE(
    "posts after an appointment verb joined by 、 each count and a later department is a unit",
    "[extract]") {
  using Parts = std::set<std::pair<std::string, std::string>>;
  // 审判委员会 after a post at the court: the court's committee.
  const Read r = read("任命岑立言为澄州市中级人民法院副院长、审判委员会委员。");
  CHECK(posts(r.x) == std::set<Post>{{"岑立言", "澄州市中级人民法院", "副院长", false},
                                     {"岑立言", "澄州市中级人民法院审判委员会", "委员", false}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        Parts{{"澄州市中级人民法院审判委员会", "澄州市中级人民法院"}});
  // After a post at a department, the next department is its sibling.
  const Read s = read("任命岑立言为澄州市中级人民法院审判委员会委员、民事审判第二庭庭长。");
  CHECK(relations(s.x, guanxi::OrgRelationKind::part_of) ==
        Parts{{"澄州市中级人民法院审判委员会", "澄州市中级人民法院"},
              {"澄州市中级人民法院民事审判第二庭", "澄州市中级人民法院"}});
  // 免去 makes every post of the list former.
  CHECK(posts(read("免去柏知远的澄州市人民检察院副检察长、检察委员会委员职务。").x) ==
        std::set<Post>{{"柏知远", "澄州市人民检察院", "副检察长", true},
                       {"柏知远", "澄州市人民检察院检察委员会", "委员", true}});
}

TEST_CASE("one who resigns a post held it before", "[extract]") {
  CHECK(posts(read("会议决定接受芮知秋辞去澄州市人民政府副市长职务的请求。").x) ==
        std::set<Post>{{"芮知秋", "澄州市人民政府", "副市长", true}});
}

TEST_CASE("a department after another post of the same person is a unit of that post's body",
          "[extract]") {
  const Read r = read("澄州大学副校长、研究生院院长詹予安出席会议。");
  CHECK(posts(r.x) == std::set<Post>{{"詹予安", "澄州大学", "副校长", false},
                                     {"詹予安", "澄州大学研究生院", "院长", false}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{{"澄州大学研究生院", "澄州大学"}});
  // 政法委 after a city's party committee is its unit.
  CHECK(posts(read("澄州市委政法委副书记詹予安作交流发言。").x) ==
        std::set<Post>{{"詹予安", "澄州市委政法委", "副书记", false}});
}

TEST_CASE("a tagged organisation written after its parent is a unit of it", "[extract]") {
  // No title slot before the name: the organisation comes from the tagger and is split as a
  // chain's.
  const Read r = read("任命岑立言为澄州市中级人民法院审判委员会委员。");
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{
            {"澄州市中级人民法院审判委员会", "澄州市中级人民法院"}});
  // A known organisation written again with more after it splits after its own end only.
  const Read twice =
      read("澄州大学附属第一医院院长詹予安陪同参观。代表团参观了澄州大学附属第一医院国际医疗部。");
  for (const auto& [unit, parent] : relations(twice.x, guanxi::OrgRelationKind::part_of)) {
    CHECK(unit.size() > parent.size());
  }
}

TEST_CASE("a short form of a name in the document is that organisation", "[extract]") {
  // 省社科联 abbreviates 秦岭省社会科学界联合会; its 党组's post is that body's.
  const Read r =
      read("秦岭省社会科学界联合会举办研讨会。研讨会由省社科联党组成员、副主席邸明川主持。");
  CHECK(posts(r.x) == std::set<Post>{{"邸明川", "秦岭省社会科学界联合会", "副主席", false},
                                     {"邸明川", "秦岭省社会科学界联合会", "党组成员", false}});
  CHECK(organizations(r.x) == std::set<std::string>{"秦岭省社会科学界联合会"});
  // The level character and the rest of a place-prefixed name stand for it.
  CHECK(organizations(read("石门县纪委监委通报两起问题。县纪委监委指出，要引以为戒。").x) ==
        std::set<std::string>{"石门县纪委监委"});
  // A prefix of a name is no short form of it: the university and its 党委 stay two.
  CHECK(organizations(read("澄州大学党委召开会议。澄州大学党委书记詹予安出席会议。").x) ==
        std::set<std::string>{"澄州大学", "澄州大学党委"});
}

TEST_CASE("a post in a visit's report is at the place the sentence opens with", "[extract]") {
  CHECK(posts(read("在青杉镇卫生院，调研组察看了药房，院长卜一鸣介绍了有关情况。").x) ==
        std::set<Post>{{"卜一鸣", "青杉镇卫生院", "院长", false}});
  CHECK(posts(read("在澄州绿原农业发展有限公司，总经理司空宁介绍了经营模式。").x) ==
        std::set<Post>{{"司空宁", "澄州绿原农业发展有限公司", "总经理", false}});
  // A place that is no organisation gives the post none.
  CHECK(posts(read("在青杉镇万亩茶园，技术员卜一鸣介绍了种植情况。").x).empty());
}

TEST_CASE("departments named alone are units of the document's one hospital or university",
          "[extract]") {
  using Parts = std::set<std::pair<std::string, std::string>>;
  const Read r = read(
      "青杉市中心医院召开表彰会。心血管内科护士长阎一帆、重症医学科主管护师鲁小禾获评优秀护士。");
  CHECK(posts(r.x) == std::set<Post>{{"阎一帆", "青杉市中心医院心血管内科", "护士长", false},
                                     {"鲁小禾", "青杉市中心医院重症医学科", "主管护师", false}});
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        Parts{{"青杉市中心医院心血管内科", "青杉市中心医院"},
              {"青杉市中心医院重症医学科", "青杉市中心医院"}});
  // Two hospitals: which one is not known, so the department stays alone.
  const Read two = read("青杉市中心医院与青杉市妇幼保健医院签约。心血管内科护士长阎一帆发言。");
  CHECK(relations(two.x, guanxi::OrgRelationKind::part_of).empty());
  // A college whose own units are named after it is a body, not a department.
  const Read college = read(
      "青杉技师学院与青杉重工共建的青杉技师学院智造产业学院揭牌。青杉技师学院院长柏一鸣讲话。");
  CHECK(organizations(college.x).count("青杉技师学院") == 1);
}

TEST_CASE("该院 before a title refers to the body of that head named last", "[extract]") {
  const Read r =
      read("推进会在青杉市中心医院学术报告厅召开。该院副院长、神经内科主任况一鸣介绍了数据。");
  CHECK(posts(r.x) == std::set<Post>{{"况一鸣", "青杉市中心医院", "副院长", false},
                                     {"况一鸣", "青杉市中心医院神经内科", "主任", false}});
}

TEST_CASE("由 after a title is the preposition and starts no name", "[extract]") {
  CHECK(persons(read("产业学院院长由青杉技师学院智能制造系主任储一鸣兼任。").x) ==
        std::set<std::string>{"储一鸣"});
}

TEST_CASE("those appointed in one list share the post", "[extract]") {
  CHECK(posts(read("会议任命訾一凡、苌立新、黄小川为青杉市人大常委会法制工作委员会副主任。").x) ==
        std::set<Post>{{"訾一凡", "青杉市人大常委会法制工作委员会", "副主任", false},
                       {"苌立新", "青杉市人大常委会法制工作委员会", "副主任", false},
                       {"黄小川", "青杉市人大常委会法制工作委员会", "副主任", false}});
  // 为 and 辞去 start no organisation's name.
  const Read r =
      read("任命昝一鸣为青杉市交通运输局局长。会议接受仉立新辞去青杉市生态环境局局长职务的请求。");
  CHECK(organizations(r.x) == std::set<std::string>{"青杉市交通运输局", "青杉市生态环境局"});
}

TEST_CASE("a byline names people and after an agency's dateline their post there", "[extract]") {
  const Read r = read("本报讯（记者 佘一帆 通讯员 逯小川）6月28日，青杉市召开推进会。");
  CHECK(persons(r.x) == std::set<std::string>{"佘一帆", "逯小川"});
  CHECK(posts(r.x).empty());
  // Names apart by a space are two people, of the agency that dates the report.
  const Read agency = read("新华社鹭城5月18日电（记者 晏一清 阙小川）论坛18日在鹭城开幕。");
  CHECK(posts(agency.x) ==
        std::set<Post>{{"晏一清", "新华社", "记者", false}, {"阙小川", "新华社", "记者", false}});
  const Read paper = read("青杉日报讯（记者 桑一梓 实习生 冯小诺）10月16日，代表团抵达青杉。");
  CHECK(posts(paper.x) == std::set<Post>{{"桑一梓", "青杉日报", "记者", false},
                                         {"冯小诺", "青杉日报", "实习生", false}});
  // Right after the bracket the names need no gap, and no reporter attended the event.
  const Read joined = read("新华社鹭城5月18日电（记者晏一清、阙小川）第五届鹭城论坛18日开幕。");
  CHECK(posts(joined.x) ==
        std::set<Post>{{"晏一清", "新华社", "记者", false}, {"阙小川", "新华社", "记者", false}});
  CHECK(roles(joined.x).empty());
  // 记者 before a verb is no byline.
  CHECK(persons(read("记者了解到，活动将持续一周。").x).empty());
}

TEST_CASE("a government title with no body is at the document's government", "[extract]") {
  // Named before or after the post.
  CHECK(posts(read("副县长岑一鸣、莫小川参加会议。会议由栖霞县人民政府主办。").x) ==
        std::set<Post>{{"岑一鸣", "栖霞县人民政府", "副县长", false},
                       {"莫小川", "栖霞县人民政府", "副县长", false}});
  CHECK(posts(read("副县长岑一鸣参加会议。").x).empty());
}

TEST_CASE("stop words inside a body's name and before it", "[extract]") {
  // 据 of 数据局 is no stop; 以及 before a name is one.
  CHECK(posts(read("青杉省数据局副局长钟一鸣出席。").x) ==
        std::set<Post>{{"钟一鸣", "青杉省数据局", "副局长", false}});
  CHECK(organizations(read("以及青杉省人民政府外事办公室主任公孙一鸣参加会见。").x) ==
        std::set<std::string>{"青杉省人民政府", "青杉省人民政府外事办公室"});
  // A short form keeps a one-character head: 省市场监管 is no 省市场监督管理局.
  const Read r = read("青杉省市场监督管理局副局长岳一帆，青杉省数据局副局长钟一鸣出席。");
  CHECK(organizations(r.x) == std::set<std::string>{"青杉省市场监督管理局", "青杉省数据局"});
}

TEST_CASE("an organisation the tagger cuts inside a word starts with the word", "[extract]") {
  const Read r = read("澄溪能源投资集团有限公司召开会议。集团煤电分公司作交流发言。");
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of) ==
        std::set<std::pair<std::string, std::string>>{
            {"澄溪能源投资集团有限公司煤电分公司", "澄溪能源投资集团有限公司"}});
}

TEST_CASE("a department ending in 系 is a unit but a word ending in 系 is none", "[extract]") {
  const Read r = read("青杉大学机械工程系主任储一鸣出席。");
  CHECK(posts(r.x) == std::set<Post>{{"储一鸣", "青杉大学机械工程系", "主任", false}});
  CHECK(organizations(read("双方建立了良好的合作关系主任储一鸣出席。").x).empty());
}

TEST_CASE("a post before 由 is held by the one named before 兼任", "[extract]") {
  // 产业学院 ends the name of the body named before.
  const Read r =
      read("青杉技师学院重机产业学院揭牌。产业学院院长由青杉技师学院智能制造系主任储一鸣兼任。");
  CHECK(posts(r.x) == std::set<Post>{{"储一鸣", "青杉技师学院智能制造系", "主任", false},
                                     {"储一鸣", "青杉技师学院重机产业学院", "院长", false}});
  // No body named before: no post.
  CHECK(posts(read("研发中心主任由储一鸣兼任。").x).empty());
}

TEST_CASE("由某某担任 with a bare title is at the organisation named before", "[extract]") {
  CHECK(posts(read("会议宣布成立华夏茶艺促进会青年工作委员会，由过一帆担任主任。").x) ==
        std::set<Post>{{"过一帆", "华夏茶艺促进会青年工作委员会", "主任", false}});
}

TEST_CASE("people elected each after their own post share the bare title", "[extract]") {
  const Read r = read(
      "青杉区域经济学会数字经济专业委员会成立大会召开。大会选举产生了领导机构：青杉大学教授汝一佳、"
      "澄溪财经大学副教授步一飞当选副主任委员。");
  const auto p = posts(r.x);
  CHECK(p.count({"汝一佳", "青杉区域经济学会数字经济专业委员会", "副主任委员", false}) == 1);
  CHECK(p.count({"步一飞", "青杉区域经济学会数字经济专业委员会", "副主任委员", false}) == 1);
  // The bare title is not at the organisations of their own posts.
  CHECK(p.count({"汝一佳", "青杉大学", "副主任委员", false}) == 0);
}

TEST_CASE("a title read with its place's level and body is held at that body", "[extract]") {
  const Read r = read("中共石门县委召开全会。县委常委、县纪委书记、县监委主任边一华出席全会。");
  const auto p = posts(r.x);
  CHECK(p.count({"边一华", "县纪委", "书记", false}) == 1);
  CHECK(p.count({"边一华", "县监委", "主任", false}) == 1);
}

TEST_CASE("a Japanese name of four characters is read whole in a title slot", "[extract]") {
  // 松井 is a Japanese family name; 介 would end a Chinese name of three.
  CHECK(persons(read("关西文化财研究所所长松井健介、东海大学教授厍一渊分别作报告。").x) ==
        std::set<std::string>{"松井健介", "厍一渊"});
}

TEST_CASE("a place in brackets stays in a company's name and a place before 与 ends a name",
          "[extract]") {
  CHECK(posts(read("施泰纳机械（中国）有限公司总经理马库斯·鲍尔出席签约仪式。").x) ==
        std::set<Post>{{"马库斯·鲍尔", "施泰纳机械(中国)有限公司", "总经理", false}});
  CHECK(organizations(read("望川市与北辰数智科技集团签署战略合作协议。").x) ==
        std::set<std::string>{"北辰数智科技集团"});
  // 和 inside a bureau's name still joins it.
  CHECK(organizations(read("任命骞立峰为青禾市自然资源和规划局局长。").x) ==
        std::set<std::string>{"青禾市自然资源和规划局"});
}

TEST_CASE("a body named by its head alone is the one its report is about", "[extract]") {
  const Read r = read(
      "青杉省交通运输厅召开安全生产会议。副厅长蔺一鸣出席会议。会议由厅办公室主任訾立新主持。"
      "厅二级巡视员、原规划处处长仉小川作发言；综合运输处副处长苌一飞、公路处一级调研员过一帆"
      "分别发言。");
  const auto p = posts(r.x);
  CHECK(p.count({"蔺一鸣", "青杉省交通运输厅", "副厅长", false}) == 1);
  CHECK(p.count({"訾立新", "青杉省交通运输厅办公室", "主任", false}) == 1);
  CHECK(p.count({"仉小川", "青杉省交通运输厅", "二级巡视员", false}) == 1);
  CHECK(p.count({"仉小川", "青杉省交通运输厅规划处", "处长", true}) == 1);
  // Departments in the clauses after it, joined by ；, are the body's too.
  CHECK(p.count({"苌一飞", "青杉省交通运输厅综合运输处", "副处长", false}) == 1);
  CHECK(p.count({"过一帆", "青杉省交通运输厅公路处", "一级调研员", false}) == 1);
  const auto parts = relations(r.x, guanxi::OrgRelationKind::part_of);
  CHECK(parts.count({"青杉省交通运输厅办公室", "青杉省交通运输厅"}) == 1);
  CHECK(parts.count({"青杉省交通运输厅公路处", "青杉省交通运输厅"}) == 1);
  CHECK(organizations(r.x).count("厅办公室") == 0);
}

TEST_CASE("a head that starts a word names no body", "[extract]") {
  // 院士 is a word: no body named 院 here, and no title at the hospital.
  const Read r = read("青杉市中心医院举行学术报告会。院士曹一鸣作报告。");
  const auto p = posts(r.x);
  CHECK(persons(r.x).count("曹一鸣") == 1);
  CHECK(std::none_of(p.begin(), p.end(),
                     [](const Post& post) { return std::get<1>(post) == "青杉市中心医院"; }));
}

TEST_CASE("学校 and a bare 校长 name the school the report is about", "[extract]") {
  const Read r = read(
      "青杉市第二中学在学校礼堂举行开学典礼。学校党委书记、校长蔺一鸣，副校长訾立新出席典礼。");
  const auto p = posts(r.x);
  CHECK(p.count({"蔺一鸣", "青杉市第二中学", "校长", false}) == 1);
  CHECK(p.count({"蔺一鸣", "青杉市第二中学", "党委书记", false}) == 1);
  CHECK(p.count({"訾立新", "青杉市第二中学", "副校长", false}) == 1);
}

TEST_CASE("a bare title after a chain is at the body whose head it names", "[extract]") {
  const Read r = read("青杉银行澄溪分行党委书记、行长蔺一鸣，副行长訾立新、过一帆出席开业仪式。");
  const auto p = posts(r.x);
  CHECK(p.count({"訾立新", "青杉银行澄溪分行", "副行长", false}) == 1);
  CHECK(p.count({"过一帆", "青杉银行澄溪分行", "副行长", false}) == 1);
}

TEST_CASE("a general word before 由 makes it the preposition", "[extract]") {
  // 本案 is a word: 由 does not join it to the court's name.
  CHECK(organizations(read("本案由青杉县人民法院副院长曹一鸣担任审判长。").x)
            .count("本案由青杉县人民法院") == 0);
  CHECK(posts(read("本案由青杉县人民法院副院长曹一鸣担任审判长。").x)
            .count({"曹一鸣", "青杉县人民法院", "副院长", false}) == 1);
}

TEST_CASE("医院 and a unit name a unit of the hospital named before", "[extract]") {
  const Read r = read("在青杉市第三人民医院，副市长曹一鸣来到医院卒中中心了解救治流程。");
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of)
            .count({"青杉市第三人民医院卒中中心", "青杉市第三人民医院"}) == 1);
  // Without a hospital named before, 医院卒中中心 is no organisation.
  CHECK(organizations(read("副市长曹一鸣来到医院卒中中心了解救治流程。").x).empty());
}

TEST_CASE(
    "a people's congress and the political consultative conference start their committees' names",
    "[extract]") {
  const Read r = read(
      "会议由青杉市人民代表大会常务委员会党组副书记、常务副主任蔺一鸣主持。市人大常委会主任訾立新，"
      "中国人民政治协商会议青杉市委员会主席过一帆出席。");
  const auto p = posts(r.x);
  CHECK(p.count({"蔺一鸣", "青杉市人民代表大会常务委员会", "常务副主任", false}) == 1);
  // The short form merges into the full name.
  CHECK(p.count({"訾立新", "青杉市人民代表大会常务委员会", "主任", false}) == 1);
  CHECK(p.count({"过一帆", "中国人民政治协商会议青杉市委员会", "主席", false}) == 1);
  for (const auto& event : r.x.events) {
    CHECK(event.name != "中国人民政治协商会议");
    CHECK(event.name != "青杉市人民代表大会");
  }
}

TEST_CASE("a long body's name stays whole in its meeting's name", "[extract]") {
  const Read r = read("3月2日，中国共产党青杉县第十五届纪律检查委员会第四次全体会议召开。");
  REQUIRE(r.x.events.size() == 1);
  CHECK(r.x.events[0].name == "中国共产党青杉县第十五届纪律检查委员会第四次全体会议");
  CHECK(organizations(r.x).count("中国共产党青杉县第十五届纪律检查委员会") == 1);
}

TEST_CASE("a village committee after its party branch is the village's", "[extract]") {
  const Read r = read("桃溪村党支部书记、村委会主任淳于志刚在大会上作报告。");
  const auto p = posts(r.x);
  // 淳于 is a compound surname; 刚 before 在 ends the name of four.
  CHECK(persons(r.x) == std::set<std::string>{"淳于志刚"});
  CHECK(p.count({"淳于志刚", "桃溪村党支部", "书记", false}) == 1);
  CHECK(p.count({"淳于志刚", "桃溪村村委会", "主任", false}) == 1);
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of).empty());
}

TEST_CASE("a company's name opening its clause keeps its first characters", "[extract]") {
  CHECK(organizations(read("衡岳绿源环保科技股份有限公司董事会召开会议。").x)
            .count("衡岳绿源环保科技股份有限公司") == 1);
  // Where the tagger cuts a word (旅|游), the name starts where the rules start it.
  CHECK(organizations(read("与会人员来到青杉山文化旅游开发有限公司投资建设的综合体。").x)
            .count("青杉山文化旅游开发有限公司") == 1);
  // 曾任 and 起任 are verbs, no part of a name.
  const auto orgs = organizations(
      read("柯一鸣，经济学博士。曾任青杉城建投资集团有限公司部长，2021年5月起任公司董事。").x);
  CHECK(orgs.count("青杉城建投资集团有限公司") == 1);
  CHECK(std::none_of(orgs.begin(), orgs.end(),
                     [](const std::string& o) { return o.find("任") != std::string::npos; }));
}

TEST_CASE("a works is a unit and a title before 处 names no one", "[extract]") {
  const Read r = read("青杉钢铁集团有限公司炼钢厂高级技师曹一鸣作报告。");
  CHECK(relations(r.x, guanxi::OrgRelationKind::part_of)
            .count({"青杉钢铁集团有限公司炼钢厂", "青杉钢铁集团有限公司"}) == 1);
  // 秘书 + 处负责 is 秘书处 + 负责: no person.
  CHECK(persons(read("日常工作由青杉市羽毛球协会秘书处负责,秘书处设在体育中心。").x).empty());
}

TEST_CASE("新任 and 现任 mark a current post and stay out of the title", "[extract]") {
  const auto p = posts(read("青杉同乡总会新任会长曹一鸣致辞。青杉大学现任校长蔺一鸣出席。").x);
  CHECK(p == std::set<Post>{{"曹一鸣", "青杉同乡总会", "会长", false},
                            {"蔺一鸣", "青杉大学", "校长", false}});
}

TEST_CASE("a biography's verbs give its person's posts", "[extract]") {
  const Read r = read(
      "曹一鸣，男，1975年3月生，汉族，大学学历。现任青杉市财政局副局长、二级调研员，"
      "拟任青杉市审计局局长。\n"
      "蔺小川，女，1980年5月生。曾任青杉城建投资集团有限公司投资发展部部长。");
  const auto p = posts(r.x);
  CHECK(p.count({"曹一鸣", "青杉市财政局", "副局长", false}) == 1);
  CHECK(p.count({"曹一鸣", "青杉市财政局", "二级调研员", false}) == 1);
  CHECK(p.count({"曹一鸣", "青杉市审计局", "局长", false}) == 1);
  CHECK(p.count({"蔺小川", "青杉城建投资集团有限公司投资发展部", "部长", true}) == 1);
  // Without a name and its sex opening the paragraph, 现任 starts no post.
  CHECK(posts(read("该局现任青杉市财政局副局长的人员名单已公布。").x).empty());
}
