// Extract and ExtractWithLibrary: rule selection, discovery when no rule
// file fits, and the pipeline (label lines, build the document).
#include "qaextract/extractor.h"

#include "discover/discovery.h"
#include "parse/pipeline.h"

namespace qaextract {
namespace {

// Below this confidence a discovered dialogue gets a warning.
constexpr double kLowConfidence = 0.6;

// The rule set declares no speakers (the fallback, or a source file that only
// describes noise and metadata): find the speakers in the article itself.
Status ExtractByDiscovery(const Source& source, const RuleSet& fallback,
                          const std::string& selected_by, const ExtractOptions& options,
                          Document* document) {
  internal::LabelledText labelled;
  Status s = internal::LabelLines(source, fallback.compiled(), options, &labelled);
  if (!s.ok()) return s;
  internal::Discovery discovery = internal::DiscoverSpeakers(source.text, labelled);
  Document doc;
  if (discovery.report.dialogue) {
    const internal::CompiledRules rules =
        internal::ApplyDiscovery(fallback.compiled(), discovery, &labelled);
    internal::BuildDocument(source, rules, labelled, &doc);
    doc.rules.selected_by = "discovery";
    if (discovery.report.confidence < kLowConfidence) {
      doc.warnings.push_back(Warning{"low-confidence", 0,
                                     "speakers found by discovery on weak evidence: " +
                                         discovery.report.evidence});
    }
  } else {
    internal::BuildDocument(source, fallback.compiled(), labelled, &doc);
    doc.rules.selected_by = selected_by;
    if (discovery.weak_evidence) {
      doc.warnings.push_back(Warning{"weak-dialogue-evidence", 0, discovery.report.evidence});
    }
  }
  doc.discovery = std::move(discovery.report);
  *document = std::move(doc);
  return Status::OK();
}

}  // namespace

Status Extract(const Source& source, const RuleSet& rules, const ExtractOptions& options,
               Document* document) {
  internal::LabelledText labelled;
  Status s = internal::LabelLines(source, rules.compiled(), options, &labelled);
  if (!s.ok()) return s;
  internal::BuildDocument(source, rules.compiled(), labelled, document);
  return Status::OK();
}

Status ExtractWithLibrary(const Source& source, const RuleLibrary& library,
                          const ExtractOptions& options, Document* document) {
  std::string selected_by;
  const RuleSet& rules = library.Select(source, &selected_by);
  if (rules.compiled().speakers.empty())
    return ExtractByDiscovery(source, rules, selected_by, options, document);
  Status s = Extract(source, rules, options, document);
  if (s.ok()) document->rules.selected_by = selected_by;
  return s;
}

}  // namespace qaextract
