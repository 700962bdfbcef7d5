// guanxi: the command line. Picks the subcommand and turns errors into
// "guanxi: error: ..." on stderr and an exit code (0 ok, 1 failure, 2 usage).
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "guanxi/text.hpp"
#include "commands.hpp"
#include "guanxi/error.hpp"

namespace {

using guanxi::cli::kExitFailure;
using guanxi::cli::kExitOk;
using guanxi::cli::kExitUsage;

std::string top_usage() {
  std::string text =
      "usage: guanxi [--version] [--help] COMMAND [ARGS...]\n"
      "\n"
      "Turns Chinese news into a graph of people, titles and organisations.\n"
      "\n"
      "commands:\n";
  for (const auto& c : guanxi::cli::commands()) {
    std::string name = c.name;
    text +=
        "  " + name + std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') + c.summary + "\n";
  }
  text +=
      "\n"
      "options:\n"
      "  -h, --help     show this help and exit\n"
      "  -V, --version  print the version and exit\n"
      "\n"
      "Run 'guanxi COMMAND --help' for a command's options.\n";
  return text;
}

// Dispatches |args| (without the program name) to a subcommand.
int run(const std::vector<std::string>& args) {
  std::vector<std::string> names;
  for (const auto& c : guanxi::cli::commands()) names.push_back(c.name);

  if (args.empty()) throw guanxi::cli::UsageError("no command given");
  const std::string& first = args.front();
  if (first == "-h" || first == "--help" || first == "help") {
    std::cout << top_usage();
    return kExitOk;
  }
  if (first == "-V" || first == "--version") {
    std::cout << "guanxi " << guanxi::cli::kVersion << '\n';
    return kExitOk;
  }
  if (!first.empty() && first[0] == '-') {
    throw guanxi::cli::UsageError("unknown option '" + first + "'" +
                                  guanxi::cli::did_you_mean(first, {"--help", "--version"}));
  }
  for (const auto& c : guanxi::cli::commands()) {
    if (first == c.name) return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  throw guanxi::cli::UsageError("unknown command '" + first + "'" +
                                guanxi::cli::did_you_mean(first, names));
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return run(args);
  } catch (const guanxi::cli::UsageError& e) {
    std::cerr << "guanxi: error: " << guanxi::sanitize_utf8(e.what()) << '\n'
              << "run 'guanxi" << (e.command().empty() ? "" : " " + e.command())
              << " --help' for usage\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    // Failure, guanxi::InputError (worded "FILE:LINE: ..."), ExportError, I/O.
    std::cerr << "guanxi: error: " << guanxi::sanitize_utf8(e.what()) << '\n';
    return kExitFailure;
  }
}
