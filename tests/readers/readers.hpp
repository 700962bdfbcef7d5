// Independent readers of guanxi's exports: /usr/bin/python3 (networkx, igraph,
// csv, json, xml.etree) and node (the graphology parsers in tests/js).
// A test whose interpreter is not installed at all exits 77, which CTest
// reports as skipped; an interpreter without its module fails the test,
// since scripts/setup installs them.
#pragma once

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace guanxi::testing {

constexpr int kSkipped = 77;
inline const std::string kPython = "/usr/bin/python3";

// A file under the temp directory, removed when this goes out of scope.
class TempPath {
 public:
  explicit TempPath(const std::string& suffix) {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = std::filesystem::temp_directory_path() /
            ("guanxi_readers_" + std::to_string(stamp) + "_" + std::to_string(counter++) + suffix);
  }
  ~TempPath() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;

  void write(const std::string& content) const {
    std::ofstream out(path_, std::ios::binary);
    out << content;
    REQUIRE(out.good());
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Runs |command| through the shell; its exit status and standard output.
inline std::pair<int, std::string> run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, n);
  const int status = pclose(pipe.release());
  return {status, output};
}

inline std::string quoted(const std::string& path) { return "'" + path + "'"; }

// Exits 77 (skipped) when |program| is not installed.
inline void require_installed(const std::string& program) {
  if (std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) != 0) {
    WARN(program << " is not installed: skipped (scripts/setup installs it)");
    std::exit(kSkipped);
  }
}

// Runs the Python |script| with /usr/bin/python3 on |args|; the JSON it prints.
inline nlohmann::json python_json(const std::string& script, const std::vector<std::string>& args) {
  require_installed(kPython);
  const TempPath file(".py");
  file.write(script);
  std::string command = kPython + " " + quoted(file.path());
  for (const auto& arg : args) command += " " + quoted(arg);
  const auto [status, output] = run(command + " 2>&1");
  INFO(output);
  REQUIRE(status == 0);
  return nlohmann::json::parse(output);
}

// Reads |path| (gexf or graphml) with graphology: {type, multi, order, size,
// nodes: {id: attributes}, edges: [{id, source, target, attributes}]}.
inline nlohmann::json graphology_json(const std::string& format, const std::string& path) {
  require_installed("node");
  const std::string dir = std::string(GUANXI_SOURCE_DIR) + "/tests/js";
  INFO("the graphology parsers are installed by scripts/setup (npm ci in tests/js)");
  REQUIRE(std::filesystem::exists(dir + "/node_modules/graphology-gexf"));
  const auto [status, output] =
      run("node " + quoted(dir + "/read_graph.js") + " " + format + " " + quoted(path) + " 2>&1");
  INFO(output);
  REQUIRE(status == 0);
  return nlohmann::json::parse(output);
}

}  // namespace guanxi::testing
