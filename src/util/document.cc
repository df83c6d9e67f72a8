#include "qaextract/document.h"

namespace qaextract {

bool IsListKey(const std::string& key) {
  static const char* const kListKeys[] = {"authors",  "sources",  "editors", "translators", "tags",
                                          "categories", "keywords", "topics",  "descriptors"};
  for (const char* k : kListKeys)
    if (key == k) return true;
  return false;
}

void AddField(Fields* fields, const std::string& key, const std::string& value,
              bool is_list) {
  is_list = is_list || IsListKey(key);
  for (Field& f : *fields) {
    if (f.key != key) continue;
    if (f.is_list) f.values.push_back(value);
    return;  // a scalar keeps its first value
  }
  fields->push_back(Field{key, {value}, is_list});
}

const Field* FindField(const Fields& fields, const std::string& key) {
  for (const Field& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

}  // namespace qaextract
