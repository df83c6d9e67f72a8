// The assembler is a state machine over labelled lines with three regions:
//
//   preamble  lines before the body: metadata, the title, lead text;
//   body      sections, turns (a turn start and the text lines after it are
//             one turn, one paragraph per line) and passages (text in the
//             body outside any turn);
//   trailer   lines from the end boundary on: metadata, footers.
//
// Regions are decided first (FindRegions), from the whole label sequence:
// the body starts after an explicit boundary line, or else at the first turn
// start or section heading; the trailer starts at the first end boundary
// after the last turn start (else the first in the body), pulled back over a
// lead-in line ("你们用起来了吗?") directly before it. Then one pass walks the lines, one handler per kind.
#include "parse/assembler.h"

#include "parse/markup.h"
#include "parse/timestamp.h"
#include "text/decode.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>

namespace qaextract::internal {
namespace {

struct Regions {
  std::size_t body_begin = 0;  // first line of the body
  std::size_t body_end = 0;    // first line of the trailer
};

// Text of `span` with the line's cuts taken out, trimmed of spaces that the
// cuts leave at either end.
std::string CleanText(std::string_view text, ByteSpan span, const std::vector<Cut>& cuts) {
  std::string out;
  std::size_t pos = span.begin;
  for (const Cut& c : cuts) {
    if (c.span.end <= pos || c.span.begin >= span.end) continue;
    if (c.span.begin > pos) out.append(text.substr(pos, c.span.begin - pos));
    pos = std::max(pos, c.span.end);
  }
  if (pos < span.end) out.append(text.substr(pos, span.end - pos));
  const auto not_space = [](char c) { return c != ' ' && c != '\t'; };
  auto first = std::find_if(out.begin(), out.end(), not_space);
  auto last = std::find_if(out.rbegin(), out.rend(), not_space).base();
  return first < last ? std::string(first, last) : std::string();
}

// A line that is only a link: a bare URL (in angle brackets or not), a
// markdown link, or a link definition "[1]: https://…", after a list
// bullet. Lists of these after the dialogue are references, not words.
bool IsLinkOnly(std::string_view line) {
  const auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
    return v;
  };
  std::string_view v = trim(line);
  if (v.size() >= 2 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && v[1] == ' ') v = trim(v.substr(2));
  const auto is_url = [](std::string_view u) {
    return (u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0) && u.find(' ') == std::string_view::npos;
  };
  if (!v.empty() && v.front() == '<' && v.back() == '>') return is_url(v.substr(1, v.size() - 2));
  if (is_url(v)) return true;
  if (v.empty() || v.front() != '[') return false;
  const std::size_t close = v.find("](");
  if (close != std::string_view::npos && v.back() == ')') return is_url(v.substr(close + 2, v.size() - close - 3));
  const std::size_t def = v.find("]:");
  return def != std::string_view::npos && is_url(trim(v.substr(def + 2)));
}

// A transcriber's line rather than speech: a whole line in brackets or
// parentheses ("(Exit music)", "[outro music]", "【完】"), a bare time stamp,
// or an editor's note ("Note: ...", "_Editor's note: ..._").
bool IsStageLine(std::string_view line) {
  std::u32string v = DecodeUtf8(line);
  const auto is_space = [](char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0; };
  while (!v.empty() && is_space(v.front())) v.erase(v.begin());
  while (!v.empty() && is_space(v.back())) v.pop_back();
  if (v.size() < 2) return false;
  static const std::u32string kOpen = U"([（【［〔", kClose = U")]）】］〕";
  const std::size_t open = kOpen.find(v.front());
  if (open != std::u32string::npos && v.back() == kClose[open] &&
      v.find_first_of(kClose, 1) == v.size() - 1)
    return true;
  if (IsTimestamp(line)) return true;
  std::string lower;
  for (char c : line) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const std::size_t at = lower.find_first_not_of("*_ \t");
  if (at == std::string::npos) return false;
  for (const char* lead : {"note:", "editor's note:", "editor’s note:", "editors' note:", "editor note:"})
    if (lower.compare(at, std::strlen(lead), lead) == 0) return true;
  return false;
}

// The time stamp of a marker: at its start ("[00:12:31] Alice:",
// "0:00:14.2 **Name**") or at its end ("Name: (02:18)"); nullopt without one.
std::optional<std::string> TimestampOfMarker(std::string_view marker) {
  if (const std::size_t n = LeadingTimestamp(marker); n > 0) return TimestampValue(marker.substr(0, n));
  std::string_view rest = marker;
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '*' || rest.back() == '_')) rest.remove_suffix(1);
  for (std::size_t p = rest.size(); p-- > 0;) {
    const char c = rest[p];
    if (c != '(' && c != '[' && !(c >= '0' && c <= '9' && (p == 0 || rest[p - 1] == ' '))) continue;
    if (LeadingTimestamp(rest.substr(p)) == rest.size() - p) return TimestampValue(rest.substr(p));
  }
  return std::nullopt;
}

bool EndsWithSentencePunctuation(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  for (const std::string_view p : {".", "!", "?", ":", "\u3002", "\uff01", "\uff1f", "\uff1a", "\u2026", "\"", "\u201d", "\u300d"})
    if (line.size() >= p.size() && line.compare(line.size() - p.size(), p.size(), p) == 0) return true;
  return false;
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const std::string& p : paragraphs) {
    if (!text.empty()) text += '\n';
    text += p;
  }
  return text;
}

class Assembler {
 public:
  Assembler(const CompiledRules& rules, std::string_view text, const std::vector<Line>& lines,
            const std::vector<LineLabel>& labels, Document* doc, std::vector<LineFate>* fates)
      : rules_(rules), text_(text), lines_(lines), labels_(labels), doc_(doc), fates_(fates) {}

  void Run();

 private:
  Regions FindRegions() const;
  // Index of the next line after i that is neither blank nor noise, or size().
  std::size_t NextContent(std::size_t i) const;
  std::size_t PrevContent(std::size_t i) const;
  bool StartsUnnumberedHeading(std::size_t i) const;
  std::size_t LinkListTail(std::size_t last_turn) const;
  std::size_t StageTail(std::size_t last_turn) const;
  std::vector<bool> FindLegend(const Regions& regions) const;

  void RecordRemovals(std::size_t i);
  void OnPreambleLine(std::size_t i);
  void OnBodyLine(std::size_t i);
  void OnTrailerLine(std::size_t i);
  bool CaptureFields(std::size_t i);
  bool TryTitle(std::size_t i);

  void StartTurn(std::size_t i);
  void AddLegend(std::size_t i);
  void StartSection(std::size_t i, std::optional<std::string> number,
                    std::optional<std::string> title);
  void AddBodyText(std::size_t i, ByteSpan span);
  void CloseTurn();
  void ClosePassage();
  void AddToBlock(std::optional<Block>* block, std::size_t i);
  std::string TextOf(std::size_t i, ByteSpan span) const {
    return CleanText(text_, span, labels_[i].cuts);
  }
  // A paragraph of a turn or passage: the line's cuts and its markup (unless
  // the rules keep markup) taken out; the markup recorded in removed[].
  std::string WordsOf(std::size_t i, ByteSpan span);
  int SpeakerFor(std::size_t i);
  void Finish();
  // Records what line i became (when tracing).
  void Fate(std::size_t i, LineOutcome what, int turn = -1, int section = -1,
            const std::string& rule = "") {
    if (fates_) (*fates_)[i] = LineFate{what, rule.empty() ? labels_[i].rule : rule, turn, section};
  }

  const CompiledRules& rules_;
  std::string_view text_;
  const std::vector<Line>& lines_;
  const std::vector<LineLabel>& labels_;
  Document* doc_;
  std::vector<LineFate>* fates_;

  std::optional<Turn> turn_;
  std::optional<Passage> passage_;
  std::optional<int> section_;
  std::vector<bool> consumed_;  // lines already taken as a section title
  std::vector<bool> legend_;    // turn-start lines that say who a label stands for
  bool title_tried_ = false;
  std::map<std::string, int> speaker_index_;  // speaker id -> index in doc_->speakers
};

std::size_t Assembler::NextContent(std::size_t i) const {
  for (++i; i < labels_.size(); ++i) {
    LineKind k = labels_[i].kind;
    if (k != LineKind::kBlank && k != LineKind::kNoise) return i;
  }
  return labels_.size();
}

std::size_t Assembler::PrevContent(std::size_t i) const {
  while (i-- > 0) {
    LineKind k = labels_[i].kind;
    if (k != LineKind::kBlank && k != LineKind::kNoise) return i;
  }
  return labels_.size();
}

bool Assembler::StartsUnnumberedHeading(std::size_t i) const {
  if (!rules_.headings.between_turns || !labels_[i].heading_shape) return false;
  std::size_t next = NextContent(i);
  return next < labels_.size() && labels_[next].kind == LineKind::kTurnStart;
}

// Where a closing list of links begins ("References", then URL lines, to
// the end of the article), or size(): scanning back from the end over
// link-only lines, blank and noise lines and short headings of such lists
// (no sentence punctuation at their end), at least two links, all after the
// last turn start. The last turn's own short last words end with
// punctuation and stop the scan.
std::size_t Assembler::LinkListTail(std::size_t last_turn) const {
  constexpr int kMaxListHeadingChars = 40;
  constexpr int kMinLinks = 2;
  const std::size_t n = labels_.size();
  std::size_t begin = n;
  int links = 0;
  for (std::size_t i = n; i-- > last_turn + 1;) {
    const LineLabel& label = labels_[i];
    if (label.kind == LineKind::kBlank || label.kind == LineKind::kNoise) continue;
    const std::string_view line = text_.substr(lines_[i].begin, lines_[i].end - lines_[i].begin);
    if (IsLinkOnly(line)) {
      ++links;
      begin = i;
      continue;
    }
    // An end boundary ("References") heads a list as well as any heading.
    const bool heading = label.kind == LineKind::kNumbered || label.kind == LineKind::kBodyEnd ||
                         (label.kind == LineKind::kText && label.chars <= kMaxListHeadingChars &&
                          !EndsWithSentencePunctuation(line));
    if (!heading || links == 0) break;
    begin = i;
  }
  return links >= kMinLinks ? begin : n;
}

// Where the closing transcriber's lines begin (see IsStageLine: "(Exit
// music)", "[00:15:22]", "Note: ..."), or size(): scanning back from the
// end over such lines and blank and noise lines, all after the last turn
// start. A turn whose words end before them does not take them; a turn
// with no other words keeps its first line ("Speaker 4:", then "(silence)").
std::size_t Assembler::StageTail(std::size_t last_turn) const {
  const std::size_t n = labels_.size();
  std::size_t begin = n;
  std::size_t first_kept = last_turn;  // lines up to this one stay the turn's
  if (last_turn < n && labels_[last_turn].text.begin == labels_[last_turn].text.end)
    first_kept = NextContent(last_turn);
  for (std::size_t i = n; i-- > first_kept + 1;) {
    const LineLabel& label = labels_[i];
    if (label.kind == LineKind::kBlank || label.kind == LineKind::kNoise) continue;
    if (label.kind != LineKind::kText && label.kind != LineKind::kBodyEnd) break;
    if (!IsStageLine(text_.substr(lines_[i].begin, lines_[i].end - lines_[i].begin))) break;
    begin = i;
  }
  return begin;
}

namespace {

// Whether `label` reads as a short form of `text`: its letters appear in
// `text` in order, ignoring case ("记" of "本报记者", "JR" of "Jane Roe").
bool AbbreviatesText(std::string_view label, std::string_view text) {
  const std::u32string l = DecodeUtf8(LowerCaseKey(FoldKey(label)));
  const std::u32string t = DecodeUtf8(LowerCaseKey(FoldKey(text)));
  if (l.empty()) return false;
  std::size_t at = 0;
  for (char32_t c : l) {
    at = t.find(c, at);
    if (at == std::u32string::npos) return false;
    ++at;
  }
  return true;
}

}  // namespace

// A legend: the first lines of the body, one after another with no blank
// line between and a blank line after, each a different speaker's label
// followed by who that is
// ("记：本报记者", "张：张三，某公司创始人", "JR: Jane Roe, reporter"): a
// short text with no sentence punctuation at its end that the label
// abbreviates. Each of those speakers must speak again later. The lines
// become speaker metadata ("legend"), not turns.
std::vector<bool> Assembler::FindLegend(const Regions& regions) const {
  constexpr int kMaxLegendChars = 40;
  const std::size_t n = labels_.size();
  std::vector<bool> legend(n, false);
  std::size_t i = regions.body_begin;
  while (i < regions.body_end && labels_[i].kind != LineKind::kTurnStart) {
    if (labels_[i].kind != LineKind::kBlank && labels_[i].kind != LineKind::kNoise) return legend;
    ++i;
  }
  std::vector<std::size_t> block;
  std::set<int> speakers;
  for (; i < regions.body_end && labels_[i].kind == LineKind::kTurnStart; ++i) {
    const LineLabel& label = labels_[i];
    const std::string_view text = text_.substr(label.text.begin, label.text.end - label.text.begin);
    const std::string_view name = text_.substr(label.candidate->label.begin,
                                               label.candidate->label.end - label.candidate->label.begin);
    // The words as they will be kept (noise cut): a legend needs some.
    if (text.empty() || TextOf(i, label.text).empty() || label.candidate->text_chars > kMaxLegendChars ||
        EndsWithSentencePunctuation(text) || !AbbreviatesText(name, text) || !speakers.insert(label.speaker).second)
      break;
    block.push_back(i);
  }
  // A block of its own: a blank line (or anything but a turn) follows it,
  // so the first short turns of a dialogue written line by line ("Q: Quick
  // question", "A: Absolutely") are not taken for one.
  if (block.empty() || (i < n && labels_[i].kind == LineKind::kTurnStart)) return legend;
  std::set<int> speak_later;
  for (std::size_t j = block.back() + 1; j < regions.body_end; ++j)
    if (labels_[j].kind == LineKind::kTurnStart) speak_later.insert(labels_[j].speaker);
  for (int s : speakers)
    if (!speak_later.count(s)) return legend;
  for (std::size_t j : block) legend[j] = true;
  return legend;
}

Regions Assembler::FindRegions() const {
  const std::size_t n = labels_.size();
  Regions r{n, n};
  for (std::size_t i = 0; i < n && r.body_begin == n; ++i) {
    if (labels_[i].kind == LineKind::kBodyStart) r.body_begin = i + 1;
  }
  for (std::size_t i = 0; i < n && r.body_begin == n; ++i) {
    LineKind k = labels_[i].kind;
    if (k == LineKind::kTurnStart || k == LineKind::kNumbered ||
        (k == LineKind::kText && StartsUnnumberedHeading(i)))
      r.body_begin = i;
  }
  const std::size_t from = r.body_begin == n ? 0 : r.body_begin;
  // The trailer starts at the first end boundary after the last turn start:
  // a footer-shaped line inside the dialogue ("编辑:" quoted in an answer)
  // does not end it. Without one, the first end boundary in the body.
  std::size_t last_turn = from;
  for (std::size_t i = from; i < n; ++i)
    if (labels_[i].kind == LineKind::kTurnStart) last_turn = i;
  for (std::size_t i = last_turn; i < n && r.body_end == n; ++i) {
    if (labels_[i].kind == LineKind::kBodyEnd) r.body_end = i;
  }
  for (std::size_t i = from; i < n && r.body_end == n; ++i) {
    if (labels_[i].kind == LineKind::kBodyEnd) r.body_end = i;
  }
  r.body_end = std::min({r.body_end, LinkListTail(last_turn), StageTail(last_turn)});
  if (r.body_end < n) {
    std::size_t prev = PrevContent(r.body_end);
    if (prev < n && prev >= r.body_begin && labels_[prev].kind == LineKind::kText &&
        MatchesTrailerLeadIn(rules_, text_, lines_[prev], labels_[prev]))
      r.body_end = prev;
  }
  if (r.body_begin > r.body_end) r.body_begin = r.body_end;
  return r;
}

void Assembler::RecordRemovals(std::size_t i) {
  const LineLabel& label = labels_[i];
  const Line& line = lines_[i];
  if (label.kind == LineKind::kNoise) {
    doc_->removed.push_back(Removed{"noise-line", line.number, line.begin, line.end,
                                    std::string(text_.substr(line.begin, line.end - line.begin)),
                                    label.rule});
    return;
  }
  for (const Cut& c : label.cuts) {
    doc_->removed.push_back(Removed{"inline", line.number, c.span.begin, c.span.end,
                                    std::string(text_.substr(c.span.begin, c.span.end - c.span.begin)),
                                    std::string(c.rule)});
  }
}

// Stores the line's metadata values. Returns false when a value could not be
// kept (a second, different value of a single-valued field): the line must
// then stay in the text, so that nothing is lost.
bool Assembler::CaptureFields(std::size_t i) {
  bool all_kept = true;
  for (const FieldHit& hit : labels_[i].fields) {
    const MetadataRule& m = rules_.metadata[static_cast<std::size_t>(hit.field)];
    std::string value = TextOf(i, hit.value);
    if (value.empty()) continue;
    const Field* existing = FindField(doc_->metadata, m.key);
    if (existing && !existing->is_list && existing->values.front() != value) {
      all_kept = false;
      continue;
    }
    AddField(&doc_->metadata, m.key, value, m.is_list);
  }
  return all_kept;
}

// The first text line of the preamble is the title when a `first_line`
// metadata field asks for it and the line has a title's shape: no longer
// than the field's max_chars (not the headings' limit: titles run longer),
// not ending like a sentence.
bool Assembler::TryTitle(std::size_t i) {
  if (title_tried_) return false;
  title_tried_ = true;
  const LineLabel& label = labels_[i];
  for (const MetadataRule& m : rules_.metadata) {
    if (!m.first_line || label.chars > m.max_chars || !label.heading_end) continue;
    if (FindField(doc_->metadata, m.key)) continue;
    AddField(&doc_->metadata, m.key, TextOf(i, label.text), m.is_list);
    return true;
  }
  return false;
}

void Assembler::AddToBlock(std::optional<Block>* block, std::size_t i) {
  // A heading or a turn start outside the body (rules whose end boundary
  // comes before them) is plain text there: its number or marker is part of
  // the text, not the separate field it would be in the body.
  const LineKind k = labels_[i].kind;
  const ByteSpan span = k == LineKind::kNumbered || k == LineKind::kTurnStart
                            ? ByteSpan{lines_[i].begin, lines_[i].end}
                            : labels_[i].text;
  std::string line = TextOf(i, span);
  if (line.empty()) return;
  if (!*block) *block = Block{"", lines_[i].number, lines_[i].number};
  Block& b = **block;
  if (!b.text.empty()) b.text += '\n';
  b.text += line;
  b.line_end = lines_[i].number;
}

void Assembler::OnPreambleLine(std::size_t i) {
  const LineLabel& label = labels_[i];
  const bool kept = CaptureFields(i);
  if (label.kind == LineKind::kMetadata && kept) return Fate(i, LineOutcome::kMetadata);
  if (label.kind == LineKind::kText && TryTitle(i)) return Fate(i, LineOutcome::kTitle, -1, -1, "metadata.title");
  Fate(i, LineOutcome::kPreamble);
  AddToBlock(&doc_->preamble, i);
}

void Assembler::OnTrailerLine(std::size_t i) {
  const bool kept = CaptureFields(i);
  if (labels_[i].kind == LineKind::kMetadata && kept) return Fate(i, LineOutcome::kMetadata);
  Fate(i, LineOutcome::kTrailer);
  AddToBlock(&doc_->trailer, i);
}

std::string Assembler::WordsOf(std::size_t i, ByteSpan span) {
  if (rules_.keep_markup) return TextOf(i, span);
  std::vector<Cut> markup = FindMarkup(text_, span);
  if (markup.empty()) return TextOf(i, span);
  const Line& line = lines_[i];
  for (const Cut& c : markup) {
    const char* kind = c.rule.rfind("editorial.", 0) == 0 ? "editorial" : "markup";
    doc_->removed.push_back(Removed{kind, line.number, c.span.begin, c.span.end,
                                    std::string(text_.substr(c.span.begin, c.span.end - c.span.begin)), std::string(c.rule)});
  }
  std::vector<Cut> cuts = labels_[i].cuts;
  cuts.insert(cuts.end(), markup.begin(), markup.end());
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.span.begin < b.span.begin; });
  return CleanText(text_, span, cuts);
}

int Assembler::SpeakerFor(std::size_t i) {
  const LineLabel& label = labels_[i];
  const SpeakerRule& rule = rules_.speakers[static_cast<std::size_t>(label.speaker)];
  std::string id = rule.id;
  std::string name = rule.name;
  std::string written = TextOf(i, label.candidate->label);
  if (rule.per_label) {
    std::string compact;
    for (char c : written)
      if (c != ' ') compact += c;
    id += ":" + compact;
    name = written;
  }
  auto [it, inserted] = speaker_index_.emplace(id, static_cast<int>(doc_->speakers.size()));
  if (inserted) doc_->speakers.push_back(Speaker{id, name, rule.role, {}, rule.metadata, 0});
  Speaker& s = doc_->speakers[static_cast<std::size_t>(it->second)];
  if (std::find(s.aliases.begin(), s.aliases.end(), written) == s.aliases.end())
    s.aliases.push_back(written);
  return it->second;
}

void Assembler::AddLegend(std::size_t i) {
  const LineLabel& label = labels_[i];
  Speaker& speaker = doc_->speakers[static_cast<std::size_t>(SpeakerFor(i))];
  AddField(&speaker.metadata, "legend", TextOf(i, label.text), false);
  Fate(i, LineOutcome::kMetadata, -1, -1, "legend");
}

void Assembler::StartTurn(std::size_t i) {
  CloseTurn();
  ClosePassage();
  const LineLabel& label = labels_[i];
  const Line& line = lines_[i];
  Speaker& speaker = doc_->speakers[static_cast<std::size_t>(SpeakerFor(i))];
  ++speaker.turn_count;
  Turn t;
  t.index = static_cast<int>(doc_->turns.size());
  t.speaker = speaker.id;
  t.marker = TextOf(i, label.candidate->marker);
  t.timestamp = TimestampOfMarker(t.marker);
  std::optional<std::string> descriptor;
  if (label.candidate->descriptor) descriptor = TextOf(i, *label.candidate->descriptor);
  if (descriptor && IsTimestamp(*descriptor)) {  // "主持人(12:05)：": a time, not a description
    if (!t.timestamp) t.timestamp = TimestampValue(*descriptor);
    descriptor.reset();
  }
  if (descriptor) {
    t.descriptor = std::move(descriptor);
    const Field* known = FindField(speaker.metadata, "descriptors");
    if (!known || std::find(known->values.begin(), known->values.end(), *t.descriptor) ==
                      known->values.end())
      AddField(&speaker.metadata, "descriptors", *t.descriptor, true);
  }
  t.section = section_;
  t.line_start = t.line_end = line.number;
  t.byte_start = label.candidate->marker.begin;
  t.byte_end = label.text.end > label.text.begin ? label.text.end : label.candidate->marker.end;
  if (std::string first = WordsOf(i, label.text); !first.empty()) t.paragraphs.push_back(first);
  if (!doc_->turns.empty() && doc_->turns.back().speaker == t.speaker) {
    doc_->warnings.push_back(Warning{
        "consecutive-turns", line.number,
        "two turns in a row by '" + t.speaker + "' (kept as separate turns)"});
  }
  turn_ = std::move(t);
}

void Assembler::StartSection(std::size_t i, std::optional<std::string> number,
                             std::optional<std::string> title) {
  CloseTurn();
  ClosePassage();
  Section s;
  s.index = static_cast<int>(doc_->sections.size());
  s.number = std::move(number);
  s.title = std::move(title);
  s.line = lines_[i].number;
  section_ = s.index;
  doc_->sections.push_back(std::move(s));
}

void Assembler::AddBodyText(std::size_t i, ByteSpan span) {
  std::string para = WordsOf(i, span);
  if (fates_ && (*fates_)[i].what == LineOutcome::kNone) Fate(i, turn_ ? LineOutcome::kContinuation : LineOutcome::kPassage, turn_ ? turn_->index : -1);
  if (para.empty()) return;
  const int number = lines_[i].number;
  if (turn_) {
    turn_->paragraphs.push_back(std::move(para));
    turn_->line_end = number;
    turn_->byte_end = span.end;
    return;
  }
  if (!passage_) passage_ = Passage{section_, "", {}, number, number};
  passage_->paragraphs.push_back(std::move(para));
  passage_->line_end = number;
}

void Assembler::CloseTurn() {
  if (!turn_) return;
  turn_->text = JoinParagraphs(turn_->paragraphs);
  doc_->turns.push_back(std::move(*turn_));
  turn_.reset();
}

void Assembler::ClosePassage() {
  if (!passage_) return;
  passage_->text = JoinParagraphs(passage_->paragraphs);
  doc_->passages.push_back(std::move(*passage_));
  passage_.reset();
}

void Assembler::OnBodyLine(std::size_t i) {
  const LineLabel& label = labels_[i];
  if (consumed_[i]) return;
  switch (label.kind) {
    case LineKind::kBlank:
    case LineKind::kNoise:
      return;
    case LineKind::kTurnStart:
      if (legend_[i]) {
        AddLegend(i);
        return;
      }
      StartTurn(i);
      Fate(i, LineOutcome::kTurn, turn_->index);
      return;
    case LineKind::kNumbered: {
      if (label.heading_after_text) AddBodyText(i, label.text);
      std::optional<std::string> title;
      if (label.title) {
        title = TextOf(i, *label.title);
      } else if (std::size_t next = NextContent(i); next < labels_.size() &&
                                                    labels_[next].kind == LineKind::kText &&
                                                    labels_[next].heading_shape &&
                                                    labels_[next].chars <= rules_.headings.title_max_chars) {
        title = TextOf(next, labels_[next].text);
        consumed_[next] = true;
        Fate(next, LineOutcome::kSectionTitle, -1, static_cast<int>(doc_->sections.size()), label.rule);
      }
      std::optional<std::string> number;
      if (label.number) number = TextOf(i, *label.number);
      StartSection(i, std::move(number), std::move(title));
      Fate(i, LineOutcome::kHeading, -1, *section_);
      return;
    }
    case LineKind::kText:
      if (StartsUnnumberedHeading(i)) {
        StartSection(i, std::nullopt, TextOf(i, label.text));
        Fate(i, LineOutcome::kHeading, -1, *section_, "sections.headings");
        return;
      }
      AddBodyText(i, label.text);
      return;
    case LineKind::kBodyStart:
    case LineKind::kBodyEnd:
    case LineKind::kMetadata:
      AddBodyText(i, label.text);
      return;
  }
}

void Assembler::Finish() {
  CloseTurn();
  ClosePassage();
  // Markup was recorded as each paragraph was taken: removed[] in text order.
  std::stable_sort(doc_->removed.begin(), doc_->removed.end(),
                   [](const Removed& a, const Removed& b) { return a.byte_start < b.byte_start; });
  if (doc_->turns.empty()) {
    doc_->warnings.push_back(
        Warning{"no-dialogue", 0, "no dialogue found: no line starts with a known speaker marker"});
  }
}

void Assembler::Run() {
  consumed_.assign(labels_.size(), false);
  const Regions regions = FindRegions();
  legend_ = FindLegend(regions);
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    RecordRemovals(i);
    const LineKind k = labels_[i].kind;
    if (k == LineKind::kNoise || k == LineKind::kBlank) {
      Fate(i, k == LineKind::kNoise ? LineOutcome::kNoise : LineOutcome::kBlank);
      continue;
    }
    if (i < regions.body_begin) {
      OnPreambleLine(i);
    } else if (i < regions.body_end) {
      OnBodyLine(i);
    } else {
      OnTrailerLine(i);
    }
  }
  Finish();
}

}  // namespace

void Assemble(const CompiledRules& rules, std::string_view text, const std::vector<Line>& lines,
              const std::vector<LineLabel>& labels, Document* doc, std::vector<LineFate>* fates) {
  if (fates) fates->assign(labels.size(), LineFate{});
  Assembler(rules, text, lines, labels, doc, fates).Run();
}

}  // namespace qaextract::internal
