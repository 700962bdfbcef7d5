// Extraction: a Document's normalised sentences -> mentions, entities, relations.
//
// The reading is structural, sentence by sentence, in passes that each claim
// the text they read (a later pass never overlaps an earlier mention):
//   1. appositive chains  ORG [SUB-UNIT...] [原] [MODIFIERS] TITLE NAME, several
//      (ORG, TITLE) pairs joined by 、 before one name, and names enumerated
//      with 、 after it sharing its posts; a chain with a title and no
//      organisation (or a department word, 研究室) inherits the organisation of
//      the chain before it in the same sentence;
//   2. re-mentions of those people by full name and by surname + title (陈会长);
//   3. events (a head word such as 研讨会 with a name before it; a bare 会议
//      refers to the document's main event), with their place and date;
//   4. what the statistical tagger (tagger.hpp) reads where no rule did:
//      people, titles, plausible organisations, and ORG TITLE NAME triples;
//   5. organisations standing alone (a head word with a place or a proper name
//      before it), 甲镇、乙镇社工站 distributed over both places;
//   6. people outside title slots: surname + given name before a polite suffix
//      or a title (a cue verb alone is too weak: 平时常说), with no general word
//      across its edges, foreign names joined by a middle dot; then re-mentions
//      of everyone found so far;
//   7. roles from cue verbs, organisers, member_of.
#include "guanxi/extract.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "guanxi/tagger.hpp"
#include "guanxi/text.hpp"

namespace guanxi {
namespace {

constexpr char32_t kMiddleDot = U'\u00B7';
constexpr std::size_t kMaxTitleLength = 14;  // descriptor words + head, 公共政策协调代表主任
constexpr std::size_t kNoPos = static_cast<std::size_t>(-1);
constexpr std::size_t kMaxOrgLength = 32;
constexpr std::size_t kMaxPlaceLength = 8;  // a place before a title, 湖州市安吉县
constexpr std::size_t kMaxEventPrefix = 28;
constexpr std::size_t kMaxSemicolonGroup = 8;  // sentences of a list cut by semicolons
// Generic body words that open the name of a unit of the body named before
// (学校科技处, 集团人力资源部: the school's, the group's).
constexpr std::array<std::u32string_view, 5> kGenericBodies = {U"学校", U"集团", U"公司", U"协会",
                                                               U"医院"};

constexpr std::size_t kNoMention =
    static_cast<std::size_t>(-1);  // an entity named only inside another

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}
bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9'); }
bool is_latin(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_chinese_numeral(char32_t c) {
  return std::u32string_view(U"零一二三四五六七八九十百千万两").find(c) !=
         std::u32string_view::npos;
}
// Characters that may stand inside an organisation or event name.
bool is_name_char(char32_t c) { return is_han(c) || is_latin(c); }

struct OrgUnit {
  std::size_t begin;  // normalised offsets of the unit's own words
  std::size_t end;
};

class Extractor {
 public:
  Extractor(const Document& doc, const Lexicon& lex, const Tagger& tagger)
      : doc_(doc), lex_(lex), tagger_(tagger), text_(doc.norm.text), used_(text_.size(), false) {}

  Extraction run();

 private:
  // --- lexicon helpers -------------------------------------------------------
  // The passes ask the same questions of the same positions many times, so
  // the answers of one trie walk per position and direction are kept
  // (Matches); the results are those of Lexicon::longest_at/longest_ending_at.
  std::size_t at(std::size_t pos, WordClass cls) const {
    if (pos >= text_.size()) return 0;
    const Matches& m = forward_matches(pos);
    return m.exact ? m.longest[static_cast<std::size_t>(cls)] : lex_.longest_at(text_, pos, cls);
  }
  std::size_t ending(std::size_t end, WordClass cls) const {
    if (end > text_.size()) return lex_.longest_ending_at(text_, end, cls);
    const Matches& m = backward_matches(end);
    return m.exact ? m.longest[static_cast<std::size_t>(cls)]
                   : lex_.longest_ending_at(text_, end, cls);
  }
  // Classes of the one-character word at |pos|.
  WordClasses single_classes(std::size_t pos) const {
    return pos < text_.size() ? forward_matches(pos).single : 0;
  }
  bool is_word(std::size_t b, std::size_t e, WordClass cls) const {
    return lex_.is(std::u32string_view(text_).substr(b, e - b), cls);
  }
  std::size_t org_head_ending(std::size_t end) const {
    return std::max(ending(end, WordClass::org_head), ending(end, WordClass::org_head_proper));
  }
  std::size_t cue_at(std::size_t pos, std::optional<Role>* role) const;
  bool any_cue_at(std::size_t pos) const {
    std::optional<Role> r;
    return cue_at(pos, &r) > 0;
  }
  bool title_or_head_crosses(std::size_t b, std::size_t e, std::size_t pos,
                             bool titles = true) const;
  bool name_boundary_at(std::size_t pos, std::size_t sentence_end) const;
  bool strong_boundary_at(std::size_t pos, std::size_t sentence_end) const;

  // --- readers ---------------------------------------------------------------
  enum class NameMode { slot, enumeration, free };
  std::size_t read_name(std::size_t pos, std::size_t sentence_end, NameMode mode) const;
  std::size_t read_syllable_name(std::size_t pos, std::size_t sentence_end) const;
  bool name_closed_at(std::size_t e, std::size_t sentence_end) const;
  std::size_t read_foreign_name(std::size_t pos, std::size_t sentence_end,
                                std::size_t min_tenths) const;
  bool foreign_boundary_at(std::size_t pos, std::size_t sentence_end) const;
  std::size_t org_start(std::size_t head_begin, std::size_t left_limit) const;
  std::size_t appointment_verb_ending(std::size_t end) const;
  bool stop_inside_head(std::size_t end, std::size_t len) const;
  std::size_t modifiers_start(std::size_t end, std::size_t limit) const;
  bool bound_modifier_fits(std::size_t b) const;
  bool bound_modifier_at(std::size_t pos) const {
    return at(pos, WordClass::bound_modifier) > 0 && bound_modifier_fits(pos);
  }
  bool short_clause_opening(std::size_t end, std::size_t left_limit) const;
  std::vector<OrgUnit> split_units(std::size_t b, std::size_t e) const;
  bool weak_head_ends_at(std::size_t end, std::size_t sentence_end) const;
  bool modified_title_at(std::size_t pos) const;
  bool has_specific_prefix(std::size_t b, std::size_t head_begin) const;
  bool level_prefix(std::size_t b, std::size_t head_begin) const;

  // --- passes ----------------------------------------------------------------
  struct Post {
    std::size_t org_b = 0, org_e = 0;      // organisation run (empty when none)
    std::size_t title_b = 0, title_e = 0;  // title without the former marker
    bool former = false;
    std::size_t former_len = 0;
  };
  Post read_post(std::size_t title_end, std::size_t head, std::size_t left_limit,
                 std::size_t sentence) const;
  std::size_t short_form_note_open(std::size_t close, std::size_t left_limit) const;
  void read_chains(std::size_t sentence);
  void read_biographies();
  void add_alias(std::size_t org, const std::string& alias);
  void read_biography_posts(std::size_t who, std::size_t sentence, std::size_t b, std::size_t e,
                            bool former);
  std::optional<std::size_t> visited_org(std::size_t sentence);
  bool government_head(const Post& post) const;
  std::size_t shared_head(const Post& post) const;
  struct Mission {
    std::string name;                // 中国驻法国大使馆
    std::size_t run_b = 0;           // where the text starts to write it (中国 of 中国驻法国大使)
    std::size_t title_b = 0;         // where the title starts (大使)
  };
  std::optional<Mission> mission_of(const Post& post) const;
  bool refers_back(std::size_t b, std::size_t e) const;
  bool names_body_by_head(std::size_t b, std::size_t e, std::size_t sentence) const;
  std::size_t head_named_unit(char32_t head, std::size_t b, std::size_t e, std::size_t sentence);
  std::u32string_view head_title_word(const Post& post) const;
  bool starts_word(std::size_t pos) const;
  bool publication_title(std::size_t b, std::size_t e) const;
  bool opens_clause(std::size_t b, std::size_t left_limit) const;
  void read_appointments();
  void read_appointments(std::size_t sentence, const std::map<std::size_t, std::size_t>& mention_at,
                         const std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>& named);
  std::optional<std::size_t> org_mentioned(std::size_t b, std::size_t e) const;
  template <typename AffiliatePosts>
  void read_elections(std::size_t sentence,
                      const std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>& named,
                      AffiliatePosts&& affiliate_posts);
  std::size_t bare_title_end(std::size_t from, std::size_t sentence_end) const;
  std::size_t election_verb_end(std::size_t e, std::size_t sentence_end) const;
  std::optional<std::size_t> org_named_before(std::size_t before, std::size_t sentence) const;
  bool has_affiliation(std::size_t person, std::size_t org, const std::string& title) const;
  // Records that |org| organised |event|, once.
  void add_organizing(std::size_t org, std::size_t event, Evidence ev);
  // 省, 市, 县 or 区 at |pos|: the level of a body written short (市委, 市文联).
  bool level_char_at(std::size_t pos) const;
  std::size_t organizer_in_event_name(std::size_t b, std::size_t head_begin) const;
  bool department_of_root(std::size_t b, std::size_t e, std::size_t left_limit) const;
  std::size_t known_org_from(std::size_t b, std::size_t past) const;
  bool government_body(std::size_t org) const;
  std::optional<std::string> committee_place(std::optional<std::size_t> org) const;
  struct GenericPost {
    std::size_t person;
    Post post;
    std::size_t sentence;
    std::size_t name_end;
    // The words the organisation's name may end in, when not the post's own
    // organisation run (会 for a bare 秘书长 of a report on an association),
    // and the title held there, when not the post's (党委书记 of 校党委书记).
    std::vector<std::u32string_view> words;
    std::string title;
  };
  bool school_title(const Post& post) const;
  std::vector<GenericPost> generic_posts_;
  // Units of a body named by its head alone (厅人事处): named head + unit
  // until qualify_generic_prefixes renames them.
  std::set<std::size_t> head_named_units_;
  std::optional<char32_t> body_head_;  // read_chains: the head the last chains named a body by
  bool association_title(const Post& post) const;
  void resolve_generic_posts();
  void split_party_posts();
  void fold_party_posts();
  void drop_unused_organizations();
  std::size_t party_unit(std::size_t parent, std::u32string_view body, const Evidence& ev);
  bool party_body_word(std::size_t b, std::size_t e) const;
  bool bare_title(const Post& post) const;
  std::size_t tagged_foreign_end(std::size_t b, std::size_t len, std::size_t sentence) const;
  std::size_t tagged_name_at(std::size_t b, std::size_t sentence) const;
  void read_standalone_orgs(std::size_t sentence);
  bool unit_of_named_body(std::size_t b, std::size_t head_begin) const;
  bool congress_ending(std::size_t end) const;
  std::optional<std::size_t> party_sibling(std::optional<std::size_t> root, std::size_t b,
                                           std::size_t e, std::size_t sentence);
  bool venue_at(std::size_t pos) const;
  // The organisations made for the places enumerated before [b, e) (甲镇、 of 甲镇、乙镇社工站).
  std::vector<std::size_t> share_head(std::size_t b, std::size_t e, std::size_t head,
                                      std::size_t sentence);
  void read_events(std::size_t sentence);
  std::string event_place(std::size_t event_end, std::size_t sentence_end) const;
  std::string sentence_date(Span span) const;
  void read_tagged(std::size_t sentence);
  bool listed_with_mentions(std::size_t b, std::size_t e, Span sentence,
                            const std::vector<TaggedSpan>& tagged) const;
  std::optional<std::pair<std::size_t, std::size_t>> refine_person(std::size_t b,
                                                                   std::size_t e) const;
  bool plausible_org(std::size_t b, std::size_t e) const;
  bool ends_cue(std::size_t end) const {
    return ending(end, WordClass::cue_attended) > 0 || ending(end, WordClass::cue_hosted) > 0 ||
           ending(end, WordClass::cue_spoke) > 0 || ending(end, WordClass::cue_presented) > 0 ||
           ending(end, WordClass::cue_organized) > 0;
  }
  void read_free_persons(std::size_t sentence);
  void read_appointed_names(std::size_t sentence);
  void read_bylines(std::size_t sentence);
  std::optional<std::size_t> body_named_before(std::size_t b, std::size_t e) const;
  void affiliate_bylines();
  bool plausible_free_name(std::size_t b, std::size_t e) const;
  std::vector<bool> titles_of_works(Span span) const;
  bool is_translit(std::size_t pos) const {
    return (single_classes(pos) >> static_cast<unsigned>(WordClass::translit_char)) & 1U;
  }
  // A transliteration character or one of a name from a language of China.
  bool is_name_syllable(std::size_t pos) const {
    return is_translit(pos) ||
           ((single_classes(pos) >> static_cast<unsigned>(WordClass::name_syllable)) & 1U);
  }
  void read_remention(std::size_t sentence);
  void read_org_remention(std::size_t sentence);
  std::size_t place_prefix_length(std::u32string_view name) const;
  void read_roles(std::size_t sentence);
  void attend_main_event();
  void read_member_of(std::size_t sentence);
  void add_source();
  void merge_short_forms();
  void attach_lone_departments();
  void rename_as_unit(std::size_t unit, const std::string& renamed, std::size_t parent,
                      Evidence ev);
  bool abbreviates(std::u32string_view full, std::u32string_view short_form) const;

  // --- results ---------------------------------------------------------------
  std::string utf8(std::size_t b, std::size_t e) const {
    return encode_utf8(std::u32string_view(text_).substr(b, e - b));
  }
  std::size_t add_mention(MentionType type, std::size_t b, std::size_t e, std::size_t sentence);
  std::size_t person(std::size_t b, std::size_t e, std::size_t sentence);
  std::optional<std::size_t> foreign_full_name(std::u32string_view part) const;
  bool qualified_name(std::u32string_view longer, std::u32string_view shorter) const;
  static bool abbreviated_ordinal_name(std::u32string_view longer, std::u32string_view shorter,
                                       std::size_t head);
  std::size_t organization(const std::string& name, std::size_t mention);
  std::vector<std::size_t> org_chain(std::size_t b, std::size_t e, std::size_t sentence,
                                     std::optional<std::size_t> context_root, bool in_chain,
                                     bool sub_unit = false);
  bool is_sub_unit_word(std::size_t b, std::size_t e) const;
  bool same_kind_of_unit(std::size_t org, std::size_t b, std::size_t e) const;
  std::vector<std::size_t> sibling_unit(std::size_t org, std::size_t b, std::size_t e,
                                        std::size_t sentence);
  std::optional<std::size_t> parent_of(std::size_t org) const;
  void qualify_generic_prefixes();
  bool names_earlier_body(std::size_t b, std::size_t e,
                          std::optional<std::size_t> previous_org = std::nullopt) const;
  std::size_t event(const std::string& name, std::optional<std::size_t> mention);
  Evidence evidence(std::size_t sentence, std::size_t b, std::size_t e) const;
  void mark(std::size_t b, std::size_t e) { std::fill(used_.begin() + b, used_.begin() + e, true); }
  bool free(std::size_t b, std::size_t e) const {
    return std::none_of(used_.begin() + b, used_.begin() + e, [](bool u) { return u; });
  }

  // The longest word of each class starting (or ending) at one position, and
  // the classes of the one-character word there; |exact| is false when a word
  // is too long for a byte, and then the lexicon is asked again.
  struct Matches {
    bool exact = true;
    WordClasses single = 0;
    std::array<std::uint8_t, static_cast<std::size_t>(WordClass::kCount)> longest{};
  };
  const Matches& forward_matches(std::size_t pos) const { return forward_[pos]; }
  const Matches& backward_matches(std::size_t end) const { return backward_[end]; }
  // Fills forward_ and backward_ for every position: one forward trie walk
  // per position finds every word of the text, which gives both where it
  // starts and where it ends.
  void fill_matches();
  static void note(Matches* m, std::size_t len, WordClasses classes) {
    if (len == 1) m->single = classes;
    if (len > 255) m->exact = false;
    const auto capped = static_cast<std::uint8_t>(std::min<std::size_t>(len, 255));
    constexpr WordClasses kAll = (WordClasses{1} << static_cast<unsigned>(WordClass::kCount)) - 1;
    for (WordClasses bits = classes & kAll; bits != 0; bits &= bits - 1) {
      std::uint8_t& longest = m->longest[__builtin_ctz(bits)];
      longest = std::max(longest, capped);
    }
  }

  const Document& doc_;
  const Lexicon& lex_;
  const Tagger& tagger_;
  std::u32string_view text_;
  std::vector<bool> used_;                 // normalised positions already inside a mention
  std::vector<Matches> forward_;           // by position
  std::vector<Matches> backward_;          // by end position (0..size)
  Extraction out_;
  std::map<std::string, std::size_t> person_index_;
  // Names as code points, decoded once: of persons (by index, as added) and
  // the forms read_org_remention looks for, per organisation.
  std::vector<std::u32string> person_names_;
  std::vector<std::u32string> needles_;  // read_remention's search strings
  std::size_t needles_for_ = 0;          // for how many persons they were made
  std::vector<std::vector<std::u32string>> org_forms_;
  std::map<std::string, std::size_t> org_index_;
  std::vector<std::u32string> org_names_;  // organisations' names as code points, by index
  std::map<std::string, std::size_t> event_index_;
  std::set<std::size_t> unnamed_events_;  // events named by their word alone (签约仪式)
  // Person mentions that came with a title, for surname + title re-mentions.
  std::map<std::size_t, std::vector<std::string>> person_titles_;
  // Organisation mentions that are part of a chain (affiliations, not organisers).
  std::set<std::size_t> chain_org_mentions_;
  // Per event mention: the event index, for roles in the same sentence.
  std::map<std::size_t, std::size_t> event_of_mention_;
  std::optional<std::size_t> main_event_;
  // The tagger's spans per sentence, relative to the sentence start.
  std::vector<std::vector<TaggedSpan>> tagged_;
  std::vector<bool> tagged_person_end_;  // a tagged person span ends before this code point
  std::set<std::size_t> appointed_;      // persons read_appointments gave a post
  // People a byline names (（记者 某某 通讯员 某某）): who, the byline's word, where.
  struct Byline {
    std::size_t person;
    std::u32string_view title;
    std::size_t sentence;
    std::size_t begin;  // of the byline's first word
  };
  std::vector<Byline> bylines_;
  // Per sentence: the event its first event mention refers to, and where that starts.
  std::vector<std::optional<std::pair<std::size_t, std::size_t>>> named_event_;
};

// --- lexicon helpers ---------------------------------------------------------

std::size_t Extractor::cue_at(std::size_t pos, std::optional<Role>* role) const {
  std::size_t best = 0;
  const std::pair<WordClass, Role> cues[] = {{WordClass::cue_hosted, Role::hosted},
                                             {WordClass::cue_spoke, Role::spoke},
                                             {WordClass::cue_presented, Role::presented},
                                             {WordClass::cue_attended, Role::attended}};
  for (const auto& [cls, r] : cues) {
    const std::size_t len = at(pos, cls);
    if (len > best) {
      best = len;
      *role = r;
    }
  }
  return best;
}

// True when an organisation head (or, with |titles|, a title word or modifier)
// that starts in [b, pos) runs past pos.
bool Extractor::title_or_head_crosses(std::size_t b, std::size_t e, std::size_t pos,
                                      bool titles) const {
  for (std::size_t q = (pos > 6 ? std::max(b, pos - 6) : b); q < pos && q < e; ++q) {
    const std::size_t limit = pos - q;
    if (titles && (at(q, WordClass::title) > limit || at(q, WordClass::title_modifier) > limit)) {
      return true;
    }
    if (at(q, WordClass::org_head) > limit || at(q, WordClass::org_head_proper) > limit ||
        at(q, WordClass::sub_unit_head) > limit || at(q, WordClass::not_org_end) > limit) {
      return true;
    }
  }
  return false;
}

// Where a name may end: punctuation, the sentence end, or a word that cannot
// continue a name (a stop word, a cue verb, a title, a polite suffix).
bool Extractor::name_boundary_at(std::size_t pos, std::size_t sentence_end) const {
  if (pos >= sentence_end) return true;
  const char32_t c = text_[pos];
  if (!is_han(c)) return c != kMiddleDot;
  return at(pos, WordClass::name_stop) > 0 || any_cue_at(pos) || at(pos, WordClass::title) > 0 ||
         at(pos, WordClass::title_modifier) > 0 || at(pos, WordClass::person_suffix) > 0 ||
         at(pos, WordClass::cue_organized) > 0;
}

// Where the last part of a foreign name ends: punctuation, or a stop word or
// cue of two or more characters, or one of the few single characters that are
// never part of a transliteration.
bool Extractor::foreign_boundary_at(std::size_t pos, std::size_t sentence_end) const {
  if (strong_boundary_at(pos, sentence_end)) return true;
  if (at(pos, WordClass::name_stop) >= 2 || any_cue_at(pos) || at(pos, WordClass::title) >= 2 ||
      at(pos, WordClass::person_suffix) >= 2) {
    return true;
  }
  return std::u32string_view(U"在等和与说是对的也将称及向").find(text_[pos]) !=
         std::u32string_view::npos;
}

// Punctuation or the sentence end only.
bool Extractor::strong_boundary_at(std::size_t pos, std::size_t sentence_end) const {
  if (pos >= sentence_end) return true;
  const char32_t c = text_[pos];
  return !is_han(c) && c != kMiddleDot && !is_latin(c) && !is_digit(c);
}

// --- names -------------------------------------------------------------------

// A foreign name: Han runs joined by middle dots (马可·韦伯). The last part
// stops at a boundary, at most four characters. At least |min_tenths| tenths of
// the characters must be common transliteration characters (so a slogan such as
// 甲乙丙丁·戊己 between quotes is no name). Returns the length, 0 if none.
std::size_t Extractor::read_foreign_name(std::size_t pos, std::size_t sentence_end,
                                         std::size_t min_tenths) const {
  std::size_t p = pos;
  std::size_t parts = 0;
  std::size_t han = 0;
  std::size_t translit = 0;
  // In a title slot (a lower share) names from languages of China count too.
  const auto syllable = [&](std::size_t i) {
    return min_tenths < 7 ? is_name_syllable(i) : is_translit(i);
  };
  while (p < sentence_end) {
    std::size_t q = p;
    while (q < sentence_end && is_han(text_[q]) && q - p < 8) ++q;
    if (q == p) return 0;
    // A hyphen joins parts too, inside a name that has a middle dot later
    // (让-马克·勒菲弗).
    bool hyphen_in_name = false;
    if (q < sentence_end && text_[q] == U'-') {
      for (std::size_t r = q + 1; r < sentence_end && r <= q + 10; ++r) {
        if (text_[r] == kMiddleDot) {
          hyphen_in_name = true;
          break;
        }
        if (!is_han(text_[r]) && text_[r] != U'-') break;
      }
    }
    const bool more = q < sentence_end && (text_[q] == kMiddleDot || hyphen_in_name) &&
                      q + 1 < sentence_end && is_han(text_[q + 1]);
    if (!more) {
      if (parts == 0) return 0;
      // The last part: cut at the first name boundary, at most four characters.
      std::size_t end = p + 1;
      while (end < q && end - p < 4 && !foreign_boundary_at(end, sentence_end)) ++end;
      for (std::size_t i = p; i < end; ++i) {
        ++han;
        if (syllable(i)) ++translit;
      }
      if (translit * 10 < han * min_tenths) return 0;
      return end - pos;
    }
    for (std::size_t i = p; i < q; ++i) {
      if (at(i, WordClass::title) > 0 || at(i, WordClass::title_modifier) > 1) return 0;
      ++han;
      if (syllable(i)) ++translit;
    }
    ++parts;
    p = q + 1;
  }
  return 0;
}

// Whether a name outside a known surname may end at |e|: punctuation, the
// sentence end, 等, a verb, a stop word of two characters or more, or a polite
// suffix.
bool Extractor::name_closed_at(std::size_t e, std::size_t sentence_end) const {
  return strong_boundary_at(e, sentence_end) ||
         (e < sentence_end &&
          (text_[e] == U'等' || any_cue_at(e) || at(e, WordClass::name_stop) >= 2 ||
           at(e, WordClass::person_suffix) > 0));
}

// A name of four to six transliteration characters with no middle dot, in a
// title slot (乌云其木格, 扎西次仁), closed by punctuation, a verb or 等;
// 0 otherwise.
std::size_t Extractor::read_syllable_name(std::size_t pos, std::size_t sentence_end) const {
  std::size_t e = pos;
  while (e < sentence_end && e - pos < 6 && is_han(text_[e]) && is_name_syllable(e)) ++e;
  for (; e >= pos + 4; --e) {
    if (!name_closed_at(e, sentence_end)) continue;
    bool clean = !WordList::builtin().contains(std::u32string_view(text_).substr(pos, e - pos));
    for (std::size_t i = pos; clean && i < e; ++i) {
      clean = at(i, WordClass::title) == 0 && at(i, WordClass::org_head) == 0 &&
              at(i, WordClass::org_head_proper) == 0 && at(i, WordClass::place) == 0 &&
              at(i, WordClass::name_stop) == 0 && !any_cue_at(i) &&
              at(i, WordClass::person_suffix) == 0;
    }
    return clean ? e - pos : 0;
  }
  return 0;
}

// A Chinese name at |pos|: surname + one or two characters (compound surname +
// one or two). In a title slot a name needs no known surname, but then it must
// be followed by a clear boundary. Returns the length, 0 if none.
std::size_t Extractor::read_name(std::size_t pos, std::size_t sentence_end, NameMode mode) const {
  if (pos >= sentence_end || !is_han(text_[pos])) return 0;
  // A foreign name's first part may be a stop word (让-马克·勒菲弗).
  if (at(pos, WordClass::name_stop) > 0 && pos + 1 < sentence_end &&
      (text_[pos + 1] == U'-' || text_[pos + 1] == kMiddleDot) && at(pos, WordClass::pronoun) == 0) {
    return read_foreign_name(pos, sentence_end, mode == NameMode::free ? 7 : 5);
  }
  // A compound surname longer than the stop word it starts with (上 of 上官)
  // starts a name.
  const bool compound = at(pos, WordClass::surname) >= 2 &&
                        at(pos, WordClass::surname) > at(pos, WordClass::name_stop);
  // In a slot, a former marker that is also a surname (原 of 原晓峰) starts a
  // name when no title, modifier or organisation follows it in the next
  // three characters (原主任, 原副市长 and 原市委 are former posts).
  const bool marker_surname = [&] {
    if (mode == NameMode::free || at(pos, WordClass::former_marker) == 0 ||
        at(pos, WordClass::surname) == 0) {
      return false;
    }
    for (std::size_t q = pos + 1; q <= pos + 3 && q < sentence_end; ++q) {
      if (!is_han(text_[q])) break;
      if (at(q, WordClass::title) > 0 || at(q, WordClass::title_modifier) > 0 ||
          at(q, WordClass::org_head) > 0 || at(q, WordClass::org_head_weak) > 0 ||
          at(q, WordClass::place) > 0 || level_char_at(q)) {
        return false;
      }
    }
    return true;
  }();
  if (at(pos, WordClass::pronoun) > 0 || (at(pos, WordClass::name_stop) > 0 && !compound) ||
      any_cue_at(pos) || at(pos, WordClass::title) > 0 || at(pos, WordClass::title_modifier) > 0 ||
      (at(pos, WordClass::former_marker) > 0 && !marker_surname) ||
      at(pos, WordClass::cue_organized) > 0) {
    return 0;
  }
  if (const std::size_t foreign =
          read_foreign_name(pos, sentence_end, mode == NameMode::free ? 7 : 5)) {
    return foreign;
  }
  if (mode != NameMode::free) {
    if (const std::size_t run = read_syllable_name(pos, sentence_end)) return run;
  }
  const std::size_t surname = at(pos, WordClass::surname);
  if (surname == 0 && mode == NameMode::free) return 0;

  // A candidate of |len| characters is valid when it is all Han, is no known
  // word, holds no title or organisation head, and ends at a boundary.
  auto valid = [&](std::size_t len, bool last_stop_ok = false) {
    const std::size_t e = pos + len;
    if (e > sentence_end) return false;
    for (std::size_t i = pos; i < e; ++i) {
      if (!is_han(text_[i])) return false;
    }
    if (is_word(pos, e, WordClass::not_name) || is_word(pos, e, WordClass::pronoun)) return false;
    // A general word (热线, 提醒) is no name, unless it starts with a surname in
    // a title slot (总经理高远).
    if ((surname == 0 || mode == NameMode::free) &&
        WordList::builtin().contains(std::u32string_view(text_).substr(pos, len))) {
      return false;
    }
    if (len >= 3 && is_word(pos, pos + 2, WordClass::not_name) && surname < 2) return false;
    if (text_[e - 1] == U'某') return false;  // 张某: an anonymised person, not a name
    // Surname + a stop word alone (司和, 李也) is no name; in a longer given
    // name the stop character may stand first (李和平).
    if (const std::size_t s = surname > 0 ? surname : 1;
        len == s + 1 && at(pos + s, WordClass::name_stop) == 1)
      return false;
    for (std::size_t i = pos + 1; i < e; ++i) {
      if (at(i, WordClass::title) > 0 || at(i, WordClass::person_suffix) > 0) return false;
      if (at(i, WordClass::org_head) > 0 || at(i, WordClass::org_head_proper) > 0) return false;
      if (at(i, WordClass::name_stop) > 0 && at(i, WordClass::name_stop) + i <= e &&
          i > pos + surname && !(last_stop_ok && i + 1 == e))
        return false;
    }
    return true;
  };
  const std::size_t base = surname > 0 ? surname : 1;
  const std::size_t shorter = base + 1;
  const std::size_t longer = base + 2;
  const bool short_ok = valid(shorter);
  const bool long_ok = valid(longer);
  if (mode == NameMode::enumeration || surname == 0) {
    // Outside a known surname, only a name closed by punctuation, 等 or a verb.
    const auto closed = [&](std::size_t len) { return name_closed_at(pos + len, sentence_end); };
    if (short_ok && closed(shorter)) return shorter;
    if (long_ok && closed(longer)) return longer;
    return 0;
  }
  // With a surname: prefer the short name when a boundary word follows it,
  // unless that word is one stop character that, with punctuation after it,
  // ends the longer name instead (鲍春来、: 来 is no stop there).
  if (short_ok && name_boundary_at(pos + shorter, sentence_end)) {
    static constexpr std::u32string_view kClauseFinal = U"在是也等说称的们去到回答问看作";
    const std::size_t after = pos + shorter;
    // (晏清和当选: a verb or a longer stop word after the longer name ends it too.)
    const std::size_t past = pos + longer;
    if (valid(longer, true) &&
        (strong_boundary_at(past, sentence_end) ||
         (past < sentence_end &&
          (any_cue_at(past) || at(past, WordClass::name_stop) >= 2 ||
           (surname >= 2 && kClauseFinal.find(text_[past]) != std::u32string_view::npos)))) &&
        after < sentence_end && is_han(text_[after]) && at(after, WordClass::name_stop) == 1 &&
        !any_cue_at(after) && at(after, WordClass::title) == 0 &&
        at(after, WordClass::person_suffix) == 0 &&
        kClauseFinal.find(text_[after]) == std::u32string_view::npos) {
      return longer;
    }
    return shorter;
  }
  if (long_ok && name_boundary_at(pos + longer, sentence_end)) {
    // One stop character more before punctuation ends a name of four (松井俊介、):
    // in a slot, a name runs up to the punctuation.
    static constexpr std::u32string_view kNotLast = U"在是也等说称的们去到回答问看作和与及";
    const std::size_t after = pos + longer;
    if (mode == NameMode::slot && after + 1 < sentence_end && is_han(text_[after]) &&
        at(after, WordClass::name_stop) == 1 && !any_cue_at(after) &&
        at(after, WordClass::title) == 0 && at(after, WordClass::person_suffix) == 0 &&
        (text_[after + 1] == U'、' || text_[after + 1] == U'，' || text_[after + 1] == U',') &&
        kNotLast.find(text_[after]) == std::u32string_view::npos) {
      return longer + 1;
    }
    return longer;
  }
  return 0;  // a run of Han with no boundary after it: not clearly a name
}

// --- organisations -------------------------------------------------------------

// Whether title modifiers and then a title start at |pos| (副总经理, 常务副部长).
bool Extractor::modified_title_at(std::size_t pos) const {
  std::size_t q = pos;
  for (std::size_t m; (m = at(q, WordClass::title_modifier)) > 0 && q - pos < 6;) q += m;
  return q > pos && at(q, WordClass::title) > 0;
}

// A weak head (部, 局, 处) ends an organisation when a title, a former marker,
// another organisation, punctuation or a stop word follows it.
bool Extractor::weak_head_ends_at(std::size_t end, std::size_t sentence_end) const {
  if (ending(end, WordClass::org_head_weak) == 0) return false;
  // 科|技: a general word runs across; 处|处长 is a title after the head, and so
  // is 部|副总经理 (where the list has the word 部副).
  if (end < sentence_end && at(end, WordClass::title) == 0 && !modified_title_at(end) &&
      WordList::builtin().splits(text_, end))
    return false;
  if (ending(end, WordClass::not_org_end) > 0) return false;
  if (end >= 2 && title_or_head_crosses(end - 2, end, end)) return false;
  if (strong_boundary_at(end, sentence_end)) return true;
  return at(end, WordClass::title) > 0 || at(end, WordClass::title_modifier) > 0 ||
         bound_modifier_at(end) || at(end, WordClass::former_marker) > 0 ||
         at(end, WordClass::org_stop) > 0;
}

// True when [clause start, end) is one to three Han characters that hold no
// pronoun, event, title, organisation head, verb or general word: 眉山 in 、眉山向日葵中心, where
// a single-character stop word (向) is part of the name, not a preposition.
bool Extractor::short_clause_opening(std::size_t end, std::size_t left_limit) const {
  std::size_t b = end;
  while (b > left_limit && is_han(text_[b - 1]) && end - b < 4) --b;
  if (b == end || end - b > 3) return false;
  if (b > left_limit && is_name_char(text_[b - 1])) return false;
  for (std::size_t i = b; i < end; ++i) {
    if (at(i, WordClass::pronoun) || at(i, WordClass::event_head) || at(i, WordClass::title) ||
        at(i, WordClass::org_head) || at(i, WordClass::name_stop) || any_cue_at(i) ||
        at(i, WordClass::org_stop)) {
      return false;
    }
    // Nor a general word (本案由某某法院: 由 is the preposition).
    if (i + 2 <= end && at(i, WordClass::place) == 0 &&
        WordList::builtin().contains(std::u32string_view(text_).substr(i, 2))) {
      return false;
    }
  }
  return true;
}

// Whether the stop word of |len| characters ending at |end| begins a longer
// organisation head word (联合 of 联合会), and so stops nothing.
bool Extractor::stop_inside_head(std::size_t end, std::size_t len) const {
  const std::size_t s = end - len;
  return std::max(at(s, WordClass::org_head), at(s, WordClass::org_head_proper)) > len;
}

// Where the title modifiers written before |end| start (副 and 常务 of
// 常务副会长 before 会长), never left of |limit|. A bound modifier (代 of
// 代市长) counts only where a word could not end with it: after punctuation,
// an organisation or place head, a title or a verb (局代副局长, 、代县长,
// 任代市长), never inside 古代 or 现代 (bound_modifier_fits).
std::size_t Extractor::modifiers_start(std::size_t end, std::size_t limit) const {
  for (;;) {
    std::size_t m = ending(end, WordClass::title_modifier);
    if (m == 0) {
      m = ending(end, WordClass::bound_modifier);
      if (m == 0 || (end - m >= limit && !bound_modifier_fits(end - m))) break;
    }
    if (end - m < limit) break;
    end -= m;
  }
  return end;
}

bool Extractor::bound_modifier_fits(std::size_t b) const {
  if (b == 0 || !is_han(text_[b - 1])) return true;
  for (const WordClass cls :
       {WordClass::org_head, WordClass::org_head_weak, WordClass::org_head_proper,
        WordClass::place_suffix, WordClass::sub_unit_head, WordClass::title,
        WordClass::cue_attended, WordClass::cue_hosted, WordClass::name_stop}) {
    if (ending(b, cls) > 0) return true;
  }
  return false;
}

// Walks left from an organisation head to where the name starts: punctuation,
// a number, a stop word (由, 设立), or 与/和/及 after a complete name.
std::size_t Extractor::org_start(std::size_t head_begin, std::size_t left_limit) const {
  std::size_t b = head_begin;
  while (b > left_limit && head_begin - b < kMaxOrgLength) {
    const char32_t c = text_[b - 1];
    // A publication's title right before its head (《社会治理》杂志社) starts the name.
    if (c == U'》' && b == head_begin) {
      const std::size_t open = std::u32string_view(text_).rfind(U'《', b - 1);
      if (open != std::u32string_view::npos && open >= left_limit && b - 1 - open >= 2 &&
          b - 1 - open <= 20 && free(open, b)) {
        b = open;
      }
      break;
    }
    // A place in brackets before a legal form (某某机械(中国)有限公司) is part of the name.
    if ((c == U')' || c == U'）') && at(b, WordClass::org_legal_form) > 0 && b >= left_limit + 4) {
      const std::size_t open = std::u32string_view(text_).find_last_of(U"(（", b - 1);
      if (open != std::u32string_view::npos && open > left_limit && b - 1 - open >= 2 &&
          b - 1 - open <= 4 && is_han(text_[open - 1]) && free(open, b)) {
        bool han = true;
        for (std::size_t i = open + 1; i + 1 < b; ++i) han = han && is_han(text_[i]);
        if (han) {
          b = open;
          continue;
        }
      }
    }
    if (!is_name_char(c)) break;
    // A count (3家公司) ends the name; an ordinal (第一人民医院) does not.
    if (lex_.is(std::u32string_view(&text_[b - 1], 1), WordClass::classifier) && b >= 2 &&
        (is_digit(text_[b - 2]) || is_chinese_numeral(text_[b - 2]))) {
      std::size_t q = b - 2;
      while (q > left_limit && (is_digit(text_[q - 1]) || is_chinese_numeral(text_[q - 1]))) --q;
      if (q == left_limit || text_[q - 1] != U'第') break;
    }
    if (const std::size_t stop = ending(b, WordClass::org_stop)) {
      // A stop word that is part of a longer head word (联合 in 联合会) is no
      // stop, nor one of two characters or more right before a head and a
      // legal form (投资 of 城市建设投资集团有限公司).
      const std::size_t next_head =
          std::max(at(b, WordClass::org_head), at(b, WordClass::org_head_proper));
      // Nor one of two characters or more right after a legal form, which
      // opens the name of a unit (某某集团有限公司|投资发展部).
      const bool before_head =
          (stop >= 2 && next_head > 0 &&
           (at(b, WordClass::org_legal_form) >= 4 ||
            at(b + next_head, WordClass::org_legal_form) >= 4)) ||
          (stop >= 2 && b - stop > left_limit && ending(b - stop, WordClass::org_legal_form) >= 4);
      // Nor a one-character stop word inside a word that is also a department
      // head (系 of 国际关系) or stands right before the head (据 of 数据局).
      const bool inside_word = stop == 1 && b >= 2 && is_han(text_[b - 2]) &&
                               (ending(b, WordClass::sub_unit_head) == 1 || b == head_begin) &&
                               WordList::builtin().splits(text_, b - 1);
      // A place before 与 (青禾市与某某集团) is complete, however short.
      const bool place_and = stop == 1 && (c == U'与' || c == U'和' || c == U'及') &&
                             b >= left_limit + 4 && ending(b - 1, WordClass::place_suffix) == 1 &&
                             !WordList::builtin().splits(text_, b - 2);
      if (!stop_inside_head(b, stop) && !before_head && !inside_word &&
          !(stop == 1 && !place_and && short_clause_opening(b - 1, left_limit))) {
        if (stop == 1 && (c == U'与' || c == U'和' || c == U'及' || c == U'同' || c == U'跟')) {
          // 甲与乙: stop only when what stands before is complete.
          // (A one-character head inside a word is none: 系 of 国际关系与公共事务学院.)
          const std::size_t before = b - 1;
          const std::size_t head = org_head_ending(before);
          const bool head_in_word =
              head == 1 && before >= 2 && WordList::builtin().splits(text_, before - 1);
          // (A place is complete too: 青禾市与某某集团签署….)
          if (before == left_limit || (head > 0 && !head_in_word) ||
              ending(before, WordClass::title) > 0 || (before > 0 && used_[before - 1]) ||
              ending(before, WordClass::place) > 0 ||
              (before >= left_limit + 3 && ending(before, WordClass::place_suffix) == 1 &&
               !WordList::builtin().splits(text_, before - 1))) {
            break;
          }
        } else {
          break;
        }
      }
    }
    if (b - 1 > left_limit && used_[b - 1]) break;  // never into another mention
    // 会议中国某某协会: the meeting is no part; but a people's congress or the
    // political consultative conference is (某某市人民代表大会常务委员会,
    // 中国人民政治协商会议某某市委员会).
    if (ending(b, WordClass::event_head) > 0 && !congress_ending(b)) break;
    if (appointment_verb_ending(b) > 0) break;        // 某某同志任市教育局局长
    --b;
  }
  // A general word before a level character and a head (希望|市文联, 希望|市委):
  // the name starts at the level character, unless the two are one word (自治|区).
  for (std::size_t q = head_begin; q + 1 >= head_begin && q >= b + 2; --q) {
    if (!level_char_at(q)) continue;
    const std::u32string_view before = std::u32string_view(text_).substr(q - 2, 2);
    if (WordList::builtin().contains(before) &&
        !WordList::builtin().contains(std::u32string_view(text_).substr(q - 2, 3))) {
      b = q;
    }
    break;
  }
  // A general word before a place (增补北京市红十字会): the name starts at the place.
  if (at(b, WordClass::place) == 0) {
    for (std::size_t q = b + 2; q <= b + 3 && q < head_begin; ++q) {
      if (at(q, WordClass::place) == 0) continue;
      if (WordList::builtin().contains(std::u32string_view(text_).substr(b, q - b))) b = q;
      break;
    }
  }
  return b;
}

// Whether a people's congress (人民代表大会) or the political consultative
// conference (政治协商会议) ends at |end|: bodies named like meetings, which
// start the names of their committees.
bool Extractor::congress_ending(std::size_t end) const {
  const std::u32string_view text(text_);
  for (const std::u32string_view word : {U"人民代表大会", U"政治协商会议"}) {
    if (end >= word.size() && text.substr(end - word.size(), word.size()) == word) return true;
  }
  return false;
}

// Verbs before the names of those elected to a post: 选举某某为主席.
constexpr std::u32string_view kElectionVerbs[] = {U"选举", U"推选", U"补选", U"增选"};

// Appointment verbs: 任, 担任, 出任, 兼任, 改任, 升任, and 为 of 任命某某为.
constexpr std::u32string_view kAppointmentVerbs[] = {U"担任", U"出任", U"兼任", U"改任",
                                                     U"升任", U"任"};

// The length of an appointment verb ending at |end| after a person (同志, 其,
// or the end of a name the tagger reads: 林某某同志任, 林某某任) or after 决定,
// 同意, 拟 or 提名 (会议决定任江城大学…); 0 otherwise.
std::size_t Extractor::appointment_verb_ending(std::size_t end) const {
  const std::u32string_view text(text_);
  for (const std::u32string_view verb : kAppointmentVerbs) {
    if (end < verb.size() + 1 || text.substr(end - verb.size(), verb.size()) != verb) continue;
    const std::size_t before = end - verb.size();
    const std::u32string_view two = before >= 2 ? text.substr(before - 2, 2) : std::u32string_view();
    if (two == U"同志" || two == U"决定" || two == U"同意" || two == U"提名" ||
        text[before - 1] == U'其' || text[before - 1] == U'拟' || tagged_person_end_[before]) {
      return verb.size();
    }
    return 0;
  }
  return 0;
}

// Splits an organisation run into nested units at inner heads: 甲联合会乙委员会
// -> 甲联合会 | 乙委员会. Each unit but the last is at least three characters,
// the rest at least two, and a legal form (有限公司) never stands alone.
std::vector<OrgUnit> Extractor::split_units(std::size_t b, std::size_t e) const {
  std::vector<OrgUnit> units;
  std::size_t start = b;
  // An organisation already known, written first (全国工商联社会服务部 after
  // 全国工商联): a unit of its own, whatever its head.
  std::size_t known = 0;
  for (const std::u32string& name : org_names_) {
    // A place that stands for its government (临州市 of 临州市副市长) is no parent
    // of the bodies named after it (临州市体育局).
    if (lex_.longest_ending_at(name, name.size(), WordClass::place_suffix) > 0) continue;
    if (name.size() >= 3 && name.size() > known && b + name.size() + 2 <= e &&
        std::u32string_view(text_).substr(b, name.size()) == name) {
      known = name.size();
    }
  }
  if (known > 0 && !is_word(b + known, e, WordClass::org_legal_form) &&
      at(b + known, WordClass::org_legal_form) != e - b - known) {
    units.push_back({b, b + known});
    start = b + known;
  }
  for (std::size_t pos = b + 3; pos + 2 <= e; ++pos) {
    if (pos < start + 3) continue;  // after a known organisation, too (start past b + 3)
    // Never inside 人民代表大会 or 政治协商会议 (协商会|议).
    if (congress_ending(pos + 1) || congress_ending(pos + 2)) continue;
    const bool strong = org_head_ending(pos) > 0;
    // A weak head inside a general word (科 of 科技) splits nothing.
    const bool weak = !strong && ending(pos, WordClass::org_head_weak) > 0 &&
                      (at(pos, WordClass::title) > 0 || !WordList::builtin().splits(text_, pos));
    if (!strong && !weak) continue;
    if (title_or_head_crosses(start, e, pos, false)) continue;
    if (ending(pos, WordClass::not_org_end) > 0) continue;
    if (is_word(pos, e, WordClass::org_legal_form)) continue;
    // A legal form after the head belongs to it (集团|有限公司|党委 splits after 有限公司).
    if (at(pos, WordClass::org_legal_form) > 0) continue;
    // The rest must itself end in a head at e, with more than the head alone
    // unless it is a known unit word (研究室).
    units.push_back({start, pos});
    start = pos;
  }
  units.push_back({start, e});
  return units;
}

// A department word (研究室, 秘书处): inside an enumeration it is a unit of the
// organisation named before it. Ministries (司法部) are not in that list.
// Whether the organisation run [b, e) of a post is a generic body word (协会,
// 公司, 大学; no department word like 办公室) that ends a longer name written
// before it in the document, and the post is no item of a 、 list (where the
// word is a unit of the list's body) unless |previous_org|, the person's post
// before it, is at a body of another kind.
bool Extractor::names_earlier_body(std::size_t b, std::size_t e,
                                   std::optional<std::size_t> previous_org) const {
  if (e - b < 2 || b == 0 || !is_word(b, e, WordClass::org_generic) ||
      ending(e, WordClass::sub_unit_head) > 0) {
    return false;
  }
  const std::u32string_view text(text_);
  const std::u32string_view word = text.substr(b, e - b);
  // After 、 the word is a unit of the list's body, unless it follows another
  // post of the same person at a body of another kind (省政协原副主席、协会名誉会长).
  if (text_[b - 1] == U'、') {
    if (!previous_org) return false;
    if (ends_with(org_names_[*previous_org], word)) return false;
  }
  for (std::size_t pos = text.substr(0, b).rfind(word); pos != std::u32string_view::npos && pos > 0;
       pos = text.substr(0, pos).rfind(word)) {
    if (is_han(text_[pos - 1]) && ending(pos, WordClass::pronoun) == 0) return true;
  }
  return false;
}

// Whether the department run [b, e) ends in the head organisation |org| ends
// in (机械工程学院 after 能源与动力工程学院): a sibling of it, not its unit.
bool Extractor::same_kind_of_unit(std::size_t org, std::size_t b, std::size_t e) const {
  const std::size_t head = ending(e, WordClass::sub_unit_head);
  const std::u32string& name = org_names_[org];
  return head > 0 && e - b > head && !is_sub_unit_word(b, e) && name.size() > head &&
         std::u32string_view(name).substr(name.size() - head) ==
             std::u32string_view(text_).substr(e - head, head);
}

// The organisation |org| is part_of, if any (its first such relation).
std::optional<std::size_t> Extractor::parent_of(std::size_t org) const {
  for (const OrgRelation& r : out_.org_relations) {
    if (r.from == org && r.kind == OrgRelationKind::part_of) return r.to;
  }
  return std::nullopt;
}

// Registers the department run [b, e) as a sibling of |org|: a unit of
// |org|'s parent when it has one, else named with the generic body word
// |org|'s name starts with (学校机械工程学院 after 学校能源与动力工程学院, which
// qualify_generic_prefixes resolves). Returns the chain, as org_chain does.
std::vector<std::size_t> Extractor::sibling_unit(std::size_t org, std::size_t b, std::size_t e,
                                                 std::size_t sentence) {
  if (const auto parent = parent_of(org)) return org_chain(b, e, sentence, *parent, true, true);
  const std::size_t mention = add_mention(MentionType::organization, b, e, sentence);
  chain_org_mentions_.insert(mention);
  const std::u32string_view name = org_names_[org];
  std::string prefix;
  for (const std::u32string_view word : kGenericBodies) {
    if (name.substr(0, word.size()) == word) prefix = encode_utf8(word);
  }
  const std::size_t unit = organization(prefix + utf8(b, e), mention);
  if (!prefix.empty()) {
    add_alias(unit, utf8(b, e));
  }
  return {unit};
}

bool Extractor::is_sub_unit_word(std::size_t b, std::size_t e) const {
  return is_word(b, e, WordClass::org_generic);
}

// A place or a proper name before the head: 北京市…, 法国…, 国际…, 某某镇….
bool Extractor::has_specific_prefix(std::size_t b, std::size_t head_begin) const {
  if (head_begin <= b) return false;
  if (at(b, WordClass::place) > 0 && at(b, WordClass::place) <= head_begin - b) return true;
  for (std::size_t pos = b + 2; pos <= head_begin; ++pos) {
    if (ending(pos, WordClass::place_suffix) > 0 &&
        ending(pos, WordClass::place_suffix) + 2 <= pos - b) {
      return true;
    }
  }
  return false;
}

bool Extractor::level_char_at(std::size_t pos) const {
  return pos < text_.size() &&
         std::u32string_view(U"省市县区").find(text_[pos]) != std::u32string_view::npos;
}

// An administrative level standing for its government (省, 市, 县, 区, 州,
// 镇, 乡) before a descriptor of two or more characters: 省人力资源社会保障厅,
// 市民政局, 区教育局.
bool Extractor::level_prefix(std::size_t b, std::size_t head_begin) const {
  static constexpr std::u32string_view kLevels = U"省市县区州镇乡";
  return head_begin >= b + 3 && kLevels.find(text_[b]) != std::u32string_view::npos;
}

// --- results -------------------------------------------------------------------

std::size_t Extractor::add_mention(MentionType type, std::size_t b, std::size_t e,
                                   std::size_t sentence) {
  Mention m;
  m.type = type;
  m.text = utf8(b, e);
  m.norm_start = b;
  m.norm_end = e;
  m.start = doc_.norm.to_orig[b];
  m.end = e > b ? doc_.norm.to_orig[e - 1] + 1 : m.start;
  m.sentence = sentence;
  out_.mentions.push_back(std::move(m));
  mark(b, e);
  return out_.mentions.size() - 1;
}

// The one foreign person whose name ends in |part| after its last middle
// dot (安妮·范德伯格 for 范德伯格); nothing when none or several do.
std::optional<std::size_t> Extractor::foreign_full_name(std::u32string_view part) const {
  if (part.size() < 2 || part.find(kMiddleDot) != std::u32string_view::npos) return std::nullopt;
  std::optional<std::size_t> match;
  for (std::size_t who = 0; who < person_names_.size(); ++who) {
    const std::u32string_view name = person_names_[who];
    const std::size_t dot = name.rfind(kMiddleDot);
    if (dot == std::u32string_view::npos || name.substr(dot + 1) != part) continue;
    if (match) return std::nullopt;
    match = who;
  }
  return match;
}

std::size_t Extractor::person(std::size_t b, std::size_t e, std::size_t sentence) {
  const std::size_t mention = add_mention(MentionType::person, b, e, sentence);
  // A foreign person named again by the last part of the name is that person.
  if (const auto full = foreign_full_name(std::u32string_view(text_).substr(b, e - b))) {
    out_.persons[*full].mentions.push_back(mention);
    return *full;
  }
  const std::string name = out_.mentions[mention].text;
  auto [it, inserted] = person_index_.emplace(name, out_.persons.size());
  if (inserted) {
    out_.persons.push_back({name, {}});
    person_names_.emplace_back(text_.substr(b, e - b));
  }
  out_.persons[it->second].mentions.push_back(mention);
  return it->second;
}

// Adds |alias| to organisation |org|'s aliases, once.
void Extractor::add_alias(std::size_t org, const std::string& alias) {
  auto& aliases = out_.organizations[org].aliases;
  if (std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) aliases.push_back(alias);
}

std::size_t Extractor::organization(const std::string& name, std::size_t mention) {
  auto [it, inserted] = org_index_.emplace(name, out_.organizations.size());
  if (inserted) {
    out_.organizations.push_back({name, {}, {}});
    org_names_.push_back(decode_utf8(name));
  }
  if (mention != kNoMention) out_.organizations[it->second].mentions.push_back(mention);
  return it->second;
}

// Whether |longer| is |shorter| with a place, 全省/全市/全国 and the like, or
// a known organisation before it, or with the place for |shorter|'s 全省:
// 浙江省生态环境保护推进会, 全省生态环境保护推进会 and 生态环境保护推进会 name
// one event.
bool Extractor::qualified_name(std::u32string_view longer, std::u32string_view shorter) const {
  // The same head with the shorter one's words inside the longer one's
  // (主席团会议 in 某某联合会第八届主席团第四次会议): a headline's short form.
  const std::size_t head = lex_.longest_ending_at(shorter, shorter.size(), WordClass::event_head);
  if (head > 0 && shorter.size() >= head + 2 && longer.size() > shorter.size() &&
      longer.substr(longer.size() - head) == shorter.substr(shorter.size() - head) &&
      longer.substr(0, longer.size() - head).find(shorter.substr(0, shorter.size() - head)) !=
          std::u32string_view::npos) {
    return true;
  }
  if (head > 0 && abbreviated_ordinal_name(longer, shorter, head)) return true;
  // 全省 for the province named (全省水利工作推进会, 浙江省水利工作推进会).
  if (shorter.size() > 3 && shorter[0] == U'全' &&
      lex_.is(shorter.substr(1, 1), WordClass::place_suffix)) {
    const std::u32string_view rest = shorter.substr(2);
    if (longer.size() >= rest.size() + 3 && longer.substr(longer.size() - rest.size()) == rest &&
        longer[longer.size() - rest.size() - 1] == shorter[1]) {
      return true;
    }
  }
  if (longer.size() <= shorter.size() + 1 ||
      longer.substr(longer.size() - shorter.size()) != shorter) {
    return false;
  }
  const std::u32string_view prefix = longer.substr(0, longer.size() - shorter.size());
  if (lex_.is(prefix, WordClass::place)) return true;
  // Or with the organisation that holds it: 中国某某会第十届理事会 and 第十届理事会.
  if (org_index_.count(encode_utf8(prefix)) > 0) return true;
  if (lex_.longest_ending_at(prefix, prefix.size(), WordClass::place_suffix) > 0) return true;
  return prefix.size() == 2 && prefix[0] == U'全' &&
         lex_.is(prefix.substr(1), WordClass::place_suffix);
}

// Whether |shorter| abbreviates |longer|, two names of an event with the same
// |head| characters at the end: |shorter| holds an ordinal (第), its characters
// come in |longer| in the same order, and both hold the same numbers
// (第九届常委会第三次会议 in 某某协会第九届常务委员会第三次会议; not 第十三次会议).
bool Extractor::abbreviated_ordinal_name(std::u32string_view longer, std::u32string_view shorter,
                                         std::size_t head) {
  if (longer.size() <= shorter.size() || shorter.find(U'第') == std::u32string_view::npos ||
      longer.substr(longer.size() - head) != shorter.substr(shorter.size() - head)) {
    return false;
  }
  auto numbers = [](std::u32string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const bool number = is_digit(s[i]) || is_chinese_numeral(s[i]);
      if (number) out += s[i];
      else if (i > 0 && (is_digit(s[i - 1]) || is_chinese_numeral(s[i - 1]))) out += U'|';
    }
    return out;
  };
  if (numbers(longer) != numbers(shorter)) return false;
  std::size_t at = 0;
  for (const char32_t c : shorter) {
    at = longer.find(c, at);
    if (at == std::u32string_view::npos) return false;
    ++at;
  }
  return true;
}

std::size_t Extractor::event(const std::string& name, std::optional<std::size_t> mention) {
  auto [it, inserted] = event_index_.emplace(name, out_.events.size());
  if (inserted) {
    // The same event named with or without its place: one event, under the longer name.
    const std::u32string wanted = decode_utf8(name);
    for (std::size_t i = 0; i < out_.events.size(); ++i) {
      const std::u32string known = decode_utf8(out_.events[i].name);
      if (qualified_name(known, wanted)) {
        it->second = i;
      } else if (qualified_name(wanted, known) ||
                 (unnamed_events_.count(i) > 0 && wanted.size() > known.size() &&
                  wanted.compare(wanted.size() - known.size(), known.size(), known) == 0)) {
        unnamed_events_.erase(i);
        out_.events[i].name = name;
        it->second = i;
      } else {
        continue;
      }
      if (mention) out_.events[i].mentions.push_back(*mention);
      return i;
    }
    Event event;
    event.name = name;
    out_.events.push_back(std::move(event));
  }
  if (mention) out_.events[it->second].mentions.push_back(*mention);
  return it->second;
}

Evidence Extractor::evidence(std::size_t sentence, std::size_t b, std::size_t e) const {
  Evidence ev;
  ev.sentence = sentence;
  ev.start = doc_.norm.to_orig[b];
  ev.end = e > b ? doc_.norm.to_orig[e - 1] + 1 : ev.start;
  return ev;
}

// The end of the longest organisation already known whose name is written
// at |b| and runs past |past| (0 when none): 教育部职业教育与成人教育司 where
// the tagger read only 教育部.
std::size_t Extractor::known_org_from(std::size_t b, std::size_t past) const {
  std::size_t best = 0;
  for (const std::u32string& name : org_names_) {
    const std::size_t e = b + name.size();
    if (e <= past || e > text_.size() || e <= best) continue;
    if (std::u32string_view(text_).substr(b, name.size()) != name) continue;
    // It must end there: not 中国某某 (a source) inside 中国某某联合会.
    if (e < text_.size() && is_name_char(text_[e]) && at(e, WordClass::title) == 0 &&
        at(e, WordClass::title_modifier) == 0 && !bound_modifier_at(e) &&
        at(e, WordClass::org_stop) == 0 && at(e, WordClass::name_stop) == 0 && !any_cue_at(e) &&
        at(e, WordClass::cue_organized) == 0) {
      continue;
    }
    best = e;
  }
  return best;
}

// Registers the organisation run [b, e) and its nested units; returns the
// entity indexes from the outermost to the innermost. A run that is only a
// generic word (研究室) becomes a sub-unit of |context_root| when there is one,
// and nothing otherwise.
std::vector<std::size_t> Extractor::org_chain(std::size_t b, std::size_t e, std::size_t sentence,
                                              std::optional<std::size_t> context_root,
                                              bool in_chain, bool sub_unit) {
  std::vector<std::size_t> chain;
  if (sub_unit || is_word(b, e, WordClass::org_generic)) {
    if (!context_root) return chain;
    const std::size_t mention = add_mention(MentionType::organization, b, e, sentence);
    if (in_chain) chain_org_mentions_.insert(mention);
    const std::string root = out_.organizations[*context_root].name;
    const std::size_t sub = organization(root + utf8(b, e), mention);
    add_alias(sub, utf8(b, e));
    out_.org_relations.push_back(
        {sub, *context_root, OrgRelationKind::part_of, evidence(sentence, b, e)});
    return {*context_root, sub};
  }
  const std::size_t mention = add_mention(MentionType::organization, b, e, sentence);
  if (in_chain) chain_org_mentions_.insert(mention);
  const auto units = split_units(b, e);
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::size_t index =
        organization(utf8(b, units[i].end), i + 1 == units.size() ? mention : kNoMention);
    if (i > 0) {
      add_alias(index, utf8(units[i].begin, units[i].end));
      out_.org_relations.push_back(
          {index, chain.back(), OrgRelationKind::part_of, evidence(sentence, b, units[i].end)});
    }
    chain.push_back(index);
  }
  return chain;
}

// --- pass 1: appositive chains -------------------------------------------------

// Reads one (organisation, title) post that ends at |title_end| with a title
// head of |head| characters, walking left: modifiers and descriptor words stay
// in the title, 原/前 marks it former, and an organisation head ends it.
Extractor::Post Extractor::read_post(std::size_t title_end, std::size_t head,
                                     std::size_t left_limit, std::size_t sentence) const {
  const std::size_t sentence_end = doc_.sentences[sentence].end;
  Post post;
  post.title_e = title_end;
  std::size_t tb = title_end - head;
  std::size_t cursor = tb;
  bool have_org = false;
  bool clean_stop = true;  // stopped at punctuation, the limit or an organisation
  while (cursor > left_limit) {
    if (text_[cursor - 1] == U'》' && publication_title(tb, title_end) &&
        modifiers_start(title_end - head, cursor) == cursor) {
      // 《基层治理研究》主编: the publication is the post's organisation.
      const std::size_t open = std::u32string_view(text_).rfind(U'《', cursor - 1);
      if (open != std::u32string_view::npos && open >= left_limit && cursor - 1 - open >= 2 &&
          cursor - 1 - open <= 20 && free(open, cursor)) {
        post.org_b = open + 1;
        post.org_e = cursor - 1;
        post.title_b = tb;
        return post;
      }
    }
    // An organisation with its short form in parentheses before the title
    // (某某集团有限公司(以下简称"某某")副总经理): the post is at the organisation.
    if (cursor == tb && (text_[cursor - 1] == U')' || text_[cursor - 1] == U'）')) {
      if (const std::size_t open = short_form_note_open(cursor - 1, left_limit);
          open != kNoPos && org_head_ending(open) > 0) {
        post.title_b = tb;
        post.org_e = open;
        post.org_b = org_start(open - org_head_ending(open), left_limit);
        return post;
      }
    }
    if (!is_name_char(text_[cursor - 1])) break;
    // 新任 and 现任 before a title say the post is current; like 原, they are no
    // part of the title (新任会长: 会长).
    std::size_t m = ending(cursor, WordClass::former_marker);
    const bool current = m == 0 && cursor == tb && cursor >= left_limit + 2 &&
                         (std::u32string_view(text_).substr(cursor - 2, 2) == U"新任" ||
                          std::u32string_view(text_).substr(cursor - 2, 2) == U"现任");
    if (current) m = 2;
    if (m > 0 && cursor == tb) {
      post.former = !current;
      post.former_len = m;
      cursor -= m;
      have_org = cursor > left_limit &&
                 (org_head_ending(cursor) > 0 || weak_head_ends_at(cursor, sentence_end));
      break;
    }
    if (org_head_ending(cursor) > 0 || weak_head_ends_at(cursor, sentence_end) ||
        names_body_by_head(cursor - 1, cursor, sentence)) {
      have_org = true;
      break;
    }
    // Title words and modifiers (代表 in 协调代表主任) belong to the title even
    // where they could also be stop words.
    std::size_t step =
        std::max(ending(cursor, WordClass::title_modifier), ending(cursor, WordClass::title));
    if (step == 0 &&
        (ending(cursor, WordClass::org_stop) > 0 || ending(cursor, WordClass::name_stop) > 1)) {
      clean_stop = false;
      break;
    }
    if (title_end - cursor >= kMaxTitleLength) {
      clean_stop = false;
      break;
    }
    if (step == 0 || cursor - step < left_limit) step = 1;
    cursor -= step;
    tb = cursor;
  }
  if (!have_org && !clean_stop) {
    // A place between the stop word and a government title (由匈牙利索普朗市市长):
    // the post's organisation, as below.
    const std::size_t bare = modifiers_start(title_end - head, cursor);
    if (const std::size_t suffix = ending(bare, WordClass::place_suffix);
        suffix > 0 && bare >= cursor + suffix + 2 && bare - cursor <= kMaxPlaceLength &&
        lex_.is(std::u32string_view(text_).substr(title_end - 2, 1), WordClass::place_suffix) &&
        text_[title_end - 1] == U'长' && std::all_of(&text_[cursor], &text_[bare], is_han)) {
      post.org_b = cursor;
      post.org_e = bare;
      post.title_b = bare;
      return post;
    }
    // The descriptor ran into unrelated text: keep the modifiers and the head only.
    tb = modifiers_start(title_end - head, left_limit);
    post.former = false;
    post.former_len = 0;
    if (const std::size_t m = ending(tb, WordClass::former_marker); m > 0 && tb - m >= left_limit) {
      post.former = true;
      post.former_len = m;
    }
    // An organisation the tagger reads just before the title (会见了国际奥委会副主席)
    // is the post's.
    if (!post.former) {
      const std::size_t base = doc_.sentences[sentence].begin;
      for (const TaggedSpan& t : tagged_[sentence]) {
        if (t.type == MentionType::organization && base + t.end == tb &&
            base + t.begin >= left_limit && t.end - t.begin >= 2 && free(base + t.begin, tb)) {
          post.org_b = base + t.begin;
          post.org_e = tb;
          post.title_b = tb;
          return post;
        }
      }
    }
  }
  if (!have_org && clean_stop && !post.former) {
    // A place before a title (杭州市副市长, 湖州市安吉县县长): the place is the
    // post's organisation, its government, and the title starts after it.
    const std::size_t bare = modifiers_start(title_end - head, tb);
    if (const std::size_t suffix = ending(bare, WordClass::place_suffix);
        suffix > 0 && bare - tb >= suffix + 2 && bare - tb <= kMaxPlaceLength &&
        std::all_of(&text_[tb], &text_[bare], is_han)) {
      post.org_b = tb;
      post.org_e = bare;
      post.title_b = bare;
      return post;
    }
    // No organisation head the lexicons know (万通地产设计总监): where the tagger
    // reads an organisation at the start of the descriptor, that is the post's
    // organisation and the rest is the title.
    const std::size_t base = doc_.sentences[sentence].begin;
    for (const TaggedSpan& t : tagged_[sentence]) {
      if (t.type == MentionType::organization && base + t.begin == tb &&
          base + t.end + head <= title_end && base + t.end > tb && free(tb, base + t.end)) {
        post.org_b = tb;
        post.org_e = base + t.end;
        post.title_b = post.org_e;
        return post;
      }
    }
  }
  post.title_b = tb;
  const std::size_t org_e = tb - post.former_len;
  post.org_b = post.org_e = org_e;
  if (have_org) {
    const std::size_t head_len =
        std::max(org_head_ending(org_e), ending(org_e, WordClass::org_head_weak));
    post.org_b = org_start(org_e - head_len, left_limit);
    // 原 or 前 before the organisation (原青川市发展和改革委员会副主任): a former post.
    if (const std::size_t m = at(post.org_b, WordClass::former_marker);
        m > 0 && !post.former &&
        (org_e - head_len >= post.org_b + m + 2 ||
         (level_char_at(post.org_b + m) && org_e - head_len <= post.org_b + m + 1)) &&
        (level_char_at(post.org_b + m) || at(post.org_b + m, WordClass::place) > 0 ||
         has_specific_prefix(post.org_b + m, org_e - head_len) ||
         level_prefix(post.org_b + m, org_e - head_len) || !starts_word(post.org_b))) {
      post.org_b += m;
      post.former = true;
    }
  }
  return post;
}

// Where the parenthesis opens whose closing one is at |close| and which holds
// a short form (以下简称"某某", 简称某某, 下称某某); kNoPos when it is none.
std::size_t Extractor::short_form_note_open(std::size_t close, std::size_t left_limit) const {
  const std::u32string_view text(text_);
  for (std::size_t open = close; open > left_limit && close - open < 24;) {
    --open;
    const char32_t c = text[open];
    if (c == U')' || c == U'）') return kNoPos;
    if (c != U'(' && c != U'（') continue;
    const std::u32string_view inside = text.substr(open + 1, close - open - 1);
    for (const std::u32string_view lead : {U"以下简称", U"以下称", U"下称", U"简称"}) {
      if (inside.substr(0, lead.size()) == lead) return open;
    }
    return kNoPos;
  }
  return kNoPos;
}

// Whether the title [b, e) is a publication's (主编, 副主编, 总编辑, 编辑, 社长).
bool Extractor::publication_title(std::size_t b, std::size_t e) const {
  const std::u32string_view title = std::u32string_view(text_).substr(b, e - b);
  for (const std::u32string_view head : {U"主编", U"编辑", U"总编", U"社长"}) {
    if (ends_with(title, head)) return true;
  }
  return false;
}

// Whether a word of the general word list (原子, 原料) starts at |pos|.
bool Extractor::starts_word(std::size_t pos) const {
  bool found = false;
  WordList::builtin().visit_at(text_, pos, [&](std::size_t) { found = true; });
  return found;
}

// Whether the organisation run |b|..|e| refers back with 该, 本 or 此 to one
// named before (该协会, 该院, 该行): a head word of up to three characters.
bool Extractor::refers_back(std::size_t b, std::size_t e) const {
  if (e <= b || e - b > 3 || b == 0) return false;
  const char32_t before = text_[b - 1];
  return before == U'该' || before == U'本' || before == U'此';
}

// The one-character heads a body is named by alone inside its own report (厅
// of 厅人事处 and 厅二级巡视员 in a report on 某某省自然资源厅).
constexpr std::u32string_view kBodyHeads = U"厅局院所";

// Whether the run [b, e) names the body its report is about by its first
// character alone: a head of kBodyHeads opening a clause (or after a stop
// word: 由厅人事处), then nothing or a department (人事处). Not when the head
// and the character after it are a word (院士, 局面, 所有).
bool Extractor::names_body_by_head(std::size_t b, std::size_t e, std::size_t sentence) const {
  if (e <= b || kBodyHeads.find(text_[b]) == std::u32string_view::npos) return false;
  const Span span = doc_.sentences[sentence];
  if (b > span.begin && is_name_char(text_[b - 1]) && ending(b, WordClass::org_stop) != 1) {
    return false;
  }
  if (b + 2 <= text_.size() &&
      WordList::builtin().contains(std::u32string_view(text_).substr(b, 2)))
    return false;
  return e == b + 1 ||
         (e - b >= 3 && at(b + 1, WordClass::place) == 0 &&
          (ending(e, WordClass::sub_unit_head) > 0 || ending(e, WordClass::org_head_weak) > 0));
}

// Registers the department run [b, e) of a body named by its head |head|
// alone (人事处 of 厅人事处): named |head| + run for now, with the run as an
// alias; qualify_generic_prefixes renames it after the body once every
// organisation is read.
std::size_t Extractor::head_named_unit(char32_t head, std::size_t b, std::size_t e,
                                       std::size_t sentence) {
  const std::size_t mention = add_mention(MentionType::organization, b, e, sentence);
  chain_org_mentions_.insert(mention);
  const std::size_t unit = organization(encode_utf8(std::u32string(1, head)) + utf8(b, e), mention);
  add_alias(unit, utf8(b, e));
  head_named_units_.insert(unit);
  return unit;
}

// The body head a bare title names its organisation by (厅 of 副厅长, 局 of
// 局长): a head of kBodyHeads and 长, with modifiers only before them; empty
// for other titles.
std::u32string_view Extractor::head_title_word(const Post& post) const {
  if (post.title_e - post.title_b < 2 || text_[post.title_e - 1] != U'长') return {};
  const std::size_t head_b = post.title_e - 2;
  if (kBodyHeads.find(text_[head_b]) == std::u32string_view::npos) return {};
  if (modifiers_start(head_b, post.title_b) != post.title_b) return {};
  return std::u32string_view(text_).substr(head_b, 1);
}

// Where the head of |post|'s title starts when that head begins with a
// one-character organisation head that also ends the descriptor's
// organisation (外交部长: 外交部 + 部长; 县公安局长: 县公安局 + 局长), for a post with
// no organisation and a descriptor of two to six Han characters that holds
// no title word; 0 otherwise.
std::size_t Extractor::shared_head(const Post& post) const {
  if (post.org_e > post.org_b || post.former) return 0;
  const std::size_t head = ending(post.title_e, WordClass::title);
  if (head < 2 || post.title_e - head < post.title_b) return 0;
  const std::size_t head_b = post.title_e - head;
  if (at(head_b, WordClass::org_head_weak) != 1 || head_b - post.title_b < 2 ||
      head_b - post.title_b > 6) {
    return 0;
  }
  for (std::size_t i = post.title_b; i < head_b; ++i) {
    if (!is_han(text_[i]) || at(i, WordClass::title) > 0 || at(i, WordClass::title_modifier) > 0)
      return 0;
  }
  return head_b;
}

// The diplomatic mission a post names by its place (中国驻法国大使: 大使 at
// 中国驻法国大使馆; 美国驻上海总领事: 总领事 at 美国驻上海总领事馆), when its
// organisation run or its title holds 驻 followed by one to eight Han
// characters just before 大使, 总领事 or 领事. A pronoun before 驻 (我国) is
// left out of the name.
std::optional<Extractor::Mission> Extractor::mission_of(const Post& post) const {
  static constexpr std::array<std::pair<std::u32string_view, std::u32string_view>, 4> kHeads = {{
      {U"特命全权大使", U"大使馆"}, {U"大使", U"大使馆"}, {U"总领事", U"总领事馆"}, {U"领事", U"领事馆"}}};
  const std::u32string_view text(text_);
  for (const auto& [head, mission] : kHeads) {
    if (post.title_e - post.title_b < head.size() ||
        text.substr(post.title_e - head.size(), head.size()) != head) {
      continue;
    }
    const bool has_org = post.org_e > post.org_b;
    if (has_org && (post.org_e != post.title_b || org_head_ending(post.org_e) > 0)) {
      return std::nullopt;  // 美国驻华大使馆副领事: the mission is named
    }
    const std::size_t run_b = has_org ? post.org_b : post.title_b;
    // The title's modifiers stay in it (美国驻上海副总领事: 副总领事).
    std::size_t head_b = has_org ? post.title_b : post.title_e - head.size();
    while (!has_org && head_b > run_b) {
      const std::size_t modifier = ending(head_b, WordClass::title_modifier);
      if (modifier == 0 || head_b - modifier <= run_b) break;
      head_b -= modifier;
    }
    const std::size_t at_zhu = text.substr(run_b, head_b - run_b).rfind(U'驻');
    if (at_zhu == std::u32string_view::npos) return std::nullopt;
    const std::size_t zhu = run_b + at_zhu;
    if (head_b - zhu < 2 || head_b - zhu > 9) return std::nullopt;
    for (std::size_t i = run_b; i < head_b; ++i) {
      if (!is_han(text_[i])) return std::nullopt;
    }
    std::size_t name_b = run_b;
    if (zhu > run_b && (is_word(run_b, zhu, WordClass::pronoun) ||
                        text.substr(run_b, zhu - run_b) == U"我国")) {
      name_b = zhu;
    }
    Mission m;
    m.name = utf8(name_b, has_org ? post.org_e : head_b) + encode_utf8(mission);
    m.run_b = run_b;
    m.title_b = head_b;
    return m;
  }
  return std::nullopt;
}

// The words a school's name ends in, and whether |name| ends in one.
constexpr std::array<std::u32string_view, 5> kSchoolWords = {U"大学", U"学院", U"学校", U"中学",
                                                             U"小学"};
bool is_school(std::u32string_view name) {
  return std::any_of(kSchoolWords.begin(), kSchoolWords.end(),
                     [&](std::u32string_view word) { return ends_with(name, word); });
}

// Whether |post|'s title is a school's by its 校: 校长 (副校长, 常务副校长,
// 校长助理) or 校 before another title (校党委书记, 校纪委书记).
bool Extractor::school_title(const Post& post) const {
  const std::u32string_view title =
      std::u32string_view(text_).substr(post.title_b, post.title_e - post.title_b);
  if (title.size() < 2) return false;
  if (title[0] == U'校') {
    return title == U"校长" || title.substr(0, 3) == U"校长助" ||
           is_word(post.title_b + 1, post.title_e, WordClass::title);
  }
  const std::size_t at = title.find(U"校长");
  return at != std::u32string_view::npos && at > 0 &&
         ending(post.title_b + at, WordClass::title_modifier) == at;
}

// Whether |post|'s title is one only an association has (会长, 秘书长, 理事长,
// 监事长, with any modifier before them).
bool Extractor::association_title(const Post& post) const {
  static constexpr std::array<std::u32string_view, 4> kHeads = {U"会长", U"秘书长", U"理事长",
                                                                U"监事长"};
  const std::u32string_view title =
      std::u32string_view(text_).substr(post.title_b, post.title_e - post.title_b);
  for (const auto head : kHeads) {
    if (ends_with(title, head)) {
      return title.size() == head.size() ||
             ending(post.title_e - head.size(), WordClass::title_modifier) ==
                 post.title_e - head.size() - post.title_b;
    }
  }
  return false;
}

// Whether the title of |post| heads a local government: a place suffix and
// 长 (省长, 市长, 县长, 区长, 镇长, with 副 or 常务副 before them).
bool Extractor::government_head(const Post& post) const {
  return post.title_e - post.title_b >= 2 && text_[post.title_e - 1] == U'长' &&
         lex_.is(std::u32string_view(text_).substr(post.title_e - 2, 1), WordClass::place_suffix);
}

// Whether organisation |org| is a government (杭州市, 市人民政府), the only
// kind a government post (市长, 副县长) written after another post of the
// chain is held at: not 市委 (市委副书记、市长) nor 市红十字会 (市红十字会会长、副市长).
bool Extractor::government_body(std::size_t org) const {
  const std::u32string& name = org_names_[org];
  if (name.size() >= 2 && name.compare(name.size() - 2, 2, U"政府") == 0) return true;
  return lex_.longest_ending_at(name, name.size(), WordClass::place_suffix) > 0;
}

// The place a party committee |org| governs (临州市委 -> 临州市, 岚江省委 ->
// 岚江省), as a UTF-8 name; nothing for other organisations.
std::optional<std::string> Extractor::committee_place(std::optional<std::size_t> org) const {
  if (!org) return std::nullopt;
  const std::u32string& name = org_names_[*org];
  if (name.size() < 3 || name.back() != U'委' ||
      !lex_.is(std::u32string_view(name).substr(name.size() - 2, 1), WordClass::place_suffix)) {
    return std::nullopt;
  }
  return encode_utf8(std::u32string_view(name).substr(0, name.size() - 1));
}

// Posts whose organisation is a generic word alone (公司总经理某某): the
// latest organisation named before it in the document whose name ends in that
// word (宏达精密机械有限公司) is theirs. Runs once every organisation is read.
void Extractor::resolve_generic_posts() {
  for (const GenericPost& g : generic_posts_) {
    std::vector<std::u32string_view> words = g.words;
    if (words.empty()) {
      words.push_back(std::u32string_view(text_).substr(g.post.org_b, g.post.org_e - g.post.org_b));
      // One character names a body only after 该 and its like (该院, 该行).
      if (words[0].size() < 2 && !refers_back(g.post.org_b, g.post.org_e)) continue;
    }
    std::optional<std::size_t> best;
    std::optional<std::size_t> later;  // a government named only after the post
    std::size_t best_start = 0;
    for (std::size_t org = 0; org < out_.organizations.size(); ++org) {
      // The name ends in a word, or does without its legal form (某某集团有限公司 for 集团).
      const std::u32string_view full = org_names_[org];
      const std::size_t legal = lex_.longest_ending_at(full, full.size(), WordClass::org_legal_form);
      const std::u32string_view form = full.substr(full.size() - legal);
      const bool named = std::any_of(words.begin(), words.end(), [&](std::u32string_view word) {
        auto ends_in_word = [&](std::u32string_view name) {
          return name.size() >= word.size() + 2 && name.substr(name.size() - word.size()) == word;
        };
        const bool in_form = legal > 0 && full.size() >= legal + 2 && form.size() > word.size() &&
                             form.substr(0, word.size()) == word;  // 集团 of 集团有限公司
        // 学校 is any school (某某第一中学, 某某大学).
        if (word == U"学校" && full.size() >= 4 && is_school(full)) return true;
        return ends_in_word(full) || in_form ||
               (legal > 0 && ends_in_word(full.substr(0, full.size() - legal)));
      });
      if (!named) continue;
      for (const std::size_t m : out_.organizations[org].mentions) {
        const Mention& mention = out_.mentions[m];
        if (mention.norm_end > (g.words.empty() ? g.post.org_b : g.post.title_b)) continue;
        if (!best || mention.norm_start >= best_start) {
          best = org;
          best_start = mention.norm_start;
        }
      }
      // A government is the document's, named before or after (副县长某某 … 某某县人民政府).
      if (!best && !later && !out_.organizations[org].mentions.empty() &&
          std::any_of(words.begin(), words.end(),
                      [](std::u32string_view w) { return ends_with(w, U"人民政府"); })) {
        later = org;
      }
    }
    if (!best) best = later;
    if (!best) continue;
    // 副会长兼秘书长: two posts at the body.
    const std::string whole = g.title.empty() ? utf8(g.post.title_b, g.post.title_e) : g.title;
    const std::u32string title = decode_utf8(whole);
    std::size_t part_b = 0;
    for (std::size_t k = 1; k <= title.size(); ++k) {
      const bool joint = k < title.size() && title[k] == U'兼' && k + 2 < title.size() &&
                         lex_.longest_ending_at(title, k, WordClass::title) > 0;
      if (!joint && k < title.size()) continue;
      out_.affiliations.push_back(
          {g.person, *best, encode_utf8(std::u32string_view(title).substr(part_b, k - part_b)),
           g.post.former, evidence(g.sentence, g.post.org_b, g.name_end)});
      part_b = k + 1;
    }
  }
}

// The party bodies inside an organisation whose posts a title names with them
// (党委书记 at a university is 书记 at its 党委), and the titles such a body has.
constexpr std::u32string_view kPartyBodies[] = {U"党工委", U"党总支", U"党支部",
                                                U"党委",   U"党组",   U"纪委"};
constexpr std::u32string_view kPartyTitles[] = {U"书记", U"副书记", U"常务副书记", U"委员",
                                                U"常委", U"成员",   U"副组长",     U"组长"};

// The body a generic word [b, e) names beside the party body |root| (村委会
// after 石门村党支部): named with the place the party body's name starts
// with (石门村村委会), the written word as an alias; nothing when |root| is no
// party body or the run is no generic word.
std::optional<std::size_t> Extractor::party_sibling(std::optional<std::size_t> root, std::size_t b,
                                                    std::size_t e, std::size_t sentence) {
  if (!root || e - b < 2 || !is_word(b, e, WordClass::org_generic) || party_body_word(b, e)) {
    return std::nullopt;
  }
  const std::u32string_view name = org_names_[*root];
  for (const std::u32string_view body : kPartyBodies) {
    if (name.size() < body.size() + 2 || !ends_with(name, body)) continue;
    const std::u32string_view place = name.substr(0, name.size() - body.size());
    if (lex_.longest_ending_at(place, place.size(), WordClass::place_suffix) == 0)
      return std::nullopt;
    const std::size_t mention = add_mention(MentionType::organization, b, e, sentence);
    chain_org_mentions_.insert(mention);
    const std::size_t org = organization(encode_utf8(place) + utf8(b, e), mention);
    add_alias(org, utf8(b, e));
    return org;
  }
  return std::nullopt;
}

// Whether [b, e) is a party body's word alone (党委, 党组, 纪委).
bool Extractor::party_body_word(std::size_t b, std::size_t e) const {
  const std::u32string_view word = std::u32string_view(text_).substr(b, e - b);
  return std::find(std::begin(kPartyBodies), std::end(kPartyBodies), word) !=
         std::end(kPartyBodies);
}

// The party body |body| (党委, 党组) of the organisation |parent|, part_of it.
// A place's 党委 (桃源镇党委书记, the place read as its government) is the
// place's own, no unit of the government; a government's 党组 is its unit.
std::size_t Extractor::party_unit(std::size_t parent, std::u32string_view body,
                                  const Evidence& ev) {
  std::u32string_view parent_name = org_names_[parent];
  const bool of_government = parent_name.size() > 4 && ends_with(parent_name, U"人民政府");
  const bool of_place =
      body != U"党组" && (of_government || lex_.longest_ending_at(parent_name, parent_name.size(),
                                                                  WordClass::place_suffix) > 0);
  if (of_place && of_government) parent_name.remove_suffix(4);
  const std::size_t unit = organization(encode_utf8(parent_name) + encode_utf8(body), kNoMention);
  bool linked = of_place;
  for (const OrgRelation& r : out_.org_relations) linked |= r.from == unit && r.to == parent;
  if (!linked) out_.org_relations.push_back({unit, parent, OrgRelationKind::part_of, ev});
  return unit;
}

// A post whose title starts with a party body (某某大学党委书记, 某某局党组成员)
// is the rest of the title at that body of the organisation, a unit part_of
// it, as 某某大学党委副书记 reads already; a title that follows such a post in
// its chain and is none of a party body's (党委书记、董事长) is at the
// organisation itself.
void Extractor::split_party_posts() {
  auto is_party = [](std::u32string_view name) {
    return std::any_of(
        std::begin(kPartyBodies), std::end(kPartyBodies),
        [&](std::u32string_view w) { return name.size() > w.size() && ends_with(name, w); });
  };
  auto party_title = [](std::u32string_view t) {
    return std::find(std::begin(kPartyTitles), std::end(kPartyTitles), t) != std::end(kPartyTitles);
  };
  for (Affiliation& a : out_.affiliations) {
    const std::u32string title = decode_utf8(a.title);
    // 县纪委书记, 县监委主任 (a title read with its place's level and body):
    // the title at that body of the place.
    if (title.size() >= 5 &&
        lex_.is(std::u32string_view(title).substr(0, 1), WordClass::place_suffix)) {
      const std::size_t head = lex_.longest_at(title, 1, WordClass::org_head);
      const std::u32string_view rest = std::u32string_view(title).substr(1 + head);
      if (head >= 2 && rest.size() >= 2 && lex_.is(rest, WordClass::title)) {
        a.org =
            organization(encode_utf8(std::u32string_view(title).substr(0, 1 + head)), kNoMention);
        a.title = encode_utf8(rest);
        continue;
      }
    }
    if (is_party(org_names_[a.org])) {
      // 党委书记、董事长: the second title inherited the party body; it is the parent's.
      if (party_title(title)) continue;
      if (const auto parent = parent_of(a.org)) a.org = *parent;
      continue;
    }
    for (const std::u32string_view body : kPartyBodies) {
      if (title.size() <= body.size() || !starts_with(title, body) ||
          !party_title(std::u32string_view(title).substr(body.size()))) {
        continue;
      }
      a.org = party_unit(a.org, body, a.evidence);
      a.title = encode_utf8(std::u32string_view(title).substr(body.size()));
      break;
    }
  }
}

// Posts at a party body inside an organisation (书记 at 某某大学党委, part_of
// 某某大学) are the organisation's, the body's word opening the title (党委书记
// at 某某大学): how annotators and official biographies state them. A party
// body of a place (青禾镇党委, part_of nothing) stays a body. The folded unit
// keeps its part_of edge only when the text names it outside a post.
void Extractor::fold_party_posts() {
  std::set<std::size_t> folded;
  for (Affiliation& a : out_.affiliations) {
    const auto parent = parent_of(a.org);
    if (!parent) continue;
    const std::u32string_view name = org_names_[a.org];
    for (const std::u32string_view body : kPartyBodies) {
      if (name.size() != org_names_[*parent].size() + body.size() || !ends_with(name, body))
        continue;
      a.title = encode_utf8(body) + a.title;
      folded.insert(a.org);
      a.org = *parent;
      break;
    }
  }
  auto named_outside_posts = [&](std::size_t org) {
    const auto& ms = out_.organizations[org].mentions;
    return std::any_of(ms.begin(), ms.end(),
                       [&](std::size_t m) { return chain_org_mentions_.count(m) == 0; });
  };
  out_.org_relations.erase(std::remove_if(out_.org_relations.begin(), out_.org_relations.end(),
                                          [&](const OrgRelation& r) {
                                            return folded.count(r.from) > 0 &&
                                                   !named_outside_posts(r.from);
                                          }),
                           out_.org_relations.end());
}

// Drops the organisations no relation, post or event refers to and that the
// text names only inside posts (a unit whose posts were folded into its
// parent's), renumbering the rest.
void Extractor::drop_unused_organizations() {
  const std::size_t count = out_.organizations.size();
  std::vector<bool> used(count, false);
  for (const Affiliation& a : out_.affiliations) used[a.org] = true;
  for (const Organizing& o : out_.organizings) used[o.org] = true;
  for (const OrgRelation& r : out_.org_relations) used[r.from] = used[r.to] = true;
  for (std::size_t org = 0; org < count; ++org) {
    const auto& ms = out_.organizations[org].mentions;
    used[org] = used[org] || std::any_of(ms.begin(), ms.end(), [&](std::size_t m) {
                  return chain_org_mentions_.count(m) == 0;
                });
  }
  std::vector<std::size_t> index(count);
  std::vector<Organization> kept;
  for (std::size_t org = 0; org < count; ++org) {
    index[org] = kept.size();
    if (used[org]) kept.push_back(std::move(out_.organizations[org]));
  }
  if (kept.size() == count) {
    out_.organizations = std::move(kept);
    return;
  }
  out_.organizations = std::move(kept);
  for (Affiliation& a : out_.affiliations) a.org = index[a.org];
  for (Organizing& o : out_.organizings) o.org = index[o.org];
  for (OrgRelation& r : out_.org_relations) {
    r.from = index[r.from];
    r.to = index[r.to];
  }
}

// Whether the organisation run [b, e) of a post is a department of the body
// named earlier in its sentence: it opens its clause, ends in a department
// head (学院, 处) and has no place or proper name before that head
// (公共管理学院, not 北京外国语学院).
bool Extractor::department_of_root(std::size_t b, std::size_t e, std::size_t left_limit) const {
  const std::size_t head = ending(e, WordClass::sub_unit_head);
  // A head of three or more characters names a unit alone (研究生院, 审判委员会).
  if (head == 0 || e - b < head || (e - b == head && head < 3) || !opens_clause(b, left_limit))
    return false;
  if (has_specific_prefix(b, e - head) || at(b, WordClass::place) > 0 ||
      level_prefix(b, e - head)) {
    return false;
  }
  // Its own inner heads make it a body of its own (某某大学某某学院).
  for (std::size_t pos = b + 2; pos < e - head; ++pos) {
    if (org_head_ending(pos) > 0) return false;
  }
  return true;
}

void Extractor::add_organizing(std::size_t org, std::size_t event, Evidence ev) {
  for (const Organizing& o : out_.organizings) {
    if (o.org == org && o.event == event) return;
  }
  out_.organizings.push_back({org, event, std::move(ev)});
}

bool Extractor::has_affiliation(std::size_t person, std::size_t org,
                                const std::string& title) const {
  return std::any_of(out_.affiliations.begin(), out_.affiliations.end(), [&](const Affiliation& a) {
    return a.person == person && a.org == org && a.title == title;
  });
}

// The organisation with a mention spanning exactly [b, e), if any.
std::optional<std::size_t> Extractor::org_mentioned(std::size_t b, std::size_t e) const {
  for (std::size_t org = 0; org < out_.organizations.size(); ++org) {
    for (const std::size_t m : out_.organizations[org].mentions) {
      if (out_.mentions[m].norm_start == b && out_.mentions[m].norm_end == e) return org;
    }
  }
  return std::nullopt;
}

// Appointments: 某某(同志)任某某局局长 (a person, then 任, 担任, 出任, 兼任, 改任
// or 升任, then an organisation and a title that end at punctuation or
// 职务/一职), 任命某某为某某局局长, and 免去其某某局局长职务 (其: the person named
// last before it) or 免去某某(同志)的某某局局长职务 (the post is former). Runs
// once the sentence's persons are known.
void Extractor::read_appointments() {
  // Each sentence's mentions by start, and its person mentions in text order
  // as (start, end, person): gathered once for the document.
  std::vector<std::map<std::size_t, std::size_t>> mentions_at(doc_.sentences.size());
  for (std::size_t m = 0; m < out_.mentions.size(); ++m) {
    mentions_at[out_.mentions[m].sentence].emplace(out_.mentions[m].norm_start, m);
  }
  std::vector<std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>> named(
      doc_.sentences.size());
  for (std::size_t who = 0; who < out_.persons.size(); ++who) {
    for (const std::size_t m : out_.persons[who].mentions) {
      const Mention& mention = out_.mentions[m];
      named[mention.sentence].emplace_back(mention.norm_start, mention.norm_end, who);
    }
  }
  for (std::size_t s = 0; s < doc_.sentences.size(); ++s) {
    if (named[s].empty()) continue;
    std::sort(named[s].begin(), named[s].end());
    read_appointments(s, mentions_at[s], named[s]);
  }
}

void Extractor::read_appointments(
    std::size_t sentence, const std::map<std::size_t, std::size_t>& mention_at,
    const std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>& named) {
  const Span span = doc_.sentences[sentence];
  const std::u32string_view text(text_);
  // The post whose title ends first after |from|, if it has an organisation:
  // read from mentions already there (an organisation, then a title), or by
  // read_post from free text.
  auto post_after = [&](std::size_t from) -> std::optional<Post> {
    if (const auto org = mention_at.find(from); org != mention_at.end()) {
      const Mention& o = out_.mentions[org->second];
      const auto title = mention_at.find(o.norm_end);
      if (o.type != MentionType::organization || title == mention_at.end() ||
          out_.mentions[title->second].type != MentionType::title) {
        return std::nullopt;
      }
      Post post;
      post.org_b = o.norm_start;
      post.org_e = o.norm_end;
      post.title_b = o.norm_end;
      post.title_e = out_.mentions[title->second].norm_end;
      return post;
    }
    for (std::size_t q = from + 2; q <= span.end && q <= from + kMaxOrgLength; ++q) {
      const std::size_t head = ending(q, WordClass::title);
      if (head == 0 || q - head < from) continue;
      const bool closed = q == span.end || !is_name_char(text_[q]) ||
                          text.substr(q, 2) == U"职务" || text.substr(q, 2) == U"一职";
      if (!closed) continue;
      Post post = read_post(q, head, from, sentence);
      if (post.org_e <= post.org_b || post.org_b < from) return std::nullopt;
      if (!free(post.org_b, post.org_e) && !org_mentioned(post.org_b, post.org_e)) {
        return std::nullopt;
      }
      return post;
    }
    return std::nullopt;
  };
  // Gives |who| the post (at |known_org| when given, for a bare title);
  // returns its organisation when it is known now. |appointed|: an
  // appointment, not an election, whose person is no attendee.
  auto affiliate =
      [&](std::size_t who, const Post& post, bool former, std::size_t ev_b, bool appointed = true,
          std::optional<std::size_t> known_org = std::nullopt) -> std::optional<std::size_t> {
    std::optional<std::size_t> org = known_org ? known_org : org_mentioned(post.org_b, post.org_e);
    if (!org) {
      const auto chain = org_chain(post.org_b, post.org_e, sentence, std::nullopt, true);
      if (chain.empty()) {
        // 免去其集团财务总监职务: the 集团 named before, once every organisation is read.
        Post generic = post;
        generic.former = former || post.former;
        generic_posts_.push_back({who, generic, sentence, post.title_e, {}, {}});
        if (appointed) appointed_.insert(who);
        return std::nullopt;
      }
      org = chain.back();
    }
    if (free(post.title_b, post.title_e)) {
      add_mention(MentionType::title, post.title_b, post.title_e, sentence);
    }
    const std::string title = utf8(post.title_b, post.title_e);
    if (!has_affiliation(who, *org, title)) {
      person_titles_[who].push_back(title);
      out_.affiliations.push_back(
          {who, *org, title, former || post.former, evidence(sentence, ev_b, post.title_e)});
    }
    if (appointed) appointed_.insert(who);
    return org;
  };
  // Gives each (person, evidence start) of |people| the posts from |from|
  // on, joined by 、 (某某法院副院长、审判委员会委员): a later post's department
  // with no place or name before its head (审判委员会, 民事审判第一庭) is a unit of
  // the organisation of the post before it, and a bare title is at that
  // organisation, or at |fallback()| for the first. |last_org| is the
  // organisation of the last post read, kept across calls.
  auto affiliate_posts = [&](const std::vector<std::pair<std::size_t, std::size_t>>& people,
                             std::size_t from, bool former, bool appointed,
                             std::optional<std::size_t>& last_org, auto&& fallback) {
    bool first = true;
    while (from < span.end) {
      std::optional<std::size_t> org;  // the bare title's or the unit's
      std::optional<Post> post = post_after(from);
      if (!post) {
        const std::size_t title_e = bare_title_end(from, span.end);
        if (title_e == kNoPos) break;
        org = last_org && !first ? last_org : fallback();
        if (!org) break;
        post = Post{};
        post->org_b = post->org_e = post->title_b = from;
        post->title_e = title_e;
      } else if (!first && last_org && department_of_root(post->org_b, post->org_e, from)) {
        // After a post at a department, a sibling of it (审判委员会委员、民事审判第一庭庭长).
        std::size_t root = *last_org;
        const std::u32string_view last = org_names_[root];
        if (const auto parent = parent_of(root);
            parent && lex_.longest_ending_at(last, last.size(), WordClass::sub_unit_head) > 0) {
          root = *parent;
        }
        const auto mentioned = org_mentioned(post->org_b, post->org_e);
        const std::string renamed = out_.organizations[root].name + utf8(post->org_b, post->org_e);
        if (!mentioned) {
          const auto chain = org_chain(post->org_b, post->org_e, sentence, root, true, true);
          if (!chain.empty()) org = chain.back();
        } else if (out_.organizations[*mentioned].name == utf8(post->org_b, post->org_e) &&
                   !parent_of(*mentioned) && org_index_.count(renamed) == 0) {
          // The tagger's mention of it, read alone before: now named as the unit.
          rename_as_unit(*mentioned, renamed, root, evidence(sentence, post->org_b, post->org_e));
          org = mentioned;
        }
      }
      for (const auto& [who, ev_b] : people) {
        if (const auto got = affiliate(who, *post, former, ev_b, appointed, org)) last_org = got;
      }
      first = false;
      if (post->title_e >= span.end || text[post->title_e] != U'、') break;
      from = post->title_e + 1;
    }
  };
  const auto no_fallback = [] { return std::optional<std::size_t>(); };
  // 任命甲、乙、丙为…: the names of one list share the posts.
  for (std::size_t i = 0, j = 0; i < named.size(); i = j + 1) {
    j = i;
    while (j + 1 < named.size() && std::get<0>(named[j + 1]) == std::get<1>(named[j]) + 1 &&
           text[std::get<1>(named[j])] == U'、') {
      ++j;
    }
    const std::size_t list_b = std::get<0>(named[i]);
    const std::size_t tail = std::get<1>(named[j]);
    if (j == i || list_b < span.begin + 2 || text.substr(list_b - 2, 2) != U"任命" ||
        text.substr(tail, 1) != U"为") {
      continue;
    }
    std::vector<std::pair<std::size_t, std::size_t>> people;
    for (std::size_t k = i; k <= j; ++k)
      people.emplace_back(std::get<2>(named[k]), std::get<0>(named[k]));
    std::optional<std::size_t> last_org;
    affiliate_posts(people, tail + 1, false, true, last_org, no_fallback);
  }
  for (std::size_t i = 0; i < named.size(); ++i) {
    const auto [b, e, who] = named[i];
    const std::vector<std::pair<std::size_t, std::size_t>> one = {{who, b}};
    std::optional<std::size_t> last_org;
    // 同志 after the name (林某某同志任…); 任命某某为… and 免去某某(同志)的…职务;
    // 某某辞去…职务.
    const std::size_t after = text.substr(e, 2) == U"同志" ? e + 2 : e;
    // 由某某担任主任: a bare title is at the organisation named last before
    // the person in the sentence.
    const std::size_t name_b = b;  // (a structured binding is no lambda capture in C++17)
    const auto named_before = [&]() -> std::optional<std::size_t> {
      const Mention* last = nullptr;
      for (const auto& [start, m] : mention_at) {
        const Mention& mention = out_.mentions[m];
        if (start >= name_b) break;
        if (mention.type == MentionType::organization && mention.norm_end <= name_b) {
          last = &mention;
        }
      }
      if (last == nullptr) return std::nullopt;
      return org_mentioned(last->norm_start, last->norm_end);
    };
    for (const std::u32string_view take : kAppointmentVerbs) {
      if (text.substr(after, take.size()) != take) continue;
      affiliate_posts(one, after + take.size(), false, true, last_org, named_before);
      break;
    }
    if (b >= span.begin + 2 && text.substr(b - 2, 2) == U"任命" && text.substr(after, 1) == U"为") {
      affiliate_posts(one, after + 1, false, true, last_org, no_fallback);
    }
    if (b >= span.begin + 2 && text.substr(b - 2, 2) == U"免去") {
      const std::size_t from = text.substr(after, 1) == U"的" ? after + 1 : after;
      affiliate_posts(one, from, true, true, last_org, no_fallback);
    }
    if (text.substr(after, 2) == U"辞去") {
      affiliate_posts(one, after + 2, true, true, last_org, no_fallback);
    }
    // 研究中心主任由某某兼任: the post before 由 is the person's.
    if (text.substr(after, 2) == U"兼任" || text.substr(after, 2) == U"担任") {
      const std::size_t by = text.substr(span.begin, b - span.begin).rfind(U'由');
      if (by != std::u32string_view::npos && by >= 2) {
        const std::size_t title_end = span.begin + by;
        if (const std::size_t head = ending(title_end, WordClass::title);
            head > 0 && title_end - head >= span.begin) {
          const Post post = read_post(title_end, head, span.begin, sentence);
          if (post.org_e > post.org_b) {
            // At a body named before (or here), by the words of the clause
            // before the title (产业学院) or the post's organisation; the
            // person is still at the meeting.
            std::size_t clause = post.title_b;
            while (clause > span.begin && is_han(text_[clause - 1])) --clause;
            auto known = body_named_before(clause, post.title_b);
            if (!known) known = body_named_before(post.org_b, post.org_e);
            if (known || org_mentioned(post.org_b, post.org_e))
              affiliate(who, post, false, b, false, known);
          }
        }
      }
    }
    // 免去其…职务 before the next person.
    const std::size_t until = i + 1 < named.size() ? std::get<0>(named[i + 1]) : span.end;
    // 某某因工作调动不再担任…职务: one who leaves a post is the news, as one appointed is.
    if (text.substr(e, until - e).find(U"不再担任") != std::u32string_view::npos) {
      appointed_.insert(who);
    }
    for (std::size_t p = e; p + 3 <= until; ++p) {
      if (text.substr(p, 3) != U"免去其" || used_[p]) continue;
      std::size_t from = p + 3;
      if (text.substr(from, 2) == U"原任" || text.substr(from, 2) == U"所任") from += 2;
      affiliate_posts(one, from, true, true, last_org, no_fallback);
      break;
    }
  }
  read_elections(sentence, named, affiliate_posts);
}

// Elections: 甲当选(为)某某协会主席、党组书记; 甲、乙(按姓氏笔画为序)当选为副主席,
// where the names of one list share the posts; 选举甲为主席; 甲连任会长. A
// title without an organisation is at the organisation of the sentence's last
// post, else at the one org_named_before finds. An elected person is no appointee: they
// attended the meeting that elected them. |affiliate_posts| is
// read_appointments' own.
template <typename AffiliatePosts>
void Extractor::read_elections(
    std::size_t sentence,
    const std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>& named,
    AffiliatePosts&& affiliate_posts) {
  const Span span = doc_.sentences[sentence];
  const std::u32string_view text(text_);
  auto end_of = [&](std::size_t k) {
    const std::size_t e = std::get<1>(named[k]);
    return text.substr(e, 2) == U"同志" ? e + 2 : e;
  };
  std::optional<std::size_t> last_org;  // of the last post read here
  for (std::size_t i = 0, j = 0; i < named.size(); i = j + 1) {
    // The list from named[i]: names joined by 、, 和 or 及.
    // Or each with its own post before it, 、 between them (教授甲、副教授乙当选副主任委员).
    j = i;
    while (j + 1 < named.size()) {
      const std::size_t gap_b = end_of(j), gap_e = std::get<0>(named[j + 1]);
      const bool joined = gap_e == gap_b + 1 &&
                          (text[gap_b] == U'、' || text[gap_b] == U'和' || text[gap_b] == U'及');
      const bool posted =
          gap_e > gap_b + 1 && gap_e - gap_b <= 30 && text[gap_b] == U'、' &&
          text.substr(gap_b + 1, gap_e - gap_b - 1).find_first_of(U"，,。；;：:、（）()") ==
              std::u32string_view::npos &&
          ending(gap_e, WordClass::title) > 0;
      if (!joined && !posted) break;
      ++j;
    }
    const std::size_t list_b = std::get<0>(named[i]);
    const std::size_t tail = end_of(j);
    std::size_t from = election_verb_end(tail, span.end);
    if (from == kNoPos && list_b >= span.begin + 2 && text.substr(tail, 1) == U"为") {
      const std::u32string_view verb = text.substr(list_b - 2, 2);
      if (std::find(std::begin(kElectionVerbs), std::end(kElectionVerbs), verb) !=
          std::end(kElectionVerbs)) {
        from = tail + 1;
      }
    }
    if (from == kNoPos) continue;
    std::vector<std::pair<std::size_t, std::size_t>> people;
    for (std::size_t k = i; k <= j; ++k)
      people.emplace_back(std::get<2>(named[k]), std::get<0>(named[k]));
    // The organisations of the list's own posts (某某大学教授甲当选…) are not
    // the one a bare title is at: look before the clause they open.
    std::size_t before = list_b;
    if (!(list_b >= span.begin + 2 &&
          std::find(std::begin(kElectionVerbs), std::end(kElectionVerbs),
                    text.substr(list_b - 2, 2)) != std::end(kElectionVerbs))) {
      while (before > span.begin && is_name_char(text[before - 1])) --before;
    }
    affiliate_posts(people, from, false, false, last_org,
                    [&] { return last_org ? last_org : org_named_before(before, sentence); });
  }
}

// Where an election verb after a list of names at |e| ends (当选为, 当选, 连任,
// 继任; after a note in parentheses, 按姓氏笔画为序, and an adverb: 分别, 再次…);
// kNoPos when none follows.
std::size_t Extractor::election_verb_end(std::size_t e, std::size_t sentence_end) const {
  const std::u32string_view text(text_);
  if (e < sentence_end && (text[e] == U'（' || text[e] == U'(')) {
    const std::size_t close = text.substr(e, 24).find_first_of(U"）)");
    if (close != std::u32string_view::npos) e += close + 1;
  }
  for (const std::u32string_view adverb : {U"分别", U"再次", U"继续", U"同时", U"均"}) {
    if (text.substr(e, adverb.size()) == adverb) {
      e += adverb.size();
      break;
    }
  }
  for (const std::u32string_view verb : {U"当选为", U"当选", U"连任", U"继任"}) {
    if (e + verb.size() <= sentence_end && text.substr(e, verb.size()) == verb)
      return e + verb.size();
  }
  return kNoPos;
}

// The end of a title that starts at |from| with its modifiers (副主席,
// 秘书长) and ends at punctuation, the sentence's end or 职务; kNoPos when none.
std::size_t Extractor::bare_title_end(std::size_t from, std::size_t sentence_end) const {
  for (std::size_t q = from + 2; q <= sentence_end && q <= from + kMaxTitleLength; ++q) {
    const std::size_t head = ending(q, WordClass::title);
    if (head == 0 || q - head < from || modifiers_start(q - head, from) != from) continue;
    if (q == sentence_end || !is_name_char(text_[q]) ||
        std::u32string_view(text_).substr(q, 2) == U"职务") {
      return q;
    }
  }
  return kNoPos;
}

// The organisation an election's bare title is at: the first that organised
// the document's main event (某某协会第三次会员代表大会), else the one named last
// before |before| in |sentence|, else the one named first in the sentence before.
std::optional<std::size_t> Extractor::org_named_before(std::size_t before,
                                                       std::size_t sentence) const {
  if (main_event_) {
    for (const Organizing& o : out_.organizings) {
      if (o.event == *main_event_) return o.org;
    }
  }
  const std::size_t begin = doc_.sentences[sentence].begin;
  const std::size_t prev = sentence > 0 ? doc_.sentences[sentence - 1].begin : begin;
  const Mention* last = nullptr;   // in the sentence
  const Mention* first = nullptr;  // in the one before
  for (const Mention& m : out_.mentions) {
    if (m.type != MentionType::organization || m.norm_end > before) continue;
    if (m.norm_start >= begin) {
      if (last == nullptr || m.norm_end > last->norm_end) last = &m;
    } else if (m.norm_start >= prev && (first == nullptr || m.norm_start < first->norm_start)) {
      first = &m;
    }
  }
  const Mention* pick = last != nullptr ? last : first;
  if (pick == nullptr) return std::nullopt;
  return org_mentioned(pick->norm_start, pick->norm_end);
}

// Whether a post whose title (or former marker) starts at |b| opens its
// clause: punctuation, or the end of the previous chain, before it. Only such
// a post inherits the organisation named earlier in the sentence (会长甲主持会议，
// 常务副会长乙…); one after other words (会见了某某会副主席乙) does not.
bool Extractor::opens_clause(std::size_t b, std::size_t left_limit) const {
  return b <= left_limit || !is_name_char(text_[b - 1]);
}

// 在某某公司，总经理某某介绍…: a report of a visit names the place visited
// first, and a post that opens a later clause is there. Returns that
// organisation, registered, when the sentence opens with 在, an
// organisation's name (ending in a head; no general word before it) and a comma.
std::optional<std::size_t> Extractor::visited_org(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  const std::u32string_view text(text_);
  if (span.end - span.begin < 8 || text[span.begin] != U'在') return std::nullopt;
  const std::size_t comma = text.substr(span.begin, kMaxOrgLength + 2).find_first_of(U"，,");
  if (comma == std::u32string_view::npos) return std::nullopt;
  const std::size_t b = span.begin + 1;
  const std::size_t e = span.begin + comma;
  const std::size_t head = org_head_ending(e);
  if (head == 0 || e - b <= head || org_start(e - head, b) != b || !free(b, e) ||
      !plausible_org(b, e)) {
    return std::nullopt;
  }
  const auto chain = org_chain(b, e, sentence, std::nullopt, false);
  if (chain.empty()) return std::nullopt;
  return chain.back();
}

void Extractor::read_chains(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  std::optional<std::size_t> context_root;  // outermost organisation of the last chain
  // A generic body word of the last chain that names a body written before
  // (协会 of 协会会长, after 中国某某协会), resolved once every organisation is
  // read; clause-opening bare titles after it (，常务副会长某某) are at it too.
  std::optional<Post> context_generic;
  std::size_t left_limit = span.begin;      // chains never reach back into an earlier one
  context_root = visited_org(sentence);
  // The head a chain named its body by (厅 of 厅人事处), kept over clauses
  // joined by ；.
  if (sentence == 0 || (text_[doc_.sentences[sentence - 1].end - 1] != U'；' &&
                        text_[doc_.sentences[sentence - 1].end - 1] != U';')) {
    body_head_.reset();
  }
  std::optional<char32_t>& body_head = body_head_;
  std::optional<std::size_t> last_org;  // the organisation of the last post of the last chain

  for (std::size_t p = span.begin + 1; p < span.end; ++p) {
    const std::size_t head = ending(p, WordClass::title);
    if (head == 0 || p - head < left_limit || !free(p - head, p)) continue;
    if (title_or_head_crosses(p - head, span.end, p)) continue;
    // 全体运动员, 广大教师: a title for a whole group holds no one's name after it.
    {
      const std::size_t tb = modifiers_start(p - head, left_limit);
      static constexpr std::u32string_view kGroupWords[] = {U"全体", U"所有", U"广大", U"各位",
                                                            U"全部"};
      bool group = false;
      for (const std::u32string_view w : kGroupWords) {
        group = group || (tb >= span.begin + w.size() &&
                          std::u32string_view(text_).substr(tb - w.size(), w.size()) == w);
      }
      if (group) continue;
    }
    std::size_t name_len = read_name(p, span.end, NameMode::slot);
    const bool tagged_name = name_len == 0;  // the tagger closes the name, not the rules
    if (tagged_name) name_len = tagged_name_at(p, sentence);
    if (name_len == 0 || !free(p, p + name_len)) continue;
    name_len = tagged_foreign_end(p, name_len, sentence) - p;
    // A title head that is also a verb (代表) reads a general word after it as
    // its object, not as a name: 代表海军参加 is no 代表 named 海军.
    if (ending(p, WordClass::name_stop) >= head &&
        WordList::builtin().contains(std::u32string_view(text_).substr(p, name_len))) {
      continue;
    }

    // Posts right to left: several (organisation, title) pairs may be joined by 、.
    std::vector<Post> posts = {read_post(p, head, left_limit, sentence)};
    // A name without a known surname (杰凯) stands only in the slot of a full
    // post, organisation included: 社工发展 is no 社工 named 发展.
    const bool foreign = std::u32string_view(text_).substr(p, name_len).find(kMiddleDot) !=
                         std::u32string_view::npos;
    while (true) {
      std::size_t before = posts.back().org_b;
      // 会长、前某某局副局长: the former marker stands between 、 and the organisation.
      if (posts.back().former && posts.back().former_len == 0) {
        before -= std::min(before - left_limit, ending(before, WordClass::former_marker));
      }
      if (before < left_limit + 2 || text_[before - 1] != U'、') break;
      const std::size_t t = ending(before - 1, WordClass::title);
      if (t == 0 || before - 1 - t < left_limit || !free(before - 1 - t, before - 1)) break;
      posts.push_back(read_post(before - 1, t, left_limit, sentence));
    }
    // (Any post of the chain may hold the organisation: 某某大学教授、博士生导师杰凯.)
    if (at(p, WordClass::surname) == 0 && !foreign &&
        std::none_of(posts.begin(), posts.end(),
                     [](const Post& post) { return post.org_e > post.org_b; })) {
      continue;
    }
    std::reverse(posts.begin(), posts.end());
    // A name the tagger closed stands only after a full chain: an organisation
    // in some post, and no post whose title ran left over words that are
    // neither modifiers nor titles (本报记者, 图为某某设计师).
    if (tagged_name && !std::all_of(posts.begin(), posts.end(), [&](const Post& post) {
          return post.org_e > post.org_b || bare_title(post);
        })) {
      continue;
    }
    if (tagged_name && std::none_of(posts.begin(), posts.end(),
                                    [](const Post& post) { return post.org_e > post.org_b; })) {
      continue;
    }

    // Names: the one in the slot, then any enumerated after it with 、.
    std::vector<std::pair<std::size_t, std::size_t>> names = {{p, p + name_len}};
    for (std::size_t q = p + name_len; q + 1 < span.end && text_[q] == U'、';) {
      std::size_t len = read_name(q + 1, span.end, NameMode::enumeration);
      if (len == 0) len = tagged_name_at(q + 1, sentence);
      if (len == 0 || !free(q + 1, q + 1 + len)) break;
      names.emplace_back(q + 1, q + 1 + len);
      q += 1 + len;
    }

    struct Held {
      std::optional<std::size_t> org;
      std::string title;
      bool former;
      std::size_t b;
    };
    std::vector<Held> held;
    // Posts whose organisation is a generic word alone, resolved once every
    // organisation is read: with the words that organisation's name may end
    // in, when not the post's run, and the title there, when not its own.
    struct Deferred {
      Post post;
      std::vector<std::u32string_view> words;
      std::string title;
    };
    std::vector<Deferred> deferred;
    std::optional<std::size_t> chain_org;  // the organisation of the previous post of this chain
    for (Post post : posts) {
      std::optional<std::size_t> org;
      // 厅人事处处长, 厅二级巡视员: the body the report is about, by its head;
      // departments after it in the sentence are its too.
      const bool by_head = names_body_by_head(post.org_b, post.org_e, sentence);
      if (by_head) {
        body_head = text_[post.org_b];
        ++post.org_b;
      }
      if (const auto mission = mission_of(post)) {
        // 中国驻法国大使: the title 大使 at 中国驻法国大使馆, which the text
        // does not write out; the mention is the whole title, as with 外交部长.
        org = organization(mission->name, kNoMention);
        add_mention(MentionType::title, mission->run_b, post.title_e, sentence);
        held.push_back({org, utf8(mission->title_b, post.title_e), post.former, mission->run_b});
        chain_org = org;
        continue;
      }
      if (by_head && post.org_b == post.org_e) {
        deferred.push_back({post, {std::u32string_view(text_).substr(post.org_b - 1, 1)}, {}});
      } else if (body_head && post.org_e > post.org_b && !context_root &&
                 (by_head || (at(post.org_b, WordClass::place) == 0 &&
                              !has_specific_prefix(post.org_b, post.org_e) &&
                              (ending(post.org_e, WordClass::sub_unit_head) > 0 ||
                               ending(post.org_e, WordClass::org_head_weak) > 0)))) {
        org = head_named_unit(*body_head, post.org_b, post.org_e, sentence);
      } else if (refers_back(post.org_b, post.org_e)) {
        // 该协会秘书长: the 协会 named last before, once every organisation is read.
        deferred.push_back({post, {}, {}});
      } else if (context_root && party_body_word(post.org_b, post.org_e)) {
        // 某某大学党委书记甲，党委副书记乙: the 党委 of the body the sentence named.
        org = party_unit(*context_root,
                         std::u32string_view(text_).substr(post.org_b, post.org_e - post.org_b),
                         evidence(sentence, post.org_b, post.title_e));
      } else if (const auto sibling =
                     party_sibling(context_root, post.org_b, post.org_e, sentence)) {
        // 石门村党支部书记、村委会主任: the village's 村委会, beside its 党支部.
        org = sibling;
      } else if (names_earlier_body(post.org_b, post.org_e, chain_org)) {
        // ，协会会长某某 after 中国某某协会: that 协会, not a unit of this sentence's root.
        deferred.push_back({post, {}, {}});
        context_generic = post;
        context_root.reset();
      } else if (context_generic && post.org_e == post.org_b && !chain_org &&
                 opens_clause(post.title_b - post.former_len, left_limit)) {
        Post at_body = post;
        at_body.org_b = context_generic->org_b;
        at_body.org_e = context_generic->org_e;
        deferred.push_back({at_body, {}, {}});
      } else if (post.org_e == post.org_b && !chain_org && !context_root &&
                 association_title(post) &&
                 opens_clause(post.title_b - post.former_len, left_limit)) {
        // 秘书长某某作工作报告, in a report on an association: the 会 named last.
        deferred.push_back({post, {U"会"}, {}});
      } else if (post.org_e > post.org_b) {
        context_generic.reset();
        const bool sub_unit =
            context_root && (is_sub_unit_word(post.org_b, post.org_e) ||
                             department_of_root(post.org_b, post.org_e, left_limit));
        const auto chain =
            sub_unit && same_kind_of_unit(*context_root, post.org_b, post.org_e)
                ? sibling_unit(*context_root, post.org_b, post.org_e, sentence)
                : org_chain(post.org_b, post.org_e, sentence, context_root, true, sub_unit);
        if (chain.empty()) deferred.push_back({post, {}, {}});
        if (!chain.empty()) {
          org = chain.back();
          // 白沙镇、青塘镇社工站站长: the post at both stations.
          if (chain.size() == 1) {
            for (const std::size_t other :
                 share_head(post.org_b, post.org_e, org_head_ending(post.org_e), sentence)) {
              held.push_back({other, utf8(post.title_b, post.title_e), post.former, post.org_b});
            }
          }
          if (!sub_unit && !is_word(post.org_b, post.org_e, WordClass::org_generic)) {
            context_root = chain.front();
          }
        }
      } else if (chain_org && !government_head(post)) {
        // 某某大学医学院教授、博士生导师: the post before it in the chain names the organisation.
        org = chain_org;
      } else if (school_title(post) && !chain_org &&
                 !(context_root && is_school(org_names_[*context_root])) &&
                 opens_clause(post.title_b - post.former_len, left_limit)) {
        // 校党委书记某某，校长某某: at the university (college, school) named last.
        std::string title;
        if (text_[post.title_b] == U'校') title = utf8(post.title_b + 1, post.title_e);
        if (title == "长") title.clear();
        deferred.push_back({post, {kSchoolWords.begin(), kSchoolWords.end()}, title});
      } else if (const std::u32string_view word = head_title_word(post);
                 !word.empty() && !chain_org && !context_root &&
                 opens_clause(post.title_b - post.former_len, left_limit)) {
        // 副厅长某某: at the 厅 named last.
        deferred.push_back({post, {word}, {}});
      } else if (context_root && opens_clause(post.title_b - post.former_len, left_limit) &&
                 !(government_head(post) && !government_body(*context_root))) {
        // (副行长某某 after 某某银行某某分行行长某某: the 分行, whose head the title names.)
        org = last_org && text_[post.title_e - 1] == U'长' && post.title_e - post.title_b >= 2 &&
                      org_names_[*last_org].back() == text_[post.title_e - 2]
                  ? last_org
                  : context_root;
      } else if (const auto place = committee_place(context_root);
                 place && government_head(post) &&
                 opens_clause(post.title_b - post.former_len, left_limit)) {
        // 临州市委书记佟凯，市长殷学勤: the mayor of the committee's city.
        org = organization(*place, kNoMention);
      } else if (government_head(post) && post.org_e == post.org_b && deferred.empty() &&
                 (chain_org ? !committee_place(chain_org)
                            : !context_root &&
                                  opens_clause(post.title_b - post.former_len, left_limit))) {
        // 市委副书记、市长某某, or 副县长某某 alone: the 市人民政府 (县人民政府) the document
        // names.
        static constexpr std::u32string_view kGovernments[] = {U"省人民政府", U"市人民政府",
                                                               U"县人民政府", U"区人民政府",
                                                               U"镇人民政府", U"乡人民政府"};
        for (const std::u32string_view government : kGovernments) {
          if (government[0] == text_[post.title_e - 2]) {
            deferred.push_back({post, {government}, {}});
          }
        }
      } else if (const std::size_t shared = shared_head(post)) {
        // 外交部长: the organisation 外交部 and the title 部长, the 部 shared.
        org = organization(utf8(post.title_b, shared + 1), kNoMention);
        add_mention(MentionType::title, post.title_b, post.title_e, sentence);
        held.push_back({org, utf8(shared, post.title_e), post.former, post.title_b});
        continue;
      }
      // 副会长兼秘书长: two titles at one organisation.
      std::size_t part_b = post.title_b;
      for (std::size_t k = post.title_b + 2; k + 2 <= post.title_e; ++k) {
        if (text_[k] != U'兼' || ending(k, WordClass::title) == 0) continue;
        add_mention(MentionType::title, part_b, k, sentence);
        held.push_back({org, utf8(part_b, k), post.former, post.org_b});
        part_b = k + 1;
      }
      add_mention(MentionType::title, part_b, post.title_e, sentence);
      held.push_back({org, utf8(part_b, post.title_e), post.former, post.org_b});
      chain_org = org;
    }
    for (const auto& [nb, ne] : names) {
      const std::size_t who = person(nb, ne, sentence);
      for (const Held& h : held) {
        person_titles_[who].push_back(h.title);
        if (h.org) {
          out_.affiliations.push_back(
              {who, *h.org, h.title, h.former, evidence(sentence, h.b, ne)});
        }
      }
      for (const Deferred& d : deferred) {
        generic_posts_.push_back({who, d.post, sentence, ne, d.words, d.title});
      }
    }
    if (!held.empty() && held.back().org) last_org = held.back().org;
    left_limit = names.back().second;
    p = left_limit;
  }
}

// Biographies (任前公示, a company's 简历): a paragraph that opens with a name
// and its sex (某某，男，1976年9月生…) lists that person's posts after 现任, 拟任,
// 兼任 or 起任 (current) and 曾任, 历任 or 原任 (former), up to the clause's end:
// 现任某某市财政局副局长、二级调研员，拟任某某市审计局局长.
void Extractor::read_biographies() {
  static constexpr std::pair<std::u32string_view, bool> kVerbs[] = {
      {U"现任", false}, {U"拟任", false}, {U"兼任", false}, {U"起任", false},
      {U"曾任", true},  {U"历任", true},  {U"原任", true}};
  const std::u32string_view text(text_);
  std::optional<std::size_t> who;
  for (std::size_t s = 0; s < doc_.sentences.size(); ++s) {
    const Span span = doc_.sentences[s];
    // A new paragraph ends the biography before it.
    if (s > 0) {
      const std::size_t gap_b = doc_.sentences[s - 1].end;
      if (text.substr(gap_b, span.begin - gap_b).find(U'\n') != std::u32string_view::npos) {
        who.reset();
      }
    }
    const std::size_t len = read_name(span.begin, span.end, NameMode::slot);
    if (len > 0 && span.begin + len + 3 < span.end) {
      const std::size_t e = span.begin + len;
      const auto comma = [&](std::size_t i) { return text_[i] == U'，' || text_[i] == U','; };
      if (comma(e) && (text_[e + 1] == U'男' || text_[e + 1] == U'女') && comma(e + 2)) {
        const auto known = person_index_.find(utf8(span.begin, e));
        if (known != person_index_.end()) {
          who = known->second;
        } else if (free(span.begin, e)) {
          who = person(span.begin, e, s);
        }
      }
    }
    if (!who) continue;
    for (std::size_t q = span.begin; q + 2 < span.end; ++q) {
      for (const auto& [verb, former] : kVerbs) {
        if (text.substr(q, verb.size()) != verb || !free(q, q + verb.size())) continue;
        std::size_t end = q + verb.size();
        while (end < span.end &&
               text.substr(end, 1).find_first_of(U"，,。；;") == std::u32string_view::npos) {
          ++end;
        }
        read_biography_posts(*who, s, q + verb.size(), end, former);
      }
    }
  }
}

// The posts of |who| written in [b, e) after a biography's verb: each title
// that ends before 、 or at |e| with what stands before it since the last
// (一某某局副局长、二级调研员: 副局长 and 二级调研员 at 某某局).
void Extractor::read_biography_posts(std::size_t who, std::size_t sentence, std::size_t b,
                                     std::size_t e, bool former) {
  std::size_t left = b;
  std::optional<std::size_t> previous;  // the organisation of the post before
  for (std::size_t p = b + 2; p <= e; ++p) {
    if (p < e && text_[p] != U'、') continue;
    const std::size_t head = ending(p, WordClass::title);
    if (head == 0 || p - head < left || !free(left, p)) {
      left = p + 1;
      continue;
    }
    const Post post = read_post(p, head, left, sentence);
    std::optional<std::size_t> org = previous;
    if (post.org_e > post.org_b) {
      const auto chain = org_chain(post.org_b, post.org_e, sentence, std::nullopt, true);
      if (chain.empty()) {
        generic_posts_.push_back({who, post, sentence, p, {}, {}});
        org.reset();
      } else {
        org = chain.back();
      }
    }
    add_mention(MentionType::title, post.title_b, post.title_e, sentence);
    const std::string title = utf8(post.title_b, post.title_e);
    person_titles_[who].push_back(title);
    if (org) {
      out_.affiliations.push_back(
          {who, *org, title, former || post.former, evidence(sentence, post.org_b, p)});
    }
    previous = org;
    left = p + 1;
  }
}

// Where a foreign name read in a title slot at |b| (|len| characters, with a
// middle dot) ends: the rule cuts its last part at a boundary word or after
// four characters (安德烈·科瓦曾暗 before 示), so the end of the tagger's person
// span at |b|, when it has a dot and a Han character after its last one, is
// taken instead. A name without a dot, or whose last part runs up to
// punctuation, keeps its length.
std::size_t Extractor::tagged_foreign_end(std::size_t b, std::size_t len,
                                          std::size_t sentence) const {
  const std::u32string_view text(text_);
  if (text.substr(b, len).find(kMiddleDot) == std::u32string_view::npos) return b + len;
  // A last part that runs up to punctuation or the sentence end was not cut.
  if (strong_boundary_at(b + len, doc_.sentences[sentence].end)) return b + len;
  const std::size_t base = doc_.sentences[sentence].begin;
  for (const TaggedSpan& t : tagged_[sentence]) {
    if (t.type != MentionType::person || base + t.begin != b) continue;
    const std::size_t e = base + t.end;
    const std::size_t dot = text.substr(b, e - b).rfind(kMiddleDot);
    if (dot != std::u32string_view::npos && b + dot + 1 < e && is_han(text_[e - 1]) &&
        free(b, e)) {
      return e;
    }
  }
  return b + len;
}

// Whether the title of |post| is its head with modifiers before it and nothing else.
bool Extractor::bare_title(const Post& post) const {
  std::size_t b = post.title_e - ending(post.title_e, WordClass::title);
  while (b > post.title_b) {
    const std::size_t m =
        std::max(ending(b, WordClass::title_modifier), ending(b, WordClass::title));
    if (m == 0 || b - m < post.title_b) break;
    b -= m;
  }
  return b == post.title_b;
}

// The length of the name the tagger reads at |b|, for a title slot or an
// enumeration whose name the rules cannot close (厅长某某通报了: no boundary word
// the lexicons know after it): a person span starting at |b| of two to four
// Han characters, led by a known surname; 0 when there is none.
std::size_t Extractor::tagged_name_at(std::size_t b, std::size_t sentence) const {
  if (at(b, WordClass::surname) == 0) return 0;
  const std::size_t base = doc_.sentences[sentence].begin;
  for (const TaggedSpan& t : tagged_[sentence]) {
    if (t.type != MentionType::person || base + t.begin != b) continue;
    const std::size_t e = base + t.end;
    if (e - b < 2 || e - b > 4) return 0;
    for (std::size_t i = b; i < e; ++i) {
      if (!is_han(text_[i])) return 0;
    }
    const auto refined = refine_person(b, e);
    if (!refined || refined->first != b || refined->second != e) return 0;
    return e - b;
  }
  return 0;
}

// --- pass 2: organisations standing alone ----------------------------------------

// Right to left, so that the outermost name is read first and covers inner heads.
// Whether a room of a building starts at |pos| (在某某医院学术报告厅召开: the
// organisation's name ends before it).
bool Extractor::venue_at(std::size_t pos) const {
  static constexpr std::u32string_view kVenues[] = {
      U"学术报告厅", U"报告厅", U"会议室", U"多功能厅", U"礼堂", U"大礼堂", U"会议厅", U"演播厅"};
  const std::u32string_view text(text_);
  return std::any_of(std::begin(kVenues), std::end(kVenues),
                     [&](std::u32string_view v) { return text.substr(pos, v.size()) == v; });
}

// Whether [b, head_begin) opens with the full name of an organisation the
// document names (青岩大学 of 青岩大学党委), or with a generic body word and
// more (医院胸痛中心, 学校图书馆) in a document that names before it a body ending
// in that word: a unit of it (qualify_generic_prefixes names the latter after it).
bool Extractor::unit_of_named_body(std::size_t b, std::size_t head_begin) const {
  const std::u32string_view run = std::u32string_view(text_).substr(b, head_begin - b);
  // A known organisation's full name before the head (青岩大学党委): its unit.
  for (const std::u32string& name : org_names_) {
    if (name.size() >= 3 && run.size() >= name.size() && run.substr(0, name.size()) == name &&
        lex_.longest_ending_at(name, name.size(), WordClass::place_suffix) == 0) {
      return true;
    }
  }
  for (const std::u32string_view word : kGenericBodies) {
    if (run.size() < word.size() + 1 || run.substr(0, word.size()) != word ||
        run.find_first_of(U"和与及") != std::u32string_view::npos) {
      continue;
    }
    for (std::size_t org = 0; org < out_.organizations.size(); ++org) {
      const std::u32string_view name = org_names_[org];
      const bool named = name.size() >= word.size() + 2 &&
                         (word == U"学校" ? is_school(name) : ends_with(name, word));
      if (!named) continue;
      for (const std::size_t m : out_.organizations[org].mentions) {
        if (out_.mentions[m].norm_end <= b) return true;
      }
    }
  }
  return false;
}

void Extractor::read_standalone_orgs(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  for (std::size_t e = span.end; e >= span.begin + 3; --e) {
    // A single-character head (厅, 局) only after a place or a level: 省财政厅.
    const std::size_t strong_head = org_head_ending(e);
    const std::size_t weak_head = strong_head == 0 ? ending(e, WordClass::org_head_weak) : 0;
    const std::size_t head = strong_head > 0 ? strong_head : weak_head;
    if (head == 0 || !free(e - head, e)) continue;
    if (ending(e, WordClass::not_org_end) > 0) continue;
    // The head must end a word: punctuation or a word that cannot continue a name follows.
    if (!strong_boundary_at(e, span.end) && at(e, WordClass::org_stop) == 0 &&
        at(e, WordClass::name_stop) == 0 && at(e, WordClass::cue_organized) == 0 &&
        !any_cue_at(e) && at(e, WordClass::title) == 0 && at(e, WordClass::title_modifier) == 0 &&
        !bound_modifier_at(e) && at(e, WordClass::event_head) == 0 &&
        at(e, WordClass::former_marker) == 0 && !venue_at(e) &&
        !(e < span.end && text_[e] == U'讯')) {  // 某某日报讯: a dateline after the paper
      continue;
    }
    if (title_or_head_crosses(e - head, span.end, e)) continue;
    const std::size_t head_begin = e - head;
    const std::size_t b = org_start(head_begin, span.begin);
    if (b == head_begin || is_word(b, e, WordClass::org_generic)) continue;
    // (A place of two or three characters and its level count as one: 青杉省交通运输厅.)
    const bool named_place = (level_char_at(b + 2) || level_char_at(b + 3)) &&
                             head_begin >= b + 5 && std::all_of(&text_[b], &text_[b + 3], is_han);
    if (weak_head > 0 && !level_prefix(b, head_begin) && !named_place &&
        !(at(b, WordClass::place) > 0 && at(b, WordClass::place) + 2 <= head_begin - b)) {
      continue;
    }
    const bool proper = ending(e, WordClass::org_head_proper) > 0;
    if (proper ? head_begin - b < 2
               : !has_specific_prefix(b, head_begin) && !level_prefix(b, head_begin) &&
                     !unit_of_named_body(b, head_begin)) {
      continue;
    }
    // 党和政府: the part after 和/与/及 is only a generic word.
    bool generic_tail = false;
    for (std::size_t i = b; i + 1 < e; ++i) {
      const char32_t c = text_[i];
      if ((c == U'和' || c == U'与' || c == U'及') && is_word(i + 1, e, WordClass::org_generic)) {
        generic_tail = true;
      }
    }
    if (generic_tail) continue;
    org_chain(b, e, sentence, std::nullopt, false);
    share_head(b, e, head, sentence);
    e = b + 1;  // continue left of this organisation
  }
}

// 甲镇、乙镇社工站: an organisation [b, e) made of a place and a head of |head|
// characters shares that head with every place enumerated before it with 、.
std::vector<std::size_t> Extractor::share_head(std::size_t b, std::size_t e, std::size_t head,
                                               std::size_t sentence) {
  std::vector<std::size_t> shared;
  const Span span = doc_.sentences[sentence];
  const std::size_t head_begin = e - head;
  if (head == 0 || ending(head_begin, WordClass::place_suffix) == 0) return shared;
  std::size_t place_b = b;
  while (place_b > span.begin + 1 && text_[place_b - 1] == U'、') {
    const std::size_t pe = place_b - 1;
    if (ending(pe, WordClass::place_suffix) == 0) break;
    const std::size_t pb = org_start(pe, span.begin);
    if (pb + 2 > pe || !free(pb, pe)) break;
    const std::size_t mention = add_mention(MentionType::organization, pb, pe, sentence);
    shared.push_back(organization(utf8(pb, pe) + utf8(head_begin, e), mention));
    place_b = pb;
  }
  return shared;
}

// --- pass 3: events ----------------------------------------------------------------

void Extractor::read_events(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  for (std::size_t e = span.begin + 2; e <= span.end; ++e) {
    const std::size_t head = ending(e, WordClass::event_head);
    if (head == 0 || !free(e - head, e)) continue;
    if (e < span.end && ending(e + 1, WordClass::event_head) > head) continue;  // 研讨会 over 会
    // 人民代表大会常务委员会: the event word is part of an organisation's name;
    // 会议室, 会议厅: of a room's.
    if (at(e, WordClass::org_head) > 0 || at(e, WordClass::org_head_proper) > 0 ||
        at(e, WordClass::org_head_weak) > 0) {
      continue;
    }
    std::size_t b = e - head;
    std::size_t cursor = b;
    // 会议精神, 会议纪要: the words before name no event but refer to one.
    const bool referred = text_.compare(e, 2, U"精神") == 0 || text_.compare(e, 2, U"纪要") == 0;
    // 会见 and 会谈 are verbs as often as names: the words before them are the
    // people who meet (外交部长会见), never the event's name.
    const std::u32string_view word = std::u32string_view(text_).substr(b, head);
    const bool verb = word == U"会见" || word == U"会谈";
    while (!verb && !referred && cursor > span.begin && b - cursor < kMaxEventPrefix) {
      const char32_t c = text_[cursor - 1];
      if (!is_name_char(c) && c != U'·') break;
      if (used_[cursor - 1]) break;
      // A count (三个分论坛) is no part of the name; an ordinal (第二次) is.
      if (cursor >= 2 && lex_.is(std::u32string_view(&text_[cursor - 1], 1), WordClass::classifier)) {
        std::size_t q = cursor - 1;
        while (q > span.begin && (is_digit(text_[q - 1]) || is_chinese_numeral(text_[q - 1]))) --q;
        if (q < cursor - 1 && (q == span.begin || text_[q - 1] != U'第')) break;
      }
      // A stop word inside a head word (联合 of 联合会) or a generic word
      // (系 of 系统) is no stop; 全省, 全市 and the like end the name (全省民政工作会议).
      const std::size_t stop = ending(cursor, WordClass::org_stop);
      if (stop == 2 && text_[cursor - 2] == U'全' && at(cursor - 1, WordClass::place_suffix) == 1) {
        cursor -= 2;
        break;
      }
      // 与, 和, 及 inside a body's name (物流与采购协会第三次会员代表大会) stop
      // only where what stands before them is complete.
      const char32_t conj = stop == 1 ? text_[cursor - 1] : U'\0';
      const bool inner_conjunction = (conj == U'与' || conj == U'和' || conj == U'及') &&
                                     cursor - 1 > span.begin && is_han(text_[cursor - 2]) &&
                                     !used_[cursor - 2] && org_head_ending(cursor - 1) == 0 &&
                                     ending(cursor - 1, WordClass::title) == 0 &&
                                     ending(cursor - 1, WordClass::event_head) == 0 && [&] {
                                       for (std::size_t q = cursor + 1; q <= b; ++q) {
                                         if (org_head_ending(q) > 0) return true;
                                       }
                                       return false;
                                     }();
      if ((stop > 0 && !stop_inside_head(cursor, stop) && !inner_conjunction &&
           at(cursor - stop, WordClass::org_generic) <= stop) ||
          ending(cursor, WordClass::cue_organized) > 0 ||
          ending(cursor, WordClass::cue_attended) > 0 || ending(cursor, WordClass::name_stop) > 1) {
        break;
      }
      --cursor;
    }
    b = cursor;
    const std::size_t head_begin = e - head;
    // Two characters name an event only before a long head (教育工作会议, not 年度会议).
    if (head_begin - b >= 3 || (head_begin - b == 2 && head >= 4)) {
      const std::size_t body_e = organizer_in_event_name(b, head_begin);
      const std::size_t mention = add_mention(MentionType::event, b, e, sentence);
      const std::size_t index = event(utf8(b, e), mention);
      event_of_mention_[mention] = index;
      if (body_e != kNoPos) {
        // 某某协会第三次会员代表大会: the body that holds it, named in its name.
        const std::size_t body = add_mention(MentionType::organization, b, body_e, sentence);
        const std::size_t org = organization(utf8(b, body_e), body);
        add_organizing(org, index, evidence(sentence, b, e));
      }
      if (!main_event_) main_event_ = index;
      Event& ev = out_.events[index];
      if (ev.place.empty()) ev.place = event_place(e, span.end);
      if (ev.date.empty()) ev.date = sentence_date(span);
    } else if (main_event_) {
      // 会议, 此次会议, 线下会议: the document's main event.
      const std::size_t mention = add_mention(MentionType::event, head_begin, e, sentence);
      out_.events[*main_event_].mentions.push_back(mention);
      event_of_mention_[mention] = *main_event_;
    } else {
      // 参加签约仪式 in a report that names no event: the event is its word
      // alone, until a fuller name of it comes (see event()).
      const std::size_t mention = add_mention(MentionType::event, head_begin, e, sentence);
      const std::size_t index = event(utf8(head_begin, e), mention);
      unnamed_events_.insert(index);
      event_of_mention_[mention] = index;
      main_event_ = index;
      Event& ev = out_.events[index];
      if (ev.place.empty()) ev.place = event_place(e, span.end);
      if (ev.date.empty()) ev.date = sentence_date(span);
    }
  }
}

// Where the name of a body ends that an event's name [b, head_begin) starts
// with, followed by an ordinal, a year or the event word itself (某某协会第三次
// 会员代表大会, 某某学会2024年年会, 某某研究会年会); kNoPos when it names none.
std::size_t Extractor::organizer_in_event_name(std::size_t b, std::size_t head_begin) const {
  for (std::size_t h = head_begin; h >= b + 3; --h) {
    const std::size_t head = org_head_ending(h);
    if (head == 0 || h - head < b + 1) continue;
    const char32_t next = text_[h];
    if (h != head_begin && next != U'第' && !is_digit(next) && !is_chinese_numeral(next)) continue;
    if (org_start(h - head, b) != b || !plausible_org(b, h) ||
        (at(b, WordClass::place) == 0 && !has_specific_prefix(b, h - head) &&
         !level_prefix(b, h - head))) {
      continue;
    }
    return h;
  }
  return kNoPos;
}

// Where an event was held, from the words after its name: 在京召开, 于武汉举行
// -> 京, 武汉. Empty when the clause says nothing of a place.
std::string Extractor::event_place(std::size_t event_end, std::size_t sentence_end) const {
  static constexpr std::u32string_view kHeld[] = {U"召开", U"举行", U"举办", U"开幕", U"闭幕",
                                                  U"隆重", U"成功", U"开班", U"启动"};
  std::size_t p = event_end;
  if (p < sentence_end && (text_[p] == U'在' || text_[p] == U'于')) {
    const std::size_t b = ++p;
    while (p < sentence_end && is_han(text_[p]) && p - b < 10) {
      for (const auto verb : kHeld) {
        if (text_.substr(p, verb.size()) == verb) return p > b ? utf8(b, p) : std::string();
      }
      ++p;
    }
  }
  return {};
}

// The first date written in a sentence: 2023年5月8日, 5月8日, 近日, 昨天上午...
std::string Extractor::sentence_date(Span span) const {
  static constexpr std::u32string_view kRelative[] = {U"近日", U"日前", U"昨日", U"昨天", U"今天",
                                                      U"今日", U"前天", U"上周", U"本周", U"近期"};
  for (std::size_t p = span.begin; p < span.end; ++p) {
    for (const auto word : kRelative) {
      if (text_.substr(p, word.size()) == word) return utf8(p, p + word.size());
    }
    if (!is_digit(text_[p]) && !is_chinese_numeral(text_[p])) continue;
    // digits then 年, 月 or 日, repeated: 2023年5月8日.
    std::size_t q = p;
    std::size_t end = p;
    while (q < span.end) {
      std::size_t r = q;
      while (r < span.end && (is_digit(text_[r]) || is_chinese_numeral(text_[r]))) ++r;
      if (r == q || r >= span.end || (text_[r] != U'年' && text_[r] != U'月' && text_[r] != U'日'))
        break;
      end = r + 1;
      q = r + 1;
    }
    // A month or a day (5月, 8日) is a date; a bare count of years (3年) is not, a year (2023年)
    // is.
    const bool month_or_day = end > p && text_[end - 1] != U'年';
    const bool year = end >= p + 5;
    // The date of a dateline (10月12日电, 5日讯) is when the report was filed,
    // not when the event took place.
    const bool dateline = end < span.end && (text_[end] == U'电' || text_[end] == U'讯');
    if ((month_or_day || year) && !dateline) return utf8(p, end);
    p = std::max(p, end);
  }
  return {};
}

// --- pass 4: people outside title slots --------------------------------------------

void Extractor::read_free_persons(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  const auto quoted = titles_of_works(span);
  for (std::size_t p = span.begin; p < span.end; ++p) {
    if (used_[p] || !is_han(text_[p]) || quoted[p - span.begin]) continue;
    std::size_t len = read_foreign_name(p, span.end, 7);
    if (len > 0) {
      // The first part is the run of transliteration characters before the
      // first dot (在阿里·萨米扬: 阿里), so start there.
      const std::size_t dot = std::u32string_view(text_).find(kMiddleDot, p);
      std::size_t first = dot;
      while (first > p && dot - first < 5 && is_translit(first - 1)) --first;
      if (first != p) continue;  // a later position starts the name
      // The last part keeps transliteration characters only (鲍尔德斯执导: 鲍尔德斯).
      const std::size_t last_dot = std::u32string_view(text_).substr(0, p + len).rfind(kMiddleDot);
      std::size_t end = last_dot + 1;
      while (end < p + len && is_translit(end)) ++end;
      while (end < span.end && end - last_dot <= 5 && is_translit(end) &&
             !foreign_boundary_at(end, span.end)) {
        ++end;
      }
      if (end <= last_dot + 1) continue;
      len = end - p;
    } else {
      const bool left_ok =
          p == span.begin || !is_han(text_[p - 1]) || used_[p - 1] ||
          ending(p, WordClass::org_stop) > 0 || ending(p, WordClass::name_stop) > 0 ||
          ending(p, WordClass::cue_attended) > 0 || ending(p, WordClass::cue_spoke) > 0;
      if (!left_ok || at(p, WordClass::surname) == 0) continue;
      len = read_name(p, span.end, NameMode::free);
      if (len == 0 || !plausible_free_name(p, p + len)) continue;
      // Confirmed by what follows: a polite suffix or a title. A cue verb
      // alone is not enough (平时常|说, 中国城市|专家).
      const std::size_t e = p + len;
      const bool confirmed =
          e < span.end && (at(e, WordClass::person_suffix) > 0 ||
                           (at(e, WordClass::title) > 0 &&
                            name_boundary_at(e + at(e, WordClass::title), span.end)));
      if (!confirmed) continue;
    }
    if (!free(p, p + len)) continue;
    person(p, p + len, sentence);
    p += len - 1;
  }
}

// 任命某某为… and 免去某某的…职务 name a person between the verb and 为 or
// 的 (同志 may stand after the name); so do 选举某某为… and its kin (推选,
// 补选, 增选), and a clause that opens with names before 当选 or 连任
// (甲、乙（按姓氏笔画为序）当选为副主席). Except after 免去, several names
// joined by 、 may share the verb. Read there as in a title slot, before the
// tagger, which may read a compound surname as a word (上官 of 上官若兰).
void Extractor::read_appointed_names(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  const std::u32string_view text(text_);
  // Most sentences name no one so: look for a clause's names only before 当选 or 连任.
  const std::u32string_view whole = text.substr(span.begin, span.end - span.begin);
  const bool elects = whole.find(U"当选") != std::u32string_view::npos ||
                      whole.find(U"连任") != std::u32string_view::npos;
  for (std::size_t p = span.begin; p + 2 < span.end; ++p) {
    const std::u32string_view verb = text.substr(p, 2);
    // 接受某某辞去…职务的请求, 同意某某辞去…: the names before 辞去.
    const bool resigns = verb == U"接受" || verb == U"同意";
    // 由某某担任主任, 由某某兼任: the names between 由 and the verb.
    const bool by = text[p] == U'由' && !resigns;
    const bool named_by_verb = verb == U"任命" || verb == U"免去" || resigns || by ||
                               std::find(std::begin(kElectionVerbs), std::end(kElectionVerbs),
                                         verb) != std::end(kElectionVerbs);
    // Names that open a clause may be followed by 当选.
    const bool clause = !named_by_verb && elects &&
                        (p == span.begin || (!is_name_char(text[p - 1]) && !is_digit(text[p - 1])));
    if (!named_by_verb && !clause) continue;
    const bool dismiss = verb == U"免去";
    const std::u32string_view mark = dismiss ? U"的" : resigns ? U"辞去" : U"为";
    auto closing = [&](std::size_t e) {
      if (text.substr(e, 2) == U"同志") e += 2;
      if (by) return text.substr(e, 2) == U"担任" || text.substr(e, 2) == U"兼任";
      return clause ? election_verb_end(e, span.end) != kNoPos
                    : text.substr(e, mark.size()) == mark;
    };
    auto closes = [&](std::size_t e) {
      return closing(e) || (!dismiss && !resigns && text.substr(e, 1) == U"、");
    };
    // The length of the name at |b| that the verb's mark (or, in a list, 、)
    // closes; 0 when none.
    auto name_at = [&](std::size_t b) -> std::size_t {
      std::size_t len = read_name(b, span.end, NameMode::slot);
      if (len > 0 && !closes(b + len)) len = 0;
      // The verb and 为 close the slot: a surname and one or two characters
      // (滑建中, whose 中 could end a shorter name elsewhere).
      if (const std::size_t surname = at(b, WordClass::surname); len == 0 && surname > 0) {
        for (std::size_t given = 2; given >= 1 && len == 0; --given) {
          const std::size_t e = b + surname + given;
          if (e > span.end || !closes(e)) continue;
          bool clean = true;
          for (std::size_t i = b + surname; clean && i < e; ++i) {
            clean = is_han(text_[i]) && at(i, WordClass::title) == 0 &&
                    org_head_ending(i + 1) == 0 && at(i, WordClass::pronoun) == 0;
          }
          if (clean) len = surname + given;
        }
      }
      return len;
    };
    // The names up to the closing word; none unless it closes the list.
    std::vector<std::pair<std::size_t, std::size_t>> names;
    for (std::size_t b = clause ? p : by ? p + 1 : p + 2; b < span.end && !used_[b];) {
      const std::size_t len = name_at(b);
      if (len == 0) break;
      names.emplace_back(b, b + len);
      if (closing(b + len)) {
        for (const auto& [nb, ne] : names) {
          if (free(nb, ne)) person(nb, ne, sentence);
        }
        break;
      }
      b += len + (text.substr(b + len, 2) == U"同志" ? 3 : 1);  // past 、
    }
  }
}

// The words of a byline before the names they introduce, longest first.
constexpr std::u32string_view kBylineWords[] = {U"特约记者", U"见习记者", U"摄影记者",
                                                U"记者",     U"通讯员",   U"实习生"};

// A byline (（记者 甲 通讯员 乙、丙）, 本报记者 甲): the names after each of its
// words, which stand apart by spaces, 、 or a colon, are people.
void Extractor::read_bylines(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  const std::u32string_view text(text_);
  auto gap = [](char32_t c) { return c == U' ' || c == 0x3000 || c == U':' || c == U'：'; };
  std::size_t group_begin = 0;  // the first word of the byline read last, and its end
  std::size_t group_end = 0;
  for (std::size_t p = span.begin; p < span.end; ++p) {
    // Most characters start no byline word: a quick test first.
    const char32_t c = text[p];
    if (c != U'记' && c != U'通' && c != U'实' && c != U'特' && c != U'见' && c != U'摄') continue;
    std::u32string_view word;
    for (const std::u32string_view w : kBylineWords) {
      if (text.substr(p, w.size()) == w) {
        word = w;
        break;
      }
    }
    // Opening its bracket or the line, or after a gap or 本报 and the like.
    if (word.empty() || !(p == span.begin || !is_han(text[p - 1]) ||
                          (p >= span.begin + 2 && text[p - 2] == U'本'))) {
      continue;
    }
    std::size_t q = p + word.size();
    // 记者了解到 is no byline; right after a bracket the names may follow
    // with no gap (（记者甲、乙）).
    const bool bracketed = p > span.begin && (text[p - 1] == U'（' || text[p - 1] == U'(');
    if (q >= span.end || (!gap(text[q]) && !bracketed)) continue;
    // A later word of the same byline (通讯员 of 记者 甲 通讯员 乙) keeps its start.
    const std::size_t begin =
        p > span.begin && gap(text[p - 1]) && group_end == p ? group_begin : p;
    while (q < span.end && gap(text[q])) ++q;
    while (q < span.end) {
      const std::size_t len = read_name(q, span.end, NameMode::slot);
      if (len == 0) break;
      // Read already (in a title's slot, 记者甲): that person.
      std::optional<std::size_t> who;
      if (free(q, q + len)) {
        who = person(q, q + len, sentence);
      } else if (const auto it = person_index_.find(utf8(q, q + len)); it != person_index_.end()) {
        who = it->second;
      }
      if (!who) break;
      bylines_.push_back({*who, word, sentence, begin});
      q += len;
      group_begin = begin;
      group_end = q;
      if (q < span.end && (gap(text[q]) || text[q] == U'、')) {
        while (q < span.end && (gap(text[q]) || text[q] == U'、')) ++q;
        group_end = q;
      } else {
        break;
      }
      if (std::any_of(std::begin(kBylineWords), std::end(kBylineWords),
                      [&](std::u32string_view w) { return text.substr(q, w.size()) == w; })) {
        break;  // the next word of the byline
      }
    }
    p = q > p ? q - 1 : p;
  }
}

// A byline right after an agency's dateline (新华社鹭城5月18日电（记者 甲）,
// 澜港日报讯（记者 乙）) names people of that agency: its word is their title there.
void Extractor::affiliate_bylines() {
  const std::u32string_view text(text_);
  for (const Byline& byline : bylines_) {
    const Span span = doc_.sentences[byline.sentence];
    if (byline.begin == span.begin) continue;
    const char32_t open = text[byline.begin - 1];
    if (open != U'（' && open != U'(') continue;
    for (const Mention& m : out_.mentions) {
      if (m.type != MentionType::organization || m.sentence != byline.sentence ||
          m.norm_start != span.begin || m.norm_end >= byline.begin) {
        continue;
      }
      // Between the agency and the bracket: a place and a date, ending in 电 or 讯.
      const std::u32string_view between = text.substr(m.norm_end, byline.begin - 1 - m.norm_end);
      if (between.size() > 16 || (!ends_with(between, U"电") && !ends_with(between, U"讯")) ||
          between.find_first_of(U"，,。；") != std::u32string_view::npos) {
        continue;
      }
      const auto org = org_mentioned(m.norm_start, m.norm_end);
      const std::string title = encode_utf8(byline.title);
      if (!org || has_affiliation(byline.person, *org, title)) continue;
      person_titles_[byline.person].push_back(title);
      out_.affiliations.push_back({byline.person, *org, title, false,
                                   evidence(byline.sentence, m.norm_start, byline.begin)});
    }
  }
}

// The organisation named last before [b, e) whose longer name ends in that
// run of three characters or more (研究中心 after 某某大学先进材料研究中心), if any.
std::optional<std::size_t> Extractor::body_named_before(std::size_t b, std::size_t e) const {
  const std::u32string_view run = std::u32string_view(text_).substr(b, e - b);
  if (run.size() < 3) return std::nullopt;  // 学院 alone could end any
  std::optional<std::size_t> best;
  std::size_t best_start = 0;
  for (std::size_t org = 0; org < out_.organizations.size(); ++org) {
    if (org_names_[org].size() <= run.size() || !ends_with(org_names_[org], run)) continue;
    for (const std::size_t m : out_.organizations[org].mentions) {
      const Mention& mention = out_.mentions[m];
      if (mention.norm_end <= b && (!best || mention.norm_start >= best_start)) {
        best = org;
        best_start = mention.norm_start;
      }
    }
  }
  return best;
}

// Whether surname + given name [b, e), read outside a title slot, may be a
// name: no general word runs across either edge (中|国财富, 武侠小|说), and no
// character of the given name is a stop word or a pronoun (楼的罗, 由他).
bool Extractor::plausible_free_name(std::size_t b, std::size_t e) const {
  const WordList& words = WordList::builtin();
  if (words.splits(text_, b) || words.splits(text_, e)) return false;
  for (std::size_t i = b + at(b, WordClass::surname); i < e; ++i) {
    if (at(i, WordClass::name_stop) > 0 || at(i, WordClass::org_stop) > 0 ||
        at(i, WordClass::pronoun) > 0) {
      return false;
    }
  }
  return true;
}

// Marks the positions of a sentence that stand inside 《》: titles of books,
// films and papers, where a name is part of the title, not a person.
std::vector<bool> Extractor::titles_of_works(Span span) const {
  std::vector<bool> inside(span.end - span.begin, false);
  int depth = 0;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    if (text_[i] == U'《') ++depth;
    if (depth > 0) inside[i - span.begin] = true;
    if (text_[i] == U'》' && depth > 0) --depth;
  }
  return inside;
}

// --- pass 4b: mentions the statistical tagger finds where no rule has ------------

// The tagger (tagger.hpp) reads the sentence; its spans that overlap nothing the
// rules found become mentions. An organisation, a title and a person standing
// next to each other are an appositive chain the rules could not read (their
// head words are not in the lexicons): the person holds that title there.
void Extractor::read_tagged(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  if (span.end <= span.begin) return;
  const auto& spans = tagged_[sentence];
  struct Added {
    MentionType type;
    std::size_t b, e;
    std::optional<std::size_t> entity;  // person or organisation index
  };
  std::vector<Added> added;
  const auto quoted = titles_of_works(span);
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const TaggedSpan& t = spans[k];
    std::size_t b = span.begin + t.begin;
    std::size_t e = span.begin + t.end;
    if (e <= b || !free(b, e)) continue;
    // Two organisations the tagger reads either side of 与, the first of two
    // to four characters with no head and opening its clause, the second a
    // department: one name (材料科学 + 工程学院 in 、材料科学与工程学院; not
    // 我校与某某集团).
    if (t.type == MentionType::organization && k + 1 < spans.size() &&
        spans[k + 1].type == MentionType::organization && spans[k + 1].begin == t.end + 1 &&
        e < span.end && text_[e] == U'与' && e - b >= 2 && e - b <= 4 &&
        org_head_ending(e) == 0 && ending(e, WordClass::org_head_weak) == 0 &&
        at(b, WordClass::pronoun) == 0 &&
        ending(span.begin + spans[k + 1].end, WordClass::sub_unit_head) > 0 &&
        (b == span.begin || !is_name_char(text_[b - 1])) &&
        free(b, span.begin + spans[k + 1].end)) {
      e = span.begin + spans[k + 1].end;
      ++k;
    }
    // A known organisation the tagger reads only the end of (科技司 of
    // 文化和旅游部艺术与科技司, named in full in a chain) starts where it starts.
    if (t.type == MentionType::organization) {
      std::size_t start = b;
      for (const std::u32string& name : org_names_) {
        if (name.size() <= e - b || name.size() > e - span.begin || e - name.size() >= start) continue;
        if (std::u32string_view(text_).substr(e - name.size(), name.size()) == name) {
          start = e - name.size();
        }
      }
      if (start < b && free(start, b)) b = start;
    }
    // An organisation cut inside a word that opens its clause (团煤电分公司 of
    // 、集团煤电分公司): it starts with that word.
    if (t.type == MentionType::organization && b > span.begin &&
        WordList::builtin().splits(text_, b)) {
      for (std::size_t q = b - 1; q + 3 >= b && q >= span.begin; --q) {
        std::size_t longest = 0;
        WordList::builtin().visit_at(text_, q, [&](std::size_t len) { longest = len; });
        if (q + longest > b && (q == span.begin || !is_name_char(text_[q - 1])) && free(q, b) &&
            at(q, WordClass::org_stop) == 0 && at(q, WordClass::name_stop) == 0 && !any_cue_at(q)) {
          b = q;
          break;
        }
        if (q == span.begin) break;
      }
    }
    // An organisation cut inside its place (区民政局 of 芜湖市镜湖区民政局) starts
    // where the rules start it, when two to six characters of the place are left.
    if (t.type == MentionType::organization && b > span.begin &&
        at(b, WordClass::place_suffix) == 1) {
      const std::size_t start = org_start(b, span.begin);
      bool place_like = b - start >= 2 && b - start <= 6 && free(start, b);
      for (std::size_t i = start; place_like && i < b; ++i) {
        place_like = is_han(text_[i]) && !is_chinese_numeral(text_[i]);
      }
      if (place_like) b = start;
    }
    // An organisation cut inside the name of its place (岭省林业局 of
    // 其淮岭省林业局): one character before it and its first, before 省, 市, 县
    // or 区 (a place's name has two characters or more; 州 and 盟 of 广州 and
    // 联盟 end words too), are the place's name.
    if (t.type == MentionType::organization && b > span.begin && b + 2 < e &&
        is_han(text_[b - 1]) && free(b - 1, b) && org_start(b, span.begin) == b - 1 &&
        !is_chinese_numeral(text_[b - 1]) && at(b - 1, WordClass::pronoun) == 0 &&
        at(b - 1, WordClass::name_stop) == 0 && level_char_at(b + 1) &&
        !WordList::builtin().contains(std::u32string_view(text_).substr(b, 2)) &&
        !WordList::builtin().contains(std::u32string_view(text_).substr(b - 1, 2))) {
      b -= 1;
    }
    // A company cut inside the name that opens its clause (源环保科技股份有限公司
    // of 衡岳绿源环保科技股份有限公司…): the clause's first one to four characters,
    // which the rules read as the name's start, are its start.
    if (t.type == MentionType::organization && b > span.begin && is_han(text_[b - 1]) &&
        free(b - 1, b) && [&] {
          for (std::size_t i = b + 1; i < e; ++i) {
            if (at(i, WordClass::org_legal_form) >= 4) return true;  // 有限公司, not 公司
          }
          return false;
        }()) {
      const std::size_t start = org_start(b, span.begin);
      bool opening = start < b && b - start <= 4 && free(start, b) &&
                     opens_clause(start, span.begin) && at(start, WordClass::pronoun) == 0 &&
                     at(start, WordClass::name_stop) == 0;
      for (std::size_t i = start; opening && i < b; ++i) {
        opening =
            is_han(text_[i]) && !is_chinese_numeral(text_[i]) && !any_cue_at(i) &&
            at(i, WordClass::place) == 0 &&
            !(i + 2 <= b && WordList::builtin().contains(std::u32string_view(text_).substr(i, 2)));
      }
      // Or the tagger cut a word (旅|游 of 栖云山文化旅游开发有限公司): the rules' start.
      const bool cut_word =
          start < b && b - start <= 8 && free(start, b) && WordList::builtin().splits(text_, b) &&
          std::all_of(&text_[start], &text_[b], is_han) && at(start, WordClass::pronoun) == 0;
      if (opening || cut_word) b = start;
    }
    // A department cut after 与 where two to four characters before it open
    // the clause and are no name of their own (工程学院 of 、材料科学与工程学院).
    if (t.type == MentionType::organization && b > span.begin + 2 &&
        ending(e, WordClass::sub_unit_head) > 0 && text_[b - 1] == U'与') {
      const std::size_t start = org_start(b, span.begin);
      if (start + 2 <= b - 1 && start + 4 >= b - 1 && free(start, b) &&
          at(start, WordClass::pronoun) == 0 &&
          (start == span.begin || !is_name_char(text_[start - 1]))) {
        b = start;
      }
    }
    // A body cut after 和, 与 or 及 inside its name (规划局 of 青禾市自然资源和规划局):
    // the words before hold a place and no head of their own.
    if (t.type == MentionType::organization && b > span.begin + 3 &&
        (text_[b - 1] == U'和' || text_[b - 1] == U'与' || text_[b - 1] == U'及')) {
      std::size_t start = org_start(b, span.begin);
      if (start + 1 < b && at(start, WordClass::name_stop) == 1) ++start;  // 为 of 任命某某为
      bool placed = start + 2 < b - 1 && free(start, b) && at(start, WordClass::pronoun) == 0;
      bool level = at(start, WordClass::place) > 0;  // or 省/市/县/区 in its first characters
      for (std::size_t q = start + 1; placed && q < b; ++q) {
        placed = org_head_ending(q) == 0 && ending(q, WordClass::org_head_weak) == 0;
        level = level || (q < start + 5 && q < b - 1 && level_char_at(q));
      }
      if (placed && level) b = start;
    }
    std::optional<std::size_t> entity;
    switch (t.type) {
      case MentionType::person: {
        auto refined = refine_person(b, e);
        if (!refined || quoted[refined->first - span.begin]) continue;
        // A name the tagger cut one character short where the rules read it
        // whole up to a boundary word of two characters or more (阚乐 of 阚乐天演唱了).
        if (const std::size_t len = read_name(refined->first, span.end, NameMode::free);
            len == refined->second - refined->first + 1 && refined->second + 1 < span.end &&
            is_han(text_[refined->second]) && free(refined->second, refined->second + 1) &&
            std::u32string_view(text_).substr(refined->first, len).find(kMiddleDot) ==
                std::u32string_view::npos &&
            at(refined->second, WordClass::name_stop) == 0 && !any_cue_at(refined->second) &&
            at(refined->second, WordClass::person_suffix) == 0 &&
            at(refined->second + 1, WordClass::person_suffix) == 0 &&
            at(refined->second + 1, WordClass::name_stop) >= 2) {
          refined->second += 1;
        }
        entity = person(refined->first, refined->second, sentence);
        added.push_back({t.type, refined->first, refined->second, entity});
        continue;
      }
      case MentionType::organization: {
        // A two-character span right after a compound surname (令狐 + 建军) is
        // that person's given name, not an organisation.
        if (e - b <= 2 && b >= span.begin + 2 && at(b - 2, WordClass::surname) == 2 &&
            org_head_ending(e) == 0) {
          continue;
        }
        if (const std::size_t known = known_org_from(b, e);
            known > 0 && known <= span.end && free(b, known)) {
          // A known organisation the tagger cut short.
          const std::size_t mention = add_mention(MentionType::organization, b, known, sentence);
          added.push_back({t.type, b, known, organization(utf8(b, known), mention)});
          continue;
        }
        if (!plausible_org(b, e)) continue;
        // An item of a 、 list (甲化、乙化、丙化) with no organisation head, whose
        // neighbouring items are no mentions: a list of things, not of organisations.
        if (org_head_ending(e) == 0 && ending(e, WordClass::org_head_weak) == 0 &&
            !listed_with_mentions(b, e, span, spans)) {
          continue;
        }
        // Its units, as a chain's (青禾市中级人民法院审判委员会: the court, and its committee
        // part_of it).
        const auto chain = org_chain(b, e, sentence, std::nullopt, false);
        if (chain.empty()) continue;
        entity = chain.back();
        share_head(b, e, org_head_ending(e), sentence);
        break;
      }
      case MentionType::title: {
        // A title the tagger reads with its organisation (市妇联负责人): a place
        // and an organisation head, then a title word, are two mentions (not
        // 党委书记, whose 党委 names no body of its own).
        std::size_t split = 0;
        for (std::size_t p = e - 1; p >= b + 2 && split == 0; --p) {
          const std::size_t head = org_head_ending(p);
          if (at(p, WordClass::title) == 0 || head == 0 || p - head <= b) continue;
          const std::size_t place_e = p - head;
          if ((at(b, WordClass::place) >= place_e - b ||
               ending(place_e, WordClass::place_suffix) > 0) &&
              plausible_org(b, p)) {
            split = p;
          }
        }
        if (split > 0) {
          const std::size_t mention = add_mention(MentionType::organization, b, split, sentence);
          added.push_back(
              {MentionType::organization, b, split, organization(utf8(b, split), mention)});
          b = split;
        }
        add_mention(MentionType::title, b, e, sentence);
        break;
      }
      case MentionType::event:
        continue;
    }
    added.push_back({t.type, b, e, entity});
  }
  for (std::size_t i = 0; i + 2 < added.size(); ++i) {
    const Added& org = added[i];
    const Added& title = added[i + 1];
    const Added& who = added[i + 2];
    if (org.type != MentionType::organization || title.type != MentionType::title ||
        who.type != MentionType::person || org.e != title.b || title.e != who.b) {
      continue;
    }
    const std::string title_text = utf8(title.b, title.e);
    person_titles_[*who.entity].push_back(title_text);
    out_.affiliations.push_back(
        {*who.entity, *org.entity, title_text, false, evidence(sentence, org.b, who.e)});
  }
}

// False only for an item [b, e) of a 、 list in |sentence| whose neighbouring
// items neither begin (after it) nor end (before it) a tagged organisation or
// another mention; true outside lists.
bool Extractor::listed_with_mentions(std::size_t b, std::size_t e, Span sentence,
                                     const std::vector<TaggedSpan>& tagged) const {
  const bool before = b > sentence.begin + 1 && text_[b - 1] == U'、';
  const bool after = e + 1 < sentence.end && text_[e] == U'、';
  if (!before && !after) return true;
  if ((before && used_[b - 2]) || (after && used_[e + 1])) return true;
  for (const TaggedSpan& t : tagged) {
    if (t.type != MentionType::organization) continue;
    if (before && sentence.begin + t.end == b - 1) return true;
    if (after && sentence.begin + t.begin == e + 1) return true;
  }
  return false;
}

// A tagged person span made to agree with the rules on its edges: stray
// punctuation and dots trimmed, a stop character before a surname dropped
// (中柯平 -> 柯平), a short name that would start mid-word refused. nullopt when
// nothing name-like is left.
std::optional<std::pair<std::size_t, std::size_t>> Extractor::refine_person(std::size_t b,
                                                                            std::size_t e) const {
  while (b < e && !is_name_char(text_[b])) ++b;
  const std::size_t tagged_end = e;
  while (e > b && !is_name_char(text_[e - 1])) --e;
  if (e - b < 2) return std::nullopt;
  // A foreign name cut off after its dot by the end of the text or a
  // punctuation mark (……首席执行官为哈罗德·) keeps the dot: the name goes on
  // beyond what was written.
  const bool cut_after_dot = tagged_end == e + 1 && text_[e] == kMiddleDot &&
                             (tagged_end == text_.size() || !is_name_char(text_[tagged_end]));
  if (e - b >= 3 && is_han(text_[b]) && at(b, WordClass::surname) == 0 &&
      (at(b, WordClass::name_stop) == 1 || at(b, WordClass::org_stop) == 1) &&
      at(b + 1, WordClass::surname) > 0) {
    ++b;
  }
  if (is_word(b, e, WordClass::pronoun) || is_word(b, e, WordClass::not_name)) return std::nullopt;
  // A name never cuts a Latin word (Lee in Leeds, Smith in Smithson).
  if ((is_latin(text_[b]) && b > 0 && is_latin(text_[b - 1])) ||
      (is_latin(text_[e - 1]) && e < text_.size() && is_latin(text_[e]))) {
    return std::nullopt;
  }
  // A short name does not start in the middle of a word: what stands before it
  // must be able to end one (punctuation, another mention, a stop word, a
  // title...). Surname + two characters is name-shaped enough on its own.
  const bool full_name = e - b >= 3 && (at(b, WordClass::surname) > 0 || is_translit(b));
  if (cut_after_dot) e = tagged_end;
  if (!full_name && b > 0 && is_han(text_[b - 1]) && !used_[b - 1] &&
      ending(b, WordClass::name_stop) == 0 && ending(b, WordClass::org_stop) == 0 &&
      ending(b, WordClass::title) == 0 && ending(b, WordClass::person_suffix) == 0 &&
      !ends_cue(b) && org_head_ending(b) == 0 && ending(b, WordClass::place_suffix) == 0 &&
      ending(b, WordClass::place) == 0 &&
      !(WordList::builtin().ends_at(text_, b) && !WordList::builtin().splits(text_, b))) {
    return std::nullopt;
  }
  return std::make_pair(b, e);
}

// Whether [b, e) may be an organisation: no punctuation inside, not a generic
// word (政府, 社工站), not an abstract noun (乡村振兴), not a generic head after
// a prefix that names no place (两国政府, 社区志愿者分会), not "X和<generic>" (党和政府).
bool Extractor::plausible_org(std::size_t b, std::size_t e) const {
  // A trailing qualifier in parentheses (某某银行(中国)) is allowed; it is not judged.
  if (e - b > 2 && text_[e - 1] == U')') {
    const std::size_t open = std::u32string_view(text_).substr(b, e - b).rfind(U'(');
    if (open != std::u32string_view::npos && open > 0) e = b + open;
  }
  if (e - b < 2) return false;
  for (std::size_t i = b; i < e; ++i) {
    if (!is_name_char(text_[i]) && text_[i] != kMiddleDot && !is_digit(text_[i])) return false;
    // 11支志愿者分会: a count of organisations, not a name.
    if (is_digit(text_[i]) && i + 1 < e && !is_digit(text_[i + 1]) &&
        lex_.is(text_.substr(i + 1, 1), WordClass::classifier)) {
      return false;
    }
  }
  if (is_word(b, e, WordClass::org_generic) || ending(e, WordClass::not_org_end) > 0) return false;
  const std::size_t generic = ending(e, WordClass::org_generic);
  if (generic >= 2 && ending(e, WordClass::org_head_proper) == 0 && at(b, WordClass::place) == 0 &&
      !has_specific_prefix(b, e - generic)) {
    return false;
  }
  for (std::size_t i = b; i + 1 < e; ++i) {
    const char32_t c = text_[i];
    if ((c == U'和' || c == U'与' || c == U'及') && is_word(i + 1, e, WordClass::org_generic))
      return false;
  }
  return true;
}

// --- pass 5: re-mentions ------------------------------------------------------------

void Extractor::read_remention(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  const auto quoted = titles_of_works(span);
  // Every person's name, and the last part of every foreign one (范德伯格),
  // kept until a person is added.
  if (needles_for_ != person_names_.size()) {
    needles_.clear();
    for (const std::u32string& name : person_names_) {
      needles_.push_back(name);
      const std::size_t dot = name.rfind(kMiddleDot);
      // A last part shared by two foreign names names neither.
      if (dot != std::u32string::npos && name.size() - dot > 2 &&
          foreign_full_name(std::u32string_view(name).substr(dot + 1))) {
        needles_.push_back(name.substr(dot + 1));
      }
    }
    needles_for_ = person_names_.size();
  }
  for (std::size_t k = 0; k < needles_.size(); ++k) {
    // person() below adds no name: each needle is a known name or one's last part.
    const std::u32string& needle = needles_[k];
    std::size_t from = span.begin;
    while (true) {
      const std::size_t hit = text_.substr(0, span.end).find(needle, from);
      if (hit == std::u32string_view::npos) break;
      from = hit + 1;
      const std::size_t end = hit + needle.size();
      if (!free(hit, end)) continue;
      // Not in the title of a work (《某某传》), and not the first word of a
      // place or an organisation named after the person (某某纪念馆, 某某市).
      if (quoted[hit - span.begin]) continue;
      // Nor a part of a longer Latin word (Lee in Leeds).
      if ((is_latin(text_[hit]) && hit > 0 && is_latin(text_[hit - 1])) ||
          (is_latin(text_[end - 1]) && end < text_.size() && is_latin(text_[end]))) {
        continue;
      }
      if (end < span.end &&
          (at(end, WordClass::org_head) > 0 || at(end, WordClass::org_head_proper) > 0 ||
           at(end, WordClass::place_suffix) > 0)) {
        continue;
      }
      person(hit, end, sentence);
    }
  }
  // Surname + title (陈会长): the one person of that surname who holds such a title.
  for (std::size_t p = span.begin; p + 1 < span.end; ++p) {
    if (used_[p]) continue;
    const std::size_t s = at(p, WordClass::surname);
    if (s == 0 || p + s >= span.end || used_[p + s]) continue;
    const std::size_t t = at(p + s, WordClass::title);
    if (t == 0) continue;
    const std::u32string_view surname = text_.substr(p, s);
    const std::u32string_view title = text_.substr(p + s, t);
    std::optional<std::size_t> match;
    bool ambiguous = false;
    for (const auto& [who, titles] : person_titles_) {
      const std::u32string& name = person_names_[who];
      if (name.compare(0, s, surname) != 0) continue;
      const bool holds = std::any_of(titles.begin(), titles.end(), [&](const std::string& held) {
        const std::u32string h = decode_utf8(held);
        return h.size() >= title.size() &&
               h.compare(h.size() - title.size(), title.size(), title) == 0;
      });
      if (!holds) continue;
      if (match && *match != who) ambiguous = true;
      match = who;
    }
    if (!match || ambiguous) continue;
    const std::size_t mention = add_mention(MentionType::person, p, p + s + t, sentence);
    out_.persons[*match].mentions.push_back(mention);
    p += s + t - 1;
  }
}

// Organisations named again: by their full name, or by the short form that
// drops their place (杭州市晨光中心 -> 晨光中心); the short form joins the aliases.
void Extractor::read_org_remention(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  const std::u32string_view text = text_.substr(0, span.end);
  for (std::size_t org = org_forms_.size(); org < out_.organizations.size(); ++org) {
    std::u32string full = decode_utf8(out_.organizations[org].name);
    std::vector<std::u32string> forms;
    const std::size_t place =
        std::max(lex_.longest_at(full, 0, WordClass::place), place_prefix_length(full));
    if (place > 0 && full.size() - place >= 4) forms.push_back(full.substr(place));
    forms.insert(forms.begin(), std::move(full));
    org_forms_.push_back(std::move(forms));
  }
  for (std::size_t org = 0; org < out_.organizations.size(); ++org) {
    const std::vector<std::u32string>& forms = org_forms_[org];
    const std::size_t full_size = forms.front().size();
    for (const auto& form : forms) {
      for (std::size_t hit = text.find(form, span.begin); hit != std::u32string_view::npos;
           hit = text.find(form, hit + 1)) {
        const std::size_t end = hit + form.size();
        if (!free(hit, end)) continue;
        // Not the tail of a longer name (某某杭州市晨光中心) nor the head of one.
        if (hit > span.begin && is_han(text_[hit - 1]) && !used_[hit - 1] &&
            ending(hit, WordClass::org_stop) == 0 && ending(hit, WordClass::name_stop) == 0) {
          continue;
        }
        const std::size_t mention = add_mention(MentionType::organization, hit, end, sentence);
        out_.organizations[org].mentions.push_back(mention);
        if (form.size() != full_size) {
          add_alias(org, encode_utf8(form));
        }
      }
    }
  }
}

// The length of a leading place ending in a place suffix (杭州市, 绥芬河镇): two
// to six characters, 0 when the name does not start with one.
std::size_t Extractor::place_prefix_length(std::u32string_view name) const {
  for (std::size_t end = std::min<std::size_t>(name.size(), 6); end >= 3; --end) {
    if (lex_.longest_ending_at(name, end, WordClass::place_suffix) > 0) return end;
  }
  return 0;
}

// --- pass 6: roles, organisers, member_of --------------------------------------------

void Extractor::read_roles(std::size_t sentence) {
  const Span span = doc_.sentences[sentence];
  // A list cut into sentences by semicolons (甲，乙；丙，丁等出席开幕式。) is
  // read as one: its cues and its event are those of the sentences up to the
  // one that ends otherwise.
  std::size_t last = sentence;
  while (last + 1 < doc_.sentences.size() && last - sentence < kMaxSemicolonGroup) {
    const Span s = doc_.sentences[last];
    if (s.end <= s.begin || text_[s.end - 1] != U';') break;
    ++last;
  }
  const std::size_t group_end = doc_.sentences[last].end;
  // The event this sentence speaks of: one it (or its semicolon group)
  // names, else the last one named earlier in its paragraph, else the main event.
  std::optional<std::size_t> event_index;
  for (std::size_t s = sentence; s <= last && !event_index; ++s) {
    if (named_event_[s]) event_index = named_event_[s]->first;
  }
  for (std::size_t s = sentence; !event_index && s > 0; --s) {
    const Span before = doc_.sentences[s - 1];
    if (text_.find(U'\n', before.end) < doc_.sentences[s].begin) break;  // a new paragraph
    if (named_event_[s - 1]) event_index = named_event_[s - 1]->first;
  }
  if (!event_index) event_index = main_event_;
  if (!event_index) return;

  // Cue verbs in text order, outside mentions.
  struct Cue {
    std::size_t b, e;
    std::optional<Role> role;  // nullopt: organised
  };
  std::vector<Cue> cues;
  for (std::size_t p = span.begin; p < group_end; ++p) {
    if (used_[p]) continue;
    std::optional<Role> role;
    std::size_t len = cue_at(p, &role);
    const std::size_t organized = at(p, WordClass::cue_organized);
    if (organized > len) {
      cues.push_back({p, p + organized, std::nullopt});
      p += organized - 1;
    } else if (len > 0 && free(p, p + len)) {
      cues.push_back({p, p + len, role});
      p += len - 1;
    }
  }
  if (cues.empty()) return;

  for (std::size_t m = 0; m < out_.mentions.size(); ++m) {
    const Mention& mention = out_.mentions[m];
    if (mention.sentence != sentence) continue;
    if (mention.type != MentionType::person && mention.type != MentionType::organization) continue;
    // The first cue after the mention; failing that, an attendance cue before it (出席的有…).
    const Cue* cue = nullptr;
    for (const Cue& c : cues) {
      if (c.b >= mention.norm_end) {
        cue = &c;
        break;
      }
    }
    if (!cue && cues.back().role == Role::attended) cue = &cues.back();
    if (!cue) continue;
    // 出席并致辞: a cue joined to the next by 并/和/及 gives that role too.
    std::vector<const Cue*> joined = {cue};
    for (const Cue* c = cue; c + 1 < cues.data() + cues.size();) {
      const Cue* next = c + 1;
      const std::u32string_view gap = text_.substr(c->e, next->b - c->e);
      if (gap != U"并" && gap != U"和" && gap != U"及" && gap != U"并且" && gap != U"、") break;
      joined.push_back(next);
      c = next;
    }
    const std::size_t from = std::min(mention.norm_start, cue->b);
    // Evidence stays in the mention's sentence.
    const std::size_t to = std::min(std::max(mention.norm_end, cue->e), span.end);
    if (mention.type == MentionType::person && cue->role) {
      for (std::size_t who = 0; who < out_.persons.size(); ++who) {
        const auto& ms = out_.persons[who].mentions;
        if (std::find(ms.begin(), ms.end(), m) == ms.end()) continue;
        for (const Cue* c : joined) {
          if (c->role) {
            out_.attendances.push_back({who, *event_index, *c->role,
                                        evidence(sentence, from, std::min(std::max(to, c->e), span.end))});
          }
        }
      }
    } else if (mention.type == MentionType::organization && !cue->role &&
               chain_org_mentions_.count(m) == 0) {
      for (std::size_t org = 0; org < out_.organizations.size(); ++org) {
        const auto& ms = out_.organizations[org].mentions;
        if (std::find(ms.begin(), ms.end(), m) != ms.end()) {
          add_organizing(org, *event_index, evidence(sentence, from, to));
        }
      }
    }
  }
}

// A report of one event names the people who took part in it: each person
// with no role yet, first named after the event is, attended the main event
// (宣誓, 点燃主火炬, 观看了演出 are no cue words), evidenced by their first
// mention. People named before it, people an appointment names (任, 免去),
// and reporters and editors named in a byline (记者 某某, 编辑:某某) are not
// at the event.
void Extractor::attend_main_event() {
  if (!main_event_ || out_.events[*main_event_].mentions.empty()) return;
  // An event known by its word alone (会议决定…) is one people were seen at
  // only where a cue verb put someone there.
  if (unnamed_events_.count(*main_event_) > 0 &&
      std::none_of(out_.attendances.begin(), out_.attendances.end(),
                   [&](const Attendance& a) { return a.event == *main_event_; })) {
    return;
  }
  std::size_t event_start = text_.size();
  for (const std::size_t m : out_.events[*main_event_].mentions) {
    event_start = std::min(event_start, out_.mentions[m].norm_start);
  }
  std::vector<bool> has_role(out_.persons.size(), false);
  for (const Attendance& a : out_.attendances) has_role[a.person] = true;
  static constexpr std::u32string_view kBylines[] = {U"记者", U"通讯员", U"编辑", U"摄影",
                                                     U"撰稿", U"审核", U"校对", U"供稿"};
  auto byline = [&](const Mention& m) {
    std::size_t b = m.norm_start;
    while (b > 0 && (text_[b - 1] == U' ' || text_[b - 1] == U':' || text_[b - 1] == 0x3000)) --b;
    for (const std::u32string_view word : kBylines) {
      if (b >= word.size() && std::u32string_view(text_).substr(b - word.size(), word.size()) == word)
        return true;
    }
    return false;
  };
  for (std::size_t who = 0; who < out_.persons.size(); ++who) {
    // People appointed or removed are the news, not the meeting's audience.
    if (has_role[who] || out_.persons[who].mentions.empty() || appointed_.count(who) > 0) continue;
    const auto& ms = out_.persons[who].mentions;
    if (std::all_of(ms.begin(), ms.end(), [&](std::size_t m) { return byline(out_.mentions[m]); }))
      continue;
    if (std::any_of(bylines_.begin(), bylines_.end(),
                    [&](const Byline& b) { return b.person == who; })) {
      continue;
    }
    const Mention& first = out_.mentions[ms.front()];
    if (first.norm_start < event_start) continue;
    out_.attendances.push_back({who, *main_event_, Role::attended,
                                evidence(first.sentence, first.norm_start, first.norm_end)});
  }
}

// 甲 作为/是 乙 的 会员/成员/成员单位: 甲 member_of 乙.
void Extractor::read_member_of(std::size_t sentence) {
  std::vector<std::size_t> orgs;
  for (std::size_t m = 0; m < out_.mentions.size(); ++m) {
    if (out_.mentions[m].sentence == sentence &&
        out_.mentions[m].type == MentionType::organization) {
      orgs.push_back(m);
    }
  }
  std::sort(orgs.begin(), orgs.end(), [&](std::size_t a, std::size_t b) {
    return out_.mentions[a].norm_start < out_.mentions[b].norm_start;
  });
  auto entity_of = [&](std::size_t m) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < out_.organizations.size(); ++i) {
      const auto& ms = out_.organizations[i].mentions;
      if (std::find(ms.begin(), ms.end(), m) != ms.end()) return i;
    }
    return std::nullopt;
  };
  const std::u32string_view links[] = {U"作为", U"是", U"系", U"已是", U"加入", U"成为"};
  const std::u32string_view roles[] = {U"的会员",     U"的成员",     U"的成员单位", U"的会员单位",
                                       U"的理事单位", U"的团体会员", U"会员",       U"成员"};
  for (std::size_t i = 0; i + 1 < orgs.size(); ++i) {
    const Mention& a = out_.mentions[orgs[i]];
    const Mention& b = out_.mentions[orgs[i + 1]];
    const std::u32string_view between = text_.substr(a.norm_end, b.norm_start - a.norm_end);
    const bool linked = std::any_of(std::begin(links), std::end(links),
                                    [&](std::u32string_view l) { return between == l; });
    if (!linked) continue;
    const std::u32string_view after =
        text_.substr(b.norm_end, std::min<std::size_t>(6, text_.size() - b.norm_end));
    const bool member = std::any_of(std::begin(roles), std::end(roles), [&](std::u32string_view r) {
      return after.substr(0, r.size()) == r;
    });
    if (!member && between != U"加入") continue;
    const auto from = entity_of(orgs[i]);
    const auto to = entity_of(orgs[i + 1]);
    if (from && to && *from != *to) {
      out_.org_relations.push_back(
          {*from, *to, OrgRelationKind::member_of, evidence(sentence, a.norm_start, b.norm_end)});
    }
  }
}

// The publication named by the source line (据《某某日报》) is an organisation.
void Extractor::add_source() {
  if (doc_.source.empty() || doc_.source_span.end <= doc_.source_span.begin) return;
  const Span s = doc_.source_span;
  if (!free(s.begin, s.end)) return;
  std::size_t sentence = 0;
  for (std::size_t i = 0; i < doc_.sentences.size(); ++i) {
    if (doc_.sentences[i].begin <= s.begin && s.end <= doc_.sentences[i].end) sentence = i;
  }
  const std::size_t mention = add_mention(MentionType::organization, s.begin, s.end, sentence);
  organization(doc_.source, mention);
}

// One organisation under two names in a document: a short form (夕阳再晨中心)
// and the full name that is it with a place or its parent before it
// (北京市夕阳再晨中心, 某某联合会学术委员会). The short form's mentions and
// relations move to the full name and it is kept among the aliases. A short
// form that several full names end with stays as it is.
// Units named with a generic body word before them (学校科技处, 集团人力资源部)
// are units of the body of that word named last before them: renamed with
// its full name (东海理工大学科技处; 华澄能源集团有限公司人力资源部 after
// 华澄能源集团有限公司) and part_of it. 学校 stands for a 大学, 学院 or 学校.
void Extractor::qualify_generic_prefixes() {
  auto& orgs = out_.organizations;
  const std::size_t count = orgs.size();
  // The units named so, which are no bodies of others (学校能源与动力工程学院
  // for 学校机械工程学院), also once renamed.
  std::vector<bool> named_so(count);
  for (std::size_t org = 0; org < count; ++org) {
    const std::u32string_view full = org_names_[org];
    named_so[org] = std::any_of(kGenericBodies.begin(), kGenericBodies.end(),
                                [&](std::u32string_view w) { return full.substr(0, w.size()) == w; });
  }
  for (std::size_t unit = 0; unit < count; ++unit) {
    const std::u32string name = org_names_[unit];
    std::u32string_view word;
    for (const std::u32string_view w : kGenericBodies) {
      if (name.size() >= w.size() + 2 && std::u32string_view(name).substr(0, w.size()) == w) word = w;
    }
    if (head_named_units_.count(unit) > 0) word = std::u32string_view(name).substr(0, 1);
    if (word.empty() || orgs[unit].mentions.empty()) continue;
    const std::size_t first = out_.mentions[orgs[unit].mentions.front()].norm_start;
    std::optional<std::size_t> best;
    std::size_t best_start = 0;
    for (std::size_t body = 0; body < count; ++body) {
      const std::u32string_view full = org_names_[body];
      if (body == unit || named_so[body] || head_named_units_.count(body) > 0 ||
          full.size() < word.size() + 2) {
        continue;
      }
      std::size_t here = 0;
      if (word == U"学校") {
        if (is_school(full)) here = full.size();
      } else {
        const std::size_t at = full.rfind(word);
        if (at != std::u32string_view::npos && at >= 2) here = at + word.size();
        // Only a legal form may follow the word (某某集团有限公司).
        if (here > 0 && here < full.size() &&
            lex_.longest_ending_at(full, full.size(), WordClass::org_legal_form) <
                full.size() - here) {
          here = 0;
        }
      }
      if (here == 0) continue;
      for (const std::size_t m : orgs[body].mentions) {
        const Mention& mention = out_.mentions[m];
        if (mention.norm_end > first || (best && mention.norm_start < best_start)) continue;
        best = body;
        best_start = mention.norm_start;
      }
    }
    if (!best) continue;
    const std::string renamed =
        orgs[*best].name + encode_utf8(std::u32string_view(name).substr(word.size()));
    if (org_index_.count(renamed) > 0) continue;
    const Mention& mention = out_.mentions[orgs[unit].mentions.front()];
    rename_as_unit(unit, renamed, *best,
                   evidence(mention.sentence, mention.norm_start, mention.norm_end));
  }
}

// Departments named alone, with no place or name before their head
// (心血管内科护士长某某, 文学院教授某某), in a document that names one body of the
// kind that has them (one hospital for a 科; one university for a 学院 or 系)
// are its units: renamed after it and part_of it.
void Extractor::attach_lone_departments() {
  auto& orgs = out_.organizations;
  const std::size_t count = orgs.size();
  enum class Host { none, hospital, school };
  auto host_kind = [](std::u32string_view name) {
    if (ends_with(name, U"科")) return Host::hospital;
    if (ends_with(name, U"学院") || ends_with(name, U"系")) return Host::school;
    return Host::none;
  };
  // Whether the organisation is a department so named: its first mention
  // ends in a department head with nothing specific before it.
  std::vector<bool> lone(count);
  for (std::size_t org = 0; org < count; ++org) {
    if (orgs[org].mentions.empty() || parent_of(org) || host_kind(org_names_[org]) == Host::none) {
      continue;
    }
    const Mention& m = out_.mentions[orgs[org].mentions.front()];
    const std::size_t b = m.norm_start;
    const std::size_t e = m.norm_end;
    const std::size_t head = ending(e, WordClass::sub_unit_head);
    if (head == 0 || e - b < head ||
        org_names_[org] != std::u32string_view(text_).substr(b, e - b) ||
        at(b, WordClass::place) > 0 || has_specific_prefix(b, e - head) ||
        level_prefix(b, e - head)) {
      continue;
    }
    bool inner_head = false;
    for (std::size_t pos = b + 2; pos < e - head && !inner_head; ++pos) {
      inner_head = org_head_ending(pos) > 0;
    }
    // Nor a body whose units are named after it (某某学院重机产业学院), nor the
    // end of another's name (产业学院 for 某某学院重机产业学院).
    const std::u32string_view name = org_names_[org];
    const bool in_other = std::any_of(org_names_.begin(), org_names_.end(), [&](const auto& other) {
      return other.size() > name.size() && (starts_with(other, name) || ends_with(other, name));
    });
    lone[org] = !inner_head && !in_other;
  }
  for (std::size_t unit = 0; unit < count; ++unit) {
    if (!lone[unit]) continue;
    const Host kind = host_kind(org_names_[unit]);
    std::optional<std::size_t> host;
    bool several = false;
    for (std::size_t body = 0; body < count; ++body) {
      const std::u32string_view name = org_names_[body];
      const bool fits = kind == Host::hospital
                            ? ends_with(name, U"医院") || ends_with(name, U"卫生院")
                            : !lone[body] && (ends_with(name, U"大学") || ends_with(name, U"学院"));
      if (body == unit || !fits) continue;
      several = several || host.has_value();
      host = body;
    }
    if (!host || several) continue;
    const std::string renamed = orgs[*host].name + orgs[unit].name;
    if (org_index_.count(renamed) > 0) continue;
    const Mention& m = out_.mentions[orgs[unit].mentions.front()];
    rename_as_unit(unit, renamed, *host, evidence(m.sentence, m.norm_start, m.norm_end));
  }
}

// Renames the organisation |unit| |renamed| (a name no other has), keeps its
// old name among the aliases, and makes it part_of |parent|.
void Extractor::rename_as_unit(std::size_t unit, const std::string& renamed, std::size_t parent,
                               Evidence ev) {
  auto& org = out_.organizations[unit];
  org_index_.erase(org.name);
  if (std::find(org.aliases.begin(), org.aliases.end(), org.name) == org.aliases.end())
    org.aliases.push_back(org.name);
  org.name = renamed;
  org_names_[unit] = decode_utf8(renamed);
  org_index_[renamed] = unit;
  out_.org_relations.push_back({unit, parent, OrgRelationKind::part_of, std::move(ev)});
}

// Whether |short_form| abbreviates |full|, within a document: after the
// same level character (省, 市, 县) with a place's name before it in |full|, or
// after nothing, the rest of |short_form| (two characters or more; three
// with no level character, and no generic word) starts as the rest of |full|
// does but is no prefix of it, its characters come there in order, and its
// last lies in the last three characters (社科联 in 社会科学界联合会, 发改委 in
// 发展和改革委员会; not 政府 in 政府办公室, nor 某某大学 in 某某大学党委).
bool Extractor::abbreviates(std::u32string_view full, std::u32string_view short_form) const {
  std::u32string_view rest = short_form;
  std::u32string_view body = full;
  if (!short_form.empty() && lex_.is(short_form.substr(0, 1), WordClass::place_suffix)) {
    std::size_t level = std::u32string_view::npos;
    for (std::size_t k = 1; k <= 4 && k < full.size(); ++k) {
      if (full[k] == short_form[0]) {
        level = k;
        break;
      }
    }
    if (level == std::u32string_view::npos) return false;
    rest = short_form.substr(1);
    body = full.substr(level + 1);
  } else if (const std::size_t place = short_form.find_first_of(U"省市县区");
             place != std::u32string_view::npos && place <= 4) {
    // A place's name of its own (临川市委): the same in both, and the rest after it.
    if (full.substr(0, place + 1) != short_form.substr(0, place + 1)) return false;
    rest = short_form.substr(place + 1);
    body = full.substr(place + 1);
  } else if (short_form.size() < 3) {
    return false;
  } else if (lex_.is(short_form, WordClass::org_generic)) {
    return false;
  }
  // A one-character head stays in the short form (市场监管局, not 市场监管).
  if (lex_.longest_ending_at(body, body.size(), WordClass::org_head_weak) == 1 &&
      lex_.longest_ending_at(body, body.size(), WordClass::org_head) == 0 &&
      rest.back() != body.back()) {
    return false;
  }
  if (rest.size() < 2 || body.size() <= rest.size() + 1 || rest[0] != body[0] ||
      body.substr(body.size() - rest.size()) == rest || body.substr(0, rest.size()) == rest) {
    return false;
  }
  std::size_t at = 0;
  for (const char32_t c : rest) {
    at = body.find(c, at);
    if (at == std::u32string_view::npos) return false;
    ++at;
  }
  return at + 3 > body.size();
}

void Extractor::merge_short_forms() {
  auto& orgs = out_.organizations;
  std::vector<std::size_t> target(orgs.size());
  for (std::size_t i = 0; i < orgs.size(); ++i) target[i] = i;
  for (std::size_t shorter = 0; shorter < orgs.size(); ++shorter) {
    const std::u32string name = decode_utf8(orgs[shorter].name);
    std::optional<std::size_t> into;
    bool ambiguous = false;
    for (std::size_t full = 0; full < orgs.size(); ++full) {
      const std::u32string other = decode_utf8(orgs[full].name);
      if (full == shorter || other.size() <= name.size() + 1 ||
          other.compare(other.size() - name.size(), name.size(), name) != 0) {
        continue;
      }
      const std::u32string_view prefix =
          std::u32string_view(other).substr(0, other.size() - name.size());
      // A place before it, or a place's name before its level character (石桥 of
      // 石桥县纪委监委 for 县纪委监委).
      const bool named_place =
          prefix.size() <= 4 &&
          lex_.is(std::u32string_view(name).substr(0, 1), WordClass::place_suffix) &&
          std::all_of(prefix.begin(), prefix.end(), is_han);
      const bool place = lex_.is(prefix, WordClass::place) || named_place ||
                         lex_.longest_ending_at(prefix, prefix.size(), WordClass::place_suffix) > 0;
      const bool parent = org_index_.count(encode_utf8(prefix)) > 0;
      if (!place && !parent) continue;
      if (into && *into != full) ambiguous = true;
      into = full;
    }
    // Or it abbreviates one (省社科联 for 秦原省社会科学界联合会).
    for (std::size_t full = 0; !into && full < orgs.size(); ++full) {
      if (full == shorter || !abbreviates(org_names_[full], name)) continue;
      for (std::size_t other = full + 1; other < orgs.size(); ++other) {
        if (other != shorter && abbreviates(org_names_[other], name)) ambiguous = true;
      }
      into = full;
    }
    // A place standing for its government (岚江省副省长) is the government the
    // document names (岚江省人民政府).
    if (!into && lex_.longest_ending_at(name, name.size(), WordClass::place_suffix) > 0) {
      for (const char* government : {"人民政府", "政府"}) {
        if (const auto it = org_index_.find(orgs[shorter].name + government); it != org_index_.end()) {
          into = it->second;
          break;
        }
      }
    }
    if (!into || ambiguous) continue;
    target[shorter] = *into;
    add_alias(*into, orgs[shorter].name);
    orgs[*into].mentions.insert(orgs[*into].mentions.end(), orgs[shorter].mentions.begin(),
                                orgs[shorter].mentions.end());
    // Its units named after it (省社科联党组) are named after the full name.
    const std::string& full_name = orgs[*into].name;
    for (std::size_t unit = 0; unit < orgs.size(); ++unit) {
      const std::string& unit_name = orgs[unit].name;
      if (unit == shorter || unit_name.size() <= orgs[shorter].name.size() ||
          unit_name.compare(0, orgs[shorter].name.size(), orgs[shorter].name) != 0 ||
          parent_of(unit) != shorter) {
        continue;
      }
      const std::string renamed = full_name + unit_name.substr(orgs[shorter].name.size());
      if (const auto it = org_index_.find(renamed); it != org_index_.end()) {
        target[unit] = it->second;
        continue;
      }
      orgs[unit].aliases.push_back(unit_name);
      orgs[unit].name = renamed;
    }
  }
  // Follow chains (a -> b -> c), then drop the merged entries and renumber.
  for (std::size_t i = 0; i < target.size(); ++i) {
    while (target[target[i]] != target[i]) target[i] = target[target[i]];
  }
  std::vector<std::size_t> index(orgs.size());
  std::vector<Organization> kept;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    if (target[i] == i) {
      index[i] = kept.size();
      kept.push_back(std::move(orgs[i]));
    }
  }
  if (kept.size() == orgs.size()) {
    orgs = std::move(kept);
    return;
  }
  auto renumber = [&](std::size_t& org) { org = index[target[org]]; };
  for (auto& a : out_.affiliations) renumber(a.org);
  for (auto& o : out_.organizings) renumber(o.org);
  for (auto& r : out_.org_relations) {
    renumber(r.from);
    renumber(r.to);
  }
  // A relation of an organisation to itself (a short form part_of its full name) says nothing.
  out_.org_relations.erase(std::remove_if(out_.org_relations.begin(), out_.org_relations.end(),
                                          [](const OrgRelation& r) { return r.from == r.to; }),
                           out_.org_relations.end());
  orgs = std::move(kept);
  org_index_.clear();
  org_names_.clear();
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    org_index_[orgs[i].name] = i;
    org_names_.push_back(decode_utf8(orgs[i].name));
  }
}

void Extractor::fill_matches() {
  forward_.assign(text_.size(), Matches{});
  backward_.assign(text_.size() + 1, Matches{});
  for (std::size_t pos = 0; pos < text_.size(); ++pos) {
    lex_.visit_at(text_, pos, [&](std::size_t len, WordClasses classes) {
      note(&forward_[pos], len, classes);
      note(&backward_[pos + len], len, classes);
    });
  }
}

Extraction Extractor::run() {
  const std::size_t n = doc_.sentences.size();
  fill_matches();
  std::vector<std::pair<std::size_t, std::size_t>> sentences;
  sentences.reserve(n);
  for (const Span& span : doc_.sentences) sentences.emplace_back(span.begin, span.end);
  tagged_ = tagger_.tag_each(text_, sentences, lex_);
  tagged_person_end_.assign(text_.size() + 1, false);
  for (std::size_t s = 0; s < n; ++s) {
    for (const TaggedSpan& t : tagged_[s]) {
      if (t.type == MentionType::person) tagged_person_end_[doc_.sentences[s].begin + t.end] = true;
    }
  }
  add_source();
  for (std::size_t s = 0; s < n; ++s) read_chains(s);
  read_biographies();
  // People named in chains are known now: their re-mentions (陈会长) go before
  // the tagger, which would read such a span as a title.
  for (std::size_t s = 0; s < n; ++s) read_remention(s);
  for (std::size_t s = 0; s < n; ++s) read_events(s);
  for (std::size_t s = 0; s < n; ++s) read_appointed_names(s);
  for (std::size_t s = 0; s < n; ++s) read_bylines(s);
  for (std::size_t s = 0; s < n; ++s) read_tagged(s);
  for (std::size_t s = 0; s < n; ++s) read_standalone_orgs(s);
  for (std::size_t s = 0; s < n; ++s) read_free_persons(s);
  for (std::size_t s = 0; s < n; ++s) read_remention(s);
  for (std::size_t s = 0; s < n; ++s) read_org_remention(s);
  read_appointments();
  // The event each sentence names (its first), for read_roles.
  named_event_.assign(n, std::nullopt);
  for (std::size_t m = 0; m < out_.mentions.size(); ++m) {
    const Mention& mention = out_.mentions[m];
    if (mention.type != MentionType::event) continue;
    auto& named = named_event_[mention.sentence];
    if (!named || out_.mentions[m].norm_start < named->second) {
      named = std::make_pair(event_of_mention_[m], mention.norm_start);
    }
  }
  for (std::size_t s = 0; s < n; ++s) read_roles(s);
  attend_main_event();
  for (std::size_t s = 0; s < n; ++s) read_member_of(s);
  affiliate_bylines();
  resolve_generic_posts();
  qualify_generic_prefixes();

  merge_short_forms();
  // After the merge, so that a hospital's short form is no second hospital.
  attach_lone_departments();
  // After the merge, so that a unit is named after its parent's full name.
  split_party_posts();
  fold_party_posts();
  drop_unused_organizations();

  // Mentions in text order; entity mention lists follow the permutation.
  std::vector<std::size_t> order(out_.mentions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return out_.mentions[a].norm_start < out_.mentions[b].norm_start;
  });
  std::vector<std::size_t> new_index(order.size());
  std::vector<Mention> sorted;
  sorted.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = i;
    sorted.push_back(std::move(out_.mentions[order[i]]));
  }
  out_.mentions = std::move(sorted);
  auto remap = [&](std::vector<std::size_t>& ms) {
    for (auto& m : ms) m = new_index[m];
    std::sort(ms.begin(), ms.end());
  };
  for (auto& p : out_.persons) remap(p.mentions);
  for (auto& o : out_.organizations) remap(o.mentions);
  for (auto& e : out_.events) remap(e.mentions);
  return std::move(out_);
}

}  // namespace

Extraction extract(const Document& doc, const Lexicon& lexicon, const Tagger* tagger) {
  return Extractor(doc, lexicon, tagger ? *tagger : Tagger::builtin()).run();
}

const char* to_string(MentionType type) {
  switch (type) {
    case MentionType::person:
      return "person";
    case MentionType::title:
      return "title";
    case MentionType::organization:
      return "organization";
    case MentionType::event:
      return "event";
  }
  return "person";
}

const char* to_string(Role role) {
  switch (role) {
    case Role::attended:
      return "attended";
    case Role::hosted:
      return "hosted";
    case Role::spoke:
      return "spoke";
    case Role::presented:
      return "presented";
  }
  return "attended";
}

}  // namespace guanxi
