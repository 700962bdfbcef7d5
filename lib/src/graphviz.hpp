// Private: the one wrapper around Graphviz cgraph and gvc.
//
// Move-only owners: CGraph closes its graph with agclose, Context frees the
// gvc context with gvFreeContext, Layout frees a layout with gvFreeLayout.
// Every failure throws ExportError carrying what Graphviz reported; while an
// ErrorCapture is alive Graphviz's messages go into it instead of stderr.
// cgraph takes |char*| for strings it only reads; the const_casts stay here.
//
// to_cgraph() (export.cpp) turns a guanxi::Graph into the styled cgraph graph
// that write_dot() writes and render() lays out.
#pragma once

#include <string>
#include <vector>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "guanxi/graph.hpp"

namespace guanxi::graphviz {

// Captures Graphviz error and warning messages (agerr) for its lifetime;
// restores the previous handler when destroyed. Not thread-safe, like Graphviz.
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // The messages so far, trimmed, on one line; empty when there were none.
  std::string messages() const;

 private:
  std::string messages_;
  std::string* previous_sink_;
  agusererrf previous_handler_;
};

// A directed cgraph root graph. Nodes and edges are created with their
// attributes declared first (declare()), so agwrite() lists them in a fixed order.
class CGraph {
 public:
  explicit CGraph(const std::string& name);
  ~CGraph();
  CGraph(CGraph&& other) noexcept;
  CGraph& operator=(CGraph&& other) noexcept;
  CGraph(const CGraph&) = delete;
  CGraph& operator=(const CGraph&) = delete;

  Agraph_t* get() const { return graph_; }

  // Declares attribute |name| for |kind| (AGRAPH, AGNODE or AGEDGE) with a
  // default value, or changes the default of a declared one.
  Agsym_t* declare(int kind, const std::string& name, const std::string& default_value);
  Agnode_t* add_node(const std::string& name);
  // A new edge, even when one already joins |tail| and |head|.
  Agedge_t* add_edge(Agnode_t* tail, Agnode_t* head);
  // Sets a declared attribute on a graph, node or edge.
  static void set(void* object, Agsym_t* attribute, const std::string& value);

  // The graph as DOT text, quoted by agwrite; a bare value that is no DOT
  // numeral (agwrite leaves "-." bare) is quoted too, so every value reads back.
  std::string write() const;

 private:
  Agraph_t* graph_ = nullptr;
};

// A gvc context with the installed plugins.
class Context {
 public:
  Context();
  ~Context();
  Context(Context&& other) noexcept;
  Context& operator=(Context&& other) noexcept;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  GVC_t* get() const { return context_; }
  // Installed plugin names of |kind| ("layout", "device", ...), sorted.
  std::vector<std::string> plugins(const char* kind) const;

 private:
  GVC_t* context_ = nullptr;
};

// The context render() uses: one per process, created on first use and freed
// at exit. Graphviz 2.43's pango plugin keeps a pointer to the last font name,
// which lives in the context; a second context would make it read freed memory.
const Context& shared_context();

// |graph| laid out by |engine|; the context and graph must outlive the layout.
// Throws ExportError for an engine Graphviz does not know.
class Layout {
 public:
  Layout(const Context& context, const CGraph& graph, const std::string& engine);
  ~Layout();
  Layout(Layout&& other) noexcept;
  Layout& operator=(Layout&& other) noexcept;
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;

  // The laid-out graph in |format| (svg, png, ...); ExportError for an unknown format.
  std::string render(const std::string& format) const;

 private:
  void release() noexcept;

  GVC_t* context_ = nullptr;
  Agraph_t* graph_ = nullptr;
};

// The styled cgraph graph of |g| (defined in export.cpp, next to the property table).
CGraph to_cgraph(const Graph& g);

}  // namespace guanxi::graphviz
