// qaextract batch INPUTS... --out PATH [--view V] [--jobs N] [options]
// (docs/cli.md#batch lists every option)
//
// Writes a JSONL dataset (temporary name, renamed when complete), error and
// skip records (beside the output, or inline when the output is standard
// output: one record per input, same order), a manifest for reproduction,
// and the closing line "inputs N, ok N, errors N, skipped N".
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>

#include "cli/atomic_file.h"
#include "cli/batch_journal.h"
#include "cli/batch_manifest.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/output_guard.h"
#include "cli/rules_choice.h"
#include "cli/sharded_output.h"
#include "qaextract/batch.h"
#include "qaextract/qaextract.h"
#include "qaextract/spelling.h"

namespace qaextract::cli {
namespace {

// --max-errors: the run stops once its error records pass a count, or a
// share of the inputs read (checked from the 100th input on, so that the
// first bad file does not stop a run with a 1% budget).
struct ErrorBudget {
  std::uint64_t count = UINT64_MAX;
  double rate = -1;  // < 0: no share limit
  static constexpr std::uint64_t kRateFrom = 100;

  bool Exceeded(std::uint64_t errors, std::uint64_t inputs) const {
    if (errors > count) return true;
    return rate >= 0 && inputs >= kRateFrom && static_cast<double>(errors) > rate * static_cast<double>(inputs);
  }
};

struct BatchArgs {
  std::vector<std::string> inputs;
  std::string out;
  std::string view = "documents";
  std::string errors;
  std::string manifest;
  RulesArgs rules;
  bool quiet = false;
  bool resume = false;
  std::string shard;  // "K/N"
  std::uint64_t shard_size = 0;  // bytes a output file; 0: one file
  std::vector<std::string> chat_roles;  // "ROLE=MESSAGE_ROLE"
  std::string max_errors;               // "N" or "RATE" (0.05, 5%); empty: no limit
  BatchOptions options;
  ErrorBudget budget;
  std::string command_line;
};

// A side file of the output: "data/turns.jsonl" -> "data/turns.errors.jsonl".
// Only a final ".jsonl" is dropped, so every output name has side files of
// its own: "data/turns.jsonl.zst" -> "data/turns.jsonl.zst.errors.jsonl"
// (the two datasets "turns.jsonl" and "turns.jsonl.zst" in one folder do
// not share, and overwrite, each other's manifest).
std::string Beside(const std::string& out, const std::string& suffix) {
  std::string base = out;
  const std::string ext = ".jsonl";
  if (base.size() > ext.size() && base.compare(base.size() - ext.size(), ext.size(), ext) == 0)
    base.resize(base.size() - ext.size());
  return base + suffix;
}

// What makes a run the same run for --resume: its inputs and every option
// that changes what is written.
std::string Fingerprint(const BatchArgs& args) {
  const BatchOptions& o = args.options;
  return nlohmann::json{{"inputs", args.inputs},   {"out", args.out},          {"errors", args.errors},
                        {"view", args.view},       {"rules", args.rules.ToString()},      {"include", o.include},
                        {"exclude", o.exclude},    {"min_turns", o.min_turns}, {"role", o.role}, {"lang", o.lang},
                        {"dedup", o.dedup},        {"max_input_bytes", o.extract.max_input_bytes},
                        {"shard", args.shard},     {"strict", o.extract.strict_utf8},
                        {"max_line_bytes", o.extract.max_line_bytes},
                        {"max_lines", o.extract.max_lines},
                        {"shard_size", args.shard_size}, {"chat_role", args.chat_roles},
                        {"chat_system", o.chat.system}}
      .dump();
}

std::atomic<bool> g_stop{false};

// The first SIGINT or SIGTERM asks the run to stop after the articles in
// flight (then it can be resumed); a second one ends the process at once.
void StopOnSignal(int signal) {
  if (g_stop.exchange(true)) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
}

// "K/N", 1 <= K <= N: shard K of N.
Status ParseShard(const std::string& text, BatchOptions* options) {
  int k = 0, n = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &k, &slash, &n, &extra) != 3 || slash != '/' || n < 1 ||
      k < 1 || k > n)
    return Status::UsageError("--shard wants K/N with 1 <= K <= N, got '" + text + "'");
  options->shard_index = k - 1;
  options->shard_count = n;
  return Status::OK();
}

// "interviewee=user": speaker role -> chat message role ("-": left out).
Status ParseChatRoles(const std::vector<std::string>& items, ChatOptions* chat) {
  const std::vector<std::string> messages = {"user", "assistant", "system", "-"};
  for (const std::string& item : items) {
    const std::size_t eq = item.find('=');
    const std::string role = eq == std::string::npos ? "" : item.substr(0, eq);
    const std::string message = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (role.empty() || eq == std::string::npos)
      return Status::UsageError("--chat-role wants SPEAKER_ROLE=user|assistant|system|-, got '" + item + "'");
    if (!IsKnownRole(role)) return Status::UsageError("--chat-role: " + UnknownRoleMessage(role));
    if (std::find(messages.begin(), messages.end(), message) == messages.end())
      return Status::UsageError("--chat-role: unknown message role '" + message + "'" +
                                DidYouMean(message, messages) + " (user, assistant, system or -)");
    chat->roles[role] = message == "-" ? "" : message;
  }
  return Status::OK();
}

// "10" (error records) or "0.05" / "5%" (a share of the inputs).
Status ParseMaxErrors(const std::string& text, ErrorBudget* budget) {
  if (text.empty()) return Status::OK();
  const Status bad = Status::UsageError("--max-errors wants a count (10) or a share (0.05 or 5%), got '" + text + "'");
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  const std::string rest = end;
  if (end == text.c_str() || value < 0 || (rest != "" && rest != "%")) return bad;
  if (rest == "%" || text.find('.') != std::string::npos) {
    budget->rate = rest == "%" ? value / 100 : value;
    if (budget->rate > 1) return bad;
  } else {
    budget->count = static_cast<std::uint64_t>(value);
  }
  return Status::OK();
}

// The options given as text: --view, --shard, --role, --chat-role, --max-errors.
Status ParseOptions(BatchArgs* args) {
  Status s = ParseView(args->view, &args->options.view);
  if (s.ok() && !args->shard.empty()) s = ParseShard(args->shard, &args->options);
  if (s.ok() && !args->options.role.empty() && !IsKnownRole(args->options.role))
    s = Status::UsageError("--role: " + UnknownRoleMessage(args->options.role));
  if (s.ok()) s = ParseChatRoles(args->chat_roles, &args->options.chat);
  if (s.ok()) s = ParseMaxErrors(args->max_errors, &args->budget);
  return s;
}

// Standard output, a device or a pipe (*to_stdout): errors inline, no files
// beside it. Otherwise the error file and the manifest default to names
// beside --out, whose directory must take new files.
Status ResolveOutputs(BatchArgs* args, bool* to_stdout) {
  struct stat st;
  *to_stdout = args->out == "-" ||
               (stat(args->out.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
  if (*to_stdout) {
    if (args->resume) return Status::UsageError("--resume needs --out to name a file");
    if (args->shard_size > 0) return Status::UsageError("--shard-size needs --out to name a file");
    return Status::OK();
  }
  if (Status s = CheckOutputPath(args->out, ""); !s.ok()) return s;
  if (args->errors.empty()) args->errors = Beside(args->out, ".errors.jsonl");
  if (args->manifest.empty()) args->manifest = Beside(args->out, ".manifest.json");
  return Status::OK();
}

// Every file the run writes, under its final and its temporary names
// (AtomicFile: "<name>.partial", "<name>.tmp.<pid>").
std::vector<PlannedWrite> PlannedWrites(const BatchArgs& args, bool to_stdout) {
  const std::string pid = std::to_string(getpid());
  std::vector<PlannedWrite> writes;
  const bool series = args.shard_size > 0;
  if (!to_stdout) {
    writes.push_back({"--out", args.out, series});
    writes.push_back({"--out", args.out + ".partial", false});
    writes.push_back({"the journal", Beside(args.out, ".journal"), false});
  }
  if (!args.errors.empty()) {
    writes.push_back({"--errors", args.errors, false});
    writes.push_back({"--errors", args.errors + ".partial", false});
  }
  if (!args.manifest.empty()) {
    writes.push_back({"--manifest", args.manifest, false});
    writes.push_back({"--manifest", args.manifest + ".tmp." + pid, false});
  }
  return writes;
}

// "in: warning: no file matches --include '*.txt' (12 files, mostly *.md:
// add --include '*.md')".
// The progress line on a terminal: articles, MB, MB/s, ETA, errors.
void PrintProgress(const BatchProgress& p) {
  const double mb = static_cast<double>(p.bytes) / 1e6;
  std::string eta;
  if (!p.final && p.bytes_total > p.bytes_read && p.bytes_read > 0 && p.seconds > 1) {
    const auto left = static_cast<long long>(static_cast<double>(p.bytes_total - p.bytes_read) /
                                             (static_cast<double>(p.bytes_read) / p.seconds));
    char buf[32];
    std::snprintf(buf, sizeof buf, ", ETA %lld:%02lld:%02lld", left / 3600, left / 60 % 60, left % 60);
    eta = buf;
  }
  // "\x1b[K" clears what a longer earlier line left on the right.
  std::fprintf(stderr, "\r%llu articles, %.1f MB, %.1f MB/s%s, %llu errors\x1b[K%s",
               static_cast<unsigned long long>(p.articles), mb, p.seconds > 0 ? mb / p.seconds : 0.0,
               eta.c_str(), static_cast<unsigned long long>(p.errors), p.final ? "\n" : "");
}

void WarnAboutUnreadDirectories(const BatchArgs& args) {
  for (const UnreadDirectory& d : FindUnreadDirectories(args.inputs, args.options)) {
    std::string globs;
    for (const std::string& g : args.options.include.empty() ? std::vector<std::string>{"*.txt"} : args.options.include)
      globs += (globs.empty() ? "'" : ", '") + g + "'";
    std::cerr << d.path << ": warning: no file in this directory matches --include " << globs;
    if (!args.options.exclude.empty()) std::cerr << " and not --exclude";
    std::cerr << " (" << d.files << " file" << (d.files == 1 ? "" : "s");
    if (!d.common_glob.empty()) std::cerr << ", mostly " << d.common_glob << ": add --include '" << d.common_glob << "'";
    std::cerr << ")\n";
  }
}

int RunBatchCommand(BatchArgs& args) {
  Status s = ParseOptions(&args);
  if (!s.ok()) return ReportFailure(s);
  RuleChoice rules;
  if (s = LoadRules(args.rules, &rules); !s.ok()) return ReportFailure(s);
  bool to_stdout = false;
  if (s = ResolveOutputs(&args, &to_stdout); !s.ok()) return ReportFailure(s);
  if (s = CheckWritesApart(PlannedWrites(args, to_stdout),
                           {args.inputs, args.options.include, args.options.exclude});
      !s.ok())
    return ReportFailure(s);
  // Output to files keeps a journal beside it, so the run can be resumed.
  BatchJournal journal;
  JournalState resumed;
  const std::string journal_path = to_stdout ? "" : Beside(args.out, ".journal");
  if (args.resume) s = journal.Resume(journal_path, Fingerprint(args), &resumed);
  else if (!to_stdout) s = journal.Create(journal_path, Fingerprint(args));
  if (!s.ok()) return ReportFailure(s);
  args.options.resume_from = std::move(resumed.outcomes);

  WarnAboutUnreadDirectories(args);
  ShardedOutput out;
  AtomicFile errors;
  if (s = out.Open(args.out, args.shard_size, resumed.out_shard, resumed.out_bytes, args.resume); !s.ok())
    return ReportFailure(s);
  const bool separate_errors = !args.errors.empty();
  if (separate_errors && !(s = errors.OpenResumable(args.errors, resumed.error_bytes, args.resume)).ok())
    return ReportFailure(s);
  if (!args.quiet && isatty(STDERR_FILENO)) args.options.progress = PrintProgress;
  args.options.stop = &g_stop;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);

  BatchSinks sinks;
  sinks.records = [&out](const std::string& r) { return out.Write(r); };
  sinks.errors = [&](const std::string& r) { return separate_errors ? errors.Write(r) : out.Write(r); };
  const auto checkpoint = [&]() -> Status {
    Status f = out.Flush();
    if (f.ok() && separate_errors) f = errors.Flush();
    if (f.ok()) f = journal.Checkpoint(out.shard(), out.bytes(), separate_errors ? errors.bytes() : 0);
    return f;
  };
  std::uint64_t seen = 0, failed = 0;
  bool over_budget = false;
  sinks.outcome = [&](const ArticleOutcome& o) {
    ++seen;
    if (o.status == ArticleStatus::kError) ++failed;
    if (!over_budget && args.budget.Exceeded(failed, seen)) {
      over_budget = true;
      g_stop = true;  // read no more inputs; the ones in flight are finished
    }
    if (to_stdout) return Status::OK();
    journal.Add(o);
    return journal.Due() ? checkpoint() : Status::OK();
  };
  DuplicateSpill pairs;
  if (s = pairs.Open(); !s.ok()) return ReportFailure(s);
  sinks.duplicate = [&pairs](const DuplicatePair& d) { return pairs.Add(d); };
  ExtractOptions extract_options = args.options.extract;
  extract_options.dialogue_only = true;  // an article without turns is a skip record
  const ExtractFunction extract = [&rules, extract_options](const Source& source, Document* doc) {
    return rules.Extract(source, extract_options, doc);
  };
  BatchStats stats;
  const auto start = std::chrono::steady_clock::now();
  s = RunBatch(args.inputs, extract, args.options, sinks, &stats);
  if (!to_stdout) {
    const Status c = checkpoint();
    if (s.ok()) s = c;
  }
  if (s.ok() && stats.stopped) {
    std::cerr << (over_budget ? "stopped: " : "interrupted ") << "after " << stats.inputs << " inputs (ok "
              << stats.ok << ", errors " << stats.errors << ", skipped " << stats.skipped << ")";
    if (over_budget) std::cerr << ", more errors than --max-errors " << args.max_errors;
    if (!to_stdout) std::cerr << "; the same command with --resume continues";
    std::cerr << "\n";
    return over_budget ? static_cast<int>(ExitCode::kInputError) : 130;
  }
  if (s.ok()) s = out.Commit();
  if (s.ok() && separate_errors) s = errors.Commit();
  if (!s.ok()) return ReportFailure(s);
  if (!to_stdout) journal.Remove();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!args.manifest.empty()) {
    const ManifestInputs run{args.command_line, args.view, args.inputs, to_stdout ? nullptr : &out,
                             separate_errors ? &errors : nullptr, seconds};
    s = WriteOutput(args.manifest, [&](std::ostream& o) { WriteManifest(run, stats, pairs, o); });
    if (!s.ok()) return ReportFailure(s);
  }
  if (!args.quiet || stats.errors > 0) {
    std::cerr << "inputs " << stats.inputs << ", ok " << stats.ok << ", errors " << stats.errors
              << ", skipped " << stats.skipped << "\n";
  }
  // Every input is in the dataset or in the error file either way; an
  // error record still means the run did not do all it was asked.
  return stats.errors > 0 ? static_cast<int>(ExitCode::kInputError) : 0;
}

}  // namespace

Runner SetupBatch(CLI::App* sub) {
  auto args = std::make_shared<BatchArgs>();
  sub->add_option("INPUTS", args->inputs, "Files, directories, JSONL files, or - (JSONL on stdin)")->required();
  sub->add_option("--out", args->out, "Output JSONL file, or - for standard output")->required();
  sub->add_option("--view", args->view, "documents, turns, qa-pairs or chat")
      ->capture_default_str();
  sub->add_option("--jobs", args->options.jobs, "Worker threads (default: all cores)");
  sub->add_option("--errors", args->errors, "Error and skip records (default: beside --out)");
  sub->add_option("--manifest", args->manifest, "Manifest JSON (default: beside --out)");
  AddRulesOptions(sub, &args->rules);
  // List options take one value an occurrence (or A,B), so that they never
  // swallow the inputs after them.
  sub->add_option("--include", args->options.include,
                  "Glob for files in directories (default *.txt); repeat it or give A,B")
      ->allow_extra_args(false)->delimiter(',');
  sub->add_option("--exclude", args->options.exclude,
                  "Glob for files in directories to leave out; repeat it or give A,B")
      ->allow_extra_args(false)->delimiter(',');
  sub->add_option("--min-turns", args->options.min_turns, "Skip articles with fewer turns");
  sub->add_option("--lang", args->options.lang,
                  "Keep only articles in this language, guessed from the script of their turns")
      ->check(CLI::IsMember({"zh", "zh-Hans", "zh-Hant", "ja", "ko", "en"}));
  sub->add_option("--role", args->options.role, "turns view: only turns by speakers with this role");
  sub->add_option("--chat-role", args->chat_roles,
                  "chat view: SPEAKER_ROLE=user|assistant|system|- (- leaves those turns out); "
                  "default: the asking roles (interviewer, host, ...) = user, others = assistant; "
                  "repeat it for more roles")
      ->allow_extra_args(false);
  sub->add_option("--chat-system", args->options.chat.system, "chat view: a first system message");
  sub->add_option("--max-errors", args->max_errors,
                  "Stop the run once error records pass a count (10) or a share of the inputs "
                  "(0.05 or 5%, from the 100th input on); exit 1");
  sub->add_flag("--dedup", args->options.dedup, "Skip exact and near duplicates (always reported)");
  sub->add_option("--shard", args->shard,
                  "Process only shard K of N (K/N): a byte range of each JSONL file, aligned "
                  "to line starts (the shards' outputs, concatenated in order, are the whole "
                  "run's), and every N-th file of file and directory inputs");
  sub->add_option("--shard-size", args->shard_size,
                  "Split the output into files of about this size (before compression; 100M, 1G): "
                  "OUT-00000.jsonl, OUT-00001.jsonl, ...")
      ->transform(CLI::AsSizeValue(false));
  sub->add_flag("--resume", args->resume,
                "Continue an interrupted run of the same command (from the journal beside --out)");
  sub->add_flag("--quiet", args->quiet, "No progress and no closing line unless there are errors");
  sub->add_flag("--strict", args->options.extract.strict_utf8,
               "Refuse input with invalid UTF-8 instead of writing U+FFFD with a warning");
  sub->add_option("--max-input-bytes", args->options.extract.max_input_bytes, "Largest input accepted")
      ->capture_default_str();
  sub->add_option("--max-line-bytes", args->options.extract.max_line_bytes, "Longest line accepted")
      ->capture_default_str();
  sub->add_option("--max-lines", args->options.extract.max_lines, "Most lines accepted in one article")
      ->capture_default_str();
  return [args] {
    args->command_line = CommandLine();
    return RunBatchCommand(*args);
  };
}

}  // namespace qaextract::cli
