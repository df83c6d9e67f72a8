// The folds of the lines at the start of a document, made once and read
// twice: the rule-set choice reads them joined, as FoldText of the
// document's first bytes, and classification copies each line's fold from
// here instead of folding the line again.
#ifndef QAEXTRACT_SRC_TEXT_PREFIX_FOLDS_H_
#define QAEXTRACT_SRC_TEXT_PREFIX_FOLDS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/fold.h"
#include "text/lines.h"

namespace qaextract::internal {

class PrefixFolds {
 public:
  // Folds each of `lines` (SplitLines(text)) that starts before the end of
  // the first `prefix_bytes` bytes of `text` and ends within them.
  // REQUIRES: `text` outlives this.
  PrefixFolds(std::string_view text, const std::vector<Line>& lines, std::size_t prefix_bytes);

  // FoldText(text.substr(0, prefix_bytes)): the folded lines joined by one
  // space (the line breaks between them fold to white space, and a run of
  // it to one space), then the fold of the part of the line that runs past
  // the prefix.
  const std::string& joined() const { return joined_; }

  // Sets *out to the fold FoldLine makes of `line` (no cuts) and returns
  // true, or returns false when the line was not folded here.
  bool CopyTo(const Line& line, FoldedLine* out) const;

  // The fold of `line` without its map: its view and FoldedLine::held_spaces,
  // or null when the line was not folded here. The view lives as long as this.
  struct View {
    std::string_view view;
    std::uint8_t held_spaces = 0;
  };
  std::optional<View> ViewOf(const Line& line) const;

 private:
  struct Folded {
    std::size_t begin = 0, end = 0;  // the line's span in the text
    std::size_t view = 0, view_size = 0;
    std::size_t piece = 0, piece_count = 0;
    std::uint8_t held_spaces = 0;
  };
  const Folded* Find(const Line& line) const;
  std::vector<Folded> lines_;  // in line order, the first lines of the text
  std::string views_;          // their views, one after another
  std::vector<FoldedLine::Piece> pieces_;
  std::string joined_;
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_TEXT_PREFIX_FOLDS_H_
