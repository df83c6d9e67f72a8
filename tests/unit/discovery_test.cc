// Zero-config extraction: discovery on small articles of the shapes real
// interviews use, and on the traps that must not become turns.
#include <doctest/doctest.h>

#include <map>

#include "testing/test_util.h"

namespace qaextract {
namespace {

Document Discover(const std::string& text) {
  const RuleLibrary& library = testing::BuiltinLibrary();
  Source source;
  REQUIRE(DecodeSource(text, "a.txt", {}, &source).ok());
  Document doc;
  REQUIRE(ExtractWithLibrary(source, library, {}, &doc).ok());
  return doc;
}

// speaker id -> (role, turns)
std::map<std::string, std::pair<std::string, int>> Speakers(const Document& doc) {
  std::map<std::string, std::pair<std::string, int>> out;
  for (const Speaker& s : doc.speakers) out[s.id] = {s.role, s.turn_count};
  return out;
}

std::vector<int> TurnLines(const Document& doc) {
  std::vector<int> lines;
  for (const Turn& t : doc.turns) lines.push_back(t.line_start);
  return lines;
}

}  // namespace

TEST_CASE("Discovery: named interviewer and interviewee, roles from questions") {
  Document doc = Discover(
      "标题\n记者：陆柯言\n导语。\n"
      "界面新闻：这件事是你自己曝光的吗？\n李洪元：不是我主动曝光。我8月被释放。\n"
      "界面新闻：为什么现在才曝光？\n李洪元：因为上周才拿到赔偿决定书。\n");
  CHECK(doc.rules.selected_by == "discovery");
  CHECK(TurnLines(doc) == std::vector<int>{4, 5, 6, 7});
  CHECK(Speakers(doc) == std::map<std::string, std::pair<std::string, int>>{
                             {"界面新闻", {"interviewer", 2}}, {"李洪元", {"interviewee", 2}}});
  REQUIRE(doc.discovery);
  CHECK(doc.discovery->dialogue);
  CHECK(doc.discovery->rejected ==
        std::vector<std::string>{"记者 (1 line): a byline label with short text"});
}

TEST_CASE("Discovery: 问/答 and Q/A work alone") {
  Document zh = Discover("问：你好吗？\n答：很好。\n问：然后呢？\n答：没有然后了。\n");
  CHECK(Speakers(zh) == std::map<std::string, std::pair<std::string, int>>{
                            {"问", {"interviewer", 2}}, {"答", {"interviewee", 2}}});
  Document en = Discover("Intro text.\n\nQ: Why?\n\nA: Because.\n");
  CHECK(TurnLines(en) == std::vector<int>{3, 5});
  CHECK(Speakers(en).at("q").first == "interviewer");
}

TEST_CASE("Discovery: bold labels with the colon inside or outside the bold") {
  Document doc = Discover(
      "**界面新闻：**你好吗？\n\n**王攀**：很好，谢谢。\n\n**界面新闻：你最近在做什么？**\n\n**王攀：**在写书。\n");
  CHECK(TurnLines(doc) == std::vector<int>{1, 3, 5, 7});
  CHECK(doc.turns[1].marker == "**王攀**：");
  CHECK(doc.turns[2].marker == "**界面新闻：");
}

TEST_CASE("Discovery: aliases of one person merge, with the reason recorded") {
  Document doc = Discover(
      "Host: Welcome. Who are you?\nAdam Jonas (AJ): I am an analyst.\nHost: What do you do?\n"
      "AJ: I cover cars.\nHost: Which cars?\nAJ: Electric ones.\n");
  REQUIRE(doc.discovery);
  CHECK(Speakers(doc) == std::map<std::string, std::pair<std::string, int>>{
                             {"host", {"interviewer", 3}}, {"adam-jonas", {"interviewee", 3}}});
  REQUIRE(doc.discovery->speakers.size() == 2);
  CHECK(doc.discovery->speakers[1].merged ==
        std::vector<std::string>{"AJ -> Adam Jonas: initials declared in the marker 'Adam Jonas (AJ)'"});

  Document gen = Discover("《周报》：问一？\n戈德曼：答一。\n《周报》：问二？\n答：答二。\n《周报》：问三？\n戈德曼：答三。\n");
  CHECK(Speakers(gen).at("戈德曼") == std::make_pair(std::string("interviewee"), 3));

  Document scripts = Discover("暗涌：问一？\n梁文鋒：答一。\n暗涌：问二？\n梁文锋：答二。\n");
  REQUIRE(scripts.speakers.size() == 2);
  CHECK(scripts.speakers[1].aliases == std::vector<std::string>{"梁文鋒", "梁文锋"});

  Document short_form = Discover(
      "Oanh Ha: Welcome to the show?\nSaritha Rai: Thanks.\nHa: Who is he?\nRai: A quiet man.\n");
  CHECK(Speakers(short_form) == std::map<std::string, std::pair<std::string, int>>{
                                    {"oanh-ha", {"interviewer", 2}}, {"saritha-rai", {"interviewee", 2}}});
}

TEST_CASE("Discovery: traps that must not become turns") {
  Document doc = Discover(
      "張崑陽：北京打壓台灣的新手法\n"     // a headline with a colon
      "译：Kris\n文 | 于丽丽\n"            // bylines
      "Source: https://example.com/a\n"   // a source line
      "记者：你怎么看？\n张三：我认为很好。比如：\n1. 数学：一门考试。\n"
      "他说：我们再想想。\n她想了想，說：好吧。\n"
      "记者：还有呢？\n张三：没有了。\n首先：这很重要。\n");
  CHECK(TurnLines(doc) == std::vector<int>{5, 6, 10, 11});
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[1].text == "我认为很好。比如：\n1. 数学：一门考试。\n他说：我们再想想。\n她想了想，說：好吧。");
  CHECK(doc.turns[3].text == "没有了。\n首先：这很重要。");
}

TEST_CASE("Discovery: narration with quoted speech is not a dialogue") {
  Document doc = Discover(
      "我问他：“你多少天没洗澡了？”\n躺在下铺的工友说：“插座对不上。”\n"
      "他笑着点点头：“你怎么知道？”\n姜小鹏一脸得意：“我刚进厂就被选上了。”\n");
  CHECK(doc.turns.empty());
  CHECK(doc.rules.selected_by == "default");
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].code == "no-dialogue");
}

TEST_CASE("Discovery: two lines are weak evidence: a warning, no invented turns") {
  Document doc = Discover("张三：今天天气很好。\n李四：是的，很好。\n");
  CHECK(doc.turns.empty());
  bool weak = false;
  for (const Warning& w : doc.warnings) weak = weak || w.code == "weak-dialogue-evidence";
  CHECK(weak);
}

TEST_CASE("Discovery: a one-line clip voice with a name's shape joins the dialogue") {
  Document doc = Discover(
      "Host: Hello?\nGuest: Hi.\nDavid Gura: Now back to the news.\nHost: So?\nGuest: So.\n");
  CHECK(TurnLines(doc) == std::vector<int>{1, 2, 3, 4, 5});
  CHECK(Speakers(doc).count("david-gura") == 1);
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Discovery: the label alone on its line, the answer below it") {
  Document doc = Discover(
      "**界面新闻：**\n\n你好吗？\n\n**李洪元：**\n\n很好。\n\n还有一段。\n\n**界面新闻：**\n\n然后呢？\n\n**李洪元：**\n\n没有了。\n");
  CHECK(TurnLines(doc) == std::vector<int>{1, 5, 11, 15});
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[1].text == "很好。\n还有一段。");
  CHECK(doc.speakers[0].role == "interviewer");
}

TEST_CASE("Discovery: a timestamp before the label is part of the marker") {
  Document doc = Discover(
      "[00:00:01] Jerod Santo: Welcome. Why rap?\n[00:00:09] Kyle: Because I like it.\n"
      "[00:01:30] Jerod Santo: And code?\n[00:01:41] Kyle: Also that.\n");
  CHECK(TurnLines(doc) == std::vector<int>{1, 2, 3, 4});
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[0].marker == "[00:00:01] Jerod Santo:");
  CHECK(doc.turns[0].speaker == "jerod-santo");
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Discovery: names with a verb-like character stay names, clauses do not") {
  Document doc = Discover("主持人：你好？\n李笑来：你好。\n主持人：为什么？\n李笑来：因为。\n");
  CHECK(Speakers(doc).count("李笑来") == 1);
  Document clause = Discover("工友说：走吧。\n工友说：好的。\n老板问：去哪？\n老板问：哪里？\n");
  CHECK(clause.turns.empty());
}

TEST_CASE("Discovery: repeated fields of a listing are not a dialogue") {
  Document doc = Discover("材料：鸡蛋两个。\n做法：打散。\n材料：面粉。\n做法：和面。\n");
  CHECK(doc.turns.empty());
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Discovery: English notes and tips are not speakers") {
  Document doc = Discover("Note: this is a note.\nTip: a tip.\nNote: another.\nTip: more.\n");
  CHECK(doc.turns.empty());
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Discovery: a Han transliteration of a Latin name is that person") {
  Document doc = Discover(
      "Oanh Ha: Welcome?\nSaritha Rai: Thanks.\n哈: Who is he?\n賴: A quiet man.\n"
      "Ha: Really?\nRai: Yes.\n");
  REQUIRE(doc.speakers.size() == 2);
  CHECK(doc.speakers[0].aliases == std::vector<std::string>{"Oanh Ha", "哈", "Ha"});
  CHECK(doc.speakers[1].aliases == std::vector<std::string>{"Saritha Rai", "賴", "Rai"});
}

}  // namespace qaextract

#include <thread>

#include "discover/discovery.h"

namespace qaextract::internal {

TEST_CASE("MayBeSpeakerKey: the answers a thread keeps are the answers it would compute") {
  // Keys of every kind: names, role words, clauses, numbers, links, Latin.
  const std::vector<std::string> keys = {
      "记者", "问", "答", "主持人", "张三", "梁文锋", "他说", "首先", "2024年", "http://a.b", "Host",
      "hello world", "K.OanhHa", "上一篇", "声明", "作者", "来源", "Q", "A", "编者按", "我们认为", "李四说",
      "王五表示", "Interviewer", "note", "Dr.Smith", "1", "一", "很长很长很长很长的一句话而不是名字", ""};
  // Each computed on a fresh thread, whose memo is empty.
  std::vector<int> fresh(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i)
    std::thread([&, i] { fresh[i] = MayBeSpeakerKey(keys[i]); }).join();
  CHECK(fresh[0] == 1);  // a role word passes
  CHECK(std::count(fresh.begin(), fresh.end(), 1) > 3);
  CHECK(std::count(fresh.begin(), fresh.end(), 0) > 3);
  // Asked again and again on one thread, among thousands of other keys
  // that take the same slots.
  std::uint32_t state = 3;
  const auto next = [&state] { return (state = state * 1103515245 + 12345) >> 16; };
  for (int round = 0; round < 4; ++round) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const std::size_t k = (i * 7 + static_cast<std::size_t>(round)) % keys.size();
      CAPTURE(keys[k]);
      CHECK(MayBeSpeakerKey(keys[k]) == static_cast<bool>(fresh[k]));
      for (int d = 0; d < 100; ++d) MayBeSpeakerKey("名" + std::to_string(next()));
    }
  }
}

}  // namespace qaextract::internal
