// The rule-set choice asks only the `match:` patterns whose literals an
// article's folded prefix holds (rules/selection_filter.h): the choice must
// be the one every pattern, asked, would make.
#include "rules/selection_filter.h"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "qaextract/rules.h"
#include "rules/rule_model.h"
#include "testing/test_util.h"
#include "text/fold.h"

namespace qaextract::internal {
namespace {

// Rule files whose `match:` patterns have the shapes rule files use: a
// Chinese literal, an ASCII one with a dot, two literals apart, spaces
// optional, alternatives, an `all:` pair, one without a literal, and a set
// without `match:`.
const std::map<std::string, std::string> kRuleFiles = {
    {"aa-column.yaml", "name: aa-column\nmatch:\n  any: ['专栏对话', 'talk ?show ?weekly']\n"},
    {"bb-site.yaml", "name: bb-site\nmatch:\n  any: ['example\\.org', '新闻.{0,10}网']\n"},
    {"cc-pair.yaml", "name: cc-pair\nmatch:\n  all: ['访谈', '(?:记者|主持人)']\n"},
    {"dd-shape.yaml", "name: dd-shape\nmatch:\n  any: ['[a-z]{6}\\d']\n"},
    {"ee-none.yaml", "name: ee-none\nnoise:\n  lines: ['^广告$']\n"},
};

// Pieces of the texts: the literals, in the forms the fold makes them
// from (Traditional characters, full-width and upper-case letters), near
// misses, and filler.
const std::vector<std::string> kPieces = {
    "专栏对话", "專欄對話", "专栏", "对话", "talk show weekly", "TALK SHOW WEEKLY", "talkshowweekly", "talk  show",
    "example.org", "EXAMPLE.ORG", "ｅｘａｍｐｌｅ．ｏｒｇ", "exampleXorg", "新闻", "新聞", "网", "網",
    "访谈", "訪談", "记者", "記者", "主持人", "abcdef1", "abcde1", "ABCDEF7", "\n", " ", "。", "正文内容",
    "今天的天气很好，我们出去走走。", "The weather is fine today. "};

// The library of kRuleFiles (and the built-in fallback, "generic").
void LoadRuleFiles(RuleLibrary* library) {
  const std::string dir = testing::MakeTempDir();
  std::vector<std::string> paths;
  for (const auto& [file, yaml] : kRuleFiles) {
    paths.push_back(dir + "/" + file);
    std::ofstream(paths.back()) << yaml;
  }
  REQUIRE(RuleLibrary::Load(paths, /*with_builtins=*/false, {}, library).ok());
}

// The score RuleLibrary gives a set, with every pattern asked.
int ScoreAsked(const CompiledRules& rules, const std::string& folded) {
  if (rules.match_any.empty() && rules.match_all.empty()) return 0;
  for (const Rule& r : rules.match_all)
    if (!RE2::PartialMatch(folded, *r.re)) return 0;
  int any = 0;
  for (const Rule& r : rules.match_any) any += RE2::PartialMatch(folded, *r.re);
  if (!rules.match_any.empty() && any == 0) return 0;
  return static_cast<int>(rules.match_all.size()) + any;
}

}  // namespace

TEST_CASE("RuleLibrary::Select: the literal filter leaves every choice as all the patterns make it") {
  RuleLibrary library;
  LoadRuleFiles(&library);
  testing::PieceTexts texts(kPieces, 17);
  std::map<std::string, int> chosen;
  // Past the 32 KB after which the filter's literal matcher switches from
  // memmem to Hyperscan (in a build with it): both answer.
  for (int round = 0; round < 2000; ++round) {
    std::string text = texts.Next(round % 50 == 0 ? 4000 : 12);
    Source source;
    REQUIRE(DecodeSource(text, "t.txt", {}, &source).ok());
    std::string folded;
    FoldText(std::string_view(source.text).substr(0, kMatchPrefixBytes), &folded);
    std::string expected = "generic";
    int best = 0;
    for (const RuleSet& set : library.rule_sets()) {
      const int score = ScoreAsked(CompiledOf(set), folded);
      if (score > best) expected = set.name(), best = score;
    }
    CAPTURE(text);
    std::string by;
    REQUIRE(library.Select(source, &by).name() == expected);
    ++chosen[expected];
  }
  // Not vacuous: each set with `match:` is chosen, and so is the fallback.
  for (const char* name : {"aa-column", "bb-site", "cc-pair", "dd-shape", "generic"}) {
    CAPTURE(name);
    CHECK(chosen[name] > 10);
  }
}

TEST_CASE("SelectionFilter: rules out the patterns whose literals a text lacks, never one that matches") {
  RuleLibrary library;
  LoadRuleFiles(&library);
  std::vector<const CompiledRules*> selections;
  std::vector<const RE2*> patterns;
  for (const RuleSet& set : library.rule_sets()) {
    selections.push_back(&CompiledOf(set));
    for (const auto* list : {&CompiledOf(set).match_all, &CompiledOf(set).match_any})
      for (const Rule& r : *list) patterns.push_back(r.re.get());
  }
  const auto filter = SelectionFilter::Build(selections, 8 << 20);
  REQUIRE(filter != nullptr);
  testing::PieceTexts texts(kPieces, 29);
  int ruled_out = 0;
  std::vector<bool> possible;
  for (int round = 0; round < 3000; ++round) {
    std::string folded;
    FoldText(texts.Next(10), &folded);
    filter->Possible(folded, &possible);
    REQUIRE(possible.size() == patterns.size());
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      CAPTURE(folded);
      CAPTURE(patterns[i]->pattern());
      if (RE2::PartialMatch(folded, *patterns[i])) REQUIRE(possible[i]);
      ruled_out += !possible[i];
    }
  }
  CHECK(ruled_out > 1000);
}

}  // namespace qaextract::internal
