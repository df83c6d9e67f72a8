#include "parse/pipeline.h"

#include "parse/assembler.h"
#include "parse/front_matter.h"

namespace qaextract::internal {

Status SplitCheckedLines(const Source& source, const ExtractOptions& options, std::vector<Line>* lines) {
  *lines = SplitLines(source.text, options.max_lines);
  if (lines->size() > options.max_lines) {
    return Status::InputError(SourceLocation{source.path, 0, 0},
                              "more than " + std::to_string(options.max_lines) +
                                  " lines (--max-lines)");
  }
  for (const Line& line : *lines) {
    if (line.end - line.begin > options.max_line_bytes) {
      return Status::InputError(SourceLocation{source.path, line.number, 0},
                                "line is " + std::to_string(line.end - line.begin) +
                                    " bytes, over the limit of " +
                                    std::to_string(options.max_line_bytes) + " (--max-line-bytes)");
    }
  }
  return Status::OK();
}

Status LabelLines(const Source& source, const CompiledRules& rules,
                  const ExtractOptions& options, LabelledText* out) {
  std::vector<Line> lines;
  if (Status s = SplitCheckedLines(source, options, &lines); !s.ok()) return s;
  LabelSplitLines(source, rules, std::move(lines), out);
  return Status::OK();
}

LineLabel FrontMatterLabel(const Line& line) {
  LineLabel label;
  label.kind = LineKind::kMetadata;
  label.rule = kFrontMatterRule;
  label.text = ByteSpan{line.begin, line.end};
  return label;
}

void LabelSplitLines(const Source& source, const CompiledRules& rules, std::vector<Line> lines,
                     LabelledText* out, const PrefixFolds* folds) {
  LabelledText result;
  result.lines = std::move(lines);
  result.front_matter = FindFrontMatter(source.text, result.lines);
  Classifier classifier(rules, source.text, folds);
  result.labels.reserve(result.lines.size());
  for (const Line& line : result.lines) {
    if (result.labels.size() < result.front_matter) {
      result.labels.push_back(FrontMatterLabel(line));
      continue;
    }
    result.labels.push_back(classifier.Classify(line));
  }
  classifier.MatchDefinitionLabels(result.lines, &result.labels);
  *out = std::move(result);
}

void BuildDocument(const Source& source, const CompiledRules& rules,
                   const LabelledText& labelled, Document* doc, std::vector<LineFate>* fates) {
  Document d;
  ReadFrontMatter(source.text, labelled.lines, labelled.front_matter, &d.metadata);
  d.source = SourceInfo{source.path, source.bytes, source.sha256, source.encoding};
  d.rules = RulesInfo{rules.name, rules.files, rules.sha256, "option"};
  if (source.invalid_utf8 > 0) {
    std::string at;
    for (std::uint64_t offset : source.invalid_utf8_offsets)
      at += (at.empty() ? "" : ", ") + std::to_string(offset);
    if (source.invalid_utf8 > source.invalid_utf8_offsets.size()) at += ", ...";
    d.warnings.push_back(Warning{"invalid-utf8", 0,
                                 std::to_string(source.invalid_utf8) +
                                     " invalid UTF-8 sequence(s) at byte " + at +
                                     "; written as U+FFFD"});
  }
  Assemble(rules, source.text, labelled.lines, labelled.labels, &d, fates);
  *doc = std::move(d);
}

}  // namespace qaextract::internal
