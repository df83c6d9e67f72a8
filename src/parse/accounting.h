// The "nothing lost" invariant: every line of the input is accounted for in
// the document. A line is blank, or removed as noise (in removed[]), or its
// text, with the inline noise recorded in removed[] cut out, is in the
// document where its fate says: a turn's marker and first paragraph, a
// turn's or passage's paragraph, a preamble or trailer line, the title, a
// section heading or title, or a metadata line.
#ifndef QAEXTRACT_SRC_PARSE_ACCOUNTING_H_
#define QAEXTRACT_SRC_PARSE_ACCOUNTING_H_

#include <string>
#include <vector>

#include "parse/pipeline.h"
#include "qaextract/document.h"
#include "qaextract/source.h"

namespace qaextract::internal {

// The lines that break the invariant, as "line N (what): why"; empty when
// every line is accounted for.
std::vector<std::string> CheckAccounting(const Source& source, const Document& doc, const Trace& trace);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_ACCOUNTING_H_
