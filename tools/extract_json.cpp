// 'guanxi extract' records, written without a JSON tree (see extract_json.hpp).
#include "extract_json.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "guanxi/graph.hpp"
#include "guanxi/text.hpp"

namespace guanxi::cli {
namespace {

// A JSON string, escaped as nlohmann escapes it, checked and escaped in one
// pass; a string that is not well-formed UTF-8 (rare: a file name) is
// written by nlohmann instead, which replaces the bad bytes.
void append_string(std::string_view s, std::string* out) {
  const std::size_t start = out->size();
  out->push_back('"');
  std::size_t run = 0;  // start of the bytes not yet written, which need no escape
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t length =
          utf8_length_at(reinterpret_cast<const unsigned char*>(s.data()), s.size(), i);
      if (length == 0) {
        out->resize(start);
        *out += nlohmann::json(std::string(s))
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      i += length;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out->append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default: {  // the other control characters
        static const char kHex[] = "0123456789abcdef";
        *out += "\\u00";
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
      }
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

// Writes the members of one object: key() before each value, in order.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  ~ObjectWriter() { out_->push_back('}'); }
  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;

  void key(std::string_view name) {
    if (!first_) out_->push_back(',');
    first_ = false;
    append_string(name, out_);
    out_->push_back(':');
  }
  void string(std::string_view name, std::string_view value) {
    key(name);
    append_string(value, out_);
  }
  // |json|: a value already written as JSON.
  void raw(std::string_view name, std::string_view json) {
    key(name);
    out_->append(json);
  }
  void number(std::string_view name, std::size_t value) {
    key(name);
    *out_ += std::to_string(value);
  }
  void boolean(std::string_view name, bool value) {
    key(name);
    *out_ += value ? "true" : "false";
  }

 private:
  std::string* out_;
  bool first_ = true;
};

// The name of entity |index| of |items|, or nullptr when there is none.
template <typename Item>
const std::string* name_at(const std::vector<Item>& items, std::size_t index) {
  return index < items.size() ? &items[index].name : nullptr;
}

// Evidence objects: the sentence's text (encoded and escaped once per sentence) and the span.
class EvidenceWriter {
 public:
  explicit EvidenceWriter(const Document& doc) : doc_(doc), sentences_(doc.sentences.size()) {}

  void write(ObjectWriter& relation, const Evidence& evidence, std::string* out) {
    relation.key("evidence");
    ObjectWriter object(out);
    if (evidence.sentence < sentences_.size()) {
      auto& json = sentences_[evidence.sentence];
      if (!json) {
        json.emplace();
        append_string(make_evidence(doc_, evidence).sentence, &*json);
      }
      object.raw("sentence", *json);
    } else {
      object.string("sentence", "");
    }
    object.number("start", evidence.start);
    object.number("end", evidence.end);
  }

 private:
  const Document& doc_;
  std::vector<std::optional<std::string>> sentences_;
};

// Opens the next element of an array: a comma after the first.
void next_element(bool* first, std::string* out) {
  if (!*first) out->push_back(',');
  *first = false;
}

void append_relations(const Document& doc, const Extraction& x, std::string* out) {
  EvidenceWriter evidence(doc);
  bool first = true;
  out->push_back('[');
  for (const Affiliation& a : x.affiliations) {
    const std::string* person = name_at(x.persons, a.person);
    const std::string* org = name_at(x.organizations, a.org);
    if (!person || !org) continue;
    next_element(&first, out);
    ObjectWriter o(out);
    o.string("kind", to_string(EdgeKind::affiliation));
    o.string("person", *person);
    o.string("organization", *org);
    o.string("title", a.title);
    o.boolean("former", a.former);
    evidence.write(o, a.evidence, out);
  }
  for (const Attendance& a : x.attendances) {
    const std::string* person = name_at(x.persons, a.person);
    const std::string* event = name_at(x.events, a.event);
    if (!person || !event) continue;
    next_element(&first, out);
    ObjectWriter o(out);
    o.string("kind", to_string(EdgeKind::attended));
    o.string("person", *person);
    o.string("event", *event);
    o.string("role", to_string(a.role));
    evidence.write(o, a.evidence, out);
  }
  for (const Organizing& g : x.organizings) {
    const std::string* org = name_at(x.organizations, g.org);
    const std::string* event = name_at(x.events, g.event);
    if (!org || !event) continue;
    next_element(&first, out);
    ObjectWriter o(out);
    o.string("kind", to_string(EdgeKind::organized));
    o.string("organization", *org);
    o.string("event", *event);
    evidence.write(o, g.evidence, out);
  }
  for (const OrgRelation& r : x.org_relations) {
    const std::string* from = name_at(x.organizations, r.from);
    const std::string* to = name_at(x.organizations, r.to);
    if (!from || !to) continue;
    next_element(&first, out);
    ObjectWriter o(out);
    o.string("kind", to_string(r.kind == OrgRelationKind::part_of ? EdgeKind::part_of
                                                                   : EdgeKind::member_of));
    o.string("from", *from);
    o.string("to", *to);
    evidence.write(o, r.evidence, out);
  }
  out->push_back(']');
}

}  // namespace

void append_extraction_json(const Document& doc, const Extraction& x, std::string* out) {
  ObjectWriter line(out);
  line.string("id", doc.id);
  if (!doc.headline.empty()) line.string("headline", doc.headline);
  if (!doc.source.empty()) line.string("source", doc.source);
  line.key("mentions");
  out->push_back('[');
  bool first = true;
  for (const Mention& m : x.mentions) {
    next_element(&first, out);
    ObjectWriter o(out);
    o.string("type", to_string(m.type));
    o.string("text", m.text);
    o.number("start", m.start);
    o.number("end", m.end);
  }
  out->push_back(']');
  line.key("relations");
  append_relations(doc, x, out);
  if (!x.events.empty()) {
    line.key("events");
    out->push_back('[');
    first = true;
    for (const Event& event : x.events) {
      next_element(&first, out);
      ObjectWriter o(out);
      o.string("name", event.name);
      if (!event.place.empty()) o.string("place", event.place);
      if (!event.date.empty()) o.string("date", event.date);
    }
    out->push_back(']');
  }
}

}  // namespace guanxi::cli
