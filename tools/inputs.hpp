// Files for the command line: input expansion and reading, documents from
// text files and JSON Lines, lexicon loading, atomic output files, progress.
// Everything that touches the file system or the terminal lives here.
#pragma once

#include <chrono>
#include <cstddef>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "guanxi/guanxi.hpp"

namespace guanxi::cli {

// One file to read. |path| is what to open ("-" for standard input), |id| the
// document id base (the path as given, or relative to a directory given),
// |display| how messages name it.
struct InputFile {
  std::string path;
  std::string id;
  std::string display;
};

// Expands INPUT arguments: files as given, directories to their .txt (with
// |jsonl|: .jsonl) files, recursively and sorted, "-" to standard input.
// Missing paths and empty directories throw Failure.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& args, bool jsonl);

// The whole contents of |path| ("-" reads standard input); Failure with strerror.
std::string read_bytes(const std::string& path, const std::string& display);

// Throws UsageError (naming |command|) when |output| is one of |inputs|.
void refuse_overwriting_input(const std::string& output, const std::vector<InputFile>& inputs,
                              const std::string& command);

// The built-in lexicon plus the words of |path|, if given.
Lexicon load_lexicon(const std::optional<std::string>& path);

// "N documents" on stderr, updated in place, only when |enabled|.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void add_document();

 private:
  std::string line() const;

  bool enabled_;
  std::size_t documents_ = 0;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_shown_;
};

// True when progress may be drawn: stderr is a terminal, TERM is not "dumb",
// and |quiet| is off. A command that prints data while it reads
// (|streams_stdout|) shows none when stdout is the same terminal.
bool progress_wanted(bool quiet, bool streams_stdout = false);

// Runs the pipeline over every input and hands each document to |sink|.
// Text files are split into articles; with |jsonl| each line
// {"text": ..., "id": ...} is one document (id defaults to "<file>:<line>").
// Bad input throws Failure worded "FILE:LINE: what".
void for_each_document(const std::vector<InputFile>& inputs, bool jsonl, const Pipeline& pipeline,
                       Progress& progress,
                       const std::function<void(const AnalyzedDocument&)>& sink);

// A file written under a temporary name (PATH.tmp.<pid>) and renamed over
// PATH by commit(); destroyed uncommitted, it removes the temporary and PATH
// stays as it was.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  // Closes the temporary and checks it was written; Failure otherwise.
  void finish();
  // Renames the finished temporary over the real path.
  void commit();

 private:
  std::string path_;
  std::string temp_;
  std::ofstream out_;
  bool done_ = false;
};

// Writes |data| to standard output and flushes; Failure when it cannot.
void write_stdout(const std::string& data);

// "DISPLAY:LINE: what" for an InputError met while reading |display|, unless
// the message already names it; mentions the byte offset when it is known.
std::string locate(const std::string& display, const InputError& e);

}  // namespace guanxi::cli
