// Assembler: labelled lines -> Document.
#ifndef QAEXTRACT_SRC_PARSE_ASSEMBLER_H_
#define QAEXTRACT_SRC_PARSE_ASSEMBLER_H_

#include <string_view>
#include <vector>

#include "parse/classifier.h"
#include "qaextract/document.h"
#include "rules/rule_model.h"
#include "text/lines.h"

namespace qaextract::internal {

// Builds the preamble, sections, turns, passages, trailer, speakers,
// metadata, removed[] and warnings of *doc from the labelled lines.
// `lines` and `labels` are parallel. Source and rules info are the caller's.
void Assemble(const CompiledRules& rules, std::string_view text, const std::vector<Line>& lines,
              const std::vector<LineLabel>& labels, Document* doc);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_ASSEMBLER_H_
