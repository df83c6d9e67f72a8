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

// The view of one line and the map back to the original. The view is a
// sequence of pieces: original bytes copied (where the fold leaves the text
// alone, nearly all of it) or folded into as many bytes (a Traditional
// character into its Simplified one), mapped byte for byte; or the fold of
// one code point into another length (or one space standing for a run of
// white space), all of whose view bytes map to that code point's span.
struct FoldedLine {
  struct Piece {
    std::uint32_t view;     // first view byte of the piece
    std::uint32_t src;      // its original offset, relative to `base`
    std::uint32_t src_len;  // original bytes the piece stands for
    bool copy;              // view bytes map byte for byte to the original bytes (copied,
                            // or folded into as many bytes, code point by code point)
    bool operator==(const Piece& o) const {
      return view == o.view && src == o.src && src_len == o.src_len && copy == o.copy;
    }
  };

  std::string view;
  std::size_t base = 0;       // original offset that Piece::src is relative to
  std::vector<Piece> pieces;  // in view order, covering the view

  // White space the view shows as one space, as it was written: bits of
  // the kHeld* values below, for shapes that read a gap as written (a name,
  // then a tab or a wide space). Not set by FoldText.
  enum : std::uint8_t {
    kHeldTab = 1,               // U+0009
    kHeldNoBreakSpace = 2,      // U+00A0
    kHeldIdeographicSpace = 4,  // U+3000
    kHeldThreeSpaces = 8,       // three U+0020 in a row
  };
  std::uint8_t held_spaces = 0;

  // The original span of view bytes [a, b): from the start of the code point
  // that view byte a came from to the end of the one that b-1 came from.
  // REQUIRES: a < b <= view.size(), both on code point boundaries of the view.
  ByteSpan ToOriginal(std::size_t a, std::size_t b) const {
    return ByteSpan{OriginalBegin(a), OriginalEnd(b - 1)};
  }
  // Where the code point that view byte `a` came from starts. REQUIRES: a < view.size().
  std::size_t OriginalBegin(std::size_t a) const {
    const Piece& p = PieceAt(a);
    return base + p.src + (p.copy ? a - p.view : 0);
  }

 private:
  std::size_t OriginalEnd(std::size_t last) const {
    const Piece& p = PieceAt(last);
    return base + p.src + (p.copy ? last + 1 - p.view : p.src_len);
  }
  const Piece& PieceAt(std::size_t a) const;
};

// Folds text[span.begin, span.end) into *out, leaving out the sorted,
// non-overlapping `skip` spans (absolute offsets; inline noise already cut).
void FoldLine(std::string_view text, ByteSpan span, const std::vector<ByteSpan>& skip,
              FoldedLine* out);

// Appends the fold of `text` to *out, as FoldLine would, without the offset
// map (for match: prefixes, keys and sketches, where no offsets are needed).
void FoldText(std::string_view text, std::string* out);

// Appends the code points of FoldKey(text) to *out: the fold without its
// spaces, decoded as it is folded (for the duplicate sketch's bigrams).
void FoldKeyCodePoints(std::string_view text, std::u32string* out);

// Folds a rule pattern's source text. Characters that fold to ASCII regex
// syntax ("（" -> "(") are escaped so they stay literal. White space is kept.
std::string FoldPattern(std::string_view pattern);

// Folds a literal marker into its lookup key: folded, with all white space
// removed ("梁文 锋" and "梁文锋" have one key).
std::string FoldKey(std::string_view literal);

// A folded key in lower case (Unicode simple case mapping, so "HOST",
// "Host" and "ÉMILE" meet "host" and "émile"): the key of a marker matched
// without regard to case. Han, kana and hangul have no case.
std::string LowerCaseKey(std::string_view key);

// True for code points the fold turns into white space or into nothing
// (ASCII spaces and controls, NBSP, U+3000, zero-width characters, BOM):
// the edges of output text are trimmed of them.
bool FoldsToSpaceOrNothing(char32_t cp);

// True when the fold changes `cp` (for a Han ideograph: a Traditional form
// that folds to its Simplified one).
bool FoldChangesCodePoint(char32_t cp);

// The code points whose fold holds one of a few characters (a code point
// that folds to itself holds itself): "：" and "∶" for ":". Answers "can this
// text, once folded, hold one of them?" from the text as written, without
// folding it.
class FoldPreimage {
 public:
  // `needles`: UTF-8, each one code point.
  explicit FoldPreimage(const std::vector<std::string_view>& needles);
  bool Contains(char32_t cp) const;
  // Whether `text` holds a code point whose fold holds a needle (invalid
  // UTF-8 read as the fold reads it: U+FFFD per maximal subpart).
  bool AnyIn(std::string_view text) const { return FirstIn(text) != std::string_view::npos; }
  // The offset of the first such code point, or npos.
  std::size_t FirstIn(std::string_view text) const;

 private:
  std::vector<std::uint64_t> bmp_;  // a bit per code point of the Basic Multilingual Plane
  std::vector<char32_t> above_;     // sorted, above it
};

// Number of code points in a UTF-8 string.
std::size_t CountCodePoints(std::string_view s);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_TEXT_FOLD_H_
