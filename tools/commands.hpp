// The subcommands of guanxi. Each takes the arguments after its name and
// returns the exit code; errors are thrown (UsageError, Failure, guanxi::Error)
// and turned into messages and exit codes by main().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "guanxi/guanxi.hpp"
#include "inputs.hpp"

namespace guanxi::cli {

// Options several commands share, worded alike everywhere.
OptionSpec jsonl_option();
OptionSpec lexicon_option();
OptionSpec model_option();
OptionSpec accurate_option();
OptionSpec quiet_option();
OptionSpec help_option();
OptionSpec jobs_option();

// Parses |args|; prints the usage and returns nullopt for --help.
std::optional<ParsedArgs> parse_or_help(const std::vector<std::string>& args,
                                        const std::vector<OptionSpec>& specs, const Usage& usage,
                                        const std::string& command);

// -j as a thread count (at least 1).
std::size_t jobs_of(const ParsedArgs& args, const std::string& command);

// The analysed documents of |inputs| folded into |builder| in input order.
void add_documents(GraphBuilder& builder, const std::vector<InputFile>& inputs, bool jsonl,
                   const ReadOptions& options, const Pipeline& pipeline, std::size_t threads);

// The tagger model in |path| ("-" is standard input); Failure when unreadable.
Tagger load_tagger(const std::string& path);
// The model named by --model, the accurate built-in one for --accurate, or
// nullopt for the built-in one; UsageError (for |command|) when both are given.
std::optional<Tagger> model_from(const ParsedArgs& parsed, const std::string& command);

// The graph a GraphML file (gzip or not) holds; Failure naming the file.
Graph read_graph_file(const InputFile& file);
// Folds a graph file into |builder|; Failure naming the file.
void add_graph_file(GraphBuilder& builder, const InputFile& file);

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);
};

int run_build(const std::vector<std::string>& args);
int run_extract(const std::vector<std::string>& args);
int run_eval(const std::vector<std::string>& args);
int run_train(const std::vector<std::string>& args);
int run_merge(const std::vector<std::string>& args);
int run_generate(const std::vector<std::string>& args);  // generate_command.cpp
int run_query(const std::vector<std::string>& args);     // query_command.cpp
int run_render(const std::vector<std::string>& args);    // render_command.cpp

// Every subcommand, in the order the top-level help lists them.
const std::vector<Command>& commands();

}  // namespace guanxi::cli
