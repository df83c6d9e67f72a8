// Rule authoring from the command line: the user's rules on top of the
// built-in library, several --rules, rules diff on renames and its exit code,
// rules test on a new case.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "testing/test_util.h"

namespace qaextract {
namespace {

const char kPodcastRules[] =
    "name: my-podcast\nmatch: ['My Podcast Episode']\nspeakers:\n"
    "  - {id: host, role: host, markers: [HOST]}\n  - {id: guest, role: guest, markers: [GUEST]}\n";

std::string Sample(const std::string& name) { return testing::SourcePath("samples/" + name); }

}  // namespace

TEST_CASE("--rules DIR: the user's files join the built-in library") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/mine.yaml") << kPodcastRules;
  const std::string v1 = Sample("zh-anyong-interview-v1.txt");

  testing::RunResult r = testing::RunQaextract("convert '" + v1 + "' --rules '" + dir + "' --summary -o /dev/null");
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("anyong-waves (match), 2 speakers, 75 turns, 5 sections") != std::string::npos);

  SUBCASE("--no-builtin-rules: the user's files alone (and generic as the fallback)") {
    r = testing::RunQaextract("convert '" + v1 + "' --rules '" + dir + "' --no-builtin-rules --summary -o /dev/null");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("generic (discovery)") != std::string::npos);
    CHECK(r.err.find("0 sections") != std::string::npos);
  }
  SUBCASE("the user's file is chosen for its own articles") {
    std::ofstream(dir + "/ep.txt") << "My Podcast Episode 3\n\nHOST: Welcome.\nGUEST: Thanks.\nHOST: So?\n";
    r = testing::RunQaextract("convert '" + dir + "/ep.txt' --rules '" + dir + "' --summary -o /dev/null");
    CHECK(r.err.find("my-podcast (match), 2 speakers, 3 turns") != std::string::npos);
  }
  SUBCASE("several --rules, and a warning for a file no article can choose") {
    std::ofstream(dir + "/../nomatch-" + "x.yaml") << "name: no-match\nspeakers:\n  - {id: a, markers: [A]}\n";
    r = testing::RunQaextract("convert '" + v1 + "' --rules '" + dir + "/mine.yaml' --rules '" + dir +
                              "/../nomatch-x.yaml' --summary -o /dev/null");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("nomatch-x.yaml: warning: no match: patterns") != std::string::npos);
    CHECK(r.err.find("anyong-waves (match)") != std::string::npos);
  }
  SUBCASE("an edited copy of a built-in file replaces it; the user's file wins a tie") {
    const testing::RunResult shown = testing::RunQaextract("rules show anyong-waves");
    REQUIRE(shown.exit_code == 0);
    std::string copy = shown.out;
    const std::size_t sections = copy.find("\nsections:");
    REQUIRE(sections != std::string::npos);
    // The copy without its sections: chosen instead of the original, so the
    // article now has no sections.
    std::size_t next = copy.find("\n", sections + 1);
    while (next != std::string::npos && next + 1 < copy.size() && (copy[next + 1] == ' ' || copy[next + 1] == '#'))
      next = copy.find("\n", next + 1);
    copy.erase(sections, next == std::string::npos ? std::string::npos : next - sections);
    std::ofstream(dir + "/anyong-waves.yaml") << copy;
    r = testing::RunQaextract("convert '" + v1 + "' --rules '" + dir + "' --summary -o /dev/null");
    CHECK(r.err.find("anyong-waves (match), 2 speakers, 75 turns, 0 sections") != std::string::npos);
  }
  SUBCASE("two user files of one name are an error") {
    std::ofstream(dir + "/again.yaml") << kPodcastRules;
    r = testing::RunQaextract("convert '" + v1 + "' --rules '" + dir + "' -o /dev/null");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("a second rule file called 'my-podcast'") != std::string::npos);
  }
}

TEST_CASE("--rules takes one path an occurrence: the input after it stays an input") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/mine.yaml") << kPodcastRules;
  std::ofstream(dir + "/ep.txt") << "My Podcast Episode 3\n\nHOST: Welcome.\nGUEST: Thanks.\n";
  const testing::RunResult r =
      testing::RunQaextract("convert --rules '" + dir + "/mine.yaml' '" + dir + "/ep.txt' --summary -o /dev/null");
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("my-podcast (option), 2 speakers, 2 turns") != std::string::npos);
}

TEST_CASE("rules diff: a renamed speaker is one line, --exit-code says whether anything changed") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/old.yaml") << "name: r\nspeakers:\n  - {id: q, markers: [问]}\n  - {id: a, markers: [答]}\n";
  std::ofstream(dir + "/new.yaml") << "name: r\nspeakers:\n  - {id: q, markers: [问]}\n  - {id: answer, markers: [答]}\n";
  std::ofstream(dir + "/a.txt") << "问：一？\n答：二。\n问：三？\n答：四。\n答：五。\n";
  const std::string files = "'" + dir + "/old.yaml' '" + dir + "/new.yaml' '" + dir + "/a.txt'";
  testing::RunResult r = testing::RunQaextract("rules diff " + files);
  CHECK(r.exit_code == 0);
  CHECK(r.out == dir + "/a.txt: 5 -> 5 turns\n"
                       "  speaker a is now answer (3 turns)\n"
                       "1 of 1 articles change\n");
  r = testing::RunQaextract("rules diff --exit-code " + files);
  CHECK(r.exit_code == 1);
  r = testing::RunQaextract("rules diff --exit-code '" + dir + "/old.yaml' '" + dir + "/old.yaml' '" + dir + "/a.txt'");
  CHECK(r.exit_code == 0);
  CHECK(r.out == dir + "/a.txt: 5 -> 5 turns, no change\n0 of 1 articles change\n");
}

TEST_CASE("rules test: a case without expected.yaml says how to write it") {
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directories(dir + "/tests/new-case");
  std::ofstream(dir + "/qa.yaml") << "name: qa\nmatch: ['问']\nspeakers:\n  - {id: q, markers: [问]}\n";
  std::ofstream(dir + "/tests/new-case/input.txt") << "问：一？\n";
  const testing::RunResult r = testing::RunQaextract("rules test '" + dir + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAIL new-case\n  no expected.yaml yet: `qaextract rules test " + dir + " --update` writes it") !=
        std::string::npos);
}

TEST_CASE("convert FILE... -o DIR/: one document per input, every input accounted for") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/a.txt") << "Q: One?\nA: Two.\nQ: Three?\nA: Four.\n";
  std::ofstream(dir + "/b.txt") << "问：一？\n答：二。\n问：三？\n答：四。\n";
  std::ofstream(dir + "/bad.bin") << std::string("\0\1\2", 3);
  const std::string out = dir + "/out/";
  testing::RunResult r = testing::RunQaextract("convert '" + dir + "/a.txt' '" + dir + "/b.txt' --format yaml -o '" + out + "'");
  CHECK(r.exit_code == 0);
  CHECK(testing::ReadFileOrDie(out + "a.yaml").find("turns:") != std::string::npos);
  CHECK(testing::ReadFileOrDie(out + "b.yaml").find("问") != std::string::npos);

  SUBCASE("a bad input: the others are written, an error names it, exit 1") {
    r = testing::RunQaextract("convert '" + dir + "/a.txt' '" + dir + "/bad.bin' '" + dir + "/b.txt' -o '" + dir + "/out2/'");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(dir + "/bad.bin: error: binary input") != std::string::npos);
    CHECK(r.err.find("1 of 3 inputs failed") != std::string::npos);
    CHECK(std::filesystem::exists(dir + "/out2/a.json"));
    CHECK(std::filesystem::exists(dir + "/out2/b.json"));
    CHECK(!std::filesystem::exists(dir + "/out2/bad.json"));
  }
  SUBCASE("several inputs without a directory, or two with one name: usage errors, nothing written") {
    r = testing::RunQaextract("convert '" + dir + "/a.txt' '" + dir + "/b.txt' -o '" + dir + "/one.json'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("several inputs need -o DIR/") != std::string::npos);
    std::filesystem::create_directories(dir + "/other");
    std::ofstream(dir + "/other/a.txt") << "Q: x?\nA: y.\n";
    r = testing::RunQaextract("convert '" + dir + "/a.txt' '" + dir + "/other/a.txt' -o '" + dir + "/out3/'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("would both be written to") != std::string::npos);
    CHECK(!std::filesystem::exists(dir + "/out3"));
  }
  SUBCASE("an output that is an input is refused") {
    std::ofstream(dir + "/a.json") << "{}";
    r = testing::RunQaextract("convert --format json '" + dir + "/a.json' '" + dir + "/b.txt' -o '" + dir + "/'");
    CHECK(r.exit_code == 2);
    CHECK(testing::ReadFileOrDie(dir + "/a.json") == "{}");
  }
}

}  // namespace qaextract
