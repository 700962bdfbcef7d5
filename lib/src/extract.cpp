// PLACEHOLDER: replaced by the extractor.
#include "guanxi/extract.hpp"
namespace guanxi {
Extraction extract(const Document&, const Lexicon&) { return {}; }
const char* to_string(MentionType) { return ""; }
const char* to_string(Role) { return ""; }
}  // namespace guanxi
