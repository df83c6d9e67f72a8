// `qaextract rules lint` on the table of bad rule files in tests/rules/:
// each bad_<case>.yaml beside bad_<case>.err, the exact expected stderr.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "testing/test_util.h"

namespace qaextract {

TEST_CASE("rules lint: every bad rule file gets exactly its expected diagnostics") {
  const std::filesystem::path dir = testing::SourcePath("tests/rules");
  std::set<std::string> codes;
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::filesystem::path path = entry.path();
    if (path.extension() != ".yaml" || path.filename().string().rfind("bad_", 0) != 0) continue;
    ++cases;
    const std::string relative = "tests/rules/" + path.filename().string();
    CAPTURE(relative);
    const std::string expected = testing::ReadFileOrDie(
        (dir / path.stem()).string() + ".err");
    testing::RunResult r = testing::RunQaextractIn(testing::SourcePath(""), "rules lint " + relative);
    CHECK(r.err == expected);
    const bool has_error = expected.find(" error: [") != std::string::npos;
    CHECK(r.exit_code == (has_error ? 1 : 0));
    const std::size_t open = expected.find(": [");
    REQUIRE(open != std::string::npos);
    codes.insert(expected.substr(open + 3, expected.find(']', open) - open - 3));
  }
  CHECK(cases >= 20);
  CHECK(codes.size() >= 20);
}

TEST_CASE("rules lint: the shipped rule files are clean") {
  testing::RunResult r = testing::RunQaextractIn(
      testing::SourcePath(""), "rules lint rules/base-web.yaml rules/base-zh.yaml rules/generic.yaml "
                               "rules/anyong-waves.yaml rules/bloomberg-big-take-asia.yaml "
                               "rules/gihot-repost.yaml");
  CHECK(r.exit_code == 0);
  CHECK(r.err == "6 files, 0 errors, 0 warnings\n");
}

}  // namespace qaextract

#include <fstream>

namespace qaextract {

TEST_CASE("rules test: a failing case shows what differs, --update rewrites it") {
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directories(dir + "/tests/qa");
  std::ofstream(dir + "/qa.yaml") << "name: qa\nmatch: ['问']\nspeakers:\n"
                                     "  - {id: q, role: interviewer, markers: [问]}\n"
                                     "  - {id: a, role: interviewee, markers: [答]}\n";
  std::ofstream(dir + "/tests/qa/input.txt") << "问：一？\n答：二。\n问：三？\n";
  std::ofstream(dir + "/tests/qa/expected.yaml")
      << "rules: qa\nspeakers: {q: 2, a: 1}\nsections: []\n"
         "turns:\n  - {line: 1, speaker: q}\n  - {line: 2, speaker: q}\n  - {line: 4, speaker: a}\n";
  testing::RunResult r = testing::RunQaextract("rules test '" + dir + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        "FAIL qa  (qa: 3 turns, 2 speakers, 0 sections)\n"
        "  line 2: turn by q is now by a\n"
        "  line 3: unexpected turn by q\n"
        "  line 4: missing turn by a\n"
        "0 passed, 1 failed\n");
  r = testing::RunQaextract("rules test --update '" + dir + "'");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "PASS qa  (qa: 3 turns, 2 speakers, 0 sections)\n1 passed, 0 failed\n");
}

TEST_CASE("rules diff: turns gained, lost and re-attributed by a rule edit") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/old.yaml") << "name: r\nspeakers:\n  - {id: q, markers: [问]}\n  - {id: a, markers: [答]}\n";
  std::ofstream(dir + "/new.yaml") << "name: r\nspeakers:\n  - {id: q, markers: [问, 记者]}\n"
                                      "  - {id: a, markers: [张三]}\n  - {id: b, markers: [答]}\n";
  std::ofstream(dir + "/a.txt") << "问：一？\n答：二。\n记者：三？\n张三：四。\n";
  testing::RunResult r = testing::RunQaextract("rules diff '" + dir + "/old.yaml' '" + dir +
                                               "/new.yaml' '" + dir + "/a.txt'");
  CHECK(r.exit_code == 0);
  CHECK(r.out == dir + "/a.txt: 2 -> 4 turns\n"
                       "  line 2: turn by a is now by b\n"
                       "  line 3: gained turn by q\n"
                       "  line 4: gained turn by a\n"
                       "1 of 1 articles change\n");
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("rules list and rules show: every built-in file, a copy of which lints cleanly") {
  const testing::RunResult list = testing::RunQaextract("rules list");
  REQUIRE(list.exit_code == 0);
  const std::string dir = testing::MakeTempDir();
  for (const std::string& name : RuleSet::BuiltinNames()) {
    CAPTURE(name);
    CHECK(list.out.find(name) != std::string::npos);
    const testing::RunResult show = testing::RunQaextract("rules show " + name);
    REQUIRE(show.exit_code == 0);
    std::ofstream(dir + "/" + name + ".yaml") << show.out;
    const testing::RunResult lint = testing::RunQaextractIn(dir, "rules lint " + name + ".yaml");
    CHECK(lint.exit_code == 0);
    CHECK(lint.err.find("0 errors") != std::string::npos);
  }
  const testing::RunResult missing = testing::RunQaextract("rules show nope");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("built-in: anyong-waves") != std::string::npos);
}

}  // namespace qaextract
