#include <doctest/doctest.h>

#include "qaextract/source.h"
#include "text/decode.h"

namespace qaextract {

TEST_CASE("Decode: UTF-8 is kept byte for byte, with its digest") {
  Source s;
  REQUIRE(DecodeSource("暗涌:你好\n", "a.txt", {}, &s).ok());
  CHECK(s.encoding == "UTF-8");
  CHECK(s.text == "暗涌:你好\n");
  CHECK(s.bytes == 14);
  CHECK(s.sha256.size() == 64);
  CHECK(s.invalid_utf8 == 0);
}

TEST_CASE("Decode: a UTF-8 BOM stays in the text so offsets match the file") {
  Source s;
  REQUIRE(DecodeSource("\xEF\xBB\xBFQ: hi\n", "a.txt", {}, &s).ok());
  CHECK(s.encoding == "UTF-8-BOM");
  CHECK(s.text.size() == 9);  // the BOM and "Q: hi\n"
}

TEST_CASE("Decode: UTF-16LE with BOM is converted") {
  const std::string bytes("\xFF\xFE" "Q\0:\0" "\x97\x66" "\n\0", 10);  // "Q:暗\n"
  Source s;
  REQUIRE(DecodeSource(bytes, "a.txt", {}, &s).ok());
  CHECK(s.encoding == "UTF-16LE");
  CHECK(s.text == "Q:暗\n");
}

TEST_CASE("Decode: GB18030 input is detected and converted") {
  // "暗涌:为什么你们选择专注于模型结构本身?" and more, in GB18030.
  std::string gbk =
      "\xB0\xB5\xD3\xBF\xA3\xBA\xCE\xAA\xCA\xB2\xC3\xB4\xC4\xE3\xC3\xC7\xD1\xA1\xD4\xF1"
      "\xD7\xA8\xD7\xA2\xD3\xDA\xC4\xA3\xD0\xCD\xBD\xE1\xB9\xB9\xB1\xBE\xC9\xED\xA3\xBF\n";
  std::string text;
  for (int i = 0; i < 8; ++i) text += gbk;
  Source s;
  REQUIRE(DecodeSource(text, "a.txt", {}, &s).ok());
  CHECK(s.encoding == "GB18030");
  CHECK(s.text.substr(0, 9) == "暗涌：");
  CHECK(s.invalid_utf8 == 0);
}

TEST_CASE("Decode: a forced encoding that ICU does not know is an error") {
  Source s;
  ExtractOptions options;
  options.encoding = "NO-SUCH-CHARSET";
  Status st = DecodeSource("abc", "a.txt", options, &s);
  CHECK(st.ToString() == "a.txt: error: unknown encoding 'NO-SUCH-CHARSET'");
}

TEST_CASE("Decode: NUL bytes mean binary input, refused") {
  Source s;
  Status st = DecodeSource(std::string("PNG\0\0data", 9), "img.png", {}, &s);
  CHECK(st.ToString() == "img.png: error: binary input (NUL byte at offset 3); not a text article");
  CHECK(st.exit_code() == ExitCode::kInputError);
}

TEST_CASE("Decode: over max_input_bytes is an error naming the limit") {
  Source s;
  ExtractOptions options;
  options.max_input_bytes = 4;
  Status st = DecodeSource("12345", "big.txt", options, &s);
  CHECK(st.ToString() == "big.txt: error: input is 5 bytes, over the limit of 4 (--max-input-bytes)");
}

TEST_CASE("Decode: stray invalid bytes are counted and kept in place") {
  Source s;
  REQUIRE(DecodeSource("Q: a\xFF" "b\n", "a.txt", {}, &s).ok());
  CHECK(s.invalid_utf8 == 1);
  CHECK(s.text == "Q: a\xFF" "b\n");
}

TEST_CASE("Decode: ReadSource reports missing files and directories") {
  Source s;
  CHECK(ReadSource("/nonexistent/x.txt", {}, &s).ToString() ==
        "/nonexistent/x.txt: error: cannot read input: No such file or directory");
  CHECK(ReadSource("/tmp", {}, &s).ToString() == "/tmp: error: is a directory, not a file");
}

}  // namespace qaextract

namespace qaextract::internal {

TEST_CASE("SanitizeUtf8: a truncated sequence becomes one U+FFFD, and the result is valid") {
  // E6 AC is the start of a 3-byte sequence broken off by 'p': U8_NEXT takes
  // both bytes as one invalid maximal subpart. (Found by fuzz_extract: the
  // JSON writer sanitized such text, still found it invalid, and recursed.)
  const std::string broken = "a\xE6\xACpS\xE7\n\xFF";
  CHECK_FALSE(IsValidUtf8(broken));
  const std::string clean = SanitizeUtf8(broken);
  CHECK(clean == "a\xEF\xBF\xBDpS\xEF\xBF\xBD\n\xEF\xBF\xBD");
  CHECK(IsValidUtf8(clean));
  CHECK(SanitizeUtf8("U+FFFD itself: \xEF\xBF\xBD") == "U+FFFD itself: \xEF\xBF\xBD");
  std::size_t n = 0;
  CHECK(DecodeUtf8At(broken, 1, &n) == 0xFFFD);
  CHECK(n == 2);
}

}  // namespace qaextract::internal
