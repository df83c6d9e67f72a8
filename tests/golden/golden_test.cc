// End-to-end on the four samples: the facts checked by hand against each
// article (counts, sections, metadata, boundaries), and the whole JSON
// compared with tests/golden/<sample>.json (regenerate with
// scripts/update-golden.sh, then read the diff against the article before
// committing it).
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "testing/test_util.h"

namespace qaextract {
namespace {

Document ExtractSample(const std::string& name) {
  const RuleLibrary& library = testing::BuiltinLibrary();
  Source source;
  REQUIRE(ReadSource(testing::SourcePath("samples/" + name), {}, &source).ok());
  Document doc;
  REQUIRE(ExtractWithLibrary(source, library, {}, &doc).ok());
  return doc;
}

std::map<std::string, int> TurnsBySpeaker(const Document& doc) {
  std::map<std::string, int> counts;
  for (const Turn& t : doc.turns) ++counts[t.speaker];
  return counts;
}

std::vector<std::string> Titles(const Document& doc) {
  std::vector<std::string> titles;
  for (const Section& s : doc.sections) titles.push_back(s.title.value_or("") );
  return titles;
}

bool HasWarning(const Document& doc, const std::string& code) {
  for (const Warning& w : doc.warnings)
    if (w.code == code) return true;
  return false;
}

bool WasRemoved(const Document& doc, const std::string& text) {
  for (const auto& r : doc.removed)
    if (r.text == text) return true;
  return false;
}

// The golden comparison leaves out what changes without the extraction
// changing: where the sample sits, and the digest of the rule files.
nlohmann::json Comparable(const std::string& json) {
  nlohmann::json j = nlohmann::json::parse(json);
  j["source"]["path"] = "";
  j["rules"]["sha256"] = "";
  return j;
}

}  // namespace

TEST_CASE("Sample anyong v1: 75 turns, 5 numbered sections, trailer cut") {
  Document doc = ExtractSample("zh-anyong-interview-v1.txt");
  CHECK(doc.rules.name == "anyong-waves");
  CHECK(doc.turns.size() == 75);
  CHECK(TurnsBySpeaker(doc) == std::map<std::string, int>{{"anyong", 37}, {"liang-wenfeng", 38}});
  CHECK(Titles(doc) == std::vector<std::string>{"价钱战第一枪使怎样打响的?",
                                                "信得过的差距在原创性,而不单是是时刻",
                                                "更多资金≠ 更多翻新", "V2模子:完全由原土着才打造",
                                                "扫数套路齐是上一代的产物"});
  CHECK(doc.sections[3].number == std::optional<std::string>("04"));
  CHECK(doc.turns[1].descriptor == std::optional<std::string>("DeepSeek创举东道主"));
  const Turn& last = doc.turns.back();
  CHECK(last.line_end == 211);
  CHECK(last.text.find("你家娃子") == std::string::npos);
  REQUIRE(doc.trailer);
  CHECK(doc.trailer->text.rfind("DeepSeek,你家娃子用起来了吗?", 0) == 0);
  CHECK(WasRemoved(doc, "迪士尼彩乐园 Ⅲ"));
  for (const Turn& t : doc.turns) CHECK(t.text.find("迪士尼") == std::string::npos);
  CHECK(HasWarning(doc, "consecutive-turns"));
}

TEST_CASE("Sample anyong v2: 82 turns, unnumbered sections, metadata") {
  Document doc = ExtractSample("zh-anyong-interview-v2.txt");
  CHECK(doc.turns.size() == 82);
  CHECK(TurnsBySpeaker(doc) == std::map<std::string, int>{{"anyong", 41}, {"liang-wenfeng", 41}});
  CHECK(Titles(doc) == std::vector<std::string>{
                           "价钱战第一枪是奈何打响的?", "确凿的差距不是一年或两年,而是原创和师法之差",
                           "更多的干预并不一定产生更多的改进", "一群作念“深不可测”事的年青东谈主",
                           "系数的套路皆是上一代的产物"});
  CHECK(FindField(doc.metadata, "title")->values[0] == "揭秘DeepSeek:一个更极致的中国本事期许主义故事");
  CHECK(FindField(doc.metadata, "date")->values[0] == "2024-12-31 16:07");
  CHECK(FindField(doc.metadata, "sources")->values == std::vector<std::string>{"阛阓资讯", "暗涌Waves"});
  CHECK(FindField(doc.metadata, "authors")->values == std::vector<std::string>{"于丽丽"});
  CHECK(FindField(doc.metadata, "editors")->values == std::vector<std::string>{"刘旌"});
  REQUIRE(doc.preamble);
  CHECK(doc.preamble->line_end == 55);  // 以下为对话部分
  CHECK(doc.preamble->text.find("敷裕的硝烟其实阴私了一个事实:与") != std::string::npos);
  CHECK(WasRemoved(doc, "配资股票"));
  CHECK(doc.turns[0].marker == "‘暗涌’:");
}

TEST_CASE("Sample Bloomberg podcast: 55 turns, host 28, guest 23, four clips") {
  Document doc = ExtractSample("zh-hant-bloomberg-podcast.txt");
  CHECK(doc.rules.name == "bloomberg-big-take-asia");
  CHECK(doc.turns.size() == 55);
  CHECK(TurnsBySpeaker(doc) == std::map<std::string, int>{{"oanh-ha", 28},
                                                          {"saritha-rai", 23},
                                                          {"clip:湯姆·麥肯齊", 1},
                                                          {"clip:謝爾頓·庫珀", 1},
                                                          {"clip:DavidGura", 1},
                                                          {"clip:JonErlichman", 1}});
  for (const Speaker& s : doc.speakers)
    if (s.id.rfind("clip:", 0) == 0) CHECK(s.role == "clip");
  REQUIRE(doc.preamble);
  CHECK(doc.preamble->line_end == 4);  // 以下是經過簡單編輯的談話記錄:
  CHECK(FindField(doc.metadata, "url")->values[0] == "http://www.rrkkj.com/shishi/6515.html");
  REQUIRE(doc.trailer);
  CHECK(doc.trailer->line_start == 60);
}

TEST_CASE("Sample narrative: no turns, no-dialogue, four sections once junk is cut") {
  Document doc = ExtractSample("zh-hant-narrative-profile.txt");
  CHECK(doc.turns.empty());
  CHECK(HasWarning(doc, "no-dialogue"));
  REQUIRE(doc.sections.size() == 4);
  const char* numbers[] = {"一", "二", "三", "四"};
  for (int i = 0; i < 4; ++i) CHECK(doc.sections[i].number == std::optional<std::string>(numbers[i]));
  for (const Passage& p : doc.passages) CHECK(p.text.find("gihot") == std::string::npos);
}

TEST_CASE("Golden: every sample's JSON equals its reviewed golden file") {
  for (const char* name : {"zh-anyong-interview-v1", "zh-anyong-interview-v2",
                           "zh-hant-bloomberg-podcast", "zh-hant-narrative-profile"}) {
    CAPTURE(name);
    Document doc = ExtractSample(std::string(name) + ".txt");
    std::string json;
    WriteJson(doc, JsonOptions{}, &json);
    const std::string golden =
        testing::ReadFileOrDie(testing::SourcePath(std::string("tests/golden/") + name + ".json"));
    CHECK(Comparable(json) == Comparable(golden));
  }
}

}  // namespace qaextract

#include <unicode/ucnv.h>

namespace qaextract {
namespace {

// `utf8` converted to `encoding` with ICU.
std::string Encode(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::vector<std::string> TurnTexts(const std::string& bytes) {
  const RuleLibrary& library = testing::BuiltinLibrary();
  Source source;
  REQUIRE(DecodeSource(bytes, "x.txt", {}, &source).ok());
  Document doc;
  REQUIRE(ExtractWithLibrary(source, library, {}, &doc).ok());
  std::vector<std::string> texts;
  for (const Turn& t : doc.turns) texts.push_back(t.speaker + "|" + t.marker + "|" + t.text);
  return texts;
}

}  // namespace

TEST_CASE("Sample anyong v2: CRLF, CR, UTF-16LE and GB18030 copies give the same turns") {
  const std::string utf8 = testing::ReadFileOrDie(testing::SourcePath("samples/zh-anyong-interview-v2.txt"));
  const std::vector<std::string> expected = TurnTexts(utf8);
  REQUIRE(expected.size() == 82);
  std::string crlf, cr;
  for (char c : utf8) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  CHECK(TurnTexts(crlf) == expected);
  CHECK(TurnTexts(cr) == expected);
  CHECK(TurnTexts("\xFF\xFE" + Encode(utf8, "UTF-16LE")) == expected);
  CHECK(TurnTexts(Encode(utf8, "GB18030")) == expected);
}

}  // namespace qaextract
