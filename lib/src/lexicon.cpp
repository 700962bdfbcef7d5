// Lexicon: word -> set of WordClass bits, with longest-match look-ups.
#include "guanxi/lexicon.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include "guanxi/error.hpp"
#include "guanxi/text.hpp"
#include "lexicon_data.hpp"

namespace guanxi {
namespace {

static_assert(static_cast<std::size_t>(WordClass::kCount) <= 32, "WordClasses holds 32 bits");

// Names of the classes, as used in user files and as the built-in file names.
constexpr std::array<std::string_view, static_cast<std::size_t>(WordClass::kCount)> kClassNames = {
    "surname",         "title",          "title_modifier", "former_marker", "org_head",
    "org_head_proper", "org_head_weak",  "org_legal_form", "org_stop",      "not_org_end",
    "org_generic",     "place_suffix",   "place",          "event_head",    "cue_attended",
    "cue_hosted",      "cue_spoke",      "cue_presented",  "cue_organized", "name_stop",
    "person_suffix",   "pronoun",        "not_name",       "translit_char", "classifier",
    "sub_unit_head",   "bound_modifier", "name_syllable",
};
static_assert(kClassNames.back() == "name_syllable", "one name per WordClass, in order");

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

// Calls |visit| with each word of a built-in list: one per line, '#' comments
// and blank lines skipped, surrounding white space trimmed.
template <typename Visit>
void for_each_list_word(std::string_view text, Visit&& visit) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    auto line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (!line.empty()) visit(line);
  }
}

}  // namespace

std::string_view Lexicon::class_name(WordClass cls) {
  return kClassNames[static_cast<std::size_t>(cls)];
}

bool Lexicon::class_from_name(std::string_view name, WordClass* cls) {
  for (std::size_t i = 0; i < kClassNames.size(); ++i) {
    if (kClassNames[i] == name) {
      *cls = static_cast<WordClass>(i);
      return true;
    }
  }
  return false;
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon = [] {
    Lexicon lex;
    for (std::size_t i = 0; i < data::kListCount; ++i) {
      WordClass cls;
      if (!class_from_name(data::kLists[i].name, &cls)) {
        throw Error(std::string("built-in lexicon lib/data/") + data::kLists[i].name +
                    ".txt names no word class");
      }
      lex.add_list(std::string_view(data::kLists[i].text, data::kLists[i].size), cls);
    }
    return lex;
  }();
  return lexicon;
}

Lexicon::Trie::Trie()
    : root_pages_(kRootSize >> 8, 0),
      root_nodes_(256, 0),
      edges_(16),
      mask_(15),
      shift_(64 - 4),
      classes_(1, 0) {}

void Lexicon::Trie::add_edge(std::uint64_t k, std::uint32_t node) {
  if (2 * (edge_count_ + 1) > edges_.size()) {  // keep the table at most half full
    std::vector<Edge> old(2 * edges_.size());
    old.swap(edges_);
    mask_ = edges_.size() - 1;
    --shift_;
    for (const Edge& e : old) {
      if (e.key == 0) continue;
      std::size_t i = slot(e.key);
      while (edges_[i].key != 0) i = (i + 1) & mask_;
      edges_[i] = e;
    }
  }
  std::size_t i = slot(k);
  while (edges_[i].key != 0) i = (i + 1) & mask_;
  edges_[i] = {k, node};
  ++edge_count_;
}

std::uint32_t Lexicon::Trie::insert(std::u32string_view word, int direction) {
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char32_t c = direction > 0 ? word[i] : word[word.size() - 1 - i];
    std::uint32_t next = child(node, c);
    if (next == 0) {
      next = static_cast<std::uint32_t>(classes_.size());
      classes_.push_back(0);
      if (node == 0 && c < kRootSize) {
        std::uint16_t& page = root_pages_[c >> 8];
        if (page == 0) {
          page = static_cast<std::uint16_t>(root_nodes_.size() >> 8);
          root_nodes_.resize(root_nodes_.size() + 256, 0);
        }
        root_nodes_[(std::size_t{page} << 8) | (c & 0xFF)] = next;
      } else {
        add_edge(key(node, c), next);
      }
    }
    node = next;
  }
  return node;
}

WordClasses Lexicon::Trie::find(std::u32string_view word) const {
  std::uint32_t node = 0;
  for (const char32_t c : word) {
    node = child(node, c);
    if (node == 0) return 0;
  }
  return classes_[node];
}

void Lexicon::add(std::u32string_view word, WordClass cls) {
  if (word.empty()) return;
  const WordClasses bit = WordClasses{1} << static_cast<unsigned>(cls);
  WordClasses& forward = forward_.classes(forward_.insert(word, +1));
  if (forward == 0) ++size_;
  forward |= bit;
  backward_.classes(backward_.insert(word, -1)) |= bit;
}

void Lexicon::add_list(std::string_view text, WordClass cls) {
  for_each_list_word(text, [&](std::string_view word) { add(decode_utf8(word), cls); });
}

std::vector<std::string> Lexicon::builtin_words(WordClass cls) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < data::kListCount; ++i) {
    if (class_name(cls) != data::kLists[i].name) continue;
    for_each_list_word(std::string_view(data::kLists[i].text, data::kLists[i].size),
                       [&](std::string_view word) { words.emplace_back(word); });
  }
  return words;
}

void Lexicon::add_user_file(std::istream& in, std::string_view source) {
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view view(line);
    if (auto hash = view.find('#'); hash != std::string_view::npos) view = view.substr(0, hash);
    view = trim(view);
    if (view.empty()) continue;
    const auto space = view.find_first_of(" \t");
    if (space == std::string_view::npos) {
      throw InputError(std::string(source) + ":" + std::to_string(number) +
                           ": expected \"WORD CATEGORY\", got \"" + std::string(view) + "\"",
                       number);
    }
    const auto word = view.substr(0, space);
    const auto category = trim(view.substr(space));
    WordClass cls;
    if (!class_from_name(category, &cls)) {
      std::string known;
      for (auto n : kClassNames) known += (known.empty() ? "" : ", ") + std::string(n);
      throw InputError(std::string(source) + ":" + std::to_string(number) + ": unknown category \"" +
                           std::string(category) + "\" (known: " + known + ")",
                       number);
    }
    try {
      add(decode_utf8(word), cls);
    } catch (const InputError& e) {
      throw InputError(std::string(source) + ":" + std::to_string(number) + ": " + e.what(), number);
    }
  }
}

WordClasses Lexicon::classes(std::u32string_view word) const { return forward_.find(word); }

std::size_t Lexicon::longest_at(std::u32string_view text, std::size_t pos, WordClass cls) const {
  const WordClasses bit = WordClasses{1} << static_cast<unsigned>(cls);
  std::size_t best = 0;
  forward_.walk(text, pos, +1, [&](std::size_t len, WordClasses classes) {
    if (classes & bit) best = len;
  });
  return best;
}

std::size_t Lexicon::longest_ending_at(std::u32string_view text, std::size_t end,
                                       WordClass cls) const {
  const WordClasses bit = WordClasses{1} << static_cast<unsigned>(cls);
  std::size_t best = 0;
  backward_.walk(text, end, -1, [&](std::size_t len, WordClasses classes) {
    if (classes & bit) best = len;
  });
  return best;
}

}  // namespace guanxi
