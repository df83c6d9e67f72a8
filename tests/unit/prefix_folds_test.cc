#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "text/fold.h"
#include "text/lines.h"
#include "text/prefix_folds.h"

namespace qaextract::internal {

TEST_CASE("PrefixFolds: joined is FoldText of the prefix, and each folded line is FoldLine's") {
  // Documents of every kind of line break, white space, zero-width and
  // invalid bytes, a byte-order mark, and characters cut by the prefix's
  // end, with the prefix ending anywhere.
  const std::vector<std::string> parts = {
      "a", "国", "國", "：", " ", "\t", "\u00a0", "\u3000", "\u200b", "\n", "\r\n", "\r", "\u2028", "\u2029",
      "\n\n", "\xff", "\xe4\xb8", "\ufffd", "\U0001F600", "\u3231", "ﬁ", "\x01", "Ａ"};
  std::uint32_t state = 43;
  const auto next = [&state] { return (state = state * 1103515245 + 12345) >> 16; };
  for (int round = 0; round < 5000; ++round) {
    std::string text = next() % 8 == 0 ? "\xef\xbb\xbf" : "";
    const int n = static_cast<int>(next() % 30);
    for (int k = 0; k < n; ++k) text += parts[next() % parts.size()];
    const std::size_t prefix = next() % (text.size() + 2);
    CAPTURE(text);
    CAPTURE(prefix);
    const std::vector<Line> lines = SplitLines(text);
    const PrefixFolds folds(text, lines, prefix);
    std::string expected;
    FoldText(std::string_view(text).substr(0, prefix), &expected);
    CHECK(folds.joined() == expected);
    for (const Line& line : lines) {
      FoldedLine copied, folded;
      if (!folds.CopyTo(line, &copied)) {
        CHECK((line.end > prefix || line.begin >= prefix));  // only lines the prefix does not hold
        continue;
      }
      CHECK(line.end <= prefix);
      FoldLine(text, ByteSpan{line.begin, line.end}, {}, &folded);
      CHECK(copied.view == folded.view);
      CHECK(copied.base == folded.base);
      CHECK(copied.pieces == folded.pieces);
      CHECK(copied.held_spaces == folded.held_spaces);
      const auto view = folds.ViewOf(line);
      REQUIRE(view.has_value());
      CHECK(view->view == folded.view);
      CHECK(view->held_spaces == folded.held_spaces);
    }
  }
}

}  // namespace qaextract::internal
