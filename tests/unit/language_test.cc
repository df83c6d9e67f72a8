// The script-based language guess behind batch --lang.
#include <doctest/doctest.h>

#include "testing/test_util.h"
#include "text/language.h"

namespace qaextract::internal {

TEST_CASE("GuessLanguage: scripts of the samples and of short texts") {
  CHECK(GuessLanguage(testing::ReadFileOrDie(testing::SourcePath("samples/zh-anyong-interview-v1.txt"))) == "zh-Hans");
  CHECK(GuessLanguage(testing::ReadFileOrDie(testing::SourcePath("samples/zh-hant-bloomberg-podcast.txt"))) == "zh-Hant");
  CHECK(GuessLanguage("The interview was edited for length and clarity by the newsroom.") == "en");
  CHECK(GuessLanguage("インタビューは東京で行われました。これは日本語の文章です。") == "ja");
  CHECK(GuessLanguage("인터뷰는 서울에서 진행되었습니다. 이것은 한국어 문장입니다.") == "ko");
  CHECK(GuessLanguage("短文") == "und");
  CHECK(LanguageMatches("zh-Hant", "zh"));
  CHECK(LanguageMatches("zh-Hans", "zh"));
  CHECK_FALSE(LanguageMatches("zh-Hans", "zh-Hant"));
  CHECK_FALSE(LanguageMatches("en", "zh"));
}

}  // namespace qaextract::internal
