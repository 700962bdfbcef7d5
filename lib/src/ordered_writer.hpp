// Private: text made on several threads, written in order.
//
// OrderedWriter runs the jobs it is given (each appends text to a string) on
// |threads| threads and writes their texts to a stream in the order the jobs
// were submitted, so the bytes are the same for any number of threads. At
// most 2 * |threads| texts are made or waiting at once: submit() blocks (and
// writes what is ready) until the oldest is written. With |threads| <= 1 each
// job runs on the calling thread when submitted. A job that throws makes
// submit() or finish() throw it; the stream's state is the caller's to check.
// The destructor stops the threads without writing what is left.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace guanxi {

class OrderedWriter {
 public:
  using Job = std::function<void(std::string&)>;

  OrderedWriter(std::ostream& out, std::size_t threads) : out_(out), window_(2 * threads) {
    if (threads <= 1) return;
    workers_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~OrderedWriter() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    job_ready_.notify_all();
    for (auto& worker : workers_) worker.join();
  }
  OrderedWriter(const OrderedWriter&) = delete;
  OrderedWriter& operator=(const OrderedWriter&) = delete;

  void submit(Job job) {
    if (workers_.empty()) {
      std::string text;
      job(text);
      write(text);
      return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    while (submitted_ - written_ >= window_) write_next(lock);
    jobs_.emplace_back(submitted_++, std::move(job));
    lock.unlock();
    job_ready_.notify_one();
  }

  // Waits for every job and writes the texts not yet written.
  void finish() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (written_ < submitted_) write_next(lock);
  }

 private:
  void write(const std::string& text) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  }

  // Waits for the oldest text not written and writes it (without the lock).
  void write_next(std::unique_lock<std::mutex>& lock) {
    text_ready_.wait(lock, [this] { return error_ || texts_.count(written_) > 0; });
    if (error_) std::rethrow_exception(error_);
    auto node = texts_.extract(written_);
    lock.unlock();
    write(node.mapped());
    lock.lock();
    ++written_;
  }

  void work() {
    for (;;) {
      std::pair<std::size_t, Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        job_ready_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
        if (stop_) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      std::string text;
      std::exception_ptr error;
      try {
        job.second(text);
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (error && !error_) error_ = error;
        texts_.emplace(job.first, std::move(text));
      }
      text_ready_.notify_all();
    }
  }

  std::ostream& out_;
  const std::size_t window_;
  std::mutex mutex_;
  std::condition_variable job_ready_;   // a job was submitted, or stop
  std::condition_variable text_ready_;  // a text was made, or a job failed
  std::deque<std::pair<std::size_t, Job>> jobs_;
  std::map<std::size_t, std::string> texts_;  // made, not yet written, by job number
  std::size_t submitted_ = 0;
  std::size_t written_ = 0;
  std::exception_ptr error_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace guanxi
