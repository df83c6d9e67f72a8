// Fuzz target: a rule file and an article in one input, split at the first
// line "%%" (rules above, article below; no such line: all of it is both).
// Arbitrary rules must never break extraction or the invariant.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "qaextract/qaextract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qaextract;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view yaml = input, article = input;
  if (const std::size_t cut = input.find("\n%%\n"); cut != std::string_view::npos) {
    yaml = input.substr(0, cut + 1);
    article = input.substr(cut + 4);
  }
  RuleSet rules;
  if (!RuleSet::LoadString(yaml, "fuzz.yaml", {}, &rules).ok()) return 0;
  ExtractOptions options;
  Source source;
  if (!DecodeSource(std::string(article), "fuzz", options, &source).ok()) return 0;
  Document doc;
  internal::Trace trace;
  if (!internal::ExtractTraced(source, rules, options, &doc, &trace).ok()) return 0;
  fuzz::CheckDocument(source, doc, trace);
  // As batch extracts it (dialogue_only: the triage decides from the lines
  // that can carry a label, under these arbitrary rules): as many turns.
  ExtractOptions lean = options;
  lean.dialogue_only = true;
  Document lean_doc;
  if (!Extract(source, rules, lean, &lean_doc).ok()) fuzz::Fail("dialogue_only failed where the full path did not");
  if (lean_doc.turns.size() != doc.turns.size())
    fuzz::Fail("dialogue_only (triage) found " + std::to_string(lean_doc.turns.size()) + " turns, the full path " +
               std::to_string(doc.turns.size()));
  return 0;
}
