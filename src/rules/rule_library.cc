// RuleSet and RuleLibrary: finding rule files, resolving `extends:`, choosing
// a rule set for an article by `match:`.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "qaextract/rules.h"
#include "match/pattern.h"
#include "rules/rule_model.h"
#include "rules/selection_filter.h"
#include "text/fold.h"

namespace qaextract {
namespace internal {
namespace {

struct BuiltinRule {
  const char* name;
  const char* text;
};

const BuiltinRule kBuiltinRules[] = {
#include "builtin_rules.inc"
};

const BuiltinRule* FindBuiltin(const std::string& name) {
  for (const BuiltinRule& r : kBuiltinRules)
    if (name == r.name) return &r;
  return nullptr;
}

Status ReadFile(const std::string& path, std::string* out) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Status::InputError({path, 0, 0}, "is a directory, not a rule file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InputError({path, 0, 0}, std::string("cannot read rule file: ") +
                                                       std::strerror(errno));
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return Status::OK();
}

// Loads rule files and the files they extend, detecting cycles.
class SpecResolver {
 public:
  explicit SpecResolver(const RuleLoadOptions& options) : options_(options) {}

  // Parses `yaml` (known as `path`) and merges everything it extends under it.
  // A file already resolved in this session (a base file that is also a
  // rule set of its own, or one that several files extend) is parsed once.
  Status Resolve(std::string_view yaml, const std::string& path, RuleSpec* merged) {
    if (auto cached = resolved_.find(path); cached != resolved_.end() && cached->second.yaml == yaml) {
      *merged = cached->second.spec;
      return Status::OK();
    }
    RuleSpec resolved;
    if (Status s = ResolveUncached(yaml, path, &resolved); !s.ok()) return s;
    resolved_.insert_or_assign(path, Resolved{std::string(yaml), resolved});
    *merged = std::move(resolved);
    return Status::OK();
  }

 private:
  Status ResolveUncached(std::string_view yaml, const std::string& path, RuleSpec* merged) {
    RuleSpec own;
    if (Status s = ParseRuleSpec(yaml, path, &own); !s.ok()) return s;
    stack_.push_back(path);
    RuleSpec base;
    bool have_base = false;
    for (const PatternSpec& ext : own.extends) {
      std::string text, found;
      if (Status s = Locate(ext, path, &text, &found); !s.ok()) return s;
      if (std::find(stack_.begin(), stack_.end(), found) != stack_.end()) {
        std::string chain;
        for (const std::string& p : stack_) chain += p + " -> ";
        return Status::RuleError(ext.where, "circular extends: " + chain + found, "extends-cycle");
      }
      RuleSpec parent;
      if (Status s = Resolve(text, found, &parent); !s.ok()) return s;
      base = have_base ? MergeSpecs(base, parent) : std::move(parent);
      have_base = true;
    }
    stack_.pop_back();
    *merged = have_base ? MergeSpecs(base, own) : std::move(own);
    return Status::OK();
  }

  // Finds the file `ext` names, relative to the extending file at `from`.
  Status Locate(const PatternSpec& ext, const std::string& from, std::string* text,
                std::string* found) {
    const std::string& name = ext.text;
    const bool from_builtin = IsBuiltinFile(from);
    const bool is_path = name.find('/') != std::string::npos ||
                         (name.size() > 5 && (name.substr(name.size() - 5) == ".yaml" ||
                                              name.substr(name.size() - 4) == ".yml"));
    if (is_path && options_.names_only)
      return Status::RuleError(ext.where, "extends '" + name + "': only rule names are allowed here",
                               "extends-missing");
    std::vector<std::filesystem::path> candidates;
    if (!from_builtin && !options_.names_only) {
      std::filesystem::path dir = std::filesystem::path(from).parent_path();
      candidates.push_back(dir / (is_path ? name : name + ".yaml"));
    }
    if (!is_path)
      for (const std::string& d : options_.search_dirs)
        candidates.push_back(std::filesystem::path(d) / (name + ".yaml"));
    for (const auto& c : candidates) {
      std::error_code ec;
      if (std::filesystem::is_regular_file(c, ec)) {
        *found = c.lexically_normal().string();
        return ReadFile(*found, text);
      }
    }
    if (!is_path && options_.use_builtin) {
      if (const BuiltinRule* b = FindBuiltin(name)) {
        *found = kBuiltinFilePrefix + name;
        *text = b->text;
        return Status::OK();
      }
    }
    return Status::RuleError(ext.where, "extends '" + name + "': no such rule file",
                             "extends-missing");
  }

  const RuleLoadOptions& options_;
  std::vector<std::string> stack_;            // files being resolved, for cycles
  struct Resolved {
    std::string yaml;  // the text it was resolved from: a path may be given other text
    RuleSpec spec;
  };
  std::map<std::string, Resolved> resolved_;  // files already merged with what they extend
};

// One loading session: rule files loaded through the same RuleLoader share
// the parsed files they extend and the compiled patterns.
class RuleLoader {
 public:
  explicit RuleLoader(const RuleLoadOptions& options)
      : resolver_(options), compiler_(options.regex_max_mem) {}

  // Parses and compiles only what selection needs; the rest waits in
  // *deferred (compiled by RuleSet::compiled()).
  Status LoadDeferred(std::string_view yaml, const std::string& path, std::int64_t max_mem,
                      std::shared_ptr<const CompiledRules>* out,
                      std::shared_ptr<DeferredRules>* deferred) {
    auto d = std::make_shared<DeferredRules>();
    if (Status s = resolver_.Resolve(yaml, path, &d->spec); !s.ok()) return s;
    auto selection = std::make_shared<CompiledRules>();
    if (Status s = CompileSelection(d->spec, &compiler_, selection.get()); !s.ok()) return s;
    d->max_mem = max_mem;
    *out = std::move(selection);
    *deferred = std::move(d);
    return Status::OK();
  }

  Status Load(std::string_view yaml, const std::string& path,
              std::shared_ptr<const CompiledRules>* out) {
    RuleSpec spec;
    if (Status s = resolver_.Resolve(yaml, path, &spec); !s.ok()) return s;
    auto compiled = std::make_shared<CompiledRules>();
    if (Status s = CompileRules(spec, &compiler_, compiled.get()); !s.ok()) return s;
    *out = std::move(compiled);
    return Status::OK();
  }

 private:
  SpecResolver resolver_;
  PatternCompiler compiler_;
};

// The set's score for the folded prefix. `possible` (null: every pattern
// is asked) holds, from index `first` on, a flag for each of the set's
// patterns (match_all's, then match_any's): false when the prefix holds no
// match of it (SelectionFilter), which is then not asked.
int ScoreFolded(const CompiledRules& rules, std::string_view folded, const std::vector<bool>* possible = nullptr,
                std::size_t first = 0) {
  if (rules.match_any.empty() && rules.match_all.empty()) return 0;
  std::size_t at = first;
  const auto matches = [&](const Rule& r) {
    const bool may = possible == nullptr || (*possible)[at];
    ++at;
    return may && RE2::PartialMatch(folded, *r.re);
  };
  for (const Rule& r : rules.match_all)
    if (!matches(r)) return 0;
  int score = static_cast<int>(rules.match_all.size());
  int any = 0;
  for (const Rule& r : rules.match_any) any += matches(r);
  if (!rules.match_any.empty() && any == 0) return 0;
  return score + any;
}

std::string FoldedPrefix(const Source& source) {
  std::string_view text = source.text;
  text = text.substr(0, kMatchPrefixBytes);
  std::string folded;
  FoldText(text, &folded);
  return folded;
}

}  // namespace
}  // namespace internal

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(const RuleSet&) = default;
RuleSet& RuleSet::operator=(const RuleSet&) = default;

namespace internal {

Status ResolveRuleSpec(std::string_view yaml, const std::string& path,
                       const RuleLoadOptions& options, RuleSpec* spec) {
  SpecResolver resolver(options);
  return resolver.Resolve(yaml, path, spec);
}

Status ReadRuleFile(const std::string& path, std::string* text) { return ReadFile(path, text); }

std::string BuiltinRuleText(const std::string& name) {
  const BuiltinRule* b = FindBuiltin(name);
  return b ? b->text : "";
}

}  // namespace internal

Status RuleSet::LoadString(std::string_view yaml, const std::string& path,
                           const RuleLoadOptions& options, RuleSet* out) {
  internal::RuleLoader loader(options);
  return loader.Load(yaml, path, &out->impl_);
}

Status RuleSet::LoadFile(const std::string& path, const RuleLoadOptions& options, RuleSet* out) {
  std::string text;
  if (Status s = internal::ReadFile(path, &text); !s.ok()) return s;
  return LoadString(text, path, options, out);
}

Status RuleSet::LoadBuiltin(const std::string& name, const RuleLoadOptions& options,
                            RuleSet* out) {
  const internal::BuiltinRule* b = internal::FindBuiltin(name);
  if (b == nullptr) return Status::UsageError("no built-in rule file called '" + name + "'");
  return LoadString(b->text, kBuiltinFilePrefix + name, options, out);
}

Status RuleSet::BuiltinText(const std::string& name, std::string* text) {
  const internal::BuiltinRule* b = internal::FindBuiltin(name);
  if (b == nullptr) {
    std::string names;
    for (const std::string& n : BuiltinNames()) names += (names.empty() ? "" : ", ") + n;
    return Status::UsageError("no built-in rule file called '" + name + "' (built-in: " + names + ")");
  }
  *text = std::string(b->text);
  return Status::OK();
}

std::vector<std::string> RuleSet::BuiltinNames() {
  std::vector<std::string> names;
  for (const auto& r : internal::kBuiltinRules) names.push_back(r.name);
  std::sort(names.begin(), names.end());
  return names;
}

const internal::CompiledRules& internal::CompiledOf(const RuleSet& set) { return set.compiled(); }

const internal::CompiledRules& RuleSet::compiled() const {
  if (!deferred_) return *impl_;
  internal::DeferredRules& d = *deferred_;
  std::call_once(d.once, [&d] {
    internal::PatternCompiler compiler(d.max_mem);
    compiler.set_deferred(true);  // built-in patterns: each compiled alone only when asked
    auto full = std::make_shared<internal::CompiledRules>();
    if (Status s = internal::CompileRules(d.spec, &compiler, full.get()); !s.ok()) {
      // Only built-in sets are deferred, and the test suite compiles each.
      std::fprintf(stderr, "qaextract: internal error: built-in rules: %s\n", s.ToString().c_str());
      std::abort();
    }
    d.full = std::move(full);
  });
  return *d.full;
}

const std::string& RuleSet::name() const { return impl_->name; }
const std::string& RuleSet::description() const { return impl_->description; }
const std::vector<std::string>& RuleSet::files() const { return impl_->files; }
const std::string& RuleSet::sha256() const { return impl_->sha256; }

bool RuleSet::has_match() const { return !impl_->match_any.empty() || !impl_->match_all.empty(); }

int RuleSet::MatchScore(const Source& source) const {
  return internal::ScoreFolded(*impl_, internal::FoldedPrefix(source));
}

namespace {

// The *.yaml and *.yml files directly in `dir`, sorted.
Status RuleFilesIn(const std::string& dir, std::vector<std::string>* paths) {
  std::error_code ec;
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) found.push_back(entry.path().string());
  }
  if (ec) return Status::InputError({dir, 0, 0}, "cannot read rules directory: " + ec.message());
  std::sort(found.begin(), found.end());
  paths->insert(paths->end(), found.begin(), found.end());
  return Status::OK();
}

}  // namespace

Status RuleLibrary::LoadBuiltin(const RuleLoadOptions& options, RuleLibrary* out) {
  return Load({}, /*with_builtins=*/true, options, out);
}

Status RuleLibrary::LoadDirectory(const std::string& dir, const RuleLoadOptions& options,
                                  RuleLibrary* out) {
  return Load({dir}, /*with_builtins=*/false, options, out);
}

Status RuleLibrary::Load(const std::vector<std::string>& paths, bool with_builtins,
                         const RuleLoadOptions& options, RuleLibrary* out) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      if (Status s = RuleFilesIn(path, &files); !s.ok()) return s;
    } else {
      files.push_back(path);
    }
  }
  RuleLibrary library;
  internal::RuleLoader loader(options);
  for (const std::string& path : files) {
    RuleSet set;
    std::string text;
    Status s = internal::ReadFile(path, &text);
    if (s.ok()) s = loader.Load(text, path, &set.impl_);
    if (!s.ok()) return s;
    const bool repeated = std::any_of(library.rule_sets_.begin(), library.rule_sets_.end(),
                                      [&](const RuleSet& r) { return r.name() == set.name(); });
    if (repeated)
      return Status::InputError({path, 0, 0}, "a second rule file called '" + set.name() +
                                                  "' (names choose and report rule sets: rename one)");
    library.rule_sets_.push_back(std::move(set));
  }
  const std::size_t own = library.rule_sets_.size();
  const auto own_named = [&](const std::string& name) {
    return std::any_of(library.rule_sets_.begin(), library.rule_sets_.begin() + static_cast<std::ptrdiff_t>(own),
                       [&](const RuleSet& r) { return r.name() == name; });
  };
  for (const std::string& name : RuleSet::BuiltinNames()) {
    // The user's file of the same name replaces the built-in one (an edited
    // copy from `rules show`); without built-ins only "generic" is loaded,
    // as the fallback.
    if (own_named(name) || (!with_builtins && name != kFallbackRuleSet)) continue;
    RuleSet set;
    const internal::BuiltinRule* b = internal::FindBuiltin(name);
    if (Status s = loader.LoadDeferred(b->text, kBuiltinFilePrefix + name, options.regex_max_mem,
                                       &set.impl_, &set.deferred_);
        !s.ok())
      return s;
    if (with_builtins) library.rule_sets_.push_back(set);
    else library.fallback_ = set;
  }
  for (const RuleSet& set : library.rule_sets_)
    if (set.name() == kFallbackRuleSet) library.fallback_ = set;
  std::vector<const internal::CompiledRules*> selections;
  for (const RuleSet& set : library.rule_sets_) selections.push_back(set.impl_.get());
  library.selection_filter_ = internal::SelectionFilter::Build(selections, options.regex_max_mem);
  *out = std::move(library);
  return Status::OK();
}

const RuleSet& RuleLibrary::Select(const Source& source, std::string* selected_by) const {
  return internal::SelectFolded(*this, internal::FoldedPrefix(source), selected_by);
}

const RuleSet& internal::SelectFolded(const RuleLibrary& library, std::string_view folded_prefix,
                                      std::string* selected_by) {
  const RuleSet* best = nullptr;
  int best_score = 0;
  std::vector<bool> possible;
  const SelectionFilter* filter = library.selection_filter_.get();
  if (filter) filter->Possible(folded_prefix, &possible);
  std::size_t first = 0;  // the set's first pattern in the filter's list
  for (const RuleSet& set : library.rule_sets_) {
    // Selection only: no full compile.
    const int score = ScoreFolded(*set.impl_, folded_prefix, filter ? &possible : nullptr, first);
    first += set.impl_->match_all.size() + set.impl_->match_any.size();
    if (score > best_score) best = &set, best_score = score;
  }
  if (selected_by) *selected_by = best ? "match" : "default";
  return best ? *best : library.fallback_;
}

}  // namespace qaextract
