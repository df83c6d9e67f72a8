// Rule loading errors: each bad rule file and the exact message it gets.
#include <doctest/doctest.h>

#include <fstream>

#include "qaextract/rules.h"
#include "rules/rule_model.h"
#include "testing/test_util.h"

namespace qaextract {
namespace {

std::string LoadError(const std::string& yaml) {
  RuleSet rules;
  Status s = RuleSet::LoadString(yaml, "test.yaml", RuleLoadOptions{}, &rules);
  return s.ok() ? "ok" : s.ToString();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("RuleLoader: good rules load, extend base-zh and get a digest") {
  RuleSet rules = testing::LoadRulesString(
      "name: mine\nextends: [base-zh]\nspeakers:\n  - {id: q, markers: [问]}\n");
  CHECK(rules.name() == "mine");
  CHECK(rules.files() ==
        std::vector<std::string>{"builtin:base-web", "builtin:base-zh", "test.yaml"});
  CHECK(rules.sha256().size() == 64);
}

TEST_CASE("RuleLoader: errors point at the offending node") {
  struct Case {
    const char* yaml;
    const char* error;
  } cases[] = {
      {"name: [unclosed\n", "test.yaml:2:1: error: YAML syntax: end of sequence flow not found"},
      {"- just\n- a list\n",
       "test.yaml:1:1: error: a rule file must be a mapping with at least 'name'"},
      {"description: x\n", "test.yaml:1:1: error: missing required key 'name'"},
      {"name: x\nspeekers: []\n",
       "test.yaml:2:1: error: unknown key 'speekers' in the rule file; did you mean 'speakers'?"},
      {"name: x\nnoise:\n  inline: ['(\\d{2}']\n",
       "test.yaml:3:12: error: bad pattern in noise.inline[0]: missing ): (\\d{2}"},
      {"name: x\nspeakers:\n  - {id: a}\n",
       "test.yaml:3:5: error: speakers[0] is missing required key 'markers'"},
      {"name: x\nspeakers:\n  - {id: a, markers: [A]}\n  - {id: a, markers: [B]}\n",
       "test.yaml:4:10: error: duplicate speaker id 'a'"},
      {"name: x\nspeakers:\n  - {id: a, markers: [梁文锋]}\n  - {id: b, markers: [梁文 鋒]}\n",
       "test.yaml:4:23: error: marker '梁文 鋒' of speaker 'b' is already a marker of speaker 'a'"},
      {"name: x\nextends: [no-such-rules]\n",
       "test.yaml:2:11: error: extends 'no-such-rules': no such rule file"},
      {"name: x\nsections: {numbered: '^\\d+$'}\n",
       "test.yaml:2:22: error: sections.numbered needs a (?P<number>...) or (?P<title>...) group"},
      {"name: x\nmarker_syntax: {max_label_chars: many}\n",
       "test.yaml:2:34: error: marker_syntax.max_label_chars must be a whole number"},
      {"name: x\nspeakers:\n  - {id: a, markers: [{regex: 'a', literal: 'b'}]}\n",
       "test.yaml:3:23: error: speakers[0].markers[0] must have one of 'literal' or 'regex', not both"},
      {"name: x\nmetadata:\n  title: {max_chars: 3}\n",
       "test.yaml:3:10: error: metadata.title needs a 'pattern' or 'first_line: true'"},
      {"name: x\nboundaries: {body_ends_before: 7.5, body_starts: x}\n",
       "test.yaml:2:37: error: unknown key 'body_starts' in boundaries"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    CHECK(LoadError(c.yaml) == c.error);
  }
}

TEST_CASE("RuleLoader: extends finds files beside the rule file, and cycles are errors") {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/a.yaml", "name: a\nextends: [b]\n");
  WriteFile(dir + "/b.yaml", "name: b\nextends: [a]\n");
  WriteFile(dir + "/c.yaml", "name: c\nextends: [b.yaml]\n");
  WriteFile(dir + "/base.yaml", "name: base\nnoise: {lines: ['^x$']}\n");
  WriteFile(dir + "/child.yaml", "name: child\nextends: base\nnoise: {lines: ['^y$']}\n");
  RuleSet rules;
  Status s = RuleSet::LoadFile(dir + "/a.yaml", {}, &rules);
  CHECK(s.ToString() == dir + "/b.yaml:2:11: error: circular extends: " + dir + "/a.yaml -> " +
                            dir + "/b.yaml -> " + dir + "/a.yaml");
  REQUIRE(RuleSet::LoadFile(dir + "/child.yaml", {}, &rules).ok());
  CHECK(rules.files() == std::vector<std::string>{dir + "/base.yaml", dir + "/child.yaml"});
  CHECK(RuleSet::LoadFile(dir + "/missing.yaml", {}, &rules).ToString() ==
        dir + "/missing.yaml: error: cannot read rule file: No such file or directory");
}

TEST_CASE("RuleLoader: a pattern over the memory budget is a rule error") {
  RuleSet rules;
  RuleLoadOptions options;
  options.regex_max_mem = 64 << 10;
  Status s = RuleSet::LoadString("name: x\nnoise: {lines: ['(?:a{1000}){1000}']}\n", "test.yaml",
                                 options, &rules);
  CHECK(s.ToString().rfind("test.yaml:2:17: error: bad pattern in noise.lines[0]:", 0) == 0);
}

TEST_CASE("RuleLibrary: every shipped rule file loads, and match: picks them") {
  RuleLibrary library;
  REQUIRE(RuleLibrary::LoadBuiltin({}, &library).ok());
  std::vector<std::string> names;
  for (const RuleSet& r : library.rule_sets()) names.push_back(r.name());
  CHECK(names == std::vector<std::string>{"anyong-waves", "base-en", "base-web", "base-zh",
                                          "bloomberg-big-take-asia", "generic", "gihot-repost"});
  Source source;
  REQUIRE(DecodeSource("来源:暗涌Waves\n", "a.txt", {}, &source).ok());
  std::string by;
  CHECK(library.Select(source, &by).name() == "anyong-waves");
  CHECK(by == "match");
  REQUIRE(DecodeSource("Q: hello\n", "b.txt", {}, &source).ok());
  CHECK(library.Select(source, &by).name() == "generic");
  CHECK(by == "default");
}

TEST_CASE("RuleLibrary: the rules/ directory on disk equals the built-in copy") {
  RuleLibrary from_disk;
  REQUIRE(RuleLibrary::LoadDirectory(testing::SourcePath("rules"), {}, &from_disk).ok());
  RuleLibrary builtin;
  REQUIRE(RuleLibrary::LoadBuiltin({}, &builtin).ok());
  REQUIRE(from_disk.rule_sets().size() == builtin.rule_sets().size());
  for (std::size_t i = 0; i < builtin.rule_sets().size(); ++i) {
    CHECK(from_disk.rule_sets()[i].name() == builtin.rule_sets()[i].name());
  }
}

TEST_CASE("RuleLibrary: built-in sets compiled on first use equal the eagerly compiled ones") {
  // The built-in library compiles each set's match: now and the rest when the
  // set is first used, and each rule's own RE2 only when a line asks it; a
  // built-in pattern that did not compile would abort there, so every one
  // is compiled here, eagerly and lazily, and compared.
  RuleLibrary builtin;
  REQUIRE(RuleLibrary::LoadBuiltin({}, &builtin).ok());
  int deferred = 0;
  for (const RuleSet& lazy : builtin.rule_sets()) {
    CAPTURE(lazy.name());
    RuleSet eager;
    REQUIRE(RuleSet::LoadBuiltin(lazy.name(), {}, &eager).ok());
    const internal::CompiledRules& a = internal::CompiledOf(lazy);
    const internal::CompiledRules& b = internal::CompiledOf(eager);
    CHECK(a.sha256 == b.sha256);
    CHECK(a.files == b.files);
    CHECK(a.speakers.size() == b.speakers.size());
    CHECK(a.metadata.size() == b.metadata.size());
    CHECK(a.line_sets.size() == b.line_sets.size());
    CHECK(&internal::CompiledOf(lazy) == &a);  // compiled once
    const auto compare = [&](const std::vector<internal::Rule>& x, const std::vector<internal::Rule>& y) {
      REQUIRE(x.size() == y.size());
      for (std::size_t i = 0; i < x.size(); ++i) {
        CAPTURE(x[i].id);
        CHECK(y[i].re.compiled());  // the eager set compiled every rule
        deferred += !x[i].re.compiled();
        REQUIRE(x[i].re->ok());  // compiles now
        CHECK(x[i].re->pattern() == y[i].re->pattern());
        CHECK(x[i].id == y[i].id);
      }
    };
    compare(a.noise_lines, b.noise_lines);
    compare(a.noise_inline, b.noise_inline);
    compare(a.body_starts_after, b.body_starts_after);
    compare(a.body_ends_before, b.body_ends_before);
    compare(a.trailer_lead_in, b.trailer_lead_in);
    compare(a.numbered, b.numbered);
  }
  CHECK(deferred > 20);  // most noise and boundary rules waited
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("RuleLoader: a bad regex marker is reported at the marker") {
  RuleSet rules;
  Status s = RuleSet::LoadString(
      "name: x\nspeakers:\n  - id: a\n    markers: [{regex: 'ab(c'}]\n", "test.yaml", {}, &rules);
  CHECK(s.ToString() == "test.yaml:4:23: error: bad pattern in speakers[0].markers[0]: missing ): ab(c");
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Rules: literal markers match without regard to case unless the file or the marker says so") {
  const char* const article = "HOST: Welcome back to the show?\nGuest: Thank you.\nhost: What is new?\nGUEST: A book.\n";
  const RuleSet any = testing::LoadRulesString(
      "name: t\nspeakers:\n  - {id: h, role: host, markers: [Host]}\n  - {id: g, role: guest, markers: [guest]}\n");
  CHECK(testing::ExtractString(article, any).turns.size() == 4);
  const RuleSet exact = testing::LoadRulesString(
      "name: t\nmarker_syntax: {case: sensitive}\nspeakers:\n  - {id: h, role: host, markers: [Host]}\n"
      "  - {id: g, role: guest, markers: [Guest]}\n");
  CHECK(testing::ExtractString(article, exact).turns.size() == 1);  // only "Guest:"
  const RuleSet one = testing::LoadRulesString(
      "name: t\nspeakers:\n  - {id: h, role: host, markers: [{literal: HOST, case: sensitive}]}\n"
      "  - {id: g, role: guest, markers: [guest]}\n");
  const Document doc = testing::ExtractString(article, one);
  REQUIRE(doc.turns.size() == 3);  // "host:" (lower case) is not the sensitive marker
  CHECK(doc.turns[0].speaker == "h");
  const RuleSet regex = testing::LoadRulesString(
      "name: t\nspeakers:\n  - {id: i, role: speaker, markers: [{regex: '[A-Z]{2}'}]}\n");
  CHECK(testing::ExtractString("AB: one.\nab: two.\nCD: three.\n", regex).turns.size() == 2);
}

}  // namespace qaextract
