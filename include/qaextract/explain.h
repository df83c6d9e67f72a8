// Explain: what every line of an article became, and which rule decided.
//
//   Explanation e;
//   Status s = Explain(source, rules, {}, &e);
//   for (const ExplainedLine& l : e.lines)
//     if (l.outcome == LineOutcome::kTurn) std::cout << l.line << " " << l.speaker << "\n";
//
// The trace is what the extractor recorded while extracting; nothing is
// decided again. Every input line appears exactly once, in order. Near
// misses are labels at a line start ("HOST:") that became no turn, with a
// hint when a marker nearly took one.
#ifndef QAEXTRACT_INCLUDE_EXPLAIN_H_
#define QAEXTRACT_INCLUDE_EXPLAIN_H_

#include <memory>
#include <string>
#include <vector>

#include "qaextract/document.h"
#include "qaextract/options.h"
#include "qaextract/rule_choice.h"
#include "qaextract/source.h"
#include "qaextract/status.h"

namespace qaextract {

namespace internal {
struct Trace;
}  // namespace internal

// What one input line became.
enum class LineOutcome {
  kNone,          // not decided (a bug: Unaccounted reports it)
  kBlank,
  kNoise,         // removed whole (Document::removed)
  kMetadata,      // captured as a metadata field or a speaker's legend
  kTitle,
  kPreamble,
  kHeading,       // a section heading
  kSectionTitle,  // the title line after a numbered heading
  kTurn,          // starts a turn
  kContinuation,  // a further paragraph of a turn
  kPassage,       // body text outside any turn
  kTrailer,
};

// "blank", "noise", "metadata", "title", "preamble", "heading",
// "section-title", "turn", "continuation", "passage", "trailer" ("" for
// kNone): the names `explain` prints and writes in JSON.
const char* LineOutcomeName(LineOutcome outcome);

struct ExplainedLine {
  int line = 0;                 // 1-based, as grep numbers lines
  LineOutcome outcome = LineOutcome::kNone;
  std::string detail;           // "5 liang-wenfeng", "section 2", "the trailer starts", ...
  int turn = -1;                // the turn the line belongs to, or -1
  std::string speaker;          // that turn's speaker id
  std::string rule;             // id of the deciding rule ("anyong-waves:speakers[0].markers[0]")
  std::string location;         // where that rule is written ("anyong-waves.yaml:12:7")
  std::vector<std::string> cuts;  // rules that cut inline noise or markup from the line
  std::string text;             // the line as read
};

// A label at a line start that is no turn.
struct NearMiss {
  std::string key;      // the label folded, without spaces: what lookup compared
  std::string written;  // the label as the article first writes it
  std::vector<int> lines;
  // Why a marker nearly took it: "differs only in case from marker 'Host'
  // of speaker host (case: sensitive)". Empty when none did.
  std::string hint;
};

struct Explanation {
  Document document;                 // as RuleChoice::Extract gives it
  std::vector<ExplainedLine> lines;  // one per input line, in order
  std::vector<NearMiss> near_misses;  // by key
  std::shared_ptr<const internal::Trace> trace;  // for Unaccounted
};

// Extracts `source` with `rules` and explains every line.
// REQUIRES: rules.loaded().
Status Explain(const Source& source, const RuleChoice& rules, const ExtractOptions& options,
               Explanation* out);

// The "nothing lost" check: the lines whose text is not where their outcome
// says in the document (or whose removal is not recorded), as
// "line N (outcome): why". Empty when every line is accounted for.
std::vector<std::string> Unaccounted(const Source& source, const Explanation& explanation);

// {"rules": {...}, "lines": [...], "near_misses": [...]}: `explain --format json`.
std::string ExplanationJson(const Explanation& explanation, bool pretty);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_EXPLAIN_H_
