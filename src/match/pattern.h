// The one place that builds RE2 objects from rule patterns.
#ifndef QAEXTRACT_SRC_MATCH_PATTERN_H_
#define QAEXTRACT_SRC_MATCH_PATTERN_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>

#include "qaextract/status.h"
#include "rules/rule_model.h"

namespace qaextract::internal {

// RE2 options for every rule pattern: UTF-8, quiet (we report errors
// ourselves) and a memory budget of `max_mem` bytes.
RE2::Options PatternOptions(std::int64_t max_mem);

// Folds spec.text (FoldPattern) and compiles it. A pattern that does not
// compile, or needs more than max_mem, is a RuleError at spec.where:
//   rules/x.yaml:12:14: error: bad pattern in noise.inline[0]: missing ): (\d{2}
Status CompilePattern(const PatternSpec& spec, std::int64_t max_mem, Rule* out);

// The capture group called `name` in `re`, or 0 when there is none.
int NamedGroup(const RE2& re, const std::string& name);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_MATCH_PATTERN_H_
