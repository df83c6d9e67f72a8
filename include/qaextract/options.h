// ExtractOptions: every resource limit of reading and extracting, with its
// default. Limits exist because input is scraped web text and rule files are
// written by users: both are untrusted. Going past a limit is a clear error
// (Status::InputError / RuleError), never a silent truncation.
#ifndef QAEXTRACT_INCLUDE_OPTIONS_H_
#define QAEXTRACT_INCLUDE_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace qaextract {

struct ExtractOptions {
  // Largest input accepted, in bytes; default 256 MiB. Larger inputs are
  // refused with an error naming the limit.
  std::uint64_t max_input_bytes = 256ull << 20;

  // Longest line accepted, in bytes; default 16 MiB.
  std::size_t max_line_bytes = 16u << 20;

  // Most lines accepted in one article; default 1,000,000 (an interview has
  // hundreds). Memory per line is bounded (a few hundred bytes while the
  // article is labelled), so this bounds the memory of a huge article with
  // tiny lines, which max_input_bytes alone does not.
  std::size_t max_lines = 1'000'000;

  // Force an input encoding (an ICU converter name such as "GB18030",
  // "Big5", "UTF-16LE"); empty means detect. Default: empty.
  std::string encoding;

  // Refuse input with invalid UTF-8 (an InputError naming the first bad
  // byte) instead of writing U+FFFD with an `invalid-utf8` warning.
  // Default: false.
  bool strict_utf8 = false;

  // For callers that drop documents without dialogue (batch writes a skip
  // record for them): when the article has no turn, the document is left
  // with its `source` and `rules` only, without the discovery report,
  // metadata, sections, preamble, trailer, removals and warnings that
  // building it would cost; most such articles are ruled out before their
  // lines are labelled, by a cheap pass that knows which lines can start a
  // turn. Documents with turns are unchanged. Default: false.
  bool dialogue_only = false;
};

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_OPTIONS_H_
