// "Did you mean": the closest of a list of accepted words to a misspelt one.
#ifndef QAEXTRACT_INCLUDE_SPELLING_H_
#define QAEXTRACT_INCLUDE_SPELLING_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qaextract {

// Levenshtein distance, in bytes.
std::size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` (fewer than `max_distance` edits, and
// at most half of the longer word, so short words are not "corrected" into
// unrelated ones); "" when none is that close.
std::string ClosestWord(std::string_view word, const std::vector<std::string>& candidates,
                        std::size_t max_distance = 3);

// "; did you mean 'X'?" or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_SPELLING_H_
