// qaextract convert FILE|- [--rules FILE|DIR] [--format json|yaml] [-o OUT]
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/rules_choice.h"
#include "parse/accounting.h"
#include "qaextract/qaextract.h"

namespace qaextract::cli {
namespace {

struct ConvertArgs {
  std::string input;
  RulesArgs rules;
  std::string format = "json";
  std::string output;
  bool summary = false;
  bool check = false;
  ExtractOptions options;
};

// "samples/a.txt: anyong-waves (match), 2 speakers, 75 turns, 5 sections, 1 warning"
std::string Summary(const Document& doc) {
  const auto count = [](std::size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  return doc.source.path + ": " + doc.rules.name + " (" + doc.rules.selected_by + "), " +
         count(doc.speakers.size(), "speaker") +
         ", " + count(doc.turns.size(), "turn") + ", " + count(doc.sections.size(), "section") +
         ", " + count(doc.warnings.size(), "warning");
}

int RunConvert(const ConvertArgs& args) {
  Format format;
  Status s = ParseFormat(args.format, &format);
  if (s.ok()) s = CheckOutputPath(args.output, args.input);
  Source source;
  if (s.ok()) s = ReadSource(args.input, args.options, &source);
  RulesChoice rules;
  if (s.ok()) s = rules.Load(args.rules, args.options.regex_max_mem);
  Document doc;
  internal::Trace trace;
  if (s.ok()) s = rules.Extract(source, args.options, &doc, args.check ? &trace : nullptr);
  if (s.ok() && args.check) {
    const std::vector<std::string> problems = internal::CheckAccounting(source, doc, trace);
    for (const std::string& p : problems) std::cerr << args.input << ": " << p << "\n";
    if (!problems.empty())
      s = Status::InputError({args.input, 0, 0}, std::to_string(problems.size()) +
                                                     " line(s) not accounted for in the document");
  }
  if (s.ok()) {
    s = WriteOutput(args.output,
                    [&](std::ostream& out) { WriteDocument(doc, format, out); });
  }
  if (s.ok() && args.summary) std::cerr << Summary(doc) << "\n";
  if (!s.ok()) return ReportFailure(s);
  return 0;
}

}  // namespace

Runner SetupConvert(CLI::App* sub) {
  auto args = std::make_shared<ConvertArgs>();
  sub->add_option("FILE", args->input, "Article to convert ('-' reads standard input)")
      ->required();
  AddRulesOptions(sub, &args->rules);
  sub->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"json", "yaml"}))
      ->capture_default_str();
  sub->add_option("-o,--output", args->output, "Output file (default: standard output)");
  sub->add_flag("--check", args->check,
               "Verify that every input line is accounted for in the document (exit 1 if not)");
  sub->add_flag("--summary", args->summary,
               "Print a one-line summary (rules, speakers, turns, sections) to stderr");
  sub->add_option("--encoding", args->options.encoding,
                  "Force the input encoding (GB18030, Big5, UTF-16LE, ...)");
  sub->add_flag("--strict", args->options.strict_utf8,
               "Refuse input with invalid UTF-8 instead of writing U+FFFD with a warning");
  sub->add_option("--max-input-bytes", args->options.max_input_bytes,
                  "Largest input accepted, in bytes")
      ->capture_default_str();
  sub->add_option("--max-line-bytes", args->options.max_line_bytes,
                  "Longest line accepted, in bytes")
      ->capture_default_str();
  sub->add_option("--max-lines", args->options.max_lines,
                  "Most lines accepted in one article (bounds the memory of a huge article)")
      ->capture_default_str();
  return [args] { return RunConvert(*args); };
}

}  // namespace qaextract::cli
