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
