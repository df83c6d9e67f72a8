// A streaming JSON writer: appends straight to a string, no DOM. It is on the
// batch hot path; tests check its output with nlohmann::json's parser.
#include "emit/json_sink.h"
#include "qaextract/emit.h"

namespace qaextract {

void WriteJson(const Document& document, const JsonOptions& options, std::string* out) {
  internal::JsonSink sink(options.pretty, out);
  internal::WalkDocument(document, &sink);
  *out += '\n';
}

namespace internal {

void WriteJsonTo(const Document& document, const JsonOptions& options, std::ostream& out) {
  std::string buffer;
  JsonSink sink(options.pretty, &buffer, &out);
  WalkDocument(document, &sink);
  buffer += '\n';
  sink.Finish();
}

}  // namespace internal

}  // namespace qaextract
