// The qaextract binary: exit codes, stderr format, stdin and -o.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "testing/test_util.h"

namespace qaextract {

inline std::string Sample(const char* name) { return "'" + testing::SourcePath(std::string("samples/") + name) + "'"; }

TEST_CASE("CLI: convert writes JSON to stdout and exits 0") {
  testing::RunResult r = testing::RunQaextract("convert " + Sample("zh-anyong-interview-v2.txt"));
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(nlohmann::json::parse(r.out)["turns"].size() == 82);
}

TEST_CASE("CLI: --format yaml, -o to a file, and - for stdin") {
  const std::string dir = testing::MakeTempDir();
  testing::RunResult r = testing::RunQaextract("convert --format yaml -o '" + dir + "/out.yaml' " +
                                      Sample("zh-hant-bloomberg-podcast.txt"));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(testing::ReadFileOrDie(dir + "/out.yaml").rfind("schema_version: \"2\"", 0) == 0);
  r = testing::RunQaextract("convert - < " + Sample("zh-anyong-interview-v1.txt"));
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["source"]["path"] == "-");
}

TEST_CASE("CLI: input errors exit 1 with one path: error: line") {
  testing::RunResult r = testing::RunQaextract("convert /nonexistent/a.txt");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "/nonexistent/a.txt: error: cannot read input: No such file or directory\n");
  r = testing::RunQaextract("convert /tmp");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "/tmp: error: is a directory, not a file\n");
  r = testing::RunQaextract("convert --rules /nonexistent/r.yaml " + Sample("zh-anyong-interview-v1.txt"));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "/nonexistent/r.yaml: error: cannot read rule file: No such file or directory\n");
}

TEST_CASE("CLI: a malformed rule file is reported at its line and column") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/bad.yaml") << "name: bad\nspeakers:\n  - id: x\n    markrs: [X]\n";
  testing::RunResult r =
      testing::RunQaextract("convert --rules '" + dir + "/bad.yaml' " + Sample("zh-anyong-interview-v1.txt"));
  CHECK(r.exit_code == 1);
  CHECK(r.err == dir + "/bad.yaml:4:5: error: unknown key 'markrs' in speakers[0]; did you mean 'markers'?\n");
}

TEST_CASE("CLI: usage errors exit 2, --help and --version exit 0") {
  CHECK(testing::RunQaextract("").exit_code == 2);
  CHECK(testing::RunQaextract("convert").exit_code == 2);
  CHECK(testing::RunQaextract("convert --format xml a.txt").exit_code == 2);
  CHECK(testing::RunQaextract("frobnicate").exit_code == 2);
  testing::RunResult help = testing::RunQaextract("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("convert") != std::string::npos);
  testing::RunResult version = testing::RunQaextract("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out == "qaextract 0.1.0\n");
}

TEST_CASE("CLI: -o never overwrites the input") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/a.txt") << "问:你好\n";
  testing::RunResult r = testing::RunQaextract("convert '" + dir + "/a.txt' -o '" + dir + "/a.txt'");
  CHECK(r.exit_code == 2);
  CHECK(r.err == dir + "/a.txt: error: output would overwrite the input\n");
  CHECK(testing::ReadFileOrDie(dir + "/a.txt") == "问:你好\n");
}

TEST_CASE("CLI: --rules DIR chooses by match:, --rules FILE is used as given") {
  testing::RunResult r = testing::RunQaextract("convert --rules '" + testing::SourcePath("rules") + "' " +
                                      Sample("zh-hant-bloomberg-podcast.txt"));
  CHECK(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["rules"]["name"] == "bloomberg-big-take-asia");
  CHECK(j["rules"]["selected_by"] == "match");
  r = testing::RunQaextract("convert --rules '" + testing::SourcePath("rules/generic.yaml") + "' " +
                   Sample("zh-hant-bloomberg-podcast.txt"));
  j = nlohmann::json::parse(r.out);
  CHECK(j["rules"]["name"] == "generic");
  CHECK(j["rules"]["selected_by"] == "option");
  CHECK(j["turns"].size() == 0);
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("CLI: --summary prints one line per article to stderr") {
  testing::RunResult r = testing::RunQaextract(
      "convert --summary " + Sample("zh-anyong-interview-v1.txt"));
  CHECK(r.exit_code == 0);
  CHECK(r.err == testing::SourcePath("samples/zh-anyong-interview-v1.txt") +
                     ": anyong-waves (match), 2 speakers, 75 turns, 5 sections, 1 warning\n");
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("CLI: -o to a device or pipe writes into it and leaves it in place") {
  const std::string dir = testing::MakeTempDir();
  const std::string fifo = dir + "/pipe";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  testing::RunResult r = testing::RunQaextract(
      "convert " + Sample("zh-anyong-interview-v1.txt") + " -o '" + fifo + "' & cat '" + fifo +
      "' > '" + dir + "/copy.json'; wait");
  CHECK(r.exit_code == 0);
  struct stat st;
  REQUIRE(stat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  CHECK(nlohmann::json::parse(testing::ReadFileOrDie(dir + "/copy.json"))["turns"].size() == 75);
}

}  // namespace qaextract
