// The records output of a batch run: one file, or with --shard-size a series
// of files ("data.jsonl" -> "data-00000.jsonl", "data-00001.jsonl", ...),
// each started when the one before holds shard_size bytes or more (before
// compression), so a record is never split between files. Each file is an
// AtomicFile: written under "<name>.partial", renamed when complete.
#ifndef QAEXTRACT_SRC_CLI_SHARDED_OUTPUT_H_
#define QAEXTRACT_SRC_CLI_SHARDED_OUTPUT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/atomic_file.h"
#include "qaextract/status.h"

namespace qaextract::cli {

// The name of shard `index` of `path`: "-NNNNN" before ".jsonl.zst",
// ".jsonl" (or whatever the last extension is).
std::string ShardName(const std::string& path, std::size_t index);

class ShardedOutput {
 public:
  struct FileInfo {
    std::string path;
    std::uint64_t records = 0, bytes = 0;
    std::string sha256;
  };

  // `shard_size` 0: a single file at `path`. With `resume`, shards before
  // `keep_shard` are complete, and shard `keep_shard` is kept up to
  // `keep_bytes` (AtomicFile::OpenResumable).
  Status Open(const std::string& path, std::uint64_t shard_size, std::size_t keep_shard,
              std::uint64_t keep_bytes, bool resume);
  // Writes one or more whole records, starting the next shard first when the
  // current one is full.
  Status Write(std::string_view records);
  Status Flush() { return file_->Flush(); }
  // Completes the last file. Then files() lists every file written.
  Status Commit();

  std::size_t shard() const { return shard_; }            // the file being written
  std::uint64_t bytes() const { return file_->bytes(); }  // its size on disk
  const std::vector<FileInfo>& files() const { return files_; }

 private:
  std::string NameOf(std::size_t index) const;
  Status OpenShard(std::uint64_t keep_bytes, bool resume);
  Status CommitShard();

  std::string path_;
  std::uint64_t shard_size_ = 0;
  std::size_t shard_ = 0;
  std::unique_ptr<AtomicFile> file_;
  std::vector<FileInfo> files_;
};

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_SHARDED_OUTPUT_H_
