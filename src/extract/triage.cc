#include "extract/triage.h"

#include <algorithm>
#include <utility>

#include "discover/discovery.h"
#include "parse/classifier.h"
#include "parse/front_matter.h"
#include "parse/pipeline.h"

namespace qaextract::internal {
namespace {

std::string_view LineText(std::string_view text, const Line& line) {
  return text.substr(line.begin, line.end - line.begin);
}

// The labels of an article as far as triage needs them: the lines whose
// label can matter are labelled as the full path labels them; the others
// stay unlabelled (kText without a candidate).
class PartialLabels {
 public:
  PartialLabels(std::string_view text, std::vector<Line> lines, std::size_t front_matter,
                const CompiledRules& rules, const PrefixFolds* folds)
      : text_(text), classifier_(rules, text, folds), done_(lines.size(), false) {
    labelled_.lines = std::move(lines);
    labelled_.front_matter = front_matter;
    labelled_.labels.resize(labelled_.lines.size());
    for (std::size_t i = 0; i < front_matter && i < labelled_.lines.size(); ++i) {
      labelled_.labels[i] = FrontMatterLabel(labelled_.lines[i]);
      done_[i] = true;
    }
  }

  // Rules that name speakers: labels the lines that can be a turn start,
  // those with a label candidate that is a known speaker's, and the terms
  // and words of definition lists; stops at the first turn start (true):
  // the article holds a turn, and the full path labels the rest.
  bool LabelSpeakerLines() {
    const std::vector<Line>& lines = labelled_.lines;
    for (std::size_t i = labelled_.front_matter; i < lines.size(); ++i) {
      if (!IsDefinitionLine(i) && !(classifier_.MayCarryLabel(lines[i]) && HasSpeakerKey(lines[i]))) continue;
      Label(i);
      if (labelled_.labels[i].kind == LineKind::kTurnStart) return true;
    }
    classifier_.MatchDefinitionLabels(lines, &labelled_.labels);
    return false;
  }

  // Discovery: lists the lines that may be sightings, those with a label
  // candidate whose key may be a speaker's, and tallies their keys; labels
  // only the terms and words of definition lists (rare; with any, the tally
  // is not asked). A line whose candidates cannot matter is never listed:
  // discovery rules such a candidate out by its key alone, so leaving it
  // out changes nothing discovery decides.
  SightingTally ListPossibleSightings() {
    SightingTally tally;
    const std::vector<Line>& lines = labelled_.lines;
    for (std::size_t i = labelled_.front_matter; i < lines.size(); ++i) {
      if (IsDefinitionLine(i)) {
        Label(i);
        definitions_ = true;
        continue;
      }
      if (!classifier_.MayCarryLabel(lines[i])) continue;
      classifier_.CandidateKeys(lines[i], &keys_);
      if (tally.AddLine(keys_)) listed_.push_back(i);
    }
    return tally;
  }
  bool ListedDefinitions() const { return definitions_; }

  // Labels the lines ListPossibleSightings listed, then the definition
  // lists' pairs (as LabelSpeakerLines does, once every line that may be a
  // turn start is labelled).
  void LabelListed() {
    for (std::size_t i : listed_) Label(i);
    classifier_.MatchDefinitionLabels(labelled_.lines, &labelled_.labels);
  }

  // Labels the lines discovery reads whatever their label (set off as
  // questions may be), and those it may reach through NextContent from
  // them or from a labelled line with a candidate.
  void LabelWhatDiscoveryReads() {
    const std::size_t n = labelled_.lines.size();
    for (std::size_t i = labelled_.front_matter; i < n; ++i)
      if (ReadsLineShape(text_, labelled_.lines[i])) Label(i);
    for (std::size_t i = 0; i < n; ++i) {
      if (!done_[i] || (!labelled_.labels[i].candidate && !ReadsLineShape(text_, labelled_.lines[i]))) continue;
      for (std::size_t j = i + 1; j < n; ++j) {
        Label(j);
        const LineKind k = labelled_.labels[j].kind;
        if (k != LineKind::kBlank && k != LineKind::kNoise) break;
      }
    }
  }

  const LabelledText& labelled() const { return labelled_; }

  Triage Decided(bool may_hold_turns) {
    return Triage{may_hold_turns, std::move(labelled_), std::move(done_)};
  }

 private:
  bool IsDefinitionLine(std::size_t i) const {
    const std::vector<Line>& lines = labelled_.lines;
    return DefinitionColon(LineText(text_, lines[i])) > 0 ||
           (i + 1 < lines.size() && DefinitionColon(LineText(text_, lines[i + 1])) > 0);
  }

  // Whether a candidate key of the line is a known speaker's.
  bool HasSpeakerKey(const Line& line) {
    classifier_.CandidateKeys(line, &keys_);
    for (const std::string& key : keys_)
      if (classifier_.IsSpeakerKey(key)) return true;
    return false;
  }

  void Label(std::size_t i) {
    if (done_[i]) return;
    labelled_.labels[i] = classifier_.Classify(labelled_.lines[i]);
    done_[i] = true;
  }

  std::string_view text_;
  Classifier classifier_;
  LabelledText labelled_;
  std::vector<bool> done_;  // labelled as the full path labels it
  std::vector<std::string> keys_;
  std::vector<std::size_t> listed_;  // ListPossibleSightings
  bool definitions_ = false;
};

}  // namespace

Triage TriageLines(std::string_view text, std::vector<Line> lines, std::size_t front_matter,
                   const CompiledRules& rules, const PrefixFolds* folds) {
  PartialLabels partial(text, std::move(lines), front_matter, rules, folds);
  if (!rules.speakers.empty()) {
    if (partial.LabelSpeakerLines()) return partial.Decided(true);
    // A definition list's term may have become a speaker's turn start.
    const std::vector<LineLabel>& labels = partial.labelled().labels;
    return partial.Decided(std::any_of(labels.begin(), labels.end(),
                                       [](const LineLabel& l) { return l.kind == LineKind::kTurnStart; }));
  }
  // Discovery. What any dialogue it accepts has; most articles have not,
  // and discovery need not run. First from the lines' keys alone, before a
  // line is labelled...
  const std::vector<Line>& all = partial.labelled().lines;
  int questions = 0;
  for (std::size_t i = front_matter; i < all.size(); ++i) questions += MayBeUnlabelledQuestion(text, all[i]);
  const bool may_ask = questions >= kMinUnlabelledQuestions;
  const SightingTally possible = partial.ListPossibleSightings();
  if (!may_ask && !partial.ListedDefinitions() && !possible.MayMakeDialogue()) return partial.Decided(false);
  // ...then from the labels of the lines listed, as the full path labels them.
  partial.LabelListed();
  const std::vector<LineLabel>& labels = partial.labelled().labels;
  SightingTally sightings;
  for (std::size_t i = front_matter; i < all.size(); ++i) sightings.AddLabel(labels[i]);
  if (!may_ask && !sightings.MayMakeDialogue()) return partial.Decided(false);
  // Discovery on the lines it reads, labelled as the full path labels them,
  // decides as it would on the whole.
  partial.LabelWhatDiscoveryReads();
  const bool dialogue = DiscoverSpeakers(text, partial.labelled()).report.dialogue;
  return partial.Decided(dialogue);
}

void CompleteLabels(std::string_view text, const CompiledRules& rules, Triage* triage,
                    const PrefixFolds* folds) {
  LabelledText& labelled = triage->labelled;
  Classifier classifier(rules, text, folds);
  for (std::size_t i = 0; i < labelled.lines.size(); ++i)
    if (!triage->done[i]) labelled.labels[i] = classifier.Classify(labelled.lines[i]);
  // Again over the whole: the pairs triage did not label are decided now;
  // those it did already hold their term's candidate and words' cut, which
  // a second pass leaves alone.
  classifier.MatchDefinitionLabels(labelled.lines, &labelled.labels);
  triage->done.assign(labelled.lines.size(), true);
}

}  // namespace qaextract::internal
