// Zero-config extraction of the speaker shapes the web uses besides
// "Name: words", each in a made-up article: heading markers, a name alone
// on its line (bold or heading), a bold name with the words after it and a
// time stamp before it, colons NFKC keeps, and speakers who speak once.
#include <doctest/doctest.h>

#include "testing/test_util.h"

namespace qaextract {
namespace {

Document Extract(const std::string& text) {
  Source source;
  REQUIRE(DecodeSource(text, "a.txt", {}, &source).ok());
  Document doc;
  REQUIRE(ExtractWithLibrary(source, testing::BuiltinLibrary(), {}, &doc).ok());
  return doc;
}

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

TEST_CASE("Shapes: bold subheadings of an article are not speakers") {
  const Document doc = Extract(
      "**The early years**\n\nShe grew up by the sea, and spent her summers on boats.\n\n"
      "**A career in science**\n\nLater she studied physics and became a professor.\n\n"
      "**Recognition**\n\nHer work won several prizes over the years.\n");
  CHECK(doc.turns.empty());
}

}  // namespace qaextract
