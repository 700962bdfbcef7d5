// The lexical network's forward pass: embedding rows, two bidirectional GRU
// layers (PaddlePaddle's dynamic_gru: h = u * c + (1 - u) * h_prev), the
// emission layer and CRF Viterbi decoding. Weights are held in column blocks
// that the products read in order, with the sums in registers; the compiler
// vectorises the loops, and with GCC on x86-64 Linux they are compiled for
// AVX-512, AVX2 and the baseline (the loader picks one). The clones round
// alike except where one fuses a multiply and an add, so a reading on the edge
// of a margin bucket may differ between processors, never between runs.
#include "guanxi/lexical_net.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "guanxi/error.hpp"

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

// The packed network (lib/gen/lexical_net_pack.cpp), assembled into the
// library (lib/CMakeLists.txt).
extern "C" {
extern const unsigned char guanxi_lexical_net_begin[];
extern const unsigned char guanxi_lexical_net_end[];
}

namespace guanxi {
namespace {

constexpr std::size_t kEmbedding = 128;
constexpr std::size_t kHidden = 128;

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define GUANXI_NET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define GUANXI_NET_CLONES
#endif

// out[0..cols) += sum over k of in[k] * w[k][0..cols): a row vector times a
// |rows| x |cols| matrix stored in column blocks (blocked()): block b holds
// columns b * kBlock.. of every row, contiguous, so the weights stream in
// order. The block's sums stay in registers across all rows.
constexpr std::size_t kBlock = 128;

GUANXI_NET_CLONES
void add_product(const float* __restrict in, const float* __restrict w, std::size_t rows,
                 std::size_t cols, float* __restrict out) {
  for (std::size_t j0 = 0; j0 < cols; j0 += kBlock) {
    float acc[kBlock];
    for (std::size_t j = 0; j < kBlock; ++j) acc[j] = out[j0 + j];
    const float* block = w + j0 * rows;
    for (std::size_t k = 0; k < rows; ++k) {
      const float x = in[k];
      const float* row = block + k * kBlock;
      for (std::size_t j = 0; j < kBlock; ++j) acc[j] += x * row[j];
    }
    for (std::size_t j = 0; j < kBlock; ++j) out[j0 + j] = acc[j];
  }
}

// The same for a plain row-major matrix of any width (the emission layer's 57).
GUANXI_NET_CLONES
void add_plain_product(const float* __restrict in, const float* __restrict w, std::size_t rows,
                       std::size_t cols, float* __restrict out) {
  for (std::size_t k = 0; k < rows; ++k) {
    const float x = in[k];
    const float* row = w + k * cols;
    for (std::size_t j = 0; j < cols; ++j) out[j] += x * row[j];
  }
}

// A row-major |rows| x |cols| matrix (cols a multiple of kBlock) in column blocks.
std::vector<float> blocked(const std::vector<float>& m, std::size_t rows, std::size_t cols) {
  std::vector<float> out(m.size());
  std::size_t at = 0;
  for (std::size_t j0 = 0; j0 < cols; j0 += kBlock)
    for (std::size_t k = 0; k < rows; ++k)
      for (std::size_t j = 0; j < kBlock; ++j) out[at++] = m[k * cols + j0 + j];
  return out;
}

// out[i][0..cols) += sum over k of in[i][k] * w[k][0..cols) for |P| rows of
// |in| (|rows| wide) at once, |w| in column blocks: each weight loaded serves
// all P, whose sums for kColumns columns stay in registers. One function per
// P (a macro, since GCC clones no templates).
constexpr std::size_t kColumns = 32;
static_assert(kBlock % kColumns == 0, "a block holds whole column groups");

#define GUANXI_ROWS_KERNEL(NAME, P)                                                          \
  GUANXI_NET_CLONES                                                                          \
  void NAME(const float* __restrict in, const float* __restrict w, std::size_t rows,         \
            std::size_t cols, float* __restrict out) {                                       \
    for (std::size_t j0 = 0; j0 < cols; j0 += kColumns) {                                    \
      const float* block = w + (j0 / kBlock) * kBlock * rows + j0 % kBlock;                  \
      float acc[P][kColumns];                                                                \
      for (std::size_t p = 0; p < (P); ++p)                                                  \
        for (std::size_t j = 0; j < kColumns; ++j) acc[p][j] = out[p * cols + j0 + j];       \
      for (std::size_t k = 0; k < rows; ++k) {                                               \
        const float* row = block + k * kBlock;                                               \
        for (std::size_t p = 0; p < (P); ++p) {                                              \
          const float x = in[p * rows + k];                                                  \
          for (std::size_t j = 0; j < kColumns; ++j) acc[p][j] += x * row[j];                \
        }                                                                                    \
      }                                                                                      \
      for (std::size_t p = 0; p < (P); ++p)                                                  \
        for (std::size_t j = 0; j < kColumns; ++j) out[p * cols + j0 + j] = acc[p][j];       \
    }                                                                                        \
  }
GUANXI_ROWS_KERNEL(add_products_8, 8)
GUANXI_ROWS_KERNEL(add_products_4, 4)
GUANXI_ROWS_KERNEL(add_products_2, 2)
#undef GUANXI_ROWS_KERNEL

// The same for the |n| rows of |in|: 8, 4 or 2 at a time, the last alone.
void add_products(const float* in, std::size_t n, const float* w, std::size_t rows,
                  std::size_t cols, float* out) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) add_products_8(in + i * rows, w, rows, cols, out + i * cols);
  if (i + 4 <= n) add_products_4(in + i * rows, w, rows, cols, out + i * cols), i += 4;
  if (i + 2 <= n) add_products_2(in + i * rows, w, rows, cols, out + i * cols), i += 2;
  if (i < n) add_product(in + i * rows, w, rows, cols, out + i * cols);
}

// A rational approximation of tanh, within a few float ulps on the clamped
// range; it vectorises where std::tanh does not.
inline float fast_tanh(float x) {
  x = std::clamp(x, -7.90531110763549805F, 7.90531110763549805F);
  const float x2 = x * x;
  float p = -2.76076847742355e-16F;
  p = p * x2 + 2.00018790482477e-13F;
  p = p * x2 - 8.60467152213735e-11F;
  p = p * x2 + 5.12229709037114e-08F;
  p = p * x2 + 1.48572235717979e-05F;
  p = p * x2 + 6.37261928875436e-04F;
  p = p * x2 + 4.89352455891786e-03F;
  p *= x;
  float q = 1.19825839466702e-06F;
  q = q * x2 + 1.18534705686654e-04F;
  q = q * x2 + 2.26843463243900e-03F;
  q = q * x2 + 4.89352518554385e-03F;
  return p / q;
}

// The GRU's update and reset gates: the sigmoid of each of |n| sums, in place.
GUANXI_NET_CLONES
void activate_gates(float* __restrict g, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) g[j] = 0.5F + 0.5F * fast_tanh(0.5F * g[j]);
}

// h = u * tanh(c) + (1 - u) * h, with the update gate u the first kHidden of
// |gates| and |c| the candidate's sums.
GUANXI_NET_CLONES
void update_state(const float* __restrict gates, const float* __restrict c, float* __restrict h) {
  for (std::size_t j = 0; j < kHidden; ++j) {
    const float u = gates[j];
    h[j] = u * fast_tanh(c[j]) + (1.0F - u) * h[j];
  }
}

// One step of Viterbi over |tags| tags: next[t] = max over p of score[p] +
// transition[p][t], plus emission[t], and from[t] the first p reaching it.
// The loop runs over t for each p, so it vectorises.
GUANXI_NET_CLONES
void viterbi_step(const float* __restrict score, const float* __restrict transition,
                  const float* __restrict emission, std::size_t tags, float* __restrict next,
                  std::int32_t* __restrict from) {
  for (std::size_t t = 0; t < tags; ++t) next[t] = score[0] + transition[t], from[t] = 0;
  for (std::size_t p = 1; p < tags; ++p) {
    const float sp = score[p];
    const float* row = transition + p * tags;
    for (std::size_t t = 0; t < tags; ++t) {
      const float s = sp + row[t];
      const bool better = s > next[t];
      next[t] = better ? s : next[t];
      from[t] = better ? static_cast<std::int32_t>(p) : from[t];
    }
  }
  for (std::size_t t = 0; t < tags; ++t) next[t] += emission[t];
}

// While alive, the calling thread's SSE arithmetic reads and writes
// subnormal floats as zero (on x86; elsewhere it does nothing): states and
// sums that shrink that far would otherwise cost a slow assist in every
// product, for no difference a reading could show. The thread's previous
// mode comes back at the end.
class FlushSubnormals {
 public:
#if defined(__SSE__)
  FlushSubnormals() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | kFlushToZero | kDenormalsAreZero); }
  ~FlushSubnormals() { _mm_setcsr(saved_); }

 private:
  static constexpr unsigned kFlushToZero = 0x8000;
  static constexpr unsigned kDenormalsAreZero = 0x0040;
  unsigned saved_;
#endif
};

bool sentence_end(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?' || c == U';' ||
         c == U'；' || c == U'\n';
}

}  // namespace

// The per-thread arrays of one batch of sentences.
struct LexicalNet::NetWorkspace {
  std::vector<float> layer_in, layer_out, projected, emissions;
  std::vector<float> step_input, gates, reset_state, candidate, state;  // kBatch rows each
  std::vector<float> score, next;
  std::vector<std::int32_t> from;
  std::vector<std::uint8_t> back;
};

namespace {

LexicalNet::NetWorkspace& net_workspace() {
  thread_local LexicalNet::NetWorkspace w;
  return w;
}

std::uint8_t margin_bucket(float margin) {
  if (margin < -4) return 0;
  if (margin < -2) return 1;
  if (margin < 0) return 2;
  if (margin < 2) return 3;
  if (margin < 4) return 4;
  return 5;
}

}  // namespace

const LexicalNet& LexicalNet::builtin() {
  static const LexicalNet net = from_bytes(
      std::string_view(reinterpret_cast<const char*>(guanxi_lexical_net_begin),
                       static_cast<std::size_t>(guanxi_lexical_net_end - guanxi_lexical_net_begin)),
      "built-in lexical network");
  return net;
}

LexicalNet LexicalNet::from_bytes(std::string_view bytes, std::string_view source) {
  auto bad = [&](const std::string& what) { return InputError(std::string(source) + ": " + what); };
  std::size_t at = 0;
  auto u32 = [&]() {
    if (at + 4 > bytes.size()) throw bad("truncated lexical network");
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= std::uint32_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
    at += 4;
    return v;
  };
  if (bytes.substr(0, 8) != "GXLEXNET") throw bad("not a packed lexical network");
  at = 8;
  if (u32() != 1) throw bad("unknown lexical network version");
  LexicalNet net;
  const std::uint32_t chars = u32();
  const std::uint32_t vocabulary = u32();
  net.oov_ = u32();
  net.chars_.reserve(chars);
  for (std::uint32_t i = 0; i < chars; ++i) {
    const char32_t c = u32();
    const std::uint32_t row = u32();
    if (row >= vocabulary) throw bad("character row out of range");
    net.chars_.emplace_back(c, row);
  }
  const std::uint32_t tags = u32();
  if (tags == 0 || tags > 255) throw bad("bad tag count");
  for (std::uint32_t t = 0; t < tags; ++t) {
    if (at >= bytes.size()) throw bad("truncated lexical network");
    const auto len = static_cast<unsigned char>(bytes[at++]);
    if (at + len > bytes.size()) throw bad("truncated lexical network");
    net.tag_names_.emplace_back(bytes.substr(at, len));
    at += len;
  }
  at = (at + 3) / 4 * 4;
  auto matrix = [&](std::size_t rows, std::size_t cols) {
    Matrix m;
    m.rows = u32();
    m.cols = u32();
    if (m.rows != rows || m.cols != cols) throw bad("a tensor has an unexpected shape");
    const std::size_t size = rows * cols * sizeof(float);
    if (at + size > bytes.size()) throw bad("truncated lexical network");
    m.values.resize(rows * cols);
    std::memcpy(m.values.data(), bytes.data() + at, size);
    at += size;
    // Subnormal weights (the network has some tens of thousands) add nothing
    // a reading could show, and each product with one costs the processor a
    // slow assist: they are read as zero.
    for (float& v : m.values) {
      if (std::fpclassify(v) == FP_SUBNORMAL) v = 0.0F;
    }
    return m;
  };
  // A GRU weight is stored as the gates' hidden x 2 hidden matrix followed by
  // the candidate's hidden x hidden one.
  auto split_gru = [&](Direction& d) {
    Matrix w = matrix(kHidden, 3 * kHidden);
    d.gates.rows = d.candidate.rows = kHidden;
    d.gates.cols = 2 * kHidden;
    d.candidate.cols = kHidden;
    d.gates.values.assign(w.values.begin(), w.values.begin() + 2 * kHidden * kHidden);
    d.candidate.values.assign(w.values.begin() + 2 * kHidden * kHidden, w.values.end());
    d.gates.values = blocked(d.gates.values, kHidden, 2 * kHidden);
    d.candidate.values = blocked(d.candidate.values, kHidden, kHidden);
  };
  net.embedding_ = matrix(vocabulary, kEmbedding);
  for (std::size_t layer = 0; layer < 2; ++layer) {
    for (std::size_t dir = 0; dir < 2; ++dir) {
      Direction& d = net.layers_[layer][dir];
      d.input = matrix(layer == 0 ? kEmbedding : 2 * kHidden, 3 * kHidden);
      d.input.values = blocked(d.input.values, d.input.rows, d.input.cols);
      d.input_bias = matrix(1, 3 * kHidden);
      split_gru(d);
      d.bias = matrix(1, 3 * kHidden);
    }
  }
  net.emission_ = matrix(2 * kHidden, tags);
  net.emission_bias_ = matrix(1, tags);
  net.crf_ = matrix(tags + 2, tags);
  if (at != bytes.size()) throw bad("lexical network too long");
  auto find = [&](const char* name) {
    const auto it = std::find(net.tag_names_.begin(), net.tag_names_.end(), name);
    if (it == net.tag_names_.end()) throw bad(std::string("no tag ") + name);
    return static_cast<std::uint8_t>(it - net.tag_names_.begin());
  };
  net.person_tags_[0] = find("PER-B");
  net.person_tags_[1] = find("PER-I");
  net.org_tags_[0] = find("ORG-B");
  net.org_tags_[1] = find("ORG-I");
  std::uint64_t h = 14695981039346656037ULL;
  for (const unsigned char b : bytes) h = (h ^ b) * 1099511628211ULL;
  net.checksum_ = static_cast<std::uint32_t>(h ^ (h >> 32));
  return net;
}

void LexicalNet::analyse(std::u32string_view text, std::vector<Reading>& out) const {
  analyse_spans(text, {{0, text.size()}}, out);
}

void LexicalNet::analyse_spans(std::u32string_view text,
                               const std::vector<std::pair<std::size_t, std::size_t>>& spans,
                               std::vector<Reading>& out) const {
  const FlushSubnormals flush;
  out.assign(text.size(), Reading{});
  // The sentences of every span, longest first, so that a batch holds
  // sentences of about one length.
  std::vector<std::pair<std::size_t, std::size_t>> sentences;
  for (const auto& [span_begin, span_end] : spans) {
    std::size_t begin = span_begin;
    for (std::size_t i = span_begin; i < span_end; ++i) {
      if (sentence_end(text[i])) sentences.emplace_back(begin, i + 1), begin = i + 1;
    }
    if (begin < span_end) sentences.emplace_back(begin, span_end);
  }
  std::stable_sort(sentences.begin(), sentences.end(), [](const auto& a, const auto& b) {
    return a.second - a.first > b.second - b.first;
  });
  for (std::size_t first = 0; first < sentences.size(); first += kBatch) {
    const std::size_t last = std::min(sentences.size(), first + kBatch);
    analyse_batch(text, sentences.data() + first, last - first, out);
  }
}

void LexicalNet::analyse_batch(std::u32string_view text,
                               const std::pair<std::size_t, std::size_t>* sentences,
                               std::size_t count, std::vector<Reading>& out) const {
  const std::size_t tags = tag_names_.size();
  NetWorkspace& w = net_workspace();
  // The batch's characters one after another: sentence s at rows at[s]...
  std::size_t at[kBatch + 1] = {0};
  std::size_t longest = 0;
  for (std::size_t s = 0; s < count; ++s) {
    const std::size_t n = sentences[s].second - sentences[s].first;
    at[s + 1] = at[s] + n;
    longest = std::max(longest, n);
  }
  const std::size_t rows = at[count];
  // Layer 0's input: the embedding rows (letters folded to lower case when
  // only that form is known).
  auto find = [&](char32_t c) {
    const auto it = std::lower_bound(chars_.begin(), chars_.end(), c,
                                     [](const auto& entry, char32_t key) { return entry.first < key; });
    return it != chars_.end() && it->first == c ? it->second : oov_;
  };
  auto row_of = [&](char32_t c) {
    const std::uint32_t row = find(c);
    return row == oov_ && c >= U'A' && c <= U'Z' ? find(c + (U'a' - U'A')) : row;
  };
  w.layer_in.resize(rows * 2 * kHidden);
  std::size_t width = kEmbedding;
  for (std::size_t s = 0; s < count; ++s) {
    for (std::size_t i = sentences[s].first; i < sentences[s].second; ++i) {
      const float* e = embedding_.values.data() + std::size_t{row_of(text[i])} * kEmbedding;
      std::copy(e, e + kEmbedding, w.layer_in.data() + (at[s] + i - sentences[s].first) * width);
    }
  }
  w.layer_out.resize(rows * 2 * kHidden);
  w.projected.resize(rows * 3 * kHidden);
  // One GRU step for all the batch's sentences at once (the rows of those
  // past their end are computed and not used): each weight loaded serves
  // every sentence.
  w.step_input.resize(kBatch * 3 * kHidden);
  w.gates.resize(kBatch * 2 * kHidden);
  w.reset_state.resize(kBatch * kHidden);
  w.candidate.resize(kBatch * kHidden);
  w.state.resize(kBatch * kHidden);
  for (std::size_t layer = 0; layer < 2; ++layer) {
    for (std::size_t dir = 0; dir < 2; ++dir) {
      const Direction& d = layers_[layer][dir];
      for (std::size_t i = 0; i < rows; ++i) {
        float* x = w.projected.data() + i * 3 * kHidden;
        for (std::size_t j = 0; j < 3 * kHidden; ++j)
          x[j] = d.input_bias.values[j] + d.bias.values[j];
      }
      add_products(w.layer_in.data(), rows, d.input.values.data(), width, 3 * kHidden,
                   w.projected.data());
      std::fill(w.state.begin(), w.state.end(), 0.0F);
      std::fill(w.step_input.begin(), w.step_input.end(), 0.0F);
      for (std::size_t step = 0; step < longest; ++step) {
        for (std::size_t s = 0; s < count; ++s) {
          const std::size_t n = at[s + 1] - at[s];
          if (step >= n) continue;
          const std::size_t i = at[s] + (dir == 0 ? step : n - 1 - step);
          std::copy_n(w.projected.data() + i * 3 * kHidden, 3 * kHidden,
                      w.step_input.data() + s * 3 * kHidden);
        }
        gru_steps(w, d, count);
        for (std::size_t s = 0; s < count; ++s) {
          const std::size_t n = at[s + 1] - at[s];
          if (step >= n) continue;
          const std::size_t i = at[s] + (dir == 0 ? step : n - 1 - step);
          std::copy_n(w.state.data() + s * kHidden, kHidden,
                      w.layer_out.data() + i * 2 * kHidden + dir * kHidden);
        }
      }
    }
    w.layer_in.swap(w.layer_out);
    width = 2 * kHidden;
  }
  // Emissions, then Viterbi per sentence with the CRF's start, end and
  // transition scores.
  w.emissions.resize(rows * tags);
  for (std::size_t i = 0; i < rows; ++i) {
    float* e = w.emissions.data() + i * tags;
    std::copy(emission_bias_.values.begin(), emission_bias_.values.end(), e);
    add_plain_product(w.layer_in.data() + i * width, emission_.values.data(), width, tags, e);
  }
  for (std::size_t s = 0; s < count; ++s) {
    decode(w.emissions.data() + at[s] * tags, at[s + 1] - at[s], out.data() + sentences[s].first);
  }
}

void LexicalNet::gru_steps(NetWorkspace& w, const Direction& d, std::size_t count) const {
  float* g = w.gates.data();
  for (std::size_t s = 0; s < count; ++s)
    std::copy_n(w.step_input.data() + s * 3 * kHidden, 2 * kHidden, g + s * 2 * kHidden);
  add_products(w.state.data(), count, d.gates.values.data(), kHidden, 2 * kHidden, g);
  activate_gates(g, count * 2 * kHidden);
  float* c = w.candidate.data();
  for (std::size_t s = 0; s < count; ++s) {
    const float* reset = g + s * 2 * kHidden + kHidden;
    for (std::size_t j = 0; j < kHidden; ++j)
      w.reset_state[s * kHidden + j] = reset[j] * w.state[s * kHidden + j];
    std::copy_n(w.step_input.data() + s * 3 * kHidden + 2 * kHidden, kHidden, c + s * kHidden);
  }
  add_products(w.reset_state.data(), count, d.candidate.values.data(), kHidden, kHidden, c);
  for (std::size_t s = 0; s < count; ++s)
    update_state(g + s * 2 * kHidden, c + s * kHidden, w.state.data() + s * kHidden);
}

void LexicalNet::decode(const float* emissions, std::size_t n, Reading* out) const {
  const std::size_t tags = tag_names_.size();
  NetWorkspace& w = net_workspace();
  const float* start = crf_.values.data();
  const float* stop = start + tags;
  const float* transition = start + 2 * tags;
  w.score.assign(start, start + tags);
  for (std::size_t t = 0; t < tags; ++t) w.score[t] += emissions[t];
  w.next.resize(tags);
  w.back.resize(n * tags);
  w.from.resize(tags);
  for (std::size_t i = 1; i < n; ++i) {
    viterbi_step(w.score.data(), transition, emissions + i * tags, tags, w.next.data(),
                 w.from.data());
    for (std::size_t t = 0; t < tags; ++t) w.back[i * tags + t] = static_cast<std::uint8_t>(w.from[t]);
    w.score.swap(w.next);
  }
  std::size_t last = 0;
  for (std::size_t t = 0; t < tags; ++t) {
    if (w.score[t] + stop[t] > w.score[last] + stop[last]) last = t;
  }
  for (std::size_t i = n; i-- > 0;) {
    Reading& r = out[i];
    r.tag = static_cast<std::uint8_t>(last);
    const float* e = emissions + i * tags;
    r.best = static_cast<std::uint8_t>(std::max_element(e, e + tags) - e);
    auto margin = [&](const std::uint8_t* pair) {
      float inside = std::max(e[pair[0]], e[pair[1]]);
      float outside = -std::numeric_limits<float>::infinity();
      for (std::size_t t = 0; t < tags; ++t) {
        if (t != pair[0] && t != pair[1]) outside = std::max(outside, e[t]);
      }
      return margin_bucket(inside - outside);
    };
    r.person = margin(person_tags_);
    r.organization = margin(org_tags_);
    if (i > 0) last = w.back[i * tags + last];
  }
}

}  // namespace guanxi
