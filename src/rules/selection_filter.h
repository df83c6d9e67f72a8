// SelectionFilter: which `match:` patterns of a rule library an article's
// folded prefix may hold, found in one pass over the prefix for the
// literals the patterns need (match/pattern_filter.h), so that only those
// patterns run. Without it each pattern ran over the whole prefix: RE2
// skips ahead to a pattern's first byte with memchr, and a Chinese
// literal's first byte is the lead byte of most characters of the text.
#ifndef QAEXTRACT_SRC_RULES_SELECTION_FILTER_H_
#define QAEXTRACT_SRC_RULES_SELECTION_FILTER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "match/pattern_filter.h"
#include "rules/rule_model.h"

namespace qaextract::internal {

class SelectionFilter {
 public:
  // Over the patterns of the sets' selections (their compiled `match:`,
  // which the rest of a deferred set is not compiled for), in order: each
  // set's match_all, then its match_any (compiled with
  // PatternOptions(max_mem), as the sets' own). Null when it could rule
  // none of them out on any text.
  static std::shared_ptr<const SelectionFilter> Build(const std::vector<const CompiledRules*>& selections,
                                                      std::int64_t max_mem);

  // Sets *possible to a flag for each pattern, in Build's order: false
  // only for a pattern that does not match `folded`. Thread-safe.
  void Possible(std::string_view folded, std::vector<bool>* possible) const;

 private:
  std::shared_ptr<const PatternFilter> filter_;
  std::size_t patterns_ = 0;
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_RULES_SELECTION_FILTER_H_
