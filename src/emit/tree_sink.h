// One walk over the Document model, two writers.
//
// WalkDocument visits the document in output order and tells a TreeSink what
// it sees (maps, lists, keys, scalars). The JSON and YAML writers are sinks,
// so the two formats cannot disagree on field names or order.
#ifndef QAEXTRACT_SRC_EMIT_TREE_SINK_H_
#define QAEXTRACT_SRC_EMIT_TREE_SINK_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "qaextract/document.h"

namespace qaextract::internal {

class TreeSink {
 public:
  virtual ~TreeSink() = default;
  virtual void BeginMap() = 0;
  virtual void EndMap() = 0;
  virtual void BeginList() = 0;
  virtual void EndList() = 0;
  virtual void Key(std::string_view key) = 0;  // inside a map, before each value
  virtual void String(std::string_view value) = 0;
  virtual void Int(std::int64_t value) = 0;
  virtual void Number(double value) = 0;  // written with two decimals
  virtual void Bool(bool value) = 0;
  virtual void Null() = 0;
};

// The document as one map.
void WalkDocument(const Document& doc, TreeSink* sink);
struct WalkOptions {
  // turns[] and passages[] with `paragraphs` beside `text`. The batch
  // documents view leaves them out: a paragraph is a line of `text`, and
  // writing each twice doubled the dataset.
  bool paragraphs = true;
};

// The document's keys and values only, for callers that open the map
// themselves (to put an "id" first).
void WalkDocumentFields(const Document& doc, TreeSink* sink, const WalkOptions& options = {});

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_EMIT_TREE_SINK_H_
