// The benchmark's reference pass: ICU's word BreakIterator (zh locale) over
// UTF-8 files, one line at a time, read in place through UText.
//
// In: paths of UTF-8 text files. Out, on stdout, one line:
//   bytes=N seconds=S cpu_seconds=C words=W
// where N is the bytes read, S the wall-clock time spent breaking them and C
// the processor time (reading the files is not counted) and W the number of word boundaries found. Exits 1 with a
// message on stderr when a file cannot be read or ICU fails, 2 without files.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace {

// Boundaries of every line of |text|, through |words|.
std::size_t break_lines(icu::BreakIterator& words, const std::string& text, UText** line_text,
                        UErrorCode* status) {
  std::size_t boundaries = 0;
  std::size_t pos = 0;
  while (pos < text.size() && U_SUCCESS(*status)) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) {
      *line_text = utext_openUTF8(*line_text, text.data() + pos, static_cast<int64_t>(end - pos),
                                  status);
      words.setText(*line_text, *status);
      for (int32_t b = words.first(); b != icu::BreakIterator::DONE; b = words.next()) {
        ++boundaries;
      }
    }
    pos = end + 1;
  }
  return boundaries;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: icu_wordbreak FILE...\n";
    return 2;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
  if (U_FAILURE(status)) {
    std::cerr << "icu_wordbreak: " << u_errorName(status) << '\n';
    return 1;
  }

  std::size_t bytes = 0;
  std::size_t boundaries = 0;
  std::chrono::duration<double> seconds{0};
  std::clock_t cpu = 0;
  UText* line_text = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (!in) {
      std::cerr << "icu_wordbreak: cannot read " << argv[i] << '\n';
      return 1;
    }
    const std::string text = buffer.str();
    bytes += text.size();
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    boundaries += break_lines(*words, text, &line_text, &status);
    cpu += std::clock() - cpu_start;
    seconds += std::chrono::steady_clock::now() - start;
    if (U_FAILURE(status)) {
      std::cerr << "icu_wordbreak: " << argv[i] << ": " << u_errorName(status) << '\n';
      return 1;
    }
  }
  utext_close(line_text);
  std::cout << "bytes=" << bytes << " seconds=" << seconds.count()
            << " cpu_seconds=" << static_cast<double>(cpu) / CLOCKS_PER_SEC
            << " words=" << boundaries << '\n';
  return 0;
}
