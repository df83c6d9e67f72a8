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
#include "qaextract/spelling.h"

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

// Reads a rule file's YAML tree into a RuleSpec. It reads on past an error
// (skipping only the node at fault), so `rules lint` can report every mistake
// of a file in one run; each error is recorded where Error() creates it, and
// the Status returned up the call chain only says "this node failed".
class SpecParser {
 public:
  SpecParser(const std::string& path, std::string_view text, RuleSpec* spec,
             std::vector<Status>* errors)
      : path_(path), text_(text), spec_(spec), errors_(errors) {}

  void Parse(const YAML::Node& root);

 private:
  SourceLocation Where(const YAML::Node& node) const { return LocationOf(path_, text_, node.Mark()); }
  Status Error(const YAML::Node& node, const char* code, const std::string& message) const {
    Status s = Status::RuleError(Where(node), message, code);
    errors_->push_back(s);
    return s;
  }

  // What CheckKeys found besides errors: a misspelt key makes "missing key"
  // and "no literal/regex" errors about the same node redundant.
  struct KeyCheck {
    int unknown = 0;
    std::vector<std::string> suggested;  // known keys offered for misspelt ones
    bool Suggested(const std::string& key) const {
      return std::find(suggested.begin(), suggested.end(), key) != suggested.end();
    }
  };
  // Records every key of `map` not in the table; fails only when `map` is
  // not a mapping at all.
  Status CheckKeys(const YAML::Node& map, const char* table, const std::string& context,
                   KeyCheck* check = nullptr) const;
  Status ReadString(const YAML::Node& node, const std::string& key_path, std::string* out) const;
  Status ReadInt(const YAML::Node& node, const std::string& key_path, int min, int max,
                 int* out) const;
  Status ReadBool(const YAML::Node& node, const std::string& key_path, bool* out) const;
  Status ReadPattern(const YAML::Node& node, const std::string& key_path, PatternSpec* out) const;
  // A pattern or a list of patterns; a bad item is skipped.
  void ReadPatterns(const YAML::Node& node, const std::string& key_path,
                    std::vector<PatternSpec>* out) const;

  void ParseMatch(const YAML::Node& node);
  void ParseMarkerSyntax(const YAML::Node& node);
  Status ReadCase(const YAML::Node& node, const std::string& key_path, bool* sensitive) const;
  void ParseSpeakers(const YAML::Node& node);
  Status ParseSpeaker(const YAML::Node& node, const std::string& key_path, SpeakerSpec* out);
  Status ParseMarker(const YAML::Node& node, const std::string& key_path, MarkerSpec* out);
  void ParseFields(const YAML::Node& node, const std::string& key_path, Fields* out) const;
  void ParseSections(const YAML::Node& node);
  void ParseBoundaries(const YAML::Node& node);
  void ParseNoise(const YAML::Node& node);
  void ParseMetadata(const YAML::Node& node);

  std::string path_;
  std::string_view text_;
  RuleSpec* spec_;
  std::vector<Status>* errors_;
};

Status SpecParser::CheckKeys(const YAML::Node& map, const char* table,
                             const std::string& context, KeyCheck* check) const {
  const std::vector<std::string>& allowed = RuleFileKeys().at(table);
  if (!map.IsMap()) return Error(map, "not-a-mapping", context + " must be a mapping");
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node key_node = it->first;  // a copy: the iterator hands out a temporary
    if (!key_node.IsScalar()) {
      Error(key_node, "bad-key", "keys must be plain strings");
      continue;
    }
    const std::string key = key_node.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    if (check) {
      ++check->unknown;
      check->suggested.push_back(ClosestWord(key, allowed));
    }
    Error(key_node, "unknown-key", "unknown key '" + key + "' in " + context + DidYouMean(key, allowed));
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

void SpecParser::ReadPatterns(const YAML::Node& node, const std::string& key_path,
                              std::vector<PatternSpec>* out) const {
  if (node.IsScalar()) {
    PatternSpec p;
    if (ReadPattern(node, key_path, &p).ok()) out->push_back(std::move(p));
    return;
  }
  if (!node.IsSequence()) {
    Error(node, "wrong-type", key_path + " must be a pattern or a list of patterns");
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    PatternSpec p;
    if (ReadPattern(node[i], key_path + "[" + std::to_string(i) + "]", &p).ok())
      out->push_back(std::move(p));
  }
}

void SpecParser::Parse(const YAML::Node& root) {
  if (!root.IsMap()) {
    Error(root, "not-a-mapping", "a rule file must be a mapping with at least 'name'");
    return;
  }
  CheckKeys(root, "", "the rule file");
  if (!root["name"]) {
    Error(root, "missing-key", "missing required key 'name'");
  } else if (ReadString(root["name"], "name", &spec_->name).ok() && spec_->name.empty()) {
    Error(root["name"], "empty-value", "name must not be empty");
  }
  if (root["description"]) ReadString(root["description"], "description", &spec_->description);
  if (root["extends"]) ReadPatterns(root["extends"], "extends", &spec_->extends);
  if (root["match"]) ParseMatch(root["match"]);
  if (root["marker_syntax"]) ParseMarkerSyntax(root["marker_syntax"]);
  if (root["speakers"]) ParseSpeakers(root["speakers"]);
  if (root["sections"]) ParseSections(root["sections"]);
  if (root["boundaries"]) ParseBoundaries(root["boundaries"]);
  if (root["noise"]) ParseNoise(root["noise"]);
  if (root["metadata"]) ParseMetadata(root["metadata"]);
}

void SpecParser::ParseMatch(const YAML::Node& node) {
  if (node.IsScalar() || node.IsSequence()) return ReadPatterns(node, "match", &spec_->match_any);
  if (!CheckKeys(node, "match", "match").ok()) return;
  if (node["any"]) ReadPatterns(node["any"], "match.any", &spec_->match_any);
  if (node["all"]) ReadPatterns(node["all"], "match.all", &spec_->match_all);
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

void SpecParser::ParseMarkerSyntax(const YAML::Node& node) {
  if (!CheckKeys(node, "marker_syntax", "marker_syntax").ok()) return;
  int value = 0;
  if (node["max_label_chars"] &&
      ReadInt(node["max_label_chars"], "marker_syntax.max_label_chars", 1, 200, &value).ok())
    spec_->max_label_chars = value;
  if (node["max_descriptor_chars"] &&
      ReadInt(node["max_descriptor_chars"], "marker_syntax.max_descriptor_chars", 1, 500, &value).ok())
    spec_->max_descriptor_chars = value;
  bool sensitive = false;
  if (node["case"] && ReadCase(node["case"], "marker_syntax.case", &sensitive).ok())
    spec_->markers_case_sensitive = sensitive;
}

void SpecParser::ParseSpeakers(const YAML::Node& node) {
  if (!node.IsSequence()) {
    Error(node, "wrong-type", "speakers must be a list");
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    SpeakerSpec speaker;
    if (!ParseSpeaker(node[i], "speakers[" + std::to_string(i) + "]", &speaker).ok()) continue;
    const bool duplicate = std::any_of(spec_->speakers.begin(), spec_->speakers.end(),
                                       [&](const SpeakerSpec& other) { return other.id == speaker.id; });
    if (duplicate) {
      Error(node[i]["id"], "duplicate-speaker", "duplicate speaker id '" + speaker.id + "'");
      continue;
    }
    spec_->speakers.push_back(std::move(speaker));
  }
}

// Fails when the speaker cannot be used (no id, no markers); a bad optional
// field is recorded and left at its default.
Status SpecParser::ParseSpeaker(const YAML::Node& node, const std::string& key_path,
                                SpeakerSpec* out) {
  KeyCheck keys;
  if (Status s = CheckKeys(node, "speakers[]", key_path, &keys); !s.ok()) return s;
  out->where = Where(node);
  // A required key that is missing because it is misspelt fails the speaker
  // without a second error: the unknown-key error already says which key.
  const Status misspelt = Status::RuleError(Where(node), key_path + " has a misspelt key", "unknown-key");
  Status usable;
  if (!node["id"]) {
    usable = keys.Suggested("id") ? misspelt : Error(node, "missing-key", key_path + " is missing required key 'id'");
  } else if ((usable = ReadString(node["id"], key_path + ".id", &out->id)).ok() && out->id.empty()) {
    usable = Error(node["id"], "empty-value", key_path + ".id must not be empty");
  }
  out->name = out->id;
  out->role = "speaker";
  if (node["name"]) ReadString(node["name"], key_path + ".name", &out->name);
  if (node["role"] && ReadString(node["role"], key_path + ".role", &out->role).ok() &&
      !IsKnownRole(out->role)) {
    Error(node["role"], "unknown-role", key_path + ".role: " + UnknownRoleMessage(out->role));
    out->role = "speaker";
  }
  if (node["per_label"]) ReadBool(node["per_label"], key_path + ".per_label", &out->per_label);
  if (node["metadata"]) ParseFields(node["metadata"], key_path + ".metadata", &out->metadata);
  const YAML::Node markers = node["markers"];
  if (!markers) {
    Status s = keys.Suggested("markers")
                   ? misspelt
                   : Error(node, "missing-key", key_path + " is missing required key 'markers'");
    return usable.ok() ? s : usable;
  }
  if (!markers.IsSequence() || markers.size() == 0) {
    Status s = Error(markers, "wrong-type", key_path + ".markers must be a non-empty list");
    return usable.ok() ? s : usable;
  }
  for (std::size_t i = 0; i < markers.size(); ++i) {
    MarkerSpec marker;
    if (ParseMarker(markers[i], key_path + ".markers[" + std::to_string(i) + "]", &marker).ok())
      out->markers.push_back(std::move(marker));
  }
  return usable;
}

Status SpecParser::ParseMarker(const YAML::Node& node, const std::string& key_path,
                               MarkerSpec* out) {
  if (node.IsScalar()) return ReadPattern(node, key_path, &out->pattern);
  KeyCheck keys;
  if (Status s = CheckKeys(node, "speakers[].markers[]", key_path, &keys); !s.ok()) return s;
  if (node["literal"] && node["regex"])
    return Error(node, "conflicting-keys", key_path + " must have one of 'literal' or 'regex', not both");
  bool sensitive = false;
  if (node["case"] && ReadCase(node["case"], key_path + ".case", &sensitive).ok())
    out->case_sensitive = sensitive;
  if (node["regex"]) {
    out->is_regex = true;
    return ReadPattern(node["regex"], key_path, &out->pattern);
  }
  if (node["literal"]) return ReadPattern(node["literal"], key_path, &out->pattern);
  if (keys.unknown > 0)  // the unknown-key error says what is wrong
    return Status::RuleError(Where(node), key_path + " has an unknown key", "unknown-key");
  return Error(node, "wrong-type", key_path + " must be a string, {literal: ...} or {regex: ...}");
}

void SpecParser::ParseFields(const YAML::Node& node, const std::string& key_path,
                             Fields* out) const {
  if (!node.IsMap()) {
    Error(node, "not-a-mapping", key_path + " must be a mapping");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.Scalar();
    const YAML::Node value = it->second;  // a copy: the iterator hands out a temporary
    if (value.IsScalar()) {
      AddField(out, key, value.Scalar(), false);
    } else if (value.IsSequence()) {
      Field field{key, {}, true};
      for (const YAML::Node& item : value) {
        if (item.IsScalar()) field.values.push_back(item.Scalar());
        else Error(item, "wrong-type", key_path + "." + key + " must list strings");
      }
      out->push_back(std::move(field));
    } else {
      Error(value, "wrong-type", key_path + "." + key + " must be a string or a list of strings");
    }
  }
}

void SpecParser::ParseSections(const YAML::Node& node) {
  if (!CheckKeys(node, "sections", "sections").ok()) return;
  int value = 0;
  if (node["numbered"]) ReadPatterns(node["numbered"], "sections.numbered", &spec_->numbered);
  if (node["title_max_chars"] &&
      ReadInt(node["title_max_chars"], "sections.title_max_chars", 1, 500, &value).ok())
    spec_->title_max_chars = value;
  if (!node["headings"]) return;
  const YAML::Node h = node["headings"];
  if (!CheckKeys(h, "sections.headings", "sections.headings").ok()) return;
  bool flag = false;
  if (h["between_turns"] && ReadBool(h["between_turns"], "sections.headings.between_turns", &flag).ok())
    spec_->headings_between_turns = flag;
  if (h["max_chars"] && ReadInt(h["max_chars"], "sections.headings.max_chars", 1, 500, &value).ok())
    spec_->headings_max_chars = value;
  std::string chars;
  if (h["not_ending_with"] &&
      ReadString(h["not_ending_with"], "sections.headings.not_ending_with", &chars).ok())
    spec_->headings_not_ending_with = chars;
}

void SpecParser::ParseBoundaries(const YAML::Node& node) {
  if (!CheckKeys(node, "boundaries", "boundaries").ok()) return;
  if (node["body_starts_after"])
    ReadPatterns(node["body_starts_after"], "boundaries.body_starts_after", &spec_->body_starts_after);
  if (node["body_ends_before"])
    ReadPatterns(node["body_ends_before"], "boundaries.body_ends_before", &spec_->body_ends_before);
  if (node["trailer_lead_in"])
    ReadPatterns(node["trailer_lead_in"], "boundaries.trailer_lead_in", &spec_->trailer_lead_in);
}

void SpecParser::ParseNoise(const YAML::Node& node) {
  if (!CheckKeys(node, "noise", "noise").ok()) return;
  if (node["lines"]) ReadPatterns(node["lines"], "noise.lines", &spec_->noise_lines);
  if (node["inline"]) ReadPatterns(node["inline"], "noise.inline", &spec_->noise_inline);
  std::string value;
  if (!node["markup"] || !ReadString(node["markup"], "noise.markup", &value).ok()) return;
  if (value != "strip" && value != "keep")
    Error(node["markup"], "out-of-range", "noise.markup must be 'strip' or 'keep', got '" + value + "'");
  else
    spec_->keep_markup = value == "keep";
}

void SpecParser::ParseMetadata(const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(node, "not-a-mapping", "metadata must be a mapping of field names");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    MetadataSpec field;
    const YAML::Node key_node = it->first;  // a copy: the iterator hands out a temporary
    field.key = key_node.Scalar();
    field.where = Where(key_node);
    // Plural names hold lists unless the rule says otherwise.
    field.is_list = field.key.size() > 1 && field.key.back() == 's';
    const std::string key_path = "metadata." + field.key;
    const YAML::Node value = it->second;  // a copy: the iterator hands out a temporary
    const std::size_t errors_before = errors_->size();
    if (value.IsScalar()) {
      PatternSpec p;
      if (ReadPattern(value, key_path, &p).ok()) field.pattern = std::move(p);
    } else if (CheckKeys(value, "metadata.*", key_path).ok()) {
      PatternSpec p;
      if (value["pattern"] && ReadPattern(value["pattern"], key_path + ".pattern", &p).ok())
        field.pattern = std::move(p);
      if (value["list"]) ReadBool(value["list"], key_path + ".list", &field.is_list);
      if (value["first_line"]) ReadBool(value["first_line"], key_path + ".first_line", &field.first_line);
      if (value["max_chars"]) ReadInt(value["max_chars"], key_path + ".max_chars", 1, 1000, &field.max_chars);
      if (!value["pattern"] && !field.first_line)
        Error(value, "metadata-needs-source", key_path + " needs a 'pattern' or 'first_line: true'");
      if (field.pattern && field.first_line)
        Error(value, "conflicting-keys", key_path + " takes 'pattern' or 'first_line', not both");
    }
    if (errors_->size() == errors_before) spec_->metadata.push_back(std::move(field));
  }
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

void ParseRuleSpecAll(std::string_view yaml, const std::string& path, RuleSpec* spec,
                      std::vector<Status>* errors) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    // e.msg, not e.what(): what() already says "yaml-cpp: error at line...".
    errors->push_back(Status::RuleError(LocationOf(path, yaml, e.mark), "YAML syntax: " + e.msg,
                                        "yaml-syntax"));
    return;
  }
  spec->files.emplace_back(path, std::string(yaml));
  try {
    SpecParser(path, yaml, spec, errors).Parse(root);
  } catch (const YAML::Exception& e) {
    errors->push_back(Status::RuleError(LocationOf(path, yaml, e.mark), e.msg, "yaml-syntax"));
  }
  // Errors are found key by key; a reader wants them in file order.
  std::stable_sort(errors->begin(), errors->end(), [](const Status& a, const Status& b) {
    return std::make_pair(a.where().line, a.where().column) < std::make_pair(b.where().line, b.where().column);
  });
}

Status ParseRuleSpec(std::string_view yaml, const std::string& path, RuleSpec* spec) {
  RuleSpec parsed;
  std::vector<Status> errors;
  ParseRuleSpecAll(yaml, path, &parsed, &errors);
  if (!errors.empty()) return errors.front();
  *spec = std::move(parsed);
  return Status::OK();
}

}  // namespace qaextract::internal
