// The Graphviz owners declared in graphviz.hpp.
#include "graphviz.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <utility>

#include "guanxi/error.hpp"

namespace guanxi::graphviz {
namespace {

// Where the capturing handler appends; null when no ErrorCapture is alive.
std::string* g_error_sink = nullptr;

int capture_error(char* message) {
  if (g_error_sink && message) g_error_sink->append(message);
  return 0;
}

// cgraph output discipline writing into the std::string passed as agwrite's channel.
int put_string(void* channel, const char* text) {
  static_cast<std::string*>(channel)->append(text);
  return 0;
}

int flush_nothing(void*) { return 0; }

Agdisc_t* string_discipline() {
  static Agiodisc_t io{AgIoDisc.afread, put_string, flush_nothing};
  static Agdisc_t discipline{&AgMemDisc, &AgIdDisc, &io};
  return &discipline;
}

// cgraph reads but never writes its |char*| string arguments.
char* c_str(const std::string& text) { return const_cast<char*>(text.c_str()); }

// "png:cairo" -> "png": the plugin type that names a format or engine.
std::string plugin_type(const std::string& name) { return name.substr(0, name.find(':')); }

// Installed plugin names of |kind| ("layout", "device", ...), sorted.
std::vector<std::string> plugin_names(GVC_t* context, const char* kind) {
  int count = 0;
  char** names = gvPluginList(context, kind, &count, nullptr);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    out.emplace_back(names[i]);
    std::free(names[i]);
  }
  std::free(names);
  std::sort(out.begin(), out.end());
  return out;
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A DOT numeral, [-]?(.[0-9]+|[0-9]+(.[0-9]*)?), which Graphviz reads back as
// the text it is: "1.", "-.5", "007".
bool is_dot_numeral(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  return all_digits(whole) && all_digits(fraction) && !(whole.empty() && fraction.empty());
}

// agwrite (Graphviz 2.42) leaves a value bare when it looks like a number, and
// so also "-.", which its own parser then refuses. Quotes every bare value
// after a '=' that is made of '-', '.' and digits but is no DOT numeral.
// Quoted ("...", with backslash escapes) and HTML (<...>) strings are copied.
std::string quote_bare_non_numerals(const std::string& dot) {
  std::string out;
  out.reserve(dot.size());
  std::size_t i = 0;
  while (i < dot.size()) {
    const char c = dot[i];
    std::size_t end = i + 1;
    if (c == '"') {
      while (end < dot.size() && dot[end] != '"') end += dot[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, dot.size());
    } else if (c == '<') {
      for (int depth = 1; end < dot.size() && depth > 0; ++end) {
        depth += dot[end] == '<' ? 1 : dot[end] == '>' ? -1 : 0;
      }
    }
    out.append(dot, i, end - i);
    i = end;
    if (c != '=') continue;
    const auto one_of = [](std::string_view set, char x) { return set.find(x) != set.npos; };
    while (end < dot.size() && one_of("-.0123456789", dot[end])) ++end;
    const std::string_view value(dot.data() + i, end - i);
    const bool bare = end == dot.size() || one_of(",;] \t\r\n", dot[end]);
    if (!value.empty() && bare && !is_dot_numeral(value)) {
      out.append("\"").append(value).append("\"");
      i = end;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

}  // namespace

ErrorCapture::ErrorCapture()
    : previous_sink_(g_error_sink), previous_handler_(agseterrf(capture_error)) {
  g_error_sink = &messages_;
}

ErrorCapture::~ErrorCapture() {
  g_error_sink = previous_sink_;
  agseterrf(previous_handler_);
}

std::string ErrorCapture::messages() const {
  std::string out;
  for (char c : messages_) {
    if (c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

CGraph::CGraph(const std::string& name) {
  ErrorCapture errors;
  graph_ = agopen(c_str(name), Agdirected, string_discipline());
  if (!graph_) throw ExportError("Graphviz cannot create a graph: " + errors.messages());
}

CGraph::~CGraph() {
  if (graph_) agclose(graph_);
}

CGraph::CGraph(CGraph&& other) noexcept : graph_(std::exchange(other.graph_, nullptr)) {}

CGraph& CGraph::operator=(CGraph&& other) noexcept {
  if (this != &other) {
    if (graph_) agclose(graph_);
    graph_ = std::exchange(other.graph_, nullptr);
  }
  return *this;
}

Agsym_t* CGraph::declare(int kind, const std::string& name, const std::string& default_value) {
  Agsym_t* attribute = agattr(graph_, kind, c_str(name), c_str(default_value));
  if (!attribute) throw ExportError("Graphviz cannot declare attribute " + name);
  return attribute;
}

Agnode_t* CGraph::add_node(const std::string& name) {
  Agnode_t* node = agnode(graph_, c_str(name), 1);
  if (!node) throw ExportError("Graphviz cannot create node " + name);
  return node;
}

Agedge_t* CGraph::add_edge(Agnode_t* tail, Agnode_t* head) {
  Agedge_t* edge = agedge(graph_, tail, head, nullptr, 1);
  if (!edge) throw ExportError("Graphviz cannot create an edge");
  return edge;
}

void CGraph::set(void* object, Agsym_t* attribute, const std::string& value) {
  if (agxset(object, attribute, c_str(value)) != 0) {
    throw ExportError(std::string("Graphviz cannot set attribute ") + attribute->name);
  }
}

std::string CGraph::write() const {
  ErrorCapture errors;
  std::string text;
  if (agwrite(graph_, &text) == EOF) {
    throw ExportError("Graphviz cannot write the graph: " + errors.messages());
  }
  return quote_bare_non_numerals(text);
}

Context::Context() {
  ErrorCapture errors;
  context_ = gvContext();
  if (!context_) throw ExportError("Graphviz cannot create a context: " + errors.messages());
}

Context::~Context() {
  if (context_) gvFreeContext(context_);
}

Context::Context(Context&& other) noexcept : context_(std::exchange(other.context_, nullptr)) {}

Context& Context::operator=(Context&& other) noexcept {
  if (this != &other) {
    if (context_) gvFreeContext(context_);
    context_ = std::exchange(other.context_, nullptr);
  }
  return *this;
}

std::vector<std::string> Context::plugins(const char* kind) const {
  return plugin_names(context_, kind);
}

const Context& shared_context() {
  static const Context context;
  return context;
}

Layout::Layout(const Context& context, const CGraph& graph, const std::string& engine)
    : context_(context.get()), graph_(graph.get()) {
  ErrorCapture errors;
  if (gvLayout(context_, graph_, engine.c_str()) == 0) return;
  gvFreeLayout(context_, graph_);  // frees whatever a failed layout left
  const auto engines = context.plugins("layout");
  if (!std::binary_search(engines.begin(), engines.end(), plugin_type(engine))) {
    throw ExportError("unknown layout engine \"" + engine + "\" (use one of: " + join(engines) +
                      ")");
  }
  throw ExportError("Graphviz layout with " + engine + " failed: " + errors.messages());
}

Layout::~Layout() { release(); }

Layout::Layout(Layout&& other) noexcept
    : context_(std::exchange(other.context_, nullptr)),
      graph_(std::exchange(other.graph_, nullptr)) {}

Layout& Layout::operator=(Layout&& other) noexcept {
  if (this != &other) {
    release();
    context_ = std::exchange(other.context_, nullptr);
    graph_ = std::exchange(other.graph_, nullptr);
  }
  return *this;
}

void Layout::release() noexcept {
  if (context_ && graph_) gvFreeLayout(context_, graph_);
  context_ = nullptr;
  graph_ = nullptr;
}

std::string Layout::render(const std::string& format) const {
  ErrorCapture errors;
  char* data = nullptr;
  unsigned int length = 0;
  const int status = gvRenderData(context_, graph_, format.c_str(), &data, &length);
  std::unique_ptr<char, void (*)(char*)> owner(data, gvFreeRenderData);
  if (status == 0 && data) return std::string(data, length);

  const auto formats = plugin_names(context_, "device");
  if (!std::binary_search(formats.begin(), formats.end(), plugin_type(format))) {
    throw ExportError("unknown output format \"" + format + "\" (use one of: " + join(formats) +
                      ")");
  }
  throw ExportError("Graphviz cannot render " + format + ": " + errors.messages());
}

}  // namespace guanxi::graphviz
