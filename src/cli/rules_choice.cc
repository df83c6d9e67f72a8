#include "cli/rules_choice.h"

#include <CLI/CLI.hpp>

#include <filesystem>
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

Status RulesChoice::Load(const RulesArgs& args, std::int64_t regex_max_mem) {
  RuleLoadOptions load;
  load.regex_max_mem = regex_max_mem;
  if (args.paths.empty()) {
    if (args.no_builtins) return Status::UsageError("--no-builtin-rules needs --rules");
    return RuleLibrary::LoadBuiltin(load, &library_);
  }
  std::error_code ec;
  if (args.paths.size() == 1 && !std::filesystem::is_directory(args.paths[0], ec)) {
    single_ = true;
    return RuleSet::LoadFile(args.paths[0], load, &set_);
  }
  Status s = RuleLibrary::Load(args.paths, !args.no_builtins, load, &library_);
  if (!s.ok()) return s;
  for (const RuleSet& set : library_.rule_sets()) {
    const std::string& file = set.files().back();
    if (file.rfind("builtin:", 0) != 0 && !set.has_match() && set.name() != "generic")
      std::cerr << file << ": warning: no match: patterns, so this file is chosen for no article "
                << "(add match:, or pass it alone with --rules FILE)\n";
  }
  return s;
}

Status RulesChoice::Extract(const Source& source, const ExtractOptions& options, Document* doc,
                            internal::Trace* trace) const {
  if (single_) return internal::ExtractTraced(source, set_, options, doc, trace);
  return internal::ExtractWithLibraryTraced(source, library_, options, doc, trace);
}

}  // namespace qaextract::cli
