// Plain-text tables for the terminal: columns padded to their widest cell,
// counting East Asian wide characters (汉字, full-width forms) as two columns.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::cli {

// Terminal columns |utf8| takes: 2 per wide or full-width code point, 1 per other.
std::size_t display_width(std::string_view utf8);

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}

  // A row of cells; missing trailing cells print empty.
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }

  // The header, then every row; two spaces between columns, no trailing blanks.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace guanxi::cli
