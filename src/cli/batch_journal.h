// The journal of a batch run written to files: what each input became and
// how long the output files were at each checkpoint, so that a run stopped
// by SIGINT, kill or a crash continues with `--resume` and ends exactly as
// an uninterrupted run would (same records, totals and duplicate report).
//
// Format: JSON lines. A header {"journal": 1, "run": FINGERPRINT}, then
// checkpoints {"out_shard": N, "out": BYTES, "errors": BYTES, "outcomes":
// [...]}, each written after both output files were flushed to at least
// BYTES (of output shard N: earlier shards are complete), so the
// journal never claims more than the disk holds. A torn last line (the
// process died while writing it) is ignored: its outcomes are redone.
#ifndef QAEXTRACT_SRC_CLI_BATCH_JOURNAL_H_
#define QAEXTRACT_SRC_CLI_BATCH_JOURNAL_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "qaextract/batch.h"
#include "qaextract/status.h"

namespace qaextract::cli {

// What an interrupted run left, as its journal says.
struct JournalState {
  std::vector<ArticleOutcome> outcomes;  // inputs done, in order
  std::size_t out_shard = 0;             // the output file being written (--shard-size)
  std::uint64_t out_bytes = 0;           // complete bytes of that output file
  std::uint64_t error_bytes = 0;         // and of the error file
};

class BatchJournal {
 public:
  ~BatchJournal();

  // Starts a journal at `path` for a run described by `fingerprint`
  // (replacing an older one).
  Status Create(const std::string& path, const std::string& fingerprint);
  // Reads the journal at `path` and opens it to go on appending. Fails when
  // there is none or it belongs to a run with another fingerprint.
  Status Resume(const std::string& path, const std::string& fingerprint, JournalState* state);

  // Buffers an outcome for the next checkpoint.
  void Add(const ArticleOutcome& outcome);
  // True when a checkpoint is due (every 256 outcomes or every second).
  bool Due() const;
  // Writes the buffered outcomes with the output sizes. REQUIRES: the
  // outputs were flushed to those sizes.
  Status Checkpoint(std::size_t out_shard, std::uint64_t out_bytes, std::uint64_t error_bytes);
  // Deletes the journal (the run completed).
  void Remove();

 private:
  std::string path_;
  FILE* file_ = nullptr;
  std::vector<ArticleOutcome> pending_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_BATCH_JOURNAL_H_
