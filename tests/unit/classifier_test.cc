// The marker syntax, as a table of lines that must and must not start turns.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "parse/classifier.h"
#include "qaextract/rules.h"
#include "rules/rule_model.h"
#include "text/fold.h"
#include "text/lines.h"
#include "text/prefix_folds.h"
#include "testing/test_util.h"

namespace qaextract::internal {
namespace {

const char* const kRules = R"(
name: markers
speakers:
  - {id: anyong, role: interviewer, markers: [暗涌]}
  - {id: liang, role: interviewee, markers: [梁文锋]}
  - {id: ha, role: host, markers: [K. Oanh Ha, 哈]}
  - {id: jm, role: interviewer, markers: [界面新闻, 《世界周报》]}
  - {id: clip, role: clip, per_label: true, markers: [{regex: '\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+'}]}
sections:
  numbered: ['^(?P<number>\d{2})$', '^(?P<number>[一二三四五六七八九十]+)、(?P<title>.+)$']
noise:
  lines: ['^张开剩余\d+%$']
  inline: ['配资股票']
boundaries:
  body_starts_after: '^以下为对话部分$'
  body_ends_before: '^发布于:'
metadata:
  date: '发布日期:\s*(?P<value>\d{4}-\d{2}-\d{2})'
)";

struct Labelled {
  LineLabel label;
  std::string text;
  std::string Span(ByteSpan s) const { return text.substr(s.begin, s.end - s.begin); }
};

Labelled ClassifyOne(const std::string& line) {
  static const RuleSet rules = testing::LoadRulesString(kRules);
  Classifier classifier(internal::CompiledOf(rules), line);
  Labelled out{classifier.Classify(Line{1, 0, line.size()}), line};
  return out;
}

std::string SpeakerOf(const LineLabel& label) {
  static const RuleSet rules = testing::LoadRulesString(kRules);
  if (label.kind != LineKind::kTurnStart) return "";
  return internal::CompiledOf(rules).speakers[static_cast<std::size_t>(label.speaker)].id;
}

}  // namespace

TEST_CASE("Classifier: marker syntax table (turn starts)") {
  struct Row {
    const char* line;
    const char* speaker;
    const char* marker;      // the original marker text
    const char* descriptor;  // "" for none
    const char* text;        // the turn's first paragraph
  } rows[] = {
      {"暗涌:问题", "anyong", "暗涌:", "", "问题"},
      {"暗涌: 问题", "anyong", "暗涌:", "", "问题"},
      {"暗涌：问题", "anyong", "暗涌：", "", "问题"},
      {"‘暗涌’:问题", "anyong", "‘暗涌’:", "", "问题"},
      {"「暗涌」：问题", "anyong", "「暗涌」：", "", "问题"},
      {"【暗涌】 : 问题", "anyong", "【暗涌】 :", "", "问题"},
      {"**暗涌**：问题", "anyong", "**暗涌**：", "", "问题"},
      {"**暗涌：**问题", "anyong", "**暗涌：**", "", "问题"},
      {"  暗涌:缩进", "anyong", "暗涌:", "", "缩进"},
      {"梁文 锋:回答", "liang", "梁文 锋:", "", "回答"},
      {"梁文鋒：回答", "liang", "梁文鋒：", "", "回答"},
      {"梁文\u200b锋:回答", "liang", "梁文\u200b锋:", "", "回答"},
      {"梁文锋(DeepSeek创始人):回答", "liang", "梁文锋(DeepSeek创始人):", "DeepSeek创始人", "回答"},
      {"梁文锋（DeepSeek创始人）：回答", "liang", "梁文锋（DeepSeek创始人）：", "DeepSeek创始人", "回答"},
      {"K.OanhHa:今年", "ha", "K.OanhHa:", "", "今年"},
      {"K. Oanh Ha: hello", "ha", "K. Oanh Ha:", "", "hello"},
      {"哈:娃娃臉?", "ha", "哈:", "", "娃娃臉?"},
      {"**《世界周报》：当前", "jm", "**《世界周报》：", "", "当前"},
      {"DavidGura:現在回到頭條新聞", "clip", "DavidGura:", "", "現在回到頭條新聞"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.line);
    Labelled l = ClassifyOne(row.line);
    CHECK(SpeakerOf(l.label) == row.speaker);
    REQUIRE(l.label.candidate);
    CHECK(l.Span(l.label.candidate->marker) == row.marker);
    CHECK((l.label.candidate->descriptor ? l.Span(*l.label.candidate->descriptor) : std::string()) ==
          row.descriptor);
    CHECK(l.Span(l.label.text) == row.text);
  }
}

TEST_CASE("Classifier: marker syntax table (not turn starts)") {
  const char* rows[] = {
      "V2模子:完全由原土着才打造",         // a title with a colon
      "揭秘DeepSeek:一个更极致的中国故事",  // a headline
      "以下是經過簡單編輯的談話記錄:",      // preamble
      "1.数学与代码:它们是 AGI 的考试场",   // a list item inside an answer
      "他对暗涌:说过",                      // marker not at the line start
      "暗涌Waves:来源",                     // another label that starts like a marker
      "暗涌",                               // no colon
      "敷裕的硝烟其实阴私了一个事实:与好多大厂烧钱补贴不同",
  };
  for (const char* line : rows) {
    CAPTURE(line);
    CHECK(ClassifyOne(line).label.kind == LineKind::kText);
  }
  Labelled near = ClassifyOne("V2模子 : 完全");
  REQUIRE(near.label.candidate);
  CHECK(near.label.candidate->key == "V2模子");
  CHECK(near.label.candidate->text_chars == 2);
  CHECK(near.Span(near.label.candidate->marker) == "V2模子 :");
}

TEST_CASE("Classifier: noise, boundaries, headings, metadata and blank lines") {
  CHECK(ClassifyOne("").label.kind == LineKind::kBlank);
  CHECK(ClassifyOne(" \u3000 ").label.kind == LineKind::kBlank);
  Labelled noise = ClassifyOne("张开剩余93%");
  CHECK(noise.label.kind == LineKind::kNoise);
  CHECK(noise.label.rule == "markers:noise.lines[0]");
  CHECK(ClassifyOne("配资股票").label.kind == LineKind::kNoise);  // nothing left after the cut
  CHECK(ClassifyOne("以下为对话部分").label.kind == LineKind::kBodyStart);
  CHECK(ClassifyOne("發佈於：北京市").label.kind == LineKind::kBodyEnd);

  Labelled numbered = ClassifyOne("01");
  CHECK(numbered.label.kind == LineKind::kNumbered);
  CHECK(numbered.Span(*numbered.label.number) == "01");
  CHECK(!numbered.label.title);
  Labelled titled = ClassifyOne("三、谁在提问");
  CHECK(titled.Span(*titled.label.number) == "三");
  REQUIRE(titled.label.title);
  CHECK(titled.Span(*titled.label.title) == "谁在提问");

  Labelled meta = ClassifyOne("发布日期:2024-12-31 16:07    点击次数:183");
  CHECK(meta.label.kind == LineKind::kMetadata);
  REQUIRE(meta.label.fields.size() == 1);
  CHECK(meta.Span(meta.label.fields[0].value) == "2024-12-31");
}

TEST_CASE("Classifier: inline noise is cut and recorded in original offsets") {
  Labelled l = ClassifyOne("梁文锋:开源,配资股票发论文");
  CHECK(l.label.kind == LineKind::kTurnStart);
  REQUIRE(l.label.cuts.size() == 1);
  CHECK(l.Span(l.label.cuts[0].span) == "配资股票");
  CHECK(l.label.cuts[0].rule == "markers:noise.inline[0]");
}

TEST_CASE("Classifier: heading shape of short lines") {
  CHECK(ClassifyOne("价钱战第一枪是奈何打响的?").label.heading_shape);
  CHECK(ClassifyOne("确凿的差距不是一年或两年,而是原创和师法之差").label.heading_shape);
  CHECK_FALSE(ClassifyOne("咱们对一切可能性保抓灵通派头。").label.heading_shape);
  CHECK_FALSE(ClassifyOne(std::string(41 * 3, 'x')).label.heading_shape);
}

namespace {

// Every line of `text` classified by `rules`, as a comparable string.
std::vector<std::string> LabelsOf(const CompiledRules& rules, const std::string& text) {
  std::vector<std::string> out;
  Classifier classifier(rules, text);
  for (const Line& line : SplitLines(text)) {
    const LineLabel l = classifier.Classify(line);
    std::string row = std::to_string(static_cast<int>(l.kind)) + "|" + l.rule + "|" +
                      std::to_string(l.text.begin) + "-" + std::to_string(l.text.end) + "|" +
                      std::to_string(l.speaker) + "|" +
                      std::to_string(l.kind == LineKind::kText && MatchesTrailerLeadIn(rules, text, line, l));
    for (const Cut& c : l.cuts) row += "|cut " + std::to_string(c.span.begin) + " " + std::string(c.rule);
    for (const FieldHit& f : l.fields) row += "|field " + std::to_string(f.value.begin) + " " + f.rule;
    out.push_back(row);
  }
  return out;
}

CompiledRules WithoutAtoms(const CompiledRules& rules) {
  CompiledRules copy = rules;
  for (CompiledRules::LineSet& set : copy.line_sets) set.filter.reset();
  copy.noise_inline_filter.reset();
  return copy;
}

}  // namespace

TEST_CASE("Classifier: MayCarryLabel answers from a line's prefix fold as from the line as written") {
  // Every label character, its full-width and other forms, the white space
  // of a wide gap, "Q. " and "A. " in either width, and what may stand
  // between them, with and without inline noise rules.
  testing::PieceTexts texts({"名", "國", ":", "：", "∶", "*", "＊", "_", "#", "＃", "【", "︻", "〔", "\t", "\u00a0",
                              "\u3000", " ", "  ", "Q", "Ｑ", "A", "a", ".", "．", "。", "\u200b", "\xff", "\x01",
                              "\n", "广告"},
                             5);
  const RuleSet plain = testing::LoadRulesString("name: plain\n");
  const RuleSet noisy = testing::LoadRulesString("name: noisy\nnoise: {inline: ['广告']}\n");
  int carrying = 0, lines_seen = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = texts.Next(16);
    CAPTURE(text);
    const std::vector<Line> lines = SplitLines(text);
    const PrefixFolds folds(text, lines, text.size());
    for (const RuleSet* rules : {&plain, &noisy}) {
      Classifier written(CompiledOf(*rules), text);
      Classifier folded(CompiledOf(*rules), text, &folds);
      for (const Line& line : lines) {
        CAPTURE(line.begin);
        const bool expected = written.MayCarryLabel(line);
        CHECK(folded.MayCarryLabel(line) == expected);
        carrying += expected;
        ++lines_seen;
      }
    }
  }
  CHECK(carrying > lines_seen / 10);  // both answers came up
  CHECK(carrying < lines_seen * 9 / 10);
}

TEST_CASE("Classifier: CandidateKeys finds the same keys from a prefix fold, and the key Classify finds") {
  // Lines of every label shape, with inline noise in and around the label,
  // full-width forms and the gaps of spaced labels.
  testing::PieceTexts lines_of({"张三", "Ann Lee", ":", "：", " ", "**", "__", "## ", "【", "】", "〔", "〕", "\t",
                                 "\u00a0", "\u3000", "   ", "Q", "A", ".", ". ", "12:30 ", "[", "(", ")", "（", "）",
                                 "SPAM1", "广告", "(zhāng)", "國", "，", "。", "说", "x", "\u200b", "\xff"},
                                9);
  const RuleSet noisy = testing::LoadRulesString(
      "name: noisy\nnoise: {inline: ['SPAM\\d*', '\\([a-z]{0,5}[āáǎà][a-z]{0,5}\\)']}\n");
  const RuleSet plain = testing::LoadRulesString("name: plain\n");
  int with_keys = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int line_count = 1 + static_cast<int>(lines_of.Draw() % 4);
    for (int l = 0; l < line_count; ++l) text += lines_of.Next(12) + "\n";
    CAPTURE(text);
    const std::vector<Line> lines = SplitLines(text);
    const PrefixFolds folds(text, lines, text.size());
    for (const RuleSet* rules : {&noisy, &plain}) {
      Classifier written(CompiledOf(*rules), text);
      Classifier in_place(CompiledOf(*rules), text, &folds);
      Classifier full(CompiledOf(*rules), text);
      std::vector<std::string> a, b;
      for (const Line& line : lines) {
        CAPTURE(line.begin);
        written.CandidateKeys(line, &a);
        in_place.CandidateKeys(line, &b);
        CHECK(a == b);
        with_keys += !a.empty();
        const LineLabel label = full.Classify(line);
        if (label.candidate) CHECK(std::find(a.begin(), a.end(), label.candidate->key) != a.end());
      }
    }
  }
  CHECK(with_keys > 500);  // the shapes came up
}

TEST_CASE("Classifier: the literal prefilter of the unanchored set changes no label") {
  int prefiltered = 0;
  for (const RuleSet& set : testing::BuiltinLibrary().rule_sets()) {
    const CompiledRules& rules = internal::CompiledOf(set);
    for (const auto& line_set : rules.line_sets) prefiltered += static_cast<bool>(line_set.filter);
    const CompiledRules plain = WithoutAtoms(rules);
    for (const char* name : {"zh-anyong-interview-v1.txt", "zh-anyong-interview-v2.txt",
                             "zh-hant-bloomberg-podcast.txt", "zh-hant-narrative-profile.txt"}) {
      CAPTURE(set.name());
      CAPTURE(name);
      const std::string text = testing::ReadFileOrDie(testing::SourcePath(std::string("samples/") + name));
      CHECK(LabelsOf(rules, text) == LabelsOf(plain, text));
    }
  }
  CHECK(prefiltered > 0);  // the comparison above compared something
}

TEST_CASE("Classifier: patterns anchored at the start after flags join the start-anchored set") {
  const RuleSet rules = testing::LoadRulesString(R"(
name: anchors
noise:
  lines: ['(?i)^foo', '(?s)^a.b', '(?m)^c', '(?i:^d)', '(?i)^e|f', 'g$']
)");
  const CompiledRules& c = internal::CompiledOf(rules);
  REQUIRE(c.line_sets.size() == 2);
  CHECK(c.line_sets[0].entries.size() == 2);  // "(?i)^foo", "(?s)^a.b"
  CHECK(c.line_sets[1].entries.size() == 4);
  const std::string text = "FOO bar\nxfoo\na b\nc\nxd\nD\nxe\nxf\ng\nxy\n";
  Classifier classifier(c, text);
  std::string noise;
  for (const Line& line : SplitLines(text))
    noise += classifier.Classify(line).kind == LineKind::kNoise ? "N" : ".";
  CHECK(noise == "NNNN.N.NN.");  // "xfoo" holds the unanchored "f"
  // The built-in fallback's unanchored set can now rule a line out.
  const auto& sets = testing::BuiltinLibrary().rule_sets();
  const auto fallback = std::find_if(sets.begin(), sets.end(), [](const RuleSet& r) { return r.name() == "generic"; });
  REQUIRE(fallback != sets.end());
  const CompiledRules& generic = internal::CompiledOf(*fallback);
  REQUIRE(generic.line_sets.size() == 2);
  REQUIRE(static_cast<bool>(generic.line_sets[1].filter));
  CHECK_FALSE(generic.line_sets[1].filter->AnyPossible("他在北京的一家公司工作了很多年, and then left."));
}

TEST_CASE("Classifier: prefilter atoms are matched without regard to ASCII case") {
  const RuleSet rules = testing::LoadRulesString(R"(
name: atoms
noise:
  inline: ['(?i)powered by \w+', '广告']
metadata:
  url: '(?:来源|链接):\s*(?P<value>https?://[^\s,]+)'
)");
  const CompiledRules& c = internal::CompiledOf(rules);
  REQUIRE(c.line_sets.size() == 1);
  REQUIRE(static_cast<bool>(c.line_sets[0].filter));
  const auto& atoms = c.line_sets[0].filter->atoms();
  CHECK(std::find(atoms.begin(), atoms.end(), "powered by ") != atoms.end());
  CHECK(std::find(atoms.begin(), atoms.end(), "广告") != atoms.end());
  const std::string line = "正文 POWERED BY Tencent 正文";
  Classifier classifier(c, line);
  const LineLabel l = classifier.Classify(Line{1, 0, line.size()});
  REQUIRE(l.cuts.size() == 1);
  CHECK(line.substr(l.cuts[0].span.begin, l.cuts[0].span.end - l.cuts[0].span.begin) ==
        "POWERED BY Tencent");
  const std::string url = "链接: HTTPS://x.cn";  // case-sensitive "https?": no url
  Classifier second(c, url);
  CHECK(second.Classify(Line{1, 0, url.size()}).fields.empty());
}

TEST_CASE("Classifier: the prefilter passes every line when a pattern needs no literal, and is none when a literal has case") {
  // "\d+年" needs "年", "[a-z]{30}" needs nothing: every line may match the
  // set, and only the first is ruled out where "年" is missing.
  const RuleSet both_rules = testing::LoadRulesString("name: a\nnoise: {inline: ['\\d+年', '[a-z]{30}']}\n");
  const CompiledRules& both = CompiledOf(both_rules);
  REQUIRE(static_cast<bool>(both.line_sets[0].filter));
  CHECK(both.line_sets[0].filter->AnyPossible("今天"));
  std::vector<int> possible;
  both.noise_inline_filter->Possible("今天", &possible);
  CHECK(possible == std::vector<int>{1});
  // "Ärger" has a letter with case beyond ASCII, which the line's ASCII
  // lowering would miss under (?i).
  CHECK_FALSE(static_cast<bool>(
      CompiledOf(testing::LoadRulesString("name: a\nnoise: {inline: ['(?i)Ärger']}\n")).line_sets[0].filter));
  const RuleSet year_rules = testing::LoadRulesString("name: a\nnoise: {inline: ['\\d+年']}\n");
  const CompiledRules& year = CompiledOf(year_rules);
  REQUIRE(static_cast<bool>(year.line_sets[0].filter));
  CHECK_FALSE(year.line_sets[0].filter->AnyPossible("今天"));
  CHECK(year.line_sets[0].filter->AnyPossible("2024年"));
}

}  // namespace qaextract::internal

namespace qaextract::internal {

TEST_CASE("MatchLabelCandidate: the groups the label pattern finds, on every shape of label") {
  // Random folded views from the pieces of the label syntax: timestamps,
  // heading marks, bold, quotes, brackets, descriptors, spaces and colons,
  // with labels and descriptors on both sides of the bounds (default and
  // small ones).
  for (const char* yaml : {"name: t\n", "name: t\nmarker_syntax: {max_label_chars: 3, max_descriptor_chars: 4}\n"}) {
    const RuleSet rules = testing::LoadRulesString(yaml);
    const CompiledRules& c = internal::CompiledOf(rules);
    const std::vector<std::string> parts = {
        "暗涌", "梁文锋", "a", "Host", "很长的名字很长的名字", " ", "  ", ":", ":", "**", "*", "(", ")", "创始人",
        "[", "]", "\"", "\u201c", "\u201d", "\u300c", "\u300d", "# ", "### ", "12:30 ", "[00:01:02] ", "(1:02) ",
        "3", ".", "x", "你好"};
    std::uint32_t state = 41;
    const auto next = [&state] { return (state = state * 1103515245 + 12345) >> 16; };
    int matched = 0;
    for (int round = 0; round < 20000; ++round) {
      std::string view;
      const int n = 1 + static_cast<int>(next() % 9);
      for (int k = 0; k < n; ++k) view += parts[next() % parts.size()];
      CAPTURE(view);
      const re2::StringPiece input(view.data(), view.size());
      re2::StringPiece expected[3], got[3];
      const bool want = c.label_candidate->Match(input, 0, input.size(), RE2::ANCHOR_START, expected, 3);
      REQUIRE(MatchLabelCandidate(c, input, got) == want);
      if (!want) continue;
      ++matched;
      for (int g = 0; g < 3; ++g) {
        CHECK(got[g].data() == expected[g].data());
        CHECK(got[g].size() == expected[g].size());
      }
    }
    CHECK(matched > 2000);
  }
}

TEST_CASE("MatchPlainLabel: finds what the label pattern finds, wherever it answers") {
  const RuleSet rules = testing::LoadRulesString("name: t\n");
  const CompiledRules& c = internal::CompiledOf(rules);
  std::vector<std::string> views = {
      "暗涌:你好", "梁文锋 :好", "Q: hi", "A B: x", "12:30 Name: x", "[00:01] 主持人:x",
      "**暗涌:**问", "暗涌: **问**", "“暗涌”:问", "张三(创始人):答", "a:b:c", ":x", " :x",
      "非常非常非常非常非常非常非常非常非常长的一个标签啊:x", "K.Oanh Ha:welcome", "x*y:z",
      // more before the colon than a label, yet a label and a descriptor
      "张三(一位做了很多年投资的基金经理也是这家很小的公司的创始人之一):答",
      "**张三**(很长很长很长很长很长很长很长很长很长很长很长的描述):答"};
  // Every line of the samples, folded as the classifier sees it.
  for (const char* name : {"zh-anyong-interview-v1.txt", "zh-hant-bloomberg-podcast.txt"}) {
    Source source;
    REQUIRE(DecodeSource(testing::ReadFileOrDie(testing::SourcePath(std::string("samples/") + name)),
                         name, {}, &source).ok());
    for (const Line& line : SplitLines(source.text)) {
      FoldedLine folded;
      FoldLine(source.text, {line.begin, line.end}, {}, &folded);
      views.push_back(folded.view);
    }
  }
  // Random texts of label syntax and prose around a colon, with labels on
  // both sides of the bound and runs of spaces, folded as lines are.
  const std::vector<std::string> parts = {
      "暗涌", "梁文锋", "a", "Host", "很长的名字很长的名字", " ", "  ", ":", "**", "(", ")", "创始人", "[", "]",
      "\"", "\u201c", "\u201d", "\u300c", "\u3011", "\u3002", "\u3001", "# ", "12:30 ", "3", ".", "x", "你好",
      "他说了很多很多很多很多很多话"};
  std::uint32_t state = 7;
  const auto next = [&state] { return (state = state * 1103515245 + 12345) >> 16; };
  for (int round = 0; round < 20000; ++round) {
    std::string view;
    const int n = 1 + static_cast<int>(next() % 9);
    for (int k = 0; k < n; ++k) view += parts[next() % parts.size()];
    std::string folded;
    FoldText(view, &folded);
    views.push_back(folded);
  }
  int plain = 0, none = 0;
  for (const std::string& view : views) {
    CAPTURE(view);
    std::size_t label_end = 0, marker_end = 0;
    const PlainLabel answer = MatchPlainLabel(view, c.max_label_chars, &label_end, &marker_end);
    re2::StringPiece groups[3];
    const re2::StringPiece input(view.data(), view.size());
    const bool pattern = c.label_candidate->Match(input, 0, input.size(), RE2::ANCHOR_START, groups, 3);
    if (answer == PlainLabel::kNone) {
      ++none;
      CHECK_FALSE(pattern);
    }
    if (answer != PlainLabel::kFound) continue;
    ++plain;
    REQUIRE(pattern);
    CHECK(groups[0].size() == marker_end);
    CHECK(groups[1].data() == view.data());
    CHECK(groups[1].size() == label_end);
    CHECK(groups[2].data() == nullptr);
  }
  CHECK(plain > 100);  // the fast path is the common case
  CHECK(none > 1000);  // and so is prose, which needs no pattern
}

}  // namespace qaextract::internal

namespace qaextract::internal {
namespace {

// The emphasized-label shapes as they were written first: the whole line
// matched, the words captured, the label bounded in the pattern. The
// classifier matches the marker only and bounds the label after; this
// reference says that the groups come out the same on every line.
struct ShapeGroups {
  bool matched = false;
  std::string marker, heading, bold, plain;
  bool words = false;
  bool operator==(const ShapeGroups& o) const {
    return matched == o.matched && marker == o.marker && heading == o.heading && bold == o.bold &&
           plain == o.plain && words == o.words;
  }
};

std::string Group(const re2::StringPiece& g) { return g.data() ? std::string(g.data(), g.size()) : "<none>"; }

ShapeGroups WholeLineShape(const std::string& view) {
  static const RE2 kWhole(
      "^((?:[\\[(]?\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?[\\])]? )?(#{1,6} )?"
      "(?:(?:\\*\\*|__) ?([^*_:#]{1,96}?) ?(?:\\*\\*|__)|([^*_:#]{1,96}?)))(?: (.*))?$");
  re2::StringPiece g[6];
  ShapeGroups r;
  if (!kWhole.Match(view, 0, view.size(), RE2::ANCHOR_BOTH, g, 6)) return r;
  r = {true, Group(g[1]), Group(g[2]), Group(g[3]), Group(g[4]), g[5].data() != nullptr && !g[5].empty()};
  return r;
}

ShapeGroups MarkerShape(const std::string& view) {
  static const RE2 kMarker(
      "^((?:[\\[(]?\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?[\\])]? )?(#{1,6} )?"
      "(?:(?:\\*\\*|__) ?([^*_:#]+?) ?(?:\\*\\*|__)|([^*_:#]+?)))(?: |$)");
  re2::StringPiece g[5];
  ShapeGroups r;
  if (!kMarker.Match(view, 0, view.size(), RE2::ANCHOR_START, g, 5)) return r;
  const re2::StringPiece name = g[3].data() ? g[3] : g[4];
  if (CountCodePoints(std::string_view(name.data(), name.size())) > 96) return r;  // the length checked after
  r = {true, Group(g[1]), Group(g[2]), Group(g[3]), Group(g[4]), view.size() > g[1].size() + 1};
  return r;
}

}  // namespace

TEST_CASE("Classifier: the emphasized-label shape matched by its marker only gives the whole line's groups") {
  std::vector<std::string> texts = {
      "**Name** words after\n**Name**\n**Name **\n__A B__ c\n### Heading\n### Heading words\n"
      "[00:01:02] **Host** hello\n0:00:14.2 **Adam Bell** hi there\n## \n**a**b\n**x** \n**x**  two\n"
      "12:30 plain label words\n(1:02) ### Name\n#heading\n** spaced ** words\n**never closed words\n" +
      std::string("**") + std::string(96, 'x') + "** ninety-six\n**" + std::string(97, 'y') + "** ninety-seven\n" +
      "### " + std::string(120, 'z') + "\n"};
  for (const char* name : {"zh-anyong-interview-v1.txt", "zh-anyong-interview-v2.txt", "zh-hant-bloomberg-podcast.txt",
                           "zh-hant-narrative-profile.txt"})
    texts.push_back(testing::ReadFileOrDie(testing::SourcePath(std::string("samples/") + name)));
  const std::string corpus = testing::SourcePath("../shared/corpus/docs");
  const bool with_corpus = std::filesystem::is_directory(corpus);
  if (with_corpus)
    for (const auto& entry : std::filesystem::directory_iterator(corpus))
      texts.push_back(testing::ReadFileOrDie(entry.path().string()));
  int matched = 0;
  for (const std::string& text : texts) {
    for (const Line& line : SplitLines(text)) {
      FoldedLine folded;
      FoldLine(text, ByteSpan{line.begin, line.end}, {}, &folded);
      CAPTURE(folded.view);
      const ShapeGroups whole = WholeLineShape(folded.view);
      CHECK(MarkerShape(folded.view) == whole);
      matched += whole.matched;
    }
  }
  // The comparison covered lines of the shape (98 in the made-up lines and
  // the samples alone; the evaluation corpus is not beside every checkout).
  CHECK(matched > (with_corpus ? 100 : 50));
}

TEST_CASE("Classifier: a built-in rule's own pattern waits until its set cannot answer for it") {
  // The line sets answer for every noise and boundary rule; compiling each
  // rule alone as well, on the first line, was 7% of a `convert`'s
  // instructions.
  RuleLibrary library;
  REQUIRE(RuleLibrary::LoadBuiltin({}, &library).ok());
  const auto named = std::find_if(library.rule_sets().begin(), library.rule_sets().end(),
                                  [](const RuleSet& r) { return r.name() == "base-en"; });
  REQUIRE(named != library.rule_sets().end());
  const CompiledRules& rules = CompiledOf(*named);
  REQUIRE(!rules.line_sets.empty());
  REQUIRE(!rules.body_ends_before.empty());
  const std::string text = "An ordinary sentence of the interview.\nCopyright 2024 by the publisher\n";
  const std::vector<Line> lines = SplitLines(text);
  REQUIRE(lines.size() == 2);
  Classifier classifier(rules, text);
  CHECK(classifier.Classify(lines[0]).kind == LineKind::kText);
  const LineLabel footer = classifier.Classify(lines[1]);
  CHECK(footer.kind == LineKind::kBodyEnd);  // the set's answer
  CHECK(!footer.rule.empty());
  for (const Rule& r : rules.body_ends_before) {
    CAPTURE(r.id);
    CHECK(!r.re.compiled());
  }
}

}  // namespace qaextract::internal
