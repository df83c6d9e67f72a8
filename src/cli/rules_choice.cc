#include "cli/rules_choice.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace qaextract::cli {

std::string RulesArgs::ToString() const {
  std::string out;
  for (const std::string& p : paths) out += (out.empty() ? "" : ",") + p;
  if (no_builtins) out += ",no-builtins";
  return out;
}

void AddRulesOptions(CLI::App* cmd, RulesArgs* args) {
  cmd->add_option("--rules", args->paths,
                  "Rule file or directory; repeat for more. One file decides every article; "
                  "directories and several files join the built-in rules, chosen by match: "
                  "(default: the built-in rules)")
      ->allow_extra_args(false);  // one path an occurrence: never the inputs after it
  cmd->add_flag("--no-builtin-rules", args->no_builtins,
                "With --rules DIR or several --rules: use those files alone, not the built-in rules");
}

Status LoadRules(const RulesArgs& args, RuleChoice* out) {
  if (args.paths.empty() && args.no_builtins) return Status::UsageError("--no-builtin-rules needs --rules");
  const Status s = RuleChoice::Load(args.paths, !args.no_builtins, RuleLoadOptions{}, out);
  if (s.ok())
    for (const std::string& w : out->warnings()) std::cerr << w << "\n";
  return s;
}

}  // namespace qaextract::cli
