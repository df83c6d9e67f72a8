// qaextract convert FILE|- [--rules FILE|DIR]... [--format json|yaml] [-o OUT]
// qaextract convert FILE... -o DIR/   one document per input, in DIR
#include <filesystem>
#include <map>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/output_guard.h"
#include "cli/rules_choice.h"
#include "qaextract/qaextract.h"

namespace qaextract::cli {
namespace {

struct ConvertArgs {
  std::vector<std::string> inputs;
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

// Converts one input to `output` ("" or "-": standard output).
Status ConvertOne(const ConvertArgs& args, const RuleChoice& rules, Format format, const std::string& input,
                  const std::string& output) {
  Source source;
  Status s = ReadSource(input, args.options, &source);
  Document doc;
  Explanation explained;
  if (s.ok() && !args.check) s = rules.Extract(source, args.options, &doc);
  if (s.ok() && args.check) s = Explain(source, rules, args.options, &explained);
  if (s.ok() && args.check) {
    const std::vector<std::string> problems = Unaccounted(source, explained);
    doc = std::move(explained.document);
    for (const std::string& p : problems) std::cerr << input << ": " << p << "\n";
    if (!problems.empty())
      s = Status::InputError({input, 0, 0}, std::to_string(problems.size()) +
                                                " line(s) not accounted for in the document");
  }
  if (s.ok()) s = WriteOutput(output, [&](std::ostream& out) { WriteDocument(doc, format, out); });
  if (s.ok() && args.summary) std::cerr << Summary(doc) << "\n";
  return s;
}

// -o names a directory: it ends with '/' or is one.
bool IsOutputDirectory(const std::string& output) {
  std::error_code ec;
  return !output.empty() && (output.back() == '/' || std::filesystem::is_directory(output, ec));
}

// DIR/NAME.json for each input (NAME: the file name less its extension;
// "stdin" for "-"). Two inputs with one name are a usage error.
Status OutputsInDirectory(const std::vector<std::string>& inputs, const std::string& dir, const std::string& format,
                          std::vector<std::string>* outputs) {
  std::map<std::string, std::string> taken;  // output -> input
  for (const std::string& input : inputs) {
    const std::string stem = input == "-" ? "stdin" : std::filesystem::path(input).stem().string();
    const std::string out = (std::filesystem::path(dir) / (stem + "." + format)).string();
    if (auto [it, fresh] = taken.emplace(out, input); !fresh)
      return Status::UsageError(input + " and " + it->second + " would both be written to " + out +
                                "; convert them in two runs");
    outputs->push_back(out);
  }
  return Status::OK();
}

int RunConvert(const ConvertArgs& args) {
  Format format;
  Status s = ParseFormat(args.format, &format);
  const bool to_dir = IsOutputDirectory(args.output);
  if (s.ok() && args.inputs.size() > 1 && !to_dir)
    s = Status::UsageError("several inputs need -o DIR/ (one " + args.format +
                           " file each); for one JSONL file use `qaextract batch`");
  std::vector<std::string> outputs;
  if (s.ok() && to_dir) s = OutputsInDirectory(args.inputs, args.output, args.format, &outputs);
  if (s.ok() && !to_dir) {
    outputs.push_back(args.output);
    s = CheckOutputPath(args.output, args.inputs.front());
  }
  if (s.ok() && to_dir) {
    std::vector<PlannedWrite> writes;
    for (const std::string& out : outputs) writes.push_back({"-o", out});
    s = CheckWritesApart(writes, PlannedReads{args.inputs, {}, {}});
  }
  std::error_code ec;
  if (s.ok() && to_dir && !std::filesystem::create_directories(args.output, ec) && ec)
    s = Status::InputError({args.output, 0, 0}, "cannot create the output directory: " + ec.message());
  RuleChoice rules;
  if (s.ok()) s = LoadRules(args.rules, &rules);
  if (!s.ok()) return ReportFailure(s);
  // As batch: every input is tried, each failure reported, exit 1 if any.
  int failed = 0;
  for (std::size_t i = 0; i < args.inputs.size(); ++i) {
    if (Status one = ConvertOne(args, rules, format, args.inputs[i], outputs[i]); !one.ok()) {
      ReportFailure(one);
      ++failed;
    }
  }
  if (failed == 0) return 0;
  if (args.inputs.size() > 1)
    std::cerr << "qaextract: " << failed << " of " << args.inputs.size() << " inputs failed\n";
  return static_cast<int>(ExitCode::kInputError);
}

}  // namespace

Runner SetupConvert(CLI::App* sub) {
  auto args = std::make_shared<ConvertArgs>();
  sub->add_option("FILE", args->inputs,
                  "Articles to convert ('-' reads standard input); several need -o DIR/")
      ->required();
  AddRulesOptions(sub, &args->rules);
  sub->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"json", "yaml"}))
      ->capture_default_str();
  sub->add_option("-o,--output", args->output,
                  "Output file (default: standard output), or a directory (ending in / or existing) "
                  "for one NAME.json|yaml per input");
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
