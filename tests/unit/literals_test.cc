#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "match/literals.h"

namespace qaextract::internal {
namespace {

// Whether the set finds any literal in `text`.
bool HoldsAny(const LiteralSet& set, const std::string& text) {
  std::vector<int> found;
  set.FindAll(text, &found);
  return !found.empty();
}

}  // namespace

TEST_CASE("LiteralSet: finds any literal, before and after it switches matcher") {
  const std::vector<std::string> literals = {"未", "来源:", "powered by", "\xE8\xBF\xAA"};
  const auto set = LiteralSet::Build(literals);
  REQUIRE(static_cast<bool>(set));
  const std::vector<std::string> texts = {
      "",          "未经允许",  "来源 :",          "本文来源:网络", "Powered by x", "it is powered by x",
      "迪士尼",    "no match",  std::string("a\0b", 3), "来源",            "xx未",         "\xE8\xBF"};
  const auto expected = [&](const std::string& text) {
    for (const std::string& l : literals)
      if (text.find(l) != std::string::npos) return true;
    return false;
  };
  // Well past the line count at which a Hyperscan build compiles its
  // database, so both matchers answer.
  for (int round = 0; round < 1000; ++round)
    for (const std::string& text : texts) {
      CAPTURE(round);
      CAPTURE(text);
      REQUIRE(HoldsAny(*set, text) == expected(text));
    }
  CHECK(std::strlen(LiteralSet::Engine()) > 0);
}

TEST_CASE("LiteralSet: ASCII letters in either case, other bytes as they are") {
  const std::vector<std::string> literals = {"powered by", "来源:", "\xc3\xa9t\xc3\xa9"};  // "été"
  const auto set = LiteralSet::Build(literals, LiteralSet::Case::kAsciiInsensitive);
  REQUIRE(static_cast<bool>(set));
  const std::vector<std::pair<std::string, bool>> texts = {
      {"Powered By x", true},   {"POWERED BY", true},  {"powered  by", false}, {"本文来源:网络", true},
      {"ÉTÉ", false},           {"Été", false},        {"ÉtÉ", false},         {"l'été", true},
      {"LÉTÉ", false},          {"pOwErEd bY", true},  {"", false},            {"powered_by", false}};
  // Both matchers, as above.
  for (int round = 0; round < 1000; ++round)
    for (const auto& [text, expected] : texts) {
      CAPTURE(round);
      CAPTURE(text);
      REQUIRE(HoldsAny(*set, text) == expected);
    }
  // Exact sets stay exact.
  const auto exact = LiteralSet::Build({"powered by"});
  for (int round = 0; round < 5000; ++round) REQUIRE_FALSE(HoldsAny(*exact, "Powered by"));
}

TEST_CASE("LiteralSet: FindAll names each literal held once, before and after it switches matcher") {
  const std::vector<std::string> literals = {"未", "来源:", "powered by", "来源"};
  const auto set = LiteralSet::Build(literals, LiteralSet::Case::kAsciiInsensitive);
  REQUIRE(static_cast<bool>(set));
  const std::vector<std::pair<std::string, std::vector<int>>> texts = {
      {"", {}},
      {"未未未", {0}},
      {"本文来源:未经 POWERED BY x", {0, 1, 2, 3}},
      {"来源 :", {3}},
      {"Powered by 来源", {2, 3}},
      {"no match", {}},
  };
  std::vector<int> found;
  for (int round = 0; round < 300; ++round)
    for (const auto& [text, expected] : texts) {
      CAPTURE(round);
      CAPTURE(text);
      found.clear();
      set->FindAll(text, &found);
      std::sort(found.begin(), found.end());
      REQUIRE(found == expected);
    }
}

TEST_CASE("LiteralSet: no literals, or an empty one, is no set") {
  CHECK_FALSE(static_cast<bool>(LiteralSet::Build({})));
  CHECK_FALSE(static_cast<bool>(LiteralSet::Build({"a", ""})));
}

}  // namespace qaextract::internal
