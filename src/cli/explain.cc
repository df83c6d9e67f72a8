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

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/rules_choice.h"
#include "parse/ledger.h"
#include "qaextract/qaextract.h"

namespace qaextract::cli {
namespace {

struct ExplainArgs {
  std::string input;
  RulesArgs rules;
  std::string format = "text";
  ExtractOptions options;
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

const char* Color(const std::string& what) {
  if (what == "turn") return "\033[1;36m";
  if (what == "continuation") return "\033[36m";
  if (what == "heading" || what == "section-title" || what == "title") return "\033[1;33m";
  if (what == "noise") return "\033[9;2m";
  if (what == "metadata") return "\033[35m";
  if (what == "preamble" || what == "trailer" || what == "blank") return "\033[2m";
  return "";
}

void PrintText(const Document& doc, const internal::Ledger& ledger, bool color) {
  std::string out = "rules: " + doc.rules.name + " (" + doc.rules.selected_by + ")\n";
  for (const internal::LedgerRow& r : ledger.rows) {
    char head[96];
    std::snprintf(head, sizeof head, "%5d  %-14s %-22s ", r.line, r.what.c_str(), r.detail.c_str());
    std::string rule = r.rule.empty() ? "" : r.rule + (r.location.empty() ? "" : " (" + r.location + ")");
    for (const std::string& c : r.cuts) rule += (rule.empty() ? "" : "; ") + std::string("cut by ") + c;
    out += color ? std::string(Color(r.what)) + head + "\033[0m" : std::string(head);
    out += Excerpt(r.text, 40);
    if (!rule.empty()) out += (color ? "  \033[2m← " : "  <- ") + rule + (color ? "\033[0m" : "");
    out += "\n";
  }
  if (!ledger.near_misses.empty()) {
    out += "\nnear misses: labels at a line start that are not turns\n";
    for (const internal::NearMiss& m : ledger.near_misses) {
      out += "  " + m.written + ": line";
      out += m.lines.size() == 1 ? " " : "s ";
      for (std::size_t i = 0; i < m.lines.size(); ++i) out += (i ? ", " : "") + std::to_string(m.lines[i]);
      if (!m.hint.empty()) out += "\n    " + m.hint;
      out += "\n";
    }
  }
  if (doc.discovery) {
    out += "\ndiscovery: " + doc.discovery->evidence + "\n";
    for (const std::string& r : doc.discovery->rejected) out += "  rejected " + r + "\n";
  }
  std::cout << out;
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
  const internal::Ledger ledger = internal::BuildLedger(source, doc, trace);
  if (args.format == "json") std::cout << internal::LedgerJson(doc, ledger, true);
  else PrintText(doc, ledger, isatty(STDOUT_FILENO) && getenv("NO_COLOR") == nullptr);
  return 0;
}

}  // namespace

Runner SetupExplain(CLI::App* sub) {
  auto args = std::make_shared<ExplainArgs>();
  sub->add_option("FILE", args->input, "Article to explain ('-' reads standard input)")->required();
  AddRulesOptions(sub, &args->rules);
  sub->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return [args] { return RunExplain(*args); };
}

}  // namespace qaextract::cli
