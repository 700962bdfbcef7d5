// Stage 2: normalised text -> documents (headline .. source line) -> sentences.
//
// Lines are classified on the normalised text, where full-width punctuation is
// already ASCII: a headline is a short line with no sentence punctuation, a
// source line is a whole line such as (据《某某日报》), (据某某协会) or (来源:某某).
// A source line closes a document when a headline (or the end of the text)
// follows it; otherwise it is a quotation inside the article. A headline that
// follows a finished paragraph and a blank line, and is followed by a
// dateline (本报讯, …日电, a date), starts a new document without one.
#include "guanxi/document.hpp"

#include "guanxi/lexicon.hpp"

#include <array>
#include <optional>
#include <utility>

namespace guanxi {
namespace {

constexpr std::size_t kHeadlineMaxLength = 40;
constexpr std::size_t kSourceNameMaxLength = 30;

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\v' || c == U'\f' || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

// Ends a sentence (full-width forms are folded to ASCII by normalize()).
bool is_terminator(char32_t c) {
  return c == U'。' || c == U'!' || c == U'?' || c == U';' || c == U'！' || c == U'？' ||
         c == U'；';
}

// A Han character (CJK unified ideographs and extension A).
bool is_han_char(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// An ASCII full stop used as 。: after a Han character and before a Han
// character, white space or the end (会议召开.市长出席; never 3.5 or a.b, nor
// the dot of a transliterated name between two of its characters: 迈克.内维尔).
bool is_ascii_full_stop(std::u32string_view text, std::size_t i) {
  if (text[i] != U'.' || i == 0 || !is_han_char(text[i - 1])) return false;
  if (i + 1 == text.size()) return true;
  const char32_t next = text[i + 1];
  if (is_han_char(next)) {
    const Lexicon& lex = Lexicon::builtin();
    return !(lex.is(text.substr(i - 1, 1), WordClass::translit_char) &&
             lex.is(text.substr(i + 1, 1), WordClass::translit_char));
  }
  return next == U'\n' || next == U' ' || next == U'\t' || next == 0x3000;
}

// Quotes and brackets that close after a terminator and belong to its sentence.
bool is_closer(char32_t c) {
  switch (c) {
    case U'"': case U'\'': case U'”': case U'’': case U'」': case U'』': case U')': case U']':
    case U'》': case U'】': case U'〕': case U'〉':
      return true;
    default:
      return false;
  }
}

// Punctuation a headline neither contains (terminators) nor ends with (these).
bool is_continuing(char32_t c) {
  return c == U',' || c == U'、' || c == U':' || c == U'.' || c == U'…' || c == U'，' ||
         c == U'：';
}

// One line of a normalised text, with and without its surrounding white space.
struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;  // the '\n' or the end of the text
  std::size_t content_begin = 0;
  std::size_t content_end = 0;

  bool blank() const { return content_begin == content_end; }
  std::size_t length() const { return content_end - content_begin; }
};

std::vector<Line> split_lines(std::u32string_view text) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  for (;;) {
    std::size_t end = text.find(U'\n', begin);
    if (end == std::u32string_view::npos) end = text.size();
    Line line{begin, end, begin, end};
    while (line.content_begin < end && is_space(text[line.content_begin])) ++line.content_begin;
    while (line.content_end > line.content_begin && is_space(text[line.content_end - 1])) {
      --line.content_end;
    }
    lines.push_back(line);
    if (end == text.size()) return lines;
    begin = end + 1;
  }
}

std::u32string_view content(std::u32string_view text, const Line& line) {
  return text.substr(line.content_begin, line.length());
}

// Words that introduce the source; 据 only inside parentheses.
constexpr std::array<std::u32string_view, 11> kSourcePrefixes = {
    U"稿件来源", U"文章来源", U"新闻来源", U"本文来源", U"信息来源", U"来源",
    U"转载自",   U"转自",     U"摘自",     U"选自",     U"原载"};
// 据 followed by these is the start of a sentence (据悉, 据了解), not a source.
constexpr std::array<std::u32string_view, 11> kNotSourceAfterJu = {
    U"悉", U"了解", U"介绍", U"统计", U"报道", U"称", U"说", U"测", U"估计", U"初步", U"此"};
// Words after the name that are not part of it: (据新华社报道) -> 新华社.
constexpr std::array<std::u32string_view, 3> kSourceSuffixes = {U"报道", U"消息", U"供稿"};

// How a dateline starts; 日电 and 日讯 are looked for in its first
// kDatelineMaxLength code points.
constexpr std::array<std::u32string_view, 8> kDatelineOpeners = {
    U"本报讯", U"本网讯", U"本刊讯", U"讯(", U"(记者", U"记者", U"近日", U"日前"};
constexpr std::size_t kDatelineMaxLength = 24;

// The span of the publication named by a source line, in |text|'s code points,
// or nothing when |line| is not a source line.
std::optional<Span> parse_source(std::u32string_view text, const Line& line) {
  if (line.blank()) return std::nullopt;
  std::size_t b = line.content_begin;
  std::size_t e = line.content_end;
  const bool parenthesised = text[b] == U'(' && text[e - 1] == U')';
  if (parenthesised) {
    ++b;
    --e;
  }
  auto skip_spaces = [&] {
    while (b < e && is_space(text[b])) ++b;
    while (e > b && is_space(text[e - 1])) --e;
  };
  skip_spaces();

  // The introducing word.
  bool introduced = false;
  for (std::u32string_view prefix : kSourcePrefixes) {
    if (starts_with(text.substr(b, e - b), prefix)) {
      b += prefix.size();
      introduced = true;
      break;
    }
  }
  bool colon = false;
  if (introduced && b < e && text[b] == U':') {
    ++b;
    colon = true;
  }
  if (introduced && !parenthesised && !colon) return std::nullopt;  // 来源于..., a sentence
  if (!introduced) {
    if (!parenthesised || b == e || text[b] != U'据') return std::nullopt;
    ++b;
    for (std::u32string_view word : kNotSourceAfterJu) {
      if (starts_with(text.substr(b, e - b), word)) return std::nullopt;
    }
    if (b < e && text[b] == U':') ++b;
  }
  skip_spaces();

  // The name: inside 《》 when quoted, else up to an enumeration comma.
  if (b < e && text[b] == U'《') {
    const std::size_t close = text.substr(0, e).find(U'》', b + 1);
    if (close == std::u32string_view::npos) return std::nullopt;
    ++b;
    e = close;
  } else {
    const std::size_t comma = text.substr(0, e).find(U'、', b);
    if (comma != std::u32string_view::npos) e = comma;
    for (std::u32string_view suffix : kSourceSuffixes) {
      if (e - b > suffix.size() && ends_with(text.substr(b, e - b), suffix)) {
        e -= suffix.size();
        break;
      }
    }
  }
  skip_spaces();
  if (b == e || e - b > kSourceNameMaxLength) return std::nullopt;
  for (std::size_t i = b; i < e; ++i) {
    const char32_t c = text[i];
    if (is_terminator(c) || c == U',' || c == U'，' || c == U'(' || c == U')') return std::nullopt;
  }
  return Span{b, e};
}

// Whether |line| opens an article with a dateline: 本报讯, 本报北京5月3日电,
// 新华社上海3月1日电, 某某网讯, (记者 某某), or a date or 近日 at its start.
bool opens_with_dateline(std::u32string_view text, const Line& line) {
  if (line.blank()) return false;
  const std::u32string_view s = content(text, line);
  for (std::u32string_view opener : kDatelineOpeners) {
    if (starts_with(s, opener)) return true;
  }
  // 日电 or 日讯 close a dateline: an agency, a place and a date before them.
  const std::u32string_view head = s.substr(0, kDatelineMaxLength);
  if (head.find(U"日电") != std::u32string_view::npos ||
      head.find(U"日讯") != std::u32string_view::npos) {
    return true;
  }
  // A date first: digits or numerals, 月, digits or numerals, 日.
  std::size_t i = 0;
  auto numerals = [&] {
    const std::size_t from = i;
    while (i < s.size() && ((s[i] >= U'0' && s[i] <= U'9') ||
                            std::u32string_view(U"一二三四五六七八九十〇零").find(s[i]) !=
                                std::u32string_view::npos)) {
      ++i;
    }
    return i > from;
  };
  if (!numerals() || i >= s.size() || s[i] != U'月') return false;
  ++i;
  return numerals() && i < s.size() && s[i] == U'日';
}

// A list marker at the start of a line (一、 (二) 3.): a section heading
// inside an article, never the headline of a new one.
bool starts_with_list_marker(std::u32string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == U'(') ++i;
  const std::size_t from = i;
  while (i < s.size() && ((s[i] >= U'0' && s[i] <= U'9') ||
                          std::u32string_view(U"一二三四五六七八九十").find(s[i]) !=
                              std::u32string_view::npos)) {
    ++i;
  }
  return i > from && i < s.size() &&
         (s[i] == U'、' || s[i] == U'.' || s[i] == U')' || s[i] == U'是');
}

// Words that open an editor's credit line: 责任编辑:某某, 撰稿:某某.
constexpr std::array<std::u32string_view, 9> kCreditWords = {
    U"责任编辑", U"编辑", U"审核", U"撰稿", U"校对", U"初审", U"终审", U"审校", U"摄影"};

// Whether |line| ends on a sentence terminator, perhaps with closing quotes,
// or is a whole line in brackets or a credit line ((撰稿:某某 审核:某某),
// 责任编辑:某某), which close an article as well.
bool ends_paragraph(std::u32string_view text, const Line& line) {
  std::u32string_view s = content(text, line);
  if (s.size() >= 2 && s.front() == U'(' && s.back() == U')') return true;
  for (std::u32string_view word : kCreditWords) {
    if (starts_with(s, word) && s.size() > word.size() && s[word.size()] == U':') return true;
  }
  while (!s.empty() && is_closer(s.back())) s.remove_suffix(1);
  return !s.empty() && (is_terminator(s.back()) || is_ascii_full_stop(s, s.size() - 1));
}

bool is_headline_candidate(std::u32string_view text, const Line& line) {
  if (line.blank() || line.length() > kHeadlineMaxLength) return false;
  const std::u32string_view s = content(text, line);
  for (char32_t c : s) {
    if (is_terminator(c)) return false;
  }
  if (is_continuing(s.back())) return false;
  return !parse_source(text, line);
}

// Sentences of |text|: split after terminators (with the closers that follow
// them) and at line ends, white space trimmed, blank ones skipped.
std::vector<Span> split_sentences(std::u32string_view text) {
  std::vector<Span> sentences;
  auto add = [&](std::size_t b, std::size_t e) {
    while (b < e && is_space(text[b])) ++b;
    while (e > b && is_space(text[e - 1])) --e;
    if (b < e) sentences.push_back({b, e});
  };
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t c = text[i];
    if (c == U'\n') {
      add(start, i);
      start = ++i;
    } else if (is_terminator(c) || is_ascii_full_stop(text, i)) {
      ++i;
      while (i < text.size() && is_terminator(text[i])) ++i;
      while (i < text.size() && is_closer(text[i])) ++i;
      add(start, i);
      start = i;
    } else {
      ++i;
    }
  }
  add(start, text.size());
  return sentences;
}

// Fills headline, source and sentences of |doc| from its normalised text. The
// first line is the headline when it looks like one and more lines follow; the
// source is named by the last source line.
void annotate(Document& doc) {
  const std::u32string_view text = doc.norm.text;
  const std::vector<Line> lines = split_lines(text);
  std::vector<const Line*> non_blank;
  for (const Line& line : lines) {
    if (!line.blank()) non_blank.push_back(&line);
  }
  if (non_blank.size() > 1 && is_headline_candidate(text, *non_blank.front())) {
    doc.headline = encode_utf8(content(text, *non_blank.front()));
  }
  for (auto it = non_blank.rbegin(); it != non_blank.rend(); ++it) {
    if (std::optional<Span> name = parse_source(text, **it)) {
      doc.source = encode_utf8(text.substr(name->begin, name->end - name->begin));
      doc.source_span = *name;
      break;
    }
  }
  doc.sentences = split_sentences(text);
}

// The document made of the normalised span [b, e) of |whole|, its original
// text cut to match and its offset map re-based onto that cut.
Document slice_document(std::u32string_view original, const NormalizedText& whole,
                        std::size_t b, std::size_t e, std::string id) {
  Document doc;
  doc.id = std::move(id);
  const std::size_t orig_b = whole.to_orig[b];
  const std::size_t orig_e = whole.to_orig[e];
  doc.original = std::u32string(original.substr(orig_b, orig_e - orig_b));
  doc.norm.text = whole.text.substr(b, e - b);
  doc.norm.to_orig.reserve(e - b + 1);
  for (std::size_t i = b; i <= e; ++i) doc.norm.to_orig.push_back(whole.to_orig[i] - orig_b);
  annotate(doc);
  return doc;
}

// The document made of all of |original|, whose normalised text is |norm|.
Document whole_document(std::u32string_view original, NormalizedText norm, std::string_view id) {
  Document doc;
  doc.id = std::string(id);
  doc.original = std::u32string(original);
  doc.norm = std::move(norm);
  annotate(doc);
  return doc;
}

}  // namespace

Document make_document(std::u32string_view original, std::string_view id) {
  return whole_document(original, normalize(original), id);
}

// A document starts at the first non-blank line after the top or after the
// source line closing the previous one, and ends with its source line; lines
// after the last closing source line form a last document. A single document
// is returned whole, as make_document() gives it, so its offsets count from the
// start of the input.
std::vector<Document> split_documents(std::u32string_view original, std::string_view id_base) {
  NormalizedText whole = normalize(original);
  const std::u32string_view text = whole.text;
  const std::vector<Line> lines = split_lines(text);

  std::vector<std::size_t> non_blank;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].blank()) non_blank.push_back(i);
  }

  // [first line, last line] of each document.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  bool open = false;
  std::size_t first = 0;
  for (std::size_t k = 0; k < non_blank.size(); ++k) {
    const Line& line = lines[non_blank[k]];
    if (!open) {
      first = non_blank[k];
      open = true;
    }
    // A headline after a blank line, closing no sentence of its own, that
    // ends a finished paragraph and is followed by a dateline starts a new
    // document even where the previous one has no source line.
    if (k + 1 < non_blank.size() && first != non_blank[k] && lines[non_blank[k] - 1].blank() &&
        is_headline_candidate(text, line) &&
        !starts_with_list_marker(content(text, line)) &&
        ends_paragraph(text, lines[non_blank[k - 1]]) &&
        opens_with_dateline(text, lines[non_blank[k + 1]])) {
      ranges.emplace_back(first, non_blank[k - 1]);
      first = non_blank[k];
      continue;
    }
    if (!parse_source(text, line)) continue;
    const bool last = k + 1 == non_blank.size();
    if (last || is_headline_candidate(text, lines[non_blank[k + 1]])) {
      ranges.emplace_back(first, non_blank[k]);
      open = false;
    }
  }
  if (open) ranges.emplace_back(first, non_blank.back());

  std::vector<Document> documents;
  if (ranges.size() <= 1) {
    documents.push_back(whole_document(original, std::move(whole), id_base));
    return documents;
  }
  documents.reserve(ranges.size());
  for (std::size_t d = 0; d < ranges.size(); ++d) {
    const std::size_t b = lines[ranges[d].first].begin;
    const std::size_t e = lines[ranges[d].second].end;
    documents.push_back(slice_document(original, whole, b, e,
                                       std::string(id_base) + "#" + std::to_string(d + 1)));
  }
  return documents;
}

}  // namespace guanxi
