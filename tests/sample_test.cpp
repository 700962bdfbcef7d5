// The bundled sample: graphs/sample.graphml and .dot are what this build writes
// for graphs/sample.txt (regenerate them with `cmake --build build --target sample`).
#include <catch2/catch.hpp>
#include <string>

#include "cli_run.hpp"

using guanxi::testing::read_file;

namespace {

// Standard output of |command|, run by the shell.
std::string output_of(const std::string& command) { return guanxi::testing::run(command).second; }

}  // namespace

TEST_CASE("the bundled sample graphs are what the current build writes", "[sample]") {
  for (const char* format : {"graphml", "dot"}) {
    INFO(format << ": run `cmake --build build --target sample` and commit graphs/");
    const std::string written =
        output_of(std::string("cd '") + GUANXI_SOURCE_DIR + "' && '" + GUANXI_CLI +
                  "' build graphs/sample.txt --quiet --format " + format);
    REQUIRE_FALSE(written.empty());
    CHECK(written == read_file(std::string(GUANXI_SOURCE_DIR) + "/graphs/sample." + format));
  }
}

TEST_CASE("the bundled sample picture is what guanxi render draws from the sample graph",
          "[sample]") {
  INFO("run `cmake --build build --target sample` and commit graphs/");
  const std::string drawn =
      output_of(std::string("cd '") + GUANXI_SOURCE_DIR + "' && '" + GUANXI_CLI +
                "' render graphs/sample.graphml --engine fdp -f png -o -");
  REQUIRE(drawn.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  const std::string committed = read_file(std::string(GUANXI_SOURCE_DIR) + "/graphs/sample.png");
  REQUIRE(committed.size() > 24);
  // The IHDR chunk's width and height (bytes 16-23) come from the layout, so a
  // changed graph or style shows there; the pixels themselves may differ by a
  // font's hinting from one machine's font cache to another's.
  CHECK(drawn.substr(16, 8) == committed.substr(16, 8));
  CHECK(drawn.size() > committed.size() / 2);
}
