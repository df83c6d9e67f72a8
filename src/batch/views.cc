#include "batch/views.h"

#include <algorithm>
#include <map>

#include "emit/json_sink.h"
#include "qaextract/roles.h"

namespace qaextract {
namespace internal {
namespace {

void Begin(JsonSink* sink, const std::string& id, const std::string& doc_id, const Passthrough& pass) {
  sink->BeginMap();
  sink->Key("id");
  sink->String(id);
  if (!doc_id.empty()) {
    sink->Key("doc_id");
    sink->String(doc_id);
  }
  // The input record's other fields, under a key of their own: they can
  // never collide with the view's keys, and every record has the object.
  sink->Key("input_fields");
  sink->BeginMap();
  for (const auto& [key, json] : pass) {
    sink->Key(key);
    sink->Raw(json);
  }
  sink->EndMap();
}

void End(JsonSink* sink, std::string* out) {
  sink->EndMap();
  *out += '\n';
}

// "section": the index into the document's sections (as in the documents
// view) or null; "section_title": its title (or number) or null.
void SectionFields(JsonSink* sink, const Document& doc, const std::optional<int>& section) {
  const bool known = section && *section < static_cast<int>(doc.sections.size());
  sink->Key("section");
  if (known) sink->Int(*section);
  else sink->Null();
  sink->Key("section_title");
  if (known) {
    const Section& s = doc.sections[static_cast<std::size_t>(*section)];
    sink->String(s.title.value_or(s.number.value_or("")));
  } else {
    sink->Null();
  }
}

std::map<std::string, const Speaker*> SpeakersById(const Document& doc) {
  std::map<std::string, const Speaker*> by_id;
  for (const Speaker& s : doc.speakers) by_id[s.id] = &s;
  return by_id;
}

int Turns(const Document& doc, const std::string& id, const Passthrough& pass, const std::string& role,
          bool check_utf8, std::string* out) {
  const auto speakers = SpeakersById(doc);
  int n = 0;
  JsonSink sink(false, out, check_utf8);  // one for every record: each closes what it opens
  std::string record_id;
  for (const Turn& t : doc.turns) {
    const Speaker* s = speakers.at(t.speaker);
    if (!role.empty() && s->role != role) continue;
    record_id.assign(id).append("#").append(std::to_string(t.index));
    Begin(&sink, record_id, id, pass);
    sink.Key("index");
    sink.Int(t.index);
    sink.Key("speaker");
    sink.BeginMap();
    sink.Key("id");
    sink.String(s->id);
    sink.Key("name");
    sink.String(s->name);
    sink.Key("role");
    sink.String(s->role);
    sink.EndMap();
    SectionFields(&sink, doc, t.section);
    sink.Key("timestamp");
    if (t.timestamp) sink.String(*t.timestamp);
    else sink.Null();
    sink.Key("text");
    sink.String(t.text);
    sink.Key("line_start");
    sink.Int(t.line_start);
    sink.Key("line_end");
    sink.Int(t.line_end);
    End(&sink, out);
    ++n;
  }
  return n;
}

int QaPairs(const Document& doc, const std::string& id, const Passthrough& pass, bool check_utf8, std::string* out) {
  const auto speakers = SpeakersById(doc);
  const Field* title = FindField(doc.metadata, "title");
  int n = 0;
  for (std::size_t i = 0; i < doc.turns.size(); ++i) {
    const Turn& q = doc.turns[i];
    if (!IsAskerRole(speakers.at(q.speaker)->role)) continue;
    std::vector<const Turn*> answer;
    for (std::size_t j = i + 1; j < doc.turns.size() && !IsAskerRole(speakers.at(doc.turns[j].speaker)->role); ++j)
      answer.push_back(&doc.turns[j]);
    if (answer.empty()) continue;
    JsonSink sink(false, out, check_utf8);
    Begin(&sink, id + "#q" + std::to_string(n), id, pass);  // id and index agree
    sink.Key("index");
    sink.Int(n);
    sink.Key("title");
    if (title) sink.String(title->values.front());
    else sink.Null();
    SectionFields(&sink, doc, q.section);
    sink.Key("question");
    sink.BeginMap();
    sink.Key("turn");
    sink.Int(q.index);
    sink.Key("speaker");
    sink.String(q.speaker);
    sink.Key("text");
    sink.String(q.text);
    sink.EndMap();
    sink.Key("answer");
    sink.BeginMap();
    sink.Key("turns");
    sink.BeginList();
    for (const Turn* a : answer) sink.Int(a->index);
    sink.EndList();
    sink.Key("speakers");  // each once, in order of first answer
    sink.BeginList();
    std::vector<std::string> listed;
    for (const Turn* a : answer) {
      if (std::find(listed.begin(), listed.end(), a->speaker) != listed.end()) continue;
      listed.push_back(a->speaker);
      sink.String(a->speaker);
    }
    sink.EndList();
    std::string text;
    for (const Turn* a : answer) text += (text.empty() ? "" : "\n") + a->text;
    sink.Key("text");
    sink.String(text);
    sink.EndMap();
    End(&sink, out);
    ++n;
  }
  return n;
}

// Consecutive turns on one side are one message: chat formats alternate.
// The chat message role of a speaker with role `speaker_role` (ChatOptions).
std::string ChatRole(const ChatOptions& chat, const std::string& speaker_role) {
  if (auto it = chat.roles.find(speaker_role); it != chat.roles.end()) return it->second;
  return IsAskerRole(speaker_role) ? "user" : "assistant";
}

// A conversation starts with the asking side: chat templates want `user`
// first. Turns before the first `user` message (an answer-side opening, a
// clip) are left out and counted in "turns_left_out"; an article with no
// `user` message has no conversation (0 records: a skip record).
int Chat(const Document& doc, const std::string& id, const Passthrough& pass, const ChatOptions& chat,
         bool check_utf8, std::string* out) {
  const auto speakers = SpeakersById(doc);
  std::vector<std::pair<std::string, std::string>> messages;
  if (!chat.system.empty()) messages.emplace_back("system", chat.system);
  int left_out = 0;
  bool asked = false;
  for (const Turn& t : doc.turns) {
    const std::string role = ChatRole(chat, speakers.at(t.speaker)->role);
    if (role.empty()) continue;  // this speaker's turns are left out
    if (role == "user") asked = true;
    if (!asked && role != "system") {
      ++left_out;
      continue;
    }
    if (!messages.empty() && messages.back().first == role) messages.back().second += "\n\n" + t.text;
    else messages.emplace_back(role, t.text);
  }
  if (!asked) return 0;
  JsonSink sink(false, out, check_utf8);
  Begin(&sink, id, "", pass);
  sink.Key("messages");
  sink.BeginList();
  for (const auto& [role, content] : messages) {
    sink.BeginMap();
    sink.Key("role");
    sink.String(role);
    sink.Key("content");
    sink.String(content);
    sink.EndMap();
  }
  sink.EndList();
  sink.Key("turns_left_out");
  sink.Int(left_out);
  End(&sink, out);
  return 1;
}

}  // namespace

bool IsAskerRole(const std::string& role) { return SideOfRole(role) == RoleSide::kAsks; }

namespace {

int Render(const Document& doc, const ViewOptions& options, const std::string& id, const Passthrough& pass,
           bool check_utf8, std::string* out) {
  switch (options.view) {
    case View::kDocuments: {
      JsonSink sink(false, out, check_utf8);
      Begin(&sink, id, "", pass);
      WalkDocumentFields(doc, &sink, WalkOptions{/*paragraphs=*/false});
      End(&sink, out);
      return 1;
    }
    case View::kTurns:
      return Turns(doc, id, pass, options.role, check_utf8, out);
    case View::kQaPairs:
      return QaPairs(doc, id, pass, check_utf8, out);
    case View::kChat:
      return Chat(doc, id, pass, options.chat, check_utf8, out);
  }
  return 0;
}

}  // namespace
}  // namespace internal

// Text cut from valid UTF-8 at code point boundaries is valid, so the
// records are written without checking each string, and checked once as a
// whole (one long validation instead of thousands of short ones); only when
// that fails (input with invalid bytes) are they written again string by
// string, with U+FFFD for the bad sequences.
int RenderView(const Document& doc, const ViewOptions& options, const std::string& id,
               const InputFields& pass, std::string* out) {
  using internal::IsValidUtf8;
  using internal::Render;
  const std::size_t start = out->size();
  // The records are about as long as the article (its text, and names and
  // numbers around it): room for that at once, rather than growing by
  // doubling through the article.
  out->reserve(start + doc.source.bytes + doc.source.bytes / 4 + 4096);
  const int n = Render(doc, options, id, pass, false, out);
  if (IsValidUtf8(std::string_view(*out).substr(start))) return n;
  out->resize(start);
  return Render(doc, options, id, pass, true, out);
}

}  // namespace qaextract
