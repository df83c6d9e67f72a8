// Lint checks beyond loading. A rule file that loads can still hold patterns
// that never do anything: ones that match the empty string (every line), ones
// that need what the folded line never has (a line break, two spaces in a
// row, a space at either end), and markers a label can never be.
#include "qaextract/lint.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "match/pattern.h"
#include "rules/rule_model.h"
#include "text/decode.h"
#include "text/fold.h"

namespace qaextract {
using namespace internal;  // the loader, parser and patterns this file drives
namespace {

void Warn(std::vector<Diagnostic>* out, const PatternSpec& p, const char* code, const std::string& message) {
  out->push_back(Diagnostic{p.where, false, code, p.key_path + " " + message});
}

// Checks for patterns that are valid RE2 but cannot do their job.
void CheckPattern(const PatternSpec& p, std::vector<Diagnostic>* out) {
  const std::string& t = p.text;
  if (t.find('\n') != std::string::npos || t.find("\\n") != std::string::npos ||
      t.find("\\r") != std::string::npos) {
    Warn(out, p, "never-matches", "needs a line break, but patterns see one line at a time");
    return;
  }
  if (t.find("  ") != std::string::npos) {
    Warn(out, p, "never-matches", "has two spaces in a row; lines are matched with spaces folded to one");
    return;
  }
  if (t.rfind("^ ", 0) == 0 || (t.size() >= 2 && t.compare(t.size() - 2, 2, " $") == 0)) {
    Warn(out, p, "never-matches", "needs a space at the line's start or end; lines are matched trimmed");
    return;
  }
  RE2 re(FoldPattern(t), PatternOptions(8 << 20));
  if (re.ok() && RE2::PartialMatch("", re))
    Warn(out, p, "empty-match", "matches the empty string, so it matches every line");
}

void CheckMarker(const MarkerSpec& m, int max_label_chars, std::vector<Diagnostic>* out) {
  if (m.is_regex) {
    RE2 re(FoldPattern(m.pattern.text), PatternOptions(8 << 20));
    if (re.ok() && RE2::FullMatch("", re))
      Warn(out, m.pattern, "empty-match", "matches the empty label");
    return;
  }
  const std::string key = FoldKey(m.pattern.text);
  if (key.find_first_of(":()*\"[]") != std::string::npos) {
    Warn(out, m.pattern, "unmatchable-marker",
         "contains a colon, parenthesis, bracket or '*': write the label alone; the marker syntax adds "
         "quotes, bold, descriptor and colon");
  } else if (static_cast<int>(CountCodePoints(key)) > max_label_chars) {
    Warn(out, m.pattern, "unmatchable-marker",
         "is longer than marker_syntax.max_label_chars (" + std::to_string(max_label_chars) + ")");
  }
}

std::vector<Diagnostic> Warnings(const RuleSpec& spec, const std::string& path) {
  std::vector<Diagnostic> out;
  const auto own = [&](const PatternSpec& p) { return p.where.path == path; };
  for (const auto* list : {&spec.match_any, &spec.match_all, &spec.numbered, &spec.body_starts_after,
                           &spec.body_ends_before, &spec.trailer_lead_in, &spec.noise_lines,
                           &spec.noise_inline}) {
    for (const PatternSpec& p : *list)
      if (own(p)) CheckPattern(p, &out);
  }
  for (const MetadataSpec& m : spec.metadata)
    if (m.pattern && own(*m.pattern)) CheckPattern(*m.pattern, &out);
  const int max_label = spec.max_label_chars.value_or(24);
  for (const SpeakerSpec& s : spec.speakers)
    for (const MarkerSpec& m : s.markers)
      if (own(m.pattern)) CheckMarker(m, max_label, &out);
  return out;
}

// Line `line` of the file at `path`, or of `source` when it is given.
std::string SourceLine(const std::string& path, int line, std::string_view source) {
  std::string text(source);
  if (!source.empty()) {
  } else if (IsBuiltinFile(path)) {
    text = BuiltinRuleText(path.substr(sizeof kBuiltinFilePrefix - 1));
  } else if (!ReadRuleFile(path, &text).ok()) {
    return "";
  }
  std::size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  std::size_t end = text.find('\n', start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Spaces as wide as the first `chars` characters of `line` (wide CJK
// characters take two columns; tabs stay tabs).
std::string CaretPadding(const std::string& line, int chars) {
  std::string pad;
  std::size_t i = 0;
  for (int c = 0; c < chars && i < line.size(); ++c) {
    std::size_t n = 1;
    const char32_t cp = DecodeUtf8At(line, i, &n);
    i += n;
    if (cp == '\t') {
      pad += '\t';
      continue;
    }
    const int width = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
    pad += (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? "  " : " ";
  }
  return pad;
}

// Compiles every pattern of the file's own spec on its own: loading stops at
// the first bad one, lint reports each.
void CheckEachPattern(const RuleSpec& spec, const RuleLoadOptions& options, std::vector<Status>* errors) {
  PatternCompiler compiler(options.regex_max_mem);
  const auto check = [&](const PatternSpec& p) {
    Rule rule;
    if (Status s = CompilePattern(p, &compiler, &rule); !s.ok()) errors->push_back(s);
  };
  for (const auto* list : {&spec.match_any, &spec.match_all, &spec.numbered, &spec.body_starts_after,
                           &spec.body_ends_before, &spec.trailer_lead_in, &spec.noise_lines,
                           &spec.noise_inline})
    for (const PatternSpec& p : *list) check(p);
  for (const MetadataSpec& m : spec.metadata)
    if (m.pattern) check(*m.pattern);
  for (const SpeakerSpec& speaker : spec.speakers) {
    for (const MarkerSpec& m : speaker.markers) {
      if (m.is_regex) check(m.pattern);
      else if (FoldKey(m.pattern.text).empty())
        errors->push_back(Status::RuleError(m.pattern.where, m.pattern.key_path + " is blank", "empty-value"));
    }
  }
}

}  // namespace

std::vector<Diagnostic> LintRuleFile(const std::string& path, const RuleLoadOptions& options) {
  std::string text;
  Status s = ReadRuleFile(path, &text);
  if (!s.ok()) return {Diagnostic{s.where(), true, "unreadable-file", s.message()}};
  return LintRuleText(text, path, options);
}

std::vector<Diagnostic> LintRuleText(std::string_view text, const std::string& path,
                                     const RuleLoadOptions& options) {
  std::vector<Status> errors;
  RuleSpec own;
  ParseRuleSpecAll(text, path, &own, &errors);
  if (!own.files.empty()) CheckEachPattern(own, options, &errors);
  RuleSpec merged;
  if (errors.empty()) {
    // The file's own problems are all found above; what is left is what only
    // the whole load sees: extends:, markers shared between speakers, sizes.
    RuleSet rules;
    if (Status s = RuleSet::LoadString(text, path, options, &rules); !s.ok()) errors.push_back(s);
    else ResolveRuleSpec(text, path, options, &merged);
  }
  std::vector<Diagnostic> out;
  for (const Status& s : errors)
    out.push_back(Diagnostic{s.where(), true, s.code().empty() ? "error" : s.code(), s.message()});
  // Warnings too, errors or not: with merged settings when the file loads.
  for (Diagnostic& d : Warnings(merged.files.empty() ? own : merged, path)) out.push_back(std::move(d));
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::make_pair(a.where.line, a.where.column) < std::make_pair(b.where.line, b.where.column);
  });
  return out;
}

std::string RenderDiagnostic(const Diagnostic& d, bool color, std::string_view source) {
  const char* bold = color ? "\033[1m" : "";
  const char* kind_color = color ? (d.error ? "\033[1;31m" : "\033[1;35m") : "";
  const char* reset = color ? "\033[0m" : "";
  const char* caret_color = color ? "\033[1;32m" : "";
  std::string out = std::string(bold) + d.where.ToString() + ":" + reset + " " + kind_color +
                    (d.error ? "error" : "warning") + ":" + reset + " [" + d.code + "] " + d.message + "\n";
  if (d.where.line > 0) {
    const std::string line = SourceLine(d.where.path, d.where.line, source);
    // Like ninja: the source line and caret only when short enough to help.
    constexpr std::size_t kMaxShownLine = 200;
    if (!line.empty() && line.size() <= kMaxShownLine) {
      out += line + "\n";
      out += CaretPadding(line, std::max(0, d.where.column - 1)) + caret_color + "^" + reset + "\n";
    }
  }
  return out;
}

}  // namespace qaextract
