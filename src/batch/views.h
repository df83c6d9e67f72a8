// Dataset views of a document: the JSONL records `qaextract batch` writes.
#ifndef QAEXTRACT_SRC_BATCH_VIEWS_H_
#define QAEXTRACT_SRC_BATCH_VIEWS_H_

#include <string>
#include <utility>
#include <vector>

#include "qaextract/views.h"
#include "qaextract/document.h"

namespace qaextract::internal {

using Passthrough = InputFields;

// True for roles that ask (interviewer, host, questioner).
bool IsAskerRole(const std::string& role);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_BATCH_VIEWS_H_
