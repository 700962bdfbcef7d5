// The graph a command works on: a graph file that 'guanxi build' wrote, read
// back, or news text run through the pipeline as 'guanxi build' runs it.
#pragma once

#include <string>
#include <vector>

#include "cli.hpp"
#include "guanxi/graph.hpp"

namespace guanxi::cli {

// "GRAPH": how usage texts describe the argument.
extern const char* const kGraphInputHelp;

// The options read_graph_input() honours when it reads news: --jsonl,
// --lexicon, --model, --jobs and --quiet, as 'guanxi build' has them.
std::vector<OptionSpec> graph_input_options();

// True when |path| names a graph file (.graphml or .xml, in any case, or
// either with .gz after it).
bool is_graph_file(const std::string& path);

// One .graphml or .xml file (gzip or not) is read back with read_graphml(); anything else
// (text files, directories, - for standard input) is read as news with the
// options of |args|. A graph file mixed with other inputs, or a .dot/.gv file
// (DOT keeps too little to read back), is a UsageError naming |command|; bad
// files throw Failure worded "FILE:LINE: what".
Graph read_graph_input(const std::vector<std::string>& inputs, const ParsedArgs& args,
                       const std::string& command);

}  // namespace guanxi::cli
