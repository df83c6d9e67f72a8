// Line classification. Order of decisions for one line:
//   1. inline noise is found on the folded line and cut; a line with nothing
//      else left is noise;
//   2. the rest is folded again without the cuts, and every later rule sees
//      that clean view;
//   3. noise lines, then boundaries, then numbered headings, then turn
//      starts; metadata patterns are tried on every line that is not noise,
//      and a line with metadata and nothing else is kMetadata.
#include "parse/classifier.h"


#include "parse/timestamp.h"

#include <cstring>

#include <algorithm>
#include <bitset>

#include "match/pattern.h"
#include "text/decode.h"

namespace qaextract::internal {
namespace {

re2::StringPiece Piece(const std::string& s) { return re2::StringPiece(s.data(), s.size()); }

// The spans the cuts take out, for FoldLine.
std::vector<ByteSpan> SpansOf(const std::vector<Cut>& cuts) {
  std::vector<ByteSpan> spans;
  spans.reserve(cuts.size());
  for (const Cut& c : cuts) spans.push_back(c.span);
  return spans;
}

// Offset of `sub` (a piece of `whole`) in `whole`.
std::size_t OffsetIn(const std::string& whole, const re2::StringPiece& sub) {
  return static_cast<std::size_t>(sub.data() - whole.data());
}

// The original span of view bytes [a, b) with view spaces at either end left out.
ByteSpan TrimmedOriginal(const FoldedLine& f, std::size_t a, std::size_t b) {
  while (a < b && f.view[a] == ' ') ++a;
  while (b > a && f.view[b - 1] == ' ') --b;
  if (a == b) {
    std::size_t at = a < f.view.size() ? f.OriginalBegin(a) : f.base;
    return ByteSpan{at, at};
  }
  return f.ToOriginal(a, b);
}

char32_t LastCodePoint(const std::string& s) {
  std::size_t i = s.size();
  while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
  if (i == 0) return 0;
  std::size_t n = 0;
  return DecodeUtf8At(s, i - 1, &n);
}

}  // namespace

// A "label:" candidate with a letter in it: "0:00:14.2 **Name** words" has
// a colon, but "0" is the time stamp's, not a label.
bool HasLabelCandidate(const LineLabel& label) {
  if (!label.candidate) return false;
  for (const unsigned char c : label.candidate->key)
    if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  return false;
}

// "Name: (02:18)" with the words on the next line: the time stamp belongs
// to the marker, and the line has no words of its own. `after` is the
// folded text after the marker.
void TakeTimestampIntoMarker(std::string_view after, MarkerMatch* m) {
  if (m->text_chars == 0 || !IsTimestamp(after)) return;
  m->marker.end = m->text.end;
  m->text = ByteSpan{m->text.end, m->text.end};
  m->text_chars = 0;
}

bool MatchLabelCandidate(const CompiledRules& rules, re2::StringPiece input, re2::StringPiece groups[3]) {
  re2::StringPiece whole;
  if (!rules.label_candidate->Match(input, 0, input.size(), RE2::ANCHOR_START, &whole, 1)) return false;
  const auto within = [](const re2::StringPiece& group, int max_chars) {
    return group.data() == nullptr ||
           CountCodePoints(std::string_view(group.data(), group.size())) <= static_cast<std::size_t>(max_chars);
  };
  if (rules.label_groups->Match(whole, 0, whole.size(), RE2::ANCHOR_BOTH, groups, 3) &&
      within(groups[1], rules.max_label_chars) && within(groups[2], rules.max_descriptor_chars))
    return true;
  return rules.label_candidate->Match(input, 0, input.size(), RE2::ANCHOR_START, groups, 3);
}

namespace {

// Whether `label` holds a character that takes the label pattern past the
// plain shape: an ASCII digit (a time stamp), bracket, quote mark, asterisk,
// parenthesis or '#', or one of the label quotes (kLabelOpenQuotes,
// kLabelCloseQuotes, all three bytes long).
bool HoldsLabelSyntax(std::string_view label) {
  static const std::bitset<256> kSyntax = [] {
    std::bitset<256> b;
    for (unsigned char c : std::string_view("()*[]\"#0123456789")) b.set(c);
    b.set(0xE2);  // the lead bytes of the quotes, checked whole below
    b.set(0xE3);
    return b;
  }();
  for (std::size_t i = 0; i < label.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(label[i]);
    if (!kSyntax.test(c)) continue;
    if (c < 0x80) return true;
    const std::string_view three = label.substr(i, 3);
    for (std::string_view quotes : {kLabelOpenQuotes, kLabelCloseQuotes})
      for (std::size_t q = 0; q < quotes.size(); q += 3)
        if (three == quotes.substr(q, 3)) return true;
  }
  return false;
}

}  // namespace

PlainLabel MatchPlainLabel(std::string_view view, int max_label_chars, std::size_t* label_end,
                           std::size_t* marker_end) {
  const std::size_t colon = view.find(':');
  // The pattern's label is at least a character before a colon; nothing
  // before the first colon can open a label (a time stamp's colon is never
  // the first character).
  if (colon == std::string_view::npos || colon == 0) return PlainLabel::kNone;
  std::size_t end = colon;
  if (view[end - 1] == ' ') --end;  // " ?" before the colon
  if (end == 0) return PlainLabel::kAsk;
  const std::string_view label = view.substr(0, end);
  const bool syntax = HoldsLabelSyntax(label);
  // The length first: most lines with a colon far in are prose, and a code
  // point is at most four bytes.
  if (label.size() > 4 * static_cast<std::size_t>(max_label_chars) ||
      CountCodePoints(label) > static_cast<std::size_t>(max_label_chars)) {
    if (syntax) return PlainLabel::kAsk;
    // Without the syntax every part of the pattern but the label and the
    // spaces around it is absent, and the label is all the rest: too long
    // for the pattern too, even with its spaces left out.
    std::string_view trimmed = label;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    return CountCodePoints(trimmed) > static_cast<std::size_t>(max_label_chars) ? PlainLabel::kNone
                                                                                  : PlainLabel::kAsk;
  }
  if (syntax) return PlainLabel::kAsk;
  const std::string_view after = view.substr(colon + 1);
  if (after.substr(0, 2) == "**" || after.substr(0, 3) == " **") return PlainLabel::kAsk;
  *label_end = end;
  *marker_end = colon + 1;
  return PlainLabel::kFound;
}

void Classifier::ScanLine(const FoldedLine& folded) {
  const std::size_t sizes[] = {rules_.noise_inline.size(), rules_.noise_lines.size(),
                               rules_.body_starts_after.size(), rules_.body_ends_before.size(),
                               rules_.numbered.size(), rules_.metadata.size()};
  const char fill = rules_.line_sets.empty() ? 2 : 0;
  for (int g = 0; g < static_cast<int>(LineGroup::kCount); ++g) hits_[g].assign(sizes[g], fill);
  for (const CompiledRules::LineSet& line_set : rules_.line_sets) {
    if (line_set.filter && !line_set.filter->AnyPossible(folded.view)) continue;
    // Most lines match no pattern of a set: ask that first, without the
    // list of matches (RE2 allocates the list's bookkeeping, three blocks,
    // on every call that asks for it), and ask which only when one does.
    set_hits_.clear();
    RE2::Set::ErrorInfo error;
    bool any = line_set.set->Match(Piece(folded.view), nullptr, &error);
    if (any) any = line_set.set->Match(Piece(folded.view), &set_hits_, &error);
    if (!any) {
      // Out of DFA memory (a pattern set too large for the budget on this
      // line): the set cannot tell, so each of its patterns runs alone.
      if (error.kind != RE2::Set::kNoError)
        for (const auto& [group, index] : line_set.entries)
          hits_[static_cast<int>(group)][static_cast<std::size_t>(index)] = 2;
      continue;
    }
    for (int i : set_hits_) {
      const auto& [group, index] = line_set.entries[static_cast<std::size_t>(i)];
      hits_[static_cast<int>(group)][static_cast<std::size_t>(index)] = 1;
    }
  }
}

bool Classifier::Matches(LineGroup group, std::size_t index, const LazyRegex& re,
                         const FoldedLine& folded) const {
  // The pattern itself is asked (and a built-in one compiled) only when the
  // set could not answer for it.
  const char hit = hits_[static_cast<int>(group)][index];
  return hit == 1 || (hit == 2 && RE2::PartialMatch(Piece(folded.view), *re));
}

const Rule* Classifier::FirstMatch(LineGroup group, const std::vector<Rule>& rules,
                                   const FoldedLine& folded) const {
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (Matches(group, i, rules[i].re, folded)) return &rules[i];
  return nullptr;
}

namespace {

// The next non-empty match of `re` in the view at or after `pos`, as view
// bytes [*a, *b); false when there is none.
bool NextCut(const RE2& re, std::string_view view, std::size_t pos, std::size_t* a, std::size_t* b) {
  const re2::StringPiece input(view.data(), view.size());
  re2::StringPiece match;
  while (pos < view.size() && re.Match(input, pos, input.size(), RE2::UNANCHORED, &match, 1)) {
    *a = static_cast<std::size_t>(match.data() - view.data());
    *b = *a + match.size();
    if (*b > *a) return true;
    pos = *a + 1;  // an empty match cuts nothing; step over one byte
  }
  return false;
}

// Sorted by start, overlapping cuts (of two rules) merged.
std::vector<Cut> MergeCuts(std::vector<Cut> cuts) {
  std::sort(cuts.begin(), cuts.end(), [](const Cut& x, const Cut& y) { return x.span.begin < y.span.begin; });
  std::size_t kept = 0;  // merged in place
  for (const Cut& c : cuts) {
    if (kept > 0 && c.span.begin < cuts[kept - 1].span.end) {
      cuts[kept - 1].span.end = std::max(cuts[kept - 1].span.end, c.span.end);
    } else {
      cuts[kept++] = c;
    }
  }
  cuts.resize(kept);
  return cuts;
}

}  // namespace

std::vector<Cut> Classifier::FindInlineNoise(const FoldedLine& folded) const {
  std::vector<Cut> cuts;
  for (std::size_t ri = 0; ri < rules_.noise_inline.size(); ++ri) {
    const Rule& r = rules_.noise_inline[ri];
    if (hits_[static_cast<int>(LineGroup::kNoiseInline)][ri] == 0) continue;
    std::size_t a = 0, b = 0;
    for (std::size_t pos = 0; NextCut(*r.re, folded.view, pos, &a, &b); pos = b)
      cuts.push_back(Cut{folded.ToOriginal(a, b), r.id});
  }
  return MergeCuts(std::move(cuts));
}

std::vector<Classifier::ViewCut> Classifier::FindInlineNoiseReaching(std::string_view view, std::size_t window,
                                                                  std::size_t* reach) const {
  // Each rule's matches come in order, as FindInlineNoise finds them; they
  // are taken leftmost first across the rules, and each widens the reach by
  // what it cuts out, until the next starts beyond it.
  std::vector<ViewCut> next;
  for (std::size_t ri = 0; ri < rules_.noise_inline.size(); ++ri) {
    if (hits_[static_cast<int>(LineGroup::kNoiseInline)][ri] == 0) continue;
    ViewCut n{&rules_.noise_inline[ri], 0, 0};
    if (NextCut(*n.rule->re, view, 0, &n.a, &n.b)) next.push_back(n);
  }
  std::vector<ViewCut> cuts;
  *reach = window;
  while (!next.empty()) {
    auto first = std::min_element(next.begin(), next.end(), [](const ViewCut& x, const ViewCut& y) { return x.a < y.a; });
    if (first->a >= *reach) break;
    cuts.push_back(*first);
    *reach += first->b - first->a;
    if (!NextCut(*first->rule->re, view, first->b, &first->a, &first->b)) next.erase(first);
  }
  return cuts;
}

namespace {

// A label's lookup key: its folded text without spaces.
std::string CompactKey(const re2::StringPiece& s) {
  std::string key;
  for (char c : s)
    if (c != ' ') key += c;
  return key;
}

}  // namespace

bool Classifier::FindTurnLabel(std::string_view view, re2::StringPiece groups[3]) const {
  // The pattern is anchored and bounded, so a prefix of the line is enough,
  // and a line with no colon in that prefix has no label.
  const re2::StringPiece input(view.data(), view.size());
  const std::size_t reach = std::min(input.size(), rules_.label_candidate_max_bytes);
  if (std::memchr(input.data(), ':', reach) == nullptr) return false;
  std::size_t label_end = 0, marker_end = 0;
  switch (MatchPlainLabel(view.substr(0, reach), rules_.max_label_chars, &label_end, &marker_end)) {
    case PlainLabel::kFound:
      groups[0] = re2::StringPiece(input.data(), marker_end);
      groups[1] = re2::StringPiece(input.data(), label_end);
      groups[2] = re2::StringPiece();
      return true;
    case PlainLabel::kNone:
      return false;
    case PlainLabel::kAsk:
      break;
  }
  return MatchLabelCandidate(rules_, input.substr(0, reach), groups);
}

bool Classifier::MatchTurnStart(const FoldedLine& folded, LineLabel* label) const {
  re2::StringPiece groups[3];
  if (!FindTurnLabel(folded.view, groups)) return false;
  MarkerMatch m;
  m.key = CompactKey(groups[1]);
  const std::size_t end = groups[0].size();
  m.marker = folded.ToOriginal(0, end);
  const std::size_t la = OffsetIn(folded.view, groups[1]);
  m.label = TrimmedOriginal(folded, la, la + groups[1].size());
  if (groups[2].data() != nullptr) {
    const std::size_t da = OffsetIn(folded.view, groups[2]);
    m.descriptor = TrimmedOriginal(folded, da, da + groups[2].size());
    m.descriptor_key = CompactKey(groups[2]);
  }
  m.text = TrimmedOriginal(folded, end, folded.view.size());
  std::string_view after = std::string_view(folded.view).substr(end);
  if (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  m.text_chars = static_cast<int>(CountCodePoints(after));
  TakeTimestampIntoMarker(after, &m);
  return SetCandidate(std::move(m), label);
}

bool Classifier::SetCandidate(MarkerMatch m, LineLabel* label) const {
  label->candidate = std::make_unique<MarkerMatch>(std::move(m));
  const std::string* rule = nullptr;
  const int speaker = SpeakerOfKey(label->candidate->key, &rule);
  if (speaker < 0) return false;
  label->kind = LineKind::kTurnStart;
  label->rule = *rule;
  label->speaker = speaker;
  label->text = label->candidate->text;
  return true;
}

int Classifier::SpeakerOfKey(const std::string& key, const std::string** rule) const {
  if (auto it = rules_.literal_markers.find(key); it != rules_.literal_markers.end()) {
    *rule = &it->second.second;
    return it->second.first;
  }
  if (!rules_.literal_markers_any_case.empty()) {
    if (auto it = rules_.literal_markers_any_case.find(LowerCaseKey(key)); it != rules_.literal_markers_any_case.end()) {
      *rule = &it->second.second;
      return it->second.first;
    }
  }
  if (rules_.regex_markers) {
    std::vector<int>& hits = marker_hits_;
    hits.clear();
    if (rules_.regex_markers->Match(key, &hits) && !hits.empty()) {
      const auto& [index, id] = rules_.regex_marker_speakers[*std::min_element(hits.begin(), hits.end())];
      *rule = &id;
      return index;
    }
  }
  return -1;
}

// The longest label set off by emphasis or brackets, in code points.
constexpr std::size_t kMaxShapeLabel = 96;

bool Classifier::FindEmphasizedLabel(std::string_view view, re2::StringPiece* name, std::size_t* marker_end) const {
  // A fixed pattern (not a user's): time stamp, heading marks, emphasis,
  // the label (no colon, emphasis or heading marks in it), emphasis, words.
  // Only the marker is matched: a space or the line's end must follow it,
  // and the words are the rest of the line. The label's length (at most
  // kMaxShapeLabel code points) is checked after the match: a bounded
  // repetition of a UTF-8 class compiles to a program that took a tenth of
  // a `convert` to build.
  static const RE2 kShape(
      "^((?:[\\[(]?\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?[\\])]? )?(#{1,6} )?"
      "(?:(?:\\*\\*|__) ?([^*_:#]+?) ?(?:\\*\\*|__)|([^*_:#]+?)))(?: |$)");
  // A name in 【】 or 〔〕 brackets, its words after it with or without a
  // space ("【记者】今年…"), as a bold name.
  static const RE2 kBracketShape("^((?:\u3010|\u3014)([^*_:#\u3011\u3015]+?)(?:\u3011|\u3015))");
  const re2::StringPiece input(view.data(), view.size());
  if (view.substr(0, 3) == "\u3010" || view.substr(0, 3) == "\u3014") {
    re2::StringPiece g[3];
    if (!kBracketShape.Match(input, 0, view.size(), RE2::ANCHOR_START, g, 3)) return false;
    *name = g[2];
    *marker_end = g[1].size();
  } else {
    if (view.empty() || (view.front() != '*' && view.front() != '_' && view.front() != '#' &&
                         !(view.front() >= '0' && view.front() <= '9') && view.front() != '[' && view.front() != '('))
      return false;
    re2::StringPiece g[5];
    if (!kShape.Match(input, 0, view.size(), RE2::ANCHOR_START, g, 5)) return false;
    const bool heading = g[2].data() != nullptr, bold = g[3].data() != nullptr;
    const bool words = view.size() > g[1].size() + 1;  // a space, then at least a byte
    // A bold label may have words after it; a heading's label stands alone;
    // a plain label needs one or the other.
    if (!bold && (!heading || words)) return false;
    *name = bold ? g[3] : g[4];
    *marker_end = g[1].size();
  }
  const std::size_t name_chars = CountCodePoints(std::string_view(name->data(), name->size()));
  return name_chars <= kMaxShapeLabel && name_chars <= static_cast<std::size_t>(rules_.max_label_chars);
}

bool Classifier::MatchEmphasizedLabel(const FoldedLine& folded, LineLabel* label) const {
  const std::string& view = folded.view;
  re2::StringPiece name;
  std::size_t marker_end = 0;
  if (!FindEmphasizedLabel(view, &name, &marker_end)) return false;
  MarkerMatch m;
  m.key = CompactKey(name);
  if (m.key.empty()) return false;
  m.marker = folded.ToOriginal(0, marker_end);
  const std::size_t la = OffsetIn(folded.view, name);
  m.label = TrimmedOriginal(folded, la, la + name.size());
  m.text = TrimmedOriginal(folded, marker_end, view.size());
  std::string_view after = std::string_view(view).substr(marker_end);
  if (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  m.text_chars = static_cast<int>(CountCodePoints(after));
  return SetCandidate(std::move(m), label);
}

namespace {

// Sentence punctuation, colons (the colon shapes are elsewhere), digits
// and markup: a line whose first words hold one is prose, a list or a
// heading, not a name and a gap.
bool EndsSpacedName(char32_t c) {
  if (c < 0x80) {
    static const std::bitset<128> kAscii = [] {
      std::bitset<128> b;
      for (char ch : std::string_view(".,;:!?#*_[]()<>|0123456789\"")) b.set(static_cast<unsigned char>(ch));
      return b;
    }();
    return kAscii.test(c);
  }
  return std::u32string_view(U"\u3002\uff0c\uff1b\uff1a\uff01\uff1f").find(c) != std::u32string_view::npos;
}

// The length of the separator at `s[i]`: a tab, a no-break space or an
// ideographic space, or a run of three or more spaces (two are a common
// typo in prose), each with the spaces, tabs and no-break spaces after it;
// 0 for none.
std::size_t WideGapAt(std::string_view s, std::size_t i) {
  const auto one = [&](std::size_t j) -> std::size_t {
    if (j >= s.size()) return 0;
    if (s[j] == '\t' || s[j] == ' ') return 1;
    if (s.compare(j, 2, "\xC2\xA0") == 0) return 2;        // U+00A0
    if (s.compare(j, 3, "\xE3\x80\x80") == 0) return 3;    // U+3000
    return 0;
  };
  const std::size_t first = one(i);
  if (first == 0) return 0;
  const bool wide = s[i] != ' ' || (s.compare(i, 3, "   ") == 0);
  if (!wide) return 0;
  std::size_t j = i;
  while (std::size_t n = one(j)) j += n;
  return j - i;
}

}  // namespace

namespace {

// "Q. words" or "A. words".
bool IsQaDot(std::string_view v) {
  return v.size() >= 4 && (v[0] == 'Q' || v[0] == 'A') && v[1] == '.' && v[2] == ' ';
}

}  // namespace

bool Classifier::MatchQaDotLabel(const FoldedLine& folded, LineLabel* label) const {
  const std::string& v = folded.view;
  if (!IsQaDot(v)) return false;
  MarkerMatch m;
  m.key = std::string(1, v[0]);
  m.marker = folded.ToOriginal(0, 2);
  m.label = TrimmedOriginal(folded, 0, 1);
  m.text = TrimmedOriginal(folded, 2, v.size());
  m.text_chars = static_cast<int>(CountCodePoints(std::string_view(v).substr(3)));
  return SetCandidate(std::move(m), label);
}

bool Classifier::MatchSpacedLabel(const Line& line, LineLabel* label) const {
  const std::string_view s = text_.substr(line.begin, line.end - line.begin);
  if (s.empty() || WideGapAt(s, 0) > 0 || s[0] == ' ') return false;  // indented: code, tables
  std::size_t i = 0, gap = 0;
  int chars = 0;
  bool letter = false;
  while (i < s.size()) {
    if ((gap = WideGapAt(s, i)) > 0) break;
    std::size_t n = 1;
    const char32_t c = NextCodePoint(s, i, &n);
    if (EndsSpacedName(c)) return false;
    letter = letter || c > 0x7F || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (++chars > rules_.max_label_chars) return false;  // too long for a label: look no further
    i += n;
  }
  if (gap == 0 || !letter) return false;
  const std::string_view name = s.substr(0, i);
  if (name.back() == ' ') return false;
  const std::size_t text_at = i + gap;
  std::string_view words = s.substr(text_at);
  while (!words.empty() && (words.back() == ' ' || words.back() == '\r')) words.remove_suffix(1);
  if (words.empty()) return false;
  MarkerMatch m;
  m.key = FoldKey(name);
  if (m.key.empty()) return false;
  m.marker = ByteSpan{line.begin, line.begin + text_at};
  m.label = ByteSpan{line.begin, line.begin + i};
  m.text = ByteSpan{line.begin + text_at, line.begin + text_at + words.size()};
  m.text_chars = static_cast<int>(CountCodePoints(words));
  return SetCandidate(std::move(m), label);
}

std::size_t DefinitionColon(std::string_view line) {
  std::size_t colon = 0;
  if (line.compare(0, 1, ":") == 0) colon = 1;
  else if (line.compare(0, 3, "\xEF\xBC\x9A") == 0) colon = 3;  // "："
  if (colon == 0 || line.size() <= colon + 1 || (line[colon] != ' ' && line[colon] != '\t')) return 0;
  return colon;
}

void Classifier::MatchDefinitionLabels(const std::vector<Line>& lines, std::vector<LineLabel>* labels) const {
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view def = text_.substr(lines[i].begin, lines[i].end - lines[i].begin);
    const std::size_t colon = DefinitionColon(def);
    if (colon == 0) continue;
    LineLabel& words = (*labels)[i];
    LineLabel& term = (*labels)[i - 1];
    if (words.kind != LineKind::kText || term.kind != LineKind::kText || term.candidate) continue;
    const std::string_view name = text_.substr(term.text.begin, term.text.end - term.text.begin);
    if (name.empty() || term.chars > rules_.max_label_chars ||
        name.find_first_of(".,;:!?") != std::string_view::npos || !term.heading_end)
      continue;
    std::size_t cut_end = colon;
    while (cut_end < def.size() && (def[cut_end] == ' ' || def[cut_end] == '\t')) ++cut_end;
    const ByteSpan cut{lines[i].begin, lines[i].begin + cut_end};
    // Another cut there (a rule's inline noise) already decides those bytes.
    if (!words.cuts.empty() && words.cuts.front().span.begin < cut.end) continue;
    MarkerMatch m;
    m.key = FoldKey(name);
    if (m.key.empty()) continue;
    m.marker = ByteSpan{lines[i - 1].begin, lines[i - 1].end};
    m.label = term.text;
    m.text = ByteSpan{lines[i - 1].end, lines[i - 1].end};
    SetCandidate(std::move(m), &term);
    words.cuts.insert(words.cuts.begin(), Cut{cut, "definition-list"});
  }
}

bool Classifier::MatchNumbered(const FoldedLine& folded, LineLabel* label) const {
  for (std::size_t ri = 0; ri < rules_.numbered.size(); ++ri) {
    const Rule& r = rules_.numbered[ri];
    if (hits_[static_cast<int>(LineGroup::kNumbered)][ri] == 0) continue;
    const int n = r.re->NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(n));
    const re2::StringPiece input = Piece(folded.view);
    if (!r.re->Match(input, 0, input.size(), RE2::UNANCHORED, groups.data(), n)) continue;
    const auto span_of = [&](const re2::StringPiece& g) {
      const std::size_t a = OffsetIn(folded.view, g);
      return TrimmedOriginal(folded, a, a + g.size());
    };
    label->kind = LineKind::kNumbered;
    label->rule = r.id;
    if (int g = NamedGroup(*r.re, "number"); g > 0 && groups[static_cast<std::size_t>(g)].data())
      label->number = span_of(groups[static_cast<std::size_t>(g)]);
    if (int t = NamedGroup(*r.re, "title"); t > 0 && groups[static_cast<std::size_t>(t)].data())
      label->title = span_of(groups[static_cast<std::size_t>(t)]);
    const std::size_t start = OffsetIn(folded.view, groups[0]);
    label->heading_after_text = start > 0;
    label->text = TrimmedOriginal(folded, 0, start);
    return true;
  }
  return false;
}

void Classifier::FindFields(const FoldedLine& folded, LineLabel* label) const {
  for (std::size_t i = 0; i < rules_.metadata.size(); ++i) {
    const MetadataRule& m = rules_.metadata[i];
    if (!m.rule.re) continue;  // first_line fields are the assembler's
    if (hits_[static_cast<int>(LineGroup::kMetadata)][i] == 0) continue;
    const int n = m.value_group + 1;
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(n));
    const re2::StringPiece input = Piece(folded.view);
    if (!m.rule.re->Match(input, 0, input.size(), RE2::UNANCHORED, groups.data(), n)) continue;
    const re2::StringPiece& v = groups[static_cast<std::size_t>(m.value_group)];
    if (v.data() == nullptr || v.empty()) continue;
    const std::size_t a = OffsetIn(folded.view, v);
    label->fields.push_back(FieldHit{static_cast<int>(i), TrimmedOriginal(folded, a, a + v.size()),
                                     m.rule.id});
  }
}

void Classifier::NoteShape(const FoldedLine& folded, LineLabel* label) const {
  label->chars = static_cast<int>(CountCodePoints(folded.view));
  const HeadingShape& h = rules_.headings;
  label->heading_end = h.not_ending_with.find(LastCodePoint(folded.view)) == std::u32string::npos;
  label->heading_shape = label->chars <= h.max_chars && label->heading_end;
}

bool MatchesTrailerLeadIn(const CompiledRules& rules, std::string_view text, const Line& line,
                          const LineLabel& label) {
  if (rules.trailer_lead_in.empty()) return false;
  // The line as Classify read it: folded, its inline noise cut out.
  FoldedLine folded;
  FoldLine(text, ByteSpan{line.begin, line.end}, SpansOf(label.cuts), &folded);
  for (const Rule& r : rules.trailer_lead_in)
    if (RE2::PartialMatch(Piece(folded.view), *r.re)) return true;
  return false;
}

namespace {

// Three spaces in a row: a wide gap (MatchSpacedLabel).
bool HasThreeSpaces(std::string_view s) {
  const char* p = s.data();
  const char* const end = p + s.size();
  while (end - p >= 3 && (p = static_cast<const char*>(std::memchr(p, ' ', static_cast<std::size_t>(end - p) - 2)))) {
    if (p[1] == ' ' && p[2] == ' ') return true;
    p += p[1] == ' ' ? 2 : 1;
  }
  return false;
}

// The characters some label shape needs: in the folded line, ':' (a
// "label:" marker, time stamps), '*' and '_' (bold), '#' (headings), "【" and
// "〔" (bracketed names); in the line as written, the tab, no-break space and
// ideographic space of a wide gap (MatchSpacedLabel; its other gap, three
// spaces, is looked for apart). The letters and period of "Q. " and "A. ".
// Built on first use (a batch run's triage), not at every start-up.
const FoldPreimage& LabelCharacters() {
  static const FoldPreimage preimage({":", "*", "_", "#", "\u3010", "\u3014", "\t", "\u00A0", "\u3000"});
  return preimage;
}
// Those and the letters of "Q. " and "A. ", for one pass over most lines.
const FoldPreimage& LabelCharactersOrQaLetters() {
  static const FoldPreimage preimage({":", "*", "_", "#", "\u3010", "\u3014", "\t", "\u00A0", "\u3000", "Q", "A"});
  return preimage;
}
const FoldPreimage& Period() {
  static const FoldPreimage preimage({"."});
  return preimage;
}

}  // namespace

namespace {

// Whether `view` holds the byte `c` (memchr: a vector pass, where a loop
// over the view per character is several times slower).
bool HoldsByte(std::string_view view, char c) { return std::memchr(view.data(), c, view.size()) != nullptr; }

// Whether `view` holds the three-byte character `ch` (UTF-8), looked for by
// its last byte, a continuation byte most characters do not end with.
bool HoldsThreeByte(std::string_view view, std::string_view ch) {
  const char* p = view.data();
  const char* const end = p + view.size();
  while ((p = static_cast<const char*>(std::memchr(p, ch[2], static_cast<std::size_t>(end - p)))) != nullptr) {
    if (p - view.data() >= 2 && p[-2] == ch[0] && p[-1] == ch[1]) return true;
    ++p;
  }
  return false;
}

// MayCarryLabel from the line's fold: each label character but the white
// space ones holds in the view where its preimage holds in the line as
// written, and the view's held_spaces has those.
bool FoldMayCarryLabel(std::string_view view, std::uint8_t held_spaces, bool inline_noise) {
  if (held_spaces != 0) return true;  // a tab, a wide space, or three spaces
  for (char c : {':', '*', '_', '#'})
    if (HoldsByte(view, c)) return true;
  if (HoldsThreeByte(view, "\u3010") || HoldsThreeByte(view, "\u3014")) return true;
  if ((!HoldsByte(view, 'Q') && !HoldsByte(view, 'A')) || !HoldsByte(view, '.')) return false;
  if (inline_noise) return true;
  return view.size() >= 3 && (view[0] == 'Q' || view[0] == 'A') && view[1] == '.' && view[2] == ' ';
}

}  // namespace

bool Classifier::MayCarryLabel(const Line& line) {
  if (folds_ != nullptr)
    if (const auto folded = folds_->ViewOf(line))
      return FoldMayCarryLabel(folded->view, folded->held_spaces, !rules_.noise_inline.empty());
  const std::string_view raw = text_.substr(line.begin, line.end - line.begin);
  // One pass finds the first label character or Q/A letter; most lines have
  // neither, and a line whose first is a letter is searched on from there.
  const std::size_t first = LabelCharactersOrQaLetters().FirstIn(raw);
  if (first != std::string_view::npos && LabelCharacters().AnyIn(raw.substr(first))) return true;
  if (HasThreeSpaces(raw)) return true;
  if (first == std::string_view::npos || !Period().AnyIn(raw)) return false;
  // With inline noise cut out, the letter and the period may have been apart.
  if (!rules_.noise_inline.empty()) return true;
  scratch_.clear();
  FoldText(raw, &scratch_);
  const std::string_view v = scratch_;
  return v.size() >= 3 && (v[0] == 'Q' || v[0] == 'A') && v[1] == '.' && v[2] == ' ';
}

void Classifier::CandidateKeys(const Line& line, std::vector<std::string>* keys) {
  keys->clear();
  // The line's fold, read in place where the prefix folds hold it; its map
  // back to the line is only needed when inline noise is cut.
  std::string_view view;
  std::uint8_t held_spaces = 0;  // of the line as written, whatever is cut
  if (const auto in_place = folds_ != nullptr ? folds_->ViewOf(line) : std::nullopt) {
    view = in_place->view;
    held_spaces = in_place->held_spaces;
  } else {
    FoldUncut(line);
    view = folded_.view;
    held_spaces = folded_.held_spaces;
  }
  if (!view.empty() && !rules_.noise_inline.empty()) {
    // Only the inline patterns run, each alone (RE2 skips to a pattern's
    // first bytes with memchr, where the unanchored set reads every byte
    // through its DFA), and of those only the ones whose literals the line
    // holds (match/pattern_filter.h).
    std::vector<char>& hits = hits_[static_cast<int>(LineGroup::kNoiseInline)];
    if (const PatternFilter* filter = rules_.noise_inline_filter.get()) {
      hits.assign(rules_.noise_inline.size(), 0);
      filter->Possible(view, &possible_);
      for (int i : possible_) hits[static_cast<std::size_t>(i)] = 2;
    } else {
      hits.assign(rules_.noise_inline.size(), 2);
    }
    // Only a window at the start of the view with the cuts made decides
    // the keys (the reach of the marker pattern and of the emphasized
    // shapes, and a few bytes): the line is folded again with the cuts that
    // reach into it, and only as far as it reaches.
    std::size_t limit = 0;
    const std::vector<ViewCut> found = FindInlineNoiseReaching(view, rules_.label_candidate_max_bytes + 3, &limit);
    if (!found.empty()) {
      FoldUncut(line);  // the same view, with its map
      std::vector<Cut> cuts;
      for (const ViewCut& c : found) cuts.push_back(Cut{folded_.ToOriginal(c.a, c.b), c.rule->id});
      cuts = MergeCuts(std::move(cuts));
      // A join may merge the spaces on both sides of a cut: a byte per cut.
      std::size_t stop = limit + cuts.size() + 8;
      while (stop < folded_.view.size() && (static_cast<unsigned char>(folded_.view[stop]) & 0xC0) == 0x80) ++stop;
      const std::size_t end = stop < folded_.view.size() ? folded_.OriginalBegin(stop) : line.end;
      FoldLine(text_, ByteSpan{line.begin, end}, SpansOf(cuts), &folded_);
      folded_uncut_ = false;
      view = folded_.view;
    }
  }
  if (view.empty()) return;
  // The keys alone: a candidate's other parts (spans, the words' length, a
  // time stamp) do not change its key.
  if (re2::StringPiece groups[3]; FindTurnLabel(view, groups)) keys->push_back(CompactKey(groups[1]));
  re2::StringPiece name;
  std::size_t marker_end = 0;
  if (FindEmphasizedLabel(view, &name, &marker_end))
    if (std::string key = CompactKey(name); !key.empty()) keys->push_back(std::move(key));
  // A wide gap is a tab, a no-break or ideographic space, or three spaces.
  if (held_spaces != 0) {
    LineLabel probe;
    MatchSpacedLabel(line, &probe);
    if (probe.candidate) keys->push_back(probe.candidate->key);
  }
  if (IsQaDot(view)) keys->push_back(std::string(1, view[0]));
}

void Classifier::FoldUncut(const Line& line) {
  if (folded_uncut_ && folded_.base == line.begin && folded_end_ == line.end) return;
  if (folds_ == nullptr || !folds_->CopyTo(line, &folded_))
    FoldLine(text_, ByteSpan{line.begin, line.end}, {}, &folded_);
  folded_uncut_ = true;
  folded_end_ = line.end;
}

LineLabel Classifier::Classify(const Line& line) {
  LineLabel label;
  const ByteSpan whole{line.begin, line.end};
  FoldUncut(line);
  if (folded_.view.empty()) {  // nothing visible: no rule is asked (about half the lines of web text)
    label.kind = LineKind::kBlank;
    return label;
  }
  ScanLine(folded_);
  if (!rules_.noise_inline.empty()) {
    label.cuts = FindInlineNoise(folded_);
    if (!label.cuts.empty()) {
      FoldLine(text_, whole, SpansOf(label.cuts), &folded_);
      folded_uncut_ = false;
      ScanLine(folded_);  // later rules see the line without the cuts
      if (folded_.view.empty()) {
        label.kind = LineKind::kNoise;
        label.rule = label.cuts.front().rule;
        return label;
      }
    }
  }
  label.text = TrimmedOriginal(folded_, 0, folded_.view.size());
  if (const Rule* r = FirstMatch(LineGroup::kNoiseLines, rules_.noise_lines, folded_)) {
    label.kind = LineKind::kNoise;
    label.rule = r->id;
    return label;
  }
  FindFields(folded_, &label);
  if (const Rule* r = FirstMatch(LineGroup::kBodyStartsAfter, rules_.body_starts_after, folded_)) {
    label.kind = LineKind::kBodyStart;
    label.rule = r->id;
  } else if (const Rule* e = FirstMatch(LineGroup::kBodyEndsBefore, rules_.body_ends_before, folded_)) {
    label.kind = LineKind::kBodyEnd;
    label.rule = e->id;
  } else if (MatchNumbered(folded_, &label)) {
    // A heading may be a speaker's marker ("### 主持人："): a known speaker's
    // makes it a turn; otherwise it stays a heading, with its label kept as
    // a candidate for discovery.
    if (!MatchTurnStart(folded_, &label) && !HasLabelCandidate(label)) MatchEmphasizedLabel(folded_, &label);
  } else if (MatchTurnStart(folded_, &label)) {
    // kind, rule and spans are set
  } else if (!HasLabelCandidate(label) && MatchEmphasizedLabel(folded_, &label)) {
    // a known speaker's name set off by emphasis
  } else if (!HasLabelCandidate(label) && MatchSpacedLabel(line, &label)) {
    // a known speaker's name set off by a wide gap
  } else if (!HasLabelCandidate(label) && MatchQaDotLabel(folded_, &label)) {
    // "Q. words", "A. words"
  } else if (!label.fields.empty()) {
    label.kind = LineKind::kMetadata;
    label.rule = label.fields.front().rule;
  }
  if (label.kind == LineKind::kText) NoteShape(folded_, &label);
  return label;
}

}  // namespace qaextract::internal
