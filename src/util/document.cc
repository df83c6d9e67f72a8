#include "qaextract/document.h"

namespace qaextract {

void AddField(Fields* fields, const std::string& key, const std::string& value,
              bool is_list) {
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
