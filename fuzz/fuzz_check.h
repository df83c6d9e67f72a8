// What every fuzz target checks after an extraction: the document accounts
// for every input line (the "nothing lost" invariant, parse/accounting.h) and
// its JSON parses. A broken check aborts, so libFuzzer records the input.
#ifndef QAEXTRACT_FUZZ_FUZZ_CHECK_H_
#define QAEXTRACT_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "parse/accounting.h"
#include "extract/traced.h"
#include "qaextract/emit.h"
#include "qaextract/rules.h"

namespace qaextract::fuzz {

[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  std::abort();
}

// The built-in rule library, loaded once per process.
inline const RuleLibrary& BuiltinLibrary() {
  static const RuleLibrary* library = [] {
    auto* lib = new RuleLibrary;
    const Status s = RuleLibrary::LoadBuiltin({}, lib);
    if (!s.ok()) Fail("built-in rules: " + s.ToString());
    return lib;
  }();
  return *library;
}

inline void CheckDocument(const Source& source, const Document& doc,
                          const internal::Trace& trace) {
  const std::vector<std::string> problems = internal::CheckAccounting(source, doc, trace);
  if (!problems.empty()) Fail("line not accounted for: " + problems.front());
  std::string json;
  WriteJson(doc, JsonOptions{/*pretty=*/false}, &json);
  if (!nlohmann::json::accept(json)) Fail("JSON output does not parse");
}

// The same article as batch extracts it (ExtractOptions::dialogue_only: the
// triage may rule it out before its lines are labelled), `lean` the status
// and document of that extraction: as many turns as the full path found.
inline void CheckSameTurns(const Document& full, const Status& lean, const Document& lean_doc) {
  if (!lean.ok()) Fail("dialogue_only failed where the full path did not");
  if (lean_doc.turns.size() != full.turns.size())
    Fail("dialogue_only (triage) found " + std::to_string(lean_doc.turns.size()) + " turns, the full path " +
         std::to_string(full.turns.size()));
}

}  // namespace qaextract::fuzz

#endif  // QAEXTRACT_FUZZ_FUZZ_CHECK_H_
