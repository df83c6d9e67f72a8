#include "batch/inputs.h"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

namespace qaextract::internal {
namespace fs = std::filesystem;

InputCursor::InputCursor(std::vector<std::string> inputs, std::vector<std::string> include,
                         std::vector<std::string> exclude, std::uint64_t max_bytes)
    : inputs_(std::move(inputs)),
      include_(include.empty() ? std::vector<std::string>{"*.txt"} : std::move(include)),
      exclude_(std::move(exclude)),
      max_bytes_(max_bytes) {}

bool InputCursor::Wanted(const std::string& name) const {
  const auto matches = [&](const std::string& glob) { return fnmatch(glob.c_str(), name.c_str(), 0) == 0; };
  return std::any_of(include_.begin(), include_.end(), matches) &&
         std::none_of(exclude_.begin(), exclude_.end(), matches);
}

void InputCursor::ReadFile(const std::string& path, InputItem* item) {
  item->id = item->path = path;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    item->error_code = "unreadable";
    item->error_message = "cannot read input: " + ec.message();
    return;
  }
  if (size > max_bytes_) {
    item->error_code = "too-large";
    item->error_message = "input is " + std::to_string(size) + " bytes, over the limit of " +
                          std::to_string(max_bytes_) + " (--max-input-bytes)";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    item->error_code = "unreadable";
    item->error_message = std::string("cannot read input: ") + std::strerror(errno);
    return;
  }
  item->data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Begins the input list entry `path`: a JSONL stream, a directory walk, or
// one file (then *produced is set and *item filled).
void InputCursor::Start(const std::string& path, InputItem* item, bool* produced) {
  *produced = false;
  std::error_code ec;
  const bool is_jsonl = path == "-" || (path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0);
  if (is_jsonl) {
    jsonl_name_ = path;
    jsonl_line_ = 0;
    if (path == "-") {
      jsonl_ = &std::cin;
      return;
    }
    jsonl_file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (*jsonl_file_) {
      jsonl_ = jsonl_file_.get();
      return;
    }
    jsonl_file_.reset();
  } else if (fs::is_directory(path, ec)) {
    dirs_.emplace_back(std::vector<std::string>{path}, 0);
    dirs_.back().first.clear();
    std::vector<std::string> children;
    for (const auto& e : fs::directory_iterator(path, ec)) children.push_back(e.path().string());
    std::sort(children.begin(), children.end());
    dirs_.back().first = std::move(children);
    if (!ec) return;
    dirs_.pop_back();
  }
  *item = InputItem{};
  item->seq = seq_++;
  if (!is_jsonl && fs::exists(path, ec)) {
    ReadFile(path, item);
  } else {
    item->id = item->path = path;
    item->error_code = "missing-input";
    item->error_message = "no such file or directory";
  }
  *produced = true;
}

bool InputCursor::NextFromJsonl(InputItem* item) {
  std::string line;
  while (std::getline(*jsonl_, line)) {
    ++jsonl_line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are no records
    *item = InputItem{};
    item->seq = seq_++;
    item->path = jsonl_name_ + ":" + std::to_string(jsonl_line_);
    item->id = item->path;
    item->data = std::move(line);
    item->jsonl = true;
    return true;
  }
  jsonl_ = nullptr;
  jsonl_file_.reset();
  return false;
}

bool InputCursor::NextFromDirectories(InputItem* item) {
  while (!dirs_.empty()) {
    auto& [entries, pos] = dirs_.back();
    if (pos == entries.size()) {
      dirs_.pop_back();
      continue;
    }
    const std::string path = entries[pos++];
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> children;
      for (const auto& e : fs::directory_iterator(path, ec)) children.push_back(e.path().string());
      std::sort(children.begin(), children.end());
      dirs_.emplace_back(std::move(children), 0);
      continue;
    }
    if (!Wanted(fs::path(path).filename().string())) continue;
    *item = InputItem{};
    item->seq = seq_++;
    ReadFile(path, item);
    return true;
  }
  return false;
}

bool InputCursor::Next(InputItem* item) {
  for (;;) {
    if (jsonl_ && NextFromJsonl(item)) return true;
    if (!dirs_.empty() && NextFromDirectories(item)) return true;
    if (jsonl_ || !dirs_.empty()) continue;
    if (next_input_ >= inputs_.size()) return false;
    bool produced = false;
    Start(inputs_[next_input_++], item, &produced);
    if (produced) return true;
  }
}

}  // namespace qaextract::internal
