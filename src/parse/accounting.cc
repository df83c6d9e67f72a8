#include "parse/accounting.h"

#include <algorithm>
#include <map>
#include <set>

#include "parse/front_matter.h"
#include "text/decode.h"
#include "text/fold.h"

namespace qaextract::internal {
namespace {

// Appends text[begin, end) without the characters that fold to white space
// or to nothing: the comparison ignores spacing (and zero-width characters),
// which output trims at the edges of its text.
void AppendCompact(std::string_view text, std::size_t begin, std::size_t end, std::string* out) {
  for (std::size_t i = begin; i < end;) {
    std::size_t n = 1;
    const char32_t cp = DecodeUtf8At(text, i, &n);
    if (!FoldsToSpaceOrNothing(cp)) out->append(text.substr(i, n));
    i += n;
  }
}

// The line's text with removed[] spans cut out, compacted.
std::string Compact(std::string_view text, std::size_t begin, std::size_t end,
                    const std::vector<const Removed*>& cuts) {
  std::vector<ByteSpan> kept{{begin, end}};
  std::vector<const Removed*> sorted = cuts;
  std::sort(sorted.begin(), sorted.end(),
            [](const Removed* a, const Removed* b) { return a->byte_start < b->byte_start; });
  for (const Removed* r : sorted) {
    ByteSpan& last = kept.back();
    if (r->byte_end <= last.begin || r->byte_start >= last.end) continue;
    const ByteSpan after{std::max<std::size_t>(r->byte_end, last.begin), last.end};
    last.end = std::max<std::size_t>(r->byte_start, last.begin);
    kept.push_back(after);
  }
  // The kept pieces are joined first, as the assembler joins them, and
  // compacted as one string: bytes of an invalid sequence on either side of
  // a cut meet in the document's text exactly as here ("\xE2\x80" + cut +
  // "\x80" is one code point in both).
  std::string joined;
  for (const ByteSpan& span : kept)
    if (span.begin < span.end) joined.append(text.substr(span.begin, span.end - span.begin));
  std::string out;
  AppendCompact(joined, 0, joined.size(), &out);
  return out;
}

std::string CompactString(const std::string& s) {
  std::string out;
  AppendCompact(s, 0, s.size(), &out);
  return out;
}

// Lines of a block's text, compacted.
std::multiset<std::string> BlockLines(const std::optional<Block>& block) {
  std::multiset<std::string> lines;
  if (!block) return lines;
  std::size_t start = 0;
  while (start <= block->text.size()) {
    std::size_t end = block->text.find('\n', start);
    if (end == std::string::npos) end = block->text.size();
    lines.insert(CompactString(block->text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::vector<std::string> CheckAccounting(const Source& source, const Document& doc, const Trace& trace) {
  std::vector<std::string> problems;
  std::map<int, std::vector<const Removed*>> removed_by_line;
  for (const Removed& r : doc.removed) removed_by_line[r.line].push_back(&r);
  const auto preamble = BlockLines(doc.preamble);
  const auto trailer = BlockLines(doc.trailer);
  std::string all_paragraphs;  // every turn and passage paragraph, compacted, one per line
  for (const Turn& t : doc.turns)
    for (const std::string& p : t.paragraphs) all_paragraphs += CompactString(p) + "\n";
  for (const Passage& p : doc.passages)
    for (const std::string& q : p.paragraphs) all_paragraphs += CompactString(q) + "\n";
  std::string metadata;
  for (const Field& f : doc.metadata)
    for (const std::string& v : f.values) metadata += CompactString(v) + "\n";
  for (const Speaker& sp : doc.speakers)  // a legend line's text is its speaker's metadata
    for (const Field& f : sp.metadata)
      for (const std::string& v : f.values) metadata += CompactString(v) + "\n";

  for (std::size_t i = 0; i < trace.fates.size(); ++i) {
    const Line& line = trace.labelled.lines[i];
    const LineFate& fate = trace.fates[i];
    const auto& cuts = removed_by_line[line.number];
    const std::string text = Compact(source.text, line.begin, line.end, cuts);
    const auto fail = [&](const std::string& why) {
      problems.push_back("line " + std::to_string(line.number) + " (" + LineOutcomeName(fate.what) + "): " + why);
    };
    if (fate.what == LineOutcome::kNone) {
      fail("no fate recorded");
    } else if (fate.what == LineOutcome::kBlank) {
      if (!text.empty()) fail("blank, but has text");
    } else if (fate.what == LineOutcome::kNoise) {
      const bool whole = std::any_of(cuts.begin(), cuts.end(), [&](const Removed* r) {
        return r->kind == "noise-line" && r->byte_start == line.begin && r->byte_end == line.end;
      });
      if (!whole) fail("noise, but not in removed[] as a whole line");
    } else if (fate.what == LineOutcome::kTurn) {
      const Turn& t = doc.turns[static_cast<std::size_t>(fate.turn)];
      const std::string first = t.paragraphs.empty() ? "" : CompactString(t.paragraphs.front());
      // A marker alone on its line ("梁文锋:") leaves the first paragraph to
      // the next line, which is checked as a continuation.
      const std::string marker = CompactString(t.marker);
      if (text != marker + first && text != marker)
        fail("marker and first paragraph differ from the line");
    } else if (fate.what == LineOutcome::kContinuation || fate.what == LineOutcome::kPassage) {
      if (!text.empty() && all_paragraphs.find(text + "\n") == std::string::npos)
        fail("text is in no paragraph");
    } else if (fate.what == LineOutcome::kPreamble) {
      if (!text.empty() && !preamble.count(text)) fail("text is not a preamble line");
    } else if (fate.what == LineOutcome::kTrailer) {
      if (!text.empty() && !trailer.count(text)) fail("text is not a trailer line");
    } else if (fate.what == LineOutcome::kTitle) {
      if (metadata.find(text + "\n") == std::string::npos) fail("title is not in metadata");
    } else if (fate.what == LineOutcome::kMetadata) {
      // A metadata line is only dropped from the text when a value from it
      // is kept (front matter is kept by yaml-cpp as keys and values).
      bool kept = fate.rule == kFrontMatterRule;
      std::size_t start = 0;
      while (!kept && start < metadata.size()) {
        const std::size_t end = metadata.find('\n', start);
        const std::string value = metadata.substr(start, end - start);
        kept = !value.empty() && text.find(value) != std::string::npos;
        start = end + 1;
      }
      if (!kept) fail("a metadata line whose value is not in metadata");
    } else if (fate.what == LineOutcome::kHeading || fate.what == LineOutcome::kSectionTitle) {
      const Section& s = doc.sections[static_cast<std::size_t>(fate.section)];
      const std::string number = CompactString(s.number.value_or(""));
      const std::string title = CompactString(s.title.value_or(""));
      const bool found = (!number.empty() && text.find(number) != std::string::npos) ||
                         (!title.empty() && text.find(title) != std::string::npos);
      if (!found) fail("text is not its section's number or title");
    } else {
      fail("unknown fate");
    }
  }
  return problems;
}

}  // namespace qaextract::internal
