// Reading DOT attribute values back into data, as export.hpp documents them:
// text attributes are Graphviz escStrings ("\\" -> "\", "\n" -> a line
// break), and the drawn "label"s also write "&" as "&amp;". In: a value as
// cgraph's agget returns it; out: the text guanxi wrote. Never fails.
// Shared by the export tests, the reader tests and fuzz/fuzz_export.cpp.
#pragma once

#include <string>

namespace guanxi::testing {

// Graphviz escString: "\\" -> "\", "\n" -> line break; any other character as it is.
inline std::string from_dot_text(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n')) {
      out += text[++i] == 'n' ? '\n' : '\\';
    } else {
      out += text[i];
    }
  }
  return out;
}

// A drawn label: the escString undone, then "&amp;" -> "&".
inline std::string from_dot_label(const std::string& text) {
  std::string out = from_dot_text(text);
  for (std::size_t at = out.find("&amp;"); at != std::string::npos;
       at = out.find("&amp;", at + 1)) {
    out.erase(at + 1, 4);
  }
  return out;
}

}  // namespace guanxi::testing
