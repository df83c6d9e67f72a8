// qaextract rules lint|test|diff: commands for rule authors.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "qaextract/qaextract.h"
#include "rules/rule_lint.h"

namespace qaextract::cli {
namespace {

struct LintArgs {
  std::vector<std::string> files;
};

int RunLint(const LintArgs& args) {
  const bool color = isatty(STDERR_FILENO) && getenv("NO_COLOR") == nullptr;
  int errors = 0, warnings = 0;
  for (const std::string& file : args.files) {
    for (const internal::Diagnostic& d : internal::LintRuleFile(file, RuleLoadOptions{})) {
      std::cerr << internal::RenderDiagnostic(d, color);
      (d.error ? errors : warnings)++;
    }
  }
  std::cerr << args.files.size() << " file" << (args.files.size() == 1 ? "" : "s") << ", " << errors
            << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
            << (warnings == 1 ? "" : "s") << "\n";
  return errors > 0 ? static_cast<int>(ExitCode::kInputError) : 0;
}

}  // namespace

Runner SetupRules(CLI::App* sub) {
  sub->require_subcommand(1);
  auto lint = std::make_shared<LintArgs>();
  CLI::App* lint_cmd = sub->add_subcommand(
      "lint", "Check rule files: every problem as path:line:col: error|warning: [code] message");
  lint_cmd->add_option("FILE", lint->files, "Rule files")->required();
  auto runners = std::make_shared<std::vector<std::pair<CLI::App*, Runner>>>();
  runners->emplace_back(lint_cmd, [lint] { return RunLint(*lint); });
  AddRulesTestCommands(sub, runners.get());
  return [sub, runners]() -> int {
    for (auto& [cmd, run] : *runners)
      if (cmd->parsed()) return run();
    std::cerr << sub->help();
    return static_cast<int>(ExitCode::kUsageError);
  };
}

}  // namespace qaextract::cli
