// Stage 2 on the shared seed input: a digest of three articles in one file.
// Skips (exit code 77) when ../shared is not checked out beside the project.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "guanxi/document.hpp"
#include "guanxi/text.hpp"

namespace {

// The bytes of a file under ../shared; exits with 77 (skipped) when it is absent.
std::string read_shared(const std::string& relative) {
  std::ifstream in(std::string(GUANXI_SHARED_DIR) + "/" + relative, std::ios::binary);
  if (!in) {
    std::cout << "SKIPPED: ../shared not found" << std::endl;
    std::exit(77);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

TEST_CASE("the seed digest splits into three articles with their headlines and sources",
          "[document]") {
  const std::string bytes = read_shared("seeds/000_7be3d2dd4adab9aa.txt");
  const auto docs = guanxi::split_documents(guanxi::decode_utf8(bytes), "000_7be3d2dd4adab9aa");
  REQUIRE(docs.size() == 3);

  std::vector<std::string> ids, headlines, sources;
  for (const auto& doc : docs) {
    ids.push_back(doc.id);
    headlines.push_back(doc.headline);
    sources.push_back(doc.source);
  }
  CHECK(ids == std::vector<std::string>{"000_7be3d2dd4adab9aa#1", "000_7be3d2dd4adab9aa#2",
                                        "000_7be3d2dd4adab9aa#3"});
  CHECK(headlines == std::vector<std::string>{"中法社会工作服务研讨会在京召开",
                                              "黑龙江绥芬河:强化社工人才队伍培养",
                                              "甘肃定西: 汇聚社工力量激发基层治理活力"});
  CHECK(sources == std::vector<std::string>{"中国社会工作联合会", "黑龙江日报", "甘肃日报"});
}

TEST_CASE("every seed document maps its normalised text into its own original slice",
          "[document]") {
  const std::string bytes = read_shared("seeds/000_7be3d2dd4adab9aa.txt");
  const auto docs = guanxi::split_documents(guanxi::decode_utf8(bytes), "seed");
  for (const auto& doc : docs) {
    REQUIRE(doc.norm.to_orig.size() == doc.norm.text.size() + 1);
    CHECK(doc.norm.to_orig.back() == doc.original.size());
    for (std::size_t i = 0; i < doc.norm.text.size(); ++i) {
      REQUIRE(doc.norm.to_orig[i] < doc.norm.to_orig[i + 1]);
    }
    // The source name stands in the original where the span says.
    const std::size_t b = doc.norm.orig_begin(doc.source_span.begin);
    const std::size_t e = doc.norm.orig_end(doc.source_span.end);
    CHECK(guanxi::encode_utf8(std::u32string_view(doc.original).substr(b, e - b)) == doc.source);
    // No sentence holds a line break, and none is blank.
    for (const auto& s : doc.sentences) {
      CHECK(s.begin < s.end);
      CHECK(std::u32string_view(doc.norm.text).substr(s.begin, s.end - s.begin).find(U'\n') ==
            std::u32string_view::npos);
    }
  }
}
