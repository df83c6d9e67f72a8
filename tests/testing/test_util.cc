#include "testing/test_util.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>

namespace qaextract::testing {

RuleSet LoadRulesString(const std::string& yaml) {
  RuleSet rules;
  Status s = RuleSet::LoadString(yaml, "test.yaml", RuleLoadOptions{}, &rules);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return rules;
}

const RuleLibrary& BuiltinLibrary() {
  static const RuleLibrary* const library = [] {
    auto* l = new RuleLibrary();
    Status s = RuleLibrary::LoadBuiltin({}, l);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    return l;
  }();
  return *library;
}

namespace {

// Every article a test extracts is also extracted as batch does
// (ExtractOptions::dialogue_only, where triage rules out articles before
// their lines are labelled): it must find the same number of turns.
void CheckTriage(const Document& full, const std::function<Status(const ExtractOptions&, Document*)>& extract) {
  ExtractOptions lean;
  lean.dialogue_only = true;
  Document doc;
  REQUIRE(extract(lean, &doc).ok());
  CHECK_MESSAGE(doc.turns.size() == full.turns.size(), "dialogue_only (triage) found another number of turns");
}

}  // namespace

Document ExtractString(const std::string& text, const RuleSet& rules) {
  Source source;
  Status s = DecodeSource(text, "input.txt", ExtractOptions{}, &source);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  Document doc;
  s = Extract(source, rules, ExtractOptions{}, &doc);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CheckTriage(doc, [&](const ExtractOptions& o, Document* d) { return Extract(source, rules, o, d); });
  return doc;
}

Document ExtractWithBuiltins(const std::string& text) {
  Source source;
  REQUIRE(DecodeSource(text, "a.txt", {}, &source).ok());
  Document doc;
  REQUIRE(ExtractWithLibrary(source, BuiltinLibrary(), {}, &doc).ok());
  CheckTriage(doc, [&](const ExtractOptions& o, Document* d) { return ExtractWithLibrary(source, BuiltinLibrary(), o, d); });
  return doc;
}

std::string SourcePath(const std::string& relative) {
  return std::string(QAEXTRACT_SOURCE_DIR) + "/" + relative;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string MakeTempDir() {
  char templ[] = "/tmp/qaextract-test-XXXXXX";
  const char* dir = mkdtemp(templ);
  REQUIRE(dir != nullptr);
  return dir;
}

RunResult RunQaextract(const std::string& args) { return RunQaextractIn(".", args); }

RunResult RunQaextractIn(const std::string& cwd, const std::string& args, const std::string& input) {
  const std::string dir = MakeTempDir();
  const std::string out = dir + "/stdout", err = dir + "/stderr";
  const std::string command = "cd '" + cwd + "' && '" + QAEXTRACT_BINARY + "' " + args + " >'" +
                              out + "' 2>'" + err + "' <'" + (input.empty() ? std::string("/dev/null") : input) + "'";
  const int status = std::system(command.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFileOrDie(out);
  r.err = ReadFileOrDie(err);
  std::remove(out.c_str());
  std::remove(err.c_str());
  rmdir(dir.c_str());
  return r;
}

}  // namespace qaextract::testing
