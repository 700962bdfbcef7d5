// Test support: running the guanxi command line as a process on files in a
// fresh temporary folder, and reading what it printed.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace guanxi_test {

namespace fs = std::filesystem;

// A folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("guanxi-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }

  void write(const std::string& name, const std::string& bytes) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream out(path_ / name, std::ios::binary);
    out << bytes;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(path_ / name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // Names of the files directly inside.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(path_)) out.push_back(entry.path().filename());
    return out;
  }

 private:
  fs::path path_;
};

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs "guanxi ARGS" inside |dir| (stdin from |stdin_file| there, else
// /dev/null); stdout and stderr are caught in files next to the folder.
// |wrapper|, when given, is a command that runs the CLI (setpriv ...).
inline Result run_cli(const TempDir& dir, const std::string& args,
                      const std::string& stdin_file = "", const std::string& wrapper = "") {
  const fs::path out = dir.path().string() + ".stdout";
  const fs::path err = dir.path().string() + ".stderr";
  const std::string command = "cd '" + dir.path().string() + "' && " + wrapper +
                              " '" GUANXI_CLI "' " + args + " >'" + out.string() + "' 2>'" +
                              err.string() + "' <" +
                              (stdin_file.empty() ? "/dev/null" : "'" + stdin_file + "'");
  const int raw = std::system(command.c_str());
  Result result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  result.out = slurp(out);
  result.err = slurp(err);
  fs::remove(out);
  fs::remove(err);
  return result;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace guanxi_test
