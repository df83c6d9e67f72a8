#include "parse/timestamp.h"

namespace qaextract::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Digits from `i`, at least `min` and at most `max`; the index after them,
// or npos.
std::size_t Digits(std::string_view s, std::size_t i, std::size_t min, std::size_t max) {
  std::size_t j = i;
  while (j < s.size() && IsDigit(s[j]) && j - i < max) ++j;
  return j - i >= min ? j : std::string_view::npos;
}

}  // namespace

std::size_t LeadingTimestamp(std::string_view s) {
  std::size_t i = 0;
  char close = 0;
  if (!s.empty() && (s[0] == '[' || s[0] == '(')) close = s[i++] == '[' ? ']' : ')';
  i = Digits(s, i, 1, 2);
  if (i == std::string_view::npos || i >= s.size() || s[i] != ':') return 0;
  i = Digits(s, i + 1, 2, 2);
  if (i == std::string_view::npos) return 0;
  if (i < s.size() && s[i] == ':') {
    i = Digits(s, i + 1, 2, 2);
    if (i == std::string_view::npos) return 0;
  }
  if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && IsDigit(s[i + 1])) i = Digits(s, i + 1, 1, 3);
  if (close != 0) {
    if (i >= s.size() || s[i] != close) return 0;
    ++i;
  }
  // A time stamp ends the word: "12:05pm" or "1:2345" is something else.
  if (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != ':' && static_cast<unsigned char>(s[i]) < 0x80 &&
      s[i] != ')' && s[i] != ']')
    return 0;
  return i;
}

bool IsTimestamp(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return !s.empty() && LeadingTimestamp(s) == s.size();
}

std::string TimestampValue(std::string_view stamp) {
  std::string out;
  for (char c : stamp)
    if (IsDigit(c) || c == ':' || c == '.' || c == ',') out += c;
  return out;
}

}  // namespace qaextract::internal
