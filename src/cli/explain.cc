// qaextract explain FILE [--rules R] [--format text|json]
//
// A ledger of the extraction: every line of the input exactly once, with
// what it became and which rule decided (its file and line), then the
// near-misses: lines that start like a marker ("label:") but are no turn.
// It prints the trace the extractor recorded; nothing is decided again here.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/rules_choice.h"
#include "qaextract/qaextract.h"

namespace qaextract::cli {
namespace {

struct ExplainArgs {
  std::string input;
  std::string rules;
  std::string format = "text";
  ExtractOptions options;
};

struct Row {
  int line = 0;
  std::string what;    // turn, continuation, heading, ...
  std::string detail;  // "5 liang-wenfeng", "§2", ...
  std::string rule;
  std::string location;  // where the rule is written
  std::vector<std::string> cuts;
  std::string text;
};

std::string Excerpt(const std::string& s, std::size_t max_chars) {
  std::size_t i = 0, chars = 0;
  while (i < s.size() && chars < max_chars) {
    ++chars;
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i < s.size() ? s.substr(0, i) + "…" : s;
}

std::vector<Row> Rows(const Source& source, const Document& doc, const internal::Trace& trace) {
  std::vector<Row> rows;
  for (std::size_t i = 0; i < trace.fates.size(); ++i) {
    const internal::Line& line = trace.labelled.lines[i];
    const internal::LineFate& fate = trace.fates[i];
    const internal::LineLabel& label = trace.labelled.labels[i];
    Row r;
    r.line = line.number;
    r.what = fate.what;
    if (fate.turn >= 0) {
      r.detail = std::to_string(fate.turn);
      if (fate.what == "turn") r.detail += " " + doc.turns[static_cast<std::size_t>(fate.turn)].speaker;
    }
    if (fate.section >= 0) r.detail = "section " + std::to_string(fate.section);
    if (fate.what == "metadata") {
      for (const auto& f : label.fields) r.detail += (r.detail.empty() ? "" : ",") + trace.rules.metadata[f.field].key;
      if (label.rule == "front-matter") r.detail = "front matter";
    }
    if (label.kind == internal::LineKind::kBodyStart && fate.what == "preamble")
      r.detail = "the body follows";
    if (fate.what == "trailer" && (rows.empty() || rows.back().what != "trailer") &&
        std::none_of(rows.begin(), rows.end(), [](const Row& x) { return x.what == "trailer"; }))
      r.detail = "the trailer starts";
    r.rule = fate.rule;
    if (auto it = trace.rules.rule_locations.find(r.rule); it != trace.rules.rule_locations.end())
      r.location = it->second.ToString();
    if (fate.what != "noise")
      for (const internal::Cut& c : label.cuts) r.cuts.push_back(c.rule);
    r.text = source.text.substr(line.begin, line.end - line.begin);
    rows.push_back(std::move(r));
  }
  return rows;
}

// Labels at line starts that are not turns, with their lines.
std::map<std::string, std::vector<int>> NearMisses(const internal::Trace& trace) {
  std::map<std::string, std::vector<int>> misses;
  for (std::size_t i = 0; i < trace.fates.size(); ++i) {
    const internal::LineLabel& label = trace.labelled.labels[i];
    if (label.candidate && trace.fates[i].what != "turn" && trace.fates[i].what != "metadata")
      misses[label.candidate->key].push_back(trace.labelled.lines[i].number);
  }
  return misses;
}

const char* Color(const std::string& what) {
  if (what == "turn") return "\033[1;36m";
  if (what == "continuation") return "\033[36m";
  if (what == "heading" || what == "section-title" || what == "title") return "\033[1;33m";
  if (what == "noise") return "\033[9;2m";
  if (what == "metadata") return "\033[35m";
  if (what == "preamble" || what == "trailer" || what == "blank") return "\033[2m";
  return "";
}

void PrintText(const Document& doc, const std::vector<Row>& rows,
               const std::map<std::string, std::vector<int>>& misses, bool color) {
  std::string out = "rules: " + doc.rules.name + " (" + doc.rules.selected_by + ")\n";
  for (const Row& r : rows) {
    char head[96];
    std::snprintf(head, sizeof head, "%5d  %-14s %-22s ", r.line, r.what.c_str(), r.detail.c_str());
    std::string rule = r.rule.empty() ? "" : r.rule + (r.location.empty() ? "" : " (" + r.location + ")");
    for (const std::string& c : r.cuts) rule += (rule.empty() ? "" : "; ") + std::string("cut by ") + c;
    out += color ? std::string(Color(r.what)) + head + "\033[0m" : std::string(head);
    out += Excerpt(r.text, 40);
    if (!rule.empty()) out += (color ? "  \033[2m← " : "  <- ") + rule + (color ? "\033[0m" : "");
    out += "\n";
  }
  if (!misses.empty()) {
    out += "\nnear misses: labels at a line start that are not turns\n";
    for (const auto& [label, lines] : misses) {
      out += "  " + label + ": line";
      out += lines.size() == 1 ? " " : "s ";
      for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? ", " : "") + std::to_string(lines[i]);
      out += "\n";
    }
  }
  if (doc.discovery) {
    out += "\ndiscovery: " + doc.discovery->evidence + "\n";
    for (const std::string& r : doc.discovery->rejected) out += "  rejected " + r + "\n";
  }
  std::cout << out;
}

void PrintJson(const Document& doc, const std::vector<Row>& rows,
               const std::map<std::string, std::vector<int>>& misses) {
  nlohmann::json j;
  j["rules"] = {{"name", doc.rules.name}, {"selected_by", doc.rules.selected_by}};
  j["lines"] = nlohmann::json::array();
  for (const Row& r : rows) {
    j["lines"].push_back({{"line", r.line}, {"what", r.what}, {"detail", r.detail},
                          {"rule", r.rule}, {"rule_location", r.location}, {"cuts", r.cuts},
                          {"text", r.text}});
  }
  j["near_misses"] = nlohmann::json::array();
  for (const auto& [label, lines] : misses) j["near_misses"].push_back({{"label", label}, {"lines", lines}});
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

int RunExplain(const ExplainArgs& args) {
  Source source;
  Status s = ReadSource(args.input, args.options, &source);
  RulesChoice rules;
  if (s.ok()) s = rules.Load(args.rules, args.options.regex_max_mem);
  Document doc;
  internal::Trace trace;
  if (s.ok()) s = rules.Extract(source, args.options, &doc, &trace);
  if (!s.ok()) return ReportFailure(s);
  const std::vector<Row> rows = Rows(source, doc, trace);
  const auto misses = NearMisses(trace);
  if (args.format == "json") PrintJson(doc, rows, misses);
  else PrintText(doc, rows, misses, isatty(STDOUT_FILENO) && getenv("NO_COLOR") == nullptr);
  return 0;
}

}  // namespace

Runner SetupExplain(CLI::App* sub) {
  auto args = std::make_shared<ExplainArgs>();
  sub->add_option("FILE", args->input, "Article to explain ('-' reads standard input)")->required();
  sub->add_option("--rules", args->rules, "Rule file or directory (default: the built-in rules)");
  sub->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return [args] { return RunExplain(*args); };
}

}  // namespace qaextract::cli
