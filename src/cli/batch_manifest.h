// The manifest of a batch run: what a dataset was made from and of, so that
// it can be reproduced and audited (docs/cli.md#batch lists the fields).
#ifndef QAEXTRACT_SRC_CLI_BATCH_MANIFEST_H_
#define QAEXTRACT_SRC_CLI_BATCH_MANIFEST_H_

#include <cstdio>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/atomic_file.h"
#include "cli/sharded_output.h"
#include "qaextract/batch.h"
#include "qaextract/status.h"

namespace qaextract::cli {

// Duplicate pairs wait in an unnamed temporary file for the manifest rather
// than in memory: a corpus of near copies has a pair per article.
class DuplicateSpill {
 public:
  Status Open();
  // Appends the pair as a JSON object on a line of its own, with the comma
  // and indentation of the manifest's list, so the file is copied as it is.
  Status Add(const DuplicatePair& pair);
  FILE* file() const { return file_.get(); }
  bool empty() const { return count_ == 0; }

 private:
  std::unique_ptr<FILE, int (*)(FILE*)> file_{nullptr, &std::fclose};
  std::uint64_t count_ = 0;
};

struct ManifestInputs {
  std::string command_line;
  std::string view;
  std::vector<std::string> inputs;
  const ShardedOutput* out = nullptr;  // null: records went to standard output
  AtomicFile* errors = nullptr;        // null: no error file
  double seconds = 0;
};

// Writes the manifest: tool, command line, time, view, rules, inputs,
// counts, errors by code, turns by role, outputs with their digests, and
// last every duplicate pair, one a line (copied from `spill`).
void WriteManifest(const ManifestInputs& run, const BatchStats& stats, const DuplicateSpill& spill,
                   std::ostream& out);

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_BATCH_MANIFEST_H_
