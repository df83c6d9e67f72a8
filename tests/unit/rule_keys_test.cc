// Every key a rule file may have (RuleFileKeys(), the table docs/rules.md
// documents) does something: for each, an article and two rule files that
// differ only in that key give different output documents. A key added to
// the loader without a case here fails the last test.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "qaextract/emit.h"
#include "rules/rule_model.h"
#include "testing/test_util.h"

namespace qaextract {
namespace {

struct KeyCase {
  const char* key;  // "table/key", as in RuleFileKeys(): "/name", "speakers[]/role"
  const char* article;
  const char* before;  // the rule file
  const char* after;   // the same with the key set or changed
  bool by_match = false;  // chosen from a library by match:, not given
};

// The speakers most cases share.
#define QA_SPEAKERS                                   \
  "speakers:\n"                                       \
  "  - {id: q, role: interviewer, markers: [Q]}\n"    \
  "  - {id: a, role: interviewee, markers: [A]}\n"
#define QA_ARTICLE "Q: First question?\nA: First answer.\nQ: Second question?\nA: Second answer.\n"

const KeyCase kCases[] = {
    {"/name", QA_ARTICLE, "name: one\n" QA_SPEAKERS, "name: two\n" QA_SPEAKERS},
    {"/extends", "Q: One?\nA: Two.\n（完）\n", "name: t\n" QA_SPEAKERS, "name: t\nextends: [base-zh]\n" QA_SPEAKERS},
    {"/match", QA_ARTICLE, "name: t\nmatch: 'NOT THERE'\n" QA_SPEAKERS, "name: t\nmatch: 'First question'\n" QA_SPEAKERS,
     true},
    {"match/any", QA_ARTICLE, "name: t\nmatch: {any: ['NOT THERE']}\n" QA_SPEAKERS,
     "name: t\nmatch: {any: ['NOT THERE', 'Second']}\n" QA_SPEAKERS, true},
    {"match/all", QA_ARTICLE, "name: t\nmatch: {any: ['First'], all: ['NOT THERE']}\n" QA_SPEAKERS,
     "name: t\nmatch: {any: ['First'], all: ['Second']}\n" QA_SPEAKERS, true},
    {"/marker_syntax", "Questioner: One?\nA: Two.\n", "name: t\nspeakers:\n  - {id: q, markers: [Questioner]}\n  - {id: a, markers: [A]}\n",
     "name: t\nmarker_syntax: {max_label_chars: 4}\nspeakers:\n  - {id: q, markers: [Questioner]}\n  - {id: a, markers: [A]}\n"},
    {"marker_syntax/max_label_chars", "Questioner: One?\nA: Two.\n",
     "name: t\nmarker_syntax: {max_label_chars: 24}\nspeakers:\n  - {id: q, markers: [Questioner]}\n  - {id: a, markers: [A]}\n",
     "name: t\nmarker_syntax: {max_label_chars: 4}\nspeakers:\n  - {id: q, markers: [Questioner]}\n  - {id: a, markers: [A]}\n"},
    {"marker_syntax/max_descriptor_chars", "Q (a reporter of the paper): One?\nA: Two.\n",
     "name: t\nmarker_syntax: {max_descriptor_chars: 40}\n" QA_SPEAKERS,
     "name: t\nmarker_syntax: {max_descriptor_chars: 5}\n" QA_SPEAKERS},
    {"marker_syntax/case", "HOST: One?\nGuest: Two.\n",
     "name: t\nspeakers:\n  - {id: h, markers: [Host]}\n  - {id: g, markers: [Guest]}\n",
     "name: t\nmarker_syntax: {case: sensitive}\nspeakers:\n  - {id: h, markers: [Host]}\n  - {id: g, markers: [Guest]}\n"},
    {"/speakers", QA_ARTICLE, "name: t\n", "name: t\n" QA_SPEAKERS},
    {"speakers[]/id", QA_ARTICLE, "name: t\n" QA_SPEAKERS,
     "name: t\nspeakers:\n  - {id: asker, role: interviewer, markers: [Q]}\n  - {id: a, role: interviewee, markers: [A]}\n"},
    {"speakers[]/name", QA_ARTICLE, "name: t\n" QA_SPEAKERS,
     "name: t\nspeakers:\n  - {id: q, name: The Paper, role: interviewer, markers: [Q]}\n  - {id: a, role: interviewee, markers: [A]}\n"},
    {"speakers[]/role", QA_ARTICLE, "name: t\n" QA_SPEAKERS,
     "name: t\nspeakers:\n  - {id: q, role: moderator, markers: [Q]}\n  - {id: a, role: interviewee, markers: [A]}\n"},
    {"speakers[]/markers", "Q: One?\nA: Two.\nReporter: Three?\n", "name: t\n" QA_SPEAKERS,
     "name: t\nspeakers:\n  - {id: q, role: interviewer, markers: [Q, Reporter]}\n  - {id: a, role: interviewee, markers: [A]}\n"},
    {"speakers[]/metadata", QA_ARTICLE, "name: t\n" QA_SPEAKERS,
     "name: t\nspeakers:\n  - {id: q, role: interviewer, markers: [Q], metadata: {outlet: The Paper}}\n"
     "  - {id: a, role: interviewee, markers: [A]}\n"},
    {"speakers[]/per_label", "Clip 1: Words.\nA: Two.\nClip 2: More words.\n",
     "name: t\nspeakers:\n  - {id: clip, markers: [{regex: 'Clip \\d'}]}\n  - {id: a, markers: [A]}\n",
     "name: t\nspeakers:\n  - {id: clip, per_label: true, markers: [{regex: 'Clip \\d'}]}\n  - {id: a, markers: [A]}\n"},
    {"speakers[].markers[]/literal", "Q: One?\nAnswer: Two.\n", "name: t\n" QA_SPEAKERS,
     "name: t\nspeakers:\n  - {id: q, markers: [Q]}\n  - {id: a, markers: [{literal: Answer}]}\n"},
    {"speakers[].markers[]/regex", "Q: One?\nA1: Two.\nA2: Three.\n", "name: t\n" QA_SPEAKERS,
     "name: t\nspeakers:\n  - {id: q, markers: [Q]}\n  - {id: a, markers: [{regex: 'A\\d?'}]}\n"},
    {"speakers[].markers[]/case", "HOST: One?\nGuest: Two.\n",
     "name: t\nspeakers:\n  - {id: h, markers: [Host]}\n  - {id: g, markers: [Guest]}\n",
     "name: t\nspeakers:\n  - {id: h, markers: [{literal: Host, case: sensitive}]}\n  - {id: g, markers: [Guest]}\n"},
    {"/sections", "Q: One?\nA: Two.\nPart 2\nQ: Three?\nA: Four.\n", "name: t\n" QA_SPEAKERS,
     "name: t\n" QA_SPEAKERS "sections: {numbered: ['^Part (?P<number>\\d+)$']}\n"},
    {"sections/numbered", "Q: One?\nA: Two.\nPart 2\nQ: Three?\nA: Four.\n",
     "name: t\n" QA_SPEAKERS "sections: {numbered: ['^Chapter (?P<number>\\d+)$']}\n",
     "name: t\n" QA_SPEAKERS "sections: {numbered: ['^Part (?P<number>\\d+)$']}\n"},
    {"sections/title_max_chars", "Q: One?\nA: Two.\nPart 2\nA longer title here\nQ: Three?\nA: Four.\n",
     "name: t\n" QA_SPEAKERS "sections: {numbered: ['^Part (?P<number>\\d+)$'], title_max_chars: 40}\n",
     "name: t\n" QA_SPEAKERS "sections: {numbered: ['^Part (?P<number>\\d+)$'], title_max_chars: 5}\n"},
    {"sections/headings", "Q: One?\nA: Two.\nOn the next topic\nQ: Three?\nA: Four.\n", "name: t\n" QA_SPEAKERS,
     "name: t\n" QA_SPEAKERS "sections: {headings: {between_turns: true}}\n"},
    {"sections.headings/between_turns", "Q: One?\nA: Two.\nOn the next topic\nQ: Three?\nA: Four.\n",
     "name: t\n" QA_SPEAKERS "sections: {headings: {between_turns: false}}\n",
     "name: t\n" QA_SPEAKERS "sections: {headings: {between_turns: true}}\n"},
    {"sections.headings/max_chars", "Q: One?\nA: Two.\nOn the next topic\nQ: Three?\nA: Four.\n",
     "name: t\n" QA_SPEAKERS "sections: {headings: {between_turns: true, max_chars: 30}}\n",
     "name: t\n" QA_SPEAKERS "sections: {headings: {between_turns: true, max_chars: 5}}\n"},
    {"sections.headings/not_ending_with", "Q: One?\nA: Two.\nOn the next topic;\nQ: Three?\nA: Four.\n",
     "name: t\n" QA_SPEAKERS "sections: {headings: {between_turns: true}}\n",
     "name: t\n" QA_SPEAKERS "sections: {headings: {between_turns: true, not_ending_with: '。.!?'}}\n"},
    {"/boundaries", "Intro line.\nQ: One?\nA: Two.\nThe end.\n", "name: t\n" QA_SPEAKERS,
     "name: t\n" QA_SPEAKERS "boundaries: {body_ends_before: '^The end'}\n"},
    {"boundaries/body_starts_after", "Intro line.\nQ: Not yet?\nSTART\nQ: One?\nA: Two.\n", "name: t\n" QA_SPEAKERS,
     "name: t\n" QA_SPEAKERS "boundaries: {body_starts_after: '^START$'}\n"},
    {"boundaries/body_ends_before", "Q: One?\nA: Two.\nThe end.\n", "name: t\n" QA_SPEAKERS,
     "name: t\n" QA_SPEAKERS "boundaries: {body_ends_before: '^The end'}\n"},
    {"boundaries/trailer_lead_in", "Q: One?\nA: Two.\nWhat do you think?\nThe end.\n",
     "name: t\n" QA_SPEAKERS "boundaries: {body_ends_before: '^The end'}\n",
     "name: t\n" QA_SPEAKERS "boundaries: {body_ends_before: '^The end', trailer_lead_in: '\\?$'}\n"},
    {"/noise", "Q: One?\nADVERT\nA: Two.\n", "name: t\n" QA_SPEAKERS, "name: t\n" QA_SPEAKERS "noise: {lines: '^ADVERT$'}\n"},
    {"noise/lines", "Q: One?\nADVERT\nA: Two.\n", "name: t\n" QA_SPEAKERS, "name: t\n" QA_SPEAKERS "noise: {lines: '^ADVERT$'}\n"},
    {"noise/inline", "Q: One? [ad]\nA: Two.\n", "name: t\n" QA_SPEAKERS, "name: t\n" QA_SPEAKERS "noise: {inline: '\\[ad\\]'}\n"},
    {"noise/markup", "Q: **One?**\nA: Two.\n", "name: t\n" QA_SPEAKERS, "name: t\n" QA_SPEAKERS "noise: {markup: keep}\n"},
    {"/metadata", "Editor: Jane Roe\nQ: One?\nA: Two.\n", "name: t\n" QA_SPEAKERS,
     "name: t\n" QA_SPEAKERS "metadata: {editor: '^Editor: (?P<value>.+)$'}\n"},
    {"metadata.*/pattern", "Editor: Jane Roe\nQ: One?\nA: Two.\n",
     "name: t\n" QA_SPEAKERS "metadata: {editor: {pattern: '^Editing: (?P<value>.+)$'}}\n",
     "name: t\n" QA_SPEAKERS "metadata: {editor: {pattern: '^Editor: (?P<value>.+)$'}}\n"},
    {"metadata.*/list", "Editor: Jane Roe\nQ: One?\nA: Two.\n",
     "name: t\n" QA_SPEAKERS "metadata: {editor: {pattern: '^Editor: (?P<value>.+)$'}}\n",
     "name: t\n" QA_SPEAKERS "metadata: {editor: {pattern: '^Editor: (?P<value>.+)$', list: true}}\n"},
    {"metadata.*/first_line", "A Title Line\n\nQ: One?\nA: Two.\n",
     "name: t\n" QA_SPEAKERS "metadata: {title: {pattern: '^NOTHING$'}}\n",
     "name: t\n" QA_SPEAKERS "metadata: {title: {first_line: true}}\n"},
    // The title's own limit decides, not the headings' (which stays 30 here).
    {"metadata.*/max_chars", "How a Small Team Rebuilt the Whole Toolchain in Less Than One Year\n\nQ: One?\nA: Two.\n",
     "name: t\n" QA_SPEAKERS "metadata: {title: {first_line: true, max_chars: 60}}\n",
     "name: t\n" QA_SPEAKERS "metadata: {title: {first_line: true, max_chars: 100}}\n"},
};

// Keys that change no output document, and why.
const std::set<std::string> kNoOutputKeys = {
    "/description",  // documentation: shown by `rules list`, not in documents
};

std::string Output(const KeyCase& c, const char* rules) {
  Document doc;
  Source source;
  REQUIRE(DecodeSource(std::string(c.article), "article.txt", {}, &source).ok());
  if (c.by_match) {
    const std::string dir = testing::MakeTempDir();
    std::ofstream(dir + "/t.yaml") << rules;
    RuleLibrary library;
    REQUIRE(RuleLibrary::Load({dir}, /*with_builtins=*/false, {}, &library).ok());
    REQUIRE(ExtractWithLibrary(source, library, {}, &doc).ok());
  } else {
    RuleSet set;
    const Status s = RuleSet::LoadString(rules, "t.yaml", {}, &set);
    INFO(s.ToString());
    REQUIRE(s.ok());
    REQUIRE(Extract(source, set, {}, &doc).ok());
  }
  std::string out;
  WriteJson(doc, JsonOptions{}, &out);
  return out;
}

}  // namespace

TEST_CASE("rule keys: changing each key changes the output") {
  for (const KeyCase& c : kCases) {
    CAPTURE(c.key);
    CHECK(Output(c, c.before) != Output(c, c.after));
  }
}

TEST_CASE("rule keys: every key the loader accepts has a case") {
  std::set<std::string> covered(kNoOutputKeys);
  for (const KeyCase& c : kCases) covered.insert(c.key);
  for (const auto& [table, keys] : internal::RuleFileKeys()) {
    for (const std::string& key : keys) {
      const std::string name = table + "/" + key;
      CAPTURE(name);
      CHECK(covered.count(name) == 1);
    }
  }
}

}  // namespace qaextract
