// UTF-8 helpers shared by the decoder, the folder and the writers.
#ifndef QAEXTRACT_SRC_TEXT_DECODE_H_
#define QAEXTRACT_SRC_TEXT_DECODE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace qaextract::internal {

// Decodes the code point starting at s[i]. Sets *length to the bytes it
// takes (1 for an invalid byte, which decodes as U+FFFD).
char32_t DecodeUtf8At(std::string_view s, std::size_t i, std::size_t* length);

// All code points of `s` (invalid bytes as U+FFFD).
std::u32string DecodeUtf8(std::string_view s);

// Number of invalid UTF-8 sequences in `s`; *first_offset gets the offset of
// the first one (untouched when there is none).
std::size_t CountInvalidUtf8(std::string_view s, std::size_t* first_offset);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_TEXT_DECODE_H_
