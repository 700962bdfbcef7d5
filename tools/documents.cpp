// Streaming, gzip-aware reading and the ordered worker pool (see documents.hpp).
#include "documents.hpp"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "cli.hpp"
#include "guanxi/jsonl.hpp"

namespace guanxi::cli {
namespace fs = std::filesystem;
namespace {

// Documents extracted ahead of the one being handed on, per thread.
constexpr std::size_t kWindowPerThread = 64;
// Items per batch the reader queues, and the text the queue may hold: enough
// for the workers to go on while the reader splits the next text file.
constexpr std::size_t kBatchItems = 256;
constexpr std::size_t kMaxQueuedBytes = std::size_t{16} << 20;
constexpr std::size_t kReadChunk = std::size_t{1} << 16;

// One input opened through zlib, which reads gzip and plain bytes alike.
class ZInput {
 public:
  explicit ZInput(const InputFile& file) : display_(file.display) {
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

  std::string read_all() {
    std::string bytes;
    while (read_some(bytes)) {
    }
    return bytes;
  }

  // The next line without its '\n' (nor a '\r' before it); false at the end.
  bool getline(std::string& line) {
    line.clear();
    for (;;) {
      const std::size_t newline = buffer_.find('\n', pos_);
      if (newline != std::string::npos) {
        line.assign(buffer_, pos_, newline - pos_);
        pos_ = newline + 1;
        break;
      }
      buffer_.erase(0, pos_);
      pos_ = 0;
      if (!read_some(buffer_)) {
        if (buffer_.empty()) return false;
        line.swap(buffer_);
        buffer_.clear();
        break;
      }
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
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
// file, or a JSON Lines record still to parse; or the failure met reading.
struct Work {
  std::optional<Document> document;
  std::string line;
  std::size_t line_number = 0;
  const InputFile* file = nullptr;
  std::size_t text_bytes = 0;        // input text this item stands for
  std::uint64_t input_position = 0;  // input bytes consumed up to its end
  std::exception_ptr error;
};

struct Done {
  AnalyzedDocument document;
  std::size_t text_bytes = 0;
  std::uint64_t input_position = 0;
  std::exception_ptr error;
};

// Hands out the inputs' documents in order, reading no further than needed.
// Not thread-safe: the pool calls next() from its one reader thread.
class Source {
 public:
  Source(const std::vector<InputFile>& inputs, bool jsonl) : inputs_(inputs), jsonl_(jsonl) {}

  std::optional<Work> next() {
    if (failed_) return std::nullopt;
    try {
      return read();
    } catch (...) {
      failed_ = true;
      Work work;
      work.error = std::current_exception();
      return work;
    }
  }

 private:
  std::optional<Work> read() {
    for (;;) {
      if (!pending_.empty()) {
        Work work = std::move(pending_.front());
        pending_.pop_front();
        return work;
      }
      if (input_) {
        if (auto work = next_record()) return work;
        done_bytes_ += input_->offset();
        input_.reset();
      }
      if (next_input_ == inputs_.size()) return std::nullopt;
      const InputFile& file = inputs_[next_input_++];
      input_ = std::make_unique<ZInput>(file);
      file_ = &file;
      line_number_ = 0;
      if (!jsonl_) split_text();
    }
  }

  // Reads the whole text file and queues its articles; the file is done.
  void split_text() {
    const std::string bytes = input_->read_all();
    std::vector<Document> documents;
    try {
      documents = split_documents(decode_utf8(bytes), file_->id);
    } catch (const InputError& e) {
      throw Failure(locate(file_->display, e));
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

  // The next non-blank line of the JSON Lines file, or nullopt at its end.
  std::optional<Work> next_record() {
    std::string line;
    while (input_->getline(line)) {
      ++line_number_;
      if (line_number_ == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      Work work;
      work.file = file_;
      work.line_number = line_number_;
      work.text_bytes = line.size() + 1;
      work.input_position = done_bytes_ + input_->offset();
      work.line = std::move(line);
      return work;
    }
    return std::nullopt;
  }

  const std::vector<InputFile>& inputs_;
  bool jsonl_;
  std::size_t next_input_ = 0;
  std::unique_ptr<ZInput> input_;
  const InputFile* file_ = nullptr;
  std::size_t line_number_ = 0;
  std::deque<Work> pending_;
  std::uint64_t done_bytes_ = 0;  // input bytes of the files finished
  bool failed_ = false;
};

// Extraction of one item; failures are kept for their turn in input order.
Done process(Work work, const Pipeline& pipeline) {
  Done done;
  done.text_bytes = work.text_bytes;
  done.input_position = work.input_position;
  try {
    if (work.error) std::rethrow_exception(work.error);
    if (work.document) {
      done.document = pipeline.analyze(std::move(*work.document));
      return done;
    }
    const InputFile& file = *work.file;
    const std::string number = std::to_string(work.line_number);
    JsonRecord record;
    try {
      record =
          parse_jsonl_record(work.line, file.display, work.line_number, file.id + ":" + number);
    } catch (const InputError& e) {
      throw Failure(e.what());
    }
    try {
      done.document = pipeline.analyze_document(record.text, record.id);
    } catch (const InputError& e) {
      throw Failure(file.display + ":" + number + ": \"text\": " + e.what());
    }
  } catch (...) {
    done.error = std::current_exception();
  }
  return done;
}

// A reader thread fills a bounded queue with batches of items (reading and
// splitting files while the workers extract); workers take items in order,
// number them and file their results by number; the calling thread hands
// results on in that order. The window bounds how far the workers run ahead
// of the hand-over, the queue how far the reader runs ahead of the workers.
class OrderedPool {
 public:
  OrderedPool(Source& source, const Pipeline& pipeline, std::size_t threads)
      : source_(source), pipeline_(pipeline), window_(threads * kWindowPerThread) {
    reader_ = std::thread([this] { read(); });
    workers_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
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

  // The next result in input order; nullopt after the last.
  std::optional<Done> next() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return results_.count(handed_) > 0 || handed_ == end_; });
    const auto it = results_.find(handed_);
    if (it == results_.end()) return std::nullopt;
    Done done = std::move(it->second);
    results_.erase(it);
    ++handed_;
    lock.unlock();
    work_ready_.notify_all();
    return done;
  }

 private:
  void read() {
    for (;;) {
      std::deque<Work> batch;
      std::size_t bytes = 0;
      while (batch.size() < kBatchItems) {
        std::optional<Work> work = source_.next();
        if (!work) break;
        bytes += work->text_bytes;
        batch.push_back(std::move(*work));
      }
      std::unique_lock<std::mutex> lock(mutex_);
      queue_space_.wait(lock, [this] { return stop_ || queued_bytes_ < kMaxQueuedBytes; });
      if (stop_) return;
      if (batch.empty()) {
        reading_done_ = true;
        lock.unlock();
        work_ready_.notify_all();
        return;
      }
      queued_bytes_ += bytes;
      queue_.push_back(std::move(batch));
      lock.unlock();
      work_ready_.notify_all();
    }
  }

  void work() {
    for (;;) {
      Work item;
      std::size_t sequence = 0;
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
        item = std::move(queue_.front().front());
        queue_.front().pop_front();
        if (queue_.front().empty()) queue_.pop_front();
        queued_bytes_ -= item.text_bytes;
        sequence = taken_++;
      }
      queue_space_.notify_one();
      Done done = process(std::move(item), pipeline_);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        results_.emplace(sequence, std::move(done));
      }
      ready_.notify_all();
    }
  }

  Source& source_;
  const Pipeline& pipeline_;
  const std::size_t window_;
  std::mutex mutex_;
  std::condition_variable ready_;        // a result arrived, or the end is known
  std::condition_variable work_ready_;   // a batch arrived, a result was handed on, or stop
  std::condition_variable queue_space_;  // an item left the queue, or stop
  std::deque<std::deque<Work>> queue_;   // batches read, not yet taken
  std::size_t queued_bytes_ = 0;         // text bytes in |queue_|
  bool reading_done_ = false;
  std::map<std::size_t, Done> results_;
  std::size_t taken_ = 0;   // items taken from the queue
  std::size_t handed_ = 0;  // results handed on
  std::size_t end_ = static_cast<std::size_t>(-1);
  bool stop_ = false;
  std::thread reader_;
  std::vector<std::thread> workers_;
};

// Hands |done| to |sink| or throws its failure.
void hand_on(Done& done, Progress& progress,
             const std::function<void(const AnalyzedDocument&)>& sink) {
  if (done.error) std::rethrow_exception(done.error);
  sink(done.document);
  progress.add_document(done.text_bytes, done.input_position);
}

}  // namespace

std::string read_input_bytes(const InputFile& file) { return ZInput(file).read_all(); }

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

void for_each_document(const std::vector<InputFile>& inputs, bool jsonl, const Pipeline& pipeline,
                       std::size_t threads, Progress& progress,
                       const std::function<void(const AnalyzedDocument&)>& sink) {
  Source source(inputs, jsonl);
  if (threads <= 1) {
    while (std::optional<Work> work = source.next()) {
      Done done = process(std::move(*work), pipeline);
      hand_on(done, progress, sink);
    }
    return;
  }
  OrderedPool pool(source, pipeline, threads);
  while (std::optional<Done> done = pool.next()) hand_on(*done, progress, sink);
}

}  // namespace guanxi::cli
