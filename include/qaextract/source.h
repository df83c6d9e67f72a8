// Source: one input article as read, and its text as UTF-8.
//
// Original text is sacred: `text` is what offsets in the output document
// refer to. For UTF-8 input (with or without BOM) `text` is the input bytes
// unchanged, so byte offsets point into the file as it is on disk. Input in
// another encoding (UTF-16 with BOM, GB18030/GBK, Big5, detected by ICU or
// forced with ExtractOptions::encoding) is converted to UTF-8 once; offsets
// then refer to that UTF-8 text and `encoding` names the original encoding.
//
// Thread-safety: a Source is a plain value.
#ifndef QAEXTRACT_INCLUDE_SOURCE_H_
#define QAEXTRACT_INCLUDE_SOURCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "qaextract/options.h"
#include "qaextract/status.h"

namespace qaextract {

struct Source {
  std::string path;        // as given; "-" for standard input
  std::uint64_t bytes = 0; // size of the input as read, in bytes
  std::string sha256;      // hex digest of the input as read
  std::string encoding;    // "UTF-8", "UTF-8-BOM", "UTF-16LE", "GB18030", ...
  std::string text;        // UTF-8; see the note above on offsets
  // Number of invalid UTF-8 sequences left in `text` (each is rendered as
  // U+FFFD in output and reported as an `invalid-utf8` warning).
  std::size_t invalid_utf8 = 0;
  // Byte offsets of the first of them (at most 10), for the warning.
  std::vector<std::uint64_t> invalid_utf8_offsets;
};

// Reads the file at `path` ("-": standard input) and decodes it into *source.
// Errors (missing file, a directory, unreadable, over max_input_bytes, binary
// content, unknown forced encoding) are InputErrors naming the path.
Status ReadSource(const std::string& path, const ExtractOptions& options,
                  Source* source);

// Decodes bytes already in memory, as ReadSource does after reading. `path`
// only names the input in messages and in the document. This is also the
// test seam: unit tests build Sources without touching the disk.
Status DecodeSource(std::string bytes, const std::string& path,
                    const ExtractOptions& options, Source* source);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_SOURCE_H_
