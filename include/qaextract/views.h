// Dataset views of one document: the JSONL records `qaextract batch`
// writes, one JSON object a line (docs/output-schema.md#views).
//
//   std::string jsonl;
//   RenderView(doc, ViewOptions{View::kQaPairs}, "article-1", {}, &jsonl);
//
// Every record of a view has the same fields with the same types; an
// article with no dialogue is one `no-dialogue` skip record in every view
// (batch writes those; RenderView writes nothing for it but the documents
// view).
#ifndef QAEXTRACT_INCLUDE_VIEWS_H_
#define QAEXTRACT_INCLUDE_VIEWS_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "qaextract/document.h"
#include "qaextract/status.h"

namespace qaextract {

enum class View {
  kDocuments,  // the whole document model, plus "id"
  kTurns,      // one record per turn
  kQaPairs,    // a question (interviewer/host) and the answer turns after it
  kChat,       // {"messages": [{role, content}]}: interviewer "user", others "assistant"
};

// Parses "documents", "turns", "qa-pairs" or "chat".
Status ParseView(const std::string& name, View* view);

// How the chat view names the sides of a dialogue.
struct ChatOptions {
  // Speaker role -> message role: "user", "assistant", "system", or "" to
  // leave that speaker's turns out. Roles not listed here: "user" for
  // interviewer, host and questioner, "assistant" for everyone else.
  std::map<std::string, std::string> roles;
  // When not empty, the first message: {"role": "system", "content": system}.
  std::string system;
};

struct ViewOptions {
  View view = View::kDocuments;
  // Turns view: keep only turns of speakers with this role; empty: all.
  std::string role;
  ChatOptions chat;  // chat view
};

// Fields of an input record copied into every output record under
// "input_fields": key and the value as JSON text.
using InputFields = std::vector<std::pair<std::string, std::string>>;

// Appends the records of `doc` in `options.view` to *out, one JSON object a
// line, each with `id` (turns "ID#N", qa-pairs "ID#qN") and `input_fields`.
// Returns the number of records (0 when the view has nothing to write:
// no turn, no question, no turn by `options.role`).
int RenderView(const Document& doc, const ViewOptions& options, const std::string& id,
               const InputFields& input_fields, std::string* out);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_VIEWS_H_
