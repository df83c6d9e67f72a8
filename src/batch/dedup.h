// Duplicate detection over the articles of a batch run, in input order.
//
// Exact duplicates have the same text digest. Near duplicates (spun copies,
// two versions of one interview) have the same speakers, turn counts within
// 25% and an estimated Jaccard similarity of the character bigrams of their
// turn text of at least 0.12, estimated from bottom-k MinHash sketches.
//
// Memory does not grow with the articles' text: per distinct article the
// detector keeps a 64-bit text fingerprint and the article's id (about 40
// bytes), and it keeps the sketches (512 bytes each) of only the most recent
// kSketchWindow distinct articles with two or more speakers, so a near
// duplicate is found when its original is among those.
#ifndef QAEXTRACT_SRC_BATCH_DEDUP_H_
#define QAEXTRACT_SRC_BATCH_DEDUP_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "qaextract/batch.h"
#include "qaextract/document.h"

namespace qaextract::internal {

// Bottom-k sketch (k = 128, sorted, distinct) of the character bigrams of the
// folded turn texts.
std::vector<std::uint64_t> Sketch(const Document& doc);

// Estimated Jaccard similarity of the sets two sketches were taken from.
double EstimateJaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

class DuplicateDetector {
 public:
  // Near-duplicate originals are looked for among this many most recent
  // distinct articles with a sketch (2 MiB of sketches).
  static constexpr std::size_t kSketchWindow = 4096;

  // The earlier article `o` duplicates, if any. No side effects.
  std::optional<DuplicatePair> Find(const ArticleOutcome& o) const;
  // Keeps what later articles need of `o` (nothing of errors).
  void Remember(const ArticleOutcome& o);

 private:
  // A sketch kept for comparison: its article, turn count, and the high 32
  // bits of each hash (still sorted, and plenty to tell bigrams apart).
  struct Kept {
    std::uint32_t article;
    int turns;
    std::vector<std::uint32_t> sketch;
  };
  // Ids of remembered articles, by article number, in one buffer.
  std::string_view Id(std::uint32_t article) const;
  std::uint32_t AddId(const std::string& id);
  double Similarity(const Kept& kept, const std::vector<std::uint32_t>& sketch) const;

  std::unordered_map<std::uint64_t, std::uint32_t> first_by_fingerprint_;  // text -> article
  std::string ids_;
  std::vector<std::uint32_t> id_ends_;
  std::unordered_map<std::string, std::deque<Kept>> kept_by_speakers_;
  std::deque<const std::string*> kept_order_;  // the bucket of each kept sketch, oldest first
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_BATCH_DEDUP_H_
