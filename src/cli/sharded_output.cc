#include "cli/sharded_output.h"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

namespace qaextract::cli {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

// A run stopped after a shard was renamed to its own name but before the
// journal said so: take the shard back as partial (it is cut back to what the
// journal says and written again).
void Reopen(const std::string& name) {
  if (!Exists(name + ".partial") && Exists(name)) std::rename(name.c_str(), (name + ".partial").c_str());
}

}  // namespace

std::string ShardName(const std::string& path, std::size_t index) {
  const std::size_t slash = path.rfind('/');
  const std::size_t name = slash == std::string::npos ? 0 : slash + 1;
  std::size_t dot = path.rfind('.');
  if (dot != std::string::npos && dot > name && path.compare(dot, std::string::npos, ".zst") == 0) {
    const std::size_t inner = path.rfind('.', dot - 1);
    if (inner != std::string::npos && inner > name) dot = inner;
  }
  if (dot == std::string::npos || dot <= name) dot = path.size();
  char number[16];
  std::snprintf(number, sizeof number, "-%05zu", index);
  return path.substr(0, dot) + number + path.substr(dot);
}

std::string ShardedOutput::NameOf(std::size_t index) const {
  return shard_size_ == 0 ? path_ : ShardName(path_, index);
}

Status ShardedOutput::Open(const std::string& path, std::uint64_t shard_size, std::size_t keep_shard,
                           std::uint64_t keep_bytes, bool resume) {
  path_ = path;
  shard_size_ = shard_size;
  if (shard_size_ == 0 && keep_shard > 0)
    return Status::UsageError("cannot resume: the journal names output shards");
  // The shards the stopped run completed: their records, size and digest
  // for the manifest, read back as a resumed file would be.
  for (shard_ = 0; shard_ < keep_shard; ++shard_) {
    const std::string name = NameOf(shard_);
    Reopen(name);
    struct stat st;
    if (stat((name + ".partial").c_str(), &st) != 0)
      return Status::InputError({name, 0, 0}, "cannot resume: a completed output shard is missing");
    if (Status s = OpenShard(static_cast<std::uint64_t>(st.st_size), true); !s.ok()) return s;
    if (Status s = CommitShard(); !s.ok()) return s;
  }
  if (resume) Reopen(NameOf(shard_));
  return OpenShard(keep_bytes, resume);
}

Status ShardedOutput::OpenShard(std::uint64_t keep_bytes, bool resume) {
  file_ = std::make_unique<AtomicFile>();
  return file_->OpenResumable(NameOf(shard_), keep_bytes, resume);
}

Status ShardedOutput::CommitShard() {
  if (Status s = file_->Commit(); !s.ok()) return s;
  files_.push_back(FileInfo{file_->path(), file_->lines(), file_->bytes(), file_->sha256()});
  return Status::OK();
}

Status ShardedOutput::Write(std::string_view records) {
  if (shard_size_ > 0 && file_->written() >= shard_size_) {
    if (Status s = CommitShard(); !s.ok()) return s;
    ++shard_;
    if (Status s = OpenShard(0, false); !s.ok()) return s;
  }
  return file_->Write(records);
}

Status ShardedOutput::Commit() {
  Status s = CommitShard();
  // A longer earlier run into the same name left more shards; they are not
  // this run's (the manifest lists this run's), but a glob would take them.
  if (s.ok() && shard_size_ > 0 && Exists(NameOf(shard_ + 1)))
    std::fprintf(stderr, "warning: %s and any after it are left from an earlier run, not part of this output\n",
                 NameOf(shard_ + 1).c_str());
  return s;
}

}  // namespace qaextract::cli
