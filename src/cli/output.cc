#include "cli/output.h"

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
  return Status::OK();
}

Status WriteOutput(const std::string& path, const std::string& data) {
  if (path.empty() || path == "-") {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (!std::cout) return Status::InputError({"<stdout>", 0, 0}, "write failed");
    return Status::OK();
  }
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or pipe (/dev/null, /dev/stdout, a FIFO): write to it as it
    // is; renaming a file over it would replace the device.
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr)
      return Status::InputError({path, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
    const bool written = std::fwrite(data.data(), 1, data.size(), f) == data.size();
    if (std::fclose(f) != 0 || !written)
      return Status::InputError({path, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
    return Status::OK();
  }
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr)
    return Status::InputError({path, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
  const bool written = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed || std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(temp.c_str());
    return Status::InputError({path, 0, 0}, std::string("cannot write: ") + std::strerror(err));
  }
  return Status::OK();
}

}  // namespace qaextract::cli
