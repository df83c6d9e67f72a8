// Writers for the Document model: JSON (a streaming writer, used for batch
// output) and YAML (yaml-cpp's emitter, for reading). Both carry the same
// model with the same field names; docs/output-schema.md describes it.
//
// Text is written as UTF-8. Invalid UTF-8 in the input (only possible when
// Source::invalid_utf8 > 0) is written as U+FFFD, so output always parses.
//
// Thread-safety: the writers keep no state between calls.
#ifndef QAEXTRACT_INCLUDE_EMIT_H_
#define QAEXTRACT_INCLUDE_EMIT_H_

#include <ostream>
#include <string>
#include <string_view>

#include "qaextract/document.h"
#include "qaextract/status.h"

namespace qaextract {

enum class Format {
  kJson,  // one JSON object, indented (default)
  kYaml,  // one YAML document
};

// Parses "json" or "yaml"; a UsageError otherwise.
Status ParseFormat(std::string_view name, Format* format);

struct JsonOptions {
  bool pretty = true;  // indent by 2 and break lines; false: one line (JSONL)
};

// Appends `document` as JSON to *out (with a final newline when pretty).
void WriteJson(const Document& document, const JsonOptions& options, std::string* out);

// Appends `document` as a YAML document to *out.
void WriteYaml(const Document& document, std::string* out);

// Appends `document` in `format` to *out.
void WriteDocument(const Document& document, Format format, std::string* out);

// Writes `document` in `format` to `out` as it goes, in pieces of about
// 64 KiB, so a large document is never held whole as text (`convert` writes
// its output this way). Write errors are out's: check its state afterwards.
void WriteDocument(const Document& document, Format format, std::ostream& out);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_EMIT_H_
