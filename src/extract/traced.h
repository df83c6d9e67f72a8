// Extract and ExtractWithLibrary (qaextract/extractor.h), also keeping the
// trace behind the document (labels, fates, the deciding rules) when `trace`
// is not null: for Explain, the nothing-lost check and the tests.
#ifndef QAEXTRACT_SRC_EXTRACT_TRACED_H_
#define QAEXTRACT_SRC_EXTRACT_TRACED_H_

#include "parse/pipeline.h"
#include "qaextract/extractor.h"

namespace qaextract::internal {

Status ExtractTraced(const Source& source, const RuleSet& rules, const ExtractOptions& options,
                     Document* document, Trace* trace);
Status ExtractWithLibraryTraced(const Source& source, const RuleLibrary& library,
                                const ExtractOptions& options, Document* document, Trace* trace);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_EXTRACT_TRACED_H_
