#include "batch/inputs.h"

#include "qaextract/batch.h"

#include "text/decode.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <cstdint>

namespace qaextract::internal {
namespace fs = std::filesystem;
namespace {

// Reads one line into *line without its "\n", keeping at most `limit`
// bytes of it, so a 1 GB line costs no more memory than the limit. Sets
// *consumed to the bytes taken from the stream (the whole line and its
// break). False at the end of the input.
bool ReadBoundedLine(std::istream& in, std::size_t limit, std::string* line, std::uint64_t* consumed) {
  line->clear();
  *consumed = 0;
  char buffer[1 << 16];
  for (;;) {
    in.getline(buffer, sizeof buffer);
    auto got = static_cast<std::size_t>(in.gcount());
    const bool ended_by_break = !in.fail() && !in.eof();  // the break was taken, not stored
    if (ended_by_break) --got;
    *consumed += got + (ended_by_break ? 1 : 0);
    if (line->size() < limit) line->append(buffer, std::min(got, limit - line->size()));
    if (ended_by_break) return true;
    if (in.eof() || in.bad()) return *consumed > 0;
    in.clear();  // the buffer filled before the line ended: read on
  }
}

}  // namespace

InputCursor::InputCursor(std::vector<std::string> inputs, std::vector<std::string> include,
                         std::vector<std::string> exclude, std::uint64_t max_bytes,
                         int shard_index, int shard_count)
    : inputs_(std::move(inputs)),
      include_(include.empty() ? std::vector<std::string>{"*.txt"} : std::move(include)),
      exclude_(std::move(exclude)),
      max_bytes_(max_bytes),
      shard_index_(shard_index),
      shard_count_(std::max(1, shard_count)) {
  bool known = true;  // not for standard input or a directory walk
  for (const std::string& path : inputs_) {
    std::error_code ec;
    if (path == "-" || fs::is_directory(path, ec)) known = false;
    else if (fs::is_regular_file(path, ec)) bytes_total_ += fs::file_size(path, ec) / static_cast<std::uint64_t>(shard_count_);
  }
  if (!known) bytes_total_ = 0;
}

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
  item->data.reserve(static_cast<std::size_t>(size));
  const bool whole = ReadAtMost(in, max_bytes_, &item->data);
  bytes_read_.fetch_add(item->data.size(), std::memory_order_relaxed);
  if (!whole) {  // it grew after its size was checked
    item->data.clear();
    item->error_code = "too-large";
    item->error_message = "input grew past the limit of " + std::to_string(max_bytes_) + " (--max-input-bytes)";
  } else if (in.bad()) {
    item->data.clear();
    item->error_code = "unreadable";
    item->error_message = "cannot read input: read error";
  }
}

// Begins the input list entry `path`: a JSONL stream, a directory walk, or
// one file (then *produced is set and *item filled).
void InputCursor::Start(const std::string& path, InputItem* item, bool* produced) {
  *produced = false;
  std::error_code ec;
  const bool is_jsonl = path == "-" || (path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0);
  if (is_jsonl) {
    jsonl_name_ = path;
    if (path == "-" && shard_count_ == 1) {
      jsonl_ = &std::cin;
      return;
    }
    if (path != "-") {
      // Read in blocks of 256 KB: the stream's own buffer (a few KB) made a
      // read call every few KB of a JSONL file of many MB.
      jsonl_file_ = std::make_unique<std::ifstream>();
      if (!jsonl_buffer_) jsonl_buffer_.reset(new char[kJsonlBufferBytes]);  // not zeroed: read into first
      jsonl_file_->rdbuf()->pubsetbuf(jsonl_buffer_.get(), static_cast<std::streamsize>(kJsonlBufferBytes));
      jsonl_file_->open(path, std::ios::binary);
    }
    if (jsonl_file_ && *jsonl_file_) {
      jsonl_ = jsonl_file_.get();
      if (shard_count_ > 1) StartJsonlShard(path);
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
  // One file, or an input that cannot be read: an item unless another
  // shard owns it (a missing input is reported by the first shard only).
  const bool exists = !is_jsonl && fs::exists(path, ec);
  if (exists ? !MyFile() : (shard_index_ > 0 && path != "-")) return;
  *item = InputItem{};
  item->seq = seq_++;
  item->id = item->path = path;
  if (exists) {
    ReadFile(path, item);
  } else if (path == "-") {
    item->error_code = "unshardable";
    item->error_message = "standard input cannot be read in shards (--shard)";
  } else {
    item->error_code = "missing-input";
    item->error_message = "no such file or directory";
  }
  *produced = true;
}

// Positions the JSONL stream at the first record of this shard: the first
// line that starts at or after the range's first byte.
void InputCursor::StartJsonlShard(const std::string& path) {
  std::error_code ec;
  const std::uint64_t size = fs::file_size(path, ec);
  const auto k = static_cast<std::uint64_t>(shard_index_), n = static_cast<std::uint64_t>(shard_count_);
  jsonl_pos_ = size * k / n;
  jsonl_end_ = size * (k + 1) / n;
  if (jsonl_pos_ > 0) {
    // A line that began before the range belongs to the shard before.
    jsonl_->seekg(static_cast<std::streamoff>(jsonl_pos_ - 1));
    std::string rest;
    std::uint64_t consumed = 0;
    ReadBoundedLine(*jsonl_, 0, &rest, &consumed);
    jsonl_pos_ += consumed - 1;
  }
}

bool InputCursor::NextFromJsonl(InputItem* item) {
  std::string line;
  const bool sharded = shard_count_ > 1;
  // A record may hold an article of max_bytes_ plus its JSON escaping and
  // other fields; one longer than twice that is refused unread.
  const std::size_t limit = static_cast<std::size_t>(std::min<std::uint64_t>(max_bytes_ * 2 + 4096, SIZE_MAX / 2));
  std::uint64_t consumed = 0;
  while ((!sharded || jsonl_pos_ < jsonl_end_) && ReadBoundedLine(*jsonl_, limit + 1, &line, &consumed)) {
    const std::uint64_t start = jsonl_pos_;
    jsonl_pos_ += consumed;
    bytes_read_.fetch_add(consumed, std::memory_order_relaxed);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are no records
    *item = InputItem{};
    item->seq = seq_++;
    // Named by byte offset, not line number: a shard does not know how many
    // lines come before it, and an offset finds the record at once.
    item->path = jsonl_name_ + "@" + std::to_string(start);
    item->id = item->path;
    item->jsonl = true;
    if (line.size() > limit) {
      item->error_code = "too-large";
      item->error_message = "record is " + std::to_string(consumed) + " bytes, over the limit of " +
                            std::to_string(limit) + " (twice --max-input-bytes, plus 4096)";
      return true;
    }
    item->data = std::move(line);
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
    if (!Wanted(fs::path(path).filename().string()) || !MyFile()) continue;
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

namespace qaextract {
namespace fs = std::filesystem;

std::vector<UnreadDirectory> FindUnreadDirectories(const std::vector<std::string>& inputs,
                                                   const BatchOptions& options) {
  const std::vector<std::string> include =
      options.include.empty() ? std::vector<std::string>{"*.txt"} : options.include;
  const auto wanted = [&](const std::string& name) {
    const auto matches = [&](const std::string& glob) { return fnmatch(glob.c_str(), name.c_str(), 0) == 0; };
    return std::any_of(include.begin(), include.end(), matches) &&
           std::none_of(options.exclude.begin(), options.exclude.end(), matches);
  };
  std::vector<UnreadDirectory> out;
  for (const std::string& path : inputs) {
    std::error_code ec;
    if (path == "-" || !fs::is_directory(path, ec)) continue;
    UnreadDirectory dir{path, 0, ""};
    std::map<std::string, std::uint64_t> extensions;
    bool found = false;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const std::string name = it->path().filename().string();
      if (wanted(name)) {
        found = true;
        break;
      }
      ++dir.files;
      ++extensions[it->path().extension().string()];
    }
    if (found) continue;
    std::uint64_t best = 0;
    for (const auto& [ext, n] : extensions)
      if (n > best && !ext.empty()) best = n, dir.common_glob = "*" + ext;
    out.push_back(std::move(dir));
  }
  return out;
}

}  // namespace qaextract
