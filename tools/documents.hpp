// Documents from input files as a stream, analysed on N threads, handed on in
// input order.
//
// Inputs are read one at a time and never all at once: a text file is read
// whole, split into articles and its articles handed out; a JSON Lines file is
// read line by line. A file whose name ends in .gz (or standard input that
// starts with the gzip magic bytes) is decompressed on the fly with zlib.
// With |threads| > 1, one reader thread reads and splits ahead into a bounded
// queue (16 MB of text) while |threads| workers extract; documents travel in
// batches (up to 256 KB of text or 4096 documents each, the first ones
// smaller), so that tiny documents do not cost a lock and a wake-up each. At
// most a bounded window of batches is in flight, and |sink| sees the
// documents on the calling thread in the order of the inputs, so what it
// builds does not depend on |threads|.
// Text files are decoded with decode_bytes() (encodings, --lenient); JSON
// Lines records line by line the same way. Failures (unreadable or corrupt
// files, undecodable bytes, bad JSON lines, documents over max_doc_bytes)
// throw Failure worded "FILE[:LINE]: what" at the point in input order where
// they occur, after every earlier document was handed to |sink|; with
// |skip_bad| they are warnings instead, and a last warning counts them.
// Notes and warnings (detected encodings, replaced bytes, empty files) go to
// stderr in input order too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "guanxi/guanxi.hpp"
#include "inputs.hpp"

namespace guanxi::cli {

// The default of -j: every core the system reports (1 when it reports none).
std::size_t default_threads();

// The bytes of |files| as stored (compressed size for .gz); 0 when one of
// them has no known size (standard input, a pipe).
std::uint64_t total_input_bytes(const std::vector<InputFile>& files);

// The whole contents of |file| ("-": standard input), decompressed when it is
// gzip; Failure naming the file, also when there are more than |max_bytes|
// (0: no limit) bytes, read no further.
std::string read_input_bytes(const InputFile& file, std::size_t max_bytes = 0);

// |bytes| of |display| decoded as |options| say, as UTF-8; a note for a
// detected encoding and a warning for replaced sequences are added to |notes|
// as whole "guanxi: ..." lines. Failure "DISPLAY:LINE: what" when undecodable.
std::string decode_input(std::string_view bytes, const std::string& display,
                         const ReadOptions& options, std::vector<std::string>& notes);

// Runs the pipeline over every input on |threads| threads (1: on the calling
// thread only) and hands each document to |sink| in input order. Text files
// are split into articles; with |jsonl| each line {"text": ..., "id": ...} is
// one document (id defaults to "<file>:<line>").
void for_each_document(const std::vector<InputFile>& inputs, bool jsonl, const ReadOptions& options,
                       const Pipeline& pipeline, std::size_t threads, Progress& progress,
                       const std::function<void(const AnalyzedDocument&)>& sink);

}  // namespace guanxi::cli
