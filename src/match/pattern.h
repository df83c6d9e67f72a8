// The one place that builds RE2 objects from rule patterns.
#ifndef QAEXTRACT_SRC_MATCH_PATTERN_H_
#define QAEXTRACT_SRC_MATCH_PATTERN_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "qaextract/status.h"

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

  // Compiles `pattern` as it is (no folding; rules/ folds rule patterns
  // first); nullptr and *error on failure, the same object for the same
  // pattern.
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
