// Command-line plumbing shared by the subcommands: option tables, parsing,
// usage text, "did you mean" hints and the errors that become exit codes.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::cli {

inline constexpr const char* kVersion = "0.1.0";

enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

// A mistake in the command line: printed as "guanxi: error: ...", exit 2.
// |command| names the subcommand whose --help to point at ("" for the top level).
class UsageError : public std::runtime_error {
 public:
  UsageError(const std::string& what, std::string command = {})
      : std::runtime_error(what), command_(std::move(command)) {}
  const std::string& command() const { return command_; }

 private:
  std::string command_;
};

// An input or output problem already worded "PATH[:LINE]: what": exit 1.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string long_name;   // "output" for --output
  char short_name = 0;     // 'o' for -o, 0 for none
  std::string value_name;  // "FILE"; empty for a flag
  std::string help;
  std::string default_text;  // shown as "(default: ...)"; empty for none
};

struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // long name -> last value given
  std::set<std::string> flags;                // long names of flags given

  bool flag(const std::string& name) const { return flags.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
};

// Parses |args| (without the program and command names) against |specs|.
// Accepts --name VALUE, --name=VALUE, -x VALUE, -xVALUE, grouped short flags,
// "-" as a positional and "--" to end options. Throws UsageError naming
// |command| for unknown options (with a "did you mean" hint) or missing values.
ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                      const std::string& command);

// "usage: ...", |about|, the arguments and every option with its default.
struct Usage {
  std::string synopsis;                                        // "guanxi build [options] INPUT..."
  std::string about;                                           // a paragraph
  std::vector<std::pair<std::string, std::string>> arguments;  // name, help
  std::string epilog;                                          // closing lines, may be empty
};
std::string usage_text(const Usage& usage, const std::vector<OptionSpec>& specs);

// " (did you mean 'X'?)" for the candidate closest to |word|, "" if none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// A non-negative integer option value; throws UsageError otherwise.
std::size_t parse_count(const std::string& value, const std::string& option,
                        const std::string& command);

}  // namespace guanxi::cli
