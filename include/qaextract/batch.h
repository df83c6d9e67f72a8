// Batch extraction: many articles in, one JSONL dataset out, in parallel,
// in input order, with every input accounted for.
//
// Inputs are files, directories (walked recursively in name order, filtered
// by include/exclude globs) and JSONL files or standard input ("-") with one
// article per line as {"id": ..., "text": ..., ...}; other fields of a JSONL
// record pass through to its output records. Each article becomes records of
// the chosen View, or one error record (id, path, code, message); articles
// dropped by a filter or as duplicates are skip records. The output is
// byte-identical whatever the number of jobs.
//
// Thread-safety: RunBatch uses `jobs` threads internally; `extract` must be
// safe to call concurrently (Extract and ExtractWithLibrary are).
#ifndef QAEXTRACT_INCLUDE_BATCH_H_
#define QAEXTRACT_INCLUDE_BATCH_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "qaextract/document.h"
#include "qaextract/options.h"
#include "qaextract/source.h"
#include "qaextract/status.h"
#include "qaextract/views.h"

namespace qaextract {

struct DuplicatePair {
  std::string id;         // the later article
  std::string duplicate_of;
  std::string kind;       // "exact" or "near"
  double similarity = 1;  // 1 for exact
};

// What became of one input, in input order: everything the run's totals and
// its duplicate detection keep about it. A run reports each outcome after
// the article's records are written (BatchSinks::outcome); a resumed run
// replays the outcomes of the interrupted one (BatchOptions::resume_from)
// instead of reading those inputs again, so it ends with the same output,
// totals and duplicate report as a run that was never interrupted.
enum class ArticleStatus {
  kOk,       // records written
  kError,    // an error record
  kSkipped,  // a skip record (no dialogue, a filter, a duplicate)
};

// "ok", "error", "skipped" (the journal's and the manifest's words).
const char* ArticleStatusName(ArticleStatus status);
// The inverse; false for any other word.
bool ParseArticleStatus(const std::string& name, ArticleStatus* status);

struct ArticleOutcome {
  std::uint64_t seq = 0;             // position in the run, from 0
  std::string id;
  ArticleStatus status = ArticleStatus::kOk;
  std::string code;                  // error or skip code
  std::uint64_t bytes = 0;           // input bytes
  std::uint64_t records = 0;         // output records written
  std::map<std::string, std::uint64_t> turns_by_role;
  std::string rules;                 // "name sha256" of the rule set used
  // For duplicate detection (empty for errors).
  std::string digest;                // of the article text
  std::string speakers_key;
  int turns = 0;
  std::vector<std::uint64_t> sketch;
  std::optional<DuplicatePair> duplicate;
};

// How far a run is, for a progress display.
struct BatchProgress {
  std::uint64_t articles = 0;     // inputs accounted for so far
  std::uint64_t errors = 0;
  std::uint64_t bytes = 0;        // input bytes of those articles
  double seconds = 0;             // since the run started
  // Input read and known in all (files and JSONL); for an estimate of the
  // time left: (bytes_total - bytes_read) / (bytes_read / seconds).
  std::uint64_t bytes_read = 0;
  std::uint64_t bytes_total = 0;
  bool final = false;             // the last call, when the run ends
};

struct BatchOptions {
  // The view written, as ViewOptions says (Views() gathers them).
  View view = View::kDocuments;
  int jobs = 0;                          // worker threads; 0: all cores
  std::vector<std::string> include;      // globs on file names in directories; default "*.txt"
  std::vector<std::string> exclude;      // globs on file names to leave out
  int min_turns = 0;                     // skip articles with fewer turns
  // Skip articles whose guessed language is not this one (src/text/language.h:
  // zh, zh-Hans, zh-Hant, ja, ko, en); empty: keep all.
  std::string lang;
  std::string role;                      // turns view: keep only this speaker role
  ChatOptions chat;                      // chat view
  ViewOptions Views() const { return ViewOptions{view, role, chat}; }
  bool dedup = false;                    // skip exact and near duplicates (always reported)
  // Called on the calling thread at most twice a second while articles are
  // written, and once at the end (final); empty: not called.
  std::function<void(const BatchProgress&)> progress;
  // Read only shard `shard_index` (0-based) of `shard_count`: a byte range of
  // each JSONL file (records aligned to line starts) and every n-th file.
  int shard_index = 0;
  int shard_count = 1;
  ExtractOptions extract;
  // Resuming: the outcomes of the interrupted run's first inputs, in order.
  // Those inputs are passed over (not read or extracted again).
  std::vector<ArticleOutcome> resume_from;
  // Set (from a signal handler) to stop reading inputs; the articles in
  // flight are finished and written, then RunBatch returns.
  const std::atomic<bool>* stop = nullptr;
};

// Where records go. `records` gets output records, `errors` error and skip
// records; they may be the same function (a stdin->stdout filter keeps one
// record per input, in order).
struct BatchSinks {
  std::function<Status(const std::string& jsonl_record)> records;
  std::function<Status(const std::string& jsonl_record)> errors;
  // Optional: told of each input's outcome once its records are written.
  std::function<Status(const ArticleOutcome&)> outcome;
  // Optional: takes each duplicate pair as it is found (in input order),
  // instead of BatchStats::duplicates holding them all.
  std::function<Status(const DuplicatePair&)> duplicate;
};

struct BatchStats {
  std::uint64_t inputs = 0, ok = 0, errors = 0, skipped = 0;
  std::uint64_t bytes = 0;      // input bytes read
  std::uint64_t records = 0;    // output records written
  std::map<std::string, std::uint64_t> turns_by_role;
  std::map<std::string, std::uint64_t> errors_by_code;
  std::uint64_t duplicate_count = 0;
  std::vector<DuplicatePair> duplicates;  // unless BatchSinks::duplicate took them
  std::vector<std::string> rules;  // "name sha256" of every rule set used
  bool stopped = false;            // BatchOptions::stop ended the run early
};

// Extracts one decoded article (for example with a RuleLibrary).
using ExtractFunction = std::function<Status(const Source&, Document*)>;

// A directory among the inputs in which no file would be read: none passes
// the include and exclude globs. `files` counts the files in it and
// `common_glob` ("*.md") names their most common extension, for a hint.
struct UnreadDirectory {
  std::string path;
  std::uint64_t files = 0;
  std::string common_glob;
};

// The directories among `inputs` that RunBatch would read nothing from.
std::vector<UnreadDirectory> FindUnreadDirectories(const std::vector<std::string>& inputs,
                                                   const BatchOptions& options);

// Runs the batch. Fails only when an input list entry cannot be opened at
// all (a missing path or unreadable directory is an error record, not a
// failure) or a sink fails.
Status RunBatch(const std::vector<std::string>& inputs, const ExtractFunction& extract,
                const BatchOptions& options, const BatchSinks& sinks, BatchStats* stats);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_BATCH_H_
