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

const char* Color(LineOutcome outcome) {
  switch (outcome) {
    case LineOutcome::kTurn: return "\033[1;36m";
    case LineOutcome::kContinuation: return "\033[36m";
    case LineOutcome::kHeading:
    case LineOutcome::kSectionTitle:
    case LineOutcome::kTitle: return "\033[1;33m";
    case LineOutcome::kNoise: return "\033[9;2m";
    case LineOutcome::kMetadata: return "\033[35m";
    case LineOutcome::kPreamble:
    case LineOutcome::kTrailer:
    case LineOutcome::kBlank: return "\033[2m";
    default: return "";
  }
}

void PrintText(const Explanation& explained, bool color) {
  const Document& doc = explained.document;
  std::string out = "rules: " + doc.rules.name + " (" + doc.rules.selected_by + ")\n";
  for (const ExplainedLine& r : explained.lines) {
    char head[96];
    std::snprintf(head, sizeof head, "%5d  %-14s %-22s ", r.line, LineOutcomeName(r.outcome), r.detail.c_str());
    std::string rule = r.rule.empty() ? "" : r.rule + (r.location.empty() ? "" : " (" + r.location + ")");
    for (const std::string& c : r.cuts) rule += (rule.empty() ? "" : "; ") + std::string("cut by ") + c;
    out += color ? std::string(Color(r.outcome)) + head + "\033[0m" : std::string(head);
    out += Excerpt(r.text, 40);
    if (!rule.empty()) out += (color ? "  \033[2m← " : "  <- ") + rule + (color ? "\033[0m" : "");
    out += "\n";
  }
  if (!explained.near_misses.empty()) {
    out += "\nnear misses: labels at a line start that are not turns\n";
    for (const NearMiss& m : explained.near_misses) {
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
  RuleChoice rules;
  if (s.ok()) s = LoadRules(args.rules, &rules);
  Explanation explained;
  if (s.ok()) s = Explain(source, rules, args.options, &explained);
  if (!s.ok()) return ReportFailure(s);
  if (args.format == "json") std::cout << ExplanationJson(explained, true);
  else PrintText(explained, isatty(STDOUT_FILENO) && getenv("NO_COLOR") == nullptr);
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
