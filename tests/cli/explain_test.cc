// qaextract explain: every line exactly once, the deciding rule, near misses.
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "testing/test_util.h"

namespace qaextract {

TEST_CASE("explain: every input line appears exactly once, in order") {
  for (const char* name : {"zh-anyong-interview-v1.txt", "zh-hant-narrative-profile.txt"}) {
    CAPTURE(name);
    const std::string path = testing::SourcePath(std::string("samples/") + name);
    testing::RunResult r = testing::RunQaextract("explain --format json '" + path + "'");
    REQUIRE(r.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    const std::string text = testing::ReadFileOrDie(path);
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
                              (text.back() != '\n');
    REQUIRE(j["lines"].size() == lines);
    for (std::size_t i = 0; i < j["lines"].size(); ++i) {
      CHECK(j["lines"][i]["line"] == i + 1);
      CHECK(!j["lines"][i]["what"].get<std::string>().empty());
    }
  }
}

TEST_CASE("explain: the deciding rule, its location, and near misses") {
  testing::RunResult r = testing::RunQaextract(
      "explain --format json '" + testing::SourcePath("samples/zh-anyong-interview-v1.txt") + "'");
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const nlohmann::json& line27 = j["lines"][26];
  CHECK(line27["what"] == "turn");
  CHECK(line27["detail"] == "1 liang-wenfeng");
  CHECK(line27["rule"] == "anyong-waves:speakers[1].markers[0]");
  CHECK(line27["rule_location"].get<std::string>().rfind("builtin:anyong-waves:", 0) == 0);
  CHECK(j["lines"][98]["cuts"] == nlohmann::json::array({"base-zh:noise.inline[0]"}));
  CHECK(j["lines"][124]["what"] == "section-title");
  int turns = 0;
  for (const auto& l : j["lines"]) turns += l["what"] == "turn";
  CHECK(turns == 75);
  bool v2 = false;
  for (const auto& m : j["near_misses"]) v2 = v2 || (m["label"] == "V2模子" && m["lines"] == nlohmann::json::array({125}));
  CHECK(v2);
}

TEST_CASE("explain: plain text when piped, with the rule set first") {
  testing::RunResult r = testing::RunQaextract(
      "explain '" + testing::SourcePath("samples/zh-hant-bloomberg-podcast.txt") + "'");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("rules: bloomberg-big-take-asia (match)\n", 0) == 0);
  CHECK(r.out.find("\033[") == std::string::npos);
  CHECK(r.out.find("    5  turn           0 oanh-ha") != std::string::npos);
}

TEST_CASE("explain: a near miss is shown as written, with why a case-sensitive marker missed it") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/a.txt") << "HOST: Hello there.\nMARIA LOPEZ: Hi.\nHOST: And so?\nMARIA LOPEZ: Yes.\n";
  std::ofstream(dir + "/r.yaml") << "name: t\nspeakers:\n  - {id: host, markers: [{literal: Host, case: sensitive}]}\n"
                                    "  - {id: guest, markers: [Maria Lopez]}\n";
  testing::RunResult r = testing::RunQaextract("explain --format json '" + dir + "/a.txt' --rules '" + dir + "/r.yaml'");
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  REQUIRE(j["near_misses"].size() == 1);  // "MARIA LOPEZ" matches: Latin markers are any case by default
  const nlohmann::json& m = j["near_misses"][0];
  CHECK(m["label"] == "HOST");
  CHECK(m["lines"] == nlohmann::json::array({1, 3}));
  CHECK(m["hint"].get<std::string>().find("differs only in case from marker 'Host' of speaker host") == 0);
  r = testing::RunQaextract("explain '" + dir + "/a.txt' --rules '" + dir + "/r.yaml'");
  CHECK(r.out.find("  HOST: lines 1, 3\n    differs only in case") != std::string::npos);
}

}  // namespace qaextract
