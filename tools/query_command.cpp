// guanxi query: questions asked of a graph file or of news, answered as a
// table (default) or JSON.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.hpp"
#include "graph_input.hpp"
#include "guanxi/query.hpp"
#include "inputs.hpp"
#include "table.hpp"

namespace guanxi::cli {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char* kCommand = "query";
constexpr std::size_t kDefaultLimit = 10;

// A subquery: its name, the names of its arguments, and what it answers.
struct Subquery {
  const char* name;
  std::vector<const char*> arguments;
  const char* help;
};

const std::vector<Subquery>& subqueries() {
  static const std::vector<Subquery> kSubqueries = {
      {"attended-with",
       {"NAME"},
       "the people who shared an event with NAME, with\nthe events and both roles, most shared "
       "first"},
      {"affiliations", {"NAME"}, "NAME's titles and organisations; former (原/前)\nposts marked"},
      {"members",
       {"ORG"},
       "the people with a post at ORG or at one of its\nsub-units (part_of, at any depth)"},
      {"events", {"NAME"}, "the events NAME attended (an organisation: the\nevents it organised)"},
      {"path",
       {"A", "B"},
       "a shortest chain from person A to person B over\naffiliation, co_attendance and part_of "
       "edges,\neach step with its evidence sentence"},
      {"top", {}, "the most central people (--by, --limit)"},
      {"stats", {}, "counts of vertices and edges by kind, connected\ncomponents"},
  };
  return kSubqueries;
}

// A person as tables show them: the label, and why a namesake is apart.
std::string shown(const Graph& g, VertexId v) {
  if (g[v].disambiguation.empty()) return g[v].label;
  return g[v].label + " (" + g[v].disambiguation + ")";
}

std::string role_text(const std::optional<Role>& role) { return role ? to_string(*role) : "-"; }

ordered_json role_json(const std::optional<Role>& role) {
  return role ? ordered_json(to_string(*role)) : ordered_json(nullptr);
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

// {"person": label} plus "disambiguation" for a namesake.
void name_json(ordered_json& j, const char* key, const Graph& g, VertexId v) {
  j[key] = g[v].label;
  if (!g[v].disambiguation.empty()) j["disambiguation"] = g[v].disambiguation;
}

ordered_json evidence_json(const std::vector<EdgeEvidence>& evidence) {
  ordered_json out = ordered_json::array();
  for (const auto& e : evidence) {
    out.push_back(
        {{"document", e.document}, {"start", e.start}, {"end", e.end}, {"sentence", e.sentence}});
  }
  return out;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Trailing zeros dropped: 8, 12.5, 0.33.
std::string score_text(double score, Centrality by) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, by == Centrality::degree ? "%.0f" : "%.2f", score);
  std::string text = buffer;
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

// ---------------------------------------------------------------------------
// The answers: each writes a table to |out| or fills |j|.

void attended_with_answer(const Graph& g, VertexId who, bool json, std::ostream& out,
                          ordered_json& j) {
  const auto companions = attended_with(g, who);
  if (json) {
    name_json(j, "person", g, who);
    j["companions"] = ordered_json::array();
    for (const auto& c : companions) {
      ordered_json item;
      name_json(item, "person", g, c.person);
      item["shared"] = c.shared;
      item["events"] = ordered_json::array();
      for (const auto& e : c.events) {
        item["events"].push_back({{"event", e.label},
                                  {"document", e.document},
                                  {"role", role_json(e.role)},
                                  {"their_role", role_json(e.their_role)}});
      }
      j["companions"].push_back(std::move(item));
    }
    return;
  }
  out << shown(g, who) << " shared events with " << plural(companions.size(), "person", "people")
      << ".\n";
  if (companions.empty()) return;
  Table table({"person", "shared", "event", "role of " + g[who].label, "their role"});
  for (const auto& c : companions) {
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      const auto& e = c.events[i];
      table.add({i == 0 ? shown(g, c.person) : "", i == 0 ? std::to_string(c.shared) : "",
                 e.label, role_text(e.role), role_text(e.their_role)});
    }
    if (c.events.empty()) table.add({shown(g, c.person), "0"});
  }
  table.print(out);
}

void affiliations_answer(const Graph& g, VertexId who, bool json, std::ostream& out,
                         ordered_json& j) {
  const auto posts = affiliations(g, who);
  if (json) {
    name_json(j, "person", g, who);
    j["posts"] = ordered_json::array();
    for (const auto& p : posts) {
      j["posts"].push_back({{"organization", p.label},
                            {"title", p.title},
                            {"former", p.former},
                            {"within", p.within},
                            {"evidence", evidence_json(p.evidence)}});
    }
    return;
  }
  out << shown(g, who) << ": " << plural(posts.size(), "post", "posts") << ".\n";
  if (posts.empty()) return;
  Table table({"title", "organisation", "status", "part of"});
  for (const auto& p : posts) {
    table.add({p.title.empty() ? "-" : p.title, p.label, p.former ? "former" : "current",
               join(p.within, " < ")});
  }
  table.print(out);
}

void members_answer(const Graph& g, VertexId org, bool json, std::ostream& out, ordered_json& j) {
  const auto found = members(g, org);
  if (json) {
    j["organization"] = g[org].label;
    j["members"] = ordered_json::array();
    for (const auto& m : found) {
      ordered_json item;
      name_json(item, "person", g, m.person);
      item["title"] = m.title;
      item["former"] = m.former;
      item["unit"] = m.unit_label;
      j["members"].push_back(std::move(item));
    }
    return;
  }
  out << g[org].label << " and its units: " << plural(found.size(), "post", "posts") << ".\n";
  if (found.empty()) return;
  Table table({"person", "title", "status", "unit"});
  for (const auto& m : found) {
    table.add({shown(g, m.person), m.title.empty() ? "-" : m.title, m.former ? "former" : "current",
               m.unit == org ? "-" : m.unit_label});
  }
  table.print(out);
}

void events_answer(const Graph& g, VertexId who, bool json, std::ostream& out, ordered_json& j) {
  const auto found = events_of(g, who);
  const bool person = g[who].kind == VertexKind::person;
  if (json) {
    name_json(j, person ? "person" : "organization", g, who);
    j["events"] = ordered_json::array();
    for (const auto& e : found) {
      ordered_json item{{"event", e.label}};
      if (person) item["role"] = role_json(e.role);
      item["date"] = e.date;
      item["place"] = e.place;
      item["document"] = e.document;
      item["organizers"] = e.organizers;
      item["attendees"] = e.attendees;
      j["events"].push_back(std::move(item));
    }
    return;
  }
  out << shown(g, who) << (person ? " attended " : " organised ")
      << plural(found.size(), "event", "events") << ".\n";
  if (found.empty()) return;
  std::vector<std::string> header{"event"};
  if (person) header.push_back("role");
  for (const char* column : {"date", "place", "organisers", "attendees", "document"}) {
    header.push_back(column);
  }
  Table table(header);
  for (const auto& e : found) {
    std::vector<std::string> row{e.label};
    if (person) row.push_back(role_text(e.role));
    row.push_back(e.date.empty() ? "-" : e.date);
    row.push_back(e.place.empty() ? "-" : e.place);
    row.push_back(e.organizers.empty() ? "-" : join(e.organizers, ", "));
    row.push_back(std::to_string(e.attendees));
    row.push_back(e.document.empty() ? "-" : e.document);
    table.add(std::move(row));
  }
  table.print(out);
}

// How a step reads: "会长 at", "former 秘书长 at", "met at EVENT, EVENT", "unit of".
std::string step_text(const PathStep& step) {
  const Edge& e = step.edge;
  switch (e.kind) {
    case EdgeKind::affiliation: {
      std::string title = e.title.empty() ? "post" : e.title;
      if (e.former) title = "former " + title;
      return step.forward ? title + " at" : "has " + title;
    }
    case EdgeKind::co_attendance:
      return "met at " + (e.events.empty() ? std::string("an event") : join(e.events, ", "));
    case EdgeKind::part_of:
      return step.forward ? "unit of" : "has unit";
    default:
      return to_string(e.kind);
  }
}

void path_answer(const Graph& g, VertexId from, VertexId to, bool json, std::ostream& out,
                 ordered_json& j) {
  const auto steps = shortest_path(g, from, to);
  if (json) {
    name_json(j, "from", g, from);
    j["to"] = g[to].label;
    if (!steps) {
      j["length"] = nullptr;
      j["steps"] = nullptr;
      return;
    }
    j["length"] = steps->size();
    j["steps"] = ordered_json::array();
    for (const auto& s : *steps) {
      ordered_json item{
          {"from", s.from_label}, {"to", s.to_label}, {"kind", to_string(s.edge.kind)}};
      item["forward"] = s.forward;
      if (s.edge.kind == EdgeKind::affiliation) {
        item["title"] = s.edge.title;
        item["former"] = s.edge.former;
      }
      if (s.edge.kind == EdgeKind::co_attendance) item["events"] = s.edge.events;
      item["evidence"] = evidence_json(s.edge.evidence);
      j["steps"].push_back(std::move(item));
    }
    return;
  }
  if (!steps) {
    out << "No chain of affiliation, co_attendance or part_of edges links " << shown(g, from)
        << " and " << shown(g, to) << ".\n";
    return;
  }
  std::vector<std::string> names{g[from].label};
  for (const auto& s : *steps) names.push_back(s.to_label);
  out << join(names, " -> ") << " (" << plural(steps->size(), "step", "steps") << ")\n";
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const auto& s = (*steps)[i];
    out << i + 1 << ". " << s.from_label << " -- " << step_text(s) << " -- " << s.to_label << '\n';
    // co_attendance evidence alternates both people's sentences: show one of each.
    std::vector<std::string> seen;
    const std::size_t shown_items = s.edge.kind == EdgeKind::co_attendance ? 2 : 1;
    for (const auto& e : s.edge.evidence) {
      if (seen.size() == shown_items) break;
      if (e.sentence.empty() || std::find(seen.begin(), seen.end(), e.sentence) != seen.end()) {
        continue;
      }
      seen.push_back(e.sentence);
      out << "   [" << e.document << "] " << e.sentence << '\n';
    }
  }
}

void top_answer(const Graph& g, Centrality by, std::size_t limit, bool json, std::ostream& out,
                ordered_json& j) {
  const auto ranked = rank_people(g, by, limit);
  if (json) {
    j["by"] = to_string(by);
    j["people"] = ordered_json::array();
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      ordered_json item{{"rank", i + 1}};
      name_json(item, "person", g, ranked[i].person);
      item["score"] = ranked[i].score;
      j["people"].push_back(std::move(item));
    }
    return;
  }
  if (ranked.empty()) {
    out << "The graph has no people.\n";
    return;
  }
  Table table({"rank", "person", to_string(by)});
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    table.add({std::to_string(i + 1), shown(g, ranked[i].person), score_text(ranked[i].score, by)});
  }
  table.print(out);
}

void stats_answer(const Graph& g, bool json, std::ostream& out, ordered_json& j) {
  const GraphStats s = stats(g);
  if (json) {
    j["vertices"] = {{"total", s.vertex_count}};
    for (const auto& [kind, n] : s.vertices) j["vertices"][to_string(kind)] = n;
    j["edges"] = {{"total", s.edge_count}};
    for (const auto& [kind, n] : s.edges) j["edges"][to_string(kind)] = n;
    j["components"] = s.component_sizes.size();
    j["component_sizes"] = s.component_sizes;
    j["component_people"] = s.component_people;
    return;
  }
  Table table({"", "count"});
  table.add({"vertices", std::to_string(s.vertex_count)});
  for (const auto& [kind, n] : s.vertices)
    table.add({std::string("  ") + to_string(kind), std::to_string(n)});
  table.add({"edges", std::to_string(s.edge_count)});
  for (const auto& [kind, n] : s.edges)
    table.add({std::string("  ") + to_string(kind), std::to_string(n)});
  table.add({"connected components", std::to_string(s.component_sizes.size())});
  if (!s.component_sizes.empty()) {
    table.add({"  largest: vertices", std::to_string(s.component_sizes.front())});
    table.add({"  largest: people", std::to_string(s.component_people.front())});
    std::size_t single = 0;
    for (std::size_t size : s.component_sizes) single += size == 1 ? 1 : 0;
    table.add({"  isolated vertices", std::to_string(single)});
  }
  table.print(out);
}

const Subquery& find_subquery(const std::string& name) {
  std::vector<std::string> names;
  for (const auto& q : subqueries()) {
    if (name == q.name) return q;
    names.push_back(q.name);
  }
  std::string hint = did_you_mean(name, names);
  if (hint.empty()) hint = " (use one of: " + join(names, ", ") + ")";
  throw UsageError("unknown query '" + name + "'" + hint, kCommand);
}

Centrality centrality_option(const ParsedArgs& args) {
  const std::string name = args.value("by").value_or(to_string(Centrality::degree));
  if (const auto by = centrality_from_name(name)) return *by;
  std::string hint = did_you_mean(name, {"degree", "betweenness"});
  if (hint.empty()) hint = " (use degree or betweenness)";
  throw UsageError("unknown centrality '" + name + "'" + hint, kCommand);
}

}  // namespace

int run_query(const std::vector<std::string>& args) {
  std::vector<OptionSpec> specs = {
      {"json", 0, "", "print the answer as one JSON object", "off"},
      {"by", 0, "MEASURE", "top: rank by degree (distinct neighbours)\nor betweenness (Brandes)",
       "degree"},
      {"limit", 'n', "N", "top: show the first N people; 0 shows all",
       std::to_string(kDefaultLimit)},
  };
  for (auto& option : graph_input_options()) specs.push_back(std::move(option));
  specs.push_back(help_option());

  std::vector<std::pair<std::string, std::string>> arguments = {{"GRAPH", kGraphInputHelp}};
  for (const auto& q : subqueries()) {
    std::string name = q.name;
    for (const char* a : q.arguments) name += std::string(" ") + a;
    arguments.emplace_back(name, q.help);
  }
  const Usage usage{
      "guanxi query GRAPH QUERY [ARG...] [options]",
      "Answers a question about the graph of GRAPH, as a table or as JSON (--json).\n"
      "NAME, ORG, A and B match a label exactly, then an alias, then as the unique\n"
      "beginning of a label or alias (林 for 林静安); a name that matches nothing or\n"
      "several fails with the closest candidates (exit code 1).",
      arguments, "The graph is treated as undirected for path, top and stats."};
  const auto parsed = parse_or_help(args, specs, usage, kCommand);
  if (!parsed) return kExitOk;

  const auto& positional = parsed->positional;
  if (positional.empty()) throw UsageError("no GRAPH given", kCommand);
  if (positional.size() < 2) throw UsageError("no QUERY given after GRAPH", kCommand);
  const Subquery& query = find_subquery(positional[1]);
  const std::vector<std::string> values(positional.begin() + 2, positional.end());
  if (values.size() < query.arguments.size()) {
    throw UsageError(std::string(query.name) + " needs " + query.arguments[values.size()] +
                         (values.empty() ? "" : " too"),
                     kCommand);
  }
  if (values.size() > query.arguments.size()) {
    throw UsageError(
        std::string(query.name) + " takes " +
            (query.arguments.empty() ? std::string("no NAME")
                                     : plural(query.arguments.size(), "argument", "arguments")) +
            "; unexpected '" + values[query.arguments.size()] + "'",
        kCommand);
  }
  const std::string name = query.name;
  if (name != "top" && (parsed->value("by") || parsed->value("limit"))) {
    throw UsageError("--by and --limit go with 'top'", kCommand);
  }
  const Centrality by = centrality_option(*parsed);
  const std::size_t limit = parse_count(
      parsed->value("limit").value_or(std::to_string(kDefaultLimit)), "--limit", kCommand);

  const Graph g = read_graph_input({positional[0]}, *parsed, kCommand);
  const bool json = parsed->flag("json");
  std::ostringstream out;
  ordered_json j{{"query", name}};
  const std::vector<VertexKind> people{VertexKind::person};
  try {
    if (name == "attended-with") {
      attended_with_answer(g, find_by_name(g, values[0], people), json, out, j);
    } else if (name == "affiliations") {
      affiliations_answer(g, find_by_name(g, values[0], people), json, out, j);
    } else if (name == "members") {
      members_answer(g, find_by_name(g, values[0], {VertexKind::organization}), json, out, j);
    } else if (name == "events") {
      events_answer(g, find_by_name(g, values[0], {VertexKind::person, VertexKind::organization}),
                    json, out, j);
    } else if (name == "path") {
      const VertexId a = find_by_name(g, values[0], people);
      const VertexId b = find_by_name(g, values[1], people);
      path_answer(g, a, b, json, out, j);
    } else if (name == "top") {
      top_answer(g, by, limit, json, out, j);
    } else {
      stats_answer(g, json, out, j);
    }
  } catch (const QueryError& e) {
    throw Failure(positional[0] + ": " + e.what());
  }
  if (json) out << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
  write_stdout(out.str());
  return kExitOk;
}

}  // namespace guanxi::cli
