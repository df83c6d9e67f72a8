#include "qaextract/rule_choice.h"

#include <filesystem>

#include "qaextract/extractor.h"

namespace qaextract {

RuleChoice::RuleChoice(RuleSet set) : single_(true), set_(std::move(set)) {}

RuleChoice::RuleChoice(RuleLibrary library) : loaded_library_(true), library_(std::move(library)) {}

Status RuleChoice::Load(const std::vector<std::string>& paths, bool with_builtins,
                        const RuleLoadOptions& options, RuleChoice* out) {
  RuleChoice choice;
  Status s;
  std::error_code ec;
  if (paths.empty()) {
    if (!with_builtins) return Status::UsageError("no rules: no rule files and no built-in rules");
    s = RuleLibrary::LoadBuiltin(options, &choice.library_);
  } else if (paths.size() == 1 && !std::filesystem::is_directory(paths[0], ec)) {
    choice.single_ = true;
    s = RuleSet::LoadFile(paths[0], options, &choice.set_);
  } else {
    s = RuleLibrary::Load(paths, with_builtins, options, &choice.library_);
    for (const RuleSet& set : choice.library_.rule_sets()) {
      const std::string& file = set.files().back();
      if (s.ok() && !IsBuiltinFile(file) && !set.has_match() && set.name() != kFallbackRuleSet)
        choice.warnings_.push_back(file + ": warning: no match: patterns, so this file is chosen for no article "
                                          "(add match:, or pass it alone with --rules FILE)");
    }
  }
  if (!s.ok()) return s;
  choice.loaded_library_ = !choice.single_;
  *out = std::move(choice);
  return Status::OK();
}

Status RuleChoice::Extract(const Source& source, const ExtractOptions& options, Document* document) const {
  return single_ ? qaextract::Extract(source, set_, options, document)
                 : ExtractWithLibrary(source, library_, options, document);
}

}  // namespace qaextract
