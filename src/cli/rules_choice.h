// The rules a command was told to use, loaded once and used for any number
// of articles:
//   no --rules           the built-in library;
//   --rules FILE (once)  that file, for every article;
//   --rules DIR, or several --rules
//                        the user's files join the built-in library, chosen
//                        by `match:` together (the user's first on a tie);
//                        with --no-builtin-rules, the user's files alone.
#ifndef QAEXTRACT_SRC_CLI_RULES_CHOICE_H_
#define QAEXTRACT_SRC_CLI_RULES_CHOICE_H_

#include <string>
#include <vector>

#include "qaextract/qaextract.h"

namespace CLI {
class App;
}

namespace qaextract::cli {

// What --rules and --no-builtin-rules said.
struct RulesArgs {
  std::vector<std::string> paths;
  bool no_builtins = false;

  // "a.yaml,dir" with ",no-builtins" when said: for journals and manifests.
  std::string ToString() const;
};

// Adds --rules (repeatable) and --no-builtin-rules to `cmd`.
void AddRulesOptions(CLI::App* cmd, RulesArgs* args);

// Loads what `args` names (RuleChoice::Load), printing its warnings to
// stderr: a user file in a library without `match:` is chosen for no
// article.
Status LoadRules(const RulesArgs& args, RuleChoice* out);

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_RULES_CHOICE_H_
