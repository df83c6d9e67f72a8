#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "text/decode.h"
#include "testing/test_util.h"
#include "text/fold.h"

namespace qaextract::internal {
namespace {

std::string View(const std::string& s) {
  FoldedLine f;
  FoldLine(s, ByteSpan{0, s.size()}, {}, &f);
  return f.view;
}

// Up to max_parts - 1 of `parts` joined, drawn by a linear congruential
// generator (the same strings on every run).
std::string RandomJoin(const std::vector<std::string>& parts, int max_parts, std::uint32_t* state) {
  const auto next = [state] { return (*state = *state * 1103515245 + 12345) >> 16; };
  std::string s;
  const int n = static_cast<int>(next() % static_cast<std::uint32_t>(max_parts));
  for (int k = 0; k < n; ++k) s += parts[next() % parts.size()];
  return s;
}

// Every character of the folded view of `s` maps back to whole characters
// of `s` (valid UTF-8 when `s` is).
void CheckMapsBackWhole(const std::string& s) {
  FoldedLine f;
  FoldLine(s, ByteSpan{0, s.size()}, {}, &f);
  for (std::size_t a = 0; a < f.view.size(); ++a) {
    if ((static_cast<unsigned char>(f.view[a]) & 0xC0) == 0x80) continue;
    std::size_t b = a + 1;
    while (b < f.view.size() && (static_cast<unsigned char>(f.view[b]) & 0xC0) == 0x80) ++b;
    const ByteSpan span = f.ToOriginal(a, b);
    CAPTURE(s);
    CAPTURE(a);
    CHECK(IsValidUtf8(s.substr(span.begin, span.end - span.begin)));
  }
}

}  // namespace

TEST_CASE("Fold: NFKC, Traditional to Simplified, spaces folded and trimmed") {
  CHECK(View("梁文鋒：你好") == "梁文锋:你好");
  CHECK(View("  賴（Rai）：  好") == "赖(Rai): 好");
  CHECK(View("迪士尼彩乐园 Ⅲ") == "迪士尼彩乐园 III");
  CHECK(View("a\u3000\u00a0 b") == "a b");
  CHECK(View("梁文\u200b锋") == "梁文锋");
  CHECK(View("ＡＢＣ１２") == "ABC12");
}

TEST_CASE("Fold: view bytes map back to the original spans") {
  const std::string s = "  梁文鋒（x）";
  FoldedLine f;
  FoldLine(s, ByteSpan{0, s.size()}, {}, &f);
  REQUIRE(f.view == "梁文锋(x)");
  // "锋" (view bytes 6..9) came from "鋒" at original bytes 8..11.
  ByteSpan span = f.ToOriginal(6, 9);
  CHECK(s.substr(span.begin, span.end - span.begin) == "鋒");
  // "(" is one view byte from the three-byte "（".
  span = f.ToOriginal(9, 10);
  CHECK(s.substr(span.begin, span.end - span.begin) == "（");
  span = f.ToOriginal(0, f.view.size());
  CHECK(s.substr(span.begin, span.end - span.begin) == "梁文鋒（x）");
}

TEST_CASE("Fold: Traditional text folds into few pieces, and every character maps back") {
  // Copies and Traditional characters folded into as many bytes share a
  // piece; a fold of another length ("（" into "(") starts its own.
  const std::string s = "國內網頁內容很長（甲）";
  FoldedLine f;
  FoldLine(s, ByteSpan{0, s.size()}, {}, &f);
  REQUIRE(f.view == "国内网页内容很长(甲)");
  CHECK(f.pieces.size() == 4);  // "国内网页内容很长", "(", "甲", ")"
  const std::string original[] = {"國", "內", "網", "頁", "內", "容", "很", "長"};
  for (std::size_t i = 0; i < 8; ++i) {
    const ByteSpan span = f.ToOriginal(3 * i, 3 * i + 3);
    CHECK(s.substr(span.begin, span.end - span.begin) == original[i]);
  }
  const ByteSpan paren = f.ToOriginal(24, 25);
  CHECK(s.substr(paren.begin, paren.end - paren.begin) == "（");
  const ByteSpan two = f.ToOriginal(3, 12);
  CHECK(s.substr(two.begin, two.end - two.begin) == "內網頁");
}

TEST_CASE("Fold: FoldText writes what FoldLine's view holds, on every kind of character") {
  // ASCII, controls, spaces of every kind, Simplified and Traditional Han,
  // full-width forms, zero-width characters, U+FFFD and invalid bytes,
  // supplementary planes, folds that grow ("㈱", "ﷺ") and shrink.
  const std::vector<std::string> parts = {
      "a", "Z", " ", "\t", "\r", "\x01", "\x7f", "\u00a0", "\u3000", "\u200b", "\ufeff", "国", "國", "鋒",
      "：", "（", "Ａ", "１", "\ufffd", "\xff", "\xe4\xb8", "\xc3", "\U0001F600", "\U0001D400", "\u3231",
      "\ufdfa", "\u2236", "é", "e\u0301", "ﬁ", "\n"};
  std::uint32_t state = 7;
  for (int round = 0; round < 3000; ++round) {
    std::string s = RandomJoin(parts, 12, &state);
    FoldedLine f;
    FoldLine(s, ByteSpan{0, s.size()}, {}, &f);
    std::string text = "kept|";
    FoldText(s, &text);
    CHECK_MESSAGE(text == "kept|" + f.view, "input bytes: " << s.size());
  }
}

TEST_CASE("Fold: bytes are read as the decoder reads them, whatever they are") {
  // Three-byte characters are read in place where they are valid; overlong
  // forms (E0 80..9F), surrogates (ED A0..BF), cut and stray bytes are one
  // U+FFFD per maximal subpart. The reference folds each character as the
  // decoder splits the text, on its own (no part folds to a space).
  const std::vector<std::string> parts = {
      "a", "国", "國", "：", "\u0800", "\uffee", "\ufffd", "\xe0\x80\xaf", "\xe0\x9f\xbf", "\xed\xa0\x80",
      "\xed\x9f\xbf", "\xe4\xb8", "\xe4", "\xb8", "\xff", "\xef\xbf", "\U0001F600"};
  const auto reference = [](const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t length = 0;
      DecodeUtf8At(s, i, &length);
      FoldText(s.substr(i, length), &out);
      i += length;
    }
    return out;
  };
  CHECK(View("\xe0\x80\xaf") == "\ufffd\ufffd\ufffd");
  CHECK(View("\xed\xa0\x80国") == "\ufffd\ufffd\ufffd国");
  std::uint32_t state = 29;
  for (int round = 0; round < 3000; ++round) {
    const std::string s = RandomJoin(parts, 10, &state);
    CHECK_MESSAGE(View(s) == reference(s), "input bytes: " << s.size());
  }
}

TEST_CASE("Fold: FoldKeyCodePoints holds the code points of FoldKey, on every kind of character") {
  const std::vector<std::string> parts = {
      "a", "Z", " ", "\t", "\r", "\x01", "\x7f", "\u00a0", "\u3000", "\u200b", "\ufeff", "国", "國", "鋒",
      "：", "（", "Ａ", "１", "\ufffd", "\xff", "\xe4\xb8", "\xc3", "\xe0\x80\xaf", "\xed\xa0\x80", "\U0001F600",
      "\u3231", "\ufdfa", "\u2017", "\u2103", "é", "e\u0301", "ﬁ", "\n"};
  std::uint32_t state = 31;
  for (int round = 0; round < 3000; ++round) {
    const std::string s = RandomJoin(parts, 12, &state);
    std::u32string points = U"kept";
    FoldKeyCodePoints(s, &points);
    CHECK_MESSAGE(points == U"kept" + DecodeUtf8(FoldKey(s)), "input bytes: " << s.size());
  }
}

TEST_CASE("Fold: held_spaces names the white space the view shows as one space, as written") {
  testing::PieceTexts texts(
      {"a", "国", " ", "  ", "\t", "\u00a0", "\u3000", "\u2003", "\u200b", "\xff", "\x01", "：", "\xc2"}, 7);
  for (int round = 0; round < 5000; ++round) {
    const std::string text = texts.Next(12);
    CAPTURE(text);
    FoldedLine folded;
    FoldLine(text, ByteSpan{0, text.size()}, {}, &folded);
    std::uint8_t expected = 0;
    if (text.find('\t') != std::string::npos) expected |= FoldedLine::kHeldTab;
    if (text.find("\u00a0") != std::string::npos) expected |= FoldedLine::kHeldNoBreakSpace;
    if (text.find("\u3000") != std::string::npos) expected |= FoldedLine::kHeldIdeographicSpace;
    if (text.find("   ") != std::string::npos) expected |= FoldedLine::kHeldThreeSpaces;
    CHECK(static_cast<int>(folded.held_spaces) == static_cast<int>(expected));
  }
}

TEST_CASE("Fold: a cut of nothing changes neither the view nor its pieces") {
  // A cut ends runs and is skipped over: one of no bytes, at the span's end,
  // must leave a line inside a longer text folded as without it.
  const std::vector<std::string> parts = {
      "a", "Z", " ", "\t", "\x01", "\x7f", "\u00a0", "\u3000", "\u200b", "国", "國", "鋒", "：", "（",
      "Ａ", "\ufffd", "\xff", "\xe4\xb8", "\U0001F600", "\u3231", "\ufdfa", "é", "ﬁ"};
  std::uint32_t state = 11;
  for (int round = 0; round < 3000; ++round) {
    const std::string s = "pre " + RandomJoin(parts, 12, &state) + " post";
    const ByteSpan span{4, s.size() - 5};  // a line inside a longer text
    FoldedLine fast, general;
    FoldLine(s, span, {}, &fast);
    FoldLine(s, span, {ByteSpan{span.end, span.end}}, &general);
    CHECK(fast.view == general.view);
    CHECK(fast.pieces == general.pieces);
  }
}

TEST_CASE("Fold: skipped spans vanish and the text around them joins") {
  const std::string s = "开源,配资股票发论文";
  const std::size_t cut = s.find("配资股票");
  FoldedLine f;
  FoldLine(s, ByteSpan{0, s.size()}, {ByteSpan{cut, cut + 12}}, &f);
  CHECK(f.view == "开源,发论文");
  // The view on either side of the cut maps back past it.
  ByteSpan span = f.ToOriginal(7, 10);  // "发"
  CHECK(s.substr(span.begin, span.end - span.begin) == "发");
  span = f.ToOriginal(0, f.view.size());
  CHECK(s.substr(span.begin, span.end - span.begin) == s);
  // Spaces on both sides of a cut fold into one; a Traditional character
  // after it maps to itself.
  const std::string t = "甲 SPAM 國乙";
  FoldedLine g;
  FoldLine(t, ByteSpan{0, t.size()}, {ByteSpan{4, 8}}, &g);
  CHECK(g.view == "甲 国乙");
  span = g.ToOriginal(4, 7);
  CHECK(t.substr(span.begin, span.end - span.begin) == "國");
}

TEST_CASE("Fold: patterns keep regex syntax, folded punctuation stays literal") {
  CHECK(FoldPattern("^發布於[:：]\\s*(.+)$") == "^发布于[::]\\s*(.+)$");
  CHECK(FoldPattern("梁文锋（") == "梁文锋\\(");
}

TEST_CASE("Fold: marker keys drop all spaces") {
  CHECK(FoldKey("K. Oanh Ha") == "K.OanhHa");
  CHECK(FoldKey("梁文 鋒") == "梁文锋");
}


TEST_CASE("FoldPreimage: finds the first character whose fold holds a needle, whatever the bytes") {
  // The text as read: invalid UTF-8 (a stray continuation byte, a cut
  // sequence) is one U+FFFD per maximal subpart and must not hide the
  // character after it. The reference folds each character on its own.
  const std::vector<std::string_view> needles = {":", "A", "国"};
  const FoldPreimage preimage(needles);
  const std::vector<std::string> parts = {
      "a", "Z", " ", "\x01", "\u00a0", "注", "國", "国", "：", ":", "Ａ", "A", "\ufffd", "\xff", "\xae",
      "\xe4\xb8", "\xc3", "\xed\xa0\x80", "\xe0\x80\xaf", "\xf0\x9f", "\U0001F600", "é", "\u2236"};
  const auto reference = [&](const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
      std::size_t length = 0;
      DecodeUtf8At(s, i, &length);
      std::string folded;
      FoldText(s.substr(i, length), &folded);
      for (std::string_view n : needles)
        if (folded.find(n) != std::string::npos) return i;
      i += length;
    }
    return std::string::npos;
  };
  CHECK(preimage.FirstIn("注\xae：") == 4);  // the stray byte is read as one character
  CHECK(preimage.FirstIn("\xe4\xb8：") == 2);
  std::uint32_t state = 13;
  for (int round = 0; round < 5000; ++round) {
    std::string s = RandomJoin(parts, 10, &state);
    CHECK_MESSAGE(preimage.FirstIn(s) == reference(s), "input bytes: " << s.size());
  }
}

TEST_CASE("Fold: a fold into several characters of the same length maps back whole") {
  // "℃" folds into "°C" and "‗" into a space and a combining mark, each as
  // many bytes as the character: no view span may map into its middle.
  for (const std::string s : {"25℃", "‗", "a‗b", "國℃內"}) CheckMapsBackWhole(s);
  const std::string s = "25℃";
  FoldedLine f;
  FoldLine(s, ByteSpan{0, s.size()}, {}, &f);
  REQUIRE(f.view == "25°C");
  const ByteSpan degree = f.ToOriginal(2, 4);  // "°"
  CHECK(s.substr(degree.begin, degree.end - degree.begin) == "℃");
}

TEST_CASE("Fold: every character of the view maps back to whole characters, on every kind of text") {
  const std::vector<std::string> parts = {
      "a", " ", "国", "國", "鋒", "：", "（", "Ａ", "１", "℃", "‗", "™", "㎏", "\u00a8", "\u3231", "\ufdfa",
      "ﬁ", "é", "e\u0301", "\u200b", "\U0001F600", "\u2236"};
  std::uint32_t state = 17;
  for (int round = 0; round < 3000; ++round) CheckMapsBackWhole(RandomJoin(parts, 10, &state));
}

}  // namespace qaextract::internal
