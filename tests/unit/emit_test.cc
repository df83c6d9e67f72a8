// The writers: JSON checked with nlohmann::json's parser, YAML parsed back
// with yaml-cpp and compared with the JSON model.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "testing/test_util.h"

namespace qaextract {
namespace {

Document SmallDocument() {
  Document doc;
  doc.source = SourceInfo{"a \"quoted\" path\\x.txt", 12, "ab", "UTF-8"};
  doc.rules = RulesInfo{"r", {"builtin:base-zh"}, "cd", "option"};
  AddField(&doc.metadata, "title", "标题:\t制表\x01", false);
  AddField(&doc.metadata, "authors", "李四", true);
  doc.speakers.push_back(Speaker{"q", "记者", "interviewer", {"记者"}, {}, 1});
  doc.sections.push_back(Section{0, "01", std::nullopt, 3});
  Turn t;
  t.speaker = "q";
  t.marker = "记者:";
  t.text = "一\n二";
  t.paragraphs = {"一", "二"};
  t.section = 0;
  doc.turns.push_back(t);
  doc.removed.push_back(Removed{"inline", 2, 5, 9, "bad\xFF" "byte", "r:noise.inline[0]"});
  doc.warnings.push_back(Warning{"no-dialogue", 0, "none"});
  return doc;
}

// yaml-cpp node -> JSON value: quoted scalars are strings, plain ones are
// null, integers or strings as a YAML reader would take them.
nlohmann::json ToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Sequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& item : node) a.push_back(ToJson(item));
      return a;
    }
    case YAML::NodeType::Map: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& kv : node) o[kv.first.Scalar()] = ToJson(kv.second);
      return o;
    }
    default: {
      const std::string& s = node.Scalar();
      if (node.Tag() == "!") return s;
      if (s == "~" || s == "null") return nullptr;
      if (s == "true" || s == "false") return s == "true";
      long long n = 0;
      if (YAML::convert<long long>::decode(node, n) && std::to_string(n) == s) return n;
      double d = 0;
      if (s.find('.') != std::string::npos && YAML::convert<double>::decode(node, d)) return d;
      return s;
    }
  }
}

}  // namespace

TEST_CASE("WriteJson: output parses and carries every field") {
  std::string out;
  WriteJson(SmallDocument(), JsonOptions{}, &out);
  nlohmann::json j = nlohmann::json::parse(out);
  CHECK(j["schema_version"] == "2");
  CHECK(j["source"]["path"] == "a \"quoted\" path\\x.txt");
  CHECK(j["metadata"]["title"] == "标题:\t制表\x01");
  CHECK(j["metadata"]["authors"] == nlohmann::json::array({"李四"}));
  CHECK(j["sections"][0]["title"].is_null());
  CHECK(j["turns"][0]["section"] == 0);
  CHECK(j["turns"][0]["descriptor"].is_null());
  CHECK(j["turns"][0]["text"] == "一\n二");
  CHECK(j["preamble"].is_null());
  CHECK(j["passages"] == nlohmann::json::array());
  CHECK(j["removed"][0]["text"] == "bad\xEF\xBF\xBD" "byte");  // invalid byte -> U+FFFD
}

TEST_CASE("WriteJson: compact output is one line") {
  std::string out;
  WriteJson(SmallDocument(), JsonOptions{false}, &out);
  CHECK(out.find('\n') == out.size() - 1);
  CHECK(nlohmann::json::parse(out)["turns"].size() == 1);
}

TEST_CASE("WriteYaml: parses back to the same model as the JSON") {
  Document doc = SmallDocument();
  std::string json, yaml;
  WriteJson(doc, JsonOptions{}, &json);
  WriteYaml(doc, &yaml);
  CHECK(ToJson(YAML::Load(yaml)) == nlohmann::json::parse(json));
  CHECK(yaml.find("number: \"01\"") != std::string::npos);  // not the integer 1
}

TEST_CASE("WriteYaml: the samples parse back to the same model as the JSON") {
  RuleLibrary library;
  REQUIRE(RuleLibrary::LoadBuiltin({}, &library).ok());
  for (const char* name : {"zh-anyong-interview-v1.txt", "zh-anyong-interview-v2.txt",
                           "zh-hant-bloomberg-podcast.txt", "zh-hant-narrative-profile.txt"}) {
    CAPTURE(name);
    Source source;
    REQUIRE(ReadSource(testing::SourcePath(std::string("samples/") + name), {}, &source).ok());
    Document doc;
    REQUIRE(ExtractWithLibrary(source, library, {}, &doc).ok());
    std::string json, yaml;
    WriteJson(doc, JsonOptions{}, &json);
    WriteYaml(doc, &yaml);
    CHECK(ToJson(YAML::Load(yaml)) == nlohmann::json::parse(json));
  }
}

TEST_CASE("WriteDocument to a stream: the same text as to a string, in pieces") {
  RuleLibrary library;
  REQUIRE(RuleLibrary::LoadBuiltin({}, &library).ok());
  Source source;
  REQUIRE(ReadSource(testing::SourcePath("samples/zh-anyong-interview-v1.txt"), {}, &source).ok());
  Document doc;
  REQUIRE(ExtractWithLibrary(source, library, {}, &doc).ok());
  const std::vector<Turn> turns = doc.turns;
  for (int i = 0; i < 4; ++i) doc.turns.insert(doc.turns.end(), turns.begin(), turns.end());
  // A stream buffer that counts the writes it is handed.
  struct CountingBuf : std::stringbuf {
    int writes = 0;
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      ++writes;
      return std::stringbuf::xsputn(s, n);
    }
  };
  for (Format format : {Format::kJson, Format::kYaml}) {
    std::string whole;
    WriteDocument(doc, format, &whole);
    CountingBuf buf;
    std::ostream out(&buf);
    WriteDocument(doc, format, out);
    CHECK(buf.str() == whole);
    if (format == Format::kJson) {
      REQUIRE(whole.size() > 2 * 64 * 1024);
      CHECK(buf.writes >= 2);  // handed over in pieces, not at the end
    }
  }
}

TEST_CASE("WriteJson: every character that needs escaping, at every offset of an 8-byte word") {
  for (char special : {'\x01', '\x1f', '\n', '\t', '"', '\\', '\x7f'}) {
    for (std::size_t at = 0; at < 20; ++at) {
      CAPTURE(static_cast<int>(special));
      CAPTURE(at);
      Document doc;
      Turn t;
      t.text = std::string(at, 'a') + special + "中文" + std::string(20 - at, 'b') + special;
      doc.turns.push_back(t);
      std::string json;
      WriteJson(doc, JsonOptions{false}, &json);
      CHECK(nlohmann::json::parse(json)["turns"][0]["text"] == t.text);
    }
  }
}

TEST_CASE("WriteJson: keys that need escaping or are not ASCII, as written") {
  // The schema's own keys are written without a check; a rule file's
  // metadata keys may hold anything.
  // A plain key is copied whole when short, by the general path when long.
  const std::string long_key(200, 'k');
  for (const std::string key : {std::string("plain_key"), std::string(60, 'p'), std::string(61, 'q'), long_key,
                                std::string("we\"ird"), std::string("back\\slash"), std::string("ctl\x01"),
                                std::string("del\x7f"), std::string("作者"), std::string("tab\tkey")}) {
    CAPTURE(key);
    for (const bool pretty : {false, true}) {
      Document doc;
      AddField(&doc.metadata, key, "value", false);
      std::string json;
      WriteJson(doc, JsonOptions{pretty}, &json);
      const nlohmann::json parsed = nlohmann::json::parse(json);
      REQUIRE(parsed["metadata"].contains(key));
      CHECK(parsed["metadata"][key] == "value");
    }
  }
}

TEST_CASE("ParseFormat: json and yaml, anything else a usage error") {
  Format f;
  CHECK(ParseFormat("yaml", &f).ok());
  CHECK(f == Format::kYaml);
  CHECK(ParseFormat("xml", &f).ToString() == "error: unknown format 'xml' (json or yaml)");
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("WriteJson and WriteYaml: text with truncated UTF-8 sequences is written as U+FFFD") {
  Source source;
  REQUIRE(DecodeSource("Q: a\xE6\xACp\nA: b\xE7\n", "bad.txt", {}, &source).ok());
  CHECK(source.invalid_utf8 == 2);
  const RuleSet rules = testing::LoadRulesString(
      "name: qa\nspeakers:\n  - {id: q, role: interviewer, markers: [{literal: Q}]}\n"
      "  - {id: a, role: interviewee, markers: [{literal: A}]}\n");
  Document doc = testing::ExtractString(source.text, rules);
  CHECK(doc.turns.size() == 2);
  std::string json;
  WriteJson(doc, {}, &json);
  CHECK(nlohmann::json::accept(json));
  CHECK(json.find("a\xEF\xBF\xBDp") != std::string::npos);
  std::string yaml;
  WriteYaml(doc, &yaml);
  CHECK(YAML::Load(yaml)["schema_version"].as<std::string>() == "2");
}

}  // namespace qaextract
