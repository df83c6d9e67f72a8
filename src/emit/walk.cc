#include "emit/tree_sink.h"

#include "text/decode.h"

namespace qaextract::internal {
namespace {

void StringOrNull(TreeSink* sink, const std::optional<std::string>& value) {
  if (value) sink->String(*value);
  else sink->Null();
}

void IntOrNull(TreeSink* sink, const std::optional<int>& value) {
  if (value) sink->Int(*value);
  else sink->Null();
}

void Strings(TreeSink* sink, const std::vector<std::string>& values) {
  sink->BeginList();
  for (const std::string& v : values) sink->String(v);
  sink->EndList();
}

void WriteFields(TreeSink* sink, const Fields& fields) {
  sink->BeginMap();
  for (const Field& f : fields) {
    sink->Key(f.key);
    if (f.is_list) Strings(sink, f.values);
    else sink->String(f.values.empty() ? "" : f.values.front());
  }
  sink->EndMap();
}

void WriteSource(TreeSink* sink, const SourceInfo& s) {
  sink->BeginMap();
  sink->Key("path");
  sink->String(s.path);
  sink->Key("bytes");
  sink->Int(static_cast<std::int64_t>(s.bytes));
  sink->Key("sha256");
  sink->String(s.sha256);
  sink->Key("encoding");
  sink->String(s.encoding);
  sink->EndMap();
}

void WriteRules(TreeSink* sink, const RulesInfo& r) {
  sink->BeginMap();
  sink->Key("name");
  sink->String(r.name);
  sink->Key("files");
  Strings(sink, r.files);
  sink->Key("sha256");
  sink->String(r.sha256);
  sink->Key("selected_by");
  sink->String(r.selected_by);
  sink->EndMap();
}

void WriteDiscovery(TreeSink* sink, const std::optional<DiscoveryReport>& d) {
  if (!d) {
    sink->Null();
    return;
  }
  sink->BeginMap();
  sink->Key("dialogue");
  sink->Bool(d->dialogue);
  sink->Key("confidence");
  sink->Number(d->confidence);
  sink->Key("evidence");
  sink->String(d->evidence);
  sink->Key("speakers");
  sink->BeginList();
  for (const DiscoveredSpeaker& s : d->speakers) {
    sink->BeginMap();
    sink->Key("speaker");
    sink->String(s.speaker);
    sink->Key("labels");
    Strings(sink, s.labels);
    sink->Key("lines");
    sink->Int(s.lines);
    sink->Key("role_evidence");
    sink->String(s.role_evidence);
    sink->Key("merged");
    Strings(sink, s.merged);
    sink->EndMap();
  }
  sink->EndList();
  sink->Key("rejected");
  Strings(sink, d->rejected);
  sink->EndMap();
}

void WriteSpeaker(TreeSink* sink, const Speaker& s) {
  sink->BeginMap();
  sink->Key("id");
  sink->String(s.id);
  sink->Key("name");
  sink->String(s.name);
  sink->Key("role");
  sink->String(s.role);
  sink->Key("aliases");
  Strings(sink, s.aliases);
  sink->Key("metadata");
  WriteFields(sink, s.metadata);
  sink->Key("turn_count");
  sink->Int(s.turn_count);
  sink->EndMap();
}

void WriteSection(TreeSink* sink, const Section& s) {
  sink->BeginMap();
  sink->Key("index");
  sink->Int(s.index);
  sink->Key("number");
  StringOrNull(sink, s.number);
  sink->Key("title");
  StringOrNull(sink, s.title);
  sink->Key("line");
  sink->Int(s.line);
  sink->EndMap();
}

void WriteBlock(TreeSink* sink, const std::optional<Block>& b) {
  if (!b) {
    sink->Null();
    return;
  }
  sink->BeginMap();
  sink->Key("text");
  sink->String(b->text);
  sink->Key("line_start");
  sink->Int(b->line_start);
  sink->Key("line_end");
  sink->Int(b->line_end);
  sink->EndMap();
}

void WriteTurn(TreeSink* sink, const Turn& t, bool paragraphs) {
  sink->BeginMap();
  sink->Key("index");
  sink->Int(t.index);
  sink->Key("speaker");
  sink->String(t.speaker);
  sink->Key("marker");
  sink->String(t.marker);
  sink->Key("descriptor");
  StringOrNull(sink, t.descriptor);
  sink->Key("timestamp");
  StringOrNull(sink, t.timestamp);
  sink->Key("section");
  IntOrNull(sink, t.section);
  sink->Key("text");
  sink->String(t.text);
  if (paragraphs) {
    sink->Key("paragraphs");
    Strings(sink, t.paragraphs);
  }
  sink->Key("line_start");
  sink->Int(t.line_start);
  sink->Key("line_end");
  sink->Int(t.line_end);
  sink->Key("byte_start");
  sink->Int(static_cast<std::int64_t>(t.byte_start));
  sink->Key("byte_end");
  sink->Int(static_cast<std::int64_t>(t.byte_end));
  sink->EndMap();
}

void WritePassage(TreeSink* sink, const Passage& p, bool paragraphs) {
  sink->BeginMap();
  sink->Key("section");
  IntOrNull(sink, p.section);
  sink->Key("text");
  sink->String(p.text);
  if (paragraphs) {
    sink->Key("paragraphs");
    Strings(sink, p.paragraphs);
  }
  sink->Key("line_start");
  sink->Int(p.line_start);
  sink->Key("line_end");
  sink->Int(p.line_end);
  sink->EndMap();
}

void WriteRemoved(TreeSink* sink, const Removed& r) {
  sink->BeginMap();
  sink->Key("kind");
  sink->String(r.kind);
  sink->Key("line");
  sink->Int(r.line);
  sink->Key("byte_start");
  sink->Int(static_cast<std::int64_t>(r.byte_start));
  sink->Key("byte_end");
  sink->Int(static_cast<std::int64_t>(r.byte_end));
  sink->Key("text");
  sink->String(r.text);
  sink->Key("rule");
  sink->String(r.rule);
  sink->EndMap();
}

void WriteWarning(TreeSink* sink, const Warning& w) {
  sink->BeginMap();
  sink->Key("code");
  sink->String(w.code);
  sink->Key("line");
  sink->Int(w.line);
  sink->Key("message");
  sink->String(w.message);
  sink->EndMap();
}

template <typename T, typename F>
void List(TreeSink* sink, const std::vector<T>& items, F write_one) {
  sink->BeginList();
  for (const T& item : items) write_one(sink, item);
  sink->EndList();
}

}  // namespace

void WalkDocument(const Document& doc, TreeSink* sink) {
  sink->BeginMap();
  WalkDocumentFields(doc, sink);
  sink->EndMap();
}

void WalkDocumentFields(const Document& doc, TreeSink* sink, const WalkOptions& options) {
  const bool paragraphs = options.paragraphs;
  sink->Key("schema_version");
  sink->String(doc.schema_version);
  sink->Key("source");
  WriteSource(sink, doc.source);
  sink->Key("rules");
  WriteRules(sink, doc.rules);
  sink->Key("discovery");
  WriteDiscovery(sink, doc.discovery);
  sink->Key("metadata");
  WriteFields(sink, doc.metadata);
  sink->Key("speakers");
  List(sink, doc.speakers, WriteSpeaker);
  sink->Key("sections");
  List(sink, doc.sections, WriteSection);
  sink->Key("preamble");
  WriteBlock(sink, doc.preamble);
  sink->Key("turns");
  List(sink, doc.turns, [paragraphs](TreeSink* k, const Turn& t) { WriteTurn(k, t, paragraphs); });
  sink->Key("passages");
  List(sink, doc.passages, [paragraphs](TreeSink* k, const Passage& p) { WritePassage(k, p, paragraphs); });
  sink->Key("trailer");
  WriteBlock(sink, doc.trailer);
  sink->Key("removed");
  List(sink, doc.removed, WriteRemoved);
  sink->Key("warnings");
  List(sink, doc.warnings, WriteWarning);
}

}  // namespace qaextract::internal
