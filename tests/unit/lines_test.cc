#include <doctest/doctest.h>

#include <string>

#include "text/lines.h"

namespace qaextract::internal {

TEST_CASE("Lines: LF, CRLF and CR all end lines, spans exclude the break") {
  const std::string text = "a\nbb\r\nccc\rd";
  auto lines = SplitLines(text);
  REQUIRE(lines.size() == 4);
  CHECK(text.substr(lines[0].begin, lines[0].end - lines[0].begin) == "a");
  CHECK(text.substr(lines[1].begin, lines[1].end - lines[1].begin) == "bb");
  CHECK(text.substr(lines[2].begin, lines[2].end - lines[2].begin) == "ccc");
  CHECK(text.substr(lines[3].begin, lines[3].end - lines[3].begin) == "d");
  CHECK(lines[3].number == 4);
}

TEST_CASE("Lines: a final break starts no line, blank lines count") {
  auto lines = SplitLines("a\n\nb\n");
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].begin == lines[1].end);
  CHECK(lines[2].number == 3);
  CHECK(SplitLines("").empty());
}

TEST_CASE("Lines: a UTF-8 BOM is not content") {
  auto lines = SplitLines("\xEF\xBB\xBFQ:\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].begin == 3);
}

}  // namespace qaextract::internal

namespace qaextract::internal {

TEST_CASE("Lines: U+2028 and U+2029 stay inside a line, so numbers are grep's") {
  const std::string text = "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\n\xE2\x80\x94";
  const std::vector<Line> lines = SplitLines(text);
  REQUIRE(lines.size() == 2);
  CHECK(text.substr(lines[0].begin, lines[0].end - lines[0].begin) == "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c");
  CHECK(lines[1].number == 2);
  CHECK(text.substr(lines[1].begin, lines[1].end - lines[1].begin) == "\xE2\x80\x94");
}

}  // namespace qaextract::internal

namespace qaextract::internal {

TEST_CASE("Lines: a CR ends a line before a later LF, a final CR starts no line, NUL is content") {
  const std::string text = std::string("x\ry\nz\0w\r", 8);
  const std::vector<Line> lines = SplitLines(text);
  REQUIRE(lines.size() == 3);
  CHECK(text.substr(lines[0].begin, lines[0].end - lines[0].begin) == "x");
  CHECK(text.substr(lines[1].begin, lines[1].end - lines[1].begin) == "y");
  CHECK(text.substr(lines[2].begin, lines[2].end - lines[2].begin) == std::string("z\0w", 3));
  CHECK(lines[2].number == 3);
}

}  // namespace qaextract::internal
