// libFuzzer target: the text pipeline, bytes -> decoded text -> documents -> mentions.
// Invariants: decoding either succeeds or throws InputError; lenient decoding
// always succeeds and gives valid UTF-8; every mention lies inside its document.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "guanxi/guanxi.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const guanxi::Pipeline pipeline;
  try {
    guanxi::decode_bytes(bytes);
  } catch (const guanxi::InputError&) {
  }
  guanxi::DecodeOptions lenient;
  lenient.lenient = true;
  const guanxi::DecodedBytes decoded = guanxi::decode_bytes(bytes, lenient);
  // Lenient output is valid UTF-8: decode_utf8 must not throw.
  const std::u32string text = guanxi::decode_utf8(decoded.utf8);
  for (const auto& d : pipeline.analyze_text(decoded.utf8, "fuzz")) {
    for (const auto& m : d.extraction.mentions) {
      if (m.start > m.end || m.end > text.size()) std::abort();
    }
  }
  return 0;
}
