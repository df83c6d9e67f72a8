// UTF-8 helpers shared by the decoder, the folder and the writers; the
// bounded read that gets an input's bytes; the decoder batch uses.
#ifndef QAEXTRACT_SRC_TEXT_DECODE_H_
#define QAEXTRACT_SRC_TEXT_DECODE_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "qaextract/source.h"

namespace qaextract::internal {

// Decodes the code point starting at s[i]. Sets *length to the bytes it
// takes. An invalid sequence decodes as U+FFFD and takes its maximal
// subpart: a lone byte, or a lead byte and the trail bytes that fit it
// before the sequence broke off (Unicode's "best practice" for U+FFFD), so
// *length is 1 to 3 for it, not always 1.
char32_t DecodeUtf8At(std::string_view s, std::size_t i, std::size_t* length);

// DecodeUtf8At with the common cases inline: ASCII, and a valid 3-byte
// sequence (nearly all CJK text). For loops over every character.
inline char32_t NextCodePoint(std::string_view s, std::size_t i, std::size_t* length) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const std::size_t left = s.size() - i;
  if (p[0] < 0x80) {
    *length = 1;
    return p[0];
  }
  if (p[0] >= 0xE0 && p[0] < 0xF0 && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    const char32_t cp = (static_cast<char32_t>(p[0] & 0x0F) << 12) |
                        (static_cast<char32_t>(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *length = 3;
      return cp;
    }
  }
  return DecodeUtf8At(s, i, length);
}

// All code points of `s` (invalid bytes as U+FFFD).
std::u32string DecodeUtf8(std::string_view s);
// Appends them to *out (a buffer reused across calls allocates nothing).
void DecodeUtf8Into(std::string_view s, std::u32string* out);

// True when `s` is valid UTF-8 (the common case; then no copy is needed).
bool IsValidUtf8(std::string_view s);

// `s` with every invalid sequence (maximal subpart, as DecodeUtf8At) replaced
// by U+FFFD; the result is always valid UTF-8.
std::string SanitizeUtf8(std::string_view s);

// Number of invalid UTF-8 sequences in `s`; *offsets, when not null, gets
// the byte offsets of the first `max_offsets` of them.
std::size_t CountInvalidUtf8(std::string_view s, std::vector<std::uint64_t>* offsets = nullptr,
                             std::size_t max_offsets = 10);

// Appends what `in` holds to *bytes, in 64 KB pieces, and stops once more
// than `limit` bytes were read (returning false): a pipe has no size to
// check first, and a file may grow after its size was checked. A read error
// leaves in.bad() set.
bool ReadAtMost(std::istream& in, std::uint64_t limit, std::string* bytes);

// Whether DecodeSource digests the input: always (the public DecodeSource),
// or only when the bytes as read are not kept as `text` (converted from
// another encoding), leaving `sha256` empty otherwise: batch digests only
// the articles it writes (Sha256Hex of `text`, the same bytes).
enum class SourceDigest { kAlways, kUnlessKept };

Status DecodeSource(std::string bytes, const std::string& path, const ExtractOptions& options,
                    SourceDigest digest, Source* source);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_TEXT_DECODE_H_
