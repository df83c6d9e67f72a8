// The rules a command was told to use (--rules FILE, --rules DIR, or none:
// the built-in library), loaded once and used for any number of articles.
#ifndef QAEXTRACT_SRC_CLI_RULES_CHOICE_H_
#define QAEXTRACT_SRC_CLI_RULES_CHOICE_H_

#include <string>

#include "parse/pipeline.h"
#include "qaextract/qaextract.h"

namespace qaextract::cli {

class RulesChoice {
 public:
  // `rules_arg`: a rule file, a directory of rule files, or "" for the
  // built-in rules.
  Status Load(const std::string& rules_arg, std::int64_t regex_max_mem);

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
