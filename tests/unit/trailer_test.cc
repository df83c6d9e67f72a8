// Where the dialogue ends without a rule file for the source: footers that
// the built-in base-zh and base-en name, closing link lists, credits as
// metadata, and footer-shaped lines inside the dialogue that do not end it.
// Every article here is made up for the shape it shows.
#include <doctest/doctest.h>

#include "testing/test_util.h"

namespace qaextract {
namespace {

Document Extract(const std::string& text) { return testing::ExtractWithBuiltins(text); }

const char kZhDialogue[] =
    "问：今年的计划是什么？\n"
    "答：先把产品做好，再谈扩张。\n"
    "问：团队有多大？\n"
    "答：三十个人左右，大部分是工程师。\n"
    "问：最大的困难呢？\n"
    "答：招人。好的人永远不够。\n";

const char kEnDialogue[] =
    "Q: What is the plan for this year?\n"
    "A: Ship the product first, then grow.\n"
    "Q: How big is the team?\n"
    "A: About thirty people, mostly engineers.\n"
    "Q: And the hardest part?\n"
    "A: Hiring. There are never enough good people.\n";

std::string LastTurnText(const Document& doc) {
  REQUIRE_FALSE(doc.turns.empty());
  return doc.turns.back().text;
}

}  // namespace

TEST_CASE("Trailer: Chinese footers end the dialogue") {
  for (const char* footer : {"（完）", "(全文完)", "-END-", "****未******经授权，严禁转载**", "本文未经允许请勿转载",
                             "转载或商务合作请留言", "（本文仅代表作者观点）", "责任编辑：王五", "推荐阅读：",
                             "点击阅读原文"}) {
    CAPTURE(footer);
    const Document doc = Extract(std::string(kZhDialogue) + "\n" + footer + "\n\n一些别的文字。\n");
    REQUIRE(doc.turns.size() == 6);
    CHECK(LastTurnText(doc) == "招人。好的人永远不够。");
    CHECK(doc.turns.back().line_end == 6);
  }
  const Document doc = Extract(std::string(kZhDialogue) + "\n责任编辑：王五\n");
  const Field* editors = FindField(doc.metadata, "editors");
  REQUIRE(editors != nullptr);
  CHECK(editors->values.front() == "王五");
}

TEST_CASE("Trailer: English footers end the dialogue, credits are metadata") {
  for (const char* footer : {"This interview has been edited for length and clarity.",
                             "*This conversation has been condensed and lightly edited.*",
                             "Note: This transcript was generated automatically and may contain errors.",
                             "Copyright 2025 Example Media. All rights reserved.", "© 2024 Example Inc.",
                             "Read more:", "Related Articles", "## See also",
                             "Subscribe to our newsletter for more interviews.",
                             "Jane Doe is a senior reporter at Example News covering technology.",
                             "Additional reporting by John Roe.", "[1]: https://example.org/source"}) {
    CAPTURE(footer);
    const Document doc = Extract(std::string(kEnDialogue) + "\n" + footer + "\n\nSomething else entirely.\n");
    REQUIRE(doc.turns.size() == 6);
    CHECK(LastTurnText(doc) == "Hiring. There are never enough good people.");
    CHECK(doc.turns.back().line_end == 6);
  }
  const Document doc = Extract(std::string(kEnDialogue) + "\nEdited by Sam Poe.\n\nCopyright 2024 Example Media\n");
  const Field* editors = FindField(doc.metadata, "editors");
  REQUIRE(editors != nullptr);
  CHECK(editors->values.front() == "Sam Poe");
  const Field* copyright = FindField(doc.metadata, "copyright");
  REQUIRE(copyright != nullptr);
  CHECK(copyright->values.front() == "Copyright 2024 Example Media");
}

TEST_CASE("Trailer: minutes end at the adjournment, not in the last speech") {
  for (const std::string line : {"The meeting adjourned at 5:03 p.m.", "(Whereupon, at 11:40 a.m., the hearing was adjourned.)",
                           "Meeting adjourned.", "The session was closed at noon."}) {
    CAPTURE(line);
    const Document doc = Extract(std::string(kEnDialogue) + "\n" + line + "\n");
    REQUIRE(doc.turns.size() == 6);
    CHECK(doc.turns.back().line_end == 6);
  }
  for (const std::string line : {"委员会遂于下午 5时 03分休会。", "會議於晚上八時結束。", "散会。"}) {
    CAPTURE(line);
    const Document doc = Extract(std::string(kZhDialogue) + "\n" + line + "\n");
    REQUIRE(doc.turns.size() == 6);
    CHECK(doc.turns.back().line_end == 6);
  }
  // A speaker who adjourns says so in a turn, which stays whole.
  const Document chair = Extract(std::string(kEnDialogue) + "Q: The meeting is adjourned.\n");
  CHECK(chair.turns.size() == 7);
  const Document zh = Extract(std::string(kZhDialogue) + "问：现在休会。\n");
  CHECK(zh.turns.size() == 7);
}

TEST_CASE("Trailer: a closing list of links is not the last answer") {
  const Document doc = Extract(std::string(kEnDialogue) +
                               "\nReferences\n\n    https://example.org/a\n    http://example.com/b?x=1\n"
                               "\nFurther links\n\n- [A report](https://example.net/r)\n<https://example.org/c>\n");
  CHECK(LastTurnText(doc) == "Hiring. There are never enough good people.");
  CHECK(doc.turns.back().line_end == 6);
  // One link is part of an answer, and so is a short closing sentence.
  const Document one = Extract(std::string(kEnDialogue) + "Thanks!\nhttps://example.org/a\n");
  CHECK(one.turns.back().line_end == 8);
  const Document words = Extract(std::string(kEnDialogue) + "See you.\nhttps://example.org/a\nhttps://example.org/b\n");
  CHECK(words.turns.back().line_end == 7);  // "See you." stays; the two links after it do not
}

TEST_CASE("Trailer: a footer-shaped line inside the dialogue does not end it") {
  const Document doc = Extract(
      "问：你怎么看转载？\n"
      "答：我在文章末尾写过：\n"
      "本文未经允许请勿转载\n"
      "这是我的立场。\n"
      "问：还有呢？\n"
      "答：没有了。\n"
      "问：谢谢。\n"
      "答：不客气。\n"
      "\n"
      "（完）\n");
  REQUIRE(doc.turns.size() == 6);
  CHECK(doc.turns[1].text == "我在文章末尾写过：\n本文未经允许请勿转载\n这是我的立场。");
  CHECK(doc.turns.back().line_end == 8);
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Trailer: closing stage lines, time stamps and editor's notes are not the last answer") {
  for (const char* tail : {"(Exit music)", "[outro music]", "【完】", "（音乐渐弱）", "[01:02:03]", "00:41:12",
                           "Note: this transcript was lightly edited by a volunteer.",
                           "_Editor's note: the guest later corrected one date._",
                           "[music]\n\n[01:02:03]\n\n*Note: recorded live.*"}) {
    CAPTURE(tail);
    const Document doc = testing::ExtractWithBuiltins(std::string(kEnDialogue) + "\n" + tail + "\n");
    CHECK(LastTurnText(doc) == "Hiring. There are never enough good people.");
    CHECK(doc.trailer.has_value());
  }
}

TEST_CASE("Trailer: a stage line inside a turn, or a turn's only words, stays in the turn") {
  Document doc = testing::ExtractWithBuiltins(std::string(kEnDialogue) + "\n(laughs)\n\nAnd we keep trying.\n");
  CHECK(LastTurnText(doc).find("And we keep trying.") != std::string::npos);
  doc = testing::ExtractWithBuiltins(std::string(kEnDialogue) + "Q:\n\n(silence)\n");
  CHECK(LastTurnText(doc) == "(silence)");
}

TEST_CASE("Trailer: a list heading that is also an end boundary starts the closing link list") {
  const Document doc = testing::ExtractWithBuiltins(
      std::string(kEnDialogue) +
      "\nFurther reading\n\n    https://example.org/a\n    https://example.org/b\n\nReferences\n\n"
      "    https://example.org/c\n    https://example.org/d\n");
  CHECK(LastTurnText(doc) == "Hiring. There are never enough good people.");
}

}  // namespace qaextract
