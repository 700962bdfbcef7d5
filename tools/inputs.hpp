// Files for the command line: input expansion and reading, documents from
// text files and JSON Lines, lexicon loading, atomic output files, progress.
// Everything that touches the file system or the terminal lives here.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <fstream>
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
  bool listed = false;  // found in a directory: must be a regular file
};

// How inputs are read: their encoding, what is skipped, how big one document
// (a text file, or one JSON Lines record) may be.
inline constexpr std::size_t kDefaultMaxDocBytes = std::size_t{8} << 20;  // 8 MiB
struct ReadOptions {
  DecodeOptions decode;
  bool skip_bad = false;  // skip unreadable files and bad records, counting them
  std::size_t max_doc_bytes = kDefaultMaxDocBytes;  // 0: no limit
  bool quiet = false;  // no notes (detected encodings); warnings are always shown
};

// Expands INPUT arguments: files as given, directories to their .txt and
// .txt.gz (with |jsonl|: .jsonl and .jsonl.gz) files, recursively and sorted,
// "-" to standard input. A ".gz" ending is not part of a document id, so a
// compressed file gives the same ids as the plain one. A directory's entry
// with such a name that is not a directory is listed even when it is no
// regular file (a FIFO, a dangling link), so that reading reports it rather
// than losing it silently.
// Missing paths and empty directories throw Failure.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& args, bool jsonl);

// The whole contents of |path| ("-" reads standard input); Failure with strerror.
std::string read_bytes(const std::string& path, const std::string& display);

// Throws UsageError (naming |command|) when |output| is one of |inputs|.
void refuse_overwriting_input(const std::string& output, const std::vector<InputFile>& inputs,
                              const std::string& command);

// The built-in lexicon plus the words of |path|, if given.
Lexicon load_lexicon(const std::optional<std::string>& path);

// "guanxi: N documents, X MB, Y MB/s, M:SS left" on stderr, updated in place
// at most ten times a second, only when |enabled|. |total_bytes| is the size
// of the input (0 when unknown: no time left is shown).
class Progress {
 public:
  explicit Progress(bool enabled, std::uint64_t total_bytes = 0);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // One more document done: |text_bytes| of text, and the input read up to
  // |input_position| of |total_bytes|.
  void add_document(std::size_t text_bytes = 0, std::uint64_t input_position = 0);

 private:
  std::string line() const;

  bool enabled_;
  std::uint64_t total_bytes_;
  std::size_t documents_ = 0;
  std::uint64_t text_bytes_ = 0;
  std::uint64_t input_position_ = 0;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_shown_;
};

// True when progress may be drawn: stderr is a terminal, TERM is not "dumb",
// and |quiet| is off. A command that prints data while it reads
// (|streams_stdout|) shows none when stdout is the same terminal.
bool progress_wanted(bool quiet, bool streams_stdout = false);

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

// "guanxi: warning: WHAT" on stderr.
void warn(const std::string& what);

// Writes |data| to standard output and flushes; Failure when it cannot.
void write_stdout(const std::string& data);

// "DISPLAY:LINE: what" for an InputError met while reading |display|, unless
// the message already names it; mentions the byte offset when it is known.
std::string locate(const std::string& display, const InputError& e);

}  // namespace guanxi::cli
