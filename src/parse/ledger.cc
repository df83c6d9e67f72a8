#include "parse/ledger.h"

#include <algorithm>

#include <map>

#include "emit/json_sink.h"
#include "text/fold.h"

namespace qaextract::internal {
namespace {

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
    const LineLabel& label = trace.labelled.labels[i];
    if (!label.candidate || trace.fates[i].what == "turn" || trace.fates[i].what == "metadata") continue;
    NearMiss& m = misses[label.candidate->key];
    if (m.lines.empty()) {
      const ByteSpan& span = label.candidate->label;
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

}  // namespace

Ledger BuildLedger(const Source& source, const Document& doc, const Trace& trace) {
  Ledger ledger;
  bool trailer_seen = false;
  for (std::size_t i = 0; i < trace.fates.size(); ++i) {
    const Line& line = trace.labelled.lines[i];
    const LineFate& fate = trace.fates[i];
    const LineLabel& label = trace.labelled.labels[i];
    LedgerRow r;
    r.line = line.number;
    r.what = fate.what;
    if (fate.turn >= 0) {
      r.turn = fate.turn;
      r.speaker = doc.turns[static_cast<std::size_t>(fate.turn)].speaker;
      r.detail = std::to_string(fate.turn);
      if (fate.what == "turn") r.detail += " " + r.speaker;
    }
    if (fate.section >= 0) r.detail = "section " + std::to_string(fate.section);
    if (fate.what == "metadata") {
      for (const auto& f : label.fields)
        r.detail += (r.detail.empty() ? "" : ",") + trace.rules.metadata[static_cast<std::size_t>(f.field)].key;
      if (label.rule == "front-matter") r.detail = "front matter";
    }
    if (label.kind == LineKind::kBodyStart && fate.what == "preamble") r.detail = "the body follows";
    if (fate.what == "trailer" && !trailer_seen) r.detail = "the trailer starts";
    trailer_seen = trailer_seen || fate.what == "trailer";
    r.rule = fate.rule;
    if (auto it = trace.rules.rule_locations.find(r.rule); it != trace.rules.rule_locations.end())
      r.location = it->second.ToString();
    if (fate.what != "noise")
      for (const Cut& c : label.cuts) r.cuts.push_back(c.rule);
    r.text = source.text.substr(line.begin, line.end - line.begin);
    ledger.rows.push_back(std::move(r));
  }
  ledger.near_misses = NearMisses(source, trace);
  return ledger;
}

std::string LedgerJson(const Document& doc, const Ledger& ledger, bool pretty) {
  std::string out;
  JsonSink sink(pretty, &out);
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
  for (const LedgerRow& r : ledger.rows) {
    sink.BeginMap();
    sink.Key("line");
    sink.Int(r.line);
    sink.Key("what");
    sink.String(r.what);
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
  for (const NearMiss& m : ledger.near_misses) {
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

}  // namespace qaextract::internal
