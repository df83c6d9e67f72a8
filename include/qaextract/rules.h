// RuleSet and RuleLibrary: rule files, loaded and compiled.
//
// A rule file (YAML; docs/rules.md is the reference) describes one source:
// its speakers and their markers, section headings, where the dialogue
// begins and ends, noise to remove and metadata to capture. Rule files
// compose with `extends:`; a RuleSet is one file with everything it extends,
// merged and compiled (every pattern is an RE2: linear time, bounded memory).
//
// A RuleLibrary is the set of rule files to choose from when the caller did
// not name one: each file's `match:` patterns are tried against the article
// and the best fit wins; "generic" is used when nothing fits.
//
// Loading order of names given to `extends:`: the extending file's own
// directory, then RuleLoadOptions::search_dirs, then the rule files built
// into the library (the ones shipped in rules/).
//
// Thread-safety: loading is not thread-safe with respect to the object being
// loaded; a loaded RuleSet or RuleLibrary is immutable and may be used from
// any number of threads at once.
#ifndef QAEXTRACT_INCLUDE_RULES_H_
#define QAEXTRACT_INCLUDE_RULES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "qaextract/source.h"
#include "qaextract/status.h"

namespace qaextract {

// RuleSet::files() names a built-in rule file "builtin:NAME".
constexpr char kBuiltinFilePrefix[] = "builtin:";
// The built-in set a RuleLibrary falls back to when no file's match: fits.
constexpr char kFallbackRuleSet[] = "generic";
// Whether `file` (an entry of RuleSet::files()) is a built-in one.
inline bool IsBuiltinFile(std::string_view file) {
  return file.substr(0, sizeof kBuiltinFilePrefix - 1) == kBuiltinFilePrefix;
}

class RuleSet;
class RuleLibrary;
namespace internal {
struct CompiledRules;
struct DeferredRules;
class SelectionFilter;
// The compiled form, for the extractor (src/rules/rule_model.h).
const CompiledRules& CompiledOf(const RuleSet& set);
// RuleLibrary::Select, given the fold of the article's first
// kMatchPrefixBytes bytes (src/rules/rule_model.h), for the extractor,
// which folds them once for the choice and for classification.
const RuleSet& SelectFolded(const RuleLibrary& library, std::string_view folded_prefix, std::string* selected_by);
}  // namespace internal

struct RuleLoadOptions {
  // Directories searched for `extends:` names after the file's own directory.
  std::vector<std::string> search_dirs;
  // Fall back to the rule files built into the library. Default: true.
  bool use_builtin = true;
  // Resolve `extends:` by name only, in search_dirs and the built-in files:
  // no paths, not the extending file's own directory. For rule text from an
  // untrusted client (the playground), which must not reach other files.
  bool names_only = false;
  // RE2 memory budget per pattern, in bytes; default 8 MiB.
  std::int64_t regex_max_mem = 8 << 20;
};

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(const RuleSet&);
  RuleSet& operator=(const RuleSet&);

  // Loads and compiles the rule file at `path` and everything it extends.
  // On failure *out is unchanged and the Status is a RuleError located at the
  // offending YAML node ("path:line:col: error: ...") or an InputError for an
  // unreadable file.
  static Status LoadFile(const std::string& path, const RuleLoadOptions& options,
                         RuleSet* out);

  // As LoadFile, for YAML text in memory; `path` names it in messages and
  // is the directory base for `extends:`. Test seam.
  static Status LoadString(std::string_view yaml, const std::string& path,
                           const RuleLoadOptions& options, RuleSet* out);

  // Loads the built-in rule file called `name` ("anyong-waves", ...).
  static Status LoadBuiltin(const std::string& name, const RuleLoadOptions& options,
                            RuleSet* out);

  // Names of the built-in rule files, in a stable order.
  static std::vector<std::string> BuiltinNames();

  // The text of the built-in rule file `name`, as shipped (a copy of it
  // lints and loads as it is: its extends: names built-ins).
  static Status BuiltinText(const std::string& name, std::string* text);

  bool loaded() const { return impl_ != nullptr; }
  const std::string& name() const;
  const std::string& description() const;
  // Files this set was built from, base first ("builtin:base-zh" for
  // built-in ones).
  const std::vector<std::string>& files() const;
  // Hex SHA-256 over the names and contents of files().
  const std::string& sha256() const;

  // True when the file (or one it extends) has `match:` patterns: in a
  // library, a set without them is chosen for no article.
  bool has_match() const;

  // How well this set's `match:` fits the article: 0 when it does not (or the
  // file has no `match:`), otherwise the number of patterns that matched.
  int MatchScore(const Source& source) const;

  // (The compiled form is the library's own: internal::CompiledOf. Sets of
  // the built-in library are compiled on first use, thread-safely.)

 private:
  friend const internal::CompiledRules& internal::CompiledOf(const RuleSet& set);
  const internal::CompiledRules& compiled() const;
  friend class RuleLibrary;  // loads many sets through one shared loader
  friend const RuleSet& internal::SelectFolded(const RuleLibrary& library, std::string_view folded_prefix,
                                               std::string* selected_by);
  // Everything; or, with deferred_, what selection needs (CompileSelection).
  std::shared_ptr<const internal::CompiledRules> impl_;
  std::shared_ptr<internal::DeferredRules> deferred_;
};

class RuleLibrary {
 public:
  // The rule files built into the library. Each set is parsed and its
  // `match:` compiled now, the rest on first use: the built-in files are
  // known to compile (the test suite compiles each), and a `convert` needs
  // only the one set that fits.
  static Status LoadBuiltin(const RuleLoadOptions& options, RuleLibrary* out);

  // The user's rule files: each of `paths` is a rule file or a directory
  // (its *.yaml and *.yml files, not recursive, in name order). With
  // `with_builtins` the built-in files join them, after the user's (so the
  // user's win ties) and minus any the user has a file of the same name for
  // (an edited copy replaces the original). Without, the built-in "generic"
  // set is still the fallback unless the user has one. Two user files with
  // the same `name:` are an error.
  static Status Load(const std::vector<std::string>& paths, bool with_builtins,
                     const RuleLoadOptions& options, RuleLibrary* out);

  // Load({dir}, /*with_builtins=*/false, ...).
  static Status LoadDirectory(const std::string& dir, const RuleLoadOptions& options,
                              RuleLibrary* out);

  // The rule set whose `match:` scores highest for `source` (ties: the first
  // in rule_sets() order: the user's files, then the built-in ones by name),
  // or the fallback "generic" set when none scores. Sets *selected_by to
  // "match" or "default" when it is not null.
  // REQUIRES: the library was loaded successfully.
  const RuleSet& Select(const Source& source, std::string* selected_by) const;

  const std::vector<RuleSet>& rule_sets() const { return rule_sets_; }

 private:
  friend const RuleSet& internal::SelectFolded(const RuleLibrary& library, std::string_view folded_prefix,
                                               std::string* selected_by);
  std::vector<RuleSet> rule_sets_;  // selection order
  RuleSet fallback_;
  // Which `match:` patterns of the sets an article's prefix may hold, from
  // their literals in one pass (null: every pattern is asked).
  std::shared_ptr<const internal::SelectionFilter> selection_filter_;
};

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_RULES_H_
