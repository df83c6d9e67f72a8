// The match view: text folded for matching, with a map back to the original.
//
// Every code point c becomes T2S(NFKC(c)) (a table generated at build time
// from ICU, tools/gen_fold_table.cc): full-width forms become ASCII, "：" is
// ":", "（" is "(", Traditional characters become Simplified. White space runs
// become one " ", zero-width characters vanish, and the view is trimmed.
// Patterns and markers from rule files go through the same fold, so either
// script matches the other. Output never shows the view: matches are mapped
// back to original byte spans through src_begin/src_end.
#ifndef QAEXTRACT_SRC_TEXT_FOLD_H_
#define QAEXTRACT_SRC_TEXT_FOLD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qaextract::internal {

// A byte range [begin, end) in some buffer.
struct ByteSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct FoldedLine {
  std::string view;
  std::size_t base = 0;                // original offset that src_* are relative to
  std::vector<std::uint32_t> src_begin;  // per view byte: start of its source code point
  std::vector<std::uint32_t> src_end;    // per view byte: end of its source code point

  // The original span of view bytes [a, b). REQUIRES: a < b <= view.size().
  ByteSpan ToOriginal(std::size_t a, std::size_t b) const {
    return ByteSpan{base + src_begin[a], base + src_end[b - 1]};
  }
};

// Folds text[span.begin, span.end) into *out, leaving out the sorted,
// non-overlapping `skip` spans (absolute offsets; inline noise already cut).
void FoldLine(std::string_view text, ByteSpan span, const std::vector<ByteSpan>& skip,
              FoldedLine* out);

// Appends the fold of `text` to *out, as FoldLine would, without the offset
// map (for match: prefixes, keys and sketches, where no offsets are needed).
void FoldText(std::string_view text, std::string* out);

// Folds a rule pattern's source text. Characters that fold to ASCII regex
// syntax ("（" -> "(") are escaped so they stay literal. White space is kept.
std::string FoldPattern(std::string_view pattern);

// Folds a literal marker into its lookup key: folded, with all white space
// removed ("梁文 锋" and "梁文锋" have one key).
std::string FoldKey(std::string_view literal);

// Number of code points in a UTF-8 string.
std::size_t CountCodePoints(std::string_view s);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_TEXT_FOLD_H_
