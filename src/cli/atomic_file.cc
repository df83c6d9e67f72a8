#include "cli/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <zstd.h>

namespace qaextract::cli {
namespace {

bool IsZstdName(const std::string& path) {
  return path.size() > 4 && path.compare(path.size() - 4, 4, ".zst") == 0;
}

// The newlines in `data`, found with memchr: a JSONL record has one in
// tens of KB, and a byte-by-byte count was 1-2% of a batch run.
std::uint64_t CountNewlines(std::string_view data) {
  std::uint64_t n = 0;
  const char* p = data.data();
  const char* const end = p + data.size();
  while (p < end) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (found == nullptr) break;
    ++n;
    p = static_cast<const char*>(found) + 1;
  }
  return n;
}

}  // namespace

struct AtomicFile::ZstdStream {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  std::string buffer = std::string(ZSTD_CStreamOutSize(), '\0');
  ~ZstdStream() { ZSTD_freeCCtx(cctx); }
};

AtomicFile::AtomicFile() = default;

AtomicFile::~AtomicFile() {
  if (file_ != nullptr && !stdout_) {
    std::fclose(file_);
    if (!in_place_ && !resumable_) std::remove(temp_.c_str());
  }
}

std::FILE* AtomicFile::OpenBuffered(const std::string& path, const char* mode) {
  std::FILE* file = std::fopen(path.c_str(), mode);
  if (file == nullptr) return nullptr;
  if (!buffer_) buffer_.reset(new char[kBufferBytes]);  // not zeroed: stdio writes it before it reads it
  std::setvbuf(file, buffer_.get(), _IOFBF, kBufferBytes);
  return file;
}

Status AtomicFile::Open(const std::string& path) {
  path_ = path;
  digest_ = std::make_unique<Sha256>();
  if (IsZstdName(path)) zstd_ = std::make_unique<ZstdStream>();
  if (path == "-") {
    stdout_ = true;
    file_ = stdout;
    return Status::OK();
  }
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or pipe (/dev/null, a FIFO): write to it as it is; renaming a
    // file over it would replace the device.
    in_place_ = true;
    file_ = OpenBuffered(path, "wb");
    if (file_ == nullptr)
      return Status::InputError({path, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
    return Status::OK();
  }
  temp_ = path + ".tmp." + std::to_string(getpid());
  file_ = OpenBuffered(temp_, "wb");
  if (file_ == nullptr)
    return Status::InputError({path, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
  return Status::OK();
}

Status AtomicFile::OpenResumable(const std::string& path, std::uint64_t keep_bytes, bool resume) {
  if (path == "-") return Open(path);
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return Open(path);
  path_ = path;
  temp_ = path + ".partial";
  resumable_ = true;
  digest_ = std::make_unique<Sha256>();
  if (IsZstdName(path)) zstd_ = std::make_unique<ZstdStream>();
  const auto fail = [&](const std::string& what) {
    return Status::InputError({temp_, 0, 0}, what + ": " + std::strerror(errno));
  };
  if (!resume) {
    file_ = OpenBuffered(temp_, "wb");
    return file_ ? Status::OK() : fail("cannot write");
  }
  file_ = OpenBuffered(temp_, "r+b");
  if (file_ == nullptr) return fail("cannot resume");
  if (stat(temp_.c_str(), &st) != 0) return fail("cannot resume");
  if (static_cast<std::uint64_t>(st.st_size) < keep_bytes) {
    return Status::InputError({temp_, 0, 0}, "cannot resume: the file is shorter (" +
                                                 std::to_string(st.st_size) + " bytes) than its journal says (" +
                                                 std::to_string(keep_bytes) + ")");
  }
  if (ftruncate(fileno(file_), static_cast<off_t>(keep_bytes)) != 0) return fail("cannot resume");
  // Digest and count what is kept, as if this run had written it.
  std::string buffer(1 << 16, '\0');
  std::uint64_t left = keep_bytes;
  while (left > 0) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
    if (std::fread(buffer.data(), 1, want, file_) != want) return fail("cannot resume");
    const std::string_view piece(buffer.data(), want);
    digest_->Update(piece);
    if (!zstd_) lines_ += static_cast<std::uint64_t>(std::count(piece.begin(), piece.end(), '\n'));
    left -= want;
  }
  bytes_ = keep_bytes;
  if (!zstd_) written_ = keep_bytes;
  if (zstd_) {
    if (Status s = CountKeptZstdLines(keep_bytes); !s.ok()) return s;
  }
  if (std::fseek(file_, 0, SEEK_END) != 0) return fail("cannot resume");
  return Status::OK();
}

Status AtomicFile::CountKeptZstdLines(std::uint64_t keep_bytes) {
  // Decompress what is kept to count its records, as if this run wrote them.
  if (std::fseek(file_, 0, SEEK_SET) != 0) return Status::InputError({temp_, 0, 0}, "cannot resume");
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  std::string in(ZSTD_DStreamInSize(), '\0'), out(ZSTD_DStreamOutSize(), '\0');
  std::uint64_t left = keep_bytes;
  Status status;
  while (left > 0 && status.ok()) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, in.size()));
    if (std::fread(in.data(), 1, want, file_) != want) {
      status = Status::InputError({temp_, 0, 0}, "cannot resume: read failed");
      break;
    }
    left -= want;
    ZSTD_inBuffer input{in.data(), want, 0};
    while (input.pos < input.size) {
      ZSTD_outBuffer output{out.data(), out.size(), 0};
      const std::size_t r = ZSTD_decompressStream(dctx, &output, &input);
      if (ZSTD_isError(r)) {
        status = Status::InputError({temp_, 0, 0}, std::string("cannot resume: ") + ZSTD_getErrorName(r));
        break;
      }
      lines_ += static_cast<std::uint64_t>(std::count(out.data(), out.data() + output.pos, '\n'));
      written_ += output.pos;
    }
  }
  ZSTD_freeDCtx(dctx);
  return status;
}

Status AtomicFile::WriteRaw(const char* data, std::size_t size) {
  if (std::fwrite(data, 1, size, file_) != size)
    return Status::InputError({path_, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
  digest_->Update(std::string_view(data, size));
  bytes_ += size;
  if (bytes_ - writeback_from_ >= kWritebackBytes) StartWriteback();
  return Status::OK();
}

void AtomicFile::StartWriteback() {
  writeback_from_ = bytes_;
#ifdef SYNC_FILE_RANGE_WRITE
  // Only a start: the data already handed to the kernel begins going to
  // disk, and nothing waits. Any error shows again at Commit's fsync.
  if (!stdout_ && !in_place_) sync_file_range(fileno(file_), 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

Status AtomicFile::Compress(std::string_view data, bool end) {
  ZSTD_inBuffer input{data.data(), data.size(), 0};
  for (;;) {
    ZSTD_outBuffer output{zstd_->buffer.data(), zstd_->buffer.size(), 0};
    const std::size_t left = ZSTD_compressStream2(zstd_->cctx, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue);
    if (ZSTD_isError(left))
      return Status::InputError({path_, 0, 0}, std::string("zstd: ") + ZSTD_getErrorName(left));
    if (Status s = WriteRaw(zstd_->buffer.data(), output.pos); !s.ok()) return s;
    if (end ? left == 0 : input.pos == input.size) break;
  }
  frame_open_ = !end;
  return Status::OK();
}

Status AtomicFile::Flush() {
  if (zstd_ && frame_open_) {
    if (Status s = Compress({}, true); !s.ok()) return s;
  }
  if (file_ != nullptr && std::fflush(file_) != 0)
    return Status::InputError({path_, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
  return Status::OK();
}

Status AtomicFile::Write(std::string_view data) {
  written_ += data.size();
  lines_ += CountNewlines(data);
  if (zstd_) {
    frame_open_ = true;
    return Compress(data, false);
  }
  return WriteRaw(data.data(), data.size());
}

Status AtomicFile::Commit() {
  if (zstd_ && frame_open_) {
    if (Status s = Compress({}, true); !s.ok()) return s;
  }
  if (stdout_) {
    if (std::fflush(stdout) != 0) return Status::InputError({"<stdout>", 0, 0}, "write failed");
    file_ = nullptr;
    return Status::OK();
  }
  if (in_place_) {
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed) return Status::InputError({path_, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
    return Status::OK();
  }
  const bool flushed = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed || !closed || std::rename(temp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    std::remove(temp_.c_str());
    return Status::InputError({path_, 0, 0}, std::string("cannot write: ") + std::strerror(err));
  }
  return Status::OK();
}

}  // namespace qaextract::cli
