// A file written under a temporary name and renamed to its own name only
// when complete: a crash or a full disk never leaves a partial file under
// the final name. Counts records and digests what it writes.
//
// A name ending in ".zst" is written zstd-compressed (libzstd). Every Flush
// ends a zstd frame, so the file on disk is always whole frames, which is
// what lets a resumed run cut it back to a checkpoint and go on; `zstd -d`
// reads concatenated frames as one stream.
#ifndef QAEXTRACT_SRC_CLI_ATOMIC_FILE_H_
#define QAEXTRACT_SRC_CLI_ATOMIC_FILE_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "qaextract/status.h"
#include "qaextract/digest.h"

namespace qaextract::cli {

class AtomicFile {
 public:
  AtomicFile();
  ~AtomicFile();  // removes the temporary file unless committed

  // Opens "<path>.tmp.<pid>"; "-" writes standard output instead, and an
  // existing device or pipe is written in place.
  Status Open(const std::string& path);
  // For batch output that can be resumed: writes "<path>.partial", which is
  // kept when the run stops before Commit. With `resume`, the existing
  // partial file is kept up to `keep_bytes` (what the journal says was
  // complete; anything after it is cut off) and appended to.
  Status OpenResumable(const std::string& path, std::uint64_t keep_bytes, bool resume);
  // Writes buffered data to the file.
  Status Flush();
  Status Write(std::string_view data);
  // Flushes, closes and renames the temporary file to `path`.
  Status Commit();

  const std::string& path() const { return path_; }
  std::uint64_t bytes() const { return bytes_; }  // on disk (compressed, for .zst)
  std::uint64_t lines() const { return lines_; }  // newlines written (before compression)
  std::uint64_t written() const { return written_; }  // bytes written (before compression)
  std::string sha256() { return digest_ ? digest_->HexDigest() : ""; }  // after Commit; once

 private:
  // Writes bytes to the file as they go to disk (digest and size).
  Status WriteRaw(const char* data, std::size_t size);
  // Compresses `data` into the file; `end` closes the zstd frame.
  Status Compress(std::string_view data, bool end);
  Status CountKeptZstdLines(std::uint64_t keep_bytes);
  // Has the kernel start writing to disk what it holds of the file, every
  // kWritebackBytes written, so that Commit's fsync waits for the last
  // stretch only: at the end of a run it waited for all of it (40 ms for a
  // batch's 48 MB of documents, a twentieth of the run).
  void StartWriteback();
  static constexpr std::uint64_t kWritebackBytes = 2 << 20;
  // fopen, with buffer_ (256 KB) as the stream's buffer: stdio's own is 4 KB, and a
  // batch run's output of tens of MB took thousands of write calls. The
  // batch flushes it before each journal checkpoint, so what the journal
  // counts is on disk.
  std::FILE* OpenBuffered(const std::string& path, const char* mode);

  std::string path_, temp_;
  struct ZstdStream;
  std::unique_ptr<ZstdStream> zstd_;  // for ".zst" names
  bool frame_open_ = false;
  static constexpr std::size_t kBufferBytes = 256 << 10;
  std::unique_ptr<char[]> buffer_;  // file_'s buffer, freed after the destructor closes it
  FILE* file_ = nullptr;
  bool stdout_ = false;
  bool in_place_ = false;
  bool resumable_ = false;
  std::uint64_t bytes_ = 0, lines_ = 0, written_ = 0;
  std::uint64_t writeback_from_ = 0;  // bytes_ when writeback last started
  std::unique_ptr<Sha256> digest_;
};

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_ATOMIC_FILE_H_
