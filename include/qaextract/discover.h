// `qaextract discover`: discovery over one or more articles of a source, as
// a ranked report and as a starter rule file with comments saying why each
// entry is there.
#ifndef QAEXTRACT_INCLUDE_DISCOVER_H_
#define QAEXTRACT_INCLUDE_DISCOVER_H_

#include <string>
#include <vector>

#include "qaextract/options.h"
#include "qaextract/rules.h"
#include "qaextract/source.h"
#include "qaextract/status.h"

namespace qaextract {

// One speaker, over all the files.
struct SourceSpeaker {
  std::string id;
  std::string name;
  std::string role;                 // the role in most files
  std::vector<std::string> labels;  // as written, most frequent first
  int lines = 0;
  int files = 0;
  std::string evidence;             // role evidence from the file with most lines
  std::vector<std::string> merged;  // alias merges, with reasons
};

struct NoiseProposal {
  std::string line;  // the line as written
  std::string pattern;
  int count = 0;
  int files = 0;
};

struct SourceDiscovery {
  std::vector<std::string> files;
  std::vector<SourceSpeaker> speakers;  // most lines first
  std::vector<NoiseProposal> noise;
  int headings_between_turns = 0;   // short lines right before a turn, in the body
  std::vector<std::string> rejected;
  std::vector<std::string> languages;    // GuessLanguage of each file
  // Lines (folded) that every file has near its start, where `match:` looks,
  // and that no built-in rule already treats as noise: what tells this
  // source's articles from others. Empty with fewer than two files.
  std::vector<std::string> shared_lines;
};

// Runs discovery on every source with `base` (a rule set without speakers,
// normally the built-in "generic") and gathers the results.
Status DiscoverSource(const std::vector<Source>& sources, const RuleSet& base,
                      const ExtractOptions& options, SourceDiscovery* out);

// A ranked, human-readable report of *d.
std::string DiscoveryReportText(const SourceDiscovery& d);

// A starter rule file named `name`: extends the base file of the articles'
// language (base-zh, base-en, both, or base-web); `match:` from the lines
// every article shares; the speakers with their markers and roles, proposed
// noise lines and heading shape, each with a comment saying why. The
// `$schema` comment names the installed rules.schema.json (or the source
// tree's), by absolute path, so it resolves wherever the file is written.
// `schema_path`: that path, or "" for none.
std::string StarterRulesYaml(const SourceDiscovery& d, const std::string& name,
                             const std::string& schema_path);

// The rules.schema.json an editor should use: the installed one, else the
// one in the source tree this binary was built from, else "".
std::string RulesSchemaPath();

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_DISCOVER_H_
