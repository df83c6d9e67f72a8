#include "batch/dedup.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "text/decode.h"
#include "text/fold.h"

namespace qaextract::internal {
namespace {

constexpr std::size_t kSketchSize = 128;  // bottom-k MinHash of character bigrams
constexpr double kNearDuplicate = 0.12;   // estimated Jaccard of bigrams, same speakers
constexpr double kTurnCountSlack = 0.25;  // near duplicates have similar turn counts

std::uint64_t Mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The first 16 hex digits of a SHA-256 digest, as a number.
std::uint64_t Fingerprint(const std::string& hex_digest) {
  return std::strtoull(hex_digest.substr(0, 16).c_str(), nullptr, 16);
}

template <typename T>
double Jaccard(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<T> merged;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged));
  if (merged.size() > kSketchSize) merged.resize(kSketchSize);
  if (merged.empty()) return 0;
  int both = 0;
  for (T h : merged)
    both += std::binary_search(a.begin(), a.end(), h) && std::binary_search(b.begin(), b.end(), h);
  return static_cast<double>(both) / static_cast<double>(merged.size());
}

std::vector<std::uint32_t> HighBits(const std::vector<std::uint64_t>& sketch) {
  std::vector<std::uint32_t> out;
  out.reserve(sketch.size());
  for (std::uint64_t h : sketch) out.push_back(static_cast<std::uint32_t>(h >> 32));
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Sketched(const ArticleOutcome& o) { return !o.sketch.empty() && o.turns >= 4; }

}  // namespace

// Spun copies of one interview share far more bigrams than different
// interviews.
std::vector<std::uint64_t> Sketch(const Document& doc) {
  std::vector<std::uint64_t> hashes;
  std::string folded;  // one buffer for every turn
  for (const Turn& t : doc.turns) {
    // The bigrams of FoldKey(t.text): the folded text without its spaces.
    folded.clear();
    FoldText(t.text, &folded);
    char32_t previous = 0;
    bool first = true;
    for (std::size_t i = 0; i < folded.size();) {
      if (folded[i] == ' ') {
        ++i;
        continue;
      }
      std::size_t n = 1;
      const char32_t cp = DecodeUtf8At(folded, i, &n);
      if (!first) hashes.push_back(Mix((static_cast<std::uint64_t>(previous) << 32) | cp));
      previous = cp;
      first = false;
      i += n;
    }
  }
  // The k smallest distinct hashes. Select the 2k smallest and sort only
  // those (sorting every bigram hash dominated the batch profile); when
  // repeats leave fewer than k distinct among them, sort everything.
  std::vector<std::uint64_t> smallest = hashes;
  const std::size_t keep = std::min(smallest.size(), 2 * kSketchSize);
  if (keep > 0)
    std::nth_element(smallest.begin(), smallest.begin() + static_cast<std::ptrdiff_t>(keep - 1), smallest.end());
  smallest.resize(keep);
  std::sort(smallest.begin(), smallest.end());
  smallest.erase(std::unique(smallest.begin(), smallest.end()), smallest.end());
  if (smallest.size() < kSketchSize && keep < hashes.size()) {
    std::sort(hashes.begin(), hashes.end());
    hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
    smallest = std::move(hashes);
  }
  if (smallest.size() > kSketchSize) smallest.resize(kSketchSize);
  return smallest;
}

double EstimateJaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  return Jaccard(a, b);
}

std::string_view DuplicateDetector::Id(std::uint32_t article) const {
  const std::size_t begin = article == 0 ? 0 : id_ends_[article - 1];
  return std::string_view(ids_).substr(begin, id_ends_[article] - begin);
}

std::uint32_t DuplicateDetector::AddId(const std::string& id) {
  ids_ += id;
  id_ends_.push_back(static_cast<std::uint32_t>(ids_.size()));
  return static_cast<std::uint32_t>(id_ends_.size() - 1);
}

std::optional<DuplicatePair> DuplicateDetector::Find(const ArticleOutcome& o) const {
  if (auto it = first_by_fingerprint_.find(Fingerprint(o.digest)); it != first_by_fingerprint_.end())
    return DuplicatePair{o.id, std::string(Id(it->second)), "exact", 1};
  if (!Sketched(o)) return std::nullopt;
  auto bucket = kept_by_speakers_.find(o.speakers_key);
  if (bucket == kept_by_speakers_.end()) return std::nullopt;
  const std::vector<std::uint32_t> sketch = HighBits(o.sketch);
  for (const Kept& k : bucket->second) {
    const double slack = kTurnCountSlack * std::max(k.turns, o.turns);
    if (std::abs(k.turns - o.turns) > slack) continue;
    const double j = Jaccard(k.sketch, sketch);
    if (j >= kNearDuplicate) return DuplicatePair{o.id, std::string(Id(k.article)), "near", j};
  }
  return std::nullopt;
}

void DuplicateDetector::Remember(const ArticleOutcome& o) {
  if (o.status == "error") return;
  const std::uint64_t fingerprint = Fingerprint(o.digest);
  const bool sketch = !o.duplicate && Sketched(o);  // a duplicate's original is kept already
  if (first_by_fingerprint_.count(fingerprint) > 0 && !sketch) return;
  const std::uint32_t article = AddId(o.id);
  first_by_fingerprint_.emplace(fingerprint, article);
  if (!sketch) return;
  auto [bucket, added] = kept_by_speakers_.try_emplace(o.speakers_key);
  bucket->second.push_back(Kept{article, o.turns, HighBits(o.sketch)});
  kept_order_.push_back(&bucket->first);
  if (kept_order_.size() > kSketchWindow) {  // forget the oldest sketch
    auto oldest = kept_by_speakers_.find(*kept_order_.front());
    kept_order_.pop_front();
    oldest->second.pop_front();
    if (oldest->second.empty()) kept_by_speakers_.erase(oldest);
  }
}

}  // namespace qaextract::internal
