// Explain (qaextract/explain.h): the trace the extractor recorded, line by
// line, with the deciding rule and where it is written; then the near
// misses. Nothing is decided again here.
#include "qaextract/explain.h"

#include <algorithm>
#include <map>

#include "emit/json_sink.h"
#include "extract/traced.h"
#include "parse/accounting.h"
#include "parse/front_matter.h"
#include "text/fold.h"

namespace qaextract {
namespace {

using namespace internal;  // the trace: labels, fates, compiled rules

// A label that the rules' case-sensitive literal markers would take but for
// case. (Spacing cannot be the difference: keys ignore white space.)
std::string CaseHint(const CompiledRules& rules, const std::string& key) {
  const std::string lower = LowerCaseKey(key);
  for (const auto& [marker_key, speaker_rule] : rules.literal_markers) {
    if (marker_key == key || LowerCaseKey(marker_key) != lower) continue;
    const SpeakerRule& speaker = rules.speakers[static_cast<std::size_t>(speaker_rule.first)];
    return "differs only in case from marker '" + marker_key + "' of speaker " + speaker.id + " (" +
           speaker_rule.second + "), which is case-sensitive: drop case: sensitive, or add this spelling";
  }
  return "";
}

std::vector<NearMiss> NearMisses(const Source& source, const Trace& trace) {
  std::map<std::string, NearMiss> misses;
  for (std::size_t i = 0; i < trace.fates.size(); ++i) {
    const internal::LineLabel& label = trace.labelled.labels[i];
    if (!label.candidate || trace.fates[i].what == LineOutcome::kTurn || trace.fates[i].what == LineOutcome::kMetadata) continue;
    NearMiss& m = misses[label.candidate->key];
    if (m.lines.empty()) {
      const internal::ByteSpan& span = label.candidate->label;
      m.key = label.candidate->key;
      m.written = std::string(source.text.substr(span.begin, span.end - span.begin));
      m.hint = CaseHint(trace.rules, m.key);
    }
    m.lines.push_back(trace.labelled.lines[i].number);
  }
  std::vector<NearMiss> out;
  for (auto& [key, m] : misses) out.push_back(std::move(m));
  return out;
}

void ExplainLines(const Source& source, const Document& doc, const Trace& trace, Explanation* out) {
  bool trailer_seen = false;
  for (std::size_t i = 0; i < trace.fates.size(); ++i) {
    const internal::Line& line = trace.labelled.lines[i];
    const internal::LineFate& fate = trace.fates[i];
    const internal::LineLabel& label = trace.labelled.labels[i];
    ExplainedLine r;
    r.line = line.number;
    r.outcome = fate.what;
    if (fate.turn >= 0) {
      r.turn = fate.turn;
      r.speaker = doc.turns[static_cast<std::size_t>(fate.turn)].speaker;
      r.detail = std::to_string(fate.turn);
      if (fate.what == LineOutcome::kTurn) r.detail += " " + r.speaker;
    }
    if (fate.section >= 0) r.detail = "section " + std::to_string(fate.section);
    if (fate.what == LineOutcome::kMetadata) {
      for (const auto& f : label.fields)
        r.detail += (r.detail.empty() ? "" : ",") + trace.rules.metadata[static_cast<std::size_t>(f.field)].key;
      if (label.rule == kFrontMatterRule) r.detail = "front matter";
    }
    if (label.kind == internal::LineKind::kBodyStart && fate.what == LineOutcome::kPreamble) r.detail = "the body follows";
    if (fate.what == LineOutcome::kTrailer && !trailer_seen) r.detail = "the trailer starts";
    trailer_seen = trailer_seen || fate.what == LineOutcome::kTrailer;
    r.rule = fate.rule;
    if (auto it = trace.rules.rule_locations.find(r.rule); it != trace.rules.rule_locations.end())
      r.location = it->second.ToString();
    if (fate.what != LineOutcome::kNoise)
      for (const internal::Cut& c : label.cuts) r.cuts.emplace_back(c.rule);
    r.text = source.text.substr(line.begin, line.end - line.begin);
    out->lines.push_back(std::move(r));
  }
  out->near_misses = NearMisses(source, trace);
}

}  // namespace

const char* LineOutcomeName(LineOutcome outcome) {
  switch (outcome) {
    case LineOutcome::kNone: return "";
    case LineOutcome::kBlank: return "blank";
    case LineOutcome::kNoise: return "noise";
    case LineOutcome::kMetadata: return "metadata";
    case LineOutcome::kTitle: return "title";
    case LineOutcome::kPreamble: return "preamble";
    case LineOutcome::kHeading: return "heading";
    case LineOutcome::kSectionTitle: return "section-title";
    case LineOutcome::kTurn: return "turn";
    case LineOutcome::kContinuation: return "continuation";
    case LineOutcome::kPassage: return "passage";
    case LineOutcome::kTrailer: return "trailer";
  }
  return "";
}

Status Explain(const Source& source, const RuleChoice& rules, const ExtractOptions& options,
               Explanation* out) {
  auto trace = std::make_shared<Trace>();
  Explanation e;
  const Status s = rules.single()
                       ? internal::ExtractTraced(source, rules.set(), options, &e.document, trace.get())
                       : internal::ExtractWithLibraryTraced(source, rules.library(), options, &e.document, trace.get());
  if (!s.ok()) return s;
  ExplainLines(source, e.document, *trace, &e);
  e.trace = std::move(trace);
  *out = std::move(e);
  return Status::OK();
}

std::vector<std::string> Unaccounted(const Source& source, const Explanation& explanation) {
  return internal::CheckAccounting(source, explanation.document, *explanation.trace);
}

std::string ExplanationJson(const Explanation& explanation, bool pretty) {
  const Document& doc = explanation.document;
  std::string out;
  internal::JsonSink sink(pretty, &out);
  sink.BeginMap();
  sink.Key("rules");
  sink.BeginMap();
  sink.Key("name");
  sink.String(doc.rules.name);
  sink.Key("selected_by");
  sink.String(doc.rules.selected_by);
  sink.EndMap();
  sink.Key("lines");
  sink.BeginList();
  for (const ExplainedLine& r : explanation.lines) {
    sink.BeginMap();
    sink.Key("line");
    sink.Int(r.line);
    sink.Key("what");
    sink.String(LineOutcomeName(r.outcome));
    sink.Key("detail");
    sink.String(r.detail);
    sink.Key("turn");
    sink.Int(r.turn);
    sink.Key("speaker");
    sink.String(r.speaker);
    sink.Key("rule");
    sink.String(r.rule);
    sink.Key("rule_location");
    sink.String(r.location);
    sink.Key("cuts");
    sink.BeginList();
    for (const std::string& c : r.cuts) sink.String(c);
    sink.EndList();
    sink.Key("text");
    sink.String(r.text);
    sink.EndMap();
  }
  sink.EndList();
  sink.Key("near_misses");
  sink.BeginList();
  for (const NearMiss& m : explanation.near_misses) {
    sink.BeginMap();
    sink.Key("label");
    sink.String(m.written);
    sink.Key("key");
    sink.String(m.key);
    sink.Key("lines");
    sink.BeginList();
    for (int l : m.lines) sink.Int(l);
    sink.EndList();
    if (!m.hint.empty()) {
      sink.Key("hint");
      sink.String(m.hint);
    }
    sink.EndMap();
  }
  sink.EndList();
  sink.EndMap();
  if (pretty) out += "\n";
  return out;
}

}  // namespace qaextract
