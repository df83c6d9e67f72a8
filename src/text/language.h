// A script-based guess at the language of a text, for `batch --lang`.
//
// Counts letters by script: Han ideographs, kana, hangul, Latin. Han with
// kana is Japanese ("ja"), hangul Korean ("ko"), Han Chinese, split by the
// share of ideographs that the Traditional->Simplified fold changes into
// "zh-Hant" (at least 8%) and "zh-Hans"; a Latin majority is "en" (the guess
// cannot tell Latin-script languages apart). Fewer than 20 letters: "und".
// No model and no dictionary: it tells the scripts of a scraped corpus
// apart, not French from English.
#ifndef QAEXTRACT_SRC_TEXT_LANGUAGE_H_
#define QAEXTRACT_SRC_TEXT_LANGUAGE_H_

#include <string>
#include <string_view>

namespace qaextract::internal {

std::string GuessLanguage(std::string_view text);

// Whether a guessed language satisfies a wanted one: "zh" takes "zh-Hans"
// and "zh-Hant"; otherwise the codes must be equal.
bool LanguageMatches(const std::string& guessed, const std::string& wanted);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_TEXT_LANGUAGE_H_
