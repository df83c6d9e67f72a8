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
  // The triage decides from the lines that can carry a label, under these
  // arbitrary rules.
  ExtractOptions lean = options;
  lean.dialogue_only = true;
  Document lean_doc;
  const Status s = Extract(source, rules, lean, &lean_doc);
  fuzz::CheckSameTurns(doc, s, lean_doc);
  return 0;
}
