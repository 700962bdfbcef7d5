// Private: text made on several threads, written in order.
//
// OrderedWriter runs the jobs it is given (each appends text to a string) on
// |threads| threads and writes their texts to a stream in the order the jobs
// were submitted, so the bytes are the same for any number of threads. The
// threads write too (one at a time, each text once the ones before it are
// out), so the thread that submits never waits on the stream. At most
// 2 * |threads| texts are made or waiting at once: submit() blocks until the
// oldest is written. With |threads| <= 1 each job runs on the calling thread
// when submitted. A job that throws makes
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
    text_written_.wait(lock, [this] { return error_ || submitted_ - written_ < window_; });
    if (error_) std::rethrow_exception(error_);
    jobs_.emplace_back(submitted_++, std::move(job));
    lock.unlock();
    job_ready_.notify_one();
  }

  // Waits until every job's text is written.
  void finish() {
    if (workers_.empty()) return;
    std::unique_lock<std::mutex> lock(mutex_);
    text_written_.wait(lock, [this] { return error_ || written_ == submitted_; });
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void write(const std::string& text) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  }

  // Writes the texts that are next in order, while one is made and no other
  // thread is writing (without the lock while writing); |lock| is held.
  void write_ready(std::unique_lock<std::mutex>& lock) {
    if (writing_) return;
    writing_ = true;
    while (!error_ && texts_.count(written_) > 0) {
      auto node = texts_.extract(written_);
      lock.unlock();
      write(node.mapped());
      lock.lock();
      ++written_;
      text_written_.notify_all();
    }
    writing_ = false;
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
      std::unique_lock<std::mutex> lock(mutex_);
      if (error) {
        if (!error_) error_ = error;
        text_written_.notify_all();
        continue;
      }
      texts_.emplace(job.first, std::move(text));
      write_ready(lock);
    }
  }

  std::ostream& out_;
  const std::size_t window_;
  std::mutex mutex_;
  std::condition_variable job_ready_;   // a job was submitted, or stop
  std::condition_variable text_written_;  // a text was written, or a job failed
  std::deque<std::pair<std::size_t, Job>> jobs_;
  std::map<std::size_t, std::string> texts_;  // made, not yet written, by job number
  std::size_t submitted_ = 0;
  std::size_t written_ = 0;
  std::exception_ptr error_;
  bool writing_ = false;  // a worker is writing texts (in order)
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace guanxi
