// Before a run reads anything: every file it will write (the output, its
// shards, the error file, the manifest, the journal, temporary names) is
// checked against every input and against the other outputs. Two paths are
// the same file when they resolve to the same path (symbolic links followed)
// or, for files that exist, have the same device and inode (hard links). A
// directory input also counts every file under it that the run would read.
#ifndef QAEXTRACT_SRC_CLI_OUTPUT_GUARD_H_
#define QAEXTRACT_SRC_CLI_OUTPUT_GUARD_H_

#include <string>
#include <vector>

#include "qaextract/status.h"

namespace qaextract::cli {

// A file a run writes, and the option it comes from ("--out", "--errors").
struct PlannedWrite {
  std::string option;
  std::string path;
  // With --shard-size the output is a series "OUT-00000.jsonl", ...: every
  // name of the series counts as written.
  bool shard_series = false;
};

// What the run reads: paths as given ("-" is standard input and names no
// file), and the globs that pick files in directory inputs.
struct PlannedReads {
  std::vector<std::string> inputs;
  std::vector<std::string> include;  // empty: "*.txt"
  std::vector<std::string> exclude;
};

// A usage error (exit 2) naming both paths when a write would replace an
// input or another write; OK otherwise. Writes to "-", devices and pipes
// are not files and are not checked.
Status CheckWritesApart(const std::vector<PlannedWrite>& writes, const PlannedReads& reads);

// True when `a` and `b` name the same file (see above); either may not exist.
bool SameFile(const std::string& a, const std::string& b);

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_OUTPUT_GUARD_H_
