// The one place that builds RE2 objects from rule patterns.
#ifndef QAEXTRACT_SRC_MATCH_PATTERN_H_
#define QAEXTRACT_SRC_MATCH_PATTERN_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "qaextract/status.h"
#include "rules/rule_model.h"

namespace qaextract::internal {

// RE2 options for every rule pattern: UTF-8, quiet (we report errors
// ourselves) and a memory budget of `max_mem` bytes.
RE2::Options PatternOptions(std::int64_t max_mem);

// Builds the RE2 objects of rule files. Identical patterns share one
// compiled object: rule files that extend one base (every shipped file
// extends base-zh) would otherwise compile its patterns once each.
// Not thread-safe; the RE2 objects it hands out are immutable and are.
class PatternCompiler {
 public:
  explicit PatternCompiler(std::int64_t max_mem) : max_mem_(max_mem) {}

  // Folds spec.text (FoldPattern) and compiles it. A pattern that does not
  // compile, or needs more than max_mem, is a RuleError at spec.where:
  //   rules/x.yaml:12:14: error: bad pattern in noise.inline[0]: missing ): (\d{2}
  Status Compile(const PatternSpec& spec, Rule* out);

  // Compiles `pattern` as it is (no folding); nullptr and *error on failure.
  std::shared_ptr<const RE2> CompileRaw(const std::string& pattern, std::string* error);

  std::int64_t max_mem() const { return max_mem_; }

 private:
  std::int64_t max_mem_;
  std::unordered_map<std::string, std::shared_ptr<const RE2>> cache_;
};

// The capture group called `name` in `re`, or 0 when there is none.
int NamedGroup(const RE2& re, const std::string& name);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_MATCH_PATTERN_H_
