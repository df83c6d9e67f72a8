// Document: the structured result of extracting one article (the output
// contract; docs/output-schema.md documents every field).
//
// Conventions, the same in JSON and YAML output:
//   - lines are 1-based; byte offsets are 0-based, half-open, into
//     Source::text (the input as read, for UTF-8 input);
//   - `index` fields are 0-based positions in their own array, and
//     Turn::section / Passage::section are indices into Document::sections;
//   - text fields are the original text with removed noise cut out and each
//     line trimmed; paragraphs are joined with "\n".
//
// Thread-safety: a Document is a plain value.
#ifndef QAEXTRACT_INCLUDE_DOCUMENT_H_
#define QAEXTRACT_INCLUDE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qaextract {

// A named value in metadata: a scalar (`is_list` false, exactly one value)
// or a list of values.
struct Field {
  std::string key;
  std::vector<std::string> values;
  bool is_list = false;
};
using Fields = std::vector<Field>;

// Keys that are always a list, whoever sets them (a rule file, front
// matter): authors, sources, editors, translators, tags, categories,
// keywords, topics, descriptors. A loader sees one type per key in every
// record; front matter gives every other key a string.
bool IsListKey(const std::string& key);

// Appends `value` to the field `key`, creating it (as a list when `is_list`
// or IsListKey(key), else a scalar) when missing. A scalar keeps its first
// value; later ones are ignored.
void AddField(Fields* fields, const std::string& key, const std::string& value,
              bool is_list);
// The field named `key`, or nullptr.
const Field* FindField(const Fields& fields, const std::string& key);

struct SourceInfo {
  std::string path;
  std::uint64_t bytes = 0;
  std::string sha256;
  std::string encoding;
};

struct RulesInfo {
  std::string name;                // the rule set applied
  std::vector<std::string> files;  // every file it was built from, base first
  std::string sha256;              // digest over those files' contents
  std::string selected_by;         // "option" (--rules), "match", "discovery", "default"
};

struct Speaker {
  std::string id;                    // stable id from the rule file
  std::string name;                  // display name
  std::string role;                  // interviewer, interviewee, host, guest, clip, ...
  std::vector<std::string> aliases;  // distinct labels seen, as written
  Fields metadata;                   // from the rules, plus `descriptors`
  int turn_count = 0;
};

struct Section {
  int index = 0;
  std::optional<std::string> number;  // "01", "一"; none for unnumbered headings
  std::optional<std::string> title;
  int line = 0;                       // line of the heading (the number line)
};

// Text outside the dialogue: before the body (preamble) or after it (trailer).
struct Block {
  std::string text;
  int line_start = 0;
  int line_end = 0;
};

struct Turn {
  int index = 0;
  std::string speaker;                    // a Speaker::id
  std::string marker;                     // the label as written, with its colon
  std::optional<std::string> descriptor;  // "(DeepSeek创始人)" content, if any
  std::optional<std::string> timestamp;   // "00:12:31" of "[00:12:31] Alice:" or "Alice: (00:12:31)"
  std::optional<int> section;             // index into sections
  std::string text;                       // without the marker
  std::vector<std::string> paragraphs;
  int line_start = 0;
  int line_end = 0;
  std::uint64_t byte_start = 0;  // start of the marker
  std::uint64_t byte_end = 0;    // end of the last paragraph
};

// Body text that belongs to no turn: narration in an article without
// dialogue, or text between sections and the first turn.
struct Passage {
  std::optional<int> section;
  std::string text;
  std::vector<std::string> paragraphs;
  int line_start = 0;
  int line_end = 0;
};

// Noise taken out of the text. `kind` is "noise-line" (a whole line) or
// "inline" (a span inside a line that is otherwise kept).
struct Removed {
  std::string kind;
  int line = 0;
  std::uint64_t byte_start = 0;
  std::uint64_t byte_end = 0;
  std::string text;  // the removed original text
  std::string rule;  // "<rule set>:<key path>", e.g. "base-zh:noise.inline[0]"
};

// Something the caller should know that did not stop extraction. Codes:
// no-dialogue, consecutive-turns, weak-dialogue-evidence, low-confidence,
// invalid-utf8.
struct Warning {
  std::string code;
  int line = 0;  // 0: about the whole document
  std::string message;
};

// A speaker found by discovery, and the evidence for it.
struct DiscoveredSpeaker {
  std::string speaker;              // a Speaker::id
  std::vector<std::string> labels;  // labels taken as this speaker, as written
  int lines = 0;                    // turn-start lines with these labels
  std::string role_evidence;        // why this speaker got its role
  std::vector<std::string> merged;  // "答 -> 张三: a generic answer label, one interviewee"
};

// How speakers were found when no rule file's `match:` fit the article
// (rules.selected_by "discovery"), or why no dialogue was found.
struct DiscoveryReport {
  bool dialogue = false;   // enough evidence to extract turns
  double confidence = 0;   // 0..1
  std::string evidence;    // one sentence for people
  std::vector<DiscoveredSpeaker> speakers;
  std::vector<std::string> rejected;  // "记者 (1 line): a byline label with short text"
};

struct Document {
  std::string schema_version = "2";
  SourceInfo source;
  RulesInfo rules;
  std::optional<DiscoveryReport> discovery;  // set when discovery ran
  Fields metadata;  // title, date, authors[], editors[], sources[], url, location, ...
  std::vector<Speaker> speakers;  // in order of first turn
  std::vector<Section> sections;
  std::optional<Block> preamble;
  std::vector<Turn> turns;
  std::vector<Passage> passages;
  std::optional<Block> trailer;
  std::vector<Removed> removed;
  std::vector<Warning> warnings;
};

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_DOCUMENT_H_
