// guanxi build -o with the export formats: the files it writes, read back.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <filesystem>
#include <sstream>

#include "guanxi/export.hpp"
#include "guanxi/load.hpp"
#include "readers.hpp"

namespace {

namespace fs = std::filesystem;
using namespace guanxi::testing;

const std::string kSample = std::string(GUANXI_SOURCE_DIR) + "/graphs/sample.txt";

struct Outcome {
  int status;
  std::string output;  // stdout and stderr
};

Outcome guanxi_cli(const std::string& args) {
  const auto [raw, output] = run("'" GUANXI_CLI "' " + args + " 2>&1 </dev/null");
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, output};
}

constexpr const char* kCountRows = R"(
import csv, json, sys
counts = []
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as f:
        counts.append(len(list(csv.DictReader(f))))
print(json.dumps(counts))
)";

}  // namespace

TEST_CASE("build -o OUT.csv writes OUT.nodes.csv and OUT.edges.csv with every vertex and edge",
          "[readers]") {
  const TempDir dir;
  REQUIRE(guanxi_cli("build " + kSample + " --quiet -o " + dir.file("net.graphml")).status == 0);
  const Outcome csv = guanxi_cli("build " + kSample + " --quiet -o " + dir.file("net.csv"));
  INFO(csv.output);
  REQUIRE(csv.status == 0);
  CHECK_FALSE(fs::exists(dir.file("net.csv")));
  std::istringstream in(read_file(dir.file("net.graphml")));
  const guanxi::Graph g = guanxi::read_graphml(in, "net.graphml");
  REQUIRE(boost::num_vertices(g) > 10);
  const auto counts =
      python_json(kCountRows, {dir.file("net.nodes.csv"), dir.file("net.edges.csv")});
  CHECK(counts == std::vector<std::size_t>{boost::num_vertices(g), boost::num_edges(g)});
  std::ostringstream nodes;
  guanxi::write_csv_nodes(nodes, g);
  CHECK(read_file(dir.file("net.nodes.csv")) == nodes.str());
  // -f csv names the pair too.
  REQUIRE(guanxi_cli("build " + kSample + " --quiet -f csv -o " + dir.file("t")).status == 0);
  CHECK(read_file(dir.file("t.edges.csv")) == read_file(dir.file("net.edges.csv")));
}

TEST_CASE("build -f csv to standard output is a usage error", "[readers]") {
  const Outcome out = guanxi_cli("build " + kSample + " --quiet -f csv");
  CHECK(out.status == 2);
  CHECK(out.output.find("guanxi: error: csv is two tables and cannot go to standard output; "
                        "give -o OUT.csv") != std::string::npos);
}

TEST_CASE("build -o x.gexf and x.json write what the library writes for the same graph",
          "[readers]") {
  const TempDir dir;
  for (const char* name : {"net.graphml", "net.gexf", "net.json"}) {
    const Outcome out = guanxi_cli("build " + kSample + " --quiet -o " + dir.file(name));
    INFO(out.output);
    REQUIRE(out.status == 0);
  }
  std::istringstream in(read_file(dir.file("net.graphml")));
  const guanxi::Graph g = guanxi::read_graphml(in, "net.graphml");
  std::ostringstream gexf, json;
  guanxi::write_gexf(gexf, g);
  guanxi::write_json(json, g);
  CHECK(read_file(dir.file("net.gexf")) == gexf.str());
  CHECK(read_file(dir.file("net.json")) == json.str());
  const auto seen = graphology_json("gexf", dir.file("net.gexf"));
  CHECK(seen["order"] == boost::num_vertices(g));
  CHECK(seen["size"] == boost::num_edges(g));
}

TEST_CASE("an output extension that names no format is a usage error listing them", "[readers]") {
  const Outcome out = guanxi_cli("build " + kSample + " --quiet -o net.yaml");
  CHECK(out.status == 2);
  CHECK(out.output.find("cannot tell the graph format from 'net.yaml'; name it .graphml, .xml, "
                        ".dot, .gv, .gexf, .csv or .json, or pass --format "
                        "graphml|dot|gexf|csv|json") != std::string::npos);
}
