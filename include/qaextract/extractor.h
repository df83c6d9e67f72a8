// Extract: one decoded article plus one rule set in, one Document out.
//
// The pipeline (docs/design.md):
//   text -> lines with byte spans -> a folded match view per line (NFKC,
//   Traditional->Simplified, spaces folded; offsets map back) -> a label per
//   line (noise, boundary, metadata, heading, turn start, text) -> a state
//   machine (preamble -> body -> trailer) -> Document.
//
// Nothing is dropped silently: every removed span is in Document::removed and
// every oddity a Warning.
//
// Thread-safety: Extract may run concurrently on different Sources with the
// same RuleSet.
#ifndef QAEXTRACT_INCLUDE_EXTRACTOR_H_
#define QAEXTRACT_INCLUDE_EXTRACTOR_H_

#include "qaextract/document.h"
#include "qaextract/options.h"
#include "qaextract/rules.h"
#include "qaextract/source.h"
#include "qaextract/status.h"

namespace qaextract {

// Extracts `source` with `rules` into *document (overwritten). Fails only
// when a limit in `options` is exceeded (an over-long line); a document with
// no dialogue is a success with the `no-dialogue` warning.
// REQUIRES: rules.loaded().
Status Extract(const Source& source, const RuleSet& rules,
               const ExtractOptions& options, Document* document);

// Selects the rule set from `library` (RuleLibrary::Select) and extracts.
// When the selected set declares no speakers (the "generic" fallback when no
// `match:` fits, or a source file that only describes noise and metadata),
// discovery finds the speakers in the article itself: Document::discovery
// says how, and rules.selected_by is "discovery" when it found a dialogue.
Status ExtractWithLibrary(const Source& source, const RuleLibrary& library,
                          const ExtractOptions& options, Document* document);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_EXTRACTOR_H_
