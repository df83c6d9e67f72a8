#include "qaextract/spelling.h"

#include <algorithm>

namespace qaextract {

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string ClosestWord(std::string_view word, const std::vector<std::string>& candidates,
                        std::size_t max_distance) {
  std::string best;
  std::size_t best_distance = max_distance;
  for (const std::string& c : candidates) {
    const std::size_t d = EditDistance(word, c);
    if (d < best_distance && d * 2 <= std::max(word.size(), c.size())) best_distance = d, best = c;
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string best = ClosestWord(word, candidates);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

}  // namespace qaextract
