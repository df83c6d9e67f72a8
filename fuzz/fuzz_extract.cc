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
  // As batch extracts it (dialogue_only: the triage may rule the article
  // out before its lines are labelled): as many turns.
  ExtractOptions lean = options;
  lean.dialogue_only = true;
  Document lean_doc;
  if (!ExtractWithLibrary(source, fuzz::BuiltinLibrary(), lean, &lean_doc).ok())
    fuzz::Fail("dialogue_only failed where the full path did not");
  if (lean_doc.turns.size() != doc.turns.size())
    fuzz::Fail("dialogue_only (triage) found " + std::to_string(lean_doc.turns.size()) + " turns, the full path " +
               std::to_string(doc.turns.size()));
  return 0;
}
