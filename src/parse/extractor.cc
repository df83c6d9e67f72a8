// Extract: the pipeline from a decoded Source to a Document.
#include "qaextract/extractor.h"

#include "parse/assembler.h"
#include "parse/classifier.h"
#include "parse/front_matter.h"
#include "text/lines.h"

namespace qaextract {

Status Extract(const Source& source, const RuleSet& rules, const ExtractOptions& options,
               Document* document) {
  const internal::CompiledRules& compiled = rules.compiled();
  const std::vector<internal::Line> lines = internal::SplitLines(source.text);
  for (const internal::Line& line : lines) {
    if (line.end - line.begin > options.max_line_bytes) {
      return Status::InputError(SourceLocation{source.path, line.number, 0},
                                "line is " + std::to_string(line.end - line.begin) +
                                    " bytes, over the limit of " +
                                    std::to_string(options.max_line_bytes) + " (--max-line-bytes)");
    }
  }
  const std::size_t front_matter = internal::FindFrontMatter(source.text, lines);
  internal::Classifier classifier(compiled, source.text);
  std::vector<internal::LineLabel> labels;
  labels.reserve(lines.size());
  for (const internal::Line& line : lines) {
    if (labels.size() < front_matter) {
      internal::LineLabel label;
      label.kind = internal::LineKind::kMetadata;
      label.rule = "front-matter";
      label.text = internal::ByteSpan{line.begin, line.end};
      labels.push_back(std::move(label));
      continue;
    }
    labels.push_back(classifier.Classify(line));
  }

  Document doc;
  internal::ReadFrontMatter(source.text, lines, front_matter, &doc.metadata);
  doc.source = SourceInfo{source.path, source.bytes, source.sha256, source.encoding};
  doc.rules = RulesInfo{rules.name(), rules.files(), rules.sha256(), "option"};
  if (source.invalid_utf8 > 0) {
    doc.warnings.push_back(Warning{"invalid-utf8", 0,
                                   std::to_string(source.invalid_utf8) +
                                       " invalid UTF-8 sequence(s); written as U+FFFD"});
  }
  internal::Assemble(compiled, source.text, lines, labels, &doc);
  *document = std::move(doc);
  return Status::OK();
}

Status ExtractWithLibrary(const Source& source, const RuleLibrary& library,
                          const ExtractOptions& options, Document* document) {
  std::string selected_by;
  const RuleSet& rules = library.Select(source, &selected_by);
  Status s = Extract(source, rules, options, document);
  if (!s.ok()) return s;
  document->rules.selected_by = selected_by;
  if (selected_by == "default") {
    document->warnings.insert(
        document->warnings.begin(),
        Warning{"no-rules-matched", 0,
                "no rule file's match: fits this article; used '" + rules.name() + "'"});
  }
  return Status::OK();
}

}  // namespace qaextract
