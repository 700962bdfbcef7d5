// The wording of nlohmann::json errors in guanxi's messages (private header).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "guanxi/text.hpp"

namespace guanxi {

// nlohmann's message without its "[json.exception.x.y] " tag and its own
// "parse error at line L, column C: " (callers name the line themselves),
// with invalid UTF-8 replaced so it stays printable.
inline std::string json_error_message(const nlohmann::json::exception& e) {
  std::string text = e.what();
  if (auto tag = text.find("] ");
      text.rfind("[json.exception.", 0) == 0 && tag != std::string::npos) {
    text.erase(0, tag + 2);
  }
  if (text.rfind("parse error at line", 0) == 0) {
    if (auto colon = text.find(": "); colon != std::string::npos) text.erase(0, colon + 2);
  }
  return sanitize_utf8(text);
}

}  // namespace guanxi
