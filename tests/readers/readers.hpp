// Independent readers of guanxi's exports: /usr/bin/python3 (networkx, igraph,
// csv, json, xml.etree) and node (the graphology parsers in tests/js).
// A test whose interpreter is not installed at all exits 77, which CTest
// reports as skipped; an interpreter without its module fails the test,
// since scripts/setup installs them.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_run.hpp"  // TempPath, TempDir, run, read_file
#include "guanxi/export.hpp"

namespace guanxi::testing {

constexpr int kSkipped = 77;
inline const std::string kPython = "/usr/bin/python3";

// What guanxi writes for |g| in |format| (not CSV, which is two tables).
inline std::string export_of(const guanxi::Graph& g, guanxi::Format format) {
  std::ostringstream out;
  guanxi::write_graph(out, g, format);
  return out.str();
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
