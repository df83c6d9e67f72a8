// Rule file YAML -> RuleSpec.
//
// yaml-cpp is wrapped here and nowhere else. Every error carries the position
// of the node it is about (yaml-cpp marks are 0-based; ours are 1-based), so
// the user sees "rules/x.yaml:12:14: error: ...". Unknown keys are errors,
// with a suggestion when a known key is close: a misspelt key silently
// ignored is the worst kind of rule bug.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>

#include "qaextract/roles.h"
#include "rules/rule_model.h"
#include "util/spelling.h"

namespace qaextract::internal {
namespace {

// The 1-based location of a yaml-cpp mark (0-based line, 0-based byte
// column) in `text`, with the column counted in characters.
SourceLocation LocationOf(const std::string& path, std::string_view text, const YAML::Mark& m) {
  if (m.is_null()) return SourceLocation{path, 0, 0};
  std::size_t start = 0;
  for (int line = 0; line < m.line && start != std::string_view::npos; ++line) {
    start = text.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  int column = m.column + 1;
  if (start != std::string_view::npos) {
    column = 1;
    const std::string_view prefix = text.substr(start, static_cast<std::size_t>(m.column));
    for (unsigned char c : prefix) column += (c & 0xC0) != 0x80;
  }
  return SourceLocation{path, m.line + 1, column};
}

class SpecParser {
 public:
  SpecParser(const std::string& path, std::string_view text, RuleSpec* spec)
      : path_(path), text_(text), spec_(spec) {}

  Status Parse(const YAML::Node& root);

 private:
  SourceLocation Where(const YAML::Node& node) const { return LocationOf(path_, text_, node.Mark()); }
  Status Error(const YAML::Node& node, const char* code, const std::string& message) const {
    return Status::RuleError(Where(node), message, code);
  }

  Status CheckKeys(const YAML::Node& map, const char* table,
                   const std::string& context) const;
  Status ReadString(const YAML::Node& node, const std::string& key_path, std::string* out) const;
  Status ReadInt(const YAML::Node& node, const std::string& key_path, int min, int max,
                 int* out) const;
  Status ReadBool(const YAML::Node& node, const std::string& key_path, bool* out) const;
  Status ReadPattern(const YAML::Node& node, const std::string& key_path, PatternSpec* out) const;
  // A pattern or a list of patterns.
  Status ReadPatterns(const YAML::Node& node, const std::string& key_path,
                      std::vector<PatternSpec>* out) const;

  Status ParseMatch(const YAML::Node& node);
  Status ParseMarkerSyntax(const YAML::Node& node);
  Status ReadCase(const YAML::Node& node, const std::string& key_path, bool* sensitive) const;
  Status ParseSpeakers(const YAML::Node& node);
  Status ParseSpeaker(const YAML::Node& node, const std::string& key_path, SpeakerSpec* out);
  Status ParseMarker(const YAML::Node& node, const std::string& key_path, MarkerSpec* out);
  Status ParseFields(const YAML::Node& node, const std::string& key_path, Fields* out) const;
  Status ParseSections(const YAML::Node& node);
  Status ParseBoundaries(const YAML::Node& node);
  Status ParseNoise(const YAML::Node& node);
  Status ParseMetadata(const YAML::Node& node);

  std::string path_;
  std::string_view text_;
  RuleSpec* spec_;
};

Status SpecParser::CheckKeys(const YAML::Node& map, const char* table,
                             const std::string& context) const {
  const std::vector<std::string>& allowed = RuleFileKeys().at(table);
  if (!map.IsMap()) return Error(map, "not-a-mapping", context + " must be a mapping");
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node key_node = it->first;  // a copy: the iterator hands out a temporary
    if (!key_node.IsScalar()) return Error(key_node, "bad-key", "keys must be plain strings");
    const std::string key = key_node.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    return Error(key_node, "unknown-key",
                 "unknown key '" + key + "' in " + context + internal::DidYouMean(key, allowed));
  }
  return Status::OK();
}

Status SpecParser::ReadString(const YAML::Node& node, const std::string& key_path,
                              std::string* out) const {
  if (!node.IsScalar()) return Error(node, "wrong-type", key_path + " must be a string");
  *out = node.Scalar();
  return Status::OK();
}

Status SpecParser::ReadInt(const YAML::Node& node, const std::string& key_path, int min, int max,
                           int* out) const {
  int value = 0;
  if (!node.IsScalar() || !YAML::convert<int>::decode(node, value))
    return Error(node, "wrong-type", key_path + " must be a whole number");
  if (value < min || value > max)
    return Error(node, "out-of-range", key_path + " must be between " + std::to_string(min) + " and " +
                           std::to_string(max));
  *out = value;
  return Status::OK();
}

Status SpecParser::ReadBool(const YAML::Node& node, const std::string& key_path,
                            bool* out) const {
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, *out))
    return Error(node, "wrong-type", key_path + " must be true or false");
  return Status::OK();
}

Status SpecParser::ReadPattern(const YAML::Node& node, const std::string& key_path,
                               PatternSpec* out) const {
  PatternSpec p;
  if (Status s = ReadString(node, key_path, &p.text); !s.ok()) return s;
  if (p.text.empty()) return Error(node, "empty-value", key_path + " must not be empty");
  p.where = Where(node);
  p.origin = spec_->name;
  p.key_path = key_path;
  *out = std::move(p);
  return Status::OK();
}

Status SpecParser::ReadPatterns(const YAML::Node& node, const std::string& key_path,
                                std::vector<PatternSpec>* out) const {
  if (node.IsScalar()) {
    PatternSpec p;
    if (Status s = ReadPattern(node, key_path, &p); !s.ok()) return s;
    out->push_back(std::move(p));
    return Status::OK();
  }
  if (!node.IsSequence()) return Error(node, "wrong-type", key_path + " must be a pattern or a list of patterns");
  for (std::size_t i = 0; i < node.size(); ++i) {
    PatternSpec p;
    const std::string path = key_path + "[" + std::to_string(i) + "]";
    if (Status s = ReadPattern(node[i], path, &p); !s.ok()) return s;
    out->push_back(std::move(p));
  }
  return Status::OK();
}

Status SpecParser::Parse(const YAML::Node& root) {
  if (!root.IsMap()) return Error(root, "not-a-mapping", "a rule file must be a mapping with at least 'name'");
  Status s = CheckKeys(root, "", "the rule file");
  if (!s.ok()) return s;
  if (!root["name"]) return Error(root, "missing-key", "missing required key 'name'");
  if (s = ReadString(root["name"], "name", &spec_->name); !s.ok()) return s;
  if (spec_->name.empty()) return Error(root["name"], "empty-value", "name must not be empty");
  if (root["description"] && !(s = ReadString(root["description"], "description",
                                              &spec_->description)).ok())
    return s;
  if (root["extends"] && !(s = ReadPatterns(root["extends"], "extends", &spec_->extends)).ok())
    return s;
  if (root["match"] && !(s = ParseMatch(root["match"])).ok()) return s;
  if (root["marker_syntax"] && !(s = ParseMarkerSyntax(root["marker_syntax"])).ok()) return s;
  if (root["speakers"] && !(s = ParseSpeakers(root["speakers"])).ok()) return s;
  if (root["sections"] && !(s = ParseSections(root["sections"])).ok()) return s;
  if (root["boundaries"] && !(s = ParseBoundaries(root["boundaries"])).ok()) return s;
  if (root["noise"] && !(s = ParseNoise(root["noise"])).ok()) return s;
  if (root["metadata"] && !(s = ParseMetadata(root["metadata"])).ok()) return s;
  return Status::OK();
}

Status SpecParser::ParseMatch(const YAML::Node& node) {
  if (node.IsScalar() || node.IsSequence()) return ReadPatterns(node, "match", &spec_->match_any);
  if (Status s = CheckKeys(node, "match", "match"); !s.ok()) return s;
  if (node["any"]) {
    if (Status s = ReadPatterns(node["any"], "match.any", &spec_->match_any); !s.ok()) return s;
  }
  if (node["all"]) {
    if (Status s = ReadPatterns(node["all"], "match.all", &spec_->match_all); !s.ok()) return s;
  }
  return Status::OK();
}

// "insensitive" (the default) or "sensitive".
Status SpecParser::ReadCase(const YAML::Node& node, const std::string& key_path, bool* sensitive) const {
  std::string value;
  Status s = ReadString(node, key_path, &value);
  if (s.ok() && value != "sensitive" && value != "insensitive")
    s = Error(node, "out-of-range", key_path + " must be 'insensitive' or 'sensitive', got '" + value + "'");
  *sensitive = value == "sensitive";
  return s;
}

Status SpecParser::ParseMarkerSyntax(const YAML::Node& node) {
  Status s = CheckKeys(node, "marker_syntax", "marker_syntax");
  int value = 0;
  if (s.ok() && node["max_label_chars"]) {
    s = ReadInt(node["max_label_chars"], "marker_syntax.max_label_chars", 1, 200, &value);
    if (s.ok()) spec_->max_label_chars = value;
  }
  if (s.ok() && node["max_descriptor_chars"]) {
    s = ReadInt(node["max_descriptor_chars"], "marker_syntax.max_descriptor_chars", 1, 500, &value);
    if (s.ok()) spec_->max_descriptor_chars = value;
  }
  if (s.ok() && node["case"]) {
    bool sensitive = false;
    s = ReadCase(node["case"], "marker_syntax.case", &sensitive);
    if (s.ok()) spec_->markers_case_sensitive = sensitive;
  }
  return s;
}

Status SpecParser::ParseSpeakers(const YAML::Node& node) {
  if (!node.IsSequence()) return Error(node, "wrong-type", "speakers must be a list");
  for (std::size_t i = 0; i < node.size(); ++i) {
    SpeakerSpec speaker;
    Status s = ParseSpeaker(node[i], "speakers[" + std::to_string(i) + "]", &speaker);
    if (!s.ok()) return s;
    for (const SpeakerSpec& other : spec_->speakers) {
      if (other.id == speaker.id)
        return Error(node[i]["id"], "duplicate-speaker", "duplicate speaker id '" + speaker.id + "'");
    }
    spec_->speakers.push_back(std::move(speaker));
  }
  return Status::OK();
}

Status SpecParser::ParseSpeaker(const YAML::Node& node, const std::string& key_path,
                                SpeakerSpec* out) {
  Status s = CheckKeys(node, "speakers[]", key_path);
  if (!s.ok()) return s;
  out->where = Where(node);
  if (!node["id"]) return Error(node, "missing-key", key_path + " is missing required key 'id'");
  if (!(s = ReadString(node["id"], key_path + ".id", &out->id)).ok()) return s;
  if (out->id.empty()) return Error(node["id"], "empty-value", key_path + ".id must not be empty");
  out->name = out->id;
  out->role = "speaker";
  if (node["name"] && !(s = ReadString(node["name"], key_path + ".name", &out->name)).ok()) return s;
  if (node["role"] && !(s = ReadString(node["role"], key_path + ".role", &out->role)).ok()) return s;
  if (!IsKnownRole(out->role)) return Error(node["role"], "unknown-role", key_path + ".role: " + UnknownRoleMessage(out->role));
  if (node["per_label"] &&
      !(s = ReadBool(node["per_label"], key_path + ".per_label", &out->per_label)).ok())
    return s;
  if (node["metadata"] &&
      !(s = ParseFields(node["metadata"], key_path + ".metadata", &out->metadata)).ok())
    return s;
  const YAML::Node markers = node["markers"];
  if (!markers) return Error(node, "missing-key", key_path + " is missing required key 'markers'");
  if (!markers.IsSequence() || markers.size() == 0)
    return Error(markers, "wrong-type", key_path + ".markers must be a non-empty list");
  for (std::size_t i = 0; i < markers.size(); ++i) {
    MarkerSpec marker;
    s = ParseMarker(markers[i], key_path + ".markers[" + std::to_string(i) + "]", &marker);
    if (!s.ok()) return s;
    out->markers.push_back(std::move(marker));
  }
  return Status::OK();
}

Status SpecParser::ParseMarker(const YAML::Node& node, const std::string& key_path,
                               MarkerSpec* out) {
  if (node.IsScalar()) return ReadPattern(node, key_path, &out->pattern);
  Status s = CheckKeys(node, "speakers[].markers[]", key_path);
  if (!s.ok()) return s;
  if (node["literal"] && node["regex"])
    return Error(node, "conflicting-keys", key_path + " must have one of 'literal' or 'regex', not both");
  if (node["case"]) {
    bool sensitive = false;
    if (!(s = ReadCase(node["case"], key_path + ".case", &sensitive)).ok()) return s;
    out->case_sensitive = sensitive;
  }
  if (node["regex"]) {
    out->is_regex = true;
    return ReadPattern(node["regex"], key_path, &out->pattern);
  }
  if (node["literal"]) return ReadPattern(node["literal"], key_path, &out->pattern);
  return Error(node, "wrong-type", key_path + " must be a string, {literal: ...} or {regex: ...}");
}

Status SpecParser::ParseFields(const YAML::Node& node, const std::string& key_path,
                               Fields* out) const {
  if (!node.IsMap()) return Error(node, "not-a-mapping", key_path + " must be a mapping");
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.Scalar();
    const YAML::Node value = it->second;  // a copy: the iterator hands out a temporary
    if (value.IsScalar()) {
      AddField(out, key, value.Scalar(), false);
    } else if (value.IsSequence()) {
      Field field{key, {}, true};
      for (const YAML::Node& item : value) {
        if (!item.IsScalar()) return Error(item, "wrong-type", key_path + "." + key + " must list strings");
        field.values.push_back(item.Scalar());
      }
      out->push_back(std::move(field));
    } else {
      return Error(value, "wrong-type", key_path + "." + key + " must be a string or a list of strings");
    }
  }
  return Status::OK();
}

Status SpecParser::ParseSections(const YAML::Node& node) {
  Status s = CheckKeys(node, "sections", "sections");
  int value = 0;
  if (s.ok() && node["numbered"]) s = ReadPatterns(node["numbered"], "sections.numbered", &spec_->numbered);
  if (s.ok() && node["title_max_chars"]) {
    s = ReadInt(node["title_max_chars"], "sections.title_max_chars", 1, 500, &value);
    if (s.ok()) spec_->title_max_chars = value;
  }
  if (!s.ok() || !node["headings"]) return s;
  const YAML::Node h = node["headings"];
  s = CheckKeys(h, "sections.headings", "sections.headings");
  bool flag = false;
  if (s.ok() && h["between_turns"]) {
    s = ReadBool(h["between_turns"], "sections.headings.between_turns", &flag);
    if (s.ok()) spec_->headings_between_turns = flag;
  }
  if (s.ok() && h["max_chars"]) {
    s = ReadInt(h["max_chars"], "sections.headings.max_chars", 1, 500, &value);
    if (s.ok()) spec_->headings_max_chars = value;
  }
  if (s.ok() && h["not_ending_with"]) {
    std::string chars;
    s = ReadString(h["not_ending_with"], "sections.headings.not_ending_with", &chars);
    if (s.ok()) spec_->headings_not_ending_with = chars;
  }
  return s;
}

Status SpecParser::ParseBoundaries(const YAML::Node& node) {
  Status s = CheckKeys(node, "boundaries", "boundaries");
  if (s.ok() && node["body_starts_after"])
    s = ReadPatterns(node["body_starts_after"], "boundaries.body_starts_after",
                     &spec_->body_starts_after);
  if (s.ok() && node["body_ends_before"])
    s = ReadPatterns(node["body_ends_before"], "boundaries.body_ends_before",
                     &spec_->body_ends_before);
  if (s.ok() && node["trailer_lead_in"])
    s = ReadPatterns(node["trailer_lead_in"], "boundaries.trailer_lead_in",
                     &spec_->trailer_lead_in);
  return s;
}

Status SpecParser::ParseNoise(const YAML::Node& node) {
  Status s = CheckKeys(node, "noise", "noise");
  if (s.ok() && node["lines"]) s = ReadPatterns(node["lines"], "noise.lines", &spec_->noise_lines);
  if (s.ok() && node["inline"]) s = ReadPatterns(node["inline"], "noise.inline", &spec_->noise_inline);
  if (s.ok() && node["markup"]) {
    std::string value;
    s = ReadString(node["markup"], "noise.markup", &value);
    if (s.ok() && value != "strip" && value != "keep")
      s = Error(node["markup"], "out-of-range", "noise.markup must be 'strip' or 'keep', got '" + value + "'");
    if (s.ok()) spec_->keep_markup = value == "keep";
  }
  return s;
}

Status SpecParser::ParseMetadata(const YAML::Node& node) {
  if (!node.IsMap()) return Error(node, "not-a-mapping", "metadata must be a mapping of field names");
  for (auto it = node.begin(); it != node.end(); ++it) {
    MetadataSpec field;
    const YAML::Node key_node = it->first;  // a copy: the iterator hands out a temporary
    field.key = key_node.Scalar();
    field.where = Where(key_node);
    // Plural names hold lists unless the rule says otherwise.
    field.is_list = field.key.size() > 1 && field.key.back() == 's';
    const std::string key_path = "metadata." + field.key;
    const YAML::Node value = it->second;  // a copy: the iterator hands out a temporary
    Status s;
    if (value.IsScalar()) {
      PatternSpec p;
      s = ReadPattern(value, key_path, &p);
      field.pattern = std::move(p);
    } else {
      s = CheckKeys(value, "metadata.*", key_path);
      if (s.ok() && value["pattern"]) {
        PatternSpec p;
        s = ReadPattern(value["pattern"], key_path + ".pattern", &p);
        field.pattern = std::move(p);
      }
      if (s.ok() && value["list"]) s = ReadBool(value["list"], key_path + ".list", &field.is_list);
      if (s.ok() && value["first_line"])
        s = ReadBool(value["first_line"], key_path + ".first_line", &field.first_line);
      if (s.ok() && value["max_chars"])
        s = ReadInt(value["max_chars"], key_path + ".max_chars", 1, 1000, &field.max_chars);
      if (s.ok() && !field.pattern && !field.first_line)
        s = Error(value, "metadata-needs-source", key_path + " needs a 'pattern' or 'first_line: true'");
      if (s.ok() && field.pattern && field.first_line)
        s = Error(value, "conflicting-keys", key_path + " takes 'pattern' or 'first_line', not both");
    }
    if (!s.ok()) return s;
    spec_->metadata.push_back(std::move(field));
  }
  return Status::OK();
}

}  // namespace

const std::map<std::string, std::vector<std::string>>& RuleFileKeys() {
  static const auto* const kKeys = new std::map<std::string, std::vector<std::string>>{
      {"", {"name", "description", "extends", "match", "marker_syntax", "speakers", "sections",
            "boundaries", "noise", "metadata"}},
      {"match", {"any", "all"}},
      {"marker_syntax", {"max_label_chars", "max_descriptor_chars", "case"}},
      {"speakers[]", {"id", "name", "role", "markers", "metadata", "per_label"}},
      {"speakers[].markers[]", {"literal", "regex", "case"}},
      {"sections", {"numbered", "title_max_chars", "headings"}},
      {"sections.headings", {"between_turns", "max_chars", "not_ending_with"}},
      {"boundaries", {"body_starts_after", "body_ends_before", "trailer_lead_in"}},
      {"noise", {"lines", "inline", "markup"}},
      {"metadata.*", {"pattern", "list", "first_line", "max_chars"}},
  };
  return *kKeys;
}

Status ParseRuleSpec(std::string_view yaml, const std::string& path, RuleSpec* spec) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    // e.msg, not e.what(): what() already says "yaml-cpp: error at line...".
    return Status::RuleError(LocationOf(path, yaml, e.mark), "YAML syntax: " + e.msg,
                             "yaml-syntax");
  }
  RuleSpec parsed;
  parsed.files.emplace_back(path, std::string(yaml));
  try {
    Status s = SpecParser(path, yaml, &parsed).Parse(root);
    if (!s.ok()) return s;
  } catch (const YAML::Exception& e) {
    return Status::RuleError(LocationOf(path, yaml, e.mark), e.msg, "yaml-syntax");
  }
  *spec = std::move(parsed);
  return Status::OK();
}

}  // namespace qaextract::internal
