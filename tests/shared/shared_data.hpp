// Access to ../shared for the tests that need it (the seed, its gold, CLUENER).
#pragma once

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace guanxi::test {

// The bytes of a file under ../shared. When it is absent the whole test
// program exits with 77, which CTest reports as skipped rather than passed.
inline std::string read_shared(const std::string& relative) {
  std::ifstream in(std::string(GUANXI_SHARED_DIR) + "/" + relative, std::ios::binary);
  if (!in) {
    std::cout << "SKIPPED: ../shared/" << relative << " not found" << std::endl;
    std::exit(77);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace guanxi::test
