#include "batch/dedup.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>

// XXH3 compiled in from the header (xxHash's documented inline mode): no
// library to load at start-up.
#define XXH_INLINE_ALL
#include <xxhash.h>

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

// hashes[k] = Mix of the bigram (cps[k], cps[k + 1]), for k < count: a loop
// of its own, which the compiler runs on vector registers, eight bigrams
// at a time where the CPU has AVX-512's 64-bit multiplies (x86-64-v4). The
// sketch hashes every bigram of every turn; with its fold, it was a tenth
// of a batch run on interviews.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("default", "arch=x86-64-v4")))
#endif
void HashBigrams(const char32_t* cps, std::size_t count, std::uint64_t* hashes) {
  for (std::size_t k = 0; k < count; ++k) hashes[k] = Mix((static_cast<std::uint64_t>(cps[k]) << 32) | cps[k + 1]);
}

// The first 16 hex digits of a TextDigest, as a number.
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

// The kSketchSize smallest distinct hashes at most `limit` of every bigram
// of the turns (FoldKey of each turn's text: the folded text without its
// spaces), sorted; fewer when fewer are at most `limit`.
std::vector<std::uint64_t> SmallestUpTo(const Document& doc, std::uint64_t limit) {
  constexpr std::size_t kHashBlock = 256;
  constexpr std::size_t kCompactAt = 8 * kSketchSize;
  std::vector<std::uint64_t> found;
  found.reserve(kCompactAt + kHashBlock);
  // Sorted and cut to the smallest kSketchSize when it grows past this, so
  // memory stays small whatever the text; then only a hash below the
  // largest kept can get in.
  const auto compact = [&] {
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    if (found.size() >= kSketchSize) {
      found.resize(kSketchSize);
      limit = found.back() - 1;  // kSketchSize distinct hashes: the largest is above 0
    }
  };
  std::u32string folded;  // one buffer for every turn
  std::array<std::uint64_t, kHashBlock> hashes;
  for (const Turn& t : doc.turns) {
    folded.clear();
    FoldKeyCodePoints(t.text, &folded);
    for (std::size_t first = 0; first + 1 < folded.size(); first += kHashBlock) {
      const std::size_t count = std::min(kHashBlock, folded.size() - 1 - first);
      HashBigrams(folded.data() + first, count, hashes.data());
      for (std::size_t k = 0; k < count; ++k)
        if (hashes[k] <= limit) found.push_back(hashes[k]);
      if (found.size() >= kCompactAt) compact();
    }
  }
  compact();
  return found;
}

}  // namespace

// Spun copies of one interview share far more bigrams than different
// interviews.
std::vector<std::uint64_t> Sketch(const Document& doc) {
  // The kSketchSize smallest of D distinct uniform hashes lie below about
  // kSketchSize / D of their range. Only the hashes below that bound are
  // gathered and sorted: a comparison a bigram and a sort of a few
  // hundred, where a sorted sketch kept as the hashes came cost a search
  // and an insertion for each of the hundreds that got in while it filled
  // (a tenth of a batch run on interviews). D is guessed low from the
  // text's length, as if a code point took four bytes and half the bigrams
  // were repeats; where the guess leaves fewer than kSketchSize distinct
  // hashes below the bound (a text of few bigrams, repeated), the bound is
  // raised and the turns read again. The sketch is the same either way.
  std::size_t bytes = 0;
  for (const Turn& t : doc.turns) bytes += t.text.size();
  constexpr double kRange = 18446744073709551616.0;  // 2^64
  double share = 8.0 * kSketchSize / static_cast<double>(bytes + 1);
  for (;;) {
    const bool all = share >= 1;
    std::vector<std::uint64_t> sketch =
        SmallestUpTo(doc, all ? ~std::uint64_t{0} : static_cast<std::uint64_t>(share * kRange));
    if (all || sketch.size() >= kSketchSize) return sketch;
    share *= 8;
  }
}

std::string TextDigest(std::string_view bytes) {
  std::uint64_t h = XXH3_64bits(bytes.data(), bytes.size());
  std::string out(16, '0');
  for (int d = 15; d >= 0; --d, h >>= 4) out[static_cast<std::size_t>(d)] = "0123456789abcdef"[h & 15];
  return out;
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

std::size_t PostingIndex::Probe(std::uint32_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;  // the hashes are uniform already
  while (slots_[i].head != kNone && slots_[i].hash != hash) i = (i + 1) & mask;
  return i;
}

void PostingIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
  for (const Slot& slot : old)
    if (slot.head != kNone) slots_[Probe(slot.hash)] = slot;
}

void PostingIndex::Add(std::uint32_t hash, std::uint32_t article) {
  if ((used_ + 1) * 2 > slots_.size()) Grow();
  std::uint32_t p;
  if (free_ != kNone) {
    p = free_;
    free_ = pool_[p].next;
    pool_[p] = Posting{article, kNone};
  } else {
    p = static_cast<std::uint32_t>(pool_.size());
    pool_.push_back(Posting{article, kNone});
  }
  Slot& slot = slots_[Probe(hash)];
  if (slot.head == kNone) {
    slot = Slot{hash, p, p};
    ++used_;
  } else {
    pool_[slot.tail].next = p;
    slot.tail = p;
  }
}

void PostingIndex::DropOldest(std::uint32_t hash) {
  const std::size_t i = Probe(hash);
  Slot& slot = slots_[i];
  const std::uint32_t p = slot.head;
  slot.head = pool_[p].next;
  pool_[p].next = free_;
  free_ = p;
  if (slot.head == kNone) EraseSlot(i);
}

void PostingIndex::EraseSlot(std::size_t i) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t j = i;
  for (;;) {
    j = (j + 1) & mask;
    if (slots_[j].head == kNone) break;
    const std::size_t home = slots_[j].hash & mask;
    // Slot j may move back to the hole at i unless its home lies
    // cyclically in (i, j].
    const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (!stays) {
      slots_[i] = slots_[j];
      i = j;
    }
  }
  slots_[i] = Slot{};
  --used_;
}

std::optional<DuplicatePair> DuplicateDetector::Find(const ArticleOutcome& o) const {
  if (auto it = first_by_fingerprint_.find(Fingerprint(o.digest)); it != first_by_fingerprint_.end())
    return DuplicatePair{o.id, std::string(Id(it->second)), "exact", 1};
  if (!Sketched(o)) return std::nullopt;
  const std::vector<std::uint32_t> sketch = HighBits(o.sketch);
  // Hashes in common with each kept article.
  std::unordered_map<std::uint32_t, int> shared;
  for (std::uint32_t h : sketch) articles_with_.ForEach(h, [&](std::uint32_t article) { ++shared[article]; });
  // Jaccard() counts, among the union's first k hashes (at least as many as
  // the larger sketch has), those in both: a similarity of kNearDuplicate
  // needs at least that share of the larger sketch in common, and the
  // others cannot reach it. The rest are compared oldest first, as a scan
  // of every kept sketch would.
  std::vector<std::uint32_t> candidates;
  for (const auto& [article, n] : shared) {
    const Kept& k = *kept_by_article_.at(article);
    const double larger = static_cast<double>(std::max(k.sketch.size(), sketch.size()));
    if (n + 1e-9 >= kNearDuplicate * larger && k.speakers_key == o.speakers_key) candidates.push_back(article);
  }
  std::sort(candidates.begin(), candidates.end());
  for (std::uint32_t article : candidates) {
    const Kept& k = *kept_by_article_.at(article);
    const double slack = kTurnCountSlack * std::max(k.turns, o.turns);
    if (std::abs(k.turns - o.turns) > slack) continue;
    const double j = Jaccard(k.sketch, sketch);
    if (j >= kNearDuplicate) return DuplicatePair{o.id, std::string(Id(k.article)), "near", j};
  }
  return std::nullopt;
}

void DuplicateDetector::Remember(const ArticleOutcome& o) {
  if (o.status == ArticleStatus::kError) return;
  const std::uint64_t fingerprint = Fingerprint(o.digest);
  const bool sketch = !o.duplicate && Sketched(o);  // a duplicate's original is kept already
  if (first_by_fingerprint_.count(fingerprint) > 0 && !sketch) return;
  const std::uint32_t article = AddId(o.id);
  first_by_fingerprint_.emplace(fingerprint, article);
  if (!sketch) return;
  kept_.push_back(Kept{article, o.speakers_key, o.turns, HighBits(o.sketch)});
  kept_by_article_[article] = &kept_.back();
  for (std::uint32_t h : kept_.back().sketch) articles_with_.Add(h, article);
  if (kept_.size() > kSketchWindow) ForgetOldest();
}

void DuplicateDetector::ForgetOldest() {
  const Kept& oldest = kept_.front();
  // Articles enter every posting list in order, so the oldest is first in each.
  for (std::uint32_t h : oldest.sketch) articles_with_.DropOldest(h);
  kept_by_article_.erase(oldest.article);
  kept_.pop_front();
}

}  // namespace qaextract::internal
