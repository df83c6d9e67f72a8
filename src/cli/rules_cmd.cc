// qaextract rules lint|test|diff: commands for rule authors.
#include <unistd.h>

#include <iostream>
#include <iterator>
#include <memory>

#include "cli/commands.h"
#include "qaextract/qaextract.h"
#include "qaextract/lint.h"

namespace qaextract::cli {
namespace {

struct LintArgs {
  std::vector<std::string> files;
};

int RunLint(const LintArgs& args) {
  const bool color = isatty(STDERR_FILENO) && getenv("NO_COLOR") == nullptr;
  int errors = 0, warnings = 0;
  for (const std::string& file : args.files) {
    // "-": the rule text on standard input; `extends:` paths are then
    // relative to the working directory.
    std::string stdin_text;
    if (file == "-") stdin_text.assign(std::istreambuf_iterator<char>(std::cin), {});
    const std::vector<Diagnostic> found =
        file == "-" ? LintRuleText(stdin_text, "<stdin>", RuleLoadOptions{})
                    : LintRuleFile(file, RuleLoadOptions{});
    for (const Diagnostic& d : found) {
      std::cerr << RenderDiagnostic(d, color, stdin_text);
      (d.error ? errors : warnings)++;
    }
  }
  std::cerr << args.files.size() << " file" << (args.files.size() == 1 ? "" : "s") << ", " << errors
            << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
            << (warnings == 1 ? "" : "s") << "\n";
  return errors > 0 ? static_cast<int>(ExitCode::kInputError) : 0;
}

// "anyong-waves  暗涌Waves interviews (...)": each built-in file and what it is for.
int RunList() {
  for (const std::string& name : RuleSet::BuiltinNames()) {
    RuleSet rules;
    const Status s = RuleSet::LoadBuiltin(name, {}, &rules);
    std::cout << name;
    if (s.ok() && !rules.description().empty()) std::cout << std::string(name.size() < 24 ? 24 - name.size() : 1, ' ') << rules.description();
    std::cout << "\n";
  }
  return 0;
}

// The built-in file as shipped, to copy and change.
int RunShow(const std::string& name) {
  std::string text;
  if (const Status s = RuleSet::BuiltinText(name, &text); !s.ok()) return ReportFailure(s);
  std::cout << text;
  return 0;
}

}  // namespace

Runner SetupRules(CLI::App* sub) {
  sub->require_subcommand(1);
  auto lint = std::make_shared<LintArgs>();
  CLI::App* lint_cmd = sub->add_subcommand(
      "lint", "Check rule files: every problem as path:line:col: error|warning: [code] message");
  lint_cmd->add_option("FILE", lint->files, "Rule files (- reads standard input)")->required();
  auto runners = std::make_shared<std::vector<std::pair<CLI::App*, Runner>>>();
  runners->emplace_back(lint_cmd, [lint] { return RunLint(*lint); });
  CLI::App* list_cmd = sub->add_subcommand("list", "List the built-in rule files");
  runners->emplace_back(list_cmd, [] { return RunList(); });
  auto show_name = std::make_shared<std::string>();
  CLI::App* show_cmd = sub->add_subcommand("show", "Print a built-in rule file, to copy and change");
  show_cmd->add_option("NAME", *show_name, "A name from `qaextract rules list`")->required();
  runners->emplace_back(show_cmd, [show_name] { return RunShow(*show_name); });
  AddRulesTestCommands(sub, runners.get());
  return [sub, runners]() -> int {
    for (auto& [cmd, run] : *runners)
      if (cmd->parsed()) return run();
    std::cerr << sub->help();
    return static_cast<int>(ExitCode::kUsageError);
  };
}

}  // namespace qaextract::cli
