// Scoring: a Graph against a gold file, the extractor against CLUENER spans.
//
// Both sides of every category become sets of strings that read as examples
// ("王小明 @ 某某协会: 会长 (former)"); names inside them have no white space
// after normalize_name(), so the separators cannot be confused with a name.
#include "guanxi/eval.hpp"
#include "guanxi/text.hpp"
#include "json_message.hpp"

#include <algorithm>
#include <iomanip>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "guanxi/error.hpp"
#include "guanxi/guanxi.hpp"

namespace guanxi {
namespace {

using json = nlohmann::json;
using StringSet = std::set<std::string>;

// Gold category names, in report order.
constexpr const char* kPersons = "persons";
constexpr const char* kOrganizations = "organizations";
constexpr const char* kAffiliationPairs = "affiliation pairs";
constexpr const char* kAffiliationTitles = "affiliation titles";
constexpr const char* kCoAttendancePairs = "co-attendance pairs";
constexpr const char* kPartOf = "part_of";

// CLUENER examples kept per list; counts stay exact beyond it.
constexpr std::size_t kMaxCluenerExamples = 200;

// Code points normalize_name() drops, as UTF-8: 《》, quotes, white space.
// clang-format off
constexpr std::string_view kDropped[] = {
    "\xE3\x80\x8A", "\xE3\x80\x8B",  // 《 》
    "\xE2\x80\x9C", "\xE2\x80\x9D",  // “ ”
    "\xE2\x80\x98", "\xE2\x80\x99",  // ‘ ’
    "\xE3\x80\x8C", "\xE3\x80\x8D",  // 「 」
    "\xE3\x80\x8E", "\xE3\x80\x8F",  // 『 』
    "\xEF\xBC\x82", "\xEF\xBC\x87",  // ＂ ＇
    "\"", "'", " ", "\t", "\n", "\r", "\v", "\f",
    "\xC2\xA0",                      // no-break space
    "\xE3\x80\x80",                  // ideographic space
};
// clang-format on

// The two former-post markers a gold title may start with: 原, 前.
constexpr std::string_view kFormerMarkers[] = {"\xE5\x8E\x9F", "\xE5\x89\x8D"};

// Bytes in the UTF-8 sequence that starts with |lead| (1 for stray bytes).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Code points [begin, end) of |utf8|, clamped to its length.
std::string slice_code_points(std::string_view utf8, std::size_t begin, std::size_t end) {
  std::size_t byte = 0;
  std::size_t index = 0;
  std::size_t begin_byte = utf8.size();
  std::size_t end_byte = utf8.size();
  while (byte < utf8.size()) {
    if (index == begin) begin_byte = byte;
    if (index == end) {
      end_byte = byte;
      break;
    }
    byte += sequence_length(static_cast<unsigned char>(utf8[byte]));
    ++index;
  }
  if (begin_byte >= end_byte) return {};
  return std::string(utf8.substr(begin_byte, std::min(end_byte, utf8.size()) - begin_byte));
}

// Number of code points in |utf8|.
std::size_t count_code_points(std::string_view utf8) {
  std::size_t count = 0;
  for (std::size_t byte = 0; byte < utf8.size(); ++count) {
    byte += sequence_length(static_cast<unsigned char>(utf8[byte]));
  }
  return count;
}

// "SOURCE:LINE: what" (or "SOURCE: what" when the line is unknown).
[[noreturn]] void fail(std::string_view source, std::size_t line, const std::string& what) {
  std::string message(source);
  if (line > 0) message += ":" + std::to_string(line);
  throw InputError(message + ": " + what, line);
}

// Parses |text|; a syntax error throws InputError naming the line within
// |text| plus |first_line| - 1, and the column.
json parse_json(std::string_view text, std::string_view source, std::size_t first_line) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const std::size_t byte = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    const auto before = text.substr(0, byte);
    const std::size_t line =
        first_line + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const auto line_start = before.rfind('\n');
    const std::size_t column =
        byte - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    fail(source, line,
         "invalid JSON at byte " + std::to_string(column) + " of the line: " + json_error_message(e));
  }
}

// ---------------------------------------------------------------------------
// The gold file.

// Reads one gold file's fields; |source| names it in errors.
class GoldReader {
 public:
  GoldReader(const json& doc, std::string_view source) : doc_(doc), source_(source) {
    if (!doc_.is_object()) fail(source_, 0, "a gold file must be a JSON object");
  }

  // doc[key] as an array (empty when absent or null).
  const json& array(const json& object, const char* key, const std::string& where) const {
    static const json kEmpty = json::array();
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return kEmpty;
    if (!it->is_array()) fail(source_, 0, where + key + " must be an array");
    return *it;
  }
  const json& array(const char* key) const { return array(doc_, key, ""); }

  // |value| as a string, "" for null when |nullable|.
  std::string string(const json& value, const std::string& where, bool nullable = false) const {
    if (value.is_string()) return value.get<std::string>();
    if (nullable && value.is_null()) return {};
    fail(source_, 0, where + " must be a string");
  }

  // object[key] as a string ("" when absent and |nullable|).
  std::string field(const json& object, const char* key, const std::string& where,
                    bool nullable = false) const {
    if (!object.is_object()) fail(source_, 0, where + " must be an object");
    const auto it = object.find(key);
    if (it == object.end()) {
      if (nullable) return {};
      fail(source_, 0, where + " has no \"" + key + "\"");
    }
    return string(*it, where + "." + key, nullable);
  }

  // The normalised strings of doc[key].
  StringSet names(const char* key) const {
    StringSet out;
    const json& list = array(key);
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string name = normalize_name(string(list[i], indexed(key, i)));
      if (!name.empty()) out.insert(std::move(name));
    }
    return out;
  }

  static std::string indexed(const char* key, std::size_t i) {
    return std::string(key) + "[" + std::to_string(i) + "]";
  }

 private:
  const json& doc_;
  std::string_view source_;
};

// What a gold file says, every name normalised.
struct Gold {
  StringSet persons;
  StringSet optional_persons;
  std::map<std::string, std::string> canonical;  // name or alias -> name
  StringSet organizations;
  StringSet optional_organizations;
  StringSet affiliation_pairs;
  StringSet affiliation_titles;
  StringSet co_attendance;
  StringSet part_of;

  bool ignored_person(const std::string& name) const {
    return name.empty() || optional_persons.count(name) > 0;
  }
  // The gold name an organisation label stands for; nullopt when the label is
  // an optional organisation (or empty); the label itself when gold lacks it.
  std::optional<std::string> organization(const std::string& name) const {
    if (name.empty()) return std::nullopt;
    if (auto it = canonical.find(name); it != canonical.end()) return it->second;
    if (optional_organizations.count(name) > 0) return std::nullopt;
    return name;
  }
};

std::string pair_key(const std::string& person, const std::string& org) {
  return person + " @ " + org;
}

std::string title_key(const std::string& person, const std::string& org, const std::string& title,
                      bool former) {
  return pair_key(person, org) + ": " + (title.empty() ? "(no title)" : title) +
         (former ? " (former)" : "");
}

// Unordered: the smaller name first.
std::string co_attendance_key(const std::string& a, const std::string& b) {
  return a < b ? a + " + " + b : b + " + " + a;
}

std::string part_of_key(const std::string& sub, const std::string& parent) {
  return sub + " -> " + parent;
}

// Drops a leading 原/前 from |title|; true when there was one.
bool strip_former_marker(std::string* title) {
  for (auto marker : kFormerMarkers) {
    if (title->size() > marker.size() && title->compare(0, marker.size(), marker) == 0) {
      title->erase(0, marker.size());
      return true;
    }
  }
  return false;
}

Gold read_gold(const json& doc, std::string_view source) {
  GoldReader reader(doc, source);
  Gold gold;
  gold.optional_persons = reader.names("optional_persons");
  for (const auto& name : reader.names("persons")) {
    if (!gold.ignored_person(name)) gold.persons.insert(name);
  }
  gold.optional_organizations = reader.names("optional_organizations");

  // Organisations: name and aliases map to the name; parents read afterwards,
  // since a parent may be listed after its sub-unit or written as an alias.
  std::vector<std::pair<std::string, std::string>> parents;
  const json& orgs = reader.array("organizations");
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    const std::string where = GoldReader::indexed("organizations", i);
    const json& org = orgs[i];
    std::string name;
    std::string parent;
    if (org.is_string()) {
      name = normalize_name(org.get<std::string>());
    } else {
      name = normalize_name(reader.field(org, "name", where));
      const json& aliases = reader.array(org, "aliases", where + ".");
      for (std::size_t a = 0; a < aliases.size(); ++a) {
        std::string alias = normalize_name(
            reader.string(aliases[a], where + ".aliases[" + std::to_string(a) + "]"));
        if (!alias.empty()) gold.canonical.emplace(std::move(alias), name);
      }
      parent = normalize_name(reader.field(org, "parent", where, /*nullable=*/true));
    }
    if (name.empty()) fail(source, 0, where + ".name is empty");
    gold.canonical[name] = name;  // a name wins over an equal alias of another
    gold.organizations.insert(name);
    if (!parent.empty()) parents.emplace_back(name, parent);
  }
  const json& relations = reader.array("org_relations");
  for (std::size_t i = 0; i < relations.size(); ++i) {
    const std::string where = GoldReader::indexed("org_relations", i);
    if (reader.field(relations[i], "kind", where, true) != "part_of") continue;
    parents.emplace_back(normalize_name(reader.field(relations[i], "from", where)),
                         normalize_name(reader.field(relations[i], "to", where)));
  }
  for (const auto& [sub, parent] : parents) {
    const auto s = gold.organization(sub);
    const auto p = gold.organization(parent);
    if (s && p) gold.part_of.insert(part_of_key(*s, *p));
  }

  const json& affiliations = reader.array("affiliations");
  for (std::size_t i = 0; i < affiliations.size(); ++i) {
    const std::string where = GoldReader::indexed("affiliations", i);
    const json& a = affiliations[i];
    const std::string person = normalize_name(reader.field(a, "person", where));
    const auto org = gold.organization(normalize_name(reader.field(a, "org", where)));
    if (gold.ignored_person(person) || !org) continue;
    std::string title = normalize_name(reader.field(a, "title", where, true));
    bool former = strip_former_marker(&title);
    if (const auto it = a.find("former"); it != a.end() && !it->is_null()) {
      if (!it->is_boolean()) fail(source, 0, where + ".former must be true or false");
      former = former || it->get<bool>();
    }
    gold.affiliation_pairs.insert(pair_key(person, *org));
    gold.affiliation_titles.insert(title_key(person, *org, title, former));
  }

  const json& events = reader.array("events");
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string where = GoldReader::indexed("events", i);
    StringSet attendees;
    const json& list = reader.array(events[i], "attendees", where + ".");
    for (std::size_t k = 0; k < list.size(); ++k) {
      attendees.insert(
          normalize_name(reader.string(list[k], where + ".attendees[" + std::to_string(k) + "]")));
    }
    if (const auto roles = events[i].find("roles");
        roles != events[i].end() && roles->is_object()) {
      for (const auto& item : roles->items()) attendees.insert(normalize_name(item.key()));
    }
    for (auto a = attendees.begin(); a != attendees.end(); ++a) {
      if (gold.ignored_person(*a)) continue;
      for (auto b = std::next(a); b != attendees.end(); ++b) {
        if (!gold.ignored_person(*b)) gold.co_attendance.insert(co_attendance_key(*a, *b));
      }
    }
  }
  return gold;
}

// ---------------------------------------------------------------------------
// The graph, read the way the gold file is.

struct Found {
  StringSet persons;
  StringSet organizations;
  StringSet affiliation_pairs;
  StringSet affiliation_titles;
  StringSet co_attendance;
  StringSet part_of;
};

Found read_graph(const Graph& g, const Gold& gold) {
  Found found;
  // Each vertex's scored name: person -> normalised label, organisation -> gold
  // name; nullopt for ignored ones and events.
  std::vector<std::optional<std::string>> names(boost::num_vertices(g));
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const Vertex& v = g[*it];
    const std::string label = normalize_name(v.label);
    if (v.kind == VertexKind::person && !gold.ignored_person(label)) {
      names[*it] = label;
      found.persons.insert(label);
    } else if (v.kind == VertexKind::organization) {
      names[*it] = gold.organization(label);
      if (names[*it]) found.organizations.insert(*names[*it]);
    }
  }
  auto is = [&](VertexId v, VertexKind kind) { return g[v].kind == kind && names[v].has_value(); };

  std::map<VertexId, std::vector<VertexId>> attendees;  // event -> persons
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const Edge& e = g[*it];
    const VertexId from = boost::source(*it, g);
    const VertexId to = boost::target(*it, g);
    switch (e.kind) {
      case EdgeKind::affiliation:
        if (is(from, VertexKind::person) && is(to, VertexKind::organization)) {
          found.affiliation_pairs.insert(pair_key(*names[from], *names[to]));
          found.affiliation_titles.insert(
              title_key(*names[from], *names[to], normalize_name(e.title), e.former));
        }
        break;
      case EdgeKind::co_attendance:
        if (is(from, VertexKind::person) && is(to, VertexKind::person) &&
            *names[from] != *names[to]) {
          found.co_attendance.insert(co_attendance_key(*names[from], *names[to]));
        }
        break;
      case EdgeKind::attended:
        if (is(from, VertexKind::person) && g[to].kind == VertexKind::event) {
          attendees[to].push_back(from);
        }
        break;
      case EdgeKind::part_of:
        if (is(from, VertexKind::organization) && is(to, VertexKind::organization)) {
          found.part_of.insert(part_of_key(*names[from], *names[to]));
        }
        break;
      default:
        break;
    }
  }
  for (const auto& [event, people] : attendees) {
    for (std::size_t a = 0; a < people.size(); ++a) {
      for (std::size_t b = a + 1; b < people.size(); ++b) {
        if (*names[people[a]] != *names[people[b]]) {
          found.co_attendance.insert(co_attendance_key(*names[people[a]], *names[people[b]]));
        }
      }
    }
  }
  return found;
}

// Compares two sets: found - gold are false positives, gold - found misses.
Score compare(const char* category, const StringSet& found, const StringSet& gold) {
  Score score;
  score.category = category;
  std::set_difference(found.begin(), found.end(), gold.begin(), gold.end(),
                      std::back_inserter(score.spurious));
  std::set_difference(gold.begin(), gold.end(), found.begin(), found.end(),
                      std::back_inserter(score.missed));
  score.false_positives = score.spurious.size();
  score.false_negatives = score.missed.size();
  score.true_positives = found.size() - score.false_positives;
  return score;
}

// ---------------------------------------------------------------------------
// CLUENER.

// CLUENER label -> our mention type name (nullptr for labels we ignore).
const char* cluener_type(std::string_view label) {
  if (label == "name") return "person";
  if (label == "position") return "title";
  if (label == "organization" || label == "government" || label == "company") {
    return "organization";
  }
  return nullptr;
}

// (type, start, end) with end exclusive.
using SpanKey = std::tuple<std::string, std::size_t, std::size_t>;

// The gold spans of one parsed CLUENER record.
std::set<SpanKey> cluener_gold(const json& record, std::size_t length, std::string_view source,
                               std::size_t line) {
  std::set<SpanKey> spans;
  const auto label = record.find("label");
  if (label == record.end() || label->is_null()) return spans;
  if (!label->is_object()) fail(source, line, "\"label\" must be an object");
  for (const auto& [kind, entities] : label->items()) {
    const char* type = cluener_type(kind);
    if (type == nullptr) continue;
    if (!entities.is_object()) fail(source, line, "label \"" + kind + "\" must be an object");
    for (const auto& [text, list] : entities.items()) {
      if (!list.is_array()) fail(source, line, "spans of \"" + text + "\" must be an array");
      for (const auto& span : list) {
        if (!span.is_array() || span.size() != 2 || !span[0].is_number_unsigned() ||
            !span[1].is_number_unsigned()) {
          fail(source, line, "a span of \"" + text + "\" is not [start, end]");
        }
        const auto start = span[0].get<std::size_t>();
        const auto last = span[1].get<std::size_t>();
        if (start > last || last >= length) {
          fail(source, line,
               "span [" + std::to_string(start) + ", " + std::to_string(last) + "] of \"" + text +
                   "\" lies outside the text (" + std::to_string(length) + " characters)");
        }
        spans.emplace(type, start, last + 1);
      }
    }
  }
  return spans;
}

// One score per CLUENER type plus their sum, filled sentence by sentence.
class CluenerTally {
 public:
  CluenerTally() {
    for (const char* name : {"person", "title", "organization", "all"}) {
      Score score;
      score.category = name;
      scores_.push_back(std::move(score));
    }
  }

  void add(const std::set<SpanKey>& found, const std::set<SpanKey>& gold, std::string_view text) {
    for (const auto& key : found) {
      if (gold.count(key) > 0) {
        count(std::get<0>(key), &Score::true_positives);
      } else {
        count(std::get<0>(key), &Score::false_positives);
        note(std::get<0>(key), &Score::spurious, describe(key, text));
      }
    }
    for (const auto& key : gold) {
      if (found.count(key) == 0) {
        count(std::get<0>(key), &Score::false_negatives);
        note(std::get<0>(key), &Score::missed, describe(key, text));
      }
    }
  }

  EvalReport report() && { return EvalReport{std::move(scores_)}; }

 private:
  Score& of(const std::string& type) {
    for (auto& s : scores_) {
      if (s.category == type) return s;
    }
    return scores_.back();
  }
  void count(const std::string& type, std::size_t Score::*field) {
    ++(of(type).*field);
    ++(scores_.back().*field);
  }
  void note(const std::string& type, std::vector<std::string> Score::*list, std::string example) {
    auto& examples = of(type).*list;
    if (examples.size() < kMaxCluenerExamples) examples.push_back(std::move(example));
  }
  // "person 柏青山 [9,12) in: <sentence>"
  static std::string describe(const SpanKey& key, std::string_view text) {
    const auto& [type, start, end] = key;
    return type + " " + slice_code_points(text, start, end) + " [" + std::to_string(start) + "," +
           std::to_string(end) + ") in: " + std::string(text);
  }

  std::vector<Score> scores_;
};

}  // namespace

// ---------------------------------------------------------------------------

// 0/0 counts as 1 only when the category is empty on both sides.
double Score::precision() const {
  const std::size_t found = true_positives + false_positives;
  if (found == 0) return false_negatives == 0 ? 1.0 : 0.0;
  return static_cast<double>(true_positives) / static_cast<double>(found);
}

double Score::recall() const {
  const std::size_t gold = true_positives + false_negatives;
  if (gold == 0) return false_positives == 0 ? 1.0 : 0.0;
  return static_cast<double>(true_positives) / static_cast<double>(gold);
}

double Score::f1() const {
  const double p = precision();
  const double r = recall();
  return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
}

const Score* EvalReport::find(std::string_view category) const {
  for (const auto& score : scores) {
    if (score.category == category) return &score;
  }
  return nullptr;
}

std::string normalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  std::size_t pos = 0;
  while (pos < name.size()) {
    const auto rest = name.substr(pos);
    const auto dropped =
        std::find_if(std::begin(kDropped), std::end(kDropped),
                     [&](std::string_view d) { return rest.substr(0, d.size()) == d; });
    if (dropped != std::end(kDropped)) {
      pos += dropped->size();
      continue;
    }
    const std::size_t length =
        std::min(sequence_length(static_cast<unsigned char>(name[pos])), name.size() - pos);
    out.append(name.substr(pos, length));
    pos += length;
  }
  // The text's normalisation (text.hpp) on both sides: a middle dot in any of
  // its encodings, full-width forms and Traditional characters compare equal
  // to what guanxi's labels hold (拉吉夫‧梅赫拉 = 拉吉夫·梅赫拉, 鍾浩然 = 钟浩然).
  if (std::any_of(out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    out = encode_utf8(normalize(decode_utf8(out)).text);
  return out;
}

EvalReport evaluate_gold(const Graph& graph, std::istream& gold_json, std::string_view source) {
  const std::string text(std::istreambuf_iterator<char>(gold_json), {});
  if (gold_json.bad()) fail(source, 0, "cannot read the gold file");
  const Gold gold = read_gold(parse_json(text, source, 1), source);
  const Found found = read_graph(graph, gold);

  EvalReport report;
  report.scores.push_back(compare(kPersons, found.persons, gold.persons));
  report.scores.push_back(compare(kOrganizations, found.organizations, gold.organizations));
  report.scores.push_back(
      compare(kAffiliationPairs, found.affiliation_pairs, gold.affiliation_pairs));
  report.scores.push_back(
      compare(kAffiliationTitles, found.affiliation_titles, gold.affiliation_titles));
  report.scores.push_back(compare(kCoAttendancePairs, found.co_attendance, gold.co_attendance));
  report.scores.push_back(compare(kPartOf, found.part_of, gold.part_of));
  return report;
}

EvalReport evaluate_cluener(std::istream& jsonl, std::string_view source, const Pipeline& pipeline,
                            const CluenerOptions& options) {
  CluenerTally tally;
  std::string line;
  std::size_t number = 0;   // physical line
  std::size_t records = 0;  // non-blank lines seen
  std::size_t scored = 0;
  while (scored < options.limit && std::getline(jsonl, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (records++ < options.first) continue;
    ++scored;

    const json record = parse_json(line, source, number);
    if (!record.is_object()) fail(source, number, "a CLUENER line must be a JSON object");
    const auto text_it = record.find("text");
    if (text_it == record.end() || !text_it->is_string()) {
      fail(source, number, "no \"text\" string");
    }
    const std::string text = text_it->get<std::string>();
    const std::set<SpanKey> gold = cluener_gold(record, count_code_points(text), source, number);

    AnalyzedDocument analyzed;
    try {
      analyzed = pipeline.analyze_document(text, "cluener:" + std::to_string(number));
    } catch (const InputError& e) {
      fail(source, number, e.what());
    }
    std::set<SpanKey> found;
    for (const Mention& m : analyzed.extraction.mentions) {
      // Our type names (to_string) are the categories cluener_type() maps to.
      if (m.type != MentionType::event) found.emplace(to_string(m.type), m.start, m.end);
    }
    tally.add(found, gold, text);
  }
  if (jsonl.bad()) fail(source, number, "cannot read the input");
  return std::move(tally).report();
}

void print_report(std::ostream& out, const EvalReport& report, std::size_t max_examples) {
  std::size_t width = std::string_view("category").size();
  for (const auto& s : report.scores) width = std::max(width, s.category.size());
  width += 2;

  std::ostringstream table;
  table << std::left << std::setw(static_cast<int>(width)) << "category" << std::right
        << std::setw(7) << "P" << std::setw(7) << "R" << std::setw(7) << "F1" << std::setw(7)
        << "tp" << std::setw(7) << "fp" << std::setw(7) << "fn" << '\n';
  table << std::fixed << std::setprecision(3);
  for (const auto& s : report.scores) {
    table << std::left << std::setw(static_cast<int>(width)) << s.category << std::right
          << std::setw(7) << s.precision() << std::setw(7) << s.recall() << std::setw(7) << s.f1()
          << std::setw(7) << s.true_positives << std::setw(7) << s.false_positives << std::setw(7)
          << s.false_negatives << '\n';
  }
  out << table.str();

  // One list: a heading with the true count, up to |max_examples| lines
  // (none for a sum such as CLUENER's "all", which keeps no examples).
  auto list = [&](const std::string& heading, std::size_t total,
                  const std::vector<std::string>& examples) {
    if (total == 0 || examples.empty() || max_examples == 0) return;
    out << '\n' << heading << " (" << total << "):\n";
    const std::size_t shown = std::min(max_examples, examples.size());
    for (std::size_t i = 0; i < shown; ++i) out << "  " << examples[i] << '\n';
    if (total > shown) out << "  ... and " << (total - shown) << " more\n";
  };
  for (const auto& s : report.scores) {
    list("false positives in " + s.category, s.false_positives, s.spurious);
    list("missed in " + s.category, s.false_negatives, s.missed);
  }
}

}  // namespace guanxi
