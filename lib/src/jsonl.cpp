// JSON Lines records (see jsonl.hpp).
#include "guanxi/jsonl.hpp"

#include <nlohmann/json.hpp>

#include "guanxi/error.hpp"
#include "json_message.hpp"

namespace guanxi {

JsonRecord parse_jsonl_record(std::string_view line, std::string_view source,
                              std::size_t line_number, std::string_view default_id) {
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
