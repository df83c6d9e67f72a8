#include "qaextract/discover.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "discover/discovery.h"
#include "parse/pipeline.h"
#include "text/fold.h"
#include "text/language.h"

namespace qaextract {
using namespace internal;  // the loader, parser and patterns this file drives
namespace {

// A line repeated this often in one file, or found in two files, is
// proposed as noise.
constexpr int kRepeatsInOneFile = 3;
constexpr std::size_t kMaxNoiseChars = 60;
// A shared line proposed for `match:` has at least this many characters
// (shorter ones are too likely on any page), and at most two are proposed.
constexpr std::size_t kMinMatchChars = 4;
constexpr std::size_t kMaxMatchLines = 2;

std::string SingleQuoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// `s` as an RE2 literal, escaping only regex syntax (RE2::QuoteMeta also
// escapes spaces, which reads badly in a rule file).
std::string QuoteLiteral(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Speakers of one file, merged into the source-wide list by label.
void AddSpeakers(const Discovery& d, std::vector<SourceSpeaker>* all,
                 std::map<std::string, std::size_t>* by_key, std::map<std::string, std::map<std::string, int>>* roles) {
  for (std::size_t i = 0; i < d.speakers.size(); ++i) {
    const SpeakerRule& rule = d.speakers[i];
    const DiscoveredSpeaker& ev = d.report.speakers[i];
    std::size_t index = all->size();
    for (const std::string& label : ev.labels) {
      auto it = by_key->find(FoldKey(label));
      if (it != by_key->end()) index = it->second;
    }
    if (index == all->size()) all->push_back(SourceSpeaker{rule.id, rule.name, rule.role, {}, 0, 0, "", {}});
    SourceSpeaker& s = (*all)[index];
    for (const std::string& label : ev.labels) {
      (*by_key)[FoldKey(label)] = index;
      if (std::find(s.labels.begin(), s.labels.end(), label) == s.labels.end()) s.labels.push_back(label);
    }
    if (ev.lines > s.lines / std::max(1, s.files)) s.evidence = ev.role_evidence;
    s.lines += ev.lines;
    ++s.files;
    ++(*roles)[s.id][rule.role];
    for (const std::string& m : ev.merged)
      if (std::find(s.merged.begin(), s.merged.end(), m) == s.merged.end()) s.merged.push_back(m);
  }
}

// Short non-turn lines that repeat within a file or across files.
void AddNoiseCounts(const Source& source, const LabelledText& labelled, const Discovery& d,
                    std::map<std::string, std::pair<int, std::set<std::size_t>>>* counts,
                    std::map<std::string, std::set<std::size_t>>* near_start, std::size_t file) {
  for (std::size_t i = 0; i < labelled.labels.size(); ++i) {
    const LineLabel& label = labelled.labels[i];
    if (label.kind != LineKind::kText || d.turns.count(i)) continue;
    const Line& line = labelled.lines[i];
    FoldedLine folded;
    FoldLine(source.text, ByteSpan{line.begin, line.end}, {}, &folded);
    if (folded.view.empty() || CountCodePoints(folded.view) > kMaxNoiseChars) continue;
    auto& [count, files] = (*counts)[folded.view];
    ++count;
    files.insert(file);
    if (line.end <= kMatchPrefixBytes) (*near_start)[folded.view].insert(file);
  }
}

// Short lines right before a turn and after a turn's text: unnumbered headings.
int HeadingsBetweenTurns(const LabelledText& labelled, const Discovery& d) {
  int n = 0;
  bool in_turn = false;
  for (std::size_t i = 0; i < labelled.labels.size(); ++i) {
    const LineLabel& label = labelled.labels[i];
    if (label.kind == LineKind::kBlank || label.kind == LineKind::kNoise) continue;
    if (d.turns.count(i)) {
      in_turn = true;
      continue;
    }
    if (!in_turn || label.kind != LineKind::kText || !label.heading_shape) continue;
    std::size_t next = i + 1;
    while (next < labelled.labels.size() && (labelled.labels[next].kind == LineKind::kBlank ||
                                             labelled.labels[next].kind == LineKind::kNoise))
      ++next;
    n += d.turns.count(next) > 0;
  }
  return n;
}

}  // namespace

Status DiscoverSource(const std::vector<Source>& sources, const RuleSet& base,
                      const ExtractOptions& options, SourceDiscovery* out) {
  SourceDiscovery result;
  std::map<std::string, std::size_t> by_key;
  std::map<std::string, std::map<std::string, int>> roles;
  std::map<std::string, std::pair<int, std::set<std::size_t>>> lines;
  std::set<std::string> rejected;
  std::map<std::string, std::set<std::size_t>> near_start;
  for (std::size_t f = 0; f < sources.size(); ++f) {
    const Source& source = sources[f];
    LabelledText labelled;
    if (Status s = LabelLines(source, internal::CompiledOf(base), options, &labelled); !s.ok()) return s;
    const Discovery d = DiscoverSpeakers(source.text, labelled);
    result.files.push_back(source.path);
    AddSpeakers(d, &result.speakers, &by_key, &roles);
    AddNoiseCounts(source, labelled, d, &lines, &near_start, f);
    result.languages.push_back(GuessLanguage(source.text));
    result.headings_between_turns += HeadingsBetweenTurns(labelled, d);
    for (const std::string& r : d.report.rejected) rejected.insert(r);
  }
  for (SourceSpeaker& s : result.speakers) {  // the role most files gave
    const auto& r = roles[s.id];
    s.role = std::max_element(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  }
  std::stable_sort(result.speakers.begin(), result.speakers.end(),
                   [](const SourceSpeaker& a, const SourceSpeaker& b) { return a.lines > b.lines; });
  for (const auto& [line, count_files] : lines) {
    const auto& [count, files] = count_files;
    if (count >= kRepeatsInOneFile || files.size() >= 2)
      result.noise.push_back(NoiseProposal{line, "^" + QuoteLiteral(line) + "$", count, static_cast<int>(files.size())});
  }
  std::sort(result.noise.begin(), result.noise.end(),
            [](const NoiseProposal& a, const NoiseProposal& b) { return a.count > b.count; });
  result.rejected.assign(rejected.begin(), rejected.end());
  if (sources.size() >= 2) {
    for (const auto& [line, files] : near_start)
      if (files.size() == sources.size() && CountCodePoints(line) >= kMinMatchChars) result.shared_lines.push_back(line);
    std::stable_sort(result.shared_lines.begin(), result.shared_lines.end(),
                     [](const std::string& a, const std::string& b) { return CountCodePoints(a) > CountCodePoints(b); });
    if (result.shared_lines.size() > kMaxMatchLines) result.shared_lines.resize(kMaxMatchLines);
  }
  *out = std::move(result);
  return Status::OK();
}

std::string DiscoveryReportText(const SourceDiscovery& d) {
  std::string out = "speakers in " + Plural(static_cast<int>(d.files.size()), "file") + ":\n";
  if (d.speakers.empty()) out += "  none: no alternating speaker labels found\n";
  for (const SourceSpeaker& s : d.speakers) {
    out += "  " + s.id + "  " + s.role + "  " + Plural(s.lines, "line") + " in " + Plural(s.files, "file") +
           "  labels:";
    for (const std::string& l : s.labels) out += " " + l;
    out += "\n    " + s.evidence + "\n";
    for (const std::string& m : s.merged) out += "    merged " + m + "\n";
  }
  if (!d.noise.empty()) {
    out += "noise candidates (repeated lines):\n";
    for (const NoiseProposal& n : d.noise)
      out += "  " + std::to_string(n.count) + "x in " + Plural(n.files, "file") + ": " + n.line + "\n";
  }
  if (d.headings_between_turns > 0)
    out += "headings: " + Plural(d.headings_between_turns, "short line") + " between turns\n";
  if (!d.rejected.empty()) {
    out += "labels not taken as speakers:\n";
    for (const std::string& r : d.rejected) out += "  " + r + "\n";
  }
  return out;
}

namespace {

// The base rule files for the articles' languages.
std::string BaseFor(const std::vector<std::string>& languages) {
  bool zh = false, en = false;
  for (const std::string& l : languages) {
    zh = zh || LanguageMatches(l, "zh");
    en = en || l == "en";
  }
  if (zh && en) return "[base-zh, base-en]";
  if (zh) return "[base-zh]";
  if (en) return "[base-en]";
  return "[base-web]";  // Japanese, Korean, too little text: the page debris only
}

}  // namespace

std::string RulesSchemaPath() {
  std::error_code ec;
  for (const char* path : {QAEXTRACT_INSTALLED_SCHEMA, QAEXTRACT_SOURCE_SCHEMA})
    if (std::filesystem::is_regular_file(path, ec)) return path;
  return "";
}

std::string StarterRulesYaml(const SourceDiscovery& d, const std::string& name,
                             const std::string& schema_path) {
  std::string y;
  if (!schema_path.empty()) y += "# yaml-language-server: $schema=" + schema_path + "\n#\n";
  y += "# Starter rules written by `qaextract discover` from:\n";
  for (const std::string& f : d.files) y += "#   " + f + "\n";
  y += "# Review every entry, then check the file with `qaextract rules lint` and\n";
  y += "# the result with `qaextract explain ARTICLE --rules THIS_FILE`.\n";
  y += "name: " + SingleQuoted(name) + "\n";
  y += "description: " + SingleQuoted("Starter rules for " + name + " (from qaextract discover)") + "\n";
  y += "extends: " + BaseFor(d.languages) + "\n";
  if (!d.shared_lines.empty()) {
    y += "# Chosen for an article (with --rules DIR, or once added to the built-in\n";
    y += "# rules) when it has one of these lines near its start, as all " + Plural(static_cast<int>(d.files.size()), "file") + " do:\n";
    y += "match: {any: [";
    for (std::size_t i = 0; i < d.shared_lines.size(); ++i)
      y += (i ? ", " : "") + SingleQuoted(QuoteLiteral(d.shared_lines[i]));
    y += "]}\n";
  } else {
    y += "# To have this file chosen by match: (with --rules DIR), give a line every\n";
    y += "# article of the source has near its start; run discover on two or more\n";
    y += "# articles of the source to have one proposed.\n";
    y += "# match: {any: ['A LINE EVERY ARTICLE OF THE SOURCE HAS']}\n";
  }
  // Speakers found without labels (an interview whose questions are
  // headings or bold lines) have no marker a rule file could name: they
  // are said in a comment, and zero-config extraction finds them again.
  bool any_labels = false;
  for (const SourceSpeaker& s : d.speakers) {
    if (!s.labels.empty()) {
      any_labels = true;
      continue;
    }
    y += "# " + s.id + ": " + s.evidence + " (no label to name as a marker; convert this source without --rules)\n";
  }
  if (any_labels) y += "\nspeakers:\n";
  for (const SourceSpeaker& s : d.speakers) {
    if (s.labels.empty()) continue;
    y += "  # " + Plural(s.lines, "line") + " in " + Plural(s.files, "file") + "; " + s.evidence + "\n";
    for (const std::string& m : s.merged) y += "  # merged " + m + "\n";
    y += "  - id: " + SingleQuoted(s.id) + "\n";
    y += "    name: " + SingleQuoted(s.name) + "\n";
    y += "    role: " + s.role + "\n";
    y += "    markers: [";
    for (std::size_t i = 0; i < s.labels.size(); ++i) y += (i ? ", " : "") + SingleQuoted(s.labels[i]);
    y += "]\n";
  }
  if (d.headings_between_turns > 0) {
    y += "\nsections:\n  headings:\n";
    y += "    # " + Plural(d.headings_between_turns, "short line") +
         " without sentence-final punctuation stand right before a turn\n";
    y += "    between_turns: true\n";
  }
  if (!d.noise.empty()) {
    y += "\nnoise:\n  lines:\n";
    for (const NoiseProposal& n : d.noise) {
      y += "    # " + std::to_string(n.count) + " times in " + Plural(n.files, "file") + "\n";
      y += "    - " + SingleQuoted(n.pattern) + "\n";
    }
  }
  return y;
}

}  // namespace qaextract
