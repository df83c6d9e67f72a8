#include "cli/output.h"

#include "cli/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>

namespace qaextract::cli {

Status CheckOutputPath(const std::string& path, const std::string& input_path) {
  if (path.empty() || path == "-") return Status::OK();
  struct stat out_st, in_st;
  if (stat(path.c_str(), &out_st) == 0) {
    if (S_ISDIR(out_st.st_mode)) return Status::UsageError({path, 0, 0}, "output is a directory");
    if (input_path != "-" && stat(input_path.c_str(), &in_st) == 0 &&
        in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
      return Status::UsageError({path, 0, 0}, "output would overwrite the input");
  }
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
    return Status::UsageError({path, 0, 0}, "output directory does not exist");
  // Fail before any work, not after it: the file is written beside itself
  // first, so the directory must take new files.
  if (access(dir.empty() ? "." : dir.c_str(), W_OK | X_OK) != 0)
    return Status::UsageError({path, 0, 0}, "output directory is not writable");
  return Status::OK();
}

Status WriteOutput(const std::string& path, const std::string& data) {
  return WriteOutput(path, [&](std::ostream& out) { out.write(data.data(), static_cast<std::streamsize>(data.size())); });
}

namespace {

// A stream buffer that hands full buffers to an AtomicFile and keeps its
// first error.
class AtomicFileBuf : public std::streambuf {
 public:
  explicit AtomicFileBuf(AtomicFile* file) : file_(file) { setp(buf_, buf_ + sizeof buf_); }
  Status status() const { return status_; }

 protected:
  int_type overflow(int_type c) override {
    Drain();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return status_.ok() ? traits_type::not_eof(c) : traits_type::eof();
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n >= static_cast<std::streamsize>(sizeof buf_)) {  // large pieces go straight through
      Drain();
      if (status_.ok()) status_ = file_->Write(std::string_view(s, static_cast<std::size_t>(n)));
      return status_.ok() ? n : 0;
    }
    return std::streambuf::xsputn(s, n);
  }
  int sync() override {
    Drain();
    return status_.ok() ? 0 : -1;
  }

 private:
  void Drain() {
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    if (n > 0 && status_.ok()) status_ = file_->Write(std::string_view(pbase(), n));
    setp(buf_, buf_ + sizeof buf_);
  }

  AtomicFile* file_;
  Status status_ = Status::OK();
  char buf_[64 * 1024];
};

}  // namespace

Status WriteOutput(const std::string& path, const std::function<void(std::ostream&)>& produce) {
  AtomicFile file;
  Status s = file.Open(path.empty() ? "-" : path);
  if (!s.ok()) return s;
  AtomicFileBuf buf(&file);
  std::ostream stream(&buf);
  produce(stream);
  stream.flush();
  if (!buf.status().ok()) return buf.status();
  return file.Commit();
}

}  // namespace qaextract::cli
