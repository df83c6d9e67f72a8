// Writing command output: stdout, or a file written under a temporary name
// and renamed when complete, so a failure never leaves a partial file.
#ifndef QAEXTRACT_SRC_CLI_OUTPUT_H_
#define QAEXTRACT_SRC_CLI_OUTPUT_H_

#include <functional>
#include <ostream>
#include <string>

#include "qaextract/status.h"

namespace qaextract::cli {

// Writes `data` to `path` ("-" or empty: standard output).
Status WriteOutput(const std::string& path, const std::string& data);

// Writes what `produce` writes to its stream to `path`, as it is produced
// (a large document is never held whole), under a temporary name renamed
// when complete. The first write error is returned; `produce` is not
// stopped by it, but nothing reaches the final name.
Status WriteOutput(const std::string& path, const std::function<void(std::ostream&)>& produce);

// Fails when writing `path` would overwrite the input `input_path` (the same
// file, by device and inode), or when its directory does not exist.
Status CheckOutputPath(const std::string& path, const std::string& input_path);

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_OUTPUT_H_
