// Assembler: labelled lines -> Document.
#ifndef QAEXTRACT_SRC_PARSE_ASSEMBLER_H_
#define QAEXTRACT_SRC_PARSE_ASSEMBLER_H_

#include <string>
#include <string_view>
#include <vector>

#include "parse/classifier.h"
#include "qaextract/document.h"
#include "qaextract/explain.h"
#include "rules/rule_model.h"
#include "text/lines.h"

namespace qaextract::internal {

// What one line became, for `qaextract explain`.
struct LineFate {
  LineOutcome what = LineOutcome::kNone;
  std::string rule;   // id of the deciding rule, when a rule decided
  int turn = -1;      // turn and continuation: index into Document::turns
  int section = -1;   // heading and section-title: index into Document::sections
};

// Builds the preamble, sections, turns, passages, trailer, speakers,
// metadata, removed[] and warnings of *doc from the labelled lines.
// `lines` and `labels` are parallel. Source and rules info are the caller's.
// When `fates` is not null it gets one LineFate per line.
void Assemble(const CompiledRules& rules, std::string_view text, const std::vector<Line>& lines,
              const std::vector<LineLabel>& labels, Document* doc,
              std::vector<LineFate>* fates = nullptr);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_ASSEMBLER_H_
