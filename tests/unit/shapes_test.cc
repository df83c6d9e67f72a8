// Zero-config extraction of the speaker shapes the web uses besides
// "Name: words", each in a made-up article: heading markers, a name alone
// on its line (bold or heading), a bold name with the words after it and a
// time stamp before it, colons NFKC keeps, and speakers who speak once.
#include <doctest/doctest.h>

#include <fstream>

#include "qaextract/roles.h"
#include "testing/test_util.h"

namespace qaextract {
namespace {

Document Extract(const std::string& text) { return testing::ExtractWithBuiltins(text); }

std::vector<int> TurnLines(const Document& doc) {
  std::vector<int> lines;
  for (const Turn& t : doc.turns) lines.push_back(t.line_start);
  return lines;
}

}  // namespace

TEST_CASE("Shapes: heading markers alone on their line, the words below") {
  const Document doc = Extract(
      "# Weekly sync\n\n### Alice Moreau:\n\nThe build is green again, and the release branch is cut.\n\n"
      "### Bob Tanaka:\n\nDid the migration finish over the weekend?\n\n### Alice Moreau:\n\nIt did, with two retries.\n\n"
      "### Bob Tanaka:\n\nThen we can ship on Thursday.\n\n## Next steps: ship it\n\nShip it.\n");
  CHECK(TurnLines(doc) == std::vector<int>{3, 7, 11, 15});
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[0].marker == "### Alice Moreau:");
  CHECK(doc.turns[1].text == "Did the migration finish over the weekend?");
  CHECK(doc.sections.size() >= 1);  // "## Next steps: ship it" stays a heading
}

TEST_CASE("Shapes: a bold name alone on its line, bullets below, short names joining the full ones") {
  const Document doc = Extract(
      "Call notes\n\n**Maria Lopez**\n\n* The client release is ready for testing.\n* Two bugs are left.\n\n"
      "**Kenji Sato**\n\n* We found the same bugs and fixed one of them yesterday.\n\n"
      "**Maria Lopez**\n\n* Good, then we test the fix today.\n\n"
      "**Kenji Sato**\n\n* I will send a build in an hour.\n\n"
      "**Ravi Patel**\n\n* Please include the logging change as well.\n\n"
      "**Maria**\n\n* Agreed, that is everything for today.\n");
  REQUIRE(doc.turns.size() == 6);
  CHECK(doc.turns[0].text == "* The client release is ready for testing.\n* Two bugs are left.");
  CHECK(doc.turns[4].speaker == "ravi-patel");  // speaks once, named like the others
  CHECK(doc.turns[5].speaker == doc.turns[0].speaker);  // "Maria" is Maria Lopez
}

TEST_CASE("Shapes: a bold name with the words after it, behind a time stamp") {
  const Document doc = Extract(
      "0:00:14.2 **Adam Reyes** Welcome to the show, this is our first episode.\n\n"
      "0:00:21.4 **Jenna Lee** Thanks for having me here.\n\n"
      "0:00:25.0 **Adam Reyes** Tell us what you are reading this month?\n\n"
      "0:00:31.8 **Jenna Lee** A long novel about a family of sailors.\n");
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[0].text == "Welcome to the show, this is our first episode.");
  CHECK(doc.turns[0].marker == "0:00:14.2 **Adam Reyes**");
  CHECK(doc.speakers.size() == 2);
}

TEST_CASE("Shapes: time stamps before or after the label are the turn's timestamp") {
  const Document doc = Extract(
      "[00:12:31] Alice Moreau: Hello there, how are you today?\n[00:12:35] Bob Tanaka: Fine, thanks for asking.\n"
      "[00:12:40] Alice Moreau: What are you working on?\n[00:12:44] Bob Tanaka: A new book about boats.\n");
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[0].timestamp == "00:12:31");
  CHECK(doc.turns[0].text == "Hello there, how are you today?");
  const Document after = Extract(
      "Jane Doe: (02:18)\nThank you all for coming today.\n\nJohn Roe: (03:43)\nWhat is the timeline?\n\n"
      "Jane Doe: (05:04)\nThe first phase ends in May.\n\nJohn Roe: (06:27)\nAnd the second phase?\n");
  REQUIRE(after.turns.size() == 4);
  CHECK(after.turns[1].timestamp == "03:43");
  CHECK(after.turns[1].marker == "John Roe: (03:43)");
  CHECK(after.turns[1].text == "What is the timeline?");
  const Document zh = Extract("主持人(12:05)：欢迎大家。\n嘉宾(12:06)：谢谢邀请。\n主持人(12:08)：先聊聊新书？\n嘉宾(12:09)：好的。\n");
  REQUIRE(zh.turns.size() == 4);
  CHECK(zh.turns[0].timestamp == "12:05");
  CHECK_FALSE(zh.turns[0].descriptor.has_value());
}

TEST_CASE("Shapes: colons NFKC keeps ('︰', '∶') are colons") {
  const Document doc = Extract("主持人︰你好嗎？\n嘉賓∶很好，謝謝。\n主持人︰最近在忙甚麼？\n嘉賓∶在寫一本書。\n");
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[0].marker == "主持人︰");
  CHECK(doc.turns[1].text == "很好，謝謝。");
}

TEST_CASE("Shapes: speakers who speak once between accepted turns") {
  const Document doc = Extract(
      "主席：現在開會。請發言。\n甲乙丙議員：我認為應該先討論安全問題，這件事很急。\n"
      "主席：好。下一位。\n丁戊己議員：我同意，而且需要更多資源。\n主席：還有嗎？\n"
      "庚辛壬議員：我補充一點，預算要公開。\n主席：好，下一位。\n甲乙丙議員：我再說一句，謝謝。\n"
      "主席：散會。\n");
  CHECK(doc.turns.size() == 9);
  CHECK(doc.speakers.size() == 4);
}

TEST_CASE("Shapes: a member who speaks once, last, in minutes joins the dialogue, a footer field does not") {
  const std::string minutes =
      "Notes of the weekly call\n\n## Item one\n\nAB: We start with the release plan for next week.\n\n"
      "CD: Two blockers are left, both in the installer.\n\nAB: Can they be fixed by Friday?\n\n"
      "EF: One can, the other needs a decision from the team.\n\nCD: Then we decide it now.\n\n"
      "AB: Agreed, the installer waits a week.\n\n## Any other business\n\n"
      "GH: I was asked to mention the workshop on tooling next month, please sign up.\n";
  const Document doc = Extract(minutes);
  CHECK(doc.turns.size() == 7);
  REQUIRE_FALSE(doc.turns.empty());
  CHECK(doc.turns.back().marker == "GH:");
  // The same shape after the dialogue, but a field, not a sentence; and a
  // two-character Han field after a dialogue of two-character names.
  CHECK(Extract(minutes.substr(0, minutes.find("GH:")) + "GH: 2024-05-01\n").turns.size() == 6);
  const Document zh = Extract(
      "张伟：今年的计划是什么？\n\n李娜：先把产品做好，再谈扩张。\n\n张伟：团队有多大？\n\n"
      "李娜：三十个人左右，大部分是工程师，还在招人。\n\n王芳：我补充一句，我们也在招设计师。\n\n张伟：谢谢两位。\n\n"
      "编辑：这是一段很长的编辑说明文字，说明本文的来源和整理过程。\n");
  CHECK(zh.turns.size() == 6);
}

TEST_CASE("Shapes: bold subheadings of an article are not speakers") {
  const Document doc = Extract(
      "**The early years**\n\nShe grew up by the sea, and spent her summers on boats.\n\n"
      "**A career in science**\n\nLater she studied physics and became a professor.\n\n"
      "**Recognition**\n\nHer work won several prizes over the years.\n");
  CHECK(doc.turns.empty());
}

TEST_CASE("Shapes: an interview without labels, questions as headings or bold lines") {
  const Document doc = Extract(
      "---\ntitle: An interview\n---\n\n"
      "### Who are you, and what do you do?\n\nI build small boats and teach others to build them.\n\n"
      "### What hardware do you use?\n\nA band saw, planes, and a lot of clamps.\nMostly old tools.\n\n"
      "### And what software?\n\nA spreadsheet for the cut lists, nothing more.\n\n"
      "### What would be your dream setup?\n\nA bigger shed with more light.\n");
  REQUIRE(doc.turns.size() == 8);
  CHECK(doc.speakers.size() == 2);
  CHECK(doc.turns[0].text == "Who are you, and what do you do?");
  CHECK(doc.turns[0].marker.empty());
  CHECK(doc.turns[3].text == "A band saw, planes, and a lot of clamps.\nMostly old tools.");
  CHECK(doc.speakers[0].role == "interviewer");

  const Document zh = Extract(
      "导语：一次采访。\n\n**你能介绍一下自己吗？**\n\n我是一名工程师，在一家小公司工作。\n\n"
      "**你们为什么选择这门语言？**\n\n因为它又快又安全。\n\n**最大的挑战是什么？**\n\n招聘和培训。\n");
  CHECK(zh.turns.size() == 6);
}

TEST_CASE("Shapes: an article with a few question subheadings is not an interview") {
  const Document doc = Extract(
      "## Background\n\nThe project started in 2019.\n\n## Why now?\n\nBecause the tools matured.\n\n"
      "## Design\n\nIt has three parts.\n\n## What next?\n\nA second version.\n\n## Summary\n\nIt works.\n");
  CHECK(doc.turns.empty());
}

TEST_CASE("Shapes: discover --emit-rules on an interview without labels writes a file that lints") {
  const std::string dir = testing::MakeTempDir();
  {
    std::ofstream(dir + "/a.txt") << "### Who are you?\n\nA builder.\n\n### What do you use?\n\nSaws.\n\n"
                                     "### What next?\n\nA bigger shed.\n";
  }
  const testing::RunResult r = testing::RunQaextract("discover --emit-rules '" + dir + "/a.txt' -o '" + dir + "/r.yaml'");
  REQUIRE(r.exit_code == 0);
  CHECK(testing::ReadFileOrDie(dir + "/r.yaml").find("no label to name as a marker") != std::string::npos);
  CHECK(testing::RunQaextract("rules lint '" + dir + "/r.yaml'").exit_code == 0);
}

}  // namespace qaextract

namespace qaextract {
namespace {

const std::pair<const char*, const char*> kBriefing[] = {
    {"Q", "How many districts are still without water this morning?"},
    {"Minister Ayala", "Four districts, down from eleven on Monday."},
    {"Q", "When will the notice be lifted for the east side?"},
    {"Minister Ayala", "When two tests in a row come back clean."},
    {"Q", "Will households be refunded for the days without water?"},
    {"Minister Ayala", "Yes, the refund is automatic and shows on the next bill."},
    {"Q", "Is the cause of the burst main known yet?"},
    {"Minister Ayala", "Not yet; crews are still checking the joints."},
};

std::string Briefing(const std::string& between) {
  std::string out = "Press briefing on the water supply\n\n";
  for (const auto& [who, words] : kBriefing) out += std::string(who) + between + words + "\n\n";
  return out;
}

}  // namespace

TEST_CASE("Shapes: a label set off by a wide gap instead of a colon") {
  for (const char* gap : {"\u00A0\u00A0\u00A0", "\u00A0", "\t", "    ", "\u3000"}) {
    CAPTURE(gap);
    const Document doc = Extract(Briefing(gap));
    REQUIRE(doc.turns.size() == 8);
    CHECK(doc.turns[0].text == "How many districts are still without water this morning?");
    CHECK(doc.turns[1].speaker == "minister-ayala");
  }
  // Two spaces are a typo in prose, not a separator.
  std::string prose = "A walk in the hills\n\n";
  for (int i = 0; i < 4; ++i)
    prose += "Morning  came early and we left the hut before six.\n\nEvening  fell while we were on the ridge.\n\n";
  CHECK(Extract(prose).turns.empty());
}

TEST_CASE("Shapes: definition lists, the name on one line and ': words' on the next") {
  std::string text = "Interview notes\n\n";
  for (const auto& [who, words] : kBriefing) text += std::string(who) + "\n: " + words + "\n\n";
  const Document doc = Extract(text);
  REQUIRE(doc.turns.size() == 8);
  CHECK(doc.turns[0].marker == "Q");
  CHECK(doc.turns[0].text == "How many districts are still without water this morning?");
  bool cut = false;  // the ": " is recorded as cut, so nothing is lost
  for (const Removed& r : doc.removed) cut = cut || (r.rule == "definition-list" && r.text == ": ");
  CHECK(cut);
  // With a rule file too.
  const RuleSet rules = testing::LoadRulesString(
      "name: t\nspeakers:\n  - {id: q, role: interviewer, markers: [Q]}\n"
      "  - {id: minister, role: interviewee, markers: [Minister Ayala]}\n");
  const Document with_rules = testing::ExtractString(text, rules);
  CHECK(with_rules.turns.size() == 8);
  CHECK(with_rules.turns[1].speaker == "minister");
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Shapes: a legend before the dialogue is speaker metadata, not turns") {
  const std::string dialogue =
      "记：今年的计划是什么？\n张：先把产品做好，再谈扩张。\n记：团队有多大？\n张：三十个人左右，大部分是工程师。\n"
      "记：最大的困难呢？\n张：招人。好的人永远不够。\n";
  Document doc = Extract("一次访谈\n\n记：本报记者\n张：张三，某公司创始人\n\n" + dialogue);
  REQUIRE(doc.turns.size() == 6);
  CHECK(doc.turns[0].line_start == 6);
  REQUIRE(doc.speakers.size() == 2);
  const Field* legend = FindField(doc.speakers[1].metadata, "legend");
  REQUIRE(legend != nullptr);
  CHECK(legend->values.front() == "张三，某公司创始人");
  // English initials.
  doc = Extract("Interview\n\nJR: Jane Roe, reporter\nMK: Max Kern, founder\n\n"
                "JR: What is the plan for this year?\nMK: Ship the product first, then grow.\n"
                "JR: How big is the team?\nMK: About thirty people, mostly engineers.\n"
                "JR: And the hardest part?\nMK: Hiring. There are never enough good people.\n");
  CHECK(doc.turns.size() == 6);
  // Not a legend: short first turns of a dialogue written line by line, and
  // a first turn whose text the label does not abbreviate.
  doc = Extract("Interview\n\nQ: Quick question first\nA: Absolutely\nQ: What is the plan for this year?\n"
                "A: Ship the product first, then grow.\nQ: How big is the team?\nA: About thirty people.\n");
  CHECK(doc.turns.size() == 6);
  doc = Extract("一次访谈\n\n记：你好\n张：你好\n\n" + dialogue);
  CHECK(doc.turns.size() == 8);
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Shapes: questions opened by a dash run ('――'), answers unlabelled or labelled") {
  const std::string text =
      "新作映画の監督インタビュー\n\n"
      "――まず、今回の作品を撮ろうと思ったきっかけを教えてください。\n\n"
      "原作を読んだときに、これは映像にしなければと感じました。\n\n"
      "――撮影で一番苦労したのはどこですか？\n\n雪のシーンですね。二週間待った日もありました。\n\n"
      "――キャストの皆さんとはどんな話をしましたか？\n\n一緒にご飯を食べる時間を大事にしました。\n\n"
      "――最後に、観客へのメッセージをお願いします。\n\n肩の力を抜いて楽しんでもらえたらうれしいです。\n";
  Document doc = Extract(text);
  REQUIRE(doc.turns.size() == 8);
  CHECK(doc.turns[0].marker == "――");
  CHECK(doc.turns[0].text == "まず、今回の作品を撮ろうと思ったきっかけを教えてください。");  // a request asks too
  CHECK(doc.turns[1].text == "原作を読んだときに、これは映像にしなければと感じました。");
  CHECK(SideOfRole(doc.speakers[0].role) == RoleSide::kAsks);
  // Short attribution lines after quotations are not questions.
  doc = Extract("一些名言\n\n学而不思则罔，思而不学则殆。\n\n——孔子\n\n知之为知之，不知为不知，是知也。\n\n——孔子\n\n"
                "天下兴亡，匹夫有责。\n\n——顾炎武\n\n人生自古谁无死，留取丹心照汗青。\n\n——文天祥\n");
  CHECK(doc.turns.empty());
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Shapes: 'Q.' and 'A.' with a period, names in 【】 brackets without a colon") {
  std::string text = "An interview\n\n";
  for (int i = 0; i < 4; ++i)
    text += "Q. What changed in year " + std::to_string(i) + " of the project?\n\nA. The team, mostly, and the tools we use.\n\n";
  Document doc = Extract(text);
  REQUIRE(doc.turns.size() == 8);
  CHECK(doc.turns[0].marker == "Q.");
  CHECK(doc.turns[1].text == "The team, mostly, and the tools we use.");
  CHECK(SideOfRole(doc.speakers[0].role) == RoleSide::kAsks);
  // A list lettered A., B., C. is not a dialogue.
  CHECK(Extract("A quiz\n\nA. The first option\nB. The second option\nC. The third option\n\n"
                "A. Another first\nB. Another second\nC. Another third\n").turns.empty());
  // 【记者】 and 【张三】, the words straight after the bracket.
  doc = Extract("一次访谈\n\n【记者】今年的计划是什么？\n\n【张三】先把产品做好，再谈扩张。\n\n【记者】团队有多大？\n\n"
                "【张三】三十个人左右，大部分是工程师。\n\n【记者】最大的困难呢？\n\n【张三】招人。好的人永远不够。\n");
  REQUIRE(doc.turns.size() == 6);
  CHECK(doc.turns[0].marker == "【记者】");
  CHECK(doc.turns[0].text == "今年的计划是什么？");
  // One bracketed note before an article is not a speaker.
  CHECK(Extract("【编者按】本文整理自一次演讲。\n\n正文第一段写了一些事情。\n\n正文第二段写了另外一些事情。\n").turns.empty());
}

}  // namespace qaextract
