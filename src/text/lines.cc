#include "text/lines.h"

#include <cstring>

namespace qaextract::internal {

std::vector<Line> SplitLines(std::string_view text, std::size_t max_lines) {
  std::vector<Line> lines;
  std::size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  int number = 1;
  while (pos < text.size() && lines.size() <= max_lines) {
    // The line ends at the first "\n" or "\r": memchr for each (a vector
    // scan; "\r" is looked for only up to the "\n"), not a byte loop,
    // which showed in the batch profile.
    // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR do not end
    // lines: line numbers are the ones grep -n, sed and editors show (a
    // stray U+2029 pasted from a web page would shift every number after
    // it). They fold to a space inside the line.
    const char* rest = text.data() + pos;
    const auto* newline = static_cast<const char*>(std::memchr(rest, '\n', text.size() - pos));
    const std::size_t until = newline ? static_cast<std::size_t>(newline - rest) : text.size() - pos;
    const auto* cr = static_cast<const char*>(std::memchr(rest, '\r', until));
    const std::size_t brk = pos + (cr ? static_cast<std::size_t>(cr - rest) : until);
    const std::size_t terminator = 1;
    if (brk == text.size()) {
      lines.push_back(Line{number, pos, text.size()});
      break;
    }
    lines.push_back(Line{number++, pos, brk});
    pos = brk + terminator;
    if (text[brk] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;  // CRLF
  }
  return lines;
}

}  // namespace qaextract::internal
