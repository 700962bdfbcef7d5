// Test support shared by every test program: temporary files and folders,
// running the guanxi command line (run_cli, in a folder, its stdout and stderr
// caught) or any shell command (run, run_with_input), and small text helpers.
// Failures to start a command fail the calling test (REQUIRE).
#pragma once

#include <sys/wait.h>
#include <unicode/ucnv.h>
#include <unistd.h>

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

namespace guanxi::testing {

namespace fs = std::filesystem;

// The bytes of the file at |path| ("" when it cannot be read).
inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

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
  // The full path of |name| inside.
  std::string file(const std::string& name) const { return (path_ / name).string(); }

  void write(const std::string& name, const std::string& bytes) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream out(path_ / name, std::ios::binary);
    out << bytes;
  }
  std::string read(const std::string& name) const { return read_file(path_ / name); }
  // Names of the files directly inside.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(path_)) out.push_back(entry.path().filename());
    return out;
  }

 private:
  fs::path path_;
};

// A file under the temp directory, removed when this goes out of scope.
class TempPath {
 public:
  explicit TempPath(const std::string& suffix) {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() /
            ("guanxi_test_" + std::to_string(stamp) + "_" + std::to_string(counter++) + suffix);
  }
  ~TempPath() {
    std::error_code ignored;
    fs::remove(path_, ignored);
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
  result.out = read_file(out);
  result.err = read_file(err);
  fs::remove(out);
  fs::remove(err);
  return result;
}

// Runs |command| through the shell; its raw wait status (0 on success) and
// standard output.
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

// Runs |command| through the shell with |input| on its standard input; its
// raw wait status (0 on success).
inline int run_with_input(const std::string& command, const std::string& input) {
  FILE* pipe = popen(command.c_str(), "w");
  REQUIRE(pipe);
  const std::size_t written = std::fwrite(input.data(), 1, input.size(), pipe);
  const int status = pclose(pipe);
  REQUIRE(written == input.size());
  return status;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// How often |part| occurs in |text|, not overlapping.
inline std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) {
    ++count;
  }
  return count;
}

// |utf8| re-encoded as |encoding| through ICU (the way another program would
// have saved it).
inline std::string encoded(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace guanxi::testing
