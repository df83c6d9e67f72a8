// The batch pipeline: an ordered TBB parallel_pipeline of three stages.
//
//   read (serial, in order)   InputCursor: the next file or JSONL record
//   work (parallel)           parse the JSONL record, decode, extract,
//                             render the view's records, sketch for dedup
//   write (serial, in order)  duplicates, filters, sinks, statistics
//
// At most `tokens` articles are in flight, so memory is bounded by the
// articles being worked on, not by the corpus. The write stage sees results
// in input order, so the output is the same whatever the number of jobs.
#include "qaextract/batch.h"

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <simdjson.h>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "batch/dedup.h"
#include "batch/inputs.h"
#include "batch/views.h"
#include "emit/json_sink.h"
#include "qaextract/digest.h"
#include "text/language.h"
#include "qaextract/spelling.h"
#include "text/decode.h"
#include "text/fold.h"

namespace qaextract {

Status ParseView(const std::string& name, View* view) {
  if (name == "documents") *view = View::kDocuments;
  else if (name == "turns") *view = View::kTurns;
  else if (name == "qa-pairs") *view = View::kQaPairs;
  else if (name == "chat") *view = View::kChat;
  else
    return Status::UsageError("unknown view '" + name + "'" +
                              DidYouMean(name, {"documents", "turns", "qa-pairs", "chat"}) +
                              " (documents, turns, qa-pairs or chat)");
  return Status::OK();
}

namespace internal {
namespace {

struct Result {
  InputItem item;
  std::uint64_t bytes = 0;                 // size of the input as read
  std::string records;
  int record_count = 0;
  std::string error_code, error_message;
  std::string digest;                      // of the article text
  std::string speakers_key;                // folded speaker names, for near duplicates
  int turns = 0;
  std::vector<std::uint64_t> sketch;
  std::map<std::string, std::uint64_t> turns_by_role;
  std::string rules;                       // "name sha256"
  std::string lang;                        // guessed, when --lang asks
};

std::string ErrorRecord(const std::string& id, const std::string& path, const std::string& code,
                        const std::string& message, const char* status) {
  std::string out;
  JsonSink sink(false, &out);
  sink.BeginMap();
  sink.Key("id");
  sink.String(id);
  sink.Key("path");
  sink.String(path);
  sink.Key(status);
  sink.String(code);
  sink.Key("message");
  sink.String(message);
  sink.EndMap();
  return out + "\n";
}

// The JSONL record's text and id, and its other fields for passthrough
// (minified JSON text). simdjson's DOM parser validates the whole record,
// UTF-8 included, at a few GB/s; one parser per thread is reused.
bool ParseRecord(InputItem* item, std::string* text, Passthrough* pass, std::string* code,
                 std::string* message) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(item->data).get(root); error) {
    *code = "bad-json";
    *message = std::string("not valid JSON: ") + simdjson::error_message(error);
    return false;
  }
  simdjson::dom::object record;
  if (root.get(record) != simdjson::SUCCESS) {
    *code = "bad-json";
    *message = "not a JSON object";
    return false;
  }
  bool has_text = false;
  for (const simdjson::dom::key_value_pair field : record) {
    if (field.key == "id") {
      std::string_view id;
      item->id = field.value.get(id) == simdjson::SUCCESS ? std::string(id)
                                                          : simdjson::minify(field.value);
    } else if (field.key == "text") {
      std::string_view value;
      if (field.value.get(value) != simdjson::SUCCESS) continue;
      *text = std::string(value);
      has_text = true;
    } else {
      pass->emplace_back(std::string(field.key), simdjson::minify(field.value));
    }
  }
  if (!has_text) {
    *code = "missing-text";
    *message = "the record has no \"text\" string";
    return false;
  }
  return true;
}

// Why a view wrote nothing for an article with dialogue.
std::string EmptyViewReason(const BatchOptions& options) {
  switch (options.view) {
    case View::kTurns:
      return "no turn by a speaker with --role " + options.role;
    case View::kQaPairs:
      return "no question followed by an answer (no speaker on the asking side, or none answered)";
    case View::kChat:
      return "no message on the user side (no speaker on the asking side)";
    case View::kDocuments:
      break;
  }
  return "no records";
}

Result Work(InputItem item, const ExtractFunction& extract, const BatchOptions& options) {
  Result r;
  r.bytes = item.data.size();
  r.item = std::move(item);
  if (!r.item.error_code.empty()) {
    r.error_code = r.item.error_code;
    r.error_message = r.item.error_message;
    return r;
  }
  std::string bytes;
  Passthrough pass;
  if (r.item.jsonl) {
    if (!ParseRecord(&r.item, &bytes, &pass, &r.error_code, &r.error_message)) return r;
  } else {
    bytes = std::move(r.item.data);
  }
  r.item.data.clear();
  r.digest = TextDigest(bytes);
  Source source;
  Status s = DecodeSource(std::move(bytes), r.item.path, options.extract, SourceDigest::kUnlessKept, &source);
  Document doc;
  if (s.ok()) s = extract(source, &doc);
  if (!s.ok()) {
    r.error_code = s.kind() == Status::Kind::kRuleError ? "rules" : "input";
    r.error_message = s.ToString();
    return r;
  }
  r.turns = static_cast<int>(doc.turns.size());
  std::map<std::string, std::string> role_of;
  std::set<std::string> names;
  for (const Speaker& sp : doc.speakers) {
    role_of[sp.id] = sp.role;
    names.insert(FoldKey(sp.name));
  }
  for (const Turn& t : doc.turns) ++r.turns_by_role[role_of[t.speaker]];
  for (const std::string& n : names) r.speakers_key += n + "\n";
  if (names.size() >= 2) r.sketch = Sketch(doc);
  r.rules = doc.rules.name + " " + doc.rules.sha256;
  if (!options.lang.empty()) {
    // The turns say what language the dialogue is in; without turns, the
    // text. The first 64 KB are plenty for a script count.
    constexpr std::size_t kLangSample = 64 << 10;
    std::string sample;
    for (const Turn& t : doc.turns) {
      if (sample.size() >= kLangSample) break;
      sample += t.text + "\n";
    }
    if (sample.empty()) sample = source.text.substr(0, kLangSample);
    r.lang = GuessLanguage(sample);
  }
  // An article without dialogue, or with fewer turns than asked, is a skip
  // record whatever the view: nothing to render.
  if (r.turns > 0 && r.turns >= options.min_turns) {
    // The input as read is `text` unless it was converted (then decoding
    // digested it): only the articles written are digested, and only for
    // the documents view, the one whose records show the digest.
    if (doc.source.sha256.empty() && options.view == View::kDocuments) doc.source.sha256 = Sha256Hex(source.text);
    r.record_count = RenderView(doc, options.Views(), r.item.id, pass, &r.records);
  }
  return r;
}

// The write stage's state: the totals and what duplicate detection has seen.
class Writer {
 public:
  // `cursor` tells the progress line how much input there is and has been read.
  Writer(const BatchOptions& options, const BatchSinks& sinks, BatchStats* stats, const InputCursor* cursor)
      : options_(options), sinks_(sinks), stats_(stats), cursor_(cursor) {}

  // Writes the article's records (or its error or skip record) and reports
  // its outcome.
  Status Write(const Result& r);
  // Takes in the outcome of an article written by an interrupted run.
  Status Replay(const ArticleOutcome& o) {
    Status s = Account(o);
    duplicates_.Remember(o);
    return s;
  }
  // The progress line (on a terminal): articles, MB, MB/s, ETA, errors.
  void Progress(bool final);
  // Starts the clock for MB/s and ETA (after a resumed run's inputs are passed over).
  void StartClock() {
    start_ = last_progress_ = std::chrono::steady_clock::now();
    read_at_start_ = cursor_->bytes_read();
  }

 private:
  // Adds `o` to the totals.
  Status Account(const ArticleOutcome& o);

  const BatchOptions& options_;
  const BatchSinks& sinks_;
  BatchStats* stats_;
  DuplicateDetector duplicates_;
  std::set<std::string> rules_;
  const InputCursor* cursor_;
  std::uint64_t read_at_start_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress_ = start_;
};

Status Writer::Account(const ArticleOutcome& o) {
  ++stats_->inputs;
  stats_->bytes += o.bytes;
  if (o.status == ArticleStatus::kError) {
    ++stats_->errors;
    ++stats_->errors_by_code[o.code];
    return Status::OK();
  }
  if (rules_.insert(o.rules).second) stats_->rules.push_back(o.rules);
  Status s;
  if (o.duplicate) {
    ++stats_->duplicate_count;
    if (sinks_.duplicate) s = sinks_.duplicate(*o.duplicate);
    else stats_->duplicates.push_back(*o.duplicate);
  }
  if (o.status == ArticleStatus::kSkipped) {
    ++stats_->skipped;
    return s;
  }
  ++stats_->ok;
  for (const auto& [role, n] : o.turns_by_role) stats_->turns_by_role[role] += n;
  stats_->records += o.records;
  return s;
}

Status Writer::Write(const Result& r) {
  ArticleOutcome o;
  o.seq = r.item.seq;
  o.id = r.item.id;
  o.bytes = r.bytes;
  Status s;
  if (!r.error_code.empty()) {
    o.status = ArticleStatus::kError;
    o.code = r.error_code;
    s = sinks_.errors(ErrorRecord(r.item.id, r.item.path, r.error_code, r.error_message, "error"));
  } else {
    o.rules = r.rules;
    o.digest = r.digest;
    o.speakers_key = r.speakers_key;
    o.turns = r.turns;
    o.sketch = r.sketch;
    o.duplicate = duplicates_.Find(o);
    std::string skip;
    if (o.duplicate && options_.dedup) {
      o.code = "duplicate";
      skip = o.duplicate->kind + " duplicate of " + o.duplicate->duplicate_of;
    } else if (!options_.lang.empty() && !LanguageMatches(r.lang, options_.lang)) {
      o.code = "lang";
      skip = "language " + r.lang + ", not --lang " + options_.lang;
    } else if (r.turns == 0) {
      o.code = "no-dialogue";
      skip = "no dialogue found: no line starts with a speaker marker";
    } else if (r.turns < options_.min_turns) {
      o.code = "min-turns";
      skip = std::to_string(r.turns) + " turns, fewer than --min-turns " + std::to_string(options_.min_turns);
    } else if (r.record_count == 0) {
      o.code = "no-records";
      skip = EmptyViewReason(options_);
    }
    if (!skip.empty()) {
      o.status = ArticleStatus::kSkipped;
      s = sinks_.errors(ErrorRecord(r.item.id, r.item.path, o.code, skip, "skipped"));
    } else {
      o.status = ArticleStatus::kOk;
      o.records = static_cast<std::uint64_t>(r.record_count);
      o.turns_by_role = r.turns_by_role;
      if (!r.records.empty()) s = sinks_.records(r.records);
    }
  }
  if (Status a = Account(o); s.ok()) s = a;
  duplicates_.Remember(o);
  if (s.ok() && sinks_.outcome) s = sinks_.outcome(o);
  return s;
}

void Writer::Progress(bool final) {
  if (!options_.progress) return;
  const auto now = std::chrono::steady_clock::now();
  if (!final && now - last_progress_ < std::chrono::milliseconds(500)) return;
  last_progress_ = now;
  BatchProgress p;
  p.articles = stats_->inputs;
  p.errors = stats_->errors;
  p.bytes = stats_->bytes;
  p.seconds = std::chrono::duration<double>(now - start_).count();
  // A resumed run counts what it reads itself, for a fair rate.
  p.bytes_read = cursor_->bytes_read() - read_at_start_;
  p.bytes_total = cursor_->bytes_total() - read_at_start_;
  p.final = final;
  options_.progress(p);
}

}  // namespace
}  // namespace internal

const char* ArticleStatusName(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::kOk: return "ok";
    case ArticleStatus::kError: return "error";
    case ArticleStatus::kSkipped: return "skipped";
  }
  return "";
}

bool ParseArticleStatus(const std::string& name, ArticleStatus* status) {
  for (const ArticleStatus s : {ArticleStatus::kOk, ArticleStatus::kError, ArticleStatus::kSkipped})
    if (name == ArticleStatusName(s)) {
      *status = s;
      return true;
    }
  return false;
}

Status RunBatch(const std::vector<std::string>& inputs, const ExtractFunction& extract,
                const BatchOptions& options, const BatchSinks& sinks, BatchStats* stats) {
  const int jobs = options.jobs > 0 ? options.jobs
                                    : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(jobs));
  internal::InputCursor cursor(inputs, options.include, options.exclude, options.extract.max_input_bytes,
                               options.shard_index, options.shard_count);
  internal::Writer writer(options, sinks, stats, &cursor);
  for (const ArticleOutcome& o : options.resume_from)
    if (Status s = writer.Replay(o); !s.ok()) return s;
  // The interrupted run's inputs are passed over in order, not extracted again.
  for (std::size_t i = 0; i < options.resume_from.size(); ++i) {
    internal::InputItem skipped;
    if (!cursor.Next(&skipped))
      return Status::UsageError("cannot resume: the inputs are fewer than the interrupted run's");
  }
  writer.StartClock();
  Status failure;
  const std::size_t tokens = static_cast<std::size_t>(jobs) * 4;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, internal::InputItem*>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> internal::InputItem* {
            auto item = std::make_unique<internal::InputItem>();
            if (options.stop && options.stop->load()) stats->stopped = true;
            if (!failure.ok() || stats->stopped || !cursor.Next(item.get())) {
              fc.stop();
              return nullptr;
            }
            return item.release();
          }) &
          tbb::make_filter<internal::InputItem*, internal::Result*>(
              tbb::filter_mode::parallel,
              [&](internal::InputItem* item) {
                std::unique_ptr<internal::InputItem> owned(item);
                return new internal::Result(internal::Work(std::move(*owned), extract, options));
              }) &
          tbb::make_filter<internal::Result*, void>(
              tbb::filter_mode::serial_in_order, [&](internal::Result* r) {
                std::unique_ptr<internal::Result> owned(r);
                if (failure.ok()) failure = writer.Write(*owned);
                writer.Progress(false);
              }));
  writer.Progress(true);
  return failure;
}

}  // namespace qaextract
