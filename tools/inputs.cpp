// File-system and terminal side of the command line.
#include "inputs.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <system_error>
#include <tuple>

#include "cli.hpp"

namespace guanxi::cli {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStdinName = "<stdin>";

// "PATH: strerror(errno)".
Failure file_failure(const std::string& display, int error) {
  return Failure(display + ": " + std::strerror(error));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// |path| without a ".gz" ending.
std::string without_gz(const std::string& path) {
  return ends_with(path, ".gz") ? path.substr(0, path.size() - 3) : path;
}

// "1:05" or "1:02:05".
std::string clock_text(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

}  // namespace

std::vector<InputFile> expand_inputs(const std::vector<std::string>& args, bool jsonl) {
  const std::string extension = jsonl ? ".jsonl" : ".txt";
  std::vector<InputFile> files;
  for (const auto& arg : args) {
    if (arg == "-") {
      files.push_back({"-", kStdinName, kStdinName});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(arg, ec);
    if (ec) throw file_failure(arg, ec.value());
    if (!fs::is_directory(status)) {
      files.push_back({arg, without_gz(arg), arg});
      continue;
    }
    std::vector<InputFile> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::follow_directory_symlink, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_directory(type_ec)) continue;
      const std::string relative = it->path().lexically_relative(arg).generic_string();
      if (!ends_with(without_gz(relative), extension)) continue;
      found.push_back(
          {it->path().string(), without_gz(relative), it->path().string(), /*listed=*/true});
    }
    if (ec) throw file_failure(arg, ec.value());
    if (found.empty()) {
      throw Failure(arg + ": no " + extension + " files in this directory (nor " + extension +
                    ".gz)");
    }
    std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) {
      return std::tie(a.id, a.display) < std::tie(b.id, b.display);
    });
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string read_bytes(const std::string& path, const std::string& display) {
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr) throw file_failure(display, errno);
  std::string bytes;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, n);
  const int error = std::ferror(file) ? errno : 0;
  if (file != stdin) std::fclose(file);
  if (error != 0) throw file_failure(display, error);
  return bytes;
}

void refuse_overwriting_input(const std::string& output, const std::vector<InputFile>& inputs,
                              const std::string& command) {
  if (output == "-") return;
  // The same file under another spelling (./a.txt, an absolute path, a link)
  // is caught by equivalent() when it exists, else by comparing clean paths.
  auto clean = [](const std::string& path) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    return ec ? fs::path(path).lexically_normal() : fs::weakly_canonical(absolute, ec);
  };
  std::error_code ec;
  const bool output_exists = fs::exists(output, ec);
  const fs::path out = clean(output);
  for (const auto& input : inputs) {
    if (input.path == "-") continue;
    const bool same =
        output_exists ? fs::equivalent(output, input.path, ec) : clean(input.path) == out;
    if (same) {
      throw UsageError("output '" + output + "' is also an input ('" + input.display +
                           "'); refusing to overwrite it",
                       command);
    }
  }
}

Lexicon load_lexicon(const std::optional<std::string>& path) {
  Lexicon lexicon = Lexicon::builtin();
  if (path) {
    std::istringstream in(read_bytes(*path, *path == "-" ? kStdinName : *path));
    lexicon.add_user_file(in, *path);
  }
  return lexicon;
}

bool progress_wanted(bool quiet, bool streams_stdout) {
  if (quiet || !::isatty(STDERR_FILENO)) return false;
  if (streams_stdout && ::isatty(STDOUT_FILENO)) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::string_view(term) != "dumb";
}

Progress::Progress(bool enabled, std::uint64_t total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()) {}

void Progress::add_document(std::size_t text_bytes, std::uint64_t input_position) {
  ++documents_;
  text_bytes_ += text_bytes;
  input_position_ = std::max(input_position_, input_position);
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_shown_ < std::chrono::milliseconds(100)) return;
  last_shown_ = now;
  std::cerr << '\r' << line() << "\x1b[K" << std::flush;
  shown_ = true;
}

std::string Progress::line() const {
  std::string out =
      "guanxi: " + std::to_string(documents_) + (documents_ == 1 ? " document" : " documents");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double mb = static_cast<double>(text_bytes_) / 1e6;
  char figures[64];
  std::snprintf(figures, sizeof figures, ", %.1f MB", mb);
  out += figures;
  if (seconds > 0.05) {
    std::snprintf(figures, sizeof figures, ", %.2f MB/s", mb / seconds);
    out += figures;
  }
  if (total_bytes_ > 0 && input_position_ > 0 && seconds > 0.05) {
    const double done =
        std::min(1.0, static_cast<double>(input_position_) / static_cast<double>(total_bytes_));
    out += ", " + clock_text(seconds * (1.0 - done) / done) + " left";
  }
  return out;
}

Progress::~Progress() {
  if (enabled_ && shown_) std::cerr << '\r' << line() << "\x1b[K" << '\n' << std::flush;
}

std::string locate(const std::string& display, const InputError& e) {
  std::string what = e.what();
  if (what.rfind(display + ":", 0) == 0) return what;
  std::string where = display;
  if (e.line() > 0) where += ":" + std::to_string(e.line());
  if ((e.line() > 0 || e.byte_offset() > 0) && what.find("byte") == std::string::npos) {
    what += " (byte offset " + std::to_string(e.byte_offset()) + ")";
  }
  return where + ": " + what;
}

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)), temp_(path_ + ".tmp." + std::to_string(::getpid())) {
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw file_failure(path_, errno);
}

AtomicFile::~AtomicFile() {
  if (!done_) {
    out_.close();
    std::remove(temp_.c_str());
  }
}

void AtomicFile::finish() {
  out_.flush();
  out_.close();
  if (out_.fail()) throw Failure(path_ + ": cannot write");
}

void AtomicFile::commit() {
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) throw file_failure(path_, errno);
  done_ = true;
}

void warn(const std::string& what) { std::cerr << "guanxi: warning: " << what << '\n'; }

void write_stdout(const std::string& data) {
  std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
  std::cout.flush();
  if (!std::cout) throw Failure("standard output: cannot write");
}

}  // namespace guanxi::cli
