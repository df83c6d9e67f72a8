// The assembler's regions and states, on small articles built in the test.
#include <doctest/doctest.h>

#include "testing/test_util.h"

namespace qaextract {
namespace {

const char* const kRules = R"(
name: interview
extends: [base-zh]
speakers:
  - {id: q, name: 记者, role: interviewer, markers: [记者, 问]}
  - {id: a, name: 张三, role: interviewee, markers: [张三, 答], metadata: {organization: ACME}}
sections:
  numbered: '^(?P<number>\d{2})$'
  headings: {between_turns: true}
)";

const RuleSet& Rules() {
  static const RuleSet rules = testing::LoadRulesString(kRules);
  return rules;
}

}  // namespace

TEST_CASE("Assembler: preamble, body and trailer with metadata and a title") {
  Document doc = testing::ExtractString(
      "股票配资\n"
      "一次访谈的标题\n"
      "发布日期:2024-01-02 10:00\n"
      "文 | 李四\n"
      "导语在这里。\n"
      "以下为对话部分\n"
      "记者:你好吗?\n"
      "张三:很好。\n"
      "第二段。\n"
      "发布于:北京市\n"
      "Powered by x\n",
      Rules());
  REQUIRE(doc.turns.size() == 2);
  CHECK(doc.turns[0].speaker == "q");
  CHECK(doc.turns[1].text == "很好。\n第二段。");
  CHECK(doc.turns[1].paragraphs.size() == 2);
  CHECK(doc.turns[1].line_start == 8);
  CHECK(doc.turns[1].line_end == 9);
  REQUIRE(doc.preamble);
  CHECK(doc.preamble->text == "导语在这里。\n以下为对话部分");
  CHECK(doc.preamble->line_start == 5);
  CHECK(doc.preamble->line_end == 6);
  REQUIRE(doc.trailer);
  CHECK(doc.trailer->text == "发布于:北京市\nPowered by x");
  CHECK(FindField(doc.metadata, "title")->values[0] == "一次访谈的标题");
  CHECK(FindField(doc.metadata, "date")->values[0] == "2024-01-02 10:00");
  CHECK(FindField(doc.metadata, "authors")->values == std::vector<std::string>{"李四"});
  CHECK(FindField(doc.metadata, "location")->values[0] == "北京市");
  REQUIRE(doc.removed.size() == 1);
  CHECK(doc.removed[0].kind == "noise-line");
  CHECK(doc.removed[0].text == "股票配资");
}

TEST_CASE("Assembler: without a boundary the body starts at the first turn") {
  Document doc = testing::ExtractString("一段介绍,不是标题。\n问:一?\n答:二。\n", Rules());
  REQUIRE(doc.preamble);
  CHECK(doc.preamble->text == "一段介绍,不是标题。");
  CHECK(doc.turns.size() == 2);
  CHECK(FindField(doc.metadata, "title") == nullptr);  // ends like a sentence
}

TEST_CASE("Assembler: numbered sections take their title from the next line") {
  Document doc = testing::ExtractString(
      "01\n\n价格战:怎样打响的\n\n记者:问一\n张三:答一\n02\n第二节\n记者:问二\n张三:答二\n",
      Rules());
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].number == std::optional<std::string>("01"));
  CHECK(doc.sections[0].title == std::optional<std::string>("价格战:怎样打响的"));
  CHECK(doc.sections[0].line == 1);
  CHECK(doc.sections[1].title == std::optional<std::string>("第二节"));
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[1].section == std::optional<int>(0));
  CHECK(doc.turns[2].section == std::optional<int>(1));
}

TEST_CASE("Assembler: a short line before a turn is a heading, elsewhere it is text") {
  Document doc = testing::ExtractString(
      "记者:问一\n张三:答一\n补充一句\n更短的标题\n记者:问二\n张三:答二\n", Rules());
  REQUIRE(doc.sections.size() == 1);
  CHECK(!doc.sections[0].number);
  CHECK(doc.sections[0].title == std::optional<std::string>("更短的标题"));
  CHECK(doc.sections[0].line == 4);
  CHECK(doc.turns[1].text == "答一\n补充一句");
  CHECK(doc.turns[2].section == std::optional<int>(0));
}

TEST_CASE("Assembler: a reader question right before the footer goes to the trailer") {
  Document doc = testing::ExtractString(
      "记者:问一\n张三:答一。\n最后一段回答。\n你用起来了吗?\n欢迎评论区一起聊聊\n", Rules());
  REQUIRE(doc.turns.size() == 2);
  CHECK(doc.turns[1].text == "答一。\n最后一段回答。");
  REQUIRE(doc.trailer);
  CHECK(doc.trailer->line_start == 4);
  // The question is read without its inline noise: it ends with "?" once
  // the spam word after it is cut out.
  doc = testing::ExtractString("记者:问一\n张三:答一。\n最后一段回答。\n你用起来了吗?迪士尼彩乐园\n欢迎评论区一起聊聊\n",
                               Rules());
  REQUIRE(doc.turns.size() == 2);
  CHECK(doc.turns[1].text == "答一。\n最后一段回答。");
  REQUIRE(doc.trailer);
  CHECK(doc.trailer->line_start == 4);
}

TEST_CASE("Assembler: speakers, aliases, descriptors and consecutive turns") {
  Document doc = testing::ExtractString(
      "问:一\n张三(ACME创始人):二\n答:三\n", Rules());
  REQUIRE(doc.speakers.size() == 2);
  const Speaker& a = doc.speakers[1];
  CHECK(a.id == "a");
  CHECK(a.turn_count == 2);
  CHECK(a.aliases == std::vector<std::string>{"张三", "答"});
  CHECK(FindField(a.metadata, "organization")->values[0] == "ACME");
  CHECK(FindField(a.metadata, "descriptors")->values == std::vector<std::string>{"ACME创始人"});
  CHECK(doc.turns[1].descriptor == std::optional<std::string>("ACME创始人"));
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].code == "consecutive-turns");
  CHECK(doc.warnings[0].line == 3);
}

TEST_CASE("Assembler: no turns gives no-dialogue and keeps the text as passages") {
  Document doc = testing::ExtractString("01\n这是叙述。\n还是叙述。\n", Rules());
  CHECK(doc.turns.empty());
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].code == "no-dialogue");
  REQUIRE(doc.passages.size() == 1);
  CHECK(doc.passages[0].text == "这是叙述。\n还是叙述。");
  CHECK(doc.passages[0].section == std::optional<int>(0));
}

TEST_CASE("Assembler: turn byte offsets point at the original bytes") {
  const std::string text = "前言。\n问:你好吗?\n答:好,配资股票很好。\n";
  Document doc = testing::ExtractString(text, Rules());
  REQUIRE(doc.turns.size() == 2);
  const Turn& t = doc.turns[1];
  CHECK(text.substr(t.byte_start, t.byte_end - t.byte_start) == "答:好,配资股票很好。");
  CHECK(t.text == "好,很好。");
  REQUIRE(doc.removed.size() == 1);
  const Removed& r = doc.removed[0];
  CHECK(r.kind == "inline");
  CHECK(text.substr(r.byte_start, r.byte_end - r.byte_start) == "配资股票");
}

TEST_CASE("Extract: an over-long line is an error naming the line") {
  Source source;
  REQUIRE(DecodeSource("ok\n" + std::string(100, 'x') + "\n", "long.txt", {}, &source).ok());
  ExtractOptions options;
  options.max_line_bytes = 50;
  Document doc;
  CHECK(Extract(source, Rules(), options, &doc).ToString() ==
        "long.txt:2: error: line is 100 bytes, over the limit of 50 (--max-line-bytes)");
}

TEST_CASE("Extract: more lines than max_lines is an error, at the limit is not") {
  Source source;
  REQUIRE(DecodeSource("Q: a\nA: b\n\n\nQ: c\n", "many.txt", {}, &source).ok());
  ExtractOptions options;
  options.max_lines = 4;
  Document doc;
  CHECK(Extract(source, Rules(), options, &doc).ToString() ==
        "many.txt: error: more than 4 lines (--max-lines)");
  options.max_lines = 5;
  CHECK(Extract(source, Rules(), options, &doc).ok());
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Assembler: a heading or turn start outside the body keeps its number and marker") {
  // The body starts after the boundary line, so the numbered line and the
  // turn start above it are preamble text, whole. (fuzz_rules_extract found
  // the heading's number dropped from the preamble.)
  const RuleSet rules = testing::LoadRulesString(R"(
name: late-body
speakers:
  - {id: q, role: interviewer, markers: [问]}
  - {id: a, role: interviewee, markers: [答]}
sections:
  numbered: '^(?P<number>\d{2})$'
boundaries:
  body_starts_after: '^正文$'
)");
  Document doc = testing::ExtractString("01\n问:预告\n正文\n问:你好?\n答:好。\n", rules);
  REQUIRE(doc.preamble.has_value());
  CHECK(doc.preamble->text == "01\n问:预告\n正文");
  CHECK(doc.turns.size() == 2);
  CHECK(doc.sections.empty());
}

}  // namespace qaextract
