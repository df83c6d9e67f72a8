// Splitting text into lines with byte spans into the original buffer.
#ifndef QAEXTRACT_SRC_TEXT_LINES_H_
#define QAEXTRACT_SRC_TEXT_LINES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace qaextract::internal {

struct Line {
  int number = 0;          // 1-based
  std::size_t begin = 0;   // first byte of the content
  std::size_t end = 0;     // one past the content (the line break excluded)
};

// Splits `text` at "\n", "\r\n" and "\r" (U+2028 and U+2029 stay inside a
// line, which they fold to a space in). A leading UTF-8 byte-order mark is
// not content. A final line break does not start another line; an empty text
// has no lines. Stops after `max_lines` + 1 lines, so a caller can refuse an
// input with too many lines without first holding them all.
std::vector<Line> SplitLines(std::string_view text,
                             std::size_t max_lines = static_cast<std::size_t>(-1));

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_TEXT_LINES_H_
