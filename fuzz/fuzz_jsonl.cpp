// libFuzzer target: one JSON Lines record. Either a record or an InputError
// naming the source and line; a record's text is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "guanxi/error.hpp"
#include "guanxi/jsonl.hpp"
#include "guanxi/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  try {
    const guanxi::JsonRecord record = guanxi::parse_jsonl_record(line, "fuzz.jsonl", 7, "dflt");
    guanxi::decode_utf8(record.text);  // throws (and so aborts the run) on invalid UTF-8
  } catch (const guanxi::InputError& e) {
    if (std::string(e.what()).rfind("fuzz.jsonl:7: ", 0) != 0) std::abort();
  }
  return 0;
}
