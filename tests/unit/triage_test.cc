// Triage (src/extract/triage.h) rules an article out only when the full
// path finds no turn in it, and does rule out articles without dialogue:
// every label shape, with inline noise cut out of the label; prose with
// reporting clauses, key/value records and headings; and crawl-like
// articles made of the samples' and the evaluation corpus's paragraphs.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <random>

#include "extract/triage.h"
#include "parse/front_matter.h"
#include "qaextract/rules.h"
#include "testing/test_util.h"
#include "text/lines.h"
#include "text/prefix_folds.h"
#include "rules/rule_model.h"

namespace qaextract {
namespace {

struct Verdict {
  bool kept = false;  // triage: the article may hold turns
  std::size_t turns = 0;  // the full path
};

// `rules` null: the built-in library chooses, as `convert` without --rules.
Verdict Judge(const std::string& text, const RuleSet* rules) {
  Source source;
  REQUIRE(DecodeSource(text, "a.txt", {}, &source).ok());
  std::string selected_by;
  const RuleSet& chosen = rules ? *rules : testing::BuiltinLibrary().Select(source, &selected_by);
  Document doc;
  if (rules) REQUIRE(Extract(source, *rules, {}, &doc).ok());
  else REQUIRE(ExtractWithLibrary(source, testing::BuiltinLibrary(), {}, &doc).ok());
  Verdict v;
  v.turns = doc.turns.size();
  const auto lines = internal::SplitLines(source.text);
  v.kept = internal::TriageLines(source.text, lines, internal::FindFrontMatter(source.text, lines),
                                 internal::CompiledOf(chosen))
               .may_hold_turns;
  // As batch runs it: with the folds of the first lines made for the
  // rule-set choice, read in place.
  const internal::PrefixFolds folds(source.text, lines, internal::kMatchPrefixBytes);
  CHECK(internal::TriageLines(source.text, lines, internal::FindFrontMatter(source.text, lines),
                              internal::CompiledOf(chosen), &folds)
            .may_hold_turns == v.kept);
  return v;
}

// The labels triage made, completed, are the labels of the full path.
void CheckSameLabels(const std::string& text, const RuleSet& rules) {
  Source source;
  REQUIRE(DecodeSource(text, "a.txt", {}, &source).ok());
  const internal::CompiledRules& compiled = internal::CompiledOf(rules);
  internal::LabelledText full;
  internal::LabelSplitLines(source, compiled, internal::SplitLines(source.text), &full);
  const auto lines = internal::SplitLines(source.text);
  // Half the articles as batch runs them, with the first lines' folds.
  const internal::PrefixFolds prefix(source.text, lines, internal::kMatchPrefixBytes);
  const internal::PrefixFolds* folds = text.size() % 2 == 0 ? &prefix : nullptr;
  internal::Triage triage =
      internal::TriageLines(source.text, lines, internal::FindFrontMatter(source.text, lines), compiled, folds);
  internal::CompleteLabels(source.text, compiled, &triage, folds);
  const internal::LabelledText& completed = triage.labelled;
  REQUIRE(completed.labels.size() == full.labels.size());
  CHECK(completed.front_matter == full.front_matter);
  for (std::size_t i = 0; i < full.labels.size(); ++i) {
    const internal::LineLabel& a = full.labels[i];
    const internal::LineLabel& b = completed.labels[i];
    CAPTURE(i);
    CHECK(static_cast<int>(a.kind) == static_cast<int>(b.kind));
    CHECK(a.rule == b.rule);
    CHECK(a.speaker == b.speaker);
    CHECK(a.text.begin == b.text.begin);
    CHECK(a.text.end == b.text.end);
    CHECK(a.cuts.size() == b.cuts.size());
    CHECK(a.fields.size() == b.fields.size());
    CHECK(a.chars == b.chars);
    CHECK(a.heading_shape == b.heading_shape);
    REQUIRE(bool(a.candidate) == bool(b.candidate));
    if (a.candidate) CHECK(a.candidate->key == b.candidate->key);
  }
}

// Checks the one promise (no turn where triage rules out) and returns the
// verdict.
Verdict Check(const std::string& text, const RuleSet* rules = nullptr) {
  const Verdict v = Judge(text, rules);
  CHECK_MESSAGE((v.kept || v.turns == 0), "ruled out an article with " << v.turns << " turns:\n" << text);
  return v;
}

const char* const kRules = R"(
name: triage
speakers:
  - {id: zhang, role: interviewer, markers: [张三, Q]}
  - {id: li, role: interviewee, markers: [李四, A]}
  - {id: ann, role: host, markers: [Ann Lee]}
noise:
  inline: ['SPAM\d*']
)";

}  // namespace

TEST_CASE("Triage: every label shape a rule file's speakers use keeps the article") {
  const RuleSet rules = testing::LoadRulesString(kRules);
  const char* const kept[] = {
      "引言\n\n张三：你好。\n\n李四：你好。\n",
      "张三:  hello\n",                          // ASCII colon, spaces
      "**Ann Lee** Welcome to the show.\n",      // bold name, words after it
      "0:00:14 **Ann Lee** Welcome.\n",          // behind a time stamp
      "### 张三\n\n你好吗？\n",                 // a heading alone
      "【张三】今年怎么样？\n",                  // brackets
      "Q\u00a0\u00a0How are you?\n",             // a wide gap
      "张三\t你好。\n",                          // a tab
      "Q. How are you?\n",                       // letter and period
      "Ann Lee\n: Welcome to the show.\n",       // a definition list
      "SPAM7张三：你好。\n",                     // inline noise before the label
      "张SPAM三：你好。\n",                      // inside it
      "QSPAM. How are you?\n",                   // between the letter and the period
      "前言很长很长的一段话\nSPAM1SPAM2SPAM3SPAM4SPAM5SPAM6SPAM7SPAM8张三：你好。\n",
      "张三︰你好。\n",                          // a colon NFKC turns into ':'
  };
  for (const char* text : kept) {
    CheckSameLabels(text, rules);
    const Verdict v = Check(text, &rules);
    CHECK_MESSAGE(v.turns > 0, "made-up case without a turn: " << text);
  }
  // Cuts that bring the label in from far along the line (past the window
  // at the line's start that decides its label), and a cut across that
  // window's edge; and long lines whose cuts come after the label.
  std::string far, across, after;
  for (int i = 0; i < 150; ++i) far += "SPAM" + std::to_string(i % 10);
  far += "张三：你好。\n";
  across = std::string(440, ' ') + "x SPAM12345678 张三：你好。\n李四：好。\n";
  after = "张三：" + std::string(2000, 'w');
  for (int i = 0; i < 100; ++i) after += " SPAM9 word";
  after += "\n";
  for (const std::string& text : {far, across, after}) {
    CheckSameLabels(text, rules);
    Check(text, &rules);
  }
  CHECK(Check(far, &rules).turns > 0);
  CHECK(Check(after, &rules).turns > 0);
}

TEST_CASE("Triage: discovery's shapes keep the article") {
  const char* const kept[] = {
      "王明：今天聊什么？\n\n赵雷：聊聊天气。\n\n王明：好啊？\n\n赵雷：晴天。\n",
      "问：你好吗？\n答：很好。\n",
      "### Who are you?\n\nI am a painter.\n\n### Where do you live?\n\nIn a small town.\n\n"
      "### What do you paint?\n\nBoats, mostly.\n",
      "**你能介绍一下自己吗？**\n\n我是画家。\n\n**你住在哪里？**\n\n小镇。\n\n**你画什么？**\n\n船。\n",
      "――まず、自己紹介をお願いできますか。\n\n画家です。\n\n――どこに住んでいますか、教えてください。\n\n小さな町です。\n\n"
      "――何を描いていますか、教えてください。\n\n主に船です。\n",
      "Alice Moreau\n: The build is green.\n\nBob Tanaka\n: Did the migration finish?\n\n"
      "Alice Moreau\n: It did.\n\nBob Tanaka\n: Ship it.\n",
      "**Maria Lopez**\n\nThe release is ready.\n\n**Kenji Sato**\n\nWe fixed a bug.\n\n"
      "**Maria Lopez**\n\nGood.\n\n**Kenji Sato**\n\nA build in an hour.\n",
      // A stray byte (invalid UTF-8, kept as read) before the colon, and a
      // cut sequence: neither hides the colon after it.
      "王明\xae：今天聊什么？\n\n赵雷\xae：聊聊天气。\n\n王明\xae：好啊？\n\n赵雷\xae：晴天。\n",
      "王明\xe4\xb8：今天聊什么？\n\n赵雷\xc3：聊聊天气。\n\n王明\xe4\xb8：好啊？\n\n赵雷\xc3：晴天。\n",
  };
  for (const char* text : kept) {
    const Verdict v = Check(text);
    CHECK_MESSAGE(v.turns > 0, "made-up case without a turn: " << text);
    CHECK(v.kept);
  }
}

TEST_CASE("Triage: prose, records and headings without dialogue are ruled out") {
  const char* const ruled_out[] = {
      "一个很长的故事\n\n他说：“我们明天再来。”\n\n我问他：“为什么？”\n\n她笑着说：“因为下雨。”\n",
      "date: 2024-01-02\ntags: travel\nlayout: post\n\nWe walked to the lake.\n",
      "## Background: the story\n\nIt began in spring.\n\n## Later\n\nIt ended in autumn.\n",
      "A walk\n\nWe left at six: it rained.\n\nThe hut: closed.\n",
      "The plan, in short\n\nFirst: pack. Then: leave.\n",
  };
  for (const char* text : ruled_out) {
    const Verdict v = Check(text);
    CHECK(v.turns == 0);
    CHECK_MESSAGE(!v.kept, "kept an article without dialogue: " << text);
  }
}

// Too few lines that may be sightings for any dialogue discovery accepts
// (two speakers with two lines each, or 问 and 答): the article is ruled out
// from the lines' keys, before any line is labelled.
TEST_CASE("Triage: too few possible sightings rule an article out unlabelled") {
  const char* const too_few[] = {
      "王明：今天聊什么？\n\n赵雷：聊聊天气。\n\n王明：好啊。\n",  // three lines
      "问：你好吗？\n\n王明：很好。\n",                            // an asker, no answerer
      "Alice Moreau: The build is green.\n\nBob Tanaka: Ship it.\n\nThe end.\n",
  };
  for (const char* text : too_few) {
    CAPTURE(text);
    const Verdict v = Check(text);
    CHECK(v.turns == 0);
    CHECK_FALSE(v.kept);
    Source source;
    REQUIRE(DecodeSource(text, "a.txt", {}, &source).ok());
    std::string selected_by;
    const RuleSet& chosen = testing::BuiltinLibrary().Select(source, &selected_by);
    REQUIRE(internal::CompiledOf(chosen).speakers.empty());  // discovery
    const auto lines = internal::SplitLines(source.text);
    const internal::Triage triage =
        internal::TriageLines(source.text, lines, 0, internal::CompiledOf(chosen));
    CHECK(std::none_of(triage.done.begin(), triage.done.end(), [](bool done) { return done; }));
  }
  // One more line of a speaker, or the answerer: labelled, and a dialogue.
  for (const char* text : {"王明：今天聊什么？\n\n赵雷：聊聊天气。\n\n王明：好啊。\n\n赵雷：晴天。\n",
                           "问：你好吗？\n\n答：很好。\n"}) {
    CAPTURE(text);
    const Verdict v = Check(text);
    CHECK(v.turns > 0);
    CHECK(v.kept);
  }
}

// Around the tally's bounds: articles of two to five label lines, drawn
// from generic and named labels, with prose, page furniture and
// definition lists between them. Whatever discovery decides, triage must
// not rule out an article it finds turns in.
TEST_CASE("Triage: few label lines, at the tally's bounds") {
  const char* const labels[] = {"问", "答", "王明", "赵雷", "记者", "Q", "A", "主持人", "Alice Moreau", "上一篇"};
  const char* const fillers[] = {"他走进屋里，坐了下来。", "声明：本文仅代表作者观点。", "作者：陆柯言",
                                 "Bob Tanaka\n: It did.", "## 第二部分", ""};
  std::mt19937 random(7);
  int kept = 0, ruled_out = 0;
  for (int i = 0; i < 300; ++i) {
    std::string text;
    const int n = 2 + static_cast<int>(random() % 4);
    // Half the articles alternate two labels, as a dialogue does.
    const bool alternate = i % 2 == 1;
    const std::size_t first = random() % std::size(labels), second = random() % std::size(labels);
    for (int k = 0; k < n; ++k) {
      const std::size_t which = alternate ? (k % 2 == 0 ? first : second) : random() % std::size(labels);
      text += std::string(labels[which]) + "：今天我们聊一聊这件事，好吗？\n\n";
      if (random() % 2) text += std::string(fillers[random() % std::size(fillers)]) + "\n\n";
    }
    CAPTURE(text);
    (Check(text).kept ? kept : ruled_out)++;
  }
  CHECK(kept > 0);
  CHECK(ruled_out > 0);
}

TEST_CASE("Triage: crawl-like articles of real paragraphs") {
  std::vector<std::string> articles, paragraphs;
  for (const char* dir : {"samples", "../shared/corpus/docs"}) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(testing::SourcePath(dir), ec)) {
      if (entry.path().extension() != ".txt" && entry.path().extension() != ".md") continue;
      articles.push_back(testing::ReadFileOrDie(entry.path().string()));
      std::size_t at = 0;
      const std::string& a = articles.back();
      while (at < a.size()) {
        const std::size_t end = std::min(a.find('\n', at), a.size());
        if (end > at) paragraphs.push_back(a.substr(at, end - at));
        at = end + 1;
      }
    }
  }
  REQUIRE(articles.size() >= 4);
  int kept = 0, ruled_out = 0;
  for (const std::string& a : articles) {
    Source source;
    REQUIRE(DecodeSource(a, "a.txt", {}, &source).ok());
    std::string selected_by;
    CheckSameLabels(a, testing::BuiltinLibrary().Select(source, &selected_by));
    (Check(a).kept ? kept : ruled_out)++;
  }
  // Articles of paragraphs drawn at random (with speaker lines among them,
  // so some hold a dialogue and many hold stray labels).
  std::mt19937 random(42);
  for (int i = 0; i < 150; ++i) {
    std::string text;
    const int n = 5 + static_cast<int>(random() % 60);
    for (int k = 0; k < n; ++k) text += paragraphs[random() % paragraphs.size()] + "\n\n";
    (Check(text).kept ? kept : ruled_out)++;
  }
  CHECK(kept > 0);
  CHECK(ruled_out > 0);
}

}  // namespace qaextract
