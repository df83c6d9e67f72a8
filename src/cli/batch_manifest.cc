#include "cli/batch_manifest.h"

#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "qaextract/qaextract.h"  // QAEXTRACT_VERSION

namespace qaextract::cli {
namespace {

std::string Now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

nlohmann::json FileJson(const std::string& path, std::uint64_t records, std::uint64_t bytes,
                        const std::string& sha256) {
  return {{"path", path}, {"records", records}, {"bytes", bytes}, {"sha256", sha256}};
}

// Everything but the duplicate pairs.
nlohmann::json Summary(const ManifestInputs& run, const BatchStats& stats) {
  nlohmann::json m;
  m["tool"] = {{"name", "qaextract"}, {"version", QAEXTRACT_VERSION}};
  m["command_line"] = run.command_line;
  m["finished"] = Now();
  m["seconds"] = run.seconds;
  m["view"] = run.view;
  m["rules"] = nlohmann::json::array();
  for (const std::string& r : stats.rules) {
    const std::size_t space = r.rfind(' ');
    m["rules"].push_back({{"name", r.substr(0, space)}, {"sha256", r.substr(space + 1)}});
  }
  m["inputs"] = {{"paths", run.inputs}, {"count", stats.inputs}, {"bytes", stats.bytes}};
  m["counts"] = {{"inputs", stats.inputs}, {"ok", stats.ok}, {"errors", stats.errors},
                 {"skipped", stats.skipped}, {"records", stats.records},
                 {"duplicates", stats.duplicate_count}};
  m["errors_by_code"] = stats.errors_by_code;
  m["turns_by_role"] = stats.turns_by_role;
  m["outputs"] = nlohmann::json::array();
  if (run.out != nullptr) {
    for (const ShardedOutput::FileInfo& f : run.out->files())
      m["outputs"].push_back(FileJson(f.path, f.records, f.bytes, f.sha256));
  }
  if (run.errors != nullptr) {
    m["outputs"].push_back(
        FileJson(run.errors->path(), run.errors->lines(), run.errors->bytes(), run.errors->sha256()));
  }
  return m;
}

}  // namespace

Status DuplicateSpill::Open() {
  file_.reset(std::tmpfile());
  if (!file_) return Status::InputError({"<tmpfile>", 0, 0}, "cannot create a temporary file");
  return Status::OK();
}

Status DuplicateSpill::Add(const DuplicatePair& d) {
  const nlohmann::json pair = {{"id", d.id}, {"duplicate_of", d.duplicate_of}, {"kind", d.kind},
                               {"similarity", std::round(d.similarity * 1000) / 1000}};
  const std::string line = (count_++ == 0 ? "\n    " : ",\n    ") + pair.dump();
  if (std::fwrite(line.data(), 1, line.size(), file_.get()) != line.size())
    return Status::InputError({"<tmpfile>", 0, 0}, "cannot write the duplicate report");
  return Status::OK();
}

// The pairs are copied a line at a time rather than built as a JSON tree.
void WriteManifest(const ManifestInputs& run, const BatchStats& stats, const DuplicateSpill& spill,
                   std::ostream& out) {
  std::string text = Summary(run, stats).dump(2);
  text.pop_back();  // the closing brace
  while (!text.empty() && text.back() == '\n') text.pop_back();
  out << text << ",\n  \"duplicates\": [";
  std::rewind(spill.file());
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, spill.file())) > 0;)
    out.write(buf, static_cast<std::streamsize>(n));
  out << (spill.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

}  // namespace qaextract::cli
