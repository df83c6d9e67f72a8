#include "parse/ledger.h"

#include <algorithm>

#include "emit/json_sink.h"

namespace qaextract::internal {
namespace {

std::map<std::string, std::vector<int>> NearMisses(const Trace& trace) {
  std::map<std::string, std::vector<int>> misses;
  for (std::size_t i = 0; i < trace.fates.size(); ++i) {
    const LineLabel& label = trace.labelled.labels[i];
    if (label.candidate && trace.fates[i].what != "turn" && trace.fates[i].what != "metadata")
      misses[label.candidate->key].push_back(trace.labelled.lines[i].number);
  }
  return misses;
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
  ledger.near_misses = NearMisses(trace);
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
  for (const auto& [label, lines] : ledger.near_misses) {
    sink.BeginMap();
    sink.Key("label");
    sink.String(label);
    sink.Key("lines");
    sink.BeginList();
    for (int l : lines) sink.Int(l);
    sink.EndList();
    sink.EndMap();
  }
  sink.EndList();
  sink.EndMap();
  if (pretty) out += "\n";
  return out;
}

}  // namespace qaextract::internal
