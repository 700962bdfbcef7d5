// guanxi build / extract / eval / train: arguments in, files and stdout out.
#include "commands.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli.hpp"
#include "documents.hpp"
#include "extract_json.hpp"
#include "guanxi/eval.hpp"
#include "guanxi/guanxi.hpp"
#include "guanxi/load.hpp"
#include "guanxi/render.hpp"
#include "guanxi/tagger.hpp"
#include "inputs.hpp"

namespace guanxi::cli {
namespace {

using ordered_json = nlohmann::ordered_json;

const char* const kInputHelp =
    "a text file; a directory (its .txt files, recursively,\n"
    "in sorted order; with --jsonl its .jsonl files);\n"
    "or - for standard input. Files ending in .gz (and\n"
    ".txt.gz/.jsonl.gz in directories) and gzip on standard\n"
    "input are decompressed; ids leave out the .gz";

}  // namespace

// Options several commands share.
OptionSpec jsonl_option() {
  return {"jsonl", 0, "",
          "read JSON Lines: one document per line,\n"
          "{\"text\": ..., \"id\": ...}; ids default to FILE:LINE",
          "off"};
}
OptionSpec lexicon_option() {
  return {"lexicon", 0, "FILE", "add the \"WORD CATEGORY\" lines of FILE\nto the built-in lexicon",
          "none"};
}

OptionSpec model_option() {
  return {"model", 0, "FILE",
          "the statistical tagger's model, as written\nby 'guanxi train'", "built-in"};
}
OptionSpec accurate_option() {
  return {"accurate", 0, "",
          "use the accurate built-in model: it also reads\n"
          "jieba's lexical network, finds a few points\n"
          "more persons and organisations, and runs\n"
          "many times slower (README: Accuracy and speed)",
          "off"};
}
OptionSpec quiet_option() {
  return {"quiet", 'q', "",
          "no progress on stderr (shown only when stderr\nis a terminal and TERM is not dumb)",
          "off"};
}
OptionSpec help_option() { return {"help", 'h', "", "show this help and exit", ""}; }

// How INPUT is read (build, extract, eval --gold).
std::vector<OptionSpec> reading_options() {
  return {
      {"encoding", 0, "NAME",
       "read INPUT as NAME (any ICU converter name:\nGBK, GB18030, Big5, UTF-16LE...)",
       "UTF-8; GB18030\nor Big5 when detected in bytes that are not UTF-8"},
      {"lenient", 0, "",
       "replace invalid byte sequences and NULs\nwith U+FFFD, warn with a count, go on", "off"},
      {"skip-bad", 0, "",
       "skip unreadable files, malformed JSON\nLines records and oversized documents,\n"
       "warn and count them",
       "off"},
      {"max-doc-bytes", 0, "N",
       "the most bytes one document (a text file,\nor a JSON Lines record) may have; K, M or\n"
       "G suffix (x1024); 0 for no limit",
       "8M"},
  };
}

// Adds reading_options() before the last two of |specs| (--quiet, --help).
std::vector<OptionSpec> with_reading_options(std::vector<OptionSpec> specs) {
  const std::vector<OptionSpec> more = reading_options();
  specs.insert(specs.end() - 2, more.begin(), more.end());
  return specs;
}

// "16M" -> 16777216; UsageError naming |option| otherwise.
std::size_t parse_size(std::string value, const std::string& option, const std::string& command) {
  unsigned shift = 0;
  if (!value.empty()) {
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(value.back())));
    if (const auto k = std::string_view("KMG").find(unit); k != std::string_view::npos) {
      shift = 10 * static_cast<unsigned>(k + 1);
    }
    if (shift > 0) value.pop_back();
  }
  const std::size_t n = parse_count(value, option, command);
  if (n > (std::numeric_limits<std::size_t>::max() >> shift)) {
    throw UsageError("option '" + option + "' is too large", command);
  }
  return n << shift;
}

ReadOptions read_options(const ParsedArgs& args, const std::string& command) {
  ReadOptions options;
  if (const auto name = args.value("encoding")) {
    if (!known_encoding(*name)) {
      std::string hint = did_you_mean(*name, {"UTF-8", "GBK", "GB18030", "Big5", "UTF-16LE"});
      if (hint.empty()) hint = " (try UTF-8, GBK, GB18030 or Big5)";
      throw UsageError("unknown encoding '" + *name + "'" + hint, command);
    }
    options.decode.encoding = *name;
  }
  options.decode.lenient = args.flag("lenient");
  options.skip_bad = args.flag("skip-bad");
  if (const auto v = args.value("max-doc-bytes")) {
    options.max_doc_bytes = parse_size(*v, "--max-doc-bytes", command);
  }
  options.quiet = args.flag("quiet");
  return options;
}

// Parses |args|; prints the usage and returns nullopt for --help.
std::optional<ParsedArgs> parse_or_help(const std::vector<std::string>& args,
                                        const std::vector<OptionSpec>& specs, const Usage& usage,
                                        const std::string& command) {
  ParsedArgs parsed = parse_args(args, specs, command);
  if (parsed.flag("help")) {
    std::cout << usage_text(usage, specs) << std::flush;
    return std::nullopt;
  }
  return parsed;
}

OptionSpec jobs_option() {
  return {"jobs", 'j', "N", "extract documents on N threads; the output\nis the same for any N",
          "all cores, here " + std::to_string(default_threads())};
}

// -j as a thread count (at least 1).
std::size_t jobs_of(const ParsedArgs& args, const std::string& command) {
  const auto value = args.value("jobs");
  if (!value) return default_threads();
  const std::size_t jobs = parse_count(*value, "--jobs", command);
  if (jobs == 0 || jobs > 1024) {
    throw UsageError("option '--jobs' must lie in 1..1024, got " + *value, command);
  }
  return jobs;
}

// The analysed documents of |inputs| folded into |builder| in input order.
void add_documents(GraphBuilder& builder, const std::vector<InputFile>& inputs, bool jsonl,
                   const ReadOptions& options, const Pipeline& pipeline, std::size_t threads) {
  Progress progress(progress_wanted(options.quiet), total_input_bytes(inputs));
  for_each_document(inputs, jsonl, options, pipeline, threads, progress,
                    [&](const AnalyzedDocument& d) { builder.add(d.document, d.extraction); });
}

namespace {

// The lower-case extension of |path| without its dot ("" when none).
std::string extension_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// --format if given, else OUT's extension, else GraphML.
Format output_format(const ParsedArgs& args, const std::string& output) {
  if (const auto name = args.value("format")) {
    try {
      return format_from_name(*name);
    } catch (const ExportError& e) {
      throw UsageError(e.what(), "build");
    }
  }
  if (output == "-") return Format::graphml;
  if (const auto format = format_from_path(output)) return *format;
  throw UsageError("cannot tell the graph format from '" + output +
                       "'; name it .graphml, .xml, .dot, .gv, .gexf, .csv or .json, or pass "
                       "--format graphml|dot|gexf|csv|json",
                   "build");
}

// --view as a View; UsageError with a "did you mean" hint for an unknown name.
View view_option(const ParsedArgs& args) {
  const std::string name = args.value("view").value_or(to_string(View::all));
  if (const auto view = view_from_name(name)) return *view;
  const std::vector<std::string> names = {to_string(View::all), to_string(View::people),
                                          to_string(View::affiliations)};
  std::string hint = did_you_mean(name, names);
  if (hint.empty()) hint = " (use all, people or affiliations)";
  throw UsageError("unknown view '" + name + "'" + hint, "build");
}

ordered_json score_json(const Score& s, std::size_t max_examples) {
  auto first = [&](const std::vector<std::string>& list) {
    return std::vector<std::string>(
        list.begin(),
        list.begin() + static_cast<std::ptrdiff_t>(std::min(max_examples, list.size())));
  };
  ordered_json j;
  j["category"] = s.category;
  j["precision"] = s.precision();
  j["recall"] = s.recall();
  j["f1"] = s.f1();
  j["tp"] = s.true_positives;
  j["fp"] = s.false_positives;
  j["fn"] = s.false_negatives;
  j["spurious"] = first(s.spurious);
  j["missed"] = first(s.missed);
  return j;
}

}  // namespace

// The tagger model in |path| ("-" is standard input); Failure when unreadable.
Tagger load_tagger(const std::string& path) {
  const std::string display = path == "-" ? "<stdin>" : path;
  std::istringstream in(read_bytes(path, display));
  try {
    return Tagger::load(in, display);
  } catch (const InputError& e) {
    throw Failure(e.what());
  }
}

// The model named by --model, the accurate built-in one for --accurate, or
// nullopt for the built-in one.
std::optional<Tagger> model_from(const ParsedArgs& parsed, const std::string& command) {
  const auto path = parsed.value("model");
  if (parsed.flag("accurate")) {
    if (path) throw UsageError("--model and --accurate do not go together", command);
    return Tagger::accurate();
  }
  if (!path) return std::nullopt;
  return load_tagger(*path);
}

// ---------------------------------------------------------------------------

namespace {

// Where a graph goes: -o (with --format), --render and --view, as build and
// merge take them; checked before any work is done.
struct GraphOutput {
  std::string output = "-";
  // The files written: |output|, or for csv its node and edge tables.
  std::vector<std::string> files;
  Format format = Format::graphml;
  View view = View::all;
  std::optional<std::string> render_path;
  std::string render_format;
};

OptionSpec output_option() {
  return {"output", 'o', "FILE", "write the graph to FILE; - is standard output", "-"};
}
OptionSpec format_option() {
  return {"format", 'f', "FORMAT",
          "graphml, dot, gexf, csv or json;\ncsv writes two tables, OUT.nodes.csv and\n"
          "OUT.edges.csv, for -o OUT.csv (or -o OUT)",
          "from the --output extension:\n.graphml or .xml -> graphml, .dot or .gv -> dot,\n"
          ".gexf, .csv, .json -> that; graphml on standard output"};
}
OptionSpec view_option_spec() {
  return {"view", 0, "VIEW",
          "what to keep: all; people (persons and\ntheir co_attendance edges); affiliations\n"
          "(persons, organisations, and affiliation,\npart_of and member_of edges)",
          "all"};
}
OptionSpec render_option() {
  return {"render", 0, "FILE",
          "also draw the graph to FILE;\nits extension (.svg, .png, .pdf) picks the format",
          "none"};
}

// Reads -o, --format, --view and --render; refuses outputs that are inputs.
GraphOutput graph_output(const ParsedArgs& parsed, const std::string& output,
                         const std::vector<InputFile>& inputs, const std::string& command) {
  GraphOutput out;
  out.output = output;
  refuse_overwriting_input(out.output, inputs, command);
  out.format = output_format(parsed, out.output);
  out.files = {out.output};
  if (out.format == Format::csv) {
    if (out.output == "-") {
      throw UsageError("csv is two tables and cannot go to standard output; give -o OUT.csv",
                       command);
    }
    const CsvPaths tables = csv_paths(out.output);
    out.files = {tables.nodes, tables.edges};
    for (const auto& file : out.files) refuse_overwriting_input(file, inputs, command);
  }
  out.view = view_option(parsed);
  out.render_path = parsed.value("render");
  if (out.render_path) {
    out.render_format = extension_of(*out.render_path);
    if (out.render_format.empty()) {
      throw UsageError("cannot tell the picture format from '" + *out.render_path +
                           "'; name it .svg, .png or .pdf",
                       command);
    }
    if (*out.render_path == "-") throw UsageError("--render needs a file name", command);
    refuse_overwriting_input(*out.render_path, inputs, command);
    if (std::find(out.files.begin(), out.files.end(), *out.render_path) != out.files.end()) {
      throw UsageError("--render and --output name the same file", command);
    }
  }
  return out;
}

// Writes |graph| cut to the view, and its drawing; everything is produced
// before anything is replaced. The whole view is written from |whole| itself:
// Boost 1.74's adjacency_list has no move constructor, so handing the graph
// on by value would copy it (about 4% of a build's time at 20 MB). GraphML is
// formatted on |threads| threads.
void write_outputs(const Graph& whole, const GraphOutput& out, std::size_t threads = 1) {
  Graph part;
  if (out.view != View::all) part = project(whole, out.view);
  const Graph& graph = out.view == View::all ? whole : part;
  std::vector<std::unique_ptr<AtomicFile>> graph_files;
  std::ostringstream graph_text;
  if (out.output == "-") {
    write_graph(graph_text, graph, out.format, threads);
  } else {
    for (const auto& path : out.files) graph_files.push_back(std::make_unique<AtomicFile>(path));
    try {
      if (out.format == Format::csv) {
        write_csv_nodes(graph_files[0]->stream(), graph);
        write_csv_edges(graph_files[1]->stream(), graph);
      } else {
        write_graph(graph_files[0]->stream(), graph, out.format, threads);
      }
    } catch (const ExportError& e) {  // a write that failed (disk full, file too large)
      throw Failure(out.output + ": " + e.what());
    }
    for (auto& file : graph_files) file->finish();
  }
  std::unique_ptr<AtomicFile> picture_file;
  if (out.render_path) {
    std::ostringstream picture;
    RenderOptions options;
    options.format = out.render_format;
    render(picture, graph, options);
    picture_file = std::make_unique<AtomicFile>(*out.render_path);
    picture_file->stream() << picture.str();
    picture_file->finish();
  }
  for (auto& file : graph_files) file->commit();
  if (picture_file) picture_file->commit();
  if (out.output == "-") write_stdout(graph_text.str());
}

// Writes the graph |builder| makes. Whole-graph GraphML to a file, the usual
// case, is streamed: each vertex and edge is made, written and forgotten, so
// the graph is never held whole; other outputs need the Graph.
void write_outputs(GraphBuilder&& builder, const GraphOutput& out, std::size_t threads = 1) {
  if (out.format != Format::graphml || out.view != View::all || out.render_path ||
      out.output == "-") {
    const Graph graph = std::move(builder).build();
    write_outputs(graph, out, threads);
    return;
  }
  AtomicFile file(out.output);
  try {
    GraphmlWriter writer(file.stream(), threads);
    std::move(builder).build([&writer](Vertex&& v) { writer.add_vertex(std::move(v)); },
                             [&writer](VertexId source, VertexId target, Edge&& e) {
                               writer.add_edge(source, target, std::move(e));
                             },
                             threads);
    writer.finish();
  } catch (const ExportError& e) {  // a write that failed (disk full, file too large)
    throw Failure(out.output + ": " + e.what());
  }
  file.finish();
  file.commit();
}

}  // namespace

// The graph a GraphML file (gzip or not) holds; Failure naming the file.
Graph read_graph_file(const InputFile& file) {
  std::istringstream in(read_input_bytes(file));
  try {
    return read_graphml(in, file.display);
  } catch (const InputError& e) {
    throw Failure(e.what());
  }
}

// Folds a graph file into |builder|; Failure naming the file.
void add_graph_file(GraphBuilder& builder, const InputFile& file) {
  const Graph graph = read_graph_file(file);
  try {
    builder.add(graph);
  } catch (const Error& e) {
    throw Failure(file.display + ": " + e.what());
  }
}

int run_build(const std::vector<std::string>& args) {
  const std::vector<OptionSpec> specs = with_reading_options({
      output_option(),
      format_option(),
      {"into", 0, "GRAPH",
       "add the documents to the graph in the GraphML\nfile GRAPH (as built by guanxi build);\n"
       "-o defaults to GRAPH itself, replaced\natomically",
       "none"},
      jsonl_option(),
      lexicon_option(),
      model_option(),
      accurate_option(),
      view_option_spec(),
      render_option(),
      jobs_option(),
      quiet_option(),
      help_option(),
  });
  const Usage usage{"guanxi build [options] INPUT...",
                    "Reads Chinese news and writes one graph of the people, titles, organisations\n"
                    "and events it names, as GraphML or Graphviz DOT. Documents are read as a\n"
                    "stream, extracted on -j threads and folded in input order, so the output\n"
                    "is the same for any -j. With --into, the graph of earlier documents is\n"
                    "grown: the result is the graph one build over the earlier documents and\n"
                    "then INPUT would give. A progress line (documents, MB, MB/s, time left)\n"
                    "goes to stderr when it is a terminal.",
                    {{"INPUT", kInputHelp}},
                    "Outputs are replaced atomically: on any error they are left as they were."};
  const auto parsed = parse_or_help(args, specs, usage, "build");
  if (!parsed) return kExitOk;
  if (parsed->positional.empty()) throw UsageError("no INPUT given", "build");

  const bool jsonl = parsed->flag("jsonl");
  const std::size_t jobs = jobs_of(*parsed, "build");
  const std::vector<InputFile> inputs = expand_inputs(parsed->positional, jsonl);
  const auto into = parsed->value("into");
  if (into && *into == "-") throw UsageError("--into needs a file name", "build");
  const std::string output = parsed->value("output").value_or(into ? *into : "-");
  const GraphOutput out = graph_output(*parsed, output, inputs, "build");
  if (into && output == *into && out.view != View::all) {
    throw UsageError("--view " + std::string(to_string(out.view)) +
                         " would replace the --into graph with a part of it; give -o another file",
                     "build");
  }
  if (into) {
    for (const auto& input : inputs) {
      if (input.path != "-" && input.path == *into) {
        throw UsageError("--into '" + *into + "' is also an INPUT", "build");
      }
    }
  }

  const Lexicon lexicon = load_lexicon(parsed->value("lexicon"));
  const std::optional<Tagger> model = model_from(*parsed, "build");
  const Pipeline pipeline(lexicon, model ? &*model : nullptr);
  GraphBuilder builder;
  if (into) add_graph_file(builder, InputFile{*into, *into, *into});
  add_documents(builder, inputs, jsonl, read_options(*parsed, "build"), pipeline, jobs);
  write_outputs(std::move(builder), out, jobs);
  return kExitOk;
}

int run_merge(const std::vector<std::string>& args) {
  const std::vector<OptionSpec> specs = {output_option(), format_option(), view_option_spec(),
                                         render_option(), help_option()};
  const Usage usage{
      "guanxi merge [options] GRAPH...",
      "Merges graphs that 'guanxi build' wrote as GraphML (whole graphs, not\n"
      "--view parts) into one. The result is the graph one build over all their\n"
      "documents, in the order the graphs are given, would give: people and\n"
      "organisations of the same name join, namesakes are grouped again over\n"
      "everything, weights add up, evidence keeps the first five items and\n"
      "co_attendance is derived again.",
      {{"GRAPH", "a GraphML file (.graphml, .xml; .gz decompressed);\n- for standard input"}},
      "Outputs are replaced atomically: on any error they are left as they were."};
  const auto parsed = parse_or_help(args, specs, usage, "merge");
  if (!parsed) return kExitOk;
  if (parsed->positional.empty()) throw UsageError("no GRAPH given", "merge");
  std::vector<InputFile> graphs;
  for (const auto& arg : parsed->positional) {
    graphs.push_back({arg, arg, arg == "-" ? "<stdin>" : arg});
  }
  const GraphOutput out =
      graph_output(*parsed, parsed->value("output").value_or("-"), graphs, "merge");
  GraphBuilder builder;
  for (const auto& graph : graphs) add_graph_file(builder, graph);
  write_outputs(std::move(builder), out);
  return kExitOk;
}

int run_extract(const std::vector<std::string>& args) {
  const std::vector<OptionSpec> specs =
      with_reading_options({jsonl_option(), lexicon_option(), model_option(), accurate_option(), jobs_option(),
                            quiet_option(), help_option()});
  const Usage usage{
      "guanxi extract [options] INPUT...",
      "Prints the mentions and relations found in each document as JSON Lines:\n"
      "  {\"id\": ..., \"headline\": ..., \"source\": ..., \"mentions\": [{\"type\": ...,\n"
      "   \"text\": ..., \"start\": N, \"end\": M}, ...], \"relations\": [{\"kind\": ...,\n"
      "   ..., \"evidence\": {\"sentence\": ..., \"start\": N, \"end\": M}}, ...],\n"
      "   \"events\": [{\"name\": ..., \"place\": ..., \"date\": ...}, ...]}\n"
      "type is person, title, organization or event; start and end count code\n"
      "points of the document's original text, end exclusive. A relation names\n"
      "its entities, by kind:\n"
      "  affiliation         person, organization, title, former (true/false)\n"
      "  attended            person, event, role (attended, hosted, spoke,\n"
      "                      presented)\n"
      "  organized           organization, event\n"
      "  part_of, member_of  from (the unit or member), to (the parent or body)\n"
      "and its evidence: the sentence that states it (normalised text) and the\n"
      "span of its mentions (code points of the original text). headline,\n"
      "source, events, and an event's place and date appear when known.",
      {{"INPUT", kInputHelp}},
      ""};
  const auto parsed = parse_or_help(args, specs, usage, "extract");
  if (!parsed) return kExitOk;
  if (parsed->positional.empty()) throw UsageError("no INPUT given", "extract");

  const bool jsonl = parsed->flag("jsonl");
  const std::vector<InputFile> inputs = expand_inputs(parsed->positional, jsonl);
  const Lexicon lexicon = load_lexicon(parsed->value("lexicon"));
  const std::optional<Tagger> model = model_from(*parsed, "extract");
  const Pipeline pipeline(lexicon, model ? &*model : nullptr);
  const std::size_t jobs = jobs_of(*parsed, "extract");
  Progress progress(progress_wanted(parsed->flag("quiet"), /*streams_stdout=*/true),
                    total_input_bytes(inputs));
  std::string line;
  const ReadOptions reading = read_options(*parsed, "extract");
  for_each_document(inputs, jsonl, reading, pipeline, jobs, progress,
                    [&line](const AnalyzedDocument& d) {
                      line.clear();
                      append_extraction_json(d.document, d.extraction, &line);
                      line.push_back('\n');
                      std::cout.write(line.data(), static_cast<std::streamsize>(line.size()));
                    });
  std::cout.flush();
  if (!std::cout) throw Failure("standard output: cannot write");
  return kExitOk;
}

int run_eval(const std::vector<std::string>& args) {
  const std::vector<OptionSpec> specs = with_reading_options({
      {"gold", 0, "FILE", "score the graph built from INPUT\nagainst this gold file", "none"},
      {"cluener", 0, "FILE", "score the extractor on the CLUENER\nsentences of FILE", "none"},
      {"first", 0, "N", "with --cluener: skip the first N sentences", "0"},
      {"limit", 0, "N", "with --cluener: score at most N sentences", "all"},
      {"tagger", 0, "", "with --cluener: score the statistical\ntagger alone, not the extractor",
       "off"},
      model_option(),
      accurate_option(),
      {"json", 0, "", "print the scores as JSON, not a table", "off"},
      {"examples", 0, "N", "list up to N false positives and\nmisses per category", "20"},
      jsonl_option(),
      lexicon_option(),
      jobs_option(),
      quiet_option(),
      help_option(),
  });
  const Usage usage{
      "guanxi eval --gold FILE.gold.json [options] INPUT...\n"
      "       guanxi eval --cluener FILE.json [--first N] [--limit N] [--tagger] [options]",
      "Scores guanxi: the graph built from INPUT (as 'guanxi build' builds it)\n"
      "against a gold file, or the extractor's (with --tagger: the statistical\n"
      "tagger's) person, title and organisation spans against CLUENER. Prints\n"
      "precision, recall, F1 and counts per category, then examples of what was\n"
      "wrong. Exits 0 whatever the scores.",
      {{"INPUT", kInputHelp}},
      ""};
  const auto parsed = parse_or_help(args, specs, usage, "eval");
  if (!parsed) return kExitOk;

  const auto gold = parsed->value("gold");
  const auto cluener = parsed->value("cluener");
  if (gold.has_value() == cluener.has_value()) {
    throw UsageError("give exactly one of --gold and --cluener", "eval");
  }
  const std::size_t max_examples =
      parse_count(parsed->value("examples").value_or("20"), "--examples", "eval");
  const Lexicon lexicon = load_lexicon(parsed->value("lexicon"));
  const std::optional<Tagger> model = model_from(*parsed, "eval");
  const Pipeline pipeline(lexicon, model ? &*model : nullptr);

  EvalReport report;
  if (gold) {
    if (parsed->positional.empty()) throw UsageError("--gold needs at least one INPUT", "eval");
    if (parsed->value("first") || parsed->value("limit") || parsed->flag("tagger")) {
      throw UsageError("--first, --limit and --tagger go with --cluener", "eval");
    }
    const bool jsonl = parsed->flag("jsonl");
    const std::vector<InputFile> inputs = expand_inputs(parsed->positional, jsonl);
    std::istringstream gold_text(read_bytes(*gold, *gold == "-" ? "<stdin>" : *gold));
    GraphBuilder builder;
    add_documents(builder, inputs, jsonl, read_options(*parsed, "eval"), pipeline,
                  jobs_of(*parsed, "eval"));
    const Graph graph = std::move(builder).build();
    report = evaluate_gold(graph, gold_text, *gold);
  } else {
    if (!parsed->positional.empty()) {
      throw UsageError("--cluener takes no INPUT (got '" + parsed->positional.front() + "')",
                       "eval");
    }
    CluenerOptions options;
    if (const auto first = parsed->value("first"))
      options.first = parse_count(*first, "--first", "eval");
    if (const auto limit = parsed->value("limit"))
      options.limit = parse_count(*limit, "--limit", "eval");
    std::istringstream lines(read_bytes(*cluener, *cluener == "-" ? "<stdin>" : *cluener));
    if (parsed->flag("tagger")) {
      report = evaluate_tagger_cluener(model ? *model : Tagger::builtin(), lines, *cluener, lexicon,
                                       options);
    } else {
      report = evaluate_cluener(lines, *cluener, pipeline, options);
    }
  }

  std::ostringstream out;
  if (parsed->flag("json")) {
    ordered_json j;
    j["scores"] = ordered_json::array();
    for (const auto& s : report.scores) j["scores"].push_back(score_json(s, max_examples));
    out << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
  } else {
    print_report(out, report, max_examples);
  }
  write_stdout(out.str());
  return kExitOk;
}

int run_train(const std::vector<std::string>& args) {
  const TrainOptions defaults;
  const std::vector<OptionSpec> specs = {
      {"cluener", 0, "FILE", "train on the CLUENER sentences of FILE (required)", ""},
      {"output", 'o', "MODEL", "write the model to MODEL (required);\n- is standard output", ""},
      {"first", 0, "N", "skip the first N sentences", "0"},
      {"limit", 0, "N", "train on at most N sentences", "all"},
      {"epochs", 0, "N", "passes over the sentences", std::to_string(defaults.epochs)},
      {"hash-bits", 0, "N",
       "2^N feature rows (" + std::to_string(Tagger::kMinHashBits) + ".." +
           std::to_string(Tagger::kMaxHashBits) + "); the model\nfile takes 17 * 2^N bytes",
       std::to_string(defaults.hash_bits)},
      {"seed", 0, "N", "seed of the sentence order, shuffled\nevery epoch",
       std::to_string(defaults.seed)},
      {"margin", 0, "N",
       "while training, give every wrong tag\nN points more (0: plain perceptron)",
       std::to_string(defaults.margin)},
      {"check-first", 0, "N",
       "after training, score the model on the\nsentences after the first N and print\nthe "
       "scores as 'guanxi eval' does",
       "no check"},
      {"accurate", 0, "",
       "train an accurate model: its features also\nread jieba's lexical network (as\n"
       "lib/data/tagger_accurate.model)",
       "off"},
      lexicon_option(),
      quiet_option(),
      help_option(),
  };
  const Usage usage{
      "guanxi train --cluener FILE.json -o MODEL [options]",
      "Trains the statistical tagger (an averaged perceptron over characters) on\n"
      "CLUENER sentences: name -> person, position -> title, organization,\n"
      "government and company -> organization; the other labels are learnt as\n"
      "one more type that is never reported. One line per epoch goes to stderr\n"
      "when it is a terminal. The built-in model is lib/data/tagger.model, made with\n"
      "  guanxi train --cluener train.json --limit 8600 -o lib/data/tagger.model\n"
      "and the accurate one, lib/data/tagger_accurate.model, with --accurate.\n"
      "Training is deterministic: the same input and options give the same file.",
      {},
      "MODEL is replaced atomically: on any error it is left as it was."};
  const auto parsed = parse_or_help(args, specs, usage, "train");
  if (!parsed) return kExitOk;
  if (!parsed->positional.empty()) {
    throw UsageError("train takes no INPUT (got '" + parsed->positional.front() + "')", "train");
  }
  const auto cluener = parsed->value("cluener");
  if (!cluener) throw UsageError("no --cluener FILE given", "train");
  const auto output = parsed->value("output");
  if (!output) throw UsageError("no -o MODEL given", "train");
  if (*output == *cluener && *output != "-") {
    throw UsageError("--output names the training file '" + *output + "'; refusing to overwrite it",
                     "train");
  }

  TrainOptions options;
  if (const auto v = parsed->value("first")) options.first = parse_count(*v, "--first", "train");
  if (const auto v = parsed->value("limit")) options.limit = parse_count(*v, "--limit", "train");
  if (const auto v = parsed->value("epochs")) options.epochs = parse_count(*v, "--epochs", "train");
  if (const auto v = parsed->value("seed")) options.seed = parse_count(*v, "--seed", "train");
  options.lexical_net = parsed->flag("accurate");
  if (const auto v = parsed->value("margin")) {
    const std::size_t margin = parse_count(*v, "--margin", "train");
    if (margin > 1000)
      throw UsageError("option '--margin' must lie in 0..1000, got " + *v, "train");
    options.margin = static_cast<unsigned>(margin);
  }
  if (const auto v = parsed->value("hash-bits")) {
    const std::size_t bits = parse_count(*v, "--hash-bits", "train");
    if (bits < Tagger::kMinHashBits || bits > Tagger::kMaxHashBits) {
      throw UsageError("option '--hash-bits' must lie in " + std::to_string(Tagger::kMinHashBits) +
                           ".." + std::to_string(Tagger::kMaxHashBits) + ", got " + *v,
                       "train");
    }
    options.hash_bits = static_cast<unsigned>(bits);
  }
  std::optional<std::size_t> check_first;
  if (const auto v = parsed->value("check-first")) {
    check_first = parse_count(*v, "--check-first", "train");
  }

  const Lexicon lexicon = load_lexicon(parsed->value("lexicon"));
  const std::string display = *cluener == "-" ? "<stdin>" : *cluener;
  const std::string data = read_bytes(*cluener, display);
  std::istringstream lines(data);
  const bool show = progress_wanted(parsed->flag("quiet"));
  const Tagger tagger =
      train_cluener(lines, display, lexicon, options, show ? &std::cerr : nullptr);

  std::ostringstream model;
  tagger.save(model);
  if (*output == "-") {
    write_stdout(model.str());
  } else {
    AtomicFile file(*output);
    file.stream() << model.str();
    file.finish();
    file.commit();
  }
  if (check_first) {
    std::istringstream again(data);
    CluenerOptions check;
    check.first = *check_first;
    std::ostringstream out;
    print_report(out, evaluate_tagger_cluener(tagger, again, display, lexicon, check), 0);
    if (*output == "-") {
      std::cerr << out.str();
    } else {
      write_stdout(out.str());
    }
  }
  return kExitOk;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"build", "read news and write its graph (GraphML or DOT)", run_build},
      {"extract", "print each document's mentions and relations as JSON Lines", run_extract},
      {"eval", "score a graph against a gold file, or the extractor on CLUENER", run_eval},
      {"train", "train the statistical tagger on CLUENER", run_train},
      {"merge", "merge graphs built apart into one (GraphML)", run_merge},
      {"generate", "write invented meeting reports for benchmarks", run_generate},
      {"query", "ask a graph who met whom, who works where, how two people link", run_query},
      {"render", "draw a graph as SVG, PNG or PDF through Graphviz", run_render},
  };
  return kCommands;
}

}  // namespace guanxi::cli
