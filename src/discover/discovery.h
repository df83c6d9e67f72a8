// Discovery: finding the speakers of an article that no rule file describes.
//
// Every line that starts with "label:" is a sighting (the classifier records
// it). Discovery groups sightings by label, rejects labels whose shape says
// they are not speakers (reporting clauses "他说:", bylines "记者:陆柯言",
// list items "1.数学:", timestamps, links, discourse words "首先:"), keeps
// labels that recur, merges labels of one person (the generic "答:" into the
// one named interviewee, initials declared in a marker "Adam Jonas (AJ):",
// a short form of a full name), decides whether the whole looks like a
// dialogue (two or more speakers, alternating), and infers who asks.
//
// It works from shapes only: no name, outlet or string of any particular
// article is built in.
#ifndef QAEXTRACT_SRC_DISCOVER_DISCOVERY_H_
#define QAEXTRACT_SRC_DISCOVER_DISCOVERY_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "parse/pipeline.h"
#include "qaextract/document.h"
#include "rules/rule_model.h"

namespace qaextract::internal {

// A turn start on a line without a label (an unlabelled interview): the
// marker is empty at the line's start, or a question's opening dash run
// ("――"); the text is the rest of the line.
struct UnlabelledTurn {
  ByteSpan marker;
  ByteSpan text;
};

// What discovery decided; the extractor applies it to the labels.
struct Discovery {
  DiscoveryReport report;
  bool weak_evidence = false;  // lines that may be speakers' turns, but no dialogue
  std::vector<SpeakerRule> speakers;   // the speakers found, in order of first turn
  std::map<std::size_t, int> turns;    // line index -> index into speakers
  std::map<std::size_t, UnlabelledTurn> unlabelled;  // turn lines that have no label
};

// What any dialogue discovery accepts has, for triage (src/extract/triage.h)
// to rule articles out before their lines are labelled:
// - labelled: two speakers with two turn lines each, so at least
//   kMinDialogueLines lines whose label MayBeSighting; or a generic asker
//   and answerer ("问:", "答:") with kMinTurnLines lines between them;
// - unlabelled: at least kMinUnlabelledQuestions lines that
//   MayBeUnlabelledQuestion.
inline constexpr int kMinTurnLines = 2;
inline constexpr int kMinDialogueLines = 4;
inline constexpr int kMinUnlabelledQuestions = 3;

// The labelled half of that, counted over the keys of the lines that may be
// sightings: an upper bound of what discovery makes turns of (it drops
// bylines, rejected shapes and one-line voices), so "cannot" is exact.
class SightingTally {
 public:
  // A line not yet labelled whose label may have any of `keys`: counted
  // (true) when one of them MayBeSpeakerKey.
  bool AddLine(const std::vector<std::string>& keys);
  // A labelled line: counted when its label MayBeSighting.
  void AddLabel(const LineLabel& label);
  bool MayMakeDialogue() const {
    return lines_ >= kMinDialogueLines || (asker_ && answerer_ && lines_ >= kMinTurnLines);
  }

 private:
  void NoteGenericWords(const std::string& key);

  int lines_ = 0;
  bool asker_ = false, answerer_ = false;  // a generic asker's or answerer's key
};

// Whether the labelled line can be one of a discovered speaker's turn lines:
// discovery looks at its label (a candidate on a line of text, or a heading
// that is a label alone), and the label's key is not shaped like something
// other than a speaker whatever its other sightings (a number, a sentence, a
// link, a reporting clause "他说", a discourse word "首先").
bool MayBeSighting(const LineLabel& label);
// The part of MayBeSighting that looks at the label's key alone.
bool MayBeSpeakerKey(const std::string& key);

// Whether the line can be one of the questions of an interview without
// labels: set off as a heading or a bold line and ending with a question
// mark, or opening with a dash run.
bool MayBeUnlabelledQuestion(std::string_view text, const Line& line);

// Whether DiscoverSpeakers reads the label of the line (or of the next
// content line after it) whatever its label says: lines set off as a
// heading or a bold line, or opening with a dash run. Other lines are read
// only when they have a label candidate, and through NextContent.
bool ReadsLineShape(std::string_view text, const Line& line);

// The index of the next line after `i` that is neither blank nor noise, or
// the number of lines: where discovery looks for the words after a label
// alone on its line, or after an unlabelled question.
std::size_t NextContent(const LabelledText& labelled, std::size_t i);

// Finds speakers in `labelled` (labelled with rules that have no speakers of
// their own). `text` is Source::text. Decides only: `labelled` is left as
// it is (src/extract applies the decisions).
Discovery DiscoverSpeakers(std::string_view text, const LabelledText& labelled);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_DISCOVER_DISCOVERY_H_
