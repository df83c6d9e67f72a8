// The rule model in its two forms.
//
// RuleSpec is a rule file as loaded (plain data, every pattern still text,
// every value with the place it came from), merged along `extends:`.
// CompiledRules is the merged spec with every pattern compiled by RE2 and
// every marker folded into a lookup key: what the classifier reads.
#ifndef QAEXTRACT_SRC_RULES_RULE_MODEL_H_
#define QAEXTRACT_SRC_RULES_RULE_MODEL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "qaextract/document.h"
#include "qaextract/rules.h"
#include "qaextract/status.h"
#include "match/pattern.h"
#include "match/pattern_filter.h"

namespace qaextract::internal {

// `match:` patterns see the first this many bytes of an article.
inline constexpr std::size_t kMatchPrefixBytes = 16 << 10;

// A pattern (or literal) as written, where it was written, and its key path
// ("noise.inline[0]") in the rule set `origin`.
struct PatternSpec {
  std::string text;
  SourceLocation where;
  std::string origin;    // name of the rule set that declared it
  std::string key_path;  // e.g. "speakers[1].markers[0]"

  // "<origin>:<key path>", the rule id shown in output and traces.
  std::string id() const { return origin + ":" + key_path; }
};

struct MarkerSpec {
  PatternSpec pattern;
  bool is_regex = false;  // a literal label otherwise
  std::optional<bool> case_sensitive;  // `case:` of this marker; unset: the file's
};

struct SpeakerSpec {
  std::string id;
  std::string name;
  std::string role;
  Fields metadata;
  std::vector<MarkerSpec> markers;
  // Each distinct label matched by this entry is its own speaker (for clip
  // speakers and other one-off voices); id becomes "<id>:<label>".
  bool per_label = false;
  SourceLocation where;
};

struct MetadataSpec {
  std::string key;
  std::optional<PatternSpec> pattern;  // with a (?P<value>...) group, or the whole match
  bool is_list = false;
  bool first_line = false;  // the first preamble line, when it has a title's shape
  int max_chars = 80;       // first_line only
  SourceLocation where;
};

struct RuleSpec {
  std::string name;
  std::string description;
  std::vector<PatternSpec> extends;  // names or paths, in order
  std::vector<PatternSpec> match_any;
  std::vector<PatternSpec> match_all;
  std::optional<int> max_label_chars;
  std::optional<int> max_descriptor_chars;
  std::optional<bool> markers_case_sensitive;  // marker_syntax.case; default insensitive
  std::vector<SpeakerSpec> speakers;
  std::vector<PatternSpec> numbered;  // section headings with (?P<number>) [and (?P<title>)]
  std::optional<int> title_max_chars;
  std::optional<bool> headings_between_turns;
  std::optional<int> headings_max_chars;
  std::optional<std::string> headings_not_ending_with;
  std::vector<PatternSpec> body_starts_after;
  std::vector<PatternSpec> body_ends_before;
  std::vector<PatternSpec> trailer_lead_in;
  std::vector<PatternSpec> noise_lines;
  std::vector<PatternSpec> noise_inline;
  std::optional<bool> keep_markup;  // noise.markup: keep (true) or strip
  std::vector<MetadataSpec> metadata;
  // Files merged into this spec, base first, with their contents.
  std::vector<std::pair<std::string, std::string>> files;
};

// A compiled pattern and the id of the rule it came from.
struct Rule {
  std::string id;
  LazyRegex re;
};

struct SpeakerRule {
  std::string id;
  std::string name;
  std::string role;
  Fields metadata;
  bool per_label = false;
};

struct MetadataRule {
  std::string key;
  Rule rule;  // unset (re == nullptr) for first_line fields
  bool is_list = false;
  bool first_line = false;
  int max_chars = 80;
  int value_group = 0;  // capture group of the value; 0: the whole match
};

struct HeadingShape {
  bool between_turns = false;    // unnumbered headings: a short line before a turn
  int max_chars = 40;            // longest heading, in characters
  std::u32string not_ending_with;  // a heading does not end with these
  int title_max_chars = 40;      // longest title taken from the line after a number
};

// The groups of line patterns, for CompiledRules::line_set.
enum class LineGroup {
  kNoiseInline,
  kNoiseLines,
  kBodyStartsAfter,
  kBodyEndsBefore,
  kNumbered,
  kMetadata,
  kCount,
};

// The quotes and brackets that may open and close a speaker label
// ("“暗涌”:", "【主持人】:"), besides ASCII [ ] and ". The label pattern
// (rule_compile.cc) and the classifier's plain-label path share them.
inline constexpr std::string_view kLabelOpenQuotes = "‘“「『【〔";
inline constexpr std::string_view kLabelCloseQuotes = "’”」』】〕";

struct CompiledRules {
  std::string name;
  std::string description;
  std::vector<std::string> files;
  std::string sha256;

  std::vector<Rule> match_any;
  std::vector<Rule> match_all;

  std::vector<SpeakerRule> speakers;
  // Turn-start candidates: (open)(label)(close)(descriptor)(colon), capture
  // group 1 is the label, group 2 the descriptor.
  std::shared_ptr<const RE2> label_candidate;
  // label_candidate without the bounds on its label and descriptor: a far
  // smaller program, whose submatch search on a match label_candidate found
  // (anchored at both of its ends) costs a fraction of label_candidate's.
  // Its groups are label_candidate's whenever they keep the bounds.
  std::shared_ptr<const RE2> label_groups;
  // The longest text label_candidate can match, in bytes: it only ever
  // needs to see this much of a line.
  std::size_t label_candidate_max_bytes = 0;
  int max_label_chars = 0;       // marker_syntax.max_label_chars, as compiled into it
  int max_descriptor_chars = 0;  // marker_syntax.max_descriptor_chars, likewise
  std::unordered_map<std::string, std::pair<int, std::string>> literal_markers;  // key -> speaker, rule id
  // Literal markers matched without regard to case, by LowerCaseKey(key).
  std::unordered_map<std::string, std::pair<int, std::string>> literal_markers_any_case;
  std::shared_ptr<const RE2::Set> regex_markers;  // anchored at both ends, on the key
  std::vector<std::pair<int, std::string>> regex_marker_speakers;  // set index -> speaker, rule id

  std::vector<Rule> numbered;
  HeadingShape headings;
  std::vector<Rule> body_starts_after;
  std::vector<Rule> body_ends_before;
  std::vector<Rule> trailer_lead_in;
  std::vector<Rule> noise_lines;
  std::vector<Rule> noise_inline;
  // noise.markup: keep: the source's formatting is part of its text, so
  // turn and passage text keep it (parse/markup.h says what is cut).
  bool keep_markup = false;
  std::vector<MetadataRule> metadata;

  // Every line pattern above in RE2::Sets: a line that matches none of
  // them (most lines) costs one scan per set, and only patterns a set
  // reports are run alone (for positions and captures). Patterns anchored at
  // the line start ("^...", most of them) share a set searched from the
  // start only, which stops as soon as no pattern can match any more; the
  // others (inline noise, mostly) share a set that scans the whole line.
  // Empty when a set does not fit the memory budget: then every pattern runs
  // alone.
  struct LineSet {
    std::shared_ptr<const RE2::Set> set;
    std::vector<std::pair<LineGroup, int>> entries;  // set index -> group, index in group
    // Which of the set's patterns a line can match, from the literals they
    // need (match/pattern_filter.h): a line that can match none skips the
    // scan. Null when it cannot rule a line out (then every line is scanned).
    std::shared_ptr<const PatternFilter> filter;
  };
  std::vector<LineSet> line_sets;
  // For Classifier::CandidateKeys, which asks noise.inline patterns alone:
  // which of them a line can match (null: all of them, on every line).
  std::shared_ptr<const PatternFilter> noise_inline_filter;

  // Where each rule id was written ("base-zh:noise.inline[0]" -> file:line:col).
  std::map<std::string, SourceLocation> rule_locations;
};

// The keys each mapping of a rule file may have, by where the mapping is:
// "" (the top level), "match", "speakers[]", "speakers[].markers[]",
// "sections.headings", "metadata.*", ... The loader rejects any other key;
// a test checks docs/rules.schema.json against this table.
const std::map<std::string, std::vector<std::string>>& RuleFileKeys();

// Loads one rule file's YAML into *spec (no extends resolution). Errors are
// RuleErrors at the offending node.
Status ParseRuleSpec(std::string_view yaml, const std::string& path, RuleSpec* spec);

// As ParseRuleSpec, reading on past errors (a bad node is skipped): every
// error goes to *errors in file order, and *spec holds what did parse.
// For `rules lint`, which reports every mistake at once.
void ParseRuleSpecAll(std::string_view yaml, const std::string& path, RuleSpec* spec,
                      std::vector<Status>* errors);

// Merges `child` over `parent`: lists are concatenated (parent first);
// speakers and metadata fields with the same id/key are replaced; scalars set
// in the child win; name, description and match come from the child alone.
RuleSpec MergeSpecs(const RuleSpec& parent, const RuleSpec& child);

// Parses `yaml` (known as `path`) and merges everything it extends under it
// (the first half of RuleSet::LoadString: no patterns are compiled).
Status ResolveRuleSpec(std::string_view yaml, const std::string& path,
                       const RuleLoadOptions& options, RuleSpec* spec);

// Reads a rule file; an InputError naming it when it cannot.
Status ReadRuleFile(const std::string& path, std::string* text);

// The text of the built-in rule file `name`, or "".
std::string BuiltinRuleText(const std::string& name);

class PatternCompiler;

// Folds spec.text (FoldPattern) and compiles it with `compiler`. A pattern
// that does not compile, or needs more than the memory budget, is a
// RuleError at spec.where:
//   rules/x.yaml:12:14: error: bad pattern in noise.inline[0]: missing ): (\d{2}
Status CompilePattern(const PatternSpec& spec, PatternCompiler* compiler, Rule* out);

// Compiles a merged spec with `compiler`. Every pattern error is a RuleError
// at the pattern.
Status CompileRules(const RuleSpec& spec, PatternCompiler* compiler, CompiledRules* out);

// Compiles only what choosing a rule set needs: name, description, files,
// digest and the `match:` patterns (the rest of *out is left empty).
Status CompileSelection(const RuleSpec& spec, PatternCompiler* compiler, CompiledRules* out);

// A rule set whose full compilation waits until it is first used: the
// built-in library has a set per source, and an article needs one of them.
struct DeferredRules {
  RuleSpec spec;
  std::int64_t max_mem = 0;
  std::once_flag once;
  std::shared_ptr<const CompiledRules> full;
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_RULES_RULE_MODEL_H_
