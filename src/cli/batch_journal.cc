#include "cli/batch_journal.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace qaextract::cli {
namespace {

constexpr std::size_t kOutcomesPerCheckpoint = 256;
// 2: text digests are XXH3 (batch/dedup.h TextDigest), where 1 had SHA-256;
// the two cannot be compared, so a run is resumed by the format it began in.
constexpr int kJournalFormat = 2;
constexpr auto kCheckpointInterval = std::chrono::seconds(1);

// A sketch as one string of 16 hex digits a hash: a JSON array of 128 numbers
// was most of the journal's cost.
std::string SketchText(const std::vector<std::uint64_t>& sketch) {
  std::string out(sketch.size() * 16, '0');
  for (std::size_t i = 0; i < sketch.size(); ++i) {
    std::uint64_t h = sketch[i];
    for (int d = 15; d >= 0; --d, h >>= 4) out[i * 16 + static_cast<std::size_t>(d)] = "0123456789abcdef"[h & 15];
  }
  return out;
}

std::vector<std::uint64_t> ParseSketch(const std::string& text) {
  std::vector<std::uint64_t> sketch;
  for (std::size_t i = 0; i + 16 <= text.size(); i += 16)
    sketch.push_back(std::stoull(text.substr(i, 16), nullptr, 16));
  return sketch;
}

nlohmann::json ToJson(const ArticleOutcome& o) {
  // A duplicate's sketch is never looked at again (DuplicateDetector keeps
  // the original's), so it is left out.
  nlohmann::json j = {{"seq", o.seq},       {"id", o.id},         {"status", ArticleStatusName(o.status)},
                      {"code", o.code},     {"bytes", o.bytes},   {"records", o.records},
                      {"turns_by_role", o.turns_by_role},         {"rules", o.rules},
                      {"digest", o.digest}, {"speakers_key", o.speakers_key},
                      {"turns", o.turns},   {"sketch", o.duplicate ? "" : SketchText(o.sketch)}};
  if (o.duplicate) {
    j["duplicate"] = {{"id", o.duplicate->id}, {"of", o.duplicate->duplicate_of},
                      {"kind", o.duplicate->kind}, {"similarity", o.duplicate->similarity}};
  }
  return j;
}

ArticleOutcome FromJson(const nlohmann::json& j) {
  ArticleOutcome o;
  o.seq = j.at("seq").get<std::uint64_t>();
  o.id = j.at("id").get<std::string>();
  if (!ParseArticleStatus(j.at("status").get<std::string>(), &o.status))
    throw std::invalid_argument("unknown status in the journal");
  o.code = j.at("code").get<std::string>();
  o.bytes = j.at("bytes").get<std::uint64_t>();
  o.records = j.at("records").get<std::uint64_t>();
  o.turns_by_role = j.at("turns_by_role").get<std::map<std::string, std::uint64_t>>();
  o.rules = j.at("rules").get<std::string>();
  o.digest = j.at("digest").get<std::string>();
  o.speakers_key = j.at("speakers_key").get<std::string>();
  o.turns = j.at("turns").get<int>();
  o.sketch = ParseSketch(j.at("sketch").get<std::string>());
  if (j.contains("duplicate")) {
    const nlohmann::json& d = j["duplicate"];
    o.duplicate = DuplicatePair{d.at("id").get<std::string>(), d.at("of").get<std::string>(),
                                d.at("kind").get<std::string>(), d.at("similarity").get<double>()};
  }
  return o;
}

Status WriteLine(FILE* file, const std::string& path, const nlohmann::json& j) {
  const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (std::fwrite(line.data(), 1, line.size(), file) != line.size() || std::fflush(file) != 0)
    return Status::InputError({path, 0, 0}, std::string("cannot write the journal: ") + std::strerror(errno));
  return Status::OK();
}

}  // namespace

BatchJournal::~BatchJournal() {
  if (file_ != nullptr) std::fclose(file_);
}

Status BatchJournal::Create(const std::string& path, const std::string& fingerprint) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr)
    return Status::InputError({path, 0, 0}, std::string("cannot write the journal: ") + std::strerror(errno));
  return WriteLine(file_, path_, {{"journal", kJournalFormat}, {"run", fingerprint}});
}

namespace {

// "--view 'chat' (now 'turns')": the first option whose value differs
// between two run fingerprints (JSON objects keyed by option name).
std::string RunDifference(const std::string& before, const std::string& now) {
  const nlohmann::json a = nlohmann::json::parse(before, nullptr, false);
  const nlohmann::json b = nlohmann::json::parse(now, nullptr, false);
  if (!a.is_object() || !b.is_object()) return "other inputs or options";
  std::string out;
  for (const auto& [key, value] : b.items()) {
    const nlohmann::json old = a.contains(key) ? a[key] : nlohmann::json();
    if (old == value) continue;
    std::string option = key == "inputs" ? "the inputs" : "--" + key;
    std::replace(option.begin(), option.end(), '_', '-');
    if (!out.empty()) out += ", ";
    out += option + " " + old.dump() + " (now " + value.dump() + ")";
  }
  return out.empty() ? "other inputs or options" : "other options: " + out;
}

}  // namespace

Status BatchJournal::Resume(const std::string& path, const std::string& fingerprint, JournalState* state) {
  path_ = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::UsageError("cannot resume: no journal " + path +
                              " (the run completed, or never started with this --out)");
  }
  std::string line;
  std::uint64_t good_bytes = 0;  // the journal up to its last complete line
  bool header = false;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline: a torn last line
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) break;
    if (!header) {
      const int format = j.contains("journal") && j["journal"].is_number_integer() ? j["journal"].get<int>() : 0;
      if (format != kJournalFormat) {
        return Status::UsageError({path, 0, 0}, "cannot resume: the journal was written by another version of "
                                                "qaextract (journal format " +
                                                    std::to_string(format) + ", this one reads " +
                                                    std::to_string(kJournalFormat) +
                                                    "); run the batch again without --resume");
      }
      if (!j.contains("run") || j["run"] != fingerprint) {
        return Status::UsageError({path, 0, 0}, "cannot resume: the journal belongs to a run with " +
                                                    RunDifference(j.value("run", std::string()), fingerprint));
      }
      header = true;
    } else {
      try {
        for (const nlohmann::json& o : j.at("outcomes")) state->outcomes.push_back(FromJson(o));
        state->out_shard = j.value("out_shard", std::size_t{0});
        state->out_bytes = j.at("out").get<std::uint64_t>();
        state->error_bytes = j.at("errors").get<std::uint64_t>();
      } catch (const std::exception&) {  // a JSON type error, or an unknown status
        return Status::InputError({path, 0, 0}, "cannot resume: the journal is damaged");
      }
    }
    good_bytes += line.size() + 1;
  }
  if (!header) return Status::InputError({path, 0, 0}, "cannot resume: the journal has no header");
  // Go on appending after the last complete line.
  if (truncate(path.c_str(), static_cast<off_t>(good_bytes)) != 0 ||
      (file_ = std::fopen(path.c_str(), "ab")) == nullptr)
    return Status::InputError({path, 0, 0}, std::string("cannot write the journal: ") + std::strerror(errno));
  return Status::OK();
}

void BatchJournal::Add(const ArticleOutcome& outcome) { pending_.push_back(outcome); }

bool BatchJournal::Due() const {
  return pending_.size() >= kOutcomesPerCheckpoint ||
         (!pending_.empty() && std::chrono::steady_clock::now() - last_ >= kCheckpointInterval);
}

Status BatchJournal::Checkpoint(std::size_t out_shard, std::uint64_t out_bytes, std::uint64_t error_bytes) {
  last_ = std::chrono::steady_clock::now();
  if (pending_.empty()) return Status::OK();
  nlohmann::json outcomes = nlohmann::json::array();
  for (const ArticleOutcome& o : pending_) outcomes.push_back(ToJson(o));
  pending_.clear();
  return WriteLine(file_, path_, {{"out_shard", out_shard}, {"out", out_bytes}, {"errors", error_bytes}, {"outcomes", outcomes}});
}

void BatchJournal::Remove() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  std::remove(path_.c_str());
}

}  // namespace qaextract::cli
