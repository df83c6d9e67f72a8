// `qaextract rules lint`: every problem of a rule file, with a code, at its
// line and column, and a caret line under it.
#ifndef QAEXTRACT_INCLUDE_LINT_H_
#define QAEXTRACT_INCLUDE_LINT_H_

#include <string>
#include <string_view>
#include <vector>

#include "qaextract/rules.h"
#include "qaextract/status.h"

namespace qaextract {

struct Diagnostic {
  SourceLocation where;
  bool error = true;  // false: a warning
  std::string code;   // docs/rules.md#lint-codes
  std::string message;
};

// Loads the rule file at `path` as `convert --rules` would and reports
// everything wrong with it, sorted by position: each error (the loader reads
// on past a bad key, a bad pattern or a missing field) and warnings about
// patterns and markers of this file that cannot work.
std::vector<Diagnostic> LintRuleFile(const std::string& path, const RuleLoadOptions& options);

// As LintRuleFile, for rule text in memory named `path` (the playground's
// editor).
std::vector<Diagnostic> LintRuleText(std::string_view text, const std::string& path,
                                     const RuleLoadOptions& options);

// "path:line:col: error: [code] message", then the source line and a caret
// under the column when the line is known. `color`: ANSI colours. `source`:
// the file's text when it is not on disk (standard input, the playground).
std::string RenderDiagnostic(const Diagnostic& d, bool color, std::string_view source = {});

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_LINT_H_
