// The inputs of a batch run, one article at a time, in a stable order.
#ifndef QAEXTRACT_SRC_BATCH_INPUTS_H_
#define QAEXTRACT_SRC_BATCH_INPUTS_H_

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace qaextract::internal {

struct InputItem {
  std::uint64_t seq = 0;  // position in the run, from 0
  std::string id;         // the JSONL "id" (set later, when parsed), or the file path
  std::string path;       // the file, or "FILE:LINE" for a JSONL record
  std::string data;       // the file's bytes, or the JSONL line
  bool jsonl = false;
  std::string error_code;  // set when the item could not be read
  std::string error_message;
};

// Walks the inputs: files as given; directories recursively, entries in
// name order, files whose names match an include glob and no exclude glob;
// *.jsonl files and "-" (standard input) one record per line.
class InputCursor {
 public:
  InputCursor(std::vector<std::string> inputs, std::vector<std::string> include,
              std::vector<std::string> exclude, std::uint64_t max_bytes);

  // The next item; false when there are no more.
  bool Next(InputItem* item);

 private:
  bool NextFromJsonl(InputItem* item);
  bool NextFromDirectories(InputItem* item);
  void Start(const std::string& path, InputItem* item, bool* produced);
  void ReadFile(const std::string& path, InputItem* item);
  bool Wanted(const std::string& name) const;

  std::vector<std::string> inputs_;
  std::vector<std::string> include_, exclude_;
  std::uint64_t max_bytes_;
  std::size_t next_input_ = 0;
  std::uint64_t seq_ = 0;
  // Directories being walked: each a sorted list of paths and a position.
  std::vector<std::pair<std::vector<std::string>, std::size_t>> dirs_;
  // The JSONL stream being read.
  std::unique_ptr<std::ifstream> jsonl_file_;
  std::istream* jsonl_ = nullptr;
  std::string jsonl_name_;
  std::uint64_t jsonl_line_ = 0;
};

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_BATCH_INPUTS_H_
