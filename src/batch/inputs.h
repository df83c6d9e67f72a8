// The inputs of a batch run, one article at a time, in a stable order.
#ifndef QAEXTRACT_SRC_BATCH_INPUTS_H_
#define QAEXTRACT_SRC_BATCH_INPUTS_H_

#include <atomic>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace qaextract::internal {

struct InputItem {
  std::uint64_t seq = 0;  // position in the run, from 0
  std::string id;         // the JSONL "id" (set later, when parsed), or the file path
  std::string path;       // the file, or "FILE@BYTE" for a JSONL record (its first byte's offset)
  std::string data;       // the file's bytes, or the JSONL line
  bool jsonl = false;
  std::string error_code;  // set when the item could not be read
  std::string error_message;
};

// Walks the inputs: files as given; directories recursively, entries in
// name order, files whose names match an include glob and no exclude glob;
// *.jsonl files and "-" (standard input) one record per line.
//
// Sharded (shard_count > 1), the cursor yields only its part: of a JSONL
// file, the records that start in its byte range (size * k / n up to
// size * (k + 1) / n; records are aligned to line starts, so every record is
// in exactly one shard, and a worker reads only its own part), named
// of files and directory
// walks, every n-th file. Standard input cannot be sharded. JSONL records are
// named "FILE@BYTE" (the offset of their first byte), sharded or not.
class InputCursor {
 public:
  InputCursor(std::vector<std::string> inputs, std::vector<std::string> include,
              std::vector<std::string> exclude, std::uint64_t max_bytes,
              int shard_index = 0, int shard_count = 1);

  // The next item; false when there are no more.
  bool Next(InputItem* item);

  // Bytes of input files read so far (JSONL lines with their line ends),
  // and in all: 0 when unknown (standard input or a directory among the
  // inputs; a shard's part of plain files is estimated). For progress and
  // its ETA; bytes_read() may be called from another thread.
  std::uint64_t bytes_read() const { return bytes_read_.load(std::memory_order_relaxed); }
  std::uint64_t bytes_total() const { return bytes_total_; }

 private:
  bool NextFromJsonl(InputItem* item);
  void StartJsonlShard(const std::string& path);
  bool NextFromDirectories(InputItem* item);
  void Start(const std::string& path, InputItem* item, bool* produced);
  void ReadFile(const std::string& path, InputItem* item);
  bool Wanted(const std::string& name) const;
  bool MyFile() { return files_seen_++ % static_cast<std::uint64_t>(shard_count_) ==
                         static_cast<std::uint64_t>(shard_index_); }

  std::vector<std::string> inputs_;
  std::vector<std::string> include_, exclude_;
  std::uint64_t max_bytes_;
  std::size_t next_input_ = 0;
  std::uint64_t seq_ = 0;
  // Directories being walked: each a sorted list of paths and a position.
  std::vector<std::pair<std::vector<std::string>, std::size_t>> dirs_;
  // The JSONL stream being read.
  static constexpr std::size_t kJsonlBufferBytes = 256 << 10;
  std::unique_ptr<char[]> jsonl_buffer_;  // jsonl_file_'s buffer; declared first, so it outlives the stream
  std::unique_ptr<std::ifstream> jsonl_file_;
  std::istream* jsonl_ = nullptr;
  std::string jsonl_name_;
  // Sharding.
  int shard_index_ = 0, shard_count_ = 1;
  std::uint64_t files_seen_ = 0;
  std::uint64_t jsonl_pos_ = 0, jsonl_end_ = 0;  // byte range of a sharded JSONL file
  // Progress.
  std::atomic<std::uint64_t> bytes_read_{0};
  std::uint64_t bytes_total_ = 0;
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_BATCH_INPUTS_H_
