#include "cli/output.h"

#include "cli/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace qaextract::cli {

Status CheckOutputPath(const std::string& path, const std::string& input_path) {
  if (path.empty() || path == "-") return Status::OK();
  struct stat out_st, in_st;
  if (stat(path.c_str(), &out_st) == 0) {
    if (S_ISDIR(out_st.st_mode)) return Status::UsageError(path + ": output is a directory");
    if (input_path != "-" && stat(input_path.c_str(), &in_st) == 0 &&
        in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
      return Status::UsageError(path + ": output would overwrite the input");
  }
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
    return Status::UsageError(path + ": output directory does not exist");
  // Fail before any work, not after it: the file is written beside itself
  // first, so the directory must take new files.
  if (access(dir.empty() ? "." : dir.c_str(), W_OK | X_OK) != 0)
    return Status::UsageError(path + ": output directory is not writable");
  return Status::OK();
}

Status WriteOutput(const std::string& path, const std::string& data) {
  AtomicFile file;
  Status s = file.Open(path.empty() ? "-" : path);
  if (s.ok()) s = file.Write(data);
  if (s.ok()) s = file.Commit();
  return s;
}

}  // namespace qaextract::cli
