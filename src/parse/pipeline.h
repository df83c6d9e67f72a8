// The two halves of extraction, for callers that look at the labels in
// between (discovery, explain): label every line, then build the document.
#ifndef QAEXTRACT_SRC_PARSE_PIPELINE_H_
#define QAEXTRACT_SRC_PARSE_PIPELINE_H_

#include <vector>

#include "parse/assembler.h"
#include "parse/classifier.h"
#include "qaextract/rules.h"
#include "qaextract/document.h"
#include "qaextract/options.h"
#include "qaextract/source.h"
#include "qaextract/status.h"
#include "rules/rule_model.h"
#include "text/lines.h"

namespace qaextract::internal {

struct LabelledText {
  std::vector<Line> lines;
  std::vector<LineLabel> labels;  // parallel to lines
  std::size_t front_matter = 0;   // the first this many lines are front matter
};

// Splits source.text into lines and labels each with `rules`. Fails when a
// line is over options.max_line_bytes.
Status LabelLines(const Source& source, const CompiledRules& rules,
                  const ExtractOptions& options, LabelledText* out);

// LabelLines in two steps, for callers that look at the lines first
// (triage): split, failing on the line limits (options.max_lines,
// options.max_line_bytes), then label the lines.
Status SplitCheckedLines(const Source& source, const ExtractOptions& options, std::vector<Line>* lines);
// `folds`: as for Classifier.
void LabelSplitLines(const Source& source, const CompiledRules& rules, std::vector<Line> lines,
                     LabelledText* out, const PrefixFolds* folds = nullptr);

// The label of a front-matter line (LabelledText::front_matter): metadata.
LineLabel FrontMatterLabel(const Line& line);

// Builds *doc from labelled lines (source, rules, metadata, body, warnings);
// `fates`, when not null, gets what each line became.
void BuildDocument(const Source& source, const CompiledRules& rules,
                   const LabelledText& labelled, Document* doc,
                   std::vector<LineFate>* fates = nullptr);

// Everything behind one extraction, for `qaextract explain`.
struct Trace {
  LabelledText labelled;
  std::vector<LineFate> fates;  // one per line
  CompiledRules rules;          // the rules that decided (with discovered speakers)
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_PIPELINE_H_
