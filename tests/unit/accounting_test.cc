// The "nothing lost" invariant on the samples, the evaluation corpus (when
// present) and articles built to stress it.
#include <doctest/doctest.h>

#include <filesystem>

#include "parse/accounting.h"
#include "extract/traced.h"
#include "testing/test_util.h"

namespace qaextract::internal {
namespace {

std::vector<std::string> Problems(const std::string& text) {
  const RuleLibrary& library = testing::BuiltinLibrary();
  Source source;
  REQUIRE(DecodeSource(text, "a.txt", {}, &source).ok());
  Document doc;
  Trace trace;
  REQUIRE(ExtractWithLibraryTraced(source, library, {}, &doc, &trace).ok());
  return CheckAccounting(source, doc, trace);
}

}  // namespace

TEST_CASE("Accounting: every line of every sample is accounted for") {
  for (const auto& e : std::filesystem::directory_iterator(testing::SourcePath("samples"))) {
    if (e.path().extension() != ".txt") continue;
    CAPTURE(e.path().string());
    CHECK(Problems(testing::ReadFileOrDie(e.path().string())) == std::vector<std::string>{});
  }
}

TEST_CASE("Accounting: every line of the evaluation corpus is accounted for") {
  const std::string dir = testing::SourcePath("../shared/corpus/docs");
  if (!std::filesystem::is_directory(dir)) return;  // the corpus is optional
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    CAPTURE(e.path().string());
    CHECK(Problems(testing::ReadFileOrDie(e.path().string())) == std::vector<std::string>{});
  }
}

TEST_CASE("Accounting: odd articles") {
  const char* articles[] = {
      "",
      "\n\n  \n",
      "股票配资\n张开剩余93%\n",
      "发布日期:2024-01-01\n发布日期:2024-02-02\n问:一?\n答:二。\n问:三?\n答:四。\n",
      "---\ntitle: x\n---\n问:一?\n答:二,配资股票三。\n问:四?\n答:五。\n发布于:北京\n",
      "01\n标题\n问:一?\n\n\n答:二。\r\n问:三?\r答:四。",
      // Full-width indentation, NBSP and a stray BOM at line edges are
      // trimmed from the text like spaces (fuzz_extract found the BOM).
      "问:一?\n答:二。\n\u3000\u3000三。\u00a0\n\ufeff四。\n问:五?\n答:六。\n",
      // A marker alone on its line: the first paragraph is the next line.
      "问:\n一?\n答:\n二。\n问:三?\n答:四。\n",
  };
  for (const char* a : articles) {
    CAPTURE(a);
    CHECK(Problems(a) == std::vector<std::string>{});
  }
}

TEST_CASE("Accounting: a cut between the bytes of an invalid sequence is accounted for (fuzz finding)") {
  // "\xE2\x80" + "**" + "\x80": with the emphasis cut out, the bytes meet as
  // one code point in the turn's text; the check joins the kept pieces the
  // same way before comparing. The same with inline noise cut out.
  CHECK(Problems("问：好\xE2\x80**\x80吗？\n答：好。\n问：再见？\n答：再见。\n") == std::vector<std::string>{});
  CHECK(Problems("问：好\xE2\x80迪士尼彩乐园\x80吗？\n答：好。\n问：再见？\n答：再见。\n") == std::vector<std::string>{});
  CHECK(Problems("问：\xFF# 标题\xE2\x80# \x80\n答：好。\n问：再见？\n答：再见。\n") == std::vector<std::string>{});
}

}  // namespace qaextract::internal
