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

  // Labels the lines that can be a turn start: those with a label candidate
  // that may be a speaker's (with discovery) or is a known speaker's, and
  // the terms and words of definition lists. A line whose candidates cannot
  // matter stays unlabelled: discovery rules such a candidate out by its key
  // alone, so leaving it out changes nothing discovery decides.
  // With rules that name speakers, stops at the first turn start (true):
  // the article holds a turn, and the full path labels the rest.
  bool LabelTurnLines(bool discovery) {
    const std::vector<Line>& lines = labelled_.lines;
    for (std::size_t i = labelled_.front_matter; i < lines.size(); ++i) {
      const bool definition = DefinitionColon(LineText(text_, lines[i])) > 0 ||
                              (i + 1 < lines.size() && DefinitionColon(LineText(text_, lines[i + 1])) > 0);
      if (!definition && !(classifier_.MayCarryLabel(lines[i]) && MayBeTurnLabel(lines[i], discovery))) continue;
      Label(i);
      if (!discovery && labelled_.labels[i].kind == LineKind::kTurnStart) return true;
    }
    classifier_.MatchDefinitionLabels(lines, &labelled_.labels);
    return false;
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
  bool MayBeTurnLabel(const Line& line, bool discovery) {
    classifier_.CandidateKeys(line, &keys_);
    for (const std::string& key : keys_)
      if (discovery ? MayBeSpeakerKey(key) : classifier_.IsSpeakerKey(key)) return true;
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
};

}  // namespace

Triage TriageLines(std::string_view text, std::vector<Line> lines, std::size_t front_matter,
                   const CompiledRules& rules, const PrefixFolds* folds) {
  const bool discovery = rules.speakers.empty();
  PartialLabels partial(text, std::move(lines), front_matter, rules, folds);
  if (partial.LabelTurnLines(discovery)) return partial.Decided(true);
  const std::vector<LineLabel>& labels = partial.labelled().labels;
  if (!discovery) {
    // A definition list's term may have become a speaker's turn start.
    const bool turn = std::any_of(labels.begin(), labels.end(),
                                  [](const LineLabel& l) { return l.kind == LineKind::kTurnStart; });
    return partial.Decided(turn);
  }
  // What any dialogue discovery accepts has; most articles have not, and
  // discovery need not run.
  int sightings = 0, questions = 0;
  const std::vector<Line>& all = partial.labelled().lines;
  for (std::size_t i = front_matter; i < all.size(); ++i) {
    sightings += MayBeSighting(labels[i]);
    questions += MayBeUnlabelledQuestion(text, all[i]);
  }
  if (sightings < kMinTurnLines && questions < kMinUnlabelledQuestions) return partial.Decided(false);
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
