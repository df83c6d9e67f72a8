#include "text/language.h"

#include "text/decode.h"
#include "text/fold.h"

namespace qaextract::internal {
namespace {

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF);
}
bool IsKana(char32_t c) { return c >= 0x3040 && c <= 0x30FF; }
bool IsHangul(char32_t c) { return (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF); }
bool IsLatin(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

}  // namespace

std::string GuessLanguage(std::string_view text) {
  std::size_t han = 0, traditional = 0, kana = 0, hangul = 0, latin = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 1;
    const char32_t c = DecodeUtf8At(text, i, &n);
    i += n;
    if (IsHan(c)) {
      ++han;
      traditional += FoldChangesCodePoint(c);
    } else if (IsKana(c)) {
      ++kana;
    } else if (IsHangul(c)) {
      ++hangul;
    } else if (IsLatin(c)) {
      ++latin;
    }
  }
  const std::size_t letters = han + kana + hangul + latin;
  if (letters < 20) return "und";
  if (hangul * 5 >= letters) return "ko";
  if (kana * 20 >= letters) return "ja";
  if (han * 2 >= letters) return traditional * 100 >= han * 8 ? "zh-Hant" : "zh-Hans";
  if (latin * 2 >= letters) return "en";
  return "und";
}

bool LanguageMatches(const std::string& guessed, const std::string& wanted) {
  if (wanted == "zh") return guessed == "zh-Hans" || guessed == "zh-Hant";
  return guessed == wanted;
}

}  // namespace qaextract::internal
