// The subcommands of guanxi. Each takes the arguments after its name and
// returns the exit code; errors are thrown (UsageError, Failure, guanxi::Error)
// and turned into messages and exit codes by main().
#pragma once

#include <string>
#include <vector>

namespace guanxi::cli {

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

// Every subcommand, in the order the top-level help lists them.
const std::vector<Command>& commands();

}  // namespace guanxi::cli
