// LiteralSet: which of a list of literal strings a text holds. The
// classifier's prefilter (match/pattern_filter.h) asks this of
// every line, for the literals ("atoms") the unanchored rule patterns need,
// so it is on the hot path.
//
// Hyperscan's literal matcher (SIMD; Debian's libhyperscan-dev, x86-64
// only) where the build has it, each literal reported once; else
// one memmem per literal. On the interview bench corpus the memmem loop took
// a tenth of a batch run (docs/performance.md). Hyperscan's database is
// compiled once the set has looked at 32 KB of text (in a batch run, once
// per set; not for a `convert` of a short article, whose lines take less
// than the compile); until then, and if it fails to compile, memmem it is.
#ifndef QAEXTRACT_SRC_MATCH_LITERALS_H_
#define QAEXTRACT_SRC_MATCH_LITERALS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qaextract::internal {

class LiteralSet {
 public:
  // How the literals are matched: byte for byte, or with ASCII letters in
  // either case (then the literals are given in lower case; other bytes
  // still match byte for byte).
  enum class Case { kExact, kAsciiInsensitive };

  // Null when there are no literals or one is empty.
  static std::shared_ptr<const LiteralSet> Build(const std::vector<std::string>& literals,
                                                 Case letter_case = Case::kExact);
  ~LiteralSet();
  LiteralSet(const LiteralSet&) = delete;
  LiteralSet& operator=(const LiteralSet&) = delete;

  // Appends to *found the index (in the list given to Build) of every
  // literal `text` holds, each once, in no particular order. Thread-safe.
  void FindAll(std::string_view text, std::vector<int>* found) const;

  // "hyperscan" or "memmem": which matcher this build uses for long runs.
  static const char* Engine();

 private:
  LiteralSet() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_MATCH_LITERALS_H_
