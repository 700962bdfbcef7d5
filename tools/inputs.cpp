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

#include "cli.hpp"
#include "guanxi/jsonl.hpp"

namespace guanxi::cli {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStdinName = "<stdin>";

// "PATH: strerror(errno)".
Failure file_failure(const std::string& display, int error) {
  return Failure(display + ": " + std::strerror(error));
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
      files.push_back({arg, arg, arg});
      continue;
    }
    std::vector<InputFile> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::follow_directory_symlink, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() != extension) continue;
      const std::string relative = it->path().lexically_relative(arg).generic_string();
      found.push_back({it->path().string(), relative, it->path().string()});
    }
    if (ec) throw file_failure(arg, ec.value());
    if (found.empty()) throw Failure(arg + ": no " + extension + " files in this directory");
    std::sort(found.begin(), found.end(),
              [](const InputFile& a, const InputFile& b) { return a.id < b.id; });
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

void Progress::add_document() {
  ++documents_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_shown_ < std::chrono::milliseconds(100)) return;
  last_shown_ = now;
  std::cerr << '\r' << line() << std::flush;
  shown_ = true;
}

std::string Progress::line() const {
  return "guanxi: " + std::to_string(documents_) + (documents_ == 1 ? " document" : " documents");
}

Progress::~Progress() {
  if (enabled_ && shown_) std::cerr << '\r' << line() << '\n' << std::flush;
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

void for_each_document(const std::vector<InputFile>& inputs, bool jsonl, const Pipeline& pipeline,
                       Progress& progress,
                       const std::function<void(const AnalyzedDocument&)>& sink) {
  for (const auto& file : inputs) {
    const std::string bytes = read_bytes(file.path, file.display);
    if (!jsonl) {
      std::vector<AnalyzedDocument> documents;
      try {
        documents = pipeline.analyze_text(bytes, file.id);
      } catch (const InputError& e) {
        throw Failure(locate(file.display, e));
      }
      for (const auto& d : documents) {
        sink(d);
        progress.add_document();
      }
      continue;
    }
    std::size_t number = 0;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
      std::size_t end = bytes.find('\n', pos);
      if (end == std::string::npos) end = bytes.size();
      std::string_view line(bytes.data() + pos, end - pos);
      pos = end + 1;
      ++number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      JsonRecord record;
      try {
        record = parse_jsonl_record(line, file.display, number, file.id + ":" + std::to_string(number));
      } catch (const InputError& e) {
        throw Failure(e.what());
      }
      AnalyzedDocument document;
      try {
        document = pipeline.analyze_document(record.text, record.id);
      } catch (const InputError& e) {
        throw Failure(file.display + ":" + std::to_string(number) + ": \"text\": " + e.what());
      }
      sink(document);
      progress.add_document();
    }
  }
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

void write_stdout(const std::string& data) {
  std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
  std::cout.flush();
  if (!std::cout) throw Failure("standard output: cannot write");
}

}  // namespace guanxi::cli
