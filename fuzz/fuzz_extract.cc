// Fuzz target: arbitrary bytes as an article, extracted with the built-in
// rule library (rule selection, discovery, assembly), then checked.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "qaextract/qaextract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qaextract;
  ExtractOptions options;
  Source source;
  if (!DecodeSource(std::string(reinterpret_cast<const char*>(data), size), "fuzz", options,
                    &source)
           .ok())
    return 0;  // refused input (binary, over a limit) is a clean error
  Document doc;
  internal::Trace trace;
  if (!internal::ExtractWithLibraryTraced(source, fuzz::BuiltinLibrary(), options, &doc, &trace).ok())
    return 0;
  fuzz::CheckDocument(source, doc, trace);
  ExtractOptions lean = options;
  lean.dialogue_only = true;
  Document lean_doc;
  const Status s = ExtractWithLibrary(source, fuzz::BuiltinLibrary(), lean, &lean_doc);
  fuzz::CheckSameTurns(doc, s, lean_doc);
  return 0;
}
