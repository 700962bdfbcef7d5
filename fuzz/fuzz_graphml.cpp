// libFuzzer target: read_graphml() on any bytes. Either a graph or a
// guanxi::Error; a graph it read writes GraphML that reads back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "guanxi/error.hpp"
#include "guanxi/export.hpp"
#include "guanxi/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  guanxi::Graph graph;
  try {
    graph = guanxi::read_graphml(in, "fuzz.graphml");
  } catch (const guanxi::Error&) {
    return 0;
  }
  std::ostringstream once;
  guanxi::write_graphml(once, graph);
  std::istringstream again_in(once.str());
  std::ostringstream twice;
  guanxi::write_graphml(twice, guanxi::read_graphml(again_in, "again.graphml"));
  if (once.str() != twice.str()) std::abort();
  return 0;
}
