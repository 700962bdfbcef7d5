// Option parsing and usage text for the guanxi command line.
#include "cli.hpp"

#include "guanxi/error.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

namespace guanxi::cli {
namespace {

// Column where option help starts in usage text.
constexpr std::size_t kHelpColumn = 26;
// Usage lines stay within this many columns where they can.
constexpr std::size_t kLineWidth = 80;

const OptionSpec* find_long(const std::vector<OptionSpec>& specs, std::string_view name) {
  for (const auto& s : specs) {
    if (s.long_name == name) return &s;
  }
  return nullptr;
}

const OptionSpec* find_short(const std::vector<OptionSpec>& specs, char name) {
  for (const auto& s : specs) {
    if (s.short_name != 0 && s.short_name == name) return &s;
  }
  return nullptr;
}

// "-o, --output FILE" as shown in usage text.
std::string option_names(const OptionSpec& spec) {
  std::string names = spec.short_name != 0 ? std::string("-") + spec.short_name + ", " : "    ";
  names += "--" + spec.long_name;
  if (!spec.value_name.empty()) names += " " + spec.value_name;
  return names;
}

// "  NAME<padding>help" lines; help continues under itself after a '\n'.
void write_item(std::ostream& out, const std::string& name, const std::string& help) {
  std::string line = "  " + name;
  line += line.size() + 2 <= kHelpColumn ? std::string(kHelpColumn - line.size(), ' ')
                                         : "\n" + std::string(kHelpColumn, ' ');
  std::istringstream lines(help);
  std::string part;
  bool first = true;
  while (std::getline(lines, part)) {
    out << (first ? line : std::string(kHelpColumn, ' ')) << part << '\n';
    first = false;
  }
}

}  // namespace

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  const auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  // Leading dashes say nothing about which option was meant.
  auto bare = [](std::string_view s) {
    return s.substr(std::min(s.find_first_not_of('-'), s.size()));
  };
  const std::string_view typed = bare(word);
  const std::string* best = nullptr;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& c : candidates) {
    const std::size_t d = guanxi::edit_distance(typed, bare(c));
    if (d < best_distance) {
      best_distance = d;
      best = &c;
    }
  }
  const std::size_t allowed = std::min<std::size_t>(3, (typed.size() + 1) / 2);
  if (best == nullptr || best_distance > allowed || best_distance >= typed.size()) return {};
  return " (did you mean '" + *best + "'?)";
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                      const std::string& command) {
  ParsedArgs parsed;
  std::vector<std::string> long_names;
  for (const auto& s : specs) long_names.push_back("--" + s.long_name);

  // Stores |spec|'s value: |inline_value| if given, else the next argument.
  auto take = [&](const OptionSpec& spec, const std::string& shown,
                  std::optional<std::string> inline_value, std::size_t* i) {
    if (spec.value_name.empty()) {
      if (inline_value) throw UsageError("option '" + shown + "' takes no value", command);
      parsed.flags.insert(spec.long_name);
      return;
    }
    if (!inline_value) {
      if (*i + 1 >= args.size()) {
        throw UsageError("option '" + shown + "' needs a value (" + spec.value_name + ")", command);
      }
      inline_value = args[++*i];
    }
    parsed.values[spec.long_name] = *inline_value;
  };

  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      parsed.positional.push_back(arg);
    } else if (arg == "--") {
      options_done = true;
    } else if (arg.rfind("--", 0) == 0) {
      const auto eq = arg.find('=');
      const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      const OptionSpec* spec = find_long(specs, name);
      if (spec == nullptr) {
        const std::string shown = "--" + name;
        throw UsageError("unknown option '" + shown + "'" + did_you_mean(shown, long_names),
                         command);
      }
      std::optional<std::string> inline_value;
      if (eq != std::string::npos) inline_value = arg.substr(eq + 1);
      take(*spec, "--" + name, inline_value, &i);
    } else {
      // One or more short options: -q, -qv, -o FILE, -oFILE.
      for (std::size_t k = 1; k < arg.size(); ++k) {
        const OptionSpec* spec = find_short(specs, arg[k]);
        const std::string shown = std::string("-") + arg[k];
        if (spec == nullptr) {
          std::string hint;
          if (arg.size() > 2) hint = did_you_mean("-" + arg, long_names);  // -format
          throw UsageError(
              "unknown option '" + (arg.size() > 2 && !hint.empty() ? arg : shown) + "'" + hint,
              command);
        }
        if (!spec->value_name.empty() && k + 1 < arg.size()) {
          take(*spec, shown, arg.substr(k + 1), &i);
          break;
        }
        take(*spec, shown, std::nullopt, &i);
      }
    }
  }
  return parsed;
}

std::string usage_text(const Usage& usage, const std::vector<OptionSpec>& specs) {
  std::ostringstream out;
  out << "usage: " << usage.synopsis << "\n\n" << usage.about << '\n';
  if (!usage.arguments.empty()) {
    out << "\narguments:\n";
    for (const auto& [name, help] : usage.arguments) write_item(out, name, help);
  }
  if (!specs.empty()) {
    out << "\noptions:\n";
    for (const auto& spec : specs) {
      std::string help = spec.help;
      if (!spec.default_text.empty()) {
        // The default joins the last help line if it fits, else gets its own.
        const std::string shown = "(default: " + spec.default_text + ")";
        const auto last = help.rfind('\n');
        const std::size_t last_width = help.size() - (last == std::string::npos ? 0 : last + 1);
        help +=
            kHelpColumn + last_width + 1 + shown.size() <= kLineWidth ? " " + shown : "\n" + shown;
      }
      write_item(out, option_names(spec), help);
    }
  }
  if (!usage.epilog.empty()) out << '\n' << usage.epilog << '\n';
  return out.str();
}


std::size_t parse_count(const std::string& value, const std::string& option,
                        const std::string& command) {
  const bool digits = !value.empty() && std::all_of(value.begin(), value.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || value.size() > 18) {
    throw UsageError(
        "option '" + option + "' needs a non-negative whole number, got '" + value + "'", command);
  }
  return static_cast<std::size_t>(std::stoull(value));
}

}  // namespace guanxi::cli
