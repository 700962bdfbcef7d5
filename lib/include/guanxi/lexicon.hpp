// Word lists the extractor reads: surnames, titles, organisation heads, cue verbs...
//
// The built-in lists are the files in lib/data/ (format in lib/data/README.md),
// compiled into the library. A user file adds words: one entry per line,
// "WORD CATEGORY" separated by white space, '#' starts a comment. Unknown
// categories throw InputError naming the line.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi {

enum class WordClass : std::uint8_t {
  surname,          // 王, 欧阳
  title,            // 主任, 会长, 参赞: the head of a job title
  title_modifier,   // 副, 常务, 名誉: stays in the title
  former_marker,    // 原, 前: marks a former post, dropped from the title
  org_head,         // 委员会, 协会, 大学: ends an organisation name
  org_head_proper,  // 大学, 公司, 银行: heads of proper names, which need no place before them
  org_head_weak,    // 部, 局, 处, 室, 院: ends one only where the context says so
  org_legal_form,   // 有限公司: a legal form, never a sub-unit of its own
  org_stop,         // 由, 与, 设立: an organisation name never runs left across these
  not_org_end,      // 干部, 全部: runs ending in these are no organisation
  org_generic,      // 政府, 有关部门: an org head that alone is no organisation
  place_suffix,     // 省, 市, 县, 镇
  place,            // 北京, 法国: names of places that start organisations
  event_head,       // 研讨会, 座谈会, 论坛
  cue_attended,     // 出席, 参加
  cue_hosted,       // 主持
  cue_spoke,        // 致辞, 讲话
  cue_presented,    // 介绍, 分享
  cue_organized,    // 主办, 承办
  name_stop,        // words that cannot continue a name: 在, 表示, 等
  person_suffix,    // 先生, 女士, 教授: after a name
  pronoun,          // 他, 她们
  not_name,         // words that look like surname + given name but are not names
  translit_char,    // 尔, 斯, 德: characters of transliterated foreign names
  classifier,       // 个, 支, 家: a counter after a number, never part of a name
  // Classes from here on are the extractor's only: the tagger's features do
  // not see them (Tagger: kTaggerClasses), so adding one changes no model.
  sub_unit_head,   // 学院, 处, 研究所: heads of departments inside a larger body
  bound_modifier,  // 代 (代市长): a title modifier only right after a name's end or a break
  name_syllable,   // 其, 次, 买: characters of Mongolian, Tibetan, Uyghur names (其其格)
  kCount
};

// One bit per WordClass.
using WordClasses = std::uint32_t;

class Lexicon {
 public:
  // The lists compiled into the library.
  static const Lexicon& builtin();
  // The words of the built-in list of |cls| (lib/data/CLASS.txt), in file
  // order, comments and blank lines dropped; empty when there is no such list.
  static std::vector<std::string> builtin_words(WordClass cls);

  Lexicon() = default;

  void add(std::u32string_view word, WordClass cls);
  // Reads "WORD CATEGORY" lines; |source| names the input in error messages.
  void add_user_file(std::istream& in, std::string_view source);
  // Reads one built-in list: one word per line, all of class |cls|.
  void add_list(std::string_view text, WordClass cls);

  // Classes of exactly |word| (0 when unknown).
  WordClasses classes(std::u32string_view word) const;
  bool is(std::u32string_view word, WordClass cls) const {
    return (classes(word) >> static_cast<unsigned>(cls)) & 1U;
  }
  // Length of the longest word of class |cls| that starts at text[pos] (0 if none).
  std::size_t longest_at(std::u32string_view text, std::size_t pos, WordClass cls) const;
  // Length of the longest word of class |cls| that ends just before text[end] (0 if none).
  std::size_t longest_ending_at(std::u32string_view text, std::size_t end, WordClass cls) const;

  // Classes of every word that starts at text[pos], as (length, classes) pairs
  // in increasing length. One trie walk answers all classes at once.
  template <typename Visit>
  void visit_at(std::u32string_view text, std::size_t pos, Visit&& visit) const {
    forward_.walk(text, pos, +1, visit);
  }
  // The same for words that end just before text[end].
  template <typename Visit>
  void visit_ending_at(std::u32string_view text, std::size_t end, Visit&& visit) const {
    backward_.walk(text, end, -1, visit);
  }

  std::size_t size() const { return size_; }
  static std::string_view class_name(WordClass cls);
  static bool class_from_name(std::string_view name, WordClass* cls);

 private:
  // A trie over code points: the first step is a table for the Basic
  // Multilingual Plane, deeper steps an open-addressing hash of (node, code
  // point) -> child (linear probing, at most half full, key 0 for an empty
  // slot: a key is never 0, as node 0 keeps its BMP children in the table).
  // The first-step table is paged: 256 pages of 256 code points, each either
  // the shared empty page 0 or a page of its own, so that it stays small
  // (most pages hold no word's first character) and mostly in cache.
  class Trie {
   public:
    Trie();
    // Adds |word| read forwards (+1) or backwards (-1); returns its node.
    std::uint32_t insert(std::u32string_view word, int direction);
    WordClasses& classes(std::uint32_t node) { return classes_[node]; }
    WordClasses find(std::u32string_view word) const;
    template <typename Visit>
    void walk(std::u32string_view text, std::size_t pos, int direction, Visit&& visit) const {
      const std::size_t room = direction > 0 ? (pos < text.size() ? text.size() - pos : 0) : pos;
      if (room == 0) return;
      const char32_t* c = text.data() + (direction > 0 ? pos : pos - 1);
      std::uint32_t node = *c < kRootSize ? root(*c) : child(0, *c);
      for (std::size_t len = 1;; ++len) {
        if (node == 0) return;
        if (classes_[node] != 0) visit(len, classes_[node]);
        if (len == room) return;
        c += direction;
        node = child(node, *c);
      }
    }

   private:
    struct Edge {
      std::uint64_t key = 0;  // key(parent, c); 0 = empty slot
      std::uint32_t node = 0;
    };
    std::uint32_t child(std::uint32_t node, char32_t c) const {
      if (node == 0 && c < kRootSize) return root(c);
      const std::uint64_t k = key(node, c);
      for (std::size_t i = slot(k);; i = (i + 1) & mask_) {
        const Edge& e = edges_[i];
        if (e.key == k) return e.node;
        if (e.key == 0) return 0;
      }
    }
    static std::uint64_t key(std::uint32_t node, char32_t c) {
      return (static_cast<std::uint64_t>(node) << 21) | static_cast<std::uint64_t>(c);
    }
    std::size_t slot(std::uint64_t k) const {
      return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> shift_);
    }
    void add_edge(std::uint64_t k, std::uint32_t node);

    std::uint32_t root(char32_t c) const {
      return root_nodes_[(root_pages_[c >> 8] << 8) | (c & 0xFF)];
    }

    static constexpr char32_t kRootSize = 0x10000;
    std::vector<std::uint16_t> root_pages_;  // per high byte: its page, 0 = the empty page
    std::vector<std::uint32_t> root_nodes_;  // pages of 256 children of the root
    std::vector<Edge> edges_;  // a power of two in size
    std::size_t mask_;         // edges_.size() - 1
    unsigned shift_;           // 64 - log2(edges_.size())
    std::size_t edge_count_ = 0;
    std::vector<WordClasses> classes_;  // per node; node 0 is the root
  };

  Trie forward_;
  Trie backward_;
  std::size_t size_ = 0;
};

}  // namespace guanxi
