// Source formatting is cut out of turn text, recorded, and only formatting:
// every mark on its own, the text that looks like a mark but is not, and
// whole articles through the extractor (nothing lost, markers untouched).
#include <doctest/doctest.h>

#include "parse/accounting.h"
#include "parse/markup.h"
#include "extract/traced.h"
#include "testing/test_util.h"

namespace qaextract::internal {
namespace {

// The paragraph with its markup cut out.
std::string Words(const std::string& paragraph) {
  std::string out;
  std::size_t pos = 0;
  for (const Cut& c : FindMarkup(paragraph, {0, paragraph.size()})) {
    REQUIRE(c.span.begin >= pos);  // in order, not overlapping
    out += paragraph.substr(pos, c.span.begin - pos);
    pos = c.span.end;
  }
  return out + paragraph.substr(pos);
}

std::vector<std::string> Rules(const std::string& paragraph) {
  std::vector<std::string> rules;
  for (const Cut& c : FindMarkup(paragraph, {0, paragraph.size()})) rules.emplace_back(c.rule);
  return rules;
}

}  // namespace

TEST_CASE("Markup: emphasis marks are cut, the words stay") {
  CHECK(Words("**你对此怎么看？**") == "你对此怎么看？");
  CHECK(Words("你对此怎么看？**") == "你对此怎么看？");  // the close of a bold question after its marker
  CHECK(Words("****为什么？**") == "为什么？");
  CHECK(Words("__Bold__ and *em* and _em_ and ***both***") == "Bold and em and em and both");
  CHECK(Words("Markdown italics _Res publica_ here") == "Markdown italics Res publica here");
  CHECK(Words("~~struck~~ out") == "struck out");
  CHECK(Rules("**a**") == std::vector<std::string>{"markup.emphasis", "markup.emphasis"});
}

TEST_CASE("Markup: what looks like emphasis but is text stays") {
  for (const char* text : {"5 * 3 = 15", "snake_case_name and __init__py", "a*b*c is not", "footnote*",
                           "price: 5_000", "* a list item", "_", "x * y * z"}) {
    CAPTURE(text);
    CHECK(Words(text) == text);
  }
}

TEST_CASE("Markup: links keep their text, images and footnote marks go") {
  CHECK(Words("see [the report](https://example.org/a_b*c) now") == "see the report now");
  CHECK(Words("a [reference][1] link") == "a reference link");
  CHECK(Words("before ![](https://img.example/x.png) after") == "before  after");
  CHECK(Words("![alt text](a.png)") == "");
  CHECK(Words("[![logo](l.png)](https://example.org)") == "");
  CHECK(Words("a claim[^3] made") == "a claim made");
  CHECK(Words("mail <https://example.org/x> now") == "mail https://example.org/x now");
  CHECK(Words("[laughter] and [crosstalk]") == "[laughter] and [crosstalk]");
  CHECK(Words("[**bold link**](u)") == "bold link");
}

// Each line of `text` with its markup cut out, lines scanned one at a time
// as the assembler does, joined by newlines.
std::string LineWords(const std::string& text) {
  std::string out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::size_t pos = begin;
    for (const Cut& c : FindMarkup(text, {begin, end})) {
      out += text.substr(pos, c.span.begin - pos);
      pos = c.span.end;
    }
    out += text.substr(pos, end - pos);
    if (end == text.size()) break;
    out += '\n';
    begin = end + 1;
  }
  return out;
}

TEST_CASE("Markup: a link split by a hard wrap is cut in both lines") {
  CHECK(LineWords("a chair of [SIG\nTesting](https://example.org/sig-testing) and more") ==
        "a chair of SIG\nTesting and more");
  CHECK(LineWords("vote for the [Technical Oversight\nCommittee][toc] (TOC)") ==
        "vote for the Technical Oversight\nCommittee (TOC)");
  CHECK(LineWords("with CRLF [two\r\nwords](/x) here") == "with CRLF two\r\nwords here");
  // A bracket that the next line does not close as a link stays, and so
  // does a "](" with no bracket left open on the line before.
  CHECK(LineWords("a list [1, 2,\n3] of numbers") == "a list [1, 2,\n3] of numbers");
  CHECK(LineWords("an open [bracket\n\nparagraph](x) later") == "an open [bracket\n\nparagraph](x) later");
  CHECK(LineWords("no opener\nhere](https://example.org) at all") == "no opener\nhere](https://example.org) at all");
}

TEST_CASE("Markup: HTML tags, entities, escapes") {
  CHECK(Words("a <b>bold</b> word<br/>") == "a bold word");
  CHECK(Words("<span class=\"x\">text</span>") == "text");
  CHECK(Words("AT&amp;T") == "AT&T");
  CHECK(Words("a&nbsp;b") == "ab");
  CHECK(Words("x < y and y > z, <3") == "x < y and y > z, <3");
  CHECK(Words("&lt;kept&gt;") == "&lt;kept&gt;");  // cutting would lose the character
  CHECK(Words("\\[02:01\\] \\@name \\*not em\\*") == "[02:01] @name *not em*");
  CHECK(Words("a \\ b") == "a \\ b");
}

TEST_CASE("Markup: heading hashes and quote marks at a paragraph start, captions whole") {
  CHECK(Words("## 第二部分") == "第二部分");
  CHECK(Words("> 引用的一句话。") == "引用的一句话。");
  CHECK(Words("> > ### deep") == "deep");
  CHECK(Words("#hashtag stays") == "#hashtag stays");
  CHECK(Words("issue #5 stays") == "issue #5 stays");
  CHECK(Words("<figcaption>围攻巴格达</figcaption>") == "");
  CHECK(Rules("<figcaption>x</figcaption>") == std::vector<std::string>{"markup.caption"});
}

TEST_CASE("Markup: editor's notes are not the speaker's words") {
  CHECK(Words("编者注：本文有删节。") == "");
  CHECK(Words("[Editor's note: this answer was edited for length.]") == "");
  CHECK(Words("我们在2019年（编者注：即公司成立次年）上市。") == "我们在2019年上市。");
  CHECK(Words("It shipped (Editor\u2019s note: in March) on time.") == "It shipped  on time.");
  CHECK(Words("[Editor's note: one line.] And then my answer.") == " And then my answer.");
  CHECK(Rules("编者注：x") == std::vector<std::string>{"editorial.note"});
  CHECK(Words("我注意到这一点（注意力很重要）。") == "我注意到这一点（注意力很重要）。");  // "注意" is not a note
}

TEST_CASE("Markup: through the extractor, turns hold the words and removed[] the marks") {
  const std::string article =
      "**记者：**你对此怎么看？**\n"
      "张三：我看 [这份报告](https://example.org/r) 说得 *很* 清楚。\n"
      "\n"
      "![](https://img.example/a.png)\n"
      "\n"
      "<figcaption>一张图</figcaption>\n"
      "\n"
      "> 引用一句。\n"
      "**记者：**还有呢？**\n"
      "张三：AT&amp;T 和 \\@某人。\n";
  const RuleSet rules = testing::LoadRulesString(
      "name: t\nspeakers:\n  - {id: q, role: interviewer, markers: [记者]}\n"
      "  - {id: a, role: interviewee, markers: [张三]}\n");
  Source source;
  REQUIRE(DecodeSource(article, "a.txt", {}, &source).ok());
  Document doc;
  Trace trace;
  REQUIRE(ExtractTraced(source, rules, {}, &doc, &trace).ok());
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[0].text == "你对此怎么看？");
  CHECK(doc.turns[0].marker == "**记者：**");  // the marker is as written
  CHECK(doc.turns[1].text == "我看 这份报告 说得 很 清楚。\n引用一句。");
  CHECK(doc.turns[2].text == "还有呢？");
  CHECK(doc.turns[3].text == "AT&T 和 @某人。");
  int markup = 0;
  for (const Removed& r : doc.removed) {
    if (r.kind != "markup") continue;
    ++markup;
    CHECK(source.text.substr(r.byte_start, r.byte_end - r.byte_start) == r.text);  // offsets into the input
  }
  CHECK(markup >= 10);
  CHECK(CheckAccounting(source, doc, trace) == std::vector<std::string>{});

  // A source whose formatting is its text keeps it.
  const RuleSet keep = testing::LoadRulesString(
      "name: t\nnoise: {markup: keep}\nspeakers:\n  - {id: q, role: interviewer, markers: [记者]}\n"
      "  - {id: a, role: interviewee, markers: [张三]}\n");
  const Document kept = testing::ExtractString(article, keep);
  REQUIRE(kept.turns.size() == 4);
  CHECK(kept.turns[0].text == "你对此怎么看？**");
  CHECK(kept.turns[3].text == "AT&amp;T 和 \\@某人。");
}

}  // namespace qaextract::internal
