// RuleSpec merging (extends) and compilation into CompiledRules.
#include <algorithm>

#include "match/pattern.h"
#include "rules/rule_model.h"
#include "text/decode.h"
#include "text/fold.h"
#include "qaextract/digest.h"

namespace qaextract::internal {

Status CompilePattern(const PatternSpec& spec, PatternCompiler* compiler, Rule* out) {
  std::string error;
  LazyRegex re = compiler->Compile(FoldPattern(spec.text), &error);
  if (!re) {
    const bool too_large = error.rfind("pattern too large", 0) == 0;
    return Status::RuleError(spec.where, "bad pattern in " + spec.key_path + ": " + error,
                             too_large ? "pattern-too-large" : "bad-pattern");
  }
  out->id = spec.id();
  out->re = std::move(re);
  return Status::OK();
}
namespace {

constexpr int kDefaultMaxLabelChars = 24;
constexpr int kDefaultMaxDescriptorChars = 40;
constexpr int kDefaultHeadingMaxChars = 40;
constexpr int kDefaultTitleMaxChars = 40;
// Sentence-final punctuation: a line ending in one is prose, not a heading.
// A question mark is allowed: interview section titles are often questions.
constexpr const char* kDefaultNotEndingWith = "。.!！;；…,，:：、";

template <typename T>
void Append(std::vector<T>* to, const std::vector<T>& from) {
  to->insert(to->end(), from.begin(), from.end());
}

template <typename T>
void Override(std::optional<T>* to, const std::optional<T>& from) {
  if (from) *to = from;
}

// The turn-start candidate, on the folded view: optional bold and opening
// quote or bracket, the label, optional closing quote, bold and a
// parenthesised descriptor, then a colon (full-width colons are ":" after
// folding). Group 1 is the label, group 2 the descriptor.
// Here with the repetitions of the label's and the descriptor's characters
// given: bounded to find a match, unbounded for its groups.
std::string LabelPatternWith(const std::string& label_repeat, const std::string& descriptor_repeat) {
  const std::string opens(kLabelOpenQuotes), closes(kLabelCloseQuotes);
  const std::string open = "[" + opens + "\\[\"]";
  const std::string close = "[" + closes + "\\]\"]";
  const std::string label_char = "[^:()*" + opens + closes + "\\[\\]\"]";
  // An optional timestamp first: "[00:01:02] Name:", "(12:30) Name:".
  const std::string timestamp = "(?:[\\[(]?\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?[\\])]? )?";
  // Markdown heading marks: "### 名字：" alone on its line.
  const std::string heading = "(?:#{1,6} )?";
  return "^" + timestamp + heading + "(?:\\*\\*)? ?" + open + "? ?(" + label_char + label_repeat + ") ?" + close +
         "? ?(?:\\*\\*)? ?(?:\\(([^()]" + descriptor_repeat + ")\\))? ?" + close + "? ?(?:\\*\\*)? ?:(?: ?\\*\\*)?";
}

std::string LabelCandidatePattern(int max_label, int max_descriptor) {
  return LabelPatternWith("{1," + std::to_string(max_label) + "}?", "{1," + std::to_string(max_descriptor) + "}");
}

// The same without the bounds: a small program, for the groups of a match
// LabelCandidatePattern found (see CompiledRules::label_groups).
std::string LabelGroupsPattern() { return LabelPatternWith("+?", "+"); }

// Every part of LabelCandidatePattern is bounded: the timestamp and the
// punctuation and heading marks around the label take at most 47 code
// points, and a code
// point at most 4 bytes.
std::size_t LabelCandidateMaxBytes(int max_label, int max_descriptor) {
  return 4 * static_cast<std::size_t>(max_label + max_descriptor + 47);
}

Status CompileAll(const std::vector<PatternSpec>& specs, PatternCompiler* compiler,
                  std::vector<Rule>* out) {
  for (const PatternSpec& spec : specs) {
    Rule rule;
    if (Status s = CompilePattern(spec, compiler, &rule); !s.ok()) return s;
    out->push_back(std::move(rule));
  }
  return Status::OK();
}

Status CompileSpeakers(const RuleSpec& spec, PatternCompiler* compiler, CompiledRules* out) {
  auto set = std::make_shared<RE2::Set>(PatternOptions(compiler->max_mem()), RE2::ANCHOR_BOTH);
  for (const SpeakerSpec& speaker : spec.speakers) {
    const int index = static_cast<int>(out->speakers.size());
    out->speakers.push_back(
        SpeakerRule{speaker.id, speaker.name, speaker.role, speaker.metadata, speaker.per_label});
    for (const MarkerSpec& marker : speaker.markers) {
      const PatternSpec& p = marker.pattern;
      if (marker.is_regex) {
        // A regex is as written unless `case: insensitive` is said, on the
        // marker or the file: "[A-Z]{2}" for initials must stay upper case.
        const bool any_case = !marker.case_sensitive.value_or(spec.markers_case_sensitive.value_or(true));
        std::string error;
        if (set->Add((any_case ? "(?i)" : "") + FoldPattern(p.text), &error) < 0)
          return Status::RuleError(p.where, "bad pattern in " + p.key_path + ": " + error,
                                   "bad-pattern");
        out->regex_marker_speakers.emplace_back(index, p.id());
        continue;
      }
      std::string key = FoldKey(p.text);
      if (key.empty()) return Status::RuleError(p.where, p.key_path + " is blank", "empty-value");
      const bool sensitive = marker.case_sensitive.value_or(spec.markers_case_sensitive.value_or(false));
      auto& markers = sensitive ? out->literal_markers : out->literal_markers_any_case;
      if (!sensitive) key = LowerCaseKey(key);
      auto [it, inserted] = markers.emplace(key, std::make_pair(index, p.id()));
      if (!inserted && it->second.first != index) {
        return Status::RuleError(p.where, "marker '" + p.text + "' of speaker '" + speaker.id +
                                              "' is already a marker of speaker '" +
                                              out->speakers[it->second.first].id + "'",
                                 "duplicate-marker");
      }
    }
  }
  if (out->regex_marker_speakers.empty()) return Status::OK();
  if (!set->Compile())
    return Status::RuleError(SourceLocation{spec.files.back().first, 0, 0},
                             "speaker marker regexes need more than the memory budget",
                             "pattern-too-large");
  out->regex_markers = std::move(set);
  return Status::OK();
}

Status CompileSections(const RuleSpec& spec, PatternCompiler* compiler, CompiledRules* out) {
  if (Status s = CompileAll(spec.numbered, compiler, &out->numbered); !s.ok()) return s;
  for (std::size_t i = 0; i < out->numbered.size(); ++i) {
    const RE2& re = *out->numbered[i].re;
    if (NamedGroup(re, "number") == 0 && NamedGroup(re, "title") == 0) {
      return Status::RuleError(spec.numbered[i].where,
                               spec.numbered[i].key_path +
                                   " needs a (?P<number>...) or (?P<title>...) group",
                               "section-groups");
    }
  }
  HeadingShape& h = out->headings;
  h.between_turns = spec.headings_between_turns.value_or(false);
  h.max_chars = spec.headings_max_chars.value_or(kDefaultHeadingMaxChars);
  h.title_max_chars = spec.title_max_chars.value_or(kDefaultTitleMaxChars);
  h.not_ending_with =
      DecodeUtf8(FoldKey(spec.headings_not_ending_with.value_or(kDefaultNotEndingWith)));
  return Status::OK();
}

Status CompileMetadata(const RuleSpec& spec, PatternCompiler* compiler, CompiledRules* out) {
  for (const MetadataSpec& m : spec.metadata) {
    MetadataRule rule;
    rule.key = m.key;
    rule.is_list = m.is_list;
    rule.first_line = m.first_line;
    rule.max_chars = m.max_chars;
    if (m.pattern) {
      if (Status s = CompilePattern(*m.pattern, compiler, &rule.rule); !s.ok()) return s;
      rule.value_group = NamedGroup(*rule.rule.re, "value");
    }
    out->metadata.push_back(std::move(rule));
  }
  return Status::OK();
}

// Builds CompiledRules::line_set from the compiled patterns.
// True when every match of `pattern` must start at the start of the text: it
// begins with "^", after flags that leave "^" alone ("(?i)", "(?s)", "(?U)";
// not "m", under which "^" also matches after a newline), and has no "|"
// outside parentheses (which could start an unanchored alternative).
// Conservative: "\\A", other flags and the like count as unanchored, which
// only costs speed.
bool AnchoredAtStart(std::string_view pattern) {
  std::size_t caret = 0;
  if (pattern.substr(0, 2) == "(?") {
    const std::size_t close = pattern.find(')');
    if (close == std::string_view::npos || close == 2) return false;
    for (std::size_t i = 2; i < close; ++i)
      if (std::string_view("isU-").find(pattern[i]) == std::string_view::npos) return false;
    caret = close + 1;
  }
  if (caret >= pattern.size() || pattern[caret] != '^') return false;
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = caret + 1; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;  // the escaped character is literal
    } else if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;  // "[]" or "[^]": a literal ]
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return true;
}

void BuildLineSets(std::int64_t max_mem, CompiledRules* c) {
  CompiledRules::LineSet sets[2];  // anchored at the start, unanchored
  auto anchored = std::make_shared<RE2::Set>(PatternOptions(max_mem * 4), RE2::ANCHOR_START);
  auto unanchored = std::make_shared<RE2::Set>(PatternOptions(max_mem * 4), RE2::UNANCHORED);
  bool ok = true;
  std::vector<std::string> unanchored_patterns;
  const auto add = [&](LineGroup group, int index, const LazyRegex& re) {
    if (!re || !ok) return;  // the set is built from the patterns, uncompiled
    const int which = AnchoredAtStart(re.pattern()) ? 0 : 1;
    RE2::Set* set = which == 0 ? anchored.get() : unanchored.get();
    std::string error;
    ok = set->Add(re.pattern(), &error) >= 0;
    sets[which].entries.emplace_back(group, index);
    if (which == 1) unanchored_patterns.push_back(re.pattern());
  };
  const std::pair<LineGroup, const std::vector<Rule>*> groups[] = {
      {LineGroup::kNoiseInline, &c->noise_inline},   {LineGroup::kNoiseLines, &c->noise_lines},
      {LineGroup::kBodyStartsAfter, &c->body_starts_after}, {LineGroup::kBodyEndsBefore, &c->body_ends_before},
      {LineGroup::kNumbered, &c->numbered}};
  for (const auto& [group, rules] : groups)
    for (std::size_t i = 0; i < rules->size(); ++i)
      add(group, static_cast<int>(i), (*rules)[i].re);
  for (std::size_t i = 0; i < c->metadata.size(); ++i)
    add(LineGroup::kMetadata, static_cast<int>(i), c->metadata[i].rule.re);
  sets[0].set = anchored;
  sets[1].set = unanchored;
  // The start-anchored set stops within a few bytes on most lines; the
  // unanchored one reads every byte, unless the line lacks its literals.
  sets[1].filter = PatternFilter::Build(unanchored_patterns, PatternOptions(max_mem));
  std::vector<CompiledRules::LineSet> built;
  for (int k = 0; k < 2 && ok; ++k) {
    if (sets[k].entries.empty()) continue;
    ok = std::const_pointer_cast<RE2::Set>(sets[k].set)->Compile();
    built.push_back(std::move(sets[k]));
  }
  if (ok) c->line_sets = std::move(built);
}

void RecordLocations(const RuleSpec& spec, CompiledRules* out) {
  for (const auto* list : {&spec.match_any, &spec.match_all, &spec.numbered, &spec.body_starts_after,
                           &spec.body_ends_before, &spec.trailer_lead_in, &spec.noise_lines,
                           &spec.noise_inline}) {
    for (const PatternSpec& p : *list) out->rule_locations[p.id()] = p.where;
  }
  for (const SpeakerSpec& s : spec.speakers)
    for (const MarkerSpec& m : s.markers) out->rule_locations[m.pattern.id()] = m.pattern.where;
  for (const MetadataSpec& m : spec.metadata)
    if (m.pattern) out->rule_locations[m.pattern->id()] = m.pattern->where;
}

}  // namespace

RuleSpec MergeSpecs(const RuleSpec& parent, const RuleSpec& child) {
  RuleSpec merged = parent;
  merged.name = child.name;
  merged.description = child.description;
  merged.extends = child.extends;
  merged.match_any = child.match_any;
  merged.match_all = child.match_all;
  Override(&merged.max_label_chars, child.max_label_chars);
  Override(&merged.keep_markup, child.keep_markup);
  Override(&merged.max_descriptor_chars, child.max_descriptor_chars);
  Override(&merged.markers_case_sensitive, child.markers_case_sensitive);
  for (const SpeakerSpec& s : child.speakers) {
    auto same = std::find_if(merged.speakers.begin(), merged.speakers.end(),
                             [&](const SpeakerSpec& p) { return p.id == s.id; });
    if (same != merged.speakers.end()) *same = s;
    else merged.speakers.push_back(s);
  }
  Append(&merged.numbered, child.numbered);
  Override(&merged.title_max_chars, child.title_max_chars);
  Override(&merged.headings_between_turns, child.headings_between_turns);
  Override(&merged.headings_max_chars, child.headings_max_chars);
  Override(&merged.headings_not_ending_with, child.headings_not_ending_with);
  Append(&merged.body_starts_after, child.body_starts_after);
  Append(&merged.body_ends_before, child.body_ends_before);
  Append(&merged.trailer_lead_in, child.trailer_lead_in);
  Append(&merged.noise_lines, child.noise_lines);
  Append(&merged.noise_inline, child.noise_inline);
  for (const MetadataSpec& m : child.metadata) {
    auto same = std::find_if(merged.metadata.begin(), merged.metadata.end(),
                             [&](const MetadataSpec& p) { return p.key == m.key; });
    if (same != merged.metadata.end()) *same = m;
    else merged.metadata.push_back(m);
  }
  Append(&merged.files, child.files);
  return merged;
}

Status CompileSelection(const RuleSpec& spec, PatternCompiler* compiler, CompiledRules* out) {
  CompiledRules c;
  c.name = spec.name;
  c.description = spec.description;
  std::vector<std::string_view> digest_parts;
  for (const auto& [file, content] : spec.files) {
    c.files.push_back(file);
    digest_parts.insert(digest_parts.end(), {file, std::string_view("\0", 1), content,
                                             std::string_view("\0", 1)});
  }
  c.sha256 = Sha256Hex(digest_parts);
  Status s = CompileAll(spec.match_any, compiler, &c.match_any);
  if (s.ok()) s = CompileAll(spec.match_all, compiler, &c.match_all);
  if (s.ok()) *out = std::move(c);
  return s;
}

Status CompileRules(const RuleSpec& spec, PatternCompiler* compiler, CompiledRules* out) {
  CompiledRules c;
  Status s = CompileSelection(spec, compiler, &c);
  if (s.ok()) s = CompileSpeakers(spec, compiler, &c);
  if (s.ok()) s = CompileSections(spec, compiler, &c);
  if (s.ok()) s = CompileAll(spec.body_starts_after, compiler, &c.body_starts_after);
  if (s.ok()) s = CompileAll(spec.body_ends_before, compiler, &c.body_ends_before);
  if (s.ok()) s = CompileAll(spec.trailer_lead_in, compiler, &c.trailer_lead_in);
  if (s.ok()) s = CompileAll(spec.noise_lines, compiler, &c.noise_lines);
  if (s.ok()) s = CompileAll(spec.noise_inline, compiler, &c.noise_inline);
  if (s.ok()) s = CompileMetadata(spec, compiler, &c);
  if (!s.ok()) return s;
  RecordLocations(spec, &c);
  BuildLineSets(compiler->max_mem(), &c);
  std::vector<std::string> inline_patterns;
  for (const Rule& r : c.noise_inline) inline_patterns.push_back(r.re.pattern());
  c.noise_inline_filter = PatternFilter::Build(inline_patterns, PatternOptions(compiler->max_mem()));
  c.max_label_chars = spec.max_label_chars.value_or(kDefaultMaxLabelChars);
  c.max_descriptor_chars = spec.max_descriptor_chars.value_or(kDefaultMaxDescriptorChars);
  c.label_candidate_max_bytes = LabelCandidateMaxBytes(c.max_label_chars, c.max_descriptor_chars);
  std::string error;
  c.label_candidate =
      compiler->CompileRaw(LabelCandidatePattern(c.max_label_chars, c.max_descriptor_chars), &error);
  if (c.label_candidate == nullptr)
    return Status::RuleError({}, "internal: label pattern: " + error);
  c.label_groups = compiler->CompileRaw(LabelGroupsPattern(), &error);
  if (c.label_groups == nullptr)
    return Status::RuleError({}, "internal: label groups pattern: " + error);
  c.keep_markup = spec.keep_markup.value_or(false);
  *out = std::move(c);
  return Status::OK();
}

}  // namespace qaextract::internal
