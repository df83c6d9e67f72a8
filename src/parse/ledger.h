// The explain ledger: every line of an extraction exactly once, with what it
// became and which rule decided (and where that rule is written), then the
// near misses: lines that start like a marker ("label:") but are no turn.
// Built from the trace the extractor recorded; nothing is decided again.
// Used by `qaextract explain` and by the playground (`qaextract serve`).
#ifndef QAEXTRACT_SRC_PARSE_LEDGER_H_
#define QAEXTRACT_SRC_PARSE_LEDGER_H_

#include <string>
#include <vector>

#include "parse/pipeline.h"
#include "qaextract/document.h"
#include "qaextract/source.h"

namespace qaextract::internal {

struct LedgerRow {
  int line = 0;
  std::string what;    // turn, continuation, heading, noise, preamble, ...
  std::string detail;  // "5 liang-wenfeng", "section 2", ...
  int turn = -1;       // the turn the line belongs to, or -1
  std::string speaker; // that turn's speaker id
  std::string rule;    // id of the deciding rule
  std::string location;  // where the rule is written ("base-zh.yaml:12:7")
  std::vector<std::string> cuts;  // rules that cut inline noise from the line
  std::string text;    // the line as read
};

// A label at a line start that is no turn ("HOST:" when the marker is a
// case-sensitive "Host").
struct NearMiss {
  std::string key;      // the label folded, without spaces: what lookup compared
  std::string written;  // the label as the article first writes it
  std::vector<int> lines;
  // Why a marker of the rules did not take it, when one nearly did: "differs
  // only in case from marker 'Host' of speaker host (case: sensitive)".
  std::string hint;
};

struct Ledger {
  std::vector<LedgerRow> rows;       // one per input line
  std::vector<NearMiss> near_misses;  // by key
};

Ledger BuildLedger(const Source& source, const Document& doc, const Trace& trace);

// {"rules": {...}, "lines": [...], "near_misses": [...]}, the JSON form of
// `explain --format json`.
std::string LedgerJson(const Document& doc, const Ledger& ledger, bool pretty);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_LEDGER_H_
