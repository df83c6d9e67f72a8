// qaextract: turn published interviews into data.
//
// Rule files describe a source's speaker markers ("暗涌:", "梁文锋:", "Q:"),
// section headings, noise and metadata; the extractor turns each article into
// turns, sections and speakers; the writers emit JSON or YAML.
//
//   #include "qaextract/qaextract.h"
//
//   qaextract::RuleLibrary library;
//   qaextract::Status s = qaextract::RuleLibrary::LoadBuiltin({}, &library);
//   qaextract::Source source;
//   if (s.ok()) s = qaextract::ReadSource("article.txt", {}, &source);
//   qaextract::Document doc;
//   if (s.ok()) s = qaextract::ExtractWithLibrary(source, library, {}, &doc);
//   if (!s.ok()) { std::cerr << s.ToString() << "\n"; return 1; }
//   std::string json;
//   qaextract::WriteJson(doc, {}, &json);
//
// The headers, by task:
//   extractor.h, rules.h, rule_choice.h   extract an article with rules
//   source.h, options.h                   read and decode input, limits
//   document.h, roles.h, emit.h           the output model and its writers
//   views.h, batch.h                      dataset views, many articles in parallel
//   explain.h, lint.h, discover.h         why a line became what it did, rule
//                                         file diagnostics, speakers of a new source
//   playground.h                          the rule playground's JSON API
//   status.h, digest.h, spelling.h        errors, SHA-256, "did you mean"
//
// Every call reports failure through a Status (status.h); nothing throws.
#ifndef QAEXTRACT_INCLUDE_QAEXTRACT_H_
#define QAEXTRACT_INCLUDE_QAEXTRACT_H_

#include "qaextract/batch.h"
#include "qaextract/digest.h"
#include "qaextract/discover.h"
#include "qaextract/document.h"
#include "qaextract/emit.h"
#include "qaextract/explain.h"
#include "qaextract/extractor.h"
#include "qaextract/lint.h"
#include "qaextract/options.h"
#include "qaextract/roles.h"
#include "qaextract/rule_choice.h"
#include "qaextract/rules.h"
#include "qaextract/source.h"
#include "qaextract/spelling.h"
#include "qaextract/status.h"
#include "qaextract/views.h"

#define QAEXTRACT_VERSION "0.1.0"

#endif  // QAEXTRACT_INCLUDE_QAEXTRACT_H_
