#include "cli/rules_choice.h"

#include <filesystem>

namespace qaextract::cli {

Status RulesChoice::Load(const std::string& rules_arg, std::int64_t regex_max_mem) {
  RuleLoadOptions load;
  load.regex_max_mem = regex_max_mem;
  std::error_code ec;
  if (rules_arg.empty()) return RuleLibrary::LoadBuiltin(load, &library_);
  if (std::filesystem::is_directory(rules_arg, ec))
    return RuleLibrary::LoadDirectory(rules_arg, load, &library_);
  single_ = true;
  return RuleSet::LoadFile(rules_arg, load, &set_);
}

Status RulesChoice::Extract(const Source& source, const ExtractOptions& options, Document* doc,
                            internal::Trace* trace) const {
  if (single_) return internal::ExtractTraced(source, set_, options, doc, trace);
  return internal::ExtractWithLibraryTraced(source, library_, options, doc, trace);
}

}  // namespace qaextract::cli
