// The statistical tagger: training, decoding, the model file. Every sentence
// here is written for this test; the names and organisations are invented.
#include "guanxi/tagger.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "../lib/gen/word_filter.hpp"
#include "guanxi/error.hpp"
#include "guanxi/lexicon.hpp"
#include "guanxi/text.hpp"

namespace {

using guanxi::MentionType;
using guanxi::TaggedSpan;
using guanxi::Tagger;
using guanxi::TrainingSentence;

std::u32string u32(const std::string& utf8) { return guanxi::decode_utf8(utf8); }

// (type, text, begin, end) of each span, for readable comparisons.
using Found = std::tuple<MentionType, std::string, std::size_t, std::size_t>;

std::vector<Found> found(const std::u32string& text, const std::vector<TaggedSpan>& spans) {
  std::vector<Found> out;
  for (const auto& s : spans) {
    out.emplace_back(s.type, guanxi::encode_utf8(text.substr(s.begin, s.end - s.begin)), s.begin,
                     s.end);
  }
  return out;
}

// A sentence with its mentions given as (type, word); each word is found in the text.
struct Example {
  std::string text;
  std::vector<std::pair<MentionType, std::string>> mentions;
  std::vector<std::string> others;
};

TrainingSentence sentence_of(const Example& e) {
  TrainingSentence s;
  s.text = u32(e.text);
  for (const auto& [type, word] : e.mentions) {
    const std::size_t at = s.text.find(u32(word));
    REQUIRE(at != std::u32string::npos);
    TaggedSpan span;
    span.type = type;
    span.begin = at;
    span.end = at + u32(word).size();
    s.spans.push_back(span);
  }
  for (const auto& word : e.others) {
    const std::size_t at = s.text.find(u32(word));
    REQUIRE(at != std::u32string::npos);
    s.others.emplace_back(at, at + u32(word).size());
  }
  return s;
}

std::vector<Example> examples() {
  using T = MentionType;
  return {
      {"记者王小明报道。", {{T::person, "王小明"}}, {}},
      {"某某协会会长齐振强出席了会议。",
       {{T::organization, "某某协会"}, {T::title, "会长"}, {T::person, "齐振强"}},
       {}},
      {"苗振宇是某某市科技局局长。",
       {{T::person, "苗振宇"}, {T::organization, "某某市科技局"}, {T::title, "局长"}},
       {}},
      {"某某公司总经理赵小红表示同意。",
       {{T::organization, "某某公司"}, {T::title, "总经理"}, {T::person, "赵小红"}},
       {}},
      {"陈明在某某大学工作。", {{T::person, "陈明"}, {T::organization, "某某大学"}}, {}},
      {"秘书长刘一鸣主持会议。", {{T::title, "秘书长"}, {T::person, "刘一鸣"}}, {}},
      {"他们周末去了某某公园散步。", {}, {"某某公园"}},
  };
}

guanxi::TrainOptions small_options() {
  guanxi::TrainOptions options;
  options.epochs = 10;
  options.hash_bits = 12;
  return options;
}

Tagger train_small() {
  std::vector<TrainingSentence> sentences;
  for (const auto& e : examples()) sentences.push_back(sentence_of(e));
  return guanxi::train(sentences, guanxi::Lexicon::builtin(), small_options());
}

std::string bytes_of(const Tagger& tagger) {
  std::ostringstream out;
  tagger.save(out);
  return out.str();
}

Tagger from(const std::string& bytes) {
  std::istringstream in(bytes);
  return Tagger::load(in, "test.model");
}

// FNV-1a 64 over |bytes|, as the model file's checksum (lib/data/README.md).
std::uint64_t fnv1a(const std::string& bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char b : bytes) h = (h ^ b) * 1099511628211ULL;
  return h;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

TEST_CASE("a tagger trained on a handful of sentences tags them back", "[tagger]") {
  const Tagger tagger = train_small();
  for (const auto& e : examples()) {
    const TrainingSentence s = sentence_of(e);
    INFO(e.text);
    CHECK(found(s.text, tagger.tag(s.text)) == found(s.text, s.spans));
  }
}

TEST_CASE("names learnt as other are never reported", "[tagger]") {
  const Tagger tagger = train_small();
  const auto text = u32("他们周末去了某某公园散步。");
  CHECK(tagger.tag(text).empty());
}

TEST_CASE("training is deterministic: the same sentences and options give the same file",
          "[tagger]") {
  CHECK(bytes_of(train_small()) == bytes_of(train_small()));
  std::vector<TrainingSentence> sentences;
  for (const auto& e : examples()) sentences.push_back(sentence_of(e));
  guanxi::TrainOptions other_seed = small_options();
  other_seed.seed = 7;
  // Another order may or may not change the weights; it must still load and tag.
  const Tagger reordered = guanxi::train(sentences, guanxi::Lexicon::builtin(), other_seed);
  CHECK_FALSE(reordered.tag(u32("记者王小明报道。")).empty());
}

TEST_CASE("a saved model loads back and tags exactly as before", "[tagger]") {
  const Tagger tagger = train_small();
  const std::string bytes = bytes_of(tagger);
  const Tagger loaded = from(bytes);
  CHECK(loaded.hash_bits() == tagger.hash_bits());
  CHECK(bytes_of(loaded) == bytes);
  for (const auto& e : examples()) {
    const auto text = u32(e.text);
    CHECK(loaded.tag(text) == tagger.tag(text));
  }
  const auto unseen = u32("某某协会秘书长孙小梅在某某大学讲话。");
  CHECK(loaded.tag(unseen) == tagger.tag(unseen));
}

TEST_CASE("a truncated, damaged or foreign model file throws InputError", "[tagger]") {
  const std::string bytes = bytes_of(train_small());
  REQUIRE_NOTHROW(from(bytes));
  CHECK_THROWS_AS(from(""), guanxi::InputError);
  CHECK_THROWS_AS(from(bytes.substr(0, bytes.size() - 1)), guanxi::InputError);
  CHECK_THROWS_AS(from(bytes.substr(0, 20)), guanxi::InputError);
  CHECK_THROWS_AS(from(bytes + "x"), guanxi::InputError);

  std::string damaged = bytes;
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x55);
  CHECK_THROWS_AS(from(damaged), guanxi::InputError);

  std::string foreign = bytes;
  foreign[0] = 'X';
  CHECK_THROWS_AS(from(foreign), guanxi::InputError);

  std::string other_features = bytes;
  other_features[12] = static_cast<char>(other_features[12] + 1);
  CHECK_THROWS_WITH(from(other_features), Catch::Contains("feature set"));
  CHECK_THROWS_WITH(from(bytes.substr(0, bytes.size() - 1)), Catch::Contains("test.model"));
}

// A model, written by hand in the documented format, whose every feature
// votes for I-person (tag 2) and against everything else.
std::string all_inside_person_model() {
  constexpr std::uint32_t kBits = 10;
  constexpr std::uint32_t kTags = 17;
  std::string bytes = "GXTAGGER";
  put_u32(bytes, 1);  // format version
  put_u32(bytes, [] {
    // The feature set version of the library: read it from a model it wrote.
    std::ostringstream out;
    train_small().save(out);
    const std::string b = out.str();
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[12]) |
                                      (static_cast<unsigned char>(b[13]) << 8));
  }());
  put_u32(bytes, kBits);
  put_u32(bytes, kTags);
  put_u32(bytes, 0x3F800000);  // scale 1.0f
  put_u32(bytes, guanxi::WordList::builtin().checksum());
  bytes.append(2 * (kTags + 1) * kTags, '\0');  // transitions: all 0
  for (std::size_t r = 0; r < (std::size_t{1} << kBits); ++r) {
    for (std::uint32_t t = 0; t < kTags; ++t)
      bytes.push_back(static_cast<char>(t == 2 ? 100 : -100));
  }
  const std::uint64_t checksum = fnv1a(bytes);
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFF));
  return bytes;
}

TEST_CASE("decoding never opens a span with a continuation tag, whatever the weights say",
          "[tagger]") {
  // Without the constraint every character would be I-person with no B; with
  // it, the best legal sequence is one person span over the whole text.
  const Tagger tagger = from(all_inside_person_model());
  const auto text = u32("今天天气很好");
  const auto spans = tagger.tag(text);
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].type == MentionType::person);
  CHECK(spans[0].begin == 0);
  CHECK(spans[0].end == text.size());
}

TEST_CASE("a person span never starts or ends on punctuation, whatever the weights say",
          "[tagger]") {
  const Tagger tagger = from(all_inside_person_model());
  const auto text = u32("（今天天气很好）");
  const auto spans = tagger.tag(text);
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].type == MentionType::person);
  CHECK(spans[0].begin == 1);
  CHECK(spans[0].end == text.size() - 1);
}

TEST_CASE("training drops the brackets around a name, so the tagger learns the bare name",
          "[tagger]") {
  using T = MentionType;
  std::vector<TrainingSentence> sentences;
  for (const Example& e : std::vector<Example>{
           {"（王小明）今天上午报道。", {{T::person, "（王小明）"}}, {}},
           {"本报讯（记者齐振强）今天下午报道。", {{T::person, "齐振强）"}}, {}},
           {"本报讯（记者赵小红）昨天报道。", {{T::person, "赵小红）"}}, {}},
       }) {
    sentences.push_back(sentence_of(e));
  }
  const Tagger tagger = guanxi::train(sentences, guanxi::Lexicon::builtin(), small_options());
  const auto text = u32("本报讯（记者齐振强）今天下午报道。");
  CHECK(found(text, tagger.tag(text)) == std::vector<Found>{{T::person, "齐振强", 6, 9}});
  const auto first = u32("（王小明）今天上午报道。");
  CHECK(found(first, tagger.tag(first)) == std::vector<Found>{{T::person, "王小明", 1, 4}});
}

TEST_CASE("a person span never runs across an opening bracket, whatever the weights say",
          "[tagger]") {
  // The all-inside model would make one person of the whole text; the
  // bracket splits it: no span continues through it, none starts or ends on it.
  const Tagger tagger = from(all_inside_person_model());
  for (const char* text : {"今天天气(很好很好", "今天天气【很好很好", "今天天气（很好很好"}) {
    INFO(text);
    const auto t = u32(text);
    CHECK(found(t, tagger.tag(t)) == std::vector<Found>{{MentionType::person, "今天天气", 0, 4},
                                                        {MentionType::person, "很好很好", 5, 9}});
  }
}

TEST_CASE("training cuts a name at an opening bracket, so what the bracket adds is no part of it",
          "[tagger]") {
  using T = MentionType;
  std::vector<TrainingSentence> sentences;
  for (const Example& e : std::vector<Example>{
           {"主教练柯达明(Kedamin)今天上午表示满意。", {{T::person, "柯达明(Kedamin)"}}, {}},
           {"后卫苏伯仁(Suberen)昨天表示同意。", {{T::person, "苏伯仁(Suberen)"}}, {}},
           {"中锋马文凯(Mawenkai)今天表示满意。", {{T::person, "马文凯(Mawenkai)"}}, {}},
       }) {
    sentences.push_back(sentence_of(e));
  }
  const Tagger tagger = guanxi::train(sentences, guanxi::Lexicon::builtin(), small_options());
  const auto text = u32("后卫苏伯仁(Suberen)昨天表示同意。");
  CHECK(found(text, tagger.tag(text)) == std::vector<Found>{{T::person, "苏伯仁", 2, 5}});
}

TEST_CASE("a model trained with another word list is refused", "[tagger]") {
  std::string bytes = bytes_of(train_small());
  bytes.resize(bytes.size() - 8);
  bytes[28] = static_cast<char>(bytes[28] ^ 1);  // the word list checksum
  const std::uint64_t checksum = fnv1a(bytes);
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFF));
  CHECK_THROWS_WITH(from(bytes), Catch::Contains("another word list"));
}

TEST_CASE("an accurate model reads the lexical network, and keeps doing so once saved",
          "[tagger]") {
  std::vector<TrainingSentence> sentences;
  for (const auto& e : examples()) sentences.push_back(sentence_of(e));
  guanxi::TrainOptions options = small_options();
  options.lexical_net = true;
  const Tagger accurate = guanxi::train(sentences, guanxi::Lexicon::builtin(), options);
  CHECK(accurate.uses_lexical_net());
  CHECK_FALSE(train_small().uses_lexical_net());
  const std::string bytes = bytes_of(accurate);
  CHECK(static_cast<unsigned char>(bytes[14]) == 1);  // the feature set's network bit (1 << 16)
  const Tagger loaded = from(bytes);
  CHECK(loaded.uses_lexical_net());
  for (const auto& e : examples()) {
    const auto text = u32(e.text);
    CHECK(loaded.tag(text) == accurate.tag(text));
  }
  const auto text = u32("记者王小明报道。");
  CHECK(found(text, accurate.tag(text)) ==
        std::vector<Found>{{MentionType::person, "王小明", 2, 5}});
}

TEST_CASE("an accurate model trained with another lexical network is refused", "[tagger]") {
  std::vector<TrainingSentence> sentences;
  for (const auto& e : examples()) sentences.push_back(sentence_of(e));
  guanxi::TrainOptions options = small_options();
  options.lexical_net = true;
  std::string bytes = bytes_of(guanxi::train(sentences, guanxi::Lexicon::builtin(), options));
  bytes.resize(bytes.size() - 8);
  bytes[30] = static_cast<char>(bytes[30] ^ 4);  // the word list and network checksum
  const std::uint64_t checksum = fnv1a(bytes);
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFF));
  CHECK_THROWS_WITH(from(bytes), Catch::Contains("another word list or lexical network"));
}

TEST_CASE("the word list finds the words starting at a position, shortest first", "[tagger]") {
  // Lines of one character, of more than six, or not Han, are ignored.
  const guanxi::WordList words("天气\n天气预报\n预报\n好\nab\n一二三四五六七\n");
  CHECK(words.size() == 3);
  CHECK(words.contains(u32("天气")));
  CHECK(words.contains(u32("天气预报")));
  CHECK_FALSE(words.contains(u32("天气预")));  // a prefix only
  CHECK_FALSE(words.contains(u32("好")));
  CHECK_FALSE(words.contains(u32("一二三四五六七")));
  const auto text = u32("今天天气预报说");
  std::vector<std::size_t> lengths;
  words.visit_at(text, 2, [&](std::size_t len) { lengths.push_back(len); });
  CHECK(lengths == std::vector<std::size_t>{2, 4});
  lengths.clear();
  words.visit_at(text, 1, [&](std::size_t len) { lengths.push_back(len); });
  CHECK(lengths.empty());
  // 今天|天气预报|说: no word runs across 2 or 6; 天气预报 runs across 3, 4 and 5.
  CHECK_FALSE(words.splits(text, 2));
  CHECK(words.splits(text, 3));
  CHECK(words.splits(text, 4));
  CHECK(words.splits(text, 5));
  CHECK_FALSE(words.splits(text, 6));
  CHECK(words.ends_at(text, 4));
  CHECK(words.ends_at(text, 6));
  CHECK_FALSE(words.ends_at(text, 5));
  CHECK(words.checksum() != guanxi::WordList("天气\n").checksum());
}

TEST_CASE("the built-in word list holds general words and no single characters", "[tagger]") {
  const auto& words = guanxi::WordList::builtin();
  CHECK(words.size() > 100000);
  CHECK(words.contains(u32("经济")));
  CHECK(words.contains(u32("天气预报")));
  CHECK_FALSE(words.contains(u32("经")));
}

TEST_CASE("the word list filter keeps Han words of common tags and drops proper nouns",
          "[tagger]") {
  // Invented dictionary lines in jieba's "WORD FREQUENCY TAG" format.
  std::istringstream dictionary(
      "天气 100 n\n"
      "预报 50 v\n"
      "林远山 10 nr\n"
      "欧阳小青 3 nrfg\n"
      "青石镇 8 ns\n"
      "远大集团 5 nt\n"
      "星河号 4 nz\n"
      "远大 6 j\n"
      "B超 3 n\n"
      "好 900 a\n"
      "天气 100 n\n"
      "一句很长很长的话 3 l\n"
      "malformed line\n");
  CHECK(guanxi::gen::filter_words(dictionary) == "天气\n预报\n");
}

// Only the spans of |type|.
std::vector<Found> only(MentionType type, const std::vector<Found>& all) {
  std::vector<Found> out;
  for (const auto& f : all) {
    if (std::get<0>(f) == type) out.push_back(f);
  }
  return out;
}

TEST_CASE("the built-in model finds the reporter in an invented byline", "[tagger]") {
  const auto text = u32("记者王小明报道");
  const auto all = found(text, Tagger::builtin().tag(text));
  CHECK(only(MentionType::person, all) ==
        std::vector<Found>{{MentionType::person, "王小明", 2, 5}});
  // CLUENER counts 记者 as a position, so the model may find it as a title.
  CHECK(only(MentionType::organization, all).empty());
}

TEST_CASE("the built-in accurate model reads the network and finds the reporter", "[tagger]") {
  CHECK(Tagger::accurate().uses_lexical_net());
  CHECK_FALSE(Tagger::builtin().uses_lexical_net());
  const auto text = u32("记者王小明报道");
  const auto all = found(text, Tagger::accurate().tag(text));
  CHECK(only(MentionType::person, all) ==
        std::vector<Found>{{MentionType::person, "王小明", 2, 5}});
}

TEST_CASE("tag_each tags every span as tag() tags it alone, with either built-in model",
          "[tagger]") {
  const auto text = u32("记者王小明报道。云岭市科技协会会长齐振强出席了论坛。他说：明天下雨。");
  const std::vector<std::pair<std::size_t, std::size_t>> spans = {{0, 8}, {8, 25}, {25, 25},
                                                                  {25, 28}, {28, 33}};
  for (const Tagger* tagger : {&Tagger::builtin(), &Tagger::accurate()}) {
    const auto each = tagger->tag_each(text, spans);
    REQUIRE(each.size() == spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
      const auto [begin, end] = spans[i];
      CHECK(each[i] == tagger->tag(text.substr(begin, end - begin)));
    }
    CHECK(each[2].empty());
    CHECK(found(text.substr(0, 8), each[0]) ==
          std::vector<Found>{{MentionType::title, "记者", 0, 2}, {MentionType::person, "王小明", 2, 5}});
  }
}

TEST_CASE("tagging a NormalizedText maps spans back to original offsets", "[tagger]") {
  // The zero-width space is dropped by normalisation: the name starts at 2 in
  // the normalised text and at 3 in the original.
  const auto original = u32("记者\u200B王小明报道");
  const auto norm = guanxi::normalize(original);
  REQUIRE(norm.text == u32("记者王小明报道"));
  std::vector<TaggedSpan> persons;
  for (const auto& s : Tagger::builtin().tag(norm)) {
    if (s.type == MentionType::person) persons.push_back(s);
    // Every span, the title 记者 included, maps through to_orig.
    CHECK(s.orig_begin == norm.to_orig[s.begin]);
  }
  REQUIRE(persons.size() == 1);
  CHECK(persons[0].begin == 2);
  CHECK(persons[0].end == 5);
  CHECK(persons[0].orig_begin == 3);
  CHECK(persons[0].orig_end == 6);
}

TEST_CASE(
    "spans from the built-in model are ordered, disjoint and inside the text, even on odd input",
    "[tagger]") {
  for (const char* utf8 : {"", "。", "王", "王王王王王王王王王王王王", "abc 123 ·· 《》“”",
                           "\n\n\n", "某某协会会长齐振强、副会长赵小红和秘书长刘一鸣出席。"}) {
    const auto text = u32(utf8);
    INFO(utf8);
    std::size_t last_end = 0;
    for (const auto& s : Tagger::builtin().tag(text)) {
      CHECK(s.begin >= last_end);
      CHECK(s.begin < s.end);
      CHECK(s.end <= text.size());
      last_end = s.end;
    }
  }
}

TEST_CASE("train_cluener reads CLUENER lines and names the line of a malformed one", "[tagger]") {
  // Invented sentences in CLUENER's format; end offsets are inclusive there.
  const std::string good =
      R"({"text": "记者王小明报道。", "label": {"name": {"王小明": [[2, 4]]}}})"
      "\n"
      R"({"text": "某某协会会长齐振强出席。", "label": {"organization": {"某某协会": [[0, 3]]},)"
      R"( "position": {"会长": [[4, 5]]}, "name": {"齐振强": [[6, 8]]}}})"
      "\n";
  std::istringstream in(good);
  const Tagger tagger =
      guanxi::train_cluener(in, "mini.json", guanxi::Lexicon::builtin(), small_options());

  std::istringstream again(good);
  const auto report =
      guanxi::evaluate_tagger_cluener(tagger, again, "mini.json", guanxi::Lexicon::builtin());
  REQUIRE(report.find("all") != nullptr);
  CHECK(report.find("all")->true_positives == 4);
  CHECK(report.find("all")->false_positives == 0);
  CHECK(report.find("all")->false_negatives == 0);

  std::istringstream bad(good + R"({"text": "记者报道", "label": {"name": {"某": [[3, 9]]}}})"
                                "\n");
  CHECK_THROWS_WITH(
      guanxi::train_cluener(bad, "mini.json", guanxi::Lexicon::builtin(), small_options()),
      Catch::Contains("mini.json:3:"));
  std::istringstream broken("{\"text\": \n");
  CHECK_THROWS_AS(
      guanxi::train_cluener(broken, "mini.json", guanxi::Lexicon::builtin(), small_options()),
      guanxi::InputError);
}

TEST_CASE("lexicon classes after classifier do not reach the tagger's features", "[tagger]") {
  // sub_unit_head serves the extractor only: marking every character of a
  // sentence with it leaves the built-in model's reading as it was.
  const std::u32string text =
      guanxi::decode_utf8("清华大学公共管理学院院长龙海川出席了研究所的座谈会。");
  guanxi::Lexicon marked = guanxi::Lexicon::builtin();
  for (std::size_t b = 0; b + 2 <= text.size(); ++b) {
    marked.add(std::u32string_view(text).substr(b, 2), guanxi::WordClass::sub_unit_head);
  }
  const Tagger& tagger = Tagger::builtin();
  const auto plain = found(text, tagger.tag(text, guanxi::Lexicon::builtin()));
  CHECK_FALSE(plain.empty());
  CHECK(found(text, tagger.tag(text, marked)) == plain);
  // A class the tagger reads does move them: the check above can fail.
  guanxi::Lexicon titled = guanxi::Lexicon::builtin();
  for (std::size_t b = 0; b + 2 <= text.size(); ++b) {
    titled.add(std::u32string_view(text).substr(b, 2), guanxi::WordClass::title);
  }
  CHECK(found(text, tagger.tag(text, titled)) != plain);
}
