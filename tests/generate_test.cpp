// guanxi generate, run as a process: fixed seeds, sizes, and the pipeline
// reading back the people the generator put in.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

// A fresh folder under the system temp dir, removed with its files.
class Folder {
 public:
  Folder() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("guanxi-generate-test-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string read(const std::string& name) const {
    std::ifstream in(path_ / name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  fs::path path_;
};

// Runs "guanxi ARGS" in |folder| with stdout to the file |out| there;
// returns the exit status.
int guanxi(const Folder& folder, const std::string& args, const std::string& out = "stdout") {
  const std::string command = "cd '" + folder.file("") + "' && '" GUANXI_CLI "' " + args + " >'" +
                              folder.file(out) + "' 2>'" + folder.file("stderr") + "'";
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) {
    ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("generate gives the same bytes for the same seed and others for another seed",
          "[generate]") {
  Folder folder;
  REQUIRE(guanxi(folder, "generate --size 40K --seed 5 -o a.txt") == 0);
  REQUIRE(guanxi(folder, "generate --size 40K --seed 5", "b.txt") == 0);  // to stdout
  REQUIRE(guanxi(folder, "generate --size 40K --seed 6 -o c.txt") == 0);
  const std::string a = folder.read("a.txt");
  CHECK(a == folder.read("b.txt"));
  CHECK(a != folder.read("c.txt"));
}

TEST_CASE("generate writes whole articles until the size is reached", "[generate]") {
  Folder folder;
  REQUIRE(guanxi(folder, "generate --size 30000 -o news.txt") == 0);
  const std::string text = folder.read("news.txt");
  CHECK(text.size() >= 30000);
  CHECK(text.size() < 30000 + 8000);  // an article is a few kilobytes at most
  CHECK(text.substr(text.size() - 2) == "\n\n");
  const std::size_t sources = count_of(text, "（据《") + count_of(text, "（来源：");
  CHECK(sources > 5);

  // Every article is one document: as many extract lines as source lines.
  REQUIRE(guanxi(folder, "extract news.txt", "news.jsonl") == 0);
  CHECK(count_of(folder.read("news.jsonl"), "\n") == sources);

  REQUIRE(guanxi(folder, "generate --size 2M -o big.txt") == 0);
  CHECK(fs::file_size(folder.file("big.txt")) >= 2000000);
  CHECK(fs::file_size(folder.file("big.txt")) < 2000000 + 8000);
}

TEST_CASE("the pipeline finds the people and posts the generator put in", "[generate]") {
  Folder folder;
  REQUIRE(guanxi(folder, "generate --size 60K --seed 11 -o news.txt --gold news.gold.json") == 0);
  REQUIRE(guanxi(folder, "eval --gold news.gold.json news.txt --json", "scores.json") == 0);
  const auto scores = nlohmann::json::parse(folder.read("scores.json"))["scores"];
  std::map<std::string, nlohmann::json> by_category;
  for (const auto& s : scores) by_category[s["category"].get<std::string>()] = s;
  REQUIRE(by_category.count("persons") == 1);
  CHECK(by_category["persons"]["tp"].get<int>() > 50);
  CHECK(by_category["persons"]["recall"].get<double>() > 0.9);
  CHECK(by_category["persons"]["precision"].get<double>() > 0.9);
  CHECK(by_category["affiliation pairs"]["recall"].get<double>() > 0.8);
  CHECK(by_category["co-attendance pairs"]["recall"].get<double>() > 0.8);
  CHECK(by_category["part_of"]["tp"].get<int>() > 0);
}

TEST_CASE("generate --split writes the same text into numbered files of about that size",
          "[generate]") {
  Folder folder;
  REQUIRE(guanxi(folder, "generate --size 100K --seed 2 -o whole.txt") == 0);
  REQUIRE(guanxi(folder, "generate --size 100K --seed 2 --split 30K -o parts") == 0);
  std::string joined;
  for (const char* name : {"part-0001.txt", "part-0002.txt", "part-0003.txt", "part-0004.txt"}) {
    const std::string part = folder.read(std::string("parts/") + name);
    CHECK(part.size() >= (joined.size() + part.size() < 100000 ? 30000 : 1));
    CHECK(part.size() < 30000 + 8000);
    joined += part;
  }
  CHECK_FALSE(fs::exists(folder.file("parts/part-0005.txt")));
  CHECK(joined == folder.read("whole.txt"));
}

TEST_CASE("generated reports name the same people again, with the same post", "[generate]") {
  Folder folder;
  REQUIRE(guanxi(folder, "generate --size 300K --seed 4 -o news.txt --gold news.gold.json") == 0);
  const auto gold = nlohmann::json::parse(folder.read("news.gold.json"));
  const std::size_t events = gold["events"].size();
  std::size_t attendances = 0;
  for (const auto& e : gold["events"]) attendances += e["attendees"].size();
  // Each person is at several events on average, and holds one post.
  CHECK(attendances > 3 * gold["persons"].size());
  CHECK(gold["affiliations"].size() == gold["persons"].size());
  CHECK(events > 50);
}

TEST_CASE("generate refuses a size it cannot read", "[generate]") {
  Folder folder;
  CHECK(guanxi(folder, "generate --size 12X") == 2);
  CHECK(folder.read("stderr").find("--size") != std::string::npos);
  CHECK(guanxi(folder, "generate --size M") == 2);
  CHECK(guanxi(folder, "generate extra.txt") == 2);
  CHECK(guanxi(folder, "generate --split 10K") == 2);  // --split needs -o FOLDER
}
