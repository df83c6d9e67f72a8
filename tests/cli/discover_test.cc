// qaextract discover: the report, and a starter rule file that lint accepts
// and convert extracts with.
#include <doctest/doctest.h>

#include <filesystem>

#include <fstream>
#include <nlohmann/json.hpp>

#include "testing/test_util.h"

namespace qaextract {
namespace {

const char* const kArticle =
    "---\ntitle: 一次访谈\n---\n"
    "点击上方视频 | 直接收看\n"
    "**界面新闻：**你在华为做什么？\n\n**李洪元：**做销售。\n\n更短的标题\n\n"
    "**界面新闻：**后来呢？\n\n**李洪元：**后来离职了。\n"
    "点击上方视频 | 直接收看\n点击上方视频 | 直接收看\n";

std::string WriteArticle(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("discover: ranks speakers with roles and evidence, proposes noise") {
  const std::string dir = testing::MakeTempDir();
  const std::string a = WriteArticle(dir, "a.txt", kArticle);
  const std::string b = WriteArticle(dir, "b.txt", kArticle);
  testing::RunResult r = testing::RunQaextract("discover '" + a + "' '" + b + "'");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("speakers in 2 files:\n"
                    "  界面新闻  interviewer  4 lines in 2 files  labels: 界面新闻\n", 0) == 0);
  CHECK(r.out.find("  李洪元  interviewee  4 lines in 2 files  labels: 李洪元\n") != std::string::npos);
  CHECK(r.out.find("noise candidates (repeated lines):\n  6x in 2 files: 点击上方视频 | 直接收看\n") !=
        std::string::npos);
  CHECK(r.out.find("headings: 2 short lines between turns") != std::string::npos);
}

TEST_CASE("discover --emit-rules: lint accepts the file and convert uses it") {
  const std::string dir = testing::MakeTempDir();
  const std::string a = WriteArticle(dir, "a.txt", kArticle);
  testing::RunResult r = testing::RunQaextract("discover --emit-rules --name jiemian '" + a + "' -o '" +
                                               dir + "/jiemian.yaml'");
  REQUIRE(r.exit_code == 0);
  const std::string yaml = testing::ReadFileOrDie(dir + "/jiemian.yaml");
  CHECK(yaml.find("name: 'jiemian'\n") != std::string::npos);
  CHECK(yaml.find("    markers: ['界面新闻']\n") != std::string::npos);
  CHECK(yaml.find("    - '^点击上方视频 \\| 直接收看$'\n") != std::string::npos);
  r = testing::RunQaextract("rules lint '" + dir + "/jiemian.yaml'");
  CHECK(r.exit_code == 0);
  CHECK(r.err == "1 file, 0 errors, 0 warnings\n");
  r = testing::RunQaextract("convert --rules '" + dir + "/jiemian.yaml' '" + a + "'");
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["turns"].size() == 4);
  CHECK(j["sections"].size() == 1);
  CHECK(j["removed"].size() == 3);
  CHECK(j["metadata"]["title"] == "一次访谈");
}

TEST_CASE("discover --emit-rules: English articles get base-en, a match: that picks them, a schema path") {
  const std::string dir = testing::MakeTempDir();
  std::vector<std::string> files;
  for (int i = 1; i <= 2; ++i) {
    const std::string n = std::to_string(i);
    files.push_back(WriteArticle(
        dir, "ep" + n + ".txt",
        "The Weekly Build Podcast\n\nEpisode " + n + ": topic " + n + "\n\n"
        "HOST: Welcome back to the show, today we talk about thing " + n + ".\n"
        "GUEST: Thanks for having me, glad to be here again.\n"
        "HOST: What changed this year in your work?\n"
        "GUEST: A lot changed, mostly the tooling and the people.\n"));
  }
  std::filesystem::create_directories(dir + "/rules");
  testing::RunResult r = testing::RunQaextract("discover --emit-rules --name build '" + files[0] + "' '" +
                                               files[1] + "' -o '" + dir + "/rules/build.yaml'");
  REQUIRE(r.exit_code == 0);
  const std::string yaml = testing::ReadFileOrDie(dir + "/rules/build.yaml");
  CHECK(yaml.find("extends: [base-en]\n") != std::string::npos);
  CHECK(yaml.find("\nmatch: {any: ['The Weekly Build Podcast']}\n") != std::string::npos);
  // The schema comment names a file that exists, by absolute path.
  const std::string schema_key = "$schema=";
  const std::size_t at = yaml.find(schema_key);
  REQUIRE(at != std::string::npos);
  const std::string schema = yaml.substr(at + schema_key.size(), yaml.find('\n', at) - at - schema_key.size());
  CHECK(schema.front() == '/');
  CHECK(std::filesystem::is_regular_file(schema));
  r = testing::RunQaextract("rules lint '" + dir + "/rules/build.yaml'");
  CHECK(r.err == "1 file, 0 errors, 0 warnings\n");
  // Among the built-in rules, match: chooses the file for the source's articles.
  r = testing::RunQaextract("convert --summary -o /dev/null --rules '" + dir + "/rules' '" + files[1] + "'");
  CHECK(r.err.find("build (match), 2 speakers, 4 turns") != std::string::npos);
}

}  // namespace qaextract
