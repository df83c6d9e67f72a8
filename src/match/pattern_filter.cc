#include "match/pattern_filter.h"

#include <unicode/uchar.h>

#include <algorithm>

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
  return filter;
}

void PatternFilter::Possible(std::string_view text, std::vector<int>* possible) const {
  thread_local std::vector<int> found;
  found.clear();
  finder_->FindAll(text, &found);
  if (found.empty()) {
    *possible = always_;
    return;
  }
  tree_.AllPotentials(found, possible);  // sorted, with the patterns that need no literal
}

bool PatternFilter::AnyPossible(std::string_view text) const {
  if (!always_.empty()) return true;
  thread_local std::vector<int> found, possible;
  found.clear();
  finder_->FindAll(text, &found);
  if (found.empty()) return false;
  tree_.AllPotentials(found, &possible);
  return !possible.empty();
}

}  // namespace qaextract::internal
