// ExtractOptions::dialogue_only (what batch uses) changes nothing a caller
// that drops documents without turns can see: documents with turns are the
// same bytes, and documents without stay without. Checked on the samples,
// the evaluation corpus when it is beside the checkout, and made-up articles.
#include <doctest/doctest.h>

#include <filesystem>

#include "qaextract/emit.h"
#include "testing/test_util.h"

namespace qaextract {
namespace {

void CheckSame(const std::string& text, const std::string& name) {
  CAPTURE(name);
  Source source;
  REQUIRE(DecodeSource(text, name, {}, &source).ok());
  ExtractOptions full, lean;
  lean.dialogue_only = true;
  Document a, b;
  REQUIRE(ExtractWithLibrary(source, testing::BuiltinLibrary(), full, &a).ok());
  REQUIRE(ExtractWithLibrary(source, testing::BuiltinLibrary(), lean, &b).ok());
  CHECK(a.turns.size() == b.turns.size());
  if (a.turns.empty()) {
    CHECK(b.source.sha256 == a.source.sha256);
    CHECK(b.rules.name == a.rules.name);
    CHECK(b.rules.selected_by == a.rules.selected_by);
    return;
  }
  std::string ja, jb;
  WriteJson(a, JsonOptions{}, &ja);
  WriteJson(b, JsonOptions{}, &jb);
  CHECK(ja == jb);
}

}  // namespace

TEST_CASE("dialogue_only: the same documents with turns, none built without") {
  int articles = 0;
  for (const char* dir : {"samples", "../shared/corpus/docs"}) {
    const std::filesystem::path path = testing::SourcePath(dir);
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      if (entry.path().extension() != ".txt" && entry.path().extension() != ".md") continue;
      CheckSame(testing::ReadFileOrDie(entry.path().string()), entry.path().filename().string());
      ++articles;
    }
  }
  CHECK(articles >= 4);
  // Made up: prose with colons, a record list, a short exchange, a rule
  // file's article with its markers only in the preamble.
  CheckSame("A walk\n\nWe left at six: it rained.\n\nThe hut: closed.\n", "prose");
  CheckSame("Date: 2024-01-02\nPlace: Hall A\nGuest: Ann\n\nDate: 2024-02-03\nPlace: Hall B\nGuest: Bo\n", "records");
  CheckSame("Q: One?\nA: Two.\nQ: Three?\nA: Four.\nQ: Five?\nA: Six.\n", "exchange");
}

}  // namespace qaextract
