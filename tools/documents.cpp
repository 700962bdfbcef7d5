// Streaming, gzip-aware reading and the ordered worker pool (see documents.hpp).
#include "documents.hpp"

#include <malloc.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "cli.hpp"
#include "guanxi/jsonl.hpp"

namespace guanxi::cli {
namespace fs = std::filesystem;
namespace {

// Documents go from the reader to a worker and from the worker to the hand-over
// in batches, so that a million one-sentence documents cost a few thousand
// hand-overs, not millions of locks and wake-ups. A batch ends after
// kBatchItems documents or once it holds its share of text: 4 KB for the
// first, doubling up to kMaxBatchBytes, so small inputs are still shared out.
constexpr std::size_t kBatchItems = 4096;
constexpr std::size_t kFirstBatchBytes = std::size_t{4} << 10;
constexpr std::size_t kMaxBatchBytes = std::size_t{256} << 10;
// Batches extracted ahead of the one being handed on, per thread, and the
// text the reader's queue may hold: enough for the workers to go on while the
// reader splits the next text file.
constexpr std::size_t kWindowPerThread = 4;
constexpr std::size_t kMaxQueuedBytes = std::size_t{16} << 20;
constexpr std::size_t kReadChunk = std::size_t{1} << 16;
// Documents are made on the workers and handed back to the worker that made
// them once folded in (OrderedPool::recycle), so that each is freed into its
// own thread's glibc arena: freed on the calling thread, every free took the
// arena lock the worker was allocating under. Every this many batches the
// arenas' free pages go back to the system (malloc_trim), which keeps a -j N
// build's peak near a -j 1 build's.
constexpr std::size_t kTrimEvery = 16;

// One input opened through zlib, which reads gzip and plain bytes alike.
class ZInput {
 public:
  explicit ZInput(const InputFile& file) : display_(file.display) {
    if (file.listed) {
      // Found in a directory: a FIFO there would block the run, a dangling link fail.
      std::error_code ec;
      const auto status = fs::status(file.path, ec);
      if (ec) throw Failure(display_ + ": " + ec.message());
      if (!fs::is_regular_file(status)) throw Failure(display_ + ": not a regular file");
    }
    const int fd = file.path == "-" ? ::dup(STDIN_FILENO) : -1;
    file_ = file.path == "-" ? gzdopen(fd, "rb") : gzopen(file.path.c_str(), "rb");
    if (file_ == nullptr) {
      const int error = errno;
      if (fd >= 0) ::close(fd);
      throw Failure(display_ + ": " + std::strerror(error != 0 ? error : ENOMEM));
    }
    gzbuffer(file_, static_cast<unsigned>(kReadChunk));
  }
  ~ZInput() { gzclose(file_); }
  ZInput(const ZInput&) = delete;
  ZInput& operator=(const ZInput&) = delete;

  // Appends up to kReadChunk bytes to |out|; false at the end.
  bool read_some(std::string& out) {
    const std::size_t old = out.size();
    out.resize(old + kReadChunk);
    const int n = gzread(file_, out.data() + old, static_cast<unsigned>(kReadChunk));
    if (n < 0) check();
    out.resize(old + static_cast<std::size_t>(std::max(n, 0)));
    if (n == 0) check();  // a truncated gzip stream ends with an error
    return n > 0;
  }

  // Everything; Failure when there are more than |max_bytes| (0: no limit).
  std::string read_all(std::size_t max_bytes = 0) {
    std::string bytes;
    while (read_some(bytes)) {
      if (max_bytes > 0 && bytes.size() > max_bytes) {
        throw Failure(display_ + ": more than --max-doc-bytes (" + std::to_string(max_bytes) +
                      " bytes) in one document; raise the limit or split the file");
      }
    }
    return bytes;
  }

  // Appends the next line without its '\n' (nor a '\r' before it) to |out|;
  // false at the end.
  bool append_line(std::string& out) {
    const std::size_t begin = out.size();
    for (;;) {
      const std::size_t newline = buffer_.find('\n', pos_);
      if (newline != std::string::npos) {
        out.append(buffer_, pos_, newline - pos_);
        pos_ = newline + 1;
        break;
      }
      buffer_.erase(0, pos_);
      pos_ = 0;
      if (!read_some(buffer_)) {
        if (buffer_.empty()) return false;
        out += buffer_;
        buffer_.clear();
        break;
      }
    }
    if (out.size() > begin && out.back() == '\r') out.pop_back();
    return true;
  }

  // Bytes of the file consumed so far (compressed bytes for gzip).
  std::uint64_t offset() const {
    const auto at = gzoffset(file_);
    return at < 0 ? 0 : static_cast<std::uint64_t>(at);
  }

 private:
  // Throws Failure for a read error or a corrupt or truncated gzip stream.
  void check() {
    int code = Z_OK;
    const char* what = gzerror(file_, &code);
    if (code == Z_OK || code == Z_STREAM_END) return;
    if (code == Z_ERRNO) throw Failure(display_ + ": " + std::strerror(errno));
    if (code == Z_BUF_ERROR) throw Failure(display_ + ": truncated gzip data");
    throw Failure(display_ + ": corrupt gzip data (" + what + ")");
  }

  std::string display_;
  gzFile file_ = nullptr;
  std::string buffer_;
  std::size_t pos_ = 0;
};

// One unit of work, in input order: an article already split from a text
// file, or a JSON Lines record still to parse (bytes [line_begin, +line_size)
// of its batch's |lines|); or the failure met reading.
struct Work {
  std::vector<std::string> notes;  // "guanxi: note: ..." lines to print first
  std::string skipped_file;        // --skip-bad: the failure that skipped a file
  std::optional<Document> document;
  std::size_t line_begin = 0;
  std::size_t line_size = 0;
  std::size_t line_number = 0;
  const InputFile* file = nullptr;
  std::size_t text_bytes = 0;        // input text this item stands for
  std::uint64_t input_position = 0;  // input bytes consumed up to its end
  std::exception_ptr error;
};

struct Done {
  std::vector<std::string> notes;
  std::string skipped_file;
  std::string skipped_record;  // --skip-bad: the failure that skipped a record
  bool has_document = false;
  AnalyzedDocument document;
  std::size_t text_bytes = 0;
  std::uint64_t input_position = 0;
  std::exception_ptr error;
};

// Consecutive items, in input order, and the JSON Lines records they point into.
struct Batch {
  std::string lines;
  std::vector<Work> items;
  std::size_t text_bytes = 0;
};

// Hands out the inputs' documents in order, reading no further than needed.
// Not thread-safe: the pool calls fill() from its one reader thread.
class Source {
 public:
  Source(const std::vector<InputFile>& inputs, bool jsonl, const ReadOptions& options)
      : inputs_(inputs), jsonl_(jsonl), options_(options) {}

  // The next batch: up to kBatchItems items and a growing share of text; empty
  // after the last. A failure met reading ends its batch as an item of its own.
  Batch next() {
    Batch batch;
    while (!failed_ && batch.items.size() < kBatchItems && batch.text_bytes < batch_bytes_) {
      try {
        if (!read(batch)) break;
      } catch (const Failure& e) {
        if (!options_.skip_bad) {
          fail(batch);
        } else {
          // The file is skipped; reading goes on with the next one.
          if (input_) done_bytes_ += input_->offset();
          input_.reset();
          Work work;
          work.skipped_file = e.what();
          batch.items.push_back(std::move(work));
        }
      } catch (...) {
        fail(batch);
      }
    }
    batch_bytes_ = std::min(batch_bytes_ * 2, kMaxBatchBytes);
    return batch;
  }

 private:
  // Ends reading with the failure being handled, as the batch's last item.
  void fail(Batch& batch) {
    failed_ = true;
    Work work;
    work.error = std::current_exception();
    batch.items.push_back(std::move(work));
  }

  // Adds the next item to |batch|; false after the last.
  bool read(Batch& batch) {
    for (;;) {
      if (!pending_.empty()) {
        batch.text_bytes += pending_.front().text_bytes;
        batch.items.push_back(std::move(pending_.front()));
        pending_.pop_front();
        return true;
      }
      if (input_) {
        if (next_record(batch)) return true;
        done_bytes_ += input_->offset();
        input_.reset();
        if (!saw_record_) {
          Work work;
          work.notes.push_back("guanxi: warning: " + file_->display + ": empty, no documents");
          batch.items.push_back(std::move(work));
          return true;
        }
      }
      if (next_input_ == inputs_.size()) return false;
      const InputFile& file = inputs_[next_input_++];
      file_ = &file;
      line_number_ = 0;
      input_ = std::make_unique<ZInput>(file);
      saw_record_ = false;
      if (!jsonl_) split_text();
    }
  }

  // Reads the whole text file and queues its articles; the file is done.
  void split_text() {
    const std::string bytes = input_->read_all(options_.max_doc_bytes);
    std::vector<std::string> notes;
    const std::string text = decode_input(bytes, file_->display, options_, notes);
    std::vector<Document> documents;
    if (text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      notes.push_back("guanxi: warning: " + file_->display + ": empty, no documents");
    } else {
      try {
        documents = split_documents(decode_utf8(text), file_->id);
      } catch (const InputError& e) {
        throw Failure(locate(file_->display, e));
      }
    }
    if (!notes.empty()) {
      Work work;
      work.notes = std::move(notes);
      pending_.push_back(std::move(work));
    }
    const std::uint64_t consumed = input_->offset();
    for (std::size_t i = 0; i < documents.size(); ++i) {
      Work work;
      work.file = file_;
      work.text_bytes =
          bytes.size() * (i + 1) / documents.size() - bytes.size() * i / documents.size();
      work.input_position = done_bytes_ + consumed * (i + 1) / documents.size();
      work.document = std::move(documents[i]);
      pending_.push_back(std::move(work));
    }
    done_bytes_ += consumed;
    input_.reset();
  }

  // Adds the next non-blank line of the JSON Lines file to |batch|; false at
  // the file's end.
  bool next_record(Batch& batch) {
    std::string& lines = batch.lines;
    for (;;) {
      const std::size_t begin = lines.size();
      if (!input_->append_line(lines)) return false;
      ++line_number_;
      if (line_number_ == 1 && lines.compare(begin, 3, "\xEF\xBB\xBF") == 0) lines.erase(begin, 3);
      if (lines.find_first_not_of(" \t", begin) == std::string::npos) {
        lines.resize(begin);
        continue;
      }
      Work work;
      work.file = file_;
      work.line_begin = begin;
      work.line_size = lines.size() - begin;
      work.line_number = line_number_;
      work.text_bytes = work.line_size + 1;
      work.input_position = done_bytes_ + input_->offset();
      batch.text_bytes += work.text_bytes;
      batch.items.push_back(std::move(work));
      saw_record_ = true;
      return true;
    }
  }

  const std::vector<InputFile>& inputs_;
  bool jsonl_;
  const ReadOptions& options_;
  std::size_t next_input_ = 0;
  std::unique_ptr<ZInput> input_;
  const InputFile* file_ = nullptr;
  std::size_t line_number_ = 0;
  bool saw_record_ = false;  // the JSON Lines file had a non-blank line
  std::deque<Work> pending_;
  std::uint64_t done_bytes_ = 0;  // input bytes of the files finished
  std::size_t batch_bytes_ = kFirstBatchBytes;
  bool failed_ = false;
};

// Extraction of one item of a batch whose records are |lines|; failures are
// kept for their turn in input order.
Done process(Work& work, std::string_view lines, const Pipeline& pipeline,
             const ReadOptions& options) {
  Done done;
  done.notes = std::move(work.notes);
  done.skipped_file = std::move(work.skipped_file);
  done.text_bytes = work.text_bytes;
  done.input_position = work.input_position;
  try {
    if (work.error) std::rethrow_exception(work.error);
    if (work.document) {
      done.document = pipeline.analyze(std::move(*work.document));
      done.has_document = true;
      return done;
    }
    if (work.file == nullptr) return done;  // notes or a skipped file only
    const InputFile& file = *work.file;
    const std::string number = std::to_string(work.line_number);
    const std::string where = file.display + ":" + number + ": ";
    const std::string_view line = lines.substr(work.line_begin, work.line_size);
    try {
      if (options.max_doc_bytes > 0 && line.size() > options.max_doc_bytes) {
        throw Failure(where + "record of " + std::to_string(line.size()) +
                      " bytes, more than --max-doc-bytes (" +
                      std::to_string(options.max_doc_bytes) + ")");
      }
      // JSON is UTF-8, but a record may be decoded (--encoding, --lenient) first.
      std::string utf8;
      try {
        utf8 = decode_bytes(line, options.decode).utf8;
      } catch (const InputError& e) {
        std::string what = e.what();
        const std::string line_one = " (line 1)";
        if (const auto at = what.find(line_one); at != std::string::npos) {
          what.replace(at, line_one.size(), " of the line");
        }
        throw Failure(where + what);
      }
      JsonRecord record;
      try {
        record = parse_jsonl_record(utf8, file.display, work.line_number, file.id + ":" + number);
      } catch (const InputError& e) {
        throw Failure(e.what());
      }
      try {
        done.document = pipeline.analyze_document(record.text, record.id);
        done.has_document = true;
      } catch (const InputError& e) {
        throw Failure(where + "\"text\": " + e.what());
      }
    } catch (const Failure& e) {
      if (!options.skip_bad) throw;
      done.skipped_record = e.what();
    }
  } catch (...) {
    done.error = std::current_exception();
  }
  return done;
}

// Extraction of a whole batch, up to its first failure.
std::vector<Done> process(Batch batch, const Pipeline& pipeline, const ReadOptions& options) {
  std::vector<Done> results;
  results.reserve(batch.items.size());
  for (Work& work : batch.items) {
    results.push_back(process(work, batch.lines, pipeline, options));
    if (results.back().error) break;
  }
  return results;
}

// A reader thread fills a bounded queue with batches (reading and splitting
// files while the workers extract); workers take whole batches in order,
// number them and file their results by number; the calling thread hands
// results on in that order. The window bounds how far the workers run ahead
// of the hand-over, the queue how far the reader runs ahead of the workers.
// Locks and wake-ups happen once per batch, never per document.
class OrderedPool {
 public:
  OrderedPool(Source& source, const Pipeline& pipeline, const ReadOptions& options,
              std::size_t threads)
      : source_(source),
        pipeline_(pipeline),
        options_(options),
        window_(threads * kWindowPerThread),
        used_(threads) {
    reader_ = std::thread([this] { read(); });
    workers_.reserve(threads);
    // The first worker loads the model while the reader reads and splits the
    // first file; a failure shows again when a document is analysed.
    workers_.emplace_back([this] {
      try {
        pipeline_.prepare();
      } catch (...) {
      }
      work(0);
    });
    for (std::size_t i = 1; i < threads; ++i) workers_.emplace_back([this, i] { work(i); });
  }
  ~OrderedPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    queue_space_.notify_all();
    work_ready_.notify_all();
    reader_.join();
    for (auto& worker : workers_) worker.join();
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // The results of the next batch in input order; empty after the last.
  std::vector<Done> next() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return results_.count(handed_) > 0 || handed_ == end_; });
    const auto it = results_.find(handed_);
    if (it == results_.end()) return {};
    std::vector<Done> done = std::move(it->second.done);
    last_worker_ = it->second.worker;
    results_.erase(it);
    ++handed_;
    lock.unlock();
    work_ready_.notify_all();
    return done;
  }

  // Gives the batch next() returned last back to the worker that made it, to
  // be freed there when it next takes work (or here, once the workers ended).
  void recycle(std::vector<Done>&& used) {
    std::lock_guard<std::mutex> lock(mutex_);
    used_[last_worker_].push_back(std::move(used));
  }

 private:
  void read() {
    for (;;) {
      Batch batch = source_.next();
      std::unique_lock<std::mutex> lock(mutex_);
      queue_space_.wait(lock, [this] { return stop_ || queued_bytes_ < kMaxQueuedBytes; });
      if (stop_) return;
      if (batch.items.empty()) {
        reading_done_ = true;
        lock.unlock();
        work_ready_.notify_all();
        return;
      }
      queued_bytes_ += batch.text_bytes;
      queue_.push_back(std::move(batch));
      lock.unlock();
      work_ready_.notify_all();
    }
  }

  void work(std::size_t worker) {
    for (;;) {
      Batch batch;
      std::size_t sequence = 0;
      std::vector<std::vector<Done>> used;  // batches handed back, freed here outside the lock
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_ready_.wait(lock, [this] {
          return stop_ || (!queue_.empty() && taken_ < handed_ + window_) ||
                 (queue_.empty() && reading_done_);
        });
        if (stop_) return;
        if (queue_.empty()) {  // everything was read and taken
          end_ = taken_;
          ready_.notify_all();
          return;
        }
        batch = std::move(queue_.front());
        queue_.pop_front();
        queued_bytes_ -= batch.text_bytes;
        sequence = taken_++;
        used.swap(used_[worker]);
      }
      queue_space_.notify_one();
      used.clear();
      std::vector<Done> done = process(std::move(batch), pipeline_, options_);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        results_.emplace(sequence, Made{worker, std::move(done)});
      }
      ready_.notify_all();
    }
  }

  Source& source_;
  const Pipeline& pipeline_;
  const ReadOptions& options_;
  const std::size_t window_;  // in batches
  std::mutex mutex_;
  std::condition_variable ready_;        // a result arrived, or the end is known
  std::condition_variable work_ready_;   // a batch arrived, a result was handed on, or stop
  std::condition_variable queue_space_;  // a batch left the queue, or stop
  std::deque<Batch> queue_;              // batches read, not yet taken
  std::size_t queued_bytes_ = 0;         // text bytes in |queue_|
  bool reading_done_ = false;
  struct Made {
    std::size_t worker;
    std::vector<Done> done;
  };
  std::map<std::size_t, Made> results_;
  std::vector<std::vector<std::vector<Done>>> used_;  // per worker: batches handed on, to free
  std::size_t last_worker_ = 0;                       // of the batch next() returned last
  std::size_t taken_ = 0;   // batches taken from the queue
  std::size_t handed_ = 0;  // batches handed on
  std::size_t end_ = static_cast<std::size_t>(-1);
  bool stop_ = false;
  std::thread reader_;
  std::vector<std::thread> workers_;
};

// Counts what --skip-bad skipped; the first few records are named, the rest
// only counted (a corpus can hold many bad lines).
struct Skipped {
  static constexpr std::size_t kNamedRecords = 10;
  std::size_t files = 0;
  std::size_t records = 0;

  // The totals, once everything was read.
  void report() const {
    if (files == 0 && records == 0) return;
    auto count = [](std::size_t n, const char* what) {
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    std::string what = "skipped ";
    if (files > 0) what += count(files, "file");
    if (files > 0 && records > 0) what += " and ";
    if (records > 0) what += count(records, "JSON Lines record");
    warn(what + " (--skip-bad)");
  }
};

// Prints |done|'s notes, then hands its document to |sink|, counts what it
// skipped, or throws its failure.
void hand_on(Done& done, Progress& progress, Skipped& skipped,
             const std::function<void(const AnalyzedDocument&)>& sink) {
  for (const auto& note : done.notes) std::cerr << note << '\n';
  if (done.error) std::rethrow_exception(done.error);
  if (!done.skipped_file.empty()) {
    warn(done.skipped_file);
    ++skipped.files;
  }
  if (!done.skipped_record.empty()) {
    if (skipped.records < Skipped::kNamedRecords) warn(done.skipped_record);
    ++skipped.records;
  }
  if (!done.has_document) return;
  sink(done.document);
  progress.add_document(done.text_bytes, done.input_position);
}

}  // namespace

std::string decode_input(std::string_view bytes, const std::string& display,
                         const ReadOptions& options, std::vector<std::string>& notes) {
  DecodedBytes decoded;
  try {
    decoded = decode_bytes(bytes, options.decode);
  } catch (const InputError& e) {
    std::string what = locate(display, e);
    if (options.decode.encoding.empty() &&
        std::string_view(e.what()).rfind("invalid UTF-8", 0) == 0) {
      what += "; not UTF-8, nor recognisably GB18030 or Big5: name its encoding with --encoding";
    }
    throw Failure(what);
  }
  if (decoded.detected && !options.quiet) {
    notes.push_back("guanxi: note: " + display + ": not UTF-8; read as " + decoded.encoding +
                    " (detected, confidence " + std::to_string(decoded.confidence) + ")");
  }
  if (decoded.replaced > 0) {
    notes.push_back("guanxi: warning: " + display + ": replaced " +
                    std::to_string(decoded.replaced) + " invalid " +
                    (decoded.replaced == 1 ? "sequence" : "sequences") +
                    " with U+FFFD (first at byte " + std::to_string(decoded.first_replaced) + ")");
  }
  return std::move(decoded.utf8);
}

std::string read_input_bytes(const InputFile& file, std::size_t max_bytes) {
  return ZInput(file).read_all(max_bytes);
}

std::size_t default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

std::uint64_t total_input_bytes(const std::vector<InputFile>& files) {
  std::uint64_t total = 0;
  for (const auto& file : files) {
    std::error_code ec;
    if (file.path == "-" || !fs::is_regular_file(file.path, ec)) return 0;
    const auto size = fs::file_size(file.path, ec);
    if (ec) return 0;
    total += size;
  }
  return total;
}

void for_each_document(const std::vector<InputFile>& inputs, bool jsonl, const ReadOptions& options,
                       const Pipeline& pipeline, std::size_t threads, Progress& progress,
                       const std::function<void(const AnalyzedDocument&)>& sink) {
  Source source(inputs, jsonl, options);
  Skipped skipped;
  if (threads <= 1) {
    for (Batch batch = source.next(); !batch.items.empty(); batch = source.next()) {
      for (Work& work : batch.items) {
        Done done = process(work, batch.lines, pipeline, options);
        hand_on(done, progress, skipped, sink);
      }
    }
  } else {
    OrderedPool pool(source, pipeline, options, threads);
    std::size_t handed = 0;
    for (std::vector<Done> batch = pool.next(); !batch.empty(); batch = pool.next()) {
      for (Done& done : batch) hand_on(done, progress, skipped, sink);
      pool.recycle(std::move(batch));
      if (++handed % kTrimEvery == 0) ::malloc_trim(0);
    }
  }
  skipped.report();
}

}  // namespace guanxi::cli
