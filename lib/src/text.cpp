// PLACEHOLDER: replaced by the text stage implementation.
#include "guanxi/text.hpp"
#include "guanxi/error.hpp"
namespace guanxi {
std::u32string decode_utf8(std::string_view bytes) { std::u32string s; for (unsigned char c : bytes) s.push_back(c); return s; }
std::string encode_utf8(std::u32string_view) { return {}; }
NormalizedText normalize(std::u32string_view original) { NormalizedText n; n.text = original; for (std::size_t i = 0; i <= original.size(); ++i) n.to_orig.push_back(i); return n; }
}  // namespace guanxi
