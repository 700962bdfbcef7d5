// Build-time tool: lexical_net_pack DIR OUT packs the small lexical-analysis
// network that Debian's python3-jieba ships (DIR = jieba/lac_small: word.dic,
// tag.dic and the PaddlePaddle tensor files of model_baseline/) into one
// file that the library assembles in (lexical_net.hpp reads it).
//
// Out, little-endian: magic "GXLEXNET", uint32 version 1, uint32 character
// count C, uint32 vocabulary rows V, uint32 OOV row, C pairs (uint32 code
// point, uint32 row) sorted by code point, uint32 tag count T, T tag names
// (uint8 length, bytes), then the tensors in kTensors order, each as uint32
// rows, uint32 columns and rows x columns float32 (as stored by Paddle).
// Exits 1 when a file is missing or not of the expected shape, or OUT cannot
// be written.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace {

// The tensors in the order they are packed, and their shapes (1 x N for biases).
struct TensorShape {
  const char* file;
  std::uint64_t rows;  // 0: the vocabulary size
  std::uint64_t cols;
};
constexpr TensorShape kTensors[] = {
    {"word_emb", 0, 128},    {"fc_0.w_0", 128, 384}, {"fc_0.b_0", 1, 384},
    {"gru_0.w_0", 128, 384}, {"gru_0.b_0", 1, 384},  {"fc_1.w_0", 128, 384},
    {"fc_1.b_0", 1, 384},    {"gru_1.w_0", 128, 384}, {"gru_1.b_0", 1, 384},
    {"fc_2.w_0", 256, 384},  {"fc_2.b_0", 1, 384},  {"gru_2.w_0", 128, 384},
    {"gru_2.b_0", 1, 384},   {"fc_3.w_0", 256, 384}, {"fc_3.b_0", 1, 384},
    {"gru_3.w_0", 128, 384}, {"gru_3.b_0", 1, 384},  {"fc_4.w_0", 256, 57},
    {"fc_4.b_0", 1, 57},     {"crfw", 59, 57},
};

bool fail(const std::string& what) {
  std::cerr << "lexical_net_pack: error: " << what << "\n";
  return false;
}

std::uint64_t varint(const unsigned char*& p, const unsigned char* end) {
  std::uint64_t v = 0;
  for (int shift = 0; p < end && shift < 64; shift += 7) {
    const unsigned char b = *p++;
    v |= std::uint64_t{b & 0x7FU} << shift;
    if ((b & 0x80) == 0) break;
  }
  return v;
}

// A PaddlePaddle LoDTensor file: uint32 version, uint64 LoD levels (0),
// uint32 tensor version, int32 size of the TensorDesc message (field 1: data
// type, 5 = float32; field 2, repeated: dimensions), the message, the data.
// Appends rows x cols float32 to |out|, checking the shape (a bias [1, N] may
// be stored as [N]).
bool read_tensor(const std::string& path, std::uint64_t rows, std::uint64_t cols,
                 std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read " + path);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 20) return fail(path + ": too short for a tensor");
  std::uint64_t lod_levels = 0;
  std::uint32_t desc_size = 0;
  std::memcpy(&lod_levels, bytes.data() + 4, 8);
  std::memcpy(&desc_size, bytes.data() + 16, 4);
  if (lod_levels != 0 || 20 + std::size_t{desc_size} > bytes.size())
    return fail(path + ": not a plain tensor file");
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + 20;
  const auto* end = p + desc_size;
  std::uint64_t type = 0;
  std::vector<std::uint64_t> dims;
  while (p < end) {
    const std::uint64_t key = varint(p, end);
    if (key == 0x08) type = varint(p, end);
    else if (key == 0x10) dims.push_back(varint(p, end));
    else return fail(path + ": unexpected field in the tensor description");
  }
  std::uint64_t count = 1;
  for (const auto d : dims) count *= d;
  if (type != 5 || count != rows * cols || dims.empty() || dims.back() != cols)
    return fail(path + ": not a float32 tensor of " + std::to_string(rows) + " x " +
                std::to_string(cols));
  if (bytes.size() != 20 + desc_size + count * 4) return fail(path + ": wrong size");
  out.append(bytes, 20 + desc_size, count * 4);
  return true;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// The code point of a UTF-8 string of one character, or 0.
std::uint32_t single_code_point(const std::string& s) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  if (n == 1 && b[0] < 0x80) return b[0];
  if (n == 2 && (b[0] & 0xE0) == 0xC0) return ((b[0] & 0x1FU) << 6) | (b[1] & 0x3FU);
  if (n == 3 && (b[0] & 0xF0) == 0xE0)
    return ((b[0] & 0x0FU) << 12) | ((b[1] & 0x3FU) << 6) | (b[2] & 0x3FU);
  if (n == 4 && (b[0] & 0xF8) == 0xF0)
    return ((b[0] & 0x07U) << 18) | ((b[1] & 0x3FU) << 12) | ((b[2] & 0x3FU) << 6) |
           (b[3] & 0x3FU);
  return 0;
}

// Lines "ID<TAB>TEXT" of |path|, by ID.
bool read_dictionary(const std::string& path, std::vector<std::string>& by_id) {
  std::ifstream in(path);
  if (!in) return fail("cannot read " + path);
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 ||
        line.find_first_not_of("0123456789") != tab) {
      return fail(path + ": a line is not ID<TAB>TEXT");
    }
    const unsigned long id = std::stoul(line.substr(0, tab));
    if (id > 1000000) return fail(path + ": ID out of range");
    if (by_id.size() <= id) by_id.resize(id + 1);
    by_id[id] = line.substr(tab + 1);
  }
  return !by_id.empty() || fail(path + " is empty");
}

bool pack(const std::string& dir, const char* out_path) {
  std::vector<std::string> words;
  std::vector<std::string> tags;
  if (!read_dictionary(dir + "/word.dic", words) || !read_dictionary(dir + "/tag.dic", tags))
    return false;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> chars;
  std::uint32_t oov = 0;
  bool has_oov = false;
  for (std::size_t id = 0; id < words.size(); ++id) {
    if (words[id] == "OOV") oov = static_cast<std::uint32_t>(id), has_oov = true;
    const std::uint32_t c = single_code_point(words[id]);
    if (c != 0) chars.emplace_back(c, static_cast<std::uint32_t>(id));
  }
  if (!has_oov) return fail(dir + "/word.dic has no OOV entry");
  std::sort(chars.begin(), chars.end());
  chars.erase(std::unique(chars.begin(), chars.end(),
                          [](const auto& a, const auto& b) { return a.first == b.first; }),
              chars.end());
  if (tags.size() != 57) return fail(dir + "/tag.dic: expected 57 tags");

  std::string out = "GXLEXNET";
  put_u32(out, 1);
  put_u32(out, static_cast<std::uint32_t>(chars.size()));
  put_u32(out, static_cast<std::uint32_t>(words.size()));
  put_u32(out, oov);
  for (const auto& [c, id] : chars) put_u32(out, c), put_u32(out, id);
  put_u32(out, static_cast<std::uint32_t>(tags.size()));
  for (const auto& t : tags) {
    if (t.empty() || t.size() > 255) return fail("a tag name is empty or too long");
    out.push_back(static_cast<char>(t.size()));
    out += t;
  }
  while (out.size() % 4 != 0) out.push_back('\0');
  for (const TensorShape& t : kTensors) {
    const std::uint64_t rows = t.rows == 0 ? words.size() : t.rows;
    put_u32(out, static_cast<std::uint32_t>(rows));
    put_u32(out, static_cast<std::uint32_t>(t.cols));
    if (!read_tensor(dir + "/model_baseline/" + t.file, rows, t.cols, out)) return false;
  }
  std::ofstream file(out_path, std::ios::binary);
  file << out;
  return static_cast<bool>(file.flush()) || fail(std::string("cannot write ") + out_path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: lexical_net_pack DIR OUT\n";
    return 2;
  }
  return pack(argv[1], argv[2]) ? 0 : 1;
}
