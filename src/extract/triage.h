// Triage: whether an article can hold a turn at all, decided before its
// lines are labelled. Most articles of a crawl hold no dialogue; a caller
// that drops those (ExtractOptions::dialogue_only) need not label every
// line, run the line patterns and discovery to learn that.
//
// The decision is exact, not a guess: "no" only when the full path would
// find no turn. Every turn starts on a line with a label candidate (or a
// definition list's term, or a question of an interview without labels),
// and Classifier::MayCarryLabel finds, without patterns, the lines that can
// hold a candidate; only those are labelled, each as the full path labels
// it. Then:
// - rules that name speakers: a turn needs a line that is a speaker's turn
//   start;
// - rules without speakers (discovery): a dialogue needs the lines of
//   SightingTally::MayMakeDialogue (asked first of the keys of the lines
//   that may be sightings, before any is labelled, then of their labels), or
//   kMinUnlabelledQuestions lines that MayBeUnlabelledQuestion.
#ifndef QAEXTRACT_SRC_EXTRACT_TRIAGE_H_
#define QAEXTRACT_SRC_EXTRACT_TRIAGE_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "parse/pipeline.h"
#include "rules/rule_model.h"
#include "text/lines.h"

namespace qaextract::internal {

// What triage decided, and the lines it labelled on the way (as the full
// path labels them), which the full path then need not label again.
struct Triage {
  bool may_hold_turns = false;
  LabelledText labelled;   // every line; those not `done` are left unlabelled
  std::vector<bool> done;  // parallel to labelled.lines
};

// `lines` are SplitLines(text); the first `front_matter` of them are front
// matter (FindFrontMatter), never a turn.
Triage TriageLines(std::string_view text, std::vector<Line> lines, std::size_t front_matter,
                   const CompiledRules& rules, const PrefixFolds* folds = nullptr);

// Labels the lines triage left unlabelled: *labelled is then what
// LabelSplitLines would have made of the lines.
void CompleteLabels(std::string_view text, const CompiledRules& rules, Triage* triage,
                    const PrefixFolds* folds = nullptr);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_EXTRACT_TRIAGE_H_
