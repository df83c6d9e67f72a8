// Writing command output: stdout, or a file written under a temporary name
// and renamed when complete, so a failure never leaves a partial file.
#ifndef QAEXTRACT_SRC_CLI_OUTPUT_H_
#define QAEXTRACT_SRC_CLI_OUTPUT_H_

#include <string>

#include "qaextract/status.h"

namespace qaextract::cli {

// Writes `data` to `path` ("-" or empty: standard output).
Status WriteOutput(const std::string& path, const std::string& data);

// Fails when writing `path` would overwrite the input `input_path` (the same
// file, by device and inode), or when its directory does not exist.
Status CheckOutputPath(const std::string& path, const std::string& input_path);

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_OUTPUT_H_
