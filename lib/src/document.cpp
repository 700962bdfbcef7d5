// PLACEHOLDER: replaced by the document stage implementation.
#include "guanxi/document.hpp"
namespace guanxi {
Document make_document(std::u32string_view original, std::string_view id) { Document d; d.id = id; d.original = original; d.norm = normalize(original); d.sentences.push_back({0, d.norm.text.size()}); return d; }
std::vector<Document> split_documents(std::u32string_view original, std::string_view id_base) { return {make_document(original, id_base)}; }
}  // namespace guanxi
