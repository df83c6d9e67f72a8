#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "match/pattern.h"
#include "match/pattern_filter.h"
#include "testing/test_util.h"

namespace qaextract::internal {
namespace {

// Patterns of the shapes rule files use: literals in sequence (AND),
// alternatives (OR), optional parts, case-insensitive ones, and one that
// needs no literal at all.
const std::vector<std::string> kPatterns = {
    "未[*_]*经[*_]*(?:授[*_]*权|允[*_]*许|许[*_]*可)",
    "(?:发布日期|发布时间|日期):\\s*\\d{4}",
    "(?i)powered by \\w+",
    "迪士尼彩乐园(?:官网| ?III)?",
    "qzd即热新闻.{0,30}?gihot\\.com",
    "[a-z]{8}",
};

// Pieces that make up the texts: each pattern's literals, alone and in
// other cases, near misses, and filler.
const std::vector<std::string> kPieces = {
    "未", "经", "授权", "允许", "许可", "*", "_", "发布日期", "日期", ":", " ", "2024", "POWERED BY", "powered",
    " by ", "Tencent", "迪士尼", "彩乐园", "官网", "III", "qzd", "即热新闻", "gihot", ".com", "GIHOT.COM",
    "abcdefgh", "ab", "正文", "。", "\xE6\x9C", "(",
};

}  // namespace

TEST_CASE("PatternFilter: every pattern that matches is possible, on texts of its own literals") {
  const auto filter = PatternFilter::Build(kPatterns, PatternOptions(8 << 20));
  REQUIRE(static_cast<bool>(filter));
  std::vector<std::unique_ptr<RE2>> res;
  for (const std::string& p : kPatterns) res.push_back(std::make_unique<RE2>(p, PatternOptions(8 << 20)));
  testing::PieceTexts texts(kPieces, 11);
  std::vector<int> possible;
  int ruled_out = 0, matched = 0;
  // Past the line count at which the literal matcher changes engine.
  for (int round = 0; round < 3000; ++round) {
    const std::string text = texts.Next(8);
    CAPTURE(text);
    filter->Possible(text, &possible);
    REQUIRE(std::is_sorted(possible.begin(), possible.end()));
    CHECK(filter->AnyPossible(text) == !possible.empty());
    for (std::size_t i = 0; i < res.size(); ++i) {
      const bool match = RE2::PartialMatch(text, *res[i]);
      const bool listed = std::binary_search(possible.begin(), possible.end(), static_cast<int>(i));
      CAPTURE(i);
      if (match) REQUIRE(listed);
      matched += match;
      ruled_out += !listed;
    }
    // The pattern that needs no literal is always possible.
    REQUIRE(std::binary_search(possible.begin(), possible.end(), 5));
  }
  CHECK(matched > 100);     // the texts matched
  CHECK(ruled_out > 1000);  // and the filter ruled patterns out
}

TEST_CASE("PatternFilter: a pattern needs all its literals, or one of each alternative's") {
  const auto filter = PatternFilter::Build({kPatterns[0], kPatterns[1]}, PatternOptions(8 << 20));
  REQUIRE(static_cast<bool>(filter));
  CHECK_FALSE(filter->AnyPossible("未来的日子"));   // "未" without "经"
  CHECK_FALSE(filter->AnyPossible("未经过"));       // no 授权, 允许 or 许可
  CHECK(filter->AnyPossible("未经允许"));
  CHECK(filter->AnyPossible("发布时间:"));
  CHECK_FALSE(filter->AnyPossible("发布时间"));  // the colon is part of the literal
}

TEST_CASE("PatternFilter: many patterns, each possible exactly where its literals are") {
  // More atoms than bits in a word: the answers are remembered by the list
  // of atoms held, not by a mask.
  std::vector<std::string> patterns;
  for (int i = 0; i < 80; ++i) patterns.push_back("word" + std::to_string(i) + "x[0-9]+");
  const auto filter = PatternFilter::Build(patterns, PatternOptions(8 << 20));
  REQUIRE(static_cast<bool>(filter));
  std::vector<int> possible;
  for (int round = 0; round < 2; ++round)  // the second round answers from the cache
    for (int i = 0; i < 80; i += 7) {
      const std::string text = "a word" + std::to_string(i) + "x12 and word" + std::to_string(79 - i) + "x";
      filter->Possible(text, &possible);
      CAPTURE(text);
      CHECK(std::binary_search(possible.begin(), possible.end(), i));
      for (int p : possible) CHECK((p == i || p == 79 - i));
    }
  CHECK_FALSE(filter->AnyPossible("no words here"));
}

TEST_CASE("PatternFilter: none when no pattern needs a literal, a pattern does not compile, or a literal has case") {
  CHECK_FALSE(static_cast<bool>(PatternFilter::Build({"[a-z]{3}", "\\d+"}, PatternOptions(8 << 20))));
  CHECK_FALSE(static_cast<bool>(PatternFilter::Build({"未经", "("}, PatternOptions(8 << 20))));
  CHECK_FALSE(static_cast<bool>(PatternFilter::Build({"(?i)straße"}, PatternOptions(8 << 20))));
  CHECK_FALSE(static_cast<bool>(PatternFilter::Build({}, PatternOptions(8 << 20))));
}

}  // namespace qaextract::internal
