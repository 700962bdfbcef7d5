// guanxi render: a graph file or news, drawn through Graphviz.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "commands.hpp"
#include "graph_input.hpp"
#include "guanxi/query.hpp"
#include "guanxi/render.hpp"
#include "inputs.hpp"

namespace guanxi::cli {
namespace {

constexpr const char* kCommand = "render";
const std::vector<std::string> kFormats = {"svg", "png", "pdf"};
const std::vector<std::string> kEngines = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

// |value| if it is one of |allowed|; UsageError with a hint otherwise.
std::string one_of(const std::string& value, const std::vector<std::string>& allowed,
                   const std::string& what) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
  std::string hint = did_you_mean(value, allowed);
  if (hint.empty()) hint = " (use one of: " + join(allowed, ", ") + ")";
  throw UsageError("unknown " + what + " '" + value + "'" + hint, kCommand);
}

}  // namespace

int run_render(const std::vector<std::string>& args) {
  const RenderOptions defaults;
  std::vector<OptionSpec> specs = {
      {"output", 'o', "FILE", "write the picture to FILE (required);\n- is standard output", ""},
      {"format", 'f', "FORMAT", "svg, png or pdf", "the --output extension"},
      {"engine", 0, "ENGINE",
       "Graphviz layout: dot (layered), neato,\nfdp, sfdp (force-directed), circo, twopi",
       defaults.engine},
      {"top", 0, "N",
       "keep only the N most connected people,\ntheir organisations and events, and\nthe edges "
       "among those",
       "all"},
      {"by", 0, "MEASURE", "what --top ranks by: degree or betweenness", "degree"},
      {"view", 0, "VIEW",
       "what to draw: all; people (persons and\ntheir co_attendance edges); affiliations\n"
       "(persons, organisations, and affiliation,\npart_of and member_of edges)",
       "all"},
      {"font", 0, "NAME", "font of every label (a CJK font, so\nthat Chinese shows as Chinese)",
       defaults.font},
  };
  for (auto& option : graph_input_options()) specs.push_back(std::move(option));
  specs.push_back(help_option());
  const Usage usage{"guanxi render GRAPH... -o OUT.svg|OUT.png|OUT.pdf [options]",
                    "Draws a graph through Graphviz: people as blue ellipses, organisations as\n"
                    "yellow boxes, events as green octagons; affiliation edges carry the title\n"
                    "(former posts dashed), attended edges the role, co_attendance edges thicken\n"
                    "with the number of shared events.",
                    {{"GRAPH", kGraphInputHelp}},
                    "OUT is replaced atomically: on any error it is left as it was."};
  const auto parsed = parse_or_help(args, specs, usage, kCommand);
  if (!parsed) return kExitOk;
  if (parsed->positional.empty()) throw UsageError("no GRAPH given", kCommand);

  const auto output = parsed->value("output");
  if (!output) throw UsageError("no -o OUT given", kCommand);
  RenderOptions options;
  if (const auto format = parsed->value("format")) {
    options.format = one_of(*format, kFormats, "format");
  } else {
    std::string ext = std::filesystem::path(*output).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext.empty() || *output == "-") {
      throw UsageError("cannot tell the picture format from '" + *output +
                           "'; name it .svg, .png or .pdf, or pass --format",
                       kCommand);
    }
    options.format = one_of(ext.substr(1), kFormats, "picture format");
  }
  options.engine = one_of(parsed->value("engine").value_or(defaults.engine), kEngines, "engine");
  options.font = parsed->value("font").value_or(defaults.font);
  const std::string view_name = parsed->value("view").value_or(to_string(View::all));
  const auto view = view_from_name(view_name);
  if (!view) one_of(view_name, {"all", "people", "affiliations"}, "view");
  const std::string by_name = parsed->value("by").value_or(to_string(Centrality::degree));
  const auto by = centrality_from_name(by_name);
  if (!by) one_of(by_name, {"degree", "betweenness"}, "measure");
  std::optional<std::size_t> top;
  if (const auto n = parsed->value("top")) top = parse_count(*n, "--top", kCommand);
  if (parsed->value("by") && !top) throw UsageError("--by goes with --top", kCommand);

  std::vector<InputFile> inputs;
  for (const auto& path : parsed->positional) inputs.push_back({path, path, path});
  refuse_overwriting_input(*output, inputs, kCommand);

  Graph g = project(read_graph_input(parsed->positional, *parsed, kCommand), *view);
  if (top) g = top_neighbourhood(g, *top, *by);
  std::ostringstream picture;
  render(picture, g, options);
  if (*output == "-") {
    write_stdout(picture.str());
  } else {
    AtomicFile file(*output);
    file.stream() << picture.str();
    file.finish();
    file.commit();
  }
  return kExitOk;
}

}  // namespace guanxi::cli
