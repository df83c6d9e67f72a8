#include "parse/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <string>

namespace qaextract::internal {
namespace {

constexpr std::size_t kMaxFrontMatterLines = 200;

bool IsFence(std::string_view text, const Line& line) {
  std::string_view s = text.substr(line.begin, line.end - line.begin);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s == "---";
}

}  // namespace

std::size_t FindFrontMatter(std::string_view text, const std::vector<Line>& lines) {
  if (lines.empty() || !IsFence(text, lines[0])) return 0;
  for (std::size_t i = 1; i < lines.size() && i < kMaxFrontMatterLines; ++i) {
    if (IsFence(text, lines[i])) return i + 1;
  }
  return 0;
}

void ReadFrontMatter(std::string_view text, const std::vector<Line>& lines, std::size_t count,
                     Fields* fields) {
  if (count < 2) return;
  const std::string_view yaml =
      text.substr(lines[1].begin, lines[count - 1].begin - lines[1].begin);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception&) {
    return;  // not YAML after all; the lines stay metadata lines without fields
  }
  if (!root.IsMap()) return;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    std::string key = it->first.Scalar();
    if (key == "author") key = "authors";
    const YAML::Node value = it->second;  // a copy: the iterator hands out a temporary
    // One type per key in every record (IsListKey): a list key takes each
    // item; any other key is a string, a sequence joined with ", ".
    if (value.IsScalar() && !value.Scalar().empty()) {
      AddField(fields, key, value.Scalar(), false);
    } else if (value.IsSequence()) {
      std::string joined;
      for (const YAML::Node& item : value) {
        if (!item.IsScalar()) continue;
        if (IsListKey(key)) AddField(fields, key, item.Scalar(), true);
        else joined += (joined.empty() ? "" : ", ") + item.Scalar();
      }
      if (!joined.empty()) AddField(fields, key, joined, false);
    }
  }
}

}  // namespace qaextract::internal
