#include "cli/output_guard.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "cli/sharded_output.h"

namespace qaextract::cli {
namespace fs = std::filesystem;
namespace {

// The path with every symbolic link in its existing part resolved.
std::string Resolved(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? path : p.lexically_normal().string();
}

struct FileId {
  dev_t dev;
  ino_t ino;
};

std::optional<FileId> IdOf(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileId{st.st_dev, st.st_ino};
}

bool IsFileTarget(const std::string& path) {
  if (path.empty() || path == "-") return false;
  struct stat st;
  return stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode);
}

// "…/data-00017.jsonl" is in the series of "…/data.jsonl".
bool InShardSeries(const std::string& series_path, const std::string& candidate) {
  const std::string first = Resolved(ShardName(series_path, 0));
  const std::size_t digits = first.rfind("00000");
  if (digits == std::string::npos) return false;
  const std::string head = first.substr(0, digits), tail = first.substr(digits + 5);
  std::string c = Resolved(candidate);
  const std::string partial = ".partial";  // AtomicFile's name while a shard is written
  if (c.size() > partial.size() && c.compare(c.size() - partial.size(), partial.size(), partial) == 0 &&
      tail.find(partial) == std::string::npos)
    c.resize(c.size() - partial.size());
  if (c.size() < head.size() + tail.size() + 5 || c.compare(0, head.size(), head) != 0 ||
      c.compare(c.size() - tail.size(), tail.size(), tail) != 0)
    return false;
  const std::string middle = c.substr(head.size(), c.size() - head.size() - tail.size());
  return std::all_of(middle.begin(), middle.end(), [](unsigned char ch) { return std::isdigit(ch); });
}

bool Matches(const PlannedWrite& w, const std::string& path) {
  return SameFile(w.path, path) || (w.shard_series && InShardSeries(w.path, path));
}

// Would a walk of `dir` read `path`? It does when `path` is under it and its
// name passes the include and exclude globs.
bool ReadByWalk(const std::string& dir, const std::string& path, const PlannedReads& reads) {
  const std::string d = Resolved(dir) + "/", p = Resolved(path);
  if (p.compare(0, d.size(), d) != 0) return false;
  const std::string name = fs::path(p).filename().string();
  const auto match = [&](const std::string& glob) { return fnmatch(glob.c_str(), name.c_str(), 0) == 0; };
  const std::vector<std::string> include = reads.include.empty() ? std::vector<std::string>{"*.txt"} : reads.include;
  return std::any_of(include.begin(), include.end(), match) &&
         std::none_of(reads.exclude.begin(), reads.exclude.end(), match);
}

Status Clash(const PlannedWrite& w, const std::string& what) {
  return Status::UsageError({w.path, 0, 0}, w.option + " would overwrite " + what +
                            "; choose another name (nothing was written)");
}

}  // namespace

bool SameFile(const std::string& a, const std::string& b) {
  if (Resolved(a) == Resolved(b)) return true;
  const std::optional<FileId> ia = IdOf(a), ib = IdOf(b);
  return ia && ib && ia->dev == ib->dev && ia->ino == ib->ino;
}

Status CheckWritesApart(const std::vector<PlannedWrite>& writes, const PlannedReads& reads) {
  for (std::size_t i = 0; i < writes.size(); ++i) {
    const PlannedWrite& w = writes[i];
    if (!IsFileTarget(w.path)) continue;
    for (const std::string& input : reads.inputs) {
      if (input == "-") continue;
      std::error_code ec;
      if (fs::is_directory(input, ec)) {
        if (ReadByWalk(input, w.path, reads)) return Clash(w, "a file read from the input directory " + input);
      } else if (Matches(w, input)) {
        return Clash(w, "the input " + input);
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      const PlannedWrite& other = writes[j];
      if (IsFileTarget(other.path) && (Matches(w, other.path) || Matches(other, w.path)))
        return Clash(w, "the file of " + other.option + " (" + other.path + ")");
    }
  }
  return Status::OK();
}

}  // namespace qaextract::cli
