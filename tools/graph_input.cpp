// Reading the graph a command works on (see graph_input.hpp).
#include "graph_input.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "guanxi/guanxi.hpp"
#include "inputs.hpp"

namespace guanxi::cli {
namespace {

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

const char* const kGraphInputHelp =
    "a graph written by 'guanxi build' (.graphml or .xml,\n"
    "gzip or not), or news as 'guanxi build' reads it: a\n"
    "text file, a directory of .txt files, or - for\n"
    "standard input";

std::vector<OptionSpec> graph_input_options() {
  return {jsonl_option(), lexicon_option(), model_option(), accurate_option(), jobs_option(),
          quiet_option()};
}

bool is_graph_file(const std::string& path) {
  std::string ext = lower_extension(path);
  if (ext == ".gz") ext = lower_extension(path.substr(0, path.size() - 3));
  return ext == ".graphml" || ext == ".xml";
}

Graph read_graph_input(const std::vector<std::string>& inputs, const ParsedArgs& args,
                       const std::string& command) {
  for (const auto& path : inputs) {
    const std::string ext = lower_extension(path);
    if (ext == ".dot" || ext == ".gv") {
      throw UsageError("cannot read the graph back from DOT ('" + path +
                           "' keeps only labels and styles); give the .graphml 'guanxi build' "
                           "writes, or the news itself",
                       command);
    }
  }
  const auto graph_file = std::find_if(inputs.begin(), inputs.end(), is_graph_file);
  if (graph_file != inputs.end()) {
    if (inputs.size() > 1) {
      throw UsageError("give one graph file ('" + *graph_file + "') or news files, not both",
                       command);
    }
    return read_graph_file(InputFile{*graph_file, *graph_file, *graph_file});
  }

  const bool jsonl = args.flag("jsonl");
  const std::vector<InputFile> files = expand_inputs(inputs, jsonl);
  const Lexicon lexicon = load_lexicon(args.value("lexicon"));
  const std::optional<Tagger> model = model_from(args, command);
  const Pipeline pipeline(lexicon, model ? &*model : nullptr);
  GraphBuilder builder;
  ReadOptions reading;  // query and render read news with the defaults
  reading.quiet = args.flag("quiet");
  add_documents(builder, files, jsonl, reading, pipeline, jobs_of(args, command));
  return std::move(builder).build();
}

}  // namespace guanxi::cli
