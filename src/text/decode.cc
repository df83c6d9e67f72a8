// Reading and decoding input.
//
// Order of decisions: size limit; byte-order mark (UTF-8 kept as is, UTF-16
// converted); a forced encoding; NUL bytes mean binary and are refused; valid
// UTF-8 is taken as is; anything else goes to ICU's charset detector, and a
// confident legacy Chinese encoding (GB18030 family, Big5) is converted. What
// is left is UTF-8 with invalid sequences, which is kept byte for byte (so
// offsets stay true) and reported.
#include "text/decode.h"

#include <simdjson.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sys/stat.h>

#include "qaextract/source.h"
#include "qaextract/digest.h"

namespace qaextract {
namespace internal {

namespace {

// U8_NEXT on a window of at most 4 bytes at s[i], so offsets past 2 GiB
// (ICU's macros take int32 indices) are fine. Sets *length; returns false
// for an invalid sequence (then *length is its maximal subpart).
bool NextCodePointValid(std::string_view s, std::size_t i, std::size_t* length, UChar32* cp = nullptr) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data() + i);
  const auto window = static_cast<int32_t>(std::min<std::size_t>(4, s.size() - i));
  int32_t offset = 0;
  UChar32 c;
  U8_NEXT(p, offset, window, c);
  *length = static_cast<std::size_t>(offset);
  if (cp) *cp = c;
  return c >= 0;
}

}  // namespace

char32_t DecodeUtf8At(std::string_view s, std::size_t i, std::size_t* length) {
  UChar32 c = 0;
  return NextCodePointValid(s, i, length, &c) ? static_cast<char32_t>(c) : 0xFFFD;
}

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  DecodeUtf8Into(s, &out);
  return out;
}

void DecodeUtf8Into(std::string_view s, std::u32string* out) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    *out += DecodeUtf8At(s, i, &n);
    i += n;
  }
}

// simdjson's validator checks UTF-8 a few bytes per cycle; invalid text (rare)
// then takes the slow path that counts and locates.
bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    if (NextCodePointValid(s, i, &n)) out.append(s.data() + i, n);
    else out += "\xEF\xBF\xBD";
    i += n;
  }
  return out;
}

std::size_t CountInvalidUtf8(std::string_view s, std::vector<std::uint64_t>* offsets,
                             std::size_t max_offsets) {
  if (IsValidUtf8(s)) return 0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {  // ASCII fast path
      ++i;
      continue;
    }
    std::size_t n = 1;
    const bool valid = NextCodePointValid(s, i, &n);
    if (!valid) {
      if (offsets && offsets->size() < max_offsets) offsets->push_back(i);
      ++count;
    }
    i += n;
  }
  return count;
}

bool ReadAtMost(std::istream& in, std::uint64_t limit, std::string* bytes) {
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    bytes->append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes->size() > limit) return false;
  }
  return true;
}

}  // namespace internal

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Converts `bytes` from `encoding` to UTF-8 with ICU; false when ICU does not
// know the encoding or the bytes do not convert.
bool ConvertToUtf8(std::string_view bytes, const std::string& encoding, std::string* out,
                   std::string* error) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding.c_str(), &status);
  if (U_FAILURE(status)) {
    *error = "unknown encoding '" + encoding + "'";
    return false;
  }
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
  // Stop at the first unmappable sequence instead of substituting silently.
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string utf16(bytes.size() + 1, u'\0');
  int32_t n16 = ucnv_toUChars(conv, reinterpret_cast<UChar*>(utf16.data()),
                              static_cast<int32_t>(utf16.size()), bytes.data(),
                              static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    *error = "input is not valid " + encoding + " (" + u_errorName(status) + ")";
    return false;
  }
  UErrorCode s8 = U_ZERO_ERROR;
  UConverter* utf8 = ucnv_open("UTF-8", &s8);
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard8(utf8, ucnv_close);
  out->assign(static_cast<std::size_t>(n16) * 3 + 1, '\0');
  int32_t n8 = ucnv_fromUChars(utf8, out->data(), static_cast<int32_t>(out->size()),
                               reinterpret_cast<UChar*>(utf16.data()), n16, &s8);
  if (U_FAILURE(s8)) {
    *error = std::string("conversion to UTF-8 failed (") + u_errorName(s8) + ")";
    return false;
  }
  out->resize(static_cast<std::size_t>(n8));
  return true;
}

// ICU's best guess for legacy Chinese encodings, or "" when it has none
// worth trusting.
std::string DetectLegacyEncoding(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
  ucsdet_setText(det, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  if (U_FAILURE(status) || match == nullptr) return "";
  const char* name = ucsdet_getName(match, &status);
  int32_t confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status) || name == nullptr || confidence < 30) return "";
  std::string n = name;
  if (n == "GB18030" || n == "Big5" || n == "EUC-KR" || n == "Shift_JIS" || n == "EUC-JP")
    return n;
  return "";
}

}  // namespace

Status DecodeSource(std::string bytes, const std::string& path, const ExtractOptions& options,
                    Source* source) {
  return internal::DecodeSource(std::move(bytes), path, options, internal::SourceDigest::kAlways, source);
}

namespace internal {

Status DecodeSource(std::string bytes, const std::string& path, const ExtractOptions& options,
                    SourceDigest digest, Source* source) {
  const SourceLocation where{path, 0, 0};
  if (bytes.size() > options.max_input_bytes) {
    return Status::InputError(where, "input is " + std::to_string(bytes.size()) +
                                         " bytes, over the limit of " +
                                         std::to_string(options.max_input_bytes) +
                                         " (--max-input-bytes)");
  }
  Source s;
  s.path = path;
  s.bytes = bytes.size();
  if (digest == SourceDigest::kAlways) s.sha256 = Sha256Hex(bytes);
  std::string error;
  std::string encoding = options.encoding;
  if (encoding.empty()) {
    if (StartsWith(bytes, "\xFF\xFE")) encoding = "UTF-16LE";
    if (StartsWith(bytes, "\xFE\xFF")) encoding = "UTF-16BE";
  }
  if (!encoding.empty() && encoding != "UTF-8") {
    std::string_view body = bytes;
    if (encoding.rfind("UTF-16", 0) == 0 && (StartsWith(body, "\xFF\xFE") || StartsWith(body, "\xFE\xFF")))
      body.remove_prefix(2);  // the BOM is not text
    if (!ConvertToUtf8(body, encoding, &s.text, &error))
      return Status::InputError(where, error);
    if (s.sha256.empty()) s.sha256 = Sha256Hex(bytes);  // the bytes as read are gone after this
    s.encoding = encoding;
  } else {
    if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
      auto offset = static_cast<const char*>(nul) - bytes.data();
      return Status::InputError(where, "binary input (NUL byte at offset " +
                                           std::to_string(offset) + "); not a text article");
    }
    s.encoding = StartsWith(bytes, "\xEF\xBB\xBF") ? "UTF-8-BOM" : "UTF-8";
    s.invalid_utf8 = internal::CountInvalidUtf8(bytes, &s.invalid_utf8_offsets);
    std::string legacy = (s.invalid_utf8 > 0 && options.encoding.empty())
                             ? DetectLegacyEncoding(bytes)
                             : "";
    if (!legacy.empty() && ConvertToUtf8(bytes, legacy, &s.text, &error)) {
      if (s.sha256.empty()) s.sha256 = Sha256Hex(bytes);  // the bytes as read are gone after this
      s.encoding = legacy;
      s.invalid_utf8 = 0;
      s.invalid_utf8_offsets.clear();
    } else if (s.invalid_utf8 > 0 && options.strict_utf8) {
      return Status::InputError(where, "invalid UTF-8 at byte " + std::to_string(s.invalid_utf8_offsets.front()) +
                                           " (" + std::to_string(s.invalid_utf8) +
                                           " invalid sequence(s)); --strict refuses it");
    } else {
      s.text = std::move(bytes);
    }
  }
  *source = std::move(s);
  return Status::OK();
}

}  // namespace internal

namespace {

// Reads `in` to its end, no more than `limit` bytes.
Status ReadBounded(std::istream& in, const SourceLocation& where, std::uint64_t limit, std::string* bytes) {
  if (!internal::ReadAtMost(in, limit, bytes)) {
    return Status::InputError(where, "input is over the limit of " + std::to_string(limit) +
                                         " bytes (--max-input-bytes)");
  }
  if (in.bad()) return Status::InputError(where, "read error");
  return Status::OK();
}

}  // namespace

Status ReadSource(const std::string& path, const ExtractOptions& options, Source* source) {
  const SourceLocation where{path, 0, 0};
  std::string bytes;
  if (path == "-") {
    if (Status s = ReadBounded(std::cin, where, options.max_input_bytes, &bytes); !s.ok()) return s;
    return DecodeSource(std::move(bytes), path, options, source);
  }
  struct stat st;
  if (stat(path.c_str(), &st) != 0)
    return Status::InputError(where, std::string("cannot read input: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return Status::InputError(where, "is a directory, not a file");
  if (static_cast<std::uint64_t>(st.st_size) > options.max_input_bytes) {
    return Status::InputError(where, "input is " + std::to_string(st.st_size) +
                                         " bytes, over the limit of " +
                                         std::to_string(options.max_input_bytes) +
                                         " (--max-input-bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InputError(where, std::string("cannot open input: ") + std::strerror(errno));
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<std::size_t>(st.st_size));
  if (Status s = ReadBounded(in, where, options.max_input_bytes, &bytes); !s.ok()) return s;
  return DecodeSource(std::move(bytes), path, options, source);
}

}  // namespace qaextract
