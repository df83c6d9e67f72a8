// Dataset views of a document: the JSONL records `qaextract batch` writes.
#ifndef QAEXTRACT_SRC_BATCH_VIEWS_H_
#define QAEXTRACT_SRC_BATCH_VIEWS_H_

#include <string>
#include <utility>
#include <vector>

#include "qaextract/batch.h"
#include "qaextract/document.h"

namespace qaextract::internal {

// Fields of an input record to copy into every output record: key and the
// value as JSON text.
using Passthrough = std::vector<std::pair<std::string, std::string>>;

// True for roles that ask (interviewer, host, questioner).
bool IsAskerRole(const std::string& role);

// Appends the records of `doc` in `options.view` to *out, one JSON object a
// line. `options.role`, when not empty, keeps only turns of speakers with
// that role (turns view); `options.chat` shapes the chat view. Returns the
// number of records.
int RenderView(const Document& doc, const BatchOptions& options, const std::string& id,
               const Passthrough& passthrough, std::string* out);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_BATCH_VIEWS_H_
