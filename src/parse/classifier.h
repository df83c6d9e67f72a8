// Classifier: one line of the article -> one LineLabel, decided by the
// compiled rules on the line's folded view. The classifier looks at one line
// at a time; whatever needs context (is this short line a heading? is this
// the end of the dialogue?) is left to the assembler, which gets the facts it
// needs here (heading_shape), or asks for the one line it needs
// (MatchesTrailerLeadIn).
#ifndef QAEXTRACT_SRC_PARSE_CLASSIFIER_H_
#define QAEXTRACT_SRC_PARSE_CLASSIFIER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_model.h"
#include "text/fold.h"
#include "text/lines.h"
#include "text/prefix_folds.h"

namespace qaextract::internal {

enum class LineKind {
  kBlank,      // nothing visible
  kNoise,      // a whole line of noise (a noise.lines rule, or only inline noise)
  kBodyStart,  // boundaries.body_starts_after: the dialogue begins after it
  kBodyEnd,    // boundaries.body_ends_before: the trailer begins here
  kMetadata,   // only metadata (a metadata field pattern matched)
  kNumbered,   // a numbered section heading (sections.numbered)
  kTurnStart,  // a known speaker's marker at the line start
  kText,       // anything else
};

// An inline-noise span cut out of a line.
struct Cut {
  ByteSpan span;  // absolute, in Source::text
  // The id of the rule that cut: a view of the id the CompiledRules hold
  // (which outlive the labels made with them), or of a fixed name.
  std::string_view rule;
};

// A metadata value found on the line.
struct FieldHit {
  int field = 0;  // index into CompiledRules::metadata
  ByteSpan value;
  std::string rule;
};

// A "label + colon" at the line start, whether or not a speaker has the label.
struct MarkerMatch {
  std::string key;     // the label folded, without spaces: the lookup key
  ByteSpan marker;     // from the line start through the colon
  ByteSpan label;      // the label inside the marker
  std::optional<ByteSpan> descriptor;
  std::string descriptor_key;  // the descriptor folded, without spaces
  ByteSpan text;       // what follows the marker, trimmed
  int text_chars = 0;  // visible characters after the marker
};

struct LineLabel {
  LineKind kind = LineKind::kText;
  std::string rule;       // id of the deciding rule; empty for text and blank lines
  std::vector<Cut> cuts;  // inline noise, sorted, not overlapping
  ByteSpan text;          // the line's own text, trimmed (after the marker, before a heading)
  std::vector<FieldHit> fields;

  // Any line that starts with "label:"; for kTurnStart the label is a
  // speaker's marker and `speaker` says whose. Boxed: most lines have none,
  // and a label per line is what bounds memory on huge inputs.
  std::unique_ptr<MarkerMatch> candidate;
  int speaker = -1;  // kTurnStart: index into CompiledRules::speakers

  // kNumbered
  std::optional<ByteSpan> number;
  std::optional<ByteSpan> title;
  bool heading_after_text = false;  // the heading ends a line of text ("…作響。 二")

  // Facts for the assembler, on text lines.
  bool heading_shape = false;  // short and without sentence-final punctuation
  bool heading_end = false;    // does not end with sentence-final punctuation
  int chars = 0;               // visible characters in the folded line
};

// The common turn start, "label:" with a plain label, recognised without
// running CompiledRules::label_candidate: the label has no digit (no
// timestamp), no bracket, quote, asterisk or parenthesis (no descriptor, no
// emphasis), at most `max_label_chars` code points, and no "**" follows the
// colon. On such lines it finds exactly what the pattern would (kFound): sets
// *label_end (the label, without a space before the colon) and *marker_end
// (just after the colon). kNone where the pattern cannot match either (no
// colon, or prose: a plain label too long, the common line with a colon far
// in); kAsk where the line needs the pattern.
enum class PlainLabel { kFound, kNone, kAsk };
PlainLabel MatchPlainLabel(std::string_view view, int max_label_chars, std::size_t* label_end,
                           std::size_t* marker_end);

// CompiledRules::label_candidate's match at the start of `input`, with its
// groups (0: the match, 1: the label, 2: the descriptor or null), as
// label_candidate->Match with three groups finds them. Its program is large
// (the bounded repetitions of the label's and descriptor's characters), and
// RE2 finds groups with a search whose cost grows with it; so its match is
// found alone (a DFA pass), and the groups within it by the unbounded twin,
// label_groups. The twin tries the same parses in the same order, with those
// beyond the bounds added; when its first keeps the bounds, it is the
// pattern's first too, and otherwise the pattern is asked.
bool MatchLabelCandidate(const CompiledRules& rules, re2::StringPiece input, re2::StringPiece groups[3]);

// The length of the colon that opens the words of a definition list
// (": words", "： words": a colon, then a space or a tab, then words), whose
// term is the line before; 0 when the line does not open so.
std::size_t DefinitionColon(std::string_view line);

// Whether the text line `line`, labelled `label`, matches
// boundaries.trailer_lead_in (a line that introduces the trailer: "Any last
// words?"). The assembler asks it of the one line before the trailer; asked
// of every line with the other line patterns, it was half of their scan.
bool MatchesTrailerLeadIn(const CompiledRules& rules, std::string_view text, const Line& line,
                          const LineLabel& label);

class Classifier {
 public:
  // REQUIRES: `rules` and `text` (and `folds`) outlive the classifier.
  // `folds`, when not null, holds the folds of the text's first lines
  // (made for the rule-set choice): those lines are not folded again.
  Classifier(const CompiledRules& rules, std::string_view text, const PrefixFolds* folds = nullptr)
      : rules_(rules), text_(text), folds_(folds) {}

  LineLabel Classify(const Line& line);

  // Whether Classify can find a label candidate on the line, decided far
  // more cheaply (a fold, no pattern): every label shape needs a colon,
  // emphasis or heading marks, "【" or "〔", the letters of "Q. "/"A. " in
  // the folded line, or a wide gap in the line as written; inline noise cut
  // out of the line cannot bring any of those in. False means no candidate
  // (MatchDefinitionLabels may still make the line a definition's term).
  // A new label shape adds what it needs here and to CandidateKeys: every
  // test extraction also runs the triage and fails when a turn is lost.
  bool MayCarryLabel(const Line& line);

  // The keys of the label candidates Classify can find on the line (one per
  // label shape that matches; Classify keeps at most one of them), and maybe
  // a few more: told from the start of the folded line, without running the
  // line patterns; only the inline noise is cut out first, as Classify cuts
  // it, where it reaches the start.
  void CandidateKeys(const Line& line, std::vector<std::string>* keys);

  // Whether `key` is a known speaker's marker.
  bool IsSpeakerKey(const std::string& key) const {
    const std::string* rule = nullptr;
    return SpeakerOfKey(key, &rule) >= 0;
  }

  // Definition lists ("Name" on one line, ": words" on the next): makes the
  // name line a label candidate with its words below (a turn start when the
  // name is a known speaker's marker) and cuts the ": " from the words line
  // (rule "definition-list"). Runs over the whole document after Classify,
  // since it looks at two lines.
  void MatchDefinitionLabels(const std::vector<Line>& lines, std::vector<LineLabel>* labels) const;

 private:
  // Folds the line without cuts into folded_, unless folded_ holds it.
  void FoldUncut(const Line& line);
  // Runs CompiledRules::line_sets over the folded line and records which
  // patterns can match it (all of them when there is no set).
  void ScanLine(const FoldedLine& folded);
  // Whether pattern `index` of `group` matches the folded line.
  bool Matches(LineGroup group, std::size_t index, const LazyRegex& re, const FoldedLine& folded) const;
  // The inline noise on the folded line, asking the patterns `hits_` says
  // may match.
  std::vector<Cut> FindInlineNoise(const FoldedLine& folded) const;
  // The inline noise that reaches into the first `window` bytes of a folded
  // view once it is cut, leftmost first, as view bytes [a, b) and their
  // rule; *reach: the view bytes those cuts and the window span.
  struct ViewCut {
    const Rule* rule;
    std::size_t a, b;
  };
  std::vector<ViewCut> FindInlineNoiseReaching(std::string_view view, std::size_t window, std::size_t* reach) const;
  // Fills label->candidate when the line starts with "label:", and makes the
  // line a turn start when the label is a speaker's marker.
  bool MatchTurnStart(const FoldedLine& folded, LineLabel* label) const;
  // The "label:" at the start of a folded view, as the candidate pattern's
  // groups: the marker through the colon, the label, the descriptor (null
  // when there is none). False when the view starts with no label.
  bool FindTurnLabel(std::string_view view, re2::StringPiece groups[3]) const;
  // A label without a colon, set off by emphasis: "**Name**" or "### Name"
  // alone on its line, or "**Name** words", after an optional time stamp;
  // or in 【】/〔〕 brackets with its words after it ("【记者】今年…").
  // Sets label->candidate (and makes the line a turn start when the label
  // is a known speaker's marker).
  bool MatchEmphasizedLabel(const FoldedLine& folded, LineLabel* label) const;
  // That shape at the start of a folded view: the name, and where the marker
  // ends. False when the view does not start with it.
  bool FindEmphasizedLabel(std::string_view view, re2::StringPiece* name, std::size_t* marker_end) const;
  // A label without a colon set off by a wide gap: "Q<NBSP><NBSP>words",
  // "Name<TAB>words", "Name   words" (three spaces or more), "问　words" (an ideographic space).
  // At the line start, short, no sentence punctuation in it.
  bool MatchSpacedLabel(const Line& line, LineLabel* label) const;
  // "Q. words" and "A. words": the question-and-answer letters with a period
  // (only these two: "B." would be a list).
  bool MatchQaDotLabel(const FoldedLine& folded, LineLabel* label) const;
  // Keeps `m` as the line's label candidate; when its label is a known
  // speaker's marker, makes the line that speaker's turn start (true).
  bool SetCandidate(MarkerMatch m, LineLabel* label) const;
  // The speaker whose marker `key` is, or -1; *rule names the marker rule.
  // The speaker a label's key names (an index into CompiledRules::speakers)
  // and the id of the marker rule that says so, held by the rules; -1 if none.
  int SpeakerOfKey(const std::string& key, const std::string** rule) const;
  bool MatchNumbered(const FoldedLine& folded, LineLabel* label) const;
  void FindFields(const FoldedLine& folded, LineLabel* label) const;
  void NoteShape(const FoldedLine& folded, LineLabel* label) const;
  const Rule* FirstMatch(LineGroup group, const std::vector<Rule>& rules,
                         const FoldedLine& folded) const;

  const CompiledRules& rules_;
  std::string_view text_;
  const PrefixFolds* folds_;
  FoldedLine folded_;  // reused between lines
  // Whether folded_ holds the fold without cuts of the line at
  // folded_.base ending at folded_end_: CandidateKeys and then Classify of
  // one line fold it once.
  bool folded_uncut_ = false;
  std::size_t folded_end_ = 0;
  // Per group, per pattern: 0 no match, 1 matches, 2 unknown (no set, or its
  // DFA ran out of memory): the pattern runs alone.
  std::vector<char> hits_[static_cast<int>(LineGroup::kCount)];
  std::vector<int> set_hits_;
  mutable std::vector<int> marker_hits_;  // SpeakerOfKey's regex markers
  std::vector<int> possible_;  // PatternFilter::Possible's answer, reused
  std::string scratch_;  // MayCarryLabel's fold
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_CLASSIFIER_H_
