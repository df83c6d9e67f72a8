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

#include "parse/pipeline.h"
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

class RulesChoice {
 public:
  // Loads what `args` names. Prints a warning to stderr for a user file in a
  // library that has no `match:` (it would be chosen for no article).
  Status Load(const RulesArgs& args, std::int64_t regex_max_mem);

  // Extracts `source` as `convert` does: with the one rule file, or choosing
  // from the library (with discovery when the choice has no speakers).
  Status Extract(const Source& source, const ExtractOptions& options, Document* doc,
                 internal::Trace* trace = nullptr) const;

 private:
  bool single_ = false;
  RuleSet set_;
  RuleLibrary library_;
};

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_RULES_CHOICE_H_
