// The rule playground behind `qaextract serve`: a small JSON API over the
// library (the same extractor, ledger, linter and discovery as the CLI; no
// second parser) and the page that uses it. This file knows nothing of
// HTTP: each handler takes a request body and returns a Response, so the
// API is tested without a server; `qaextract serve` puts it behind one.
//
//   GET  /                 the page (web/, built into the binary)
//   GET  /api/files        the articles named on the command line
//   GET  /api/files/N      one of them: {"name", "text"}
//   POST /api/extract      {"article", "rules"} -> document, ledger, lint, speakers,
//                          and with an empty "rules" the files that decided
//   POST /api/discover     {"article"} -> a starter rule file for it
//   POST /api/convert      {"article", "rules", "format"} -> the output file
//
// Safe by default: rule text from the page resolves `extends:` by name only
// (in the --rules directory and the built-in files), every pattern has an RE2 memory
// budget, and request bodies have a size limit.
//
// Thread-safety: a Playground is immutable after Create; handlers may run
// concurrently.
#ifndef QAEXTRACT_INCLUDE_PLAYGROUND_H_
#define QAEXTRACT_INCLUDE_PLAYGROUND_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "qaextract/rules.h"
#include "qaextract/status.h"

namespace qaextract::serve {

struct PlaygroundOptions {
  std::vector<std::string> files;  // articles offered to the page
  // --rules FILE: the editor starts with it. --rules DIR: its files join the
  // built-in ones for an empty editor, the editor starts with the first,
  // and `extends:` may name them (a file's own directory, for FILE).
  std::string rules_path;
  std::size_t max_request_bytes = 8u << 20;
  std::int64_t regex_max_mem = 4 << 20;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class Playground {
 public:
  // Reads the files and loads the rules; fails like `convert` would on an
  // unreadable file or bad rules.
  static Status Create(const PlaygroundOptions& options, std::unique_ptr<Playground>* out);

  Response Files() const;
  Response File(std::size_t index) const;
  Response Extract(std::string_view body) const;
  Response Discover(std::string_view body) const;
  Response Convert(std::string_view body) const;
  // The page's files: "/" (index.html), "/app.js", "/style.css"; 404 otherwise.
  static Response Asset(std::string_view path);

  const PlaygroundOptions& options() const { return options_; }

 private:
  struct Run;
  struct Request;  // a parsed request body
  void RunRequest(const Request& request, Run* run) const;

  struct Article {
    std::string name;
    std::string text;
  };
  PlaygroundOptions options_;
  std::vector<Article> articles_;
  // Fills run->rules_files and rules_text for the set called `name`.
  void DescribeChoice(const std::string& name, Run* run) const;

  RuleLibrary library_;  // for an empty editor: built-in (and --rules DIR), chosen by match:
  std::string initial_rules_;  // --rules FILE, or the first file of --rules DIR, for the editor
  std::string extends_dir_;    // where `extends:` names from the editor may also be found
  std::map<std::string, std::string> rule_texts_;  // the operator's rule files, by path
};

}  // namespace qaextract::serve

#endif  // QAEXTRACT_INCLUDE_PLAYGROUND_H_
