#include "text/prefix_folds.h"

#include <algorithm>

namespace qaextract::internal {

PrefixFolds::PrefixFolds(std::string_view text, const std::vector<Line>& lines, std::size_t prefix_bytes) {
  const auto join = [&](std::string_view view) {
    if (view.empty()) return;
    if (!joined_.empty()) joined_ += ' ';
    joined_ += view;
  };
  // Before the first line, only a byte-order mark: nothing once folded,
  // unless the prefix ends inside it.
  const std::size_t first = lines.empty() ? text.size() : lines.front().begin;
  if (prefix_bytes < first) {
    FoldText(text.substr(0, prefix_bytes), &joined_);
    return;
  }
  // A fold is about as long as what it folds: room for the prefix at once.
  const std::size_t reach = std::min(prefix_bytes, text.size()) + 16;
  joined_.reserve(reach);
  views_.reserve(reach);
  FoldedLine folded;
  for (const Line& line : lines) {
    if (line.begin >= prefix_bytes) break;
    if (line.end > prefix_bytes) {  // the prefix ends inside this line
      std::string part;
      FoldText(text.substr(line.begin, prefix_bytes - line.begin), &part);
      join(part);
      break;
    }
    FoldLine(text, ByteSpan{line.begin, line.end}, {}, &folded);
    lines_.push_back(Folded{line.begin, line.end, views_.size(), folded.view.size(), pieces_.size(),
                            folded.pieces.size(), folded.held_spaces});
    views_ += folded.view;
    pieces_.insert(pieces_.end(), folded.pieces.begin(), folded.pieces.end());
    join(folded.view);
  }
}

const PrefixFolds::Folded* PrefixFolds::Find(const Line& line) const {
  // The lines of SplitLines are numbered from 1 in order, and the folded
  // ones are its first: line n is lines_[n - 1] (checked, since a caller
  // may ask about a line of its own).
  const std::size_t at = static_cast<std::size_t>(line.number) - 1;
  if (line.number >= 1 && at < lines_.size() && lines_[at].begin == line.begin && lines_[at].end == line.end)
    return &lines_[at];
  const auto it = std::lower_bound(lines_.begin(), lines_.end(), line.begin,
                                   [](const Folded& f, std::size_t begin) { return f.begin < begin; });
  if (it == lines_.end() || it->begin != line.begin || it->end != line.end) return nullptr;
  return &*it;
}

bool PrefixFolds::CopyTo(const Line& line, FoldedLine* out) const {
  const Folded* f = Find(line);
  if (f == nullptr) return false;
  out->base = line.begin;
  out->view.assign(views_, f->view, f->view_size);
  out->pieces.assign(pieces_.begin() + static_cast<std::ptrdiff_t>(f->piece),
                     pieces_.begin() + static_cast<std::ptrdiff_t>(f->piece + f->piece_count));
  out->held_spaces = f->held_spaces;
  return true;
}

std::optional<PrefixFolds::View> PrefixFolds::ViewOf(const Line& line) const {
  const Folded* f = Find(line);
  if (f == nullptr) return std::nullopt;
  return View{std::string_view(views_).substr(f->view, f->view_size), f->held_spaces};
}

}  // namespace qaextract::internal
