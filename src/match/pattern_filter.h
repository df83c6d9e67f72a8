// PatternFilter: which of a list of RE2 patterns can match a text, without
// running them. RE2's FilteredRE2 reduces each pattern to the literals
// ("atoms") a match must contain, as a tree of AND and OR ("未[*_]*经..."
// needs "未" and "经"); a LiteralSet
// finds the atoms a text holds in one pass, and the tree says which
// patterns those leave possible. A pattern with no such literal is always
// possible. The answer may include patterns that do not match, never leaves
// out one that does: the classifier runs only those it names.
#ifndef QAEXTRACT_SRC_MATCH_PATTERN_FILTER_H_
#define QAEXTRACT_SRC_MATCH_PATTERN_FILTER_H_

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "match/literals.h"

namespace qaextract::internal {

class PatternFilter {
 public:
  // Null when the filter could not rule any pattern out: every pattern is
  // possible on every text (none needs a literal), or an atom has a letter
  // with case beyond ASCII (the text's ASCII lowering would miss it under
  // "(?i)"), or a pattern does not compile with `options`.
  static std::shared_ptr<const PatternFilter> Build(const std::vector<std::string>& patterns,
                                                    const RE2::Options& options);

  // Sets *possible to the indices (in the list given to Build) of the
  // patterns that may match `text`, in increasing order: every pattern
  // that matches is among them. Thread-safe.
  void Possible(std::string_view text, std::vector<int>* possible) const;

  // Whether any pattern may match `text` (Possible is not empty).
  bool AnyPossible(std::string_view text) const;

  // The literals, in lower case (for tests).
  const std::vector<std::string>& atoms() const { return atoms_; }

 private:
  PatternFilter() = default;
  // The indices of the atoms `text` holds (a per-thread buffer, valid until
  // the next call).
  const std::vector<int>& AtomsIn(std::string_view text) const;
  // The answer for the atoms a text holds (their indices): from a small
  // per-thread cache, since the same few atoms come up line after line and
  // RE2's tree allocates on every question.
  const std::vector<int>& PossibleFor(const std::vector<int>& found) const;

  // Atoms of three bytes and up (one CJK character, "gih"): shorter ones
  // ("(", "a") are in most lines, and finding every one of them (with the
  // literal matcher, or with memchr for the one-byte ones and the matcher
  // for the rest) costs more than the DFA scan they would spare.
  re2::FilteredRE2 tree_{3};
  std::vector<std::string> atoms_;
  std::shared_ptr<const LiteralSet> finder_;
  std::vector<int> always_;  // patterns that need no literal
  std::uint64_t id_ = 0;     // never reused: names this filter in the per-thread cache
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_MATCH_PATTERN_FILTER_H_
