// Test fixtures: rules and documents from strings, paths to samples, running
// the built binary.
#ifndef QAEXTRACT_TESTS_TESTING_TEST_UTIL_H_
#define QAEXTRACT_TESTS_TESTING_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "qaextract/qaextract.h"

namespace qaextract::testing {

// Loads rule YAML from a string (named "test.yaml"); fails the test on error.
RuleSet LoadRulesString(const std::string& yaml);

// The built-in rule library, loaded once.
const RuleLibrary& BuiltinLibrary();

// Decodes `text` and extracts it with `rules`; fails the test on error.
// Both also extract it as batch does (ExtractOptions::dialogue_only, with
// triage) and check that finds as many turns.
Document ExtractString(const std::string& text, const RuleSet& rules);

// Decodes `text` and extracts it with the built-in library, as `convert`
// without --rules does; fails the test on error.
Document ExtractWithBuiltins(const std::string& text);

// Absolute path of a file in the source tree ("samples/x.txt").
std::string SourcePath(const std::string& relative);

// Reads a whole file.
std::string ReadFileOrDie(const std::string& path);

// Result of running the qaextract binary.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built qaextract with `args` (a shell-quoted string).
RunResult RunQaextract(const std::string& args);

// The same, with `dir` as the working directory and `input` (a file) as
// standard input ("" for none).
RunResult RunQaextractIn(const std::string& dir, const std::string& args,
                         const std::string& input = "");

// A fresh empty directory under the system temp dir.
std::string MakeTempDir();

// Texts for property tests, the same on every run: each one up to
// `max_pieces - 1` of `pieces`, drawn at random and joined.
class PieceTexts {
 public:
  PieceTexts(std::vector<std::string> pieces, std::uint32_t seed) : pieces_(std::move(pieces)), state_(seed) {}
  std::string Next(int max_pieces) {
    std::string text;
    const int n = static_cast<int>(Draw() % static_cast<std::uint32_t>(max_pieces));
    for (int k = 0; k < n; ++k) text += pieces_[Draw() % pieces_.size()];
    return text;
  }
  std::uint32_t Draw() { return (state_ = state_ * 1103515245 + 12345) >> 16; }

 private:
  std::vector<std::string> pieces_;
  std::uint32_t state_;
};

}  // namespace qaextract::testing

#endif  // QAEXTRACT_TESTS_TESTING_TEST_UTIL_H_
