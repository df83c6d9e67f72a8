// Duplicate detection over the articles of a batch run, in input order.
//
// Exact duplicates have the same text digest (TextDigest). Near duplicates
// (spun copies, two versions of one interview) have the same speakers, turn
// counts within 25% and an estimated Jaccard similarity of the character
// bigrams of their turn text of at least 0.12, estimated from bottom-k
// MinHash sketches.
//
// Memory does not grow with the articles' text: per distinct article the
// detector keeps a 64-bit text fingerprint and the article's id (about 40
// bytes), and it keeps the sketches (512 bytes each, and an index entry per
// hash) of only the most recent kSketchWindow distinct articles with two or
// more speakers, so a near duplicate is found when its original is among
// those.
//
// Time does not grow with the window: an inverted index from sketch hashes
// to the kept articles that have them finds the few articles sharing enough
// hashes to reach the threshold (a similarity of 0.12 needs 0.12 of the
// larger sketch in common), and only those are compared. Comparing every
// kept article with the same speakers made a corpus of distinct "问/答"
// interviews quadratic (5,000 such articles: 67 s, now 2.1 s).
#ifndef QAEXTRACT_SRC_BATCH_DEDUP_H_
#define QAEXTRACT_SRC_BATCH_DEDUP_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "qaextract/batch.h"
#include "qaextract/document.h"

namespace qaextract::internal {

// Bottom-k sketch (k = 128, sorted, distinct) of the character bigrams of the
// folded turn texts.
std::vector<std::uint64_t> Sketch(const Document& doc);

// The text digest exact duplicates are told by: XXH3's 64 bits of the input
// as read, in 16 hex digits. Not the SHA-256 every written document carries:
// most articles of a crawl are never written, and XXH3 reads them at memory
// speed where SHA-256 took 4% of such a run.
std::string TextDigest(std::string_view bytes);

// Estimated Jaccard similarity of the sets two sketches were taken from.
double EstimateJaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// Which kept articles have each sketch hash, in memory fixed by the number
// of postings: an open-addressing table (linear probing) from a hash to the
// first and last of its postings, which are linked in one pool, oldest
// first. (A map of lists cost ~400 bytes a hash.)
class PostingIndex {
 public:
  void Add(std::uint32_t hash, std::uint32_t article);
  // Drops the oldest posting of `hash`. REQUIRES: it has one.
  void DropOldest(std::uint32_t hash);
  // Calls fn(article) for each posting of `hash`, oldest first.
  template <typename Fn>
  void ForEach(std::uint32_t hash, Fn&& fn) const {
    if (slots_.empty()) return;
    const Slot& slot = slots_[Probe(hash)];
    if (slot.head == kNone) return;
    for (std::uint32_t p = slot.head; p != kNone; p = pool_[p].next) fn(pool_[p].article);
  }

 private:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t head = kNone;  // kNone: an empty slot
    std::uint32_t tail = kNone;
  };
  struct Posting {
    std::uint32_t article;
    std::uint32_t next;
  };
  // The slot holding `hash`, or the empty slot where it would go.
  std::size_t Probe(std::uint32_t hash) const;
  void Grow();
  void EraseSlot(std::size_t i);  // backward-shift deletion keeps probing correct

  std::vector<Slot> slots_;  // a power of two in size, at most half used
  std::size_t used_ = 0;
  std::vector<Posting> pool_;
  std::uint32_t free_ = kNone;  // unused postings, linked through `next`
};

class DuplicateDetector {
 public:
  // Near-duplicate originals are looked for among this many most recent
  // distinct articles with a sketch (about 1 MiB of sketches and 8 MiB of
  // index when full).
  static constexpr std::size_t kSketchWindow = 2048;

  // The earlier article `o` duplicates, if any. No side effects.
  std::optional<DuplicatePair> Find(const ArticleOutcome& o) const;
  // Keeps what later articles need of `o` (nothing of errors).
  void Remember(const ArticleOutcome& o);

 private:
  // A sketch kept for comparison: its article, speakers, turn count, and the
  // high 32 bits of each hash (still sorted, and plenty to tell bigrams
  // apart).
  struct Kept {
    std::uint32_t article;
    std::string speakers_key;
    int turns;
    std::vector<std::uint32_t> sketch;
  };
  // Ids of remembered articles, by article number, in one buffer.
  std::string_view Id(std::uint32_t article) const;
  std::uint32_t AddId(const std::string& id);
  // Forgets the oldest kept sketch.
  void ForgetOldest();

  std::unordered_map<std::uint64_t, std::uint32_t> first_by_fingerprint_;  // text -> article
  std::string ids_;
  std::vector<std::uint32_t> id_ends_;
  std::deque<Kept> kept_;  // oldest first; deque elements stay put
  std::unordered_map<std::uint32_t, const Kept*> kept_by_article_;
  PostingIndex articles_with_;  // sketch hash -> kept articles
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_BATCH_DEDUP_H_
