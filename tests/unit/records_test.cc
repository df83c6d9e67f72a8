// Zero-config extraction must tell a conversation from a record: field
// labels that repeat per record, documentation labels, command output and
// configuration are not speakers, while conversations with short replies,
// moderated panels and time-stamped transcripts still are. Every text here
// is made up for the shape it shows.
#include <doctest/doctest.h>

#include "testing/test_util.h"

namespace qaextract {
namespace {

Document Extract(const std::string& text) { return testing::ExtractWithBuiltins(text); }

std::string Repeat(const std::string& block, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += block;
  return out;
}

}  // namespace

TEST_CASE("Records: an event listing's field labels are not speakers") {
  const Document doc = Extract("社区活动预告\n\n" +
                               Repeat("**主办方：**某某社区\n\n**时间：**5 月 8 日 20:00-21:30\n\n"
                                      "**会议号：**683 550 26227\n\n**电话：**+86 27 5977 1614（中国大陆）\n\n"
                                      "**链接：**[*https://meeting.example.com/j/abc*](https://meeting.example.com/j/abc)\n\n"
                                      "**议程：**\n\n- 版本计划\n- 问题同步\n\n",
                                      3));
  CHECK(doc.turns.empty());
  REQUIRE(doc.discovery.has_value());
  CHECK_FALSE(doc.discovery->dialogue);
}

TEST_CASE("Records: a people list with Name/Date/Location cycles is not a dialogue") {
  const Document doc = Extract(
      "Upcoming talks\n\n" +
      Repeat("Speaker: Jane Doe\nDate: 2024-05-01\nLocation: Room 4\nTopic: Compilers\n\n", 4));
  CHECK(doc.turns.empty());
}

TEST_CASE("Records: per-person record fields in bold are not speakers") {
  const Document doc = Extract(
      "Case summaries\n\n" +
      Repeat("**Charge:** fraud\n**Term:** 5 years\n**Status:** appealed\n\n", 4));
  CHECK(doc.turns.empty());
}

TEST_CASE("Records: documentation labels (Default value, Example, Note) are not speakers") {
  const Document doc = Extract(
      "## OTLP settings\n\n" +
      Repeat("### SETTING_NAME\n\nWhat the setting does, in a sentence.\n\n**Default value:**\n\n`none`\n\n"
             "**Example:**\n\n`export SETTING_NAME=value`\n\n",
             5) +
      "Valid values are:\n\n- grpc\n- http\n");
  CHECK(doc.turns.empty());
  const Document howto = Extract(Repeat("错误写法：a = b\n正确写法：a == b\n\n", 4));
  CHECK(howto.turns.empty());
}

TEST_CASE("Records: command output and configuration in code blocks are not speakers") {
  const Document doc = Extract(
      "Check the pod:\n\n```\nName:         server-1\nNamespace:    default\nStatus:       Running\n"
      "Name:         server-2\nNamespace:    default\nStatus:       Pending\n```\n\n"
      "Then the package record:\n\n```\nPackage: tool\nVersion: 3.0\nInstalled-Size: 370463\n"
      "Package: tool2\nVersion: 3.1\nInstalled-Size: 370464\n```\n");
  CHECK(doc.turns.empty());
  const Document keys = Extract(Repeat("OTEL_EXPORTER_ENDPOINT: http://collector:4317\nRestartCount: 0\n", 3));
  CHECK(keys.turns.empty());
}

TEST_CASE("Records: conversations with short replies are still conversations") {
  const Document doc = Extract(
      "Q: Did you expect the result?\nA: No.\nQ: Not at all?\nA: Not at all. We were surprised.\n"
      "Q: What happens next?\nA: We build the second version, then we see.\n");
  CHECK(doc.turns.size() == 6);
  const Document zh = Extract(
      "记者：你们准备好了吗？\n张伟：准备好了。\n记者：什么时候开始？\n张伟：明天。我们已经等了很久。\n"
      "记者：有什么担心的吗？\n张伟：没有，团队都很有信心。\n");
  CHECK(zh.turns.size() == 6);
}

TEST_CASE("Records: a moderated panel asked in a fixed order is a conversation") {
  const Document doc = Extract(Repeat(
      "Moderator: What should the next decade of this field look like, in your view?\n"
      "Jane Doe: More openness, I think, and better tools for everyone who builds with it.\n"
      "John Roe: I agree with Jane, and I would add that teaching matters even more now.\n",
      4));
  CHECK(doc.turns.size() == 12);
}

TEST_CASE("Records: a name with a time stamp, the words on the next line") {
  const Document doc = Extract(Repeat(
      "Jane Doe: (02:18)\nThank you all for coming today. We have a few updates to share.\n\n"
      "John Roe: (03:43)\nCan you say more about the timeline for the next phase?\n\n",
      3));
  REQUIRE(doc.turns.size() == 6);
  CHECK(doc.speakers.size() == 2);
}

}  // namespace qaextract
