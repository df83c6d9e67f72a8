#include "match/pattern_filter.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <atomic>

#include "text/decode.h"

namespace qaextract::internal {
namespace {

// Whether a lower-case atom can be looked for in a text with only its
// ASCII letters lowered: its other characters have no case (CJK,
// punctuation). The texts the classifier asks about are NFKC-folded, which
// turns the only non-ASCII letters that case-fold to ASCII ones (U+212A
// KELVIN SIGN, U+017F LONG S) into ASCII.
bool CaselessBeyondAscii(std::string_view atom) {
  for (std::size_t i = 0; i < atom.size();) {
    std::size_t length = 1;
    const char32_t cp = DecodeUtf8At(atom, i, &length);
    if (cp >= 0x80 && u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_CHANGES_WHEN_CASEMAPPED))
      return false;
    i += length;
  }
  return true;
}

std::atomic<std::uint64_t> next_id{1};

// Answers PatternFilter::PossibleFor has worked out, per thread: a slot per
// (filter, atoms held) pair, by hash, the last answer in each.
struct CachedAnswer {
  std::uint64_t filter = 0;  // PatternFilter::id_; 0: empty
  std::vector<int> atoms;    // sorted
  std::vector<int> possible;
};
constexpr std::size_t kCacheSlots = 256;
thread_local std::array<CachedAnswer, kCacheSlots> tls_answers;

}  // namespace

std::shared_ptr<const PatternFilter> PatternFilter::Build(const std::vector<std::string>& patterns,
                                                          const RE2::Options& options) {
  if (patterns.empty()) return nullptr;
  std::shared_ptr<PatternFilter> filter(new PatternFilter);
  for (const std::string& pattern : patterns) {
    int id = 0;
    if (filter->tree_.Add(pattern, options, &id) != RE2::NoError) return nullptr;
  }
  filter->tree_.Compile(&filter->atoms_);
  filter->tree_.AllPotentials({}, &filter->always_);
  if (filter->always_.size() == patterns.size() || filter->atoms_.empty()) return nullptr;
  if (!std::all_of(filter->atoms_.begin(), filter->atoms_.end(),
                   [](const std::string& a) { return !a.empty() && CaselessBeyondAscii(a); }))
    return nullptr;
  // RE2's atoms are in lower case: a text holds one whatever the case of
  // its ASCII letters.
  filter->finder_ = LiteralSet::Build(filter->atoms_, LiteralSet::Case::kAsciiInsensitive);
  if (filter->finder_ == nullptr) return nullptr;
  filter->id_ = next_id.fetch_add(1);
  return filter;
}

const std::vector<int>& PatternFilter::PossibleFor(const std::vector<int>& found) const {
  thread_local std::vector<int> atoms;
  atoms.assign(found.begin(), found.end());
  std::sort(atoms.begin(), atoms.end());
  std::uint64_t h = id_ * 0xFF51AFD7ED558CCDull;
  for (int i : atoms) h = (h ^ static_cast<std::uint64_t>(i)) * 0x9E3779B97F4A7C15ull;
  static_assert(kCacheSlots == 256, "the slot is the hash's top eight bits");
  CachedAnswer& slot = tls_answers[h >> 56];
  if (slot.filter != id_ || slot.atoms != atoms) {
    tree_.AllPotentials(atoms, &slot.possible);  // sorted, with the patterns that need no literal
    slot.filter = id_;
    slot.atoms = atoms;
  }
  return slot.possible;
}

const std::vector<int>& PatternFilter::AtomsIn(std::string_view text) const {
  thread_local std::vector<int> found;
  found.clear();
  finder_->FindAll(text, &found);
  return found;
}

void PatternFilter::Possible(std::string_view text, std::vector<int>* possible) const {
  const std::vector<int>& found = AtomsIn(text);
  *possible = found.empty() ? always_ : PossibleFor(found);
}

bool PatternFilter::AnyPossible(std::string_view text) const {
  if (!always_.empty()) return true;
  const std::vector<int>& found = AtomsIn(text);
  return !found.empty() && !PossibleFor(found).empty();
}

}  // namespace qaextract::internal
