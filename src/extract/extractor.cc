// Extract and ExtractWithLibrary: rule selection, discovery when the chosen
// rules declare no speakers, and the pipeline (label lines, build the
// document), optionally traced for `explain`.
#include "qaextract/extractor.h"

#include <algorithm>

#include "discover/discovery.h"
#include "extract/traced.h"
#include "extract/triage.h"
#include "parse/front_matter.h"

namespace qaextract {
namespace internal {
namespace {

// Below this confidence a discovered dialogue gets a warning.
constexpr double kLowConfidence = 0.6;

// ExtractOptions::dialogue_only: the document of an article without turns
// is not built, only named.
bool SkipBuilding(const ExtractOptions& options, const Trace* trace) { return options.dialogue_only && !trace; }

void NameOnly(const Source& source, const CompiledRules& rules, Document* doc) {
  *doc = Document{};
  doc->source = SourceInfo{source.path, source.bytes, source.sha256, source.encoding};
  doc->rules = RulesInfo{rules.name, rules.files, rules.sha256, "option"};
}

// Labels the lines, or with dialogue_only leaves them unlabelled when
// triage rules out every turn (returns false: the article is only named).
// `folds`: the folds of the first lines, when the rule-set choice made them.
bool LabelUnlessRuledOut(const Source& source, const CompiledRules& rules, std::vector<Line> lines,
                         const PrefixFolds* folds, const ExtractOptions& options, const Trace* trace,
                         LabelledText* labelled) {
  if (!SkipBuilding(options, trace)) {
    LabelSplitLines(source, rules, std::move(lines), labelled, folds);
    return true;
  }
  const std::size_t front_matter = FindFrontMatter(source.text, lines);
  Triage triage = TriageLines(source.text, std::move(lines), front_matter, rules, folds);
  if (!triage.may_hold_turns) return false;
  CompleteLabels(source.text, rules, &triage, folds);
  *labelled = std::move(triage.labelled);
  return true;
}

void Build(const Source& source, const CompiledRules& rules, LabelledText* labelled,
           Document* doc, Trace* trace) {
  BuildDocument(source, rules, *labelled, doc, trace ? &trace->fates : nullptr);
  if (trace) {
    trace->labelled = std::move(*labelled);
    trace->rules = rules;
  }
}

// Makes the lines discovery assigned turn starts of its speakers, as it
// decided (a line without a label gets the marker it chose), and returns
// `base` with those speakers.
CompiledRules ApplyDiscovery(const CompiledRules& base, const Discovery& discovery, LabelledText* labelled) {
  CompiledRules rules = base;
  rules.speakers = discovery.speakers;
  for (const auto& [line, speaker] : discovery.turns) {
    LineLabel& label = labelled->labels[line];
    if (!label.candidate) {
      const UnlabelledTurn& decided = discovery.unlabelled.at(line);
      MarkerMatch m;
      m.marker = decided.marker;
      const std::size_t start = labelled->lines[line].begin;
      m.label = ByteSpan{start, start};  // no label
      m.text = decided.text;
      label.candidate = std::make_unique<MarkerMatch>(std::move(m));
    }
    label.kind = LineKind::kTurnStart;
    label.speaker = speaker;
    label.rule = "discovery:" + discovery.speakers[static_cast<std::size_t>(speaker)].id;
    label.text = label.candidate->text;
  }
  return rules;
}

// The rule set declares no speakers (the fallback, or a source file that only
// describes noise and metadata): find the speakers in the article itself.
Status ExtractByDiscovery(const Source& source, const RuleSet& base, std::vector<Line> lines,
                          const PrefixFolds& folds, const std::string& selected_by,
                          const ExtractOptions& options, Document* document, Trace* trace) {
  // dialogue_only, no turns: the document is only named.
  const auto name_only = [&] {
    NameOnly(source, internal::CompiledOf(base), document);
    document->rules.selected_by = selected_by;
    return Status::OK();
  };
  LabelledText labelled;
  if (!LabelUnlessRuledOut(source, internal::CompiledOf(base), std::move(lines), &folds, options, trace,
                           &labelled))
    return name_only();
  Discovery discovery = DiscoverSpeakers(source.text, labelled);
  Document doc;
  if (discovery.report.dialogue) {
    const CompiledRules rules = ApplyDiscovery(internal::CompiledOf(base), discovery, &labelled);
    Build(source, rules, &labelled, &doc, trace);
    doc.rules.selected_by = "discovery";
    if (discovery.report.confidence < kLowConfidence) {
      doc.warnings.push_back(Warning{"low-confidence", 0,
                                     "speakers found by discovery on weak evidence: " +
                                         discovery.report.evidence});
    }
  } else if (SkipBuilding(options, trace)) {
    return name_only();
  } else {
    Build(source, internal::CompiledOf(base), &labelled, &doc, trace);
    doc.rules.selected_by = selected_by;
    if (discovery.weak_evidence)
      doc.warnings.push_back(Warning{"weak-dialogue-evidence", 0, discovery.report.evidence});
  }
  doc.discovery = std::move(discovery.report);
  *document = std::move(doc);
  return Status::OK();
}

// Extraction with `rules` of the article split into `lines`.
Status ExtractLines(const Source& source, const RuleSet& rules, std::vector<Line> lines,
                    const PrefixFolds* folds, const ExtractOptions& options, Document* document,
                    Trace* trace) {
  LabelledText labelled;
  if (!LabelUnlessRuledOut(source, internal::CompiledOf(rules), std::move(lines), folds, options, trace,
                           &labelled)) {
    NameOnly(source, internal::CompiledOf(rules), document);
    return Status::OK();
  }
  const bool any_turn = std::any_of(labelled.labels.begin(), labelled.labels.end(),
                                    [](const LineLabel& l) { return l.kind == LineKind::kTurnStart; });
  if (!any_turn && SkipBuilding(options, trace)) {
    NameOnly(source, internal::CompiledOf(rules), document);
    return Status::OK();
  }
  Build(source, internal::CompiledOf(rules), &labelled, document, trace);
  return Status::OK();
}

}  // namespace

Status ExtractTraced(const Source& source, const RuleSet& rules, const ExtractOptions& options,
                     Document* document, Trace* trace) {
  std::vector<Line> lines;
  if (Status s = SplitCheckedLines(source, options, &lines); !s.ok()) return s;
  return ExtractLines(source, rules, std::move(lines), nullptr, options, document, trace);
}

Status ExtractWithLibraryTraced(const Source& source, const RuleLibrary& library,
                                const ExtractOptions& options, Document* document, Trace* trace) {
  std::vector<Line> lines;
  if (Status s = SplitCheckedLines(source, options, &lines); !s.ok()) return s;
  // The first lines are folded once: for the rule-set choice, and then for
  // classification.
  const PrefixFolds folds(source.text, lines, kMatchPrefixBytes);
  std::string selected_by;
  const RuleSet& rules = SelectFolded(library, folds.joined(), &selected_by);
  if (internal::CompiledOf(rules).speakers.empty())
    return ExtractByDiscovery(source, rules, std::move(lines), folds, selected_by, options, document, trace);
  Status s = ExtractLines(source, rules, std::move(lines), &folds, options, document, trace);
  if (s.ok()) document->rules.selected_by = selected_by;
  return s;
}

}  // namespace internal

Status Extract(const Source& source, const RuleSet& rules, const ExtractOptions& options,
               Document* document) {
  return internal::ExtractTraced(source, rules, options, document, nullptr);
}

Status ExtractWithLibrary(const Source& source, const RuleLibrary& library,
                          const ExtractOptions& options, Document* document) {
  return internal::ExtractWithLibraryTraced(source, library, options, document, nullptr);
}

}  // namespace qaextract
