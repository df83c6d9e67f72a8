// RuleChoice: the rules an application extracts with, as one handle.
//
//   RuleChoice rules;
//   Status s = RuleChoice::Load({}, true, {}, &rules);          // built-in library
//   Status s = RuleChoice::Load({"my.yaml"}, true, {}, &rules); // that file, always
//   Status s = RuleChoice::Load({"rules/"}, true, {}, &rules);  // mine + built-in
//   Document doc;
//   if (s.ok()) s = rules.Extract(source, {}, &doc);
//
// What `paths` means, as the command line's --rules:
//   none               the built-in library (RuleLibrary::LoadBuiltin);
//   one file           that file decides every article;
//   directories, or several paths
//                      the user's files, chosen by `match:` together with
//                      the built-in ones (with_builtins), the user's first
//                      on a tie; without with_builtins, the user's alone.
// With a library, an article whose chosen set names no speakers goes to
// discovery (ExtractWithLibrary).
//
// Thread-safety: a loaded RuleChoice is immutable; Extract may run on any
// number of threads at once.
#ifndef QAEXTRACT_INCLUDE_RULE_CHOICE_H_
#define QAEXTRACT_INCLUDE_RULE_CHOICE_H_

#include <string>
#include <vector>

#include "qaextract/document.h"
#include "qaextract/options.h"
#include "qaextract/rules.h"
#include "qaextract/source.h"
#include "qaextract/status.h"

namespace qaextract {

class RuleChoice {
 public:
  RuleChoice() = default;                        // not loaded
  explicit RuleChoice(RuleSet set);              // `set` decides every article
  explicit RuleChoice(RuleLibrary library);      // chosen per article by match:

  // Loads what `paths` names (see above). A UsageError when `paths` is empty
  // and with_builtins is false (there would be no rules at all).
  static Status Load(const std::vector<std::string>& paths, bool with_builtins,
                     const RuleLoadOptions& options, RuleChoice* out);

  bool loaded() const { return single_ ? set_.loaded() : loaded_library_; }
  // True when one rule set decides every article.
  bool single() const { return single_; }
  // The one set (single()) or the library (otherwise).
  const RuleSet& set() const { return set_; }
  const RuleLibrary& library() const { return library_; }

  // Problems that do not stop loading: a user file in a library without
  // `match:` is chosen for no article. "path: warning: ..." each.
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Extract (one set) or ExtractWithLibrary (a library).
  // REQUIRES: loaded().
  Status Extract(const Source& source, const ExtractOptions& options, Document* document) const;

 private:
  bool single_ = false;
  bool loaded_library_ = false;
  RuleSet set_;
  RuleLibrary library_;
  std::vector<std::string> warnings_;
};

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_RULE_CHOICE_H_
