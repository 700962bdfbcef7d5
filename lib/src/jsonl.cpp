// JSON Lines records (see jsonl.hpp).
#include "guanxi/jsonl.hpp"

#include <nlohmann/json.hpp>

#include "guanxi/error.hpp"
#include "guanxi/text.hpp"
#include "json_message.hpp"

namespace guanxi {
namespace {

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// True when |s| is well-formed UTF-8 (no overlong forms, surrogates or code
// points above U+10FFFF), as nlohmann requires of strings.
bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t length = utf8_length_at(p, s.size(), i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// The common record, read without building a JSON tree: one object whose
// members all have string values, with no \u escape and no key twice.
// Returns false for anything else (and for every malformed line), which
// nlohmann then reads, so that results and errors stay nlohmann's.
bool read_plain_record(std::string_view line, JsonRecord* out) {
  if (!valid_utf8(line)) return false;
  std::size_t i = 0;
  const std::size_t n = line.size();
  auto skip_space = [&] {
    while (i < n && json_space(line[i])) ++i;
  };
  // A string at line[i] into |value|.
  auto read_string = [&](std::string* value) {
    if (i >= n || line[i] != '"') return false;
    ++i;
    std::size_t run = i;  // start of the bytes not yet copied
    value->clear();
    while (i < n) {
      const char c = line[i];
      if (c == '"') {
        value->append(line.data() + run, i - run);
        ++i;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        ++i;
        continue;
      }
      value->append(line.data() + run, i - run);
      if (i + 1 >= n) return false;
      // \u and invalid escapes are left to nlohmann.
      constexpr std::string_view kEscapes = "\"\\/bfnrt";
      constexpr std::string_view kMeanings = "\"\\/\b\f\n\r\t";
      const std::size_t k = kEscapes.find(line[i + 1]);
      if (k == std::string_view::npos) return false;
      value->push_back(kMeanings[k]);
      i += 2;
      run = i;
    }
    return false;
  };
  skip_space();
  if (i >= n || line[i] != '{') return false;
  ++i;
  skip_space();
  bool have_text = false;
  bool have_id = false;
  std::string key;
  std::string value;
  if (i < n && line[i] == '}') {
    ++i;
  } else {
    while (true) {
      if (!read_string(&key)) return false;
      skip_space();
      if (i >= n || line[i] != ':') return false;
      ++i;
      skip_space();
      if (key == "text") {
        if (have_text || !read_string(&out->text)) return false;
        have_text = true;
      } else if (key == "id") {
        if (have_id || !read_string(&out->id)) return false;
        have_id = true;
      } else if (!read_string(&value)) {
        return false;
      }
      skip_space();
      if (i < n && line[i] == ',') {
        ++i;
        skip_space();
        continue;
      }
      if (i < n && line[i] == '}') {
        ++i;
        break;
      }
      return false;
    }
  }
  skip_space();
  return i == n && have_text;
}

}  // namespace

JsonRecord parse_jsonl_record(std::string_view line, std::string_view source,
                              std::size_t line_number, std::string_view default_id) {
  {
    JsonRecord out{std::string(default_id), std::string()};
    if (read_plain_record(line, &out)) return out;
  }
  const std::string where = std::string(source) + ":" + std::to_string(line_number) + ": ";
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(line.begin(), line.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(where + "invalid JSON at byte " + std::to_string(e.byte) +
                         " of the line: " + json_error_message(e),
                     line_number);
  } catch (const nlohmann::json::exception& e) {
    // Valid syntax nlohmann cannot hold, e.g. a number too large for a double.
    throw InputError(where + "invalid JSON: " + json_error_message(e), line_number);
  }
  if (!record.is_object()) throw InputError(where + "expected a JSON object", line_number);
  const auto text = record.find("text");
  if (text == record.end() || !text->is_string()) {
    throw InputError(where + "no \"text\" string", line_number);
  }
  JsonRecord out{std::string(default_id), text->get<std::string>()};
  if (const auto id = record.find("id"); id != record.end() && !id->is_null()) {
    if (id->is_string()) {
      out.id = id->get<std::string>();
    } else if (id->is_number_integer()) {
      out.id = id->dump();
    } else {
      throw InputError(where + "\"id\" must be a string or a whole number", line_number);
    }
  }
  return out;
}

}  // namespace guanxi
