// qaextract batch: every input accounted for, order and determinism, views,
// the stdin filter, pass-through fields, duplicates, the manifest.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <sstream>

#include <zstd.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qaextract/digest.h"
#include "testing/test_util.h"

namespace qaextract {
namespace {

std::vector<nlohmann::json> ReadJsonl(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
  return out;
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

// The output records of a run to standard output, without the skip records
// that come inline there.
std::vector<nlohmann::json> Records(const std::string& text) {
  std::vector<nlohmann::json> out;
  for (nlohmann::json& j : ReadJsonl(text))
    if (!j.contains("skipped")) out.push_back(std::move(j));
  return out;
}

// A JSONL file with the four samples, each `copies` times, ids s0, s1, ...
std::string SamplesJsonl(const std::string& dir, int copies) {
  const std::string path = dir + "/in.jsonl";
  std::ofstream out(path);
  int id = 0;
  for (int c = 0; c < copies; ++c) {
    for (const char* name : {"zh-anyong-interview-v1.txt", "zh-anyong-interview-v2.txt",
                             "zh-hant-bloomberg-podcast.txt", "zh-hant-narrative-profile.txt"}) {
      nlohmann::json j;
      j["id"] = "s" + std::to_string(id++);
      j["text"] = testing::ReadFileOrDie(testing::SourcePath(std::string("samples/") + name));
      j["url"] = std::string("https://example.org/") + name;
      out << j.dump() << "\n";
    }
  }
  return path;
}

}  // namespace

TEST_CASE("batch: every input is a record or an error record, and the counts reconcile") {
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directories(dir + "/in/sub");
  std::filesystem::copy_file(testing::SourcePath("samples/zh-anyong-interview-v1.txt"), dir + "/in/a.txt");
  std::filesystem::copy_file(testing::SourcePath("samples/zh-hant-bloomberg-podcast.txt"), dir + "/in/sub/b.txt");
  std::ofstream(dir + "/in/c.txt", std::ios::binary) << std::string("PNG\0\0\0", 6);
  std::ofstream(dir + "/in/skip.md") << "问：不在 include 里\n";
  std::ofstream(dir + "/in/d.jsonl") << "{\"id\": \"j1\", \"text\": \"问：你好？\\n答：好。\"}\nnot json\n{\"id\": \"j3\"}\n";
  testing::RunResult r = testing::RunQaextract("batch " + Quote(dir + "/in") + " " + Quote(dir + "/in/d.jsonl") +
                                               " " + Quote(dir + "/missing") + " --out " + Quote(dir + "/out.jsonl"));
  CHECK(r.exit_code == 1);  // every input accounted for, but some are error records
  CHECK(r.err == "inputs 7, ok 3, errors 4, skipped 0\n");
  const auto records = ReadJsonl(testing::ReadFileOrDie(dir + "/out.jsonl"));
  REQUIRE(records.size() == 3);
  CHECK(records[0]["id"] == dir + "/in/a.txt");
  CHECK(records[1]["id"] == dir + "/in/sub/b.txt");
  CHECK(records[2]["id"] == "j1");
  CHECK(records[0]["turns"].size() == 75);
  const auto errors = ReadJsonl(testing::ReadFileOrDie(dir + "/out.errors.jsonl"));
  REQUIRE(errors.size() == 4);
  CHECK(errors[0]["id"] == dir + "/in/c.txt");
  CHECK(errors[0]["error"] == "input");
  CHECK(errors[1]["error"] == "bad-json");
  CHECK(errors[2]["error"] == "missing-text");
  CHECK(errors[3]["error"] == "missing-input");
  const nlohmann::json manifest = nlohmann::json::parse(testing::ReadFileOrDie(dir + "/out.manifest.json"));
  CHECK(manifest["counts"]["inputs"] == 7);
  CHECK(manifest["outputs"][0]["records"] == 3);
  CHECK(manifest["rules"].size() == 3);
  for (const auto& e : std::filesystem::directory_iterator(dir))
    CHECK(e.path().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("batch: an output of many megabytes is whole on disk, as its manifest describes it") {
  // The output file is handed to disk a few megabytes at a time as it is
  // written (AtomicFile::StartWriteback), and synced and renamed at the end.
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 80);
  testing::RunResult r = testing::RunQaextract("batch " + Quote(in) + " --quiet --out " + Quote(dir + "/out.jsonl"));
  REQUIRE(r.exit_code == 0);
  const std::string written = testing::ReadFileOrDie(dir + "/out.jsonl");
  CHECK(written.size() > 6 * (1 << 20));  // past several intervals of the writeback
  const nlohmann::json manifest = nlohmann::json::parse(testing::ReadFileOrDie(dir + "/out.manifest.json"));
  CHECK(manifest["outputs"][0]["bytes"] == written.size());
  CHECK(manifest["outputs"][0]["sha256"] == Sha256Hex(written));
  CHECK(manifest["outputs"][0]["records"] == 240);
  const auto records = ReadJsonl(written);
  REQUIRE(records.size() == 240);
  CHECK(records.back()["id"] == "s318");
}

TEST_CASE("batch: the output is the same whatever the number of jobs") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 6);
  for (const char* view : {"documents", "turns"}) {
    CAPTURE(view);
    testing::RunResult one = testing::RunQaextract("batch " + Quote(in) + " --quiet --jobs 1 --view " + view +
                                                   " --out " + Quote(dir + "/one.jsonl"));
    testing::RunResult two = testing::RunQaextract("batch " + Quote(in) + " --quiet --jobs 2 --view " + view +
                                                   " --out " + Quote(dir + "/two.jsonl"));
    CHECK(one.exit_code == 0);
    CHECK(two.exit_code == 0);
    CHECK(testing::ReadFileOrDie(dir + "/one.jsonl") == testing::ReadFileOrDie(dir + "/two.jsonl"));
  }
}

TEST_CASE("batch: views turns, qa-pairs and chat, with pass-through fields") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 1);
  const std::vector<nlohmann::json> all =
      ReadJsonl(testing::RunQaextract("batch " + Quote(in) + " --quiet --view turns --out -").out);
  CHECK(all.size() == 75 + 82 + 55 + 1);  // and the narrative's skip record, inline
  CHECK(all.back()["skipped"] == "no-dialogue");
  const auto turns = Records(testing::RunQaextract("batch " + Quote(in) + " --quiet --view turns --out -").out);
  CHECK(turns.size() == 75 + 82 + 55);
  CHECK(turns[1]["id"] == "s0#1");
  CHECK(turns[1]["doc_id"] == "s0");
  // The input's other fields, under a key of their own.
  CHECK(turns[1]["input_fields"] == nlohmann::json{{"url", "https://example.org/zh-anyong-interview-v1.txt"}});
  CHECK(turns[1]["speaker"] == nlohmann::json{{"id", "liang-wenfeng"}, {"name", "梁文锋"}, {"role", "interviewee"}});
  CHECK(turns[1]["section"] == 0);  // an index, as in the documents view
  CHECK(turns[1]["section_title"] == "价钱战第一枪使怎样打响的?");

  const auto guests = Records(
      testing::RunQaextract("batch " + Quote(in) + " --quiet --view turns --role guest --out -").out);
  CHECK(guests.size() == 23);

  const auto pairs = Records(testing::RunQaextract("batch " + Quote(in) + " --quiet --view qa-pairs --out -").out);
  REQUIRE(!pairs.empty());
  CHECK(pairs[0]["question"]["speaker"] == "anyong");
  CHECK(pairs[0]["answer"]["text"] == "咱们从未想过要成为颠覆者,这一切只是无意发生的。");

  std::map<std::string, int> pairs_of;  // doc_id -> pairs so far
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    CHECK(pairs[i]["index"] == pairs_of[pairs[i]["doc_id"].get<std::string>()]++);
    CHECK(pairs[i]["id"] == pairs[i]["doc_id"].get<std::string>() + "#q" + std::to_string(pairs[i]["index"].get<int>()));
    const auto& speakers = pairs[i]["answer"]["speakers"];
    CHECK(std::set<std::string>(speakers.begin(), speakers.end()).size() == speakers.size());
  }

  const auto chats = Records(testing::RunQaextract("batch " + Quote(in) + " --quiet --view chat --out -").out);
  REQUIRE(chats.size() == 3);  // the narrative has no conversation
  const auto& messages = chats[0]["messages"];
  CHECK(messages[0]["role"] == "user");
  for (std::size_t i = 1; i < messages.size(); ++i) CHECK(messages[i]["role"] != messages[i - 1]["role"]);

  // The sides swapped, a system message first, and clips (the podcast's
  // quoted voices) left out.
  const auto swapped = Records(testing::RunQaextract("batch " + Quote(in) +
                                                       " --quiet --view chat --chat-system 'You are 梁文锋.'"
                                                       " --chat-role interviewer=assistant --chat-role interviewee=user"
                                                       " --chat-role clip=- --out -").out);
  REQUIRE(swapped.size() == 3);
  const auto& m = swapped[0]["messages"];
  CHECK(m[0] == nlohmann::json{{"role", "system"}, {"content", "You are 梁文锋."}});
  // The conversation starts with the user side: the interviewer's first
  // question, now an assistant message, is left out and counted.
  CHECK(swapped[0]["turns_left_out"] == 1);
  CHECK(m[1]["role"] == "user");
  CHECK(m[1]["content"] == messages[1]["content"]);
  CHECK(m[2]["role"] == "assistant");
  CHECK(m.size() == messages.size());
  const auto says_clip = [](const std::vector<nlohmann::json>& records) {  // a clip in the podcast
    for (const auto& chat : records)
      if (chat["messages"].dump(-1, ' ', false).find("例如,我哭是因為別人很愚蠢") != std::string::npos) return true;
    return false;
  };
  CHECK(says_clip(chats));
  CHECK_FALSE(says_clip(swapped));

  const testing::RunResult bad = testing::RunQaextract("batch " + Quote(in) + " --view chat --chat-role host=bot --out -");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--chat-role: unknown message role 'bot' (user, assistant, system or -)") != std::string::npos);
  const testing::RunResult typo = testing::RunQaextract("batch " + Quote(in) + " --view chat --chat-role interviewr=user --out -");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown role 'interviewr'; did you mean 'interviewer'?") != std::string::npos);
}

TEST_CASE("batch: the documents view writes each paragraph once, as a line of text") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 1);
  const auto docs = Records(testing::RunQaextract("batch " + Quote(in) + " --quiet --out -").out);
  REQUIRE(docs.size() == 3);
  const nlohmann::json converted = nlohmann::json::parse(
      testing::RunQaextract("convert " + Quote(testing::SourcePath("samples/zh-anyong-interview-v1.txt"))).out);
  REQUIRE(docs[0]["turns"].size() == converted["turns"].size());
  for (std::size_t i = 0; i < converted["turns"].size(); ++i) {
    const auto& turn = docs[0]["turns"][i];
    CHECK_FALSE(turn.contains("paragraphs"));
    // The paragraphs are the lines of text, as convert writes them.
    std::vector<std::string> lines;
    std::istringstream text(turn["text"].get<std::string>());
    for (std::string line; std::getline(text, line);) lines.push_back(line);
    CHECK(nlohmann::json(lines) == converted["turns"][i]["paragraphs"]);
  }
}

TEST_CASE("batch: each written document carries the SHA-256 of its input as read, in any encoding") {
  // Batch digests only the articles it writes (kept text, or the bytes
  // before conversion); the digest is the one convert gives.
  const std::string dialogue = "问：今天好吗？\n答：很好，谢谢。\n问：明天呢？\n答：也很好。\n";
  // The same dialogue in UTF-16LE with its BOM (NUL bytes inside: sized by
  // the array, not by strlen).
  static const char kUtf16[] =
      "\xff\xfe\xee\x95\x1a\xff\xca\x4e\x29\x59\x7d\x59\x17\x54\x1f\xff\x0a\x00\x54\x7b\x1a\xff\x88"
      "\x5f\x7d\x59\x0c\xff\x22\x8c\x22\x8c\x02\x30\x0a\x00\xee\x95\x1a\xff\x0e\x66\x29\x59\x62\x54"
      "\x1f\xff\x0a\x00\x54\x7b\x1a\xff\x5f\x4e\x88\x5f\x7d\x59\x02\x30\x0a\x00";
  const std::string utf16(kUtf16, sizeof kUtf16 - 1);
  REQUIRE(utf16.size() == 64);
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directory(dir + "/in");
  std::ofstream(dir + "/in/a.txt", std::ios::binary) << dialogue;
  std::ofstream(dir + "/in/b.txt", std::ios::binary) << "\xEF\xBB\xBF" + dialogue;  // with a BOM
  std::ofstream(dir + "/in/c.txt", std::ios::binary) << utf16;
  const auto docs = Records(testing::RunQaextract("batch " + Quote(dir + "/in") + " --quiet --out -").out);
  REQUIRE(docs.size() == 3);
  std::set<std::string> encodings;
  for (const auto& doc : docs) {
    const std::string path = doc["source"]["path"].get<std::string>();
    CAPTURE(path);
    CHECK(doc["turns"].size() == 4);
    CHECK(doc["source"]["sha256"] == Sha256Hex(testing::ReadFileOrDie(path)));
    const nlohmann::json converted = nlohmann::json::parse(testing::RunQaextract("convert " + Quote(path)).out);
    CHECK(doc["source"]["sha256"] == converted["source"]["sha256"]);
    encodings.insert(doc["source"]["encoding"].get<std::string>());
  }
  CHECK(encodings == std::set<std::string>{"UTF-8", "UTF-8-BOM", "UTF-16LE"});
}

TEST_CASE("batch: stdin to stdout is a filter, one record per input record, in order") {
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/in.jsonl") << "{\"id\": \"a\", \"text\": \"问：一？\\n答：二。\\n问：三？\\n答：四。\"}\n"
                                      "{\"id\": \"b\"}\n"
                                      "{\"id\": \"c\", \"text\": \"没有对话。\"}\n";
  testing::RunResult r = testing::RunQaextractIn(".", "batch - --out - --quiet", dir + "/in.jsonl");
  CHECK(r.exit_code == 1);  // record b has no text: an error record
  const auto records = ReadJsonl(r.out);
  REQUIRE(records.size() == 3);
  CHECK(records[0]["id"] == "a");
  CHECK(records[0]["turns"].size() == 4);
  CHECK(records[1]["id"] == "b");
  CHECK(records[1]["error"] == "missing-text");
  CHECK(records[2]["id"] == "c");
  CHECK(records[2]["skipped"] == "no-dialogue");  // a skip record, in order
  CHECK(r.err == "inputs 3, ok 1, errors 1, skipped 1\n");
}

TEST_CASE("batch: duplicates are reported, and dropped with --dedup, --min-turns skips") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 2);
  testing::RunResult r = testing::RunQaextract("batch " + Quote(in) + " --dedup --out " + Quote(dir + "/o.jsonl"));
  // The narrative sample holds no dialogue: a no-dialogue skip record.
  CHECK(r.err == "inputs 8, ok 2, errors 0, skipped 6\n");
  const nlohmann::json m = nlohmann::json::parse(testing::ReadFileOrDie(dir + "/o.manifest.json"));
  REQUIRE(m["duplicates"].size() == 5);
  CHECK(m["duplicates"][0]["id"] == "s1");
  CHECK(m["duplicates"][0]["duplicate_of"] == "s0");
  CHECK(m["duplicates"][0]["kind"] == "near");
  CHECK(m["duplicates"][1]["kind"] == "exact");
  r = testing::RunQaextract("batch " + Quote(in) + " --min-turns 1 --out " + Quote(dir + "/m.jsonl"));
  CHECK(r.err == "inputs 8, ok 6, errors 0, skipped 2\n");
  const auto skips = ReadJsonl(testing::ReadFileOrDie(dir + "/m.errors.jsonl"));
  REQUIRE(skips.size() == 2);
  CHECK(skips[0]["skipped"] == "no-dialogue");  // no turn at all says more than too few
  // Too few turns for --min-turns, but some: a min-turns skip.
  r = testing::RunQaextract("batch " + Quote(in) + " --min-turns 60 --out " + Quote(dir + "/n.jsonl"));
  const auto few = ReadJsonl(testing::ReadFileOrDie(dir + "/n.errors.jsonl"));
  REQUIRE_FALSE(few.empty());
  CHECK(few[0]["skipped"] == "min-turns");
}

}  // namespace qaextract

#include <sys/stat.h>

namespace qaextract {

TEST_CASE("batch: --out to a pipe writes into it, errors inline, nothing beside it") {
  const std::string dir = testing::MakeTempDir();
  const std::string fifo = dir + "/pipe";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  testing::RunResult r = testing::RunQaextract(
      "batch " + Quote(testing::SourcePath("samples")) + " /nonexistent --quiet --out " + Quote(fifo) +
      " & timeout 20 cat " + Quote(fifo) + " > " + Quote(dir + "/copy.jsonl") + "; wait");
  const auto records = ReadJsonl(testing::ReadFileOrDie(dir + "/copy.jsonl"));
  REQUIRE(records.size() == 5);
  CHECK(records[4]["error"] == "missing-input");
  struct stat st;
  REQUIRE(stat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files += e.path().filename() != "pipe";
  CHECK(files == 1);  // copy.jsonl only
}

}  // namespace qaextract

namespace qaextract {
namespace {

// Starts qaextract with `args` in the background; returns its pid.
pid_t Spawn(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(QAEXTRACT_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stderr);
    execv(QAEXTRACT_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

std::size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  return static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
}

// Stops the run with `signal` once its journal holds a checkpoint; returns
// the exit status.
int InterruptAfterCheckpoint(const std::string& journal, const std::vector<std::string>& args,
                             int signal) {
  const pid_t pid = Spawn(args);
  int status = 0;
  for (int i = 0; i < 6000; ++i) {  // up to a minute (sanitizer builds are slow)
    if (CountLines(journal) >= 2) break;
    if (waitpid(pid, &status, WNOHANG) == pid) return status;  // finished first
    usleep(10000);
  }
  kill(pid, signal);
  waitpid(pid, &status, 0);
  return status;
}

// Starts qaextract with `args` and sends `signal` once `path` exists (a
// shard finished), or returns the exit status if it ends first.
int InterruptWhenWritten(const std::string& path, const std::vector<std::string>& args, int signal) {
  const pid_t pid = Spawn(args);
  int status = 0;
  for (int i = 0; i < 6000; ++i) {  // up to a minute (sanitizer builds are slow)
    if (std::filesystem::exists(path)) break;
    if (waitpid(pid, &status, WNOHANG) == pid) return status;  // finished first
    usleep(10000);
  }
  kill(pid, signal);
  waitpid(pid, &status, 0);
  return status;
}

nlohmann::json ManifestCounts(const std::string& path) {
  nlohmann::json m = nlohmann::json::parse(testing::ReadFileOrDie(path));
  return {m["counts"], m["turns_by_role"], m["duplicates"], m["rules"], m["outputs"][0]["sha256"],
          m["outputs"][1]["sha256"], m["outputs"][0]["records"]};
}

}  // namespace

// Decompresses a file of zstd frames.
std::string Unzstd(const std::string& path) {
  const std::string in = testing::ReadFileOrDie(path);
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  std::string out, buffer(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  while (input.pos < input.size) {
    ZSTD_outBuffer output{buffer.data(), buffer.size(), 0};
    const std::size_t r = ZSTD_decompressStream(dctx, &output, &input);
    REQUIRE_FALSE(ZSTD_isError(r));
    out.append(buffer.data(), output.pos);
  }
  ZSTD_freeDCtx(dctx);
  return out;
}

TEST_CASE("batch --resume: killed or interrupted midway, the resumed run equals an uninterrupted one") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 300);  // 1,200 articles
  const auto args = [&](const std::string& out, bool resume) {
    std::vector<std::string> a{"batch", in, "--out", dir + "/" + out, "--jobs", "2", "--quiet"};
    if (resume) a.push_back("--resume");
    return a;
  };
  testing::RunResult whole = testing::RunQaextract("batch " + Quote(in) + " --out " + Quote(dir + "/whole.jsonl") + " --jobs 2 --quiet");
  REQUIRE(whole.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(dir + "/whole.journal"));

  struct Case {
    int signal;
    std::string name, ext;
  };
  for (const Case& c : {Case{SIGKILL, "killed", ".jsonl"}, Case{SIGINT, "interrupted", ".jsonl"},
                        Case{SIGKILL, "killed-zst", ".jsonl.zst"}}) {
    CAPTURE(c.name);
    const std::string out = dir + "/" + c.name + c.ext;
    // Side files are named from the whole output name, less a final ".jsonl".
    const std::string side = dir + "/" + c.name + (c.ext == ".jsonl" ? "" : c.ext);
    const int status = InterruptAfterCheckpoint(side + ".journal", args(c.name + c.ext, false), c.signal);
    if (c.signal == SIGKILL) {
      REQUIRE(WIFSIGNALED(status));
    } else {
      REQUIRE(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 130);
    }
    CHECK_FALSE(std::filesystem::exists(out));  // nothing under the final name
    REQUIRE(std::filesystem::exists(out + ".partial"));
    if (c.ext == ".jsonl") {
      const std::size_t partial = CountLines(out + ".partial");
      CHECK(partial > 0);
      CHECK(partial < 1200);
    }

    std::string resume_args;
    for (const std::string& a : args(c.name + c.ext, true)) resume_args += Quote(a) + " ";
    const testing::RunResult resumed = testing::RunQaextract(resume_args);
    REQUIRE(resumed.exit_code == 0);
    const std::string records = c.ext == ".jsonl" ? testing::ReadFileOrDie(out) : Unzstd(out);
    CHECK(records == testing::ReadFileOrDie(dir + "/whole.jsonl"));
    CHECK(testing::ReadFileOrDie(side + ".errors.jsonl") == testing::ReadFileOrDie(dir + "/whole.errors.jsonl"));
    nlohmann::json resumed_counts = ManifestCounts(side + ".manifest.json");
    nlohmann::json whole_counts = ManifestCounts(dir + "/whole.manifest.json");
    if (c.ext != ".jsonl") {  // the compressed file's digest differs, of course
      resumed_counts.erase(4);
      whole_counts.erase(4);
    }
    CHECK(resumed_counts == whole_counts);
    CHECK_FALSE(std::filesystem::exists(side + ".journal"));
    CHECK_FALSE(std::filesystem::exists(out + ".partial"));
  }
}

TEST_CASE("batch --resume: refused without a journal, or for other inputs") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 1);
  testing::RunResult r = testing::RunQaextract("batch " + Quote(in) + " --out " + Quote(dir + "/o.jsonl") + " --resume");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot resume: no journal") != std::string::npos);
  std::ofstream(dir + "/o.journal") << "{\"journal\":2,\"run\":\"something else\"}\n";
  r = testing::RunQaextract("batch " + Quote(in) + " --out " + Quote(dir + "/o.jsonl") + " --resume");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("other inputs or options") != std::string::npos);
  // A journal of the format before (its text digests were SHA-256, which
  // cannot be compared with XXH3's) is refused by name, not misread.
  std::ofstream(dir + "/o.journal") << "{\"journal\":1,\"run\":\"something else\"}\n";
  r = testing::RunQaextract("batch " + Quote(in) + " --out " + Quote(dir + "/o.jsonl") + " --resume");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("written by another version of qaextract (journal format 1, this one reads 2)") !=
        std::string::npos);
  r = testing::RunQaextract("batch " + Quote(in) + " --out - --resume");
  CHECK(r.exit_code == 2);
}

}  // namespace qaextract

namespace qaextract {

// The lines of a JSONL text, sorted.
std::vector<std::string> SortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// JSONL files are cut into byte ranges, so their shards concatenate to the
// whole; files are dealt round-robin, so their shards hold the same records.
TEST_CASE("batch --shard K/N: the shards, concatenated in order, are the whole run") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 5);  // 20 records of 13-23 KB
  {  // a blank line and a record without an id, to shard around them too
    std::ofstream more(in, std::ios::app);
    more << "\n{\"text\": \"问：在吗？\\n答：在。\"}\n";
  }
  std::filesystem::create_directories(dir + "/files");
  for (int i = 0; i < 7; ++i)
    std::ofstream(dir + "/files/" + std::to_string(i) + ".txt") << "问：第" << i << "个？\n答：好。\n";
  for (const std::string& input : {in, dir + "/files"}) {
    const testing::RunResult whole =
        testing::RunQaextract("batch " + Quote(input) + " --out " + Quote(dir + "/whole.jsonl") + " --quiet");
    REQUIRE(whole.exit_code == 0);
    for (int n : {1, 2, 3, 7}) {
      CAPTURE(input);
      CAPTURE(n);
      std::string joined;
      for (int k = 1; k <= n; ++k) {
        const std::string out = dir + "/shard" + std::to_string(k) + ".jsonl";
        const testing::RunResult r = testing::RunQaextract("batch " + Quote(input) + " --shard " + std::to_string(k) +
                                                           "/" + std::to_string(n) + " --out " + Quote(out) + " --quiet");
        REQUIRE(r.exit_code == 0);
        joined += testing::ReadFileOrDie(out);
      }
      if (input == in) CHECK(joined == testing::ReadFileOrDie(dir + "/whole.jsonl"));
      else CHECK(SortedLines(joined) == SortedLines(testing::ReadFileOrDie(dir + "/whole.jsonl")));
    }
  }
  CHECK(testing::RunQaextract("batch " + Quote(in) + " --shard 0/3 --out -").exit_code == 2);
  CHECK(testing::RunQaextract("batch " + Quote(in) + " --shard 4/3 --out -").exit_code == 2);
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("batch --lang keeps the articles in that language, the others are skip records") {
  const std::string dir = testing::MakeTempDir();
  const testing::RunResult r = testing::RunQaextract("batch " + Quote(testing::SourcePath("samples")) +
                                                     " --lang zh-Hant --out " + Quote(dir + "/out.jsonl"));
  CHECK(r.exit_code == 0);
  // The podcast is kept; the two Simplified interviews are skipped for their
  // language, the Traditional narrative for having no dialogue.
  CHECK(r.err == "inputs 4, ok 1, errors 0, skipped 3\n");
  for (const auto& rec : ReadJsonl(testing::ReadFileOrDie(dir + "/out.jsonl")))
    CHECK(rec["id"].get<std::string>().find("zh-hant-") != std::string::npos);
  int lang = 0;
  for (const auto& skip : ReadJsonl(testing::ReadFileOrDie(dir + "/out.errors.jsonl"))) {
    if (skip["skipped"] == "no-dialogue") {
      CHECK(skip["id"].get<std::string>().find("narrative") != std::string::npos);
      continue;
    }
    ++lang;
    CHECK(skip["skipped"] == "lang");
    CHECK(skip["message"] == "language zh-Hans, not --lang zh-Hant");
  }
  CHECK(lang == 2);
}

}  // namespace qaextract

namespace qaextract {

// "dir/name.jsonl" -> "dir/name-0000N.jsonl"
std::size_t CountLinesIn(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string ShardName(const std::string& dir, const std::string& name, std::size_t i, const std::string& ext) {
  char number[16];
  std::snprintf(number, sizeof number, "-%05zu", i);
  return dir + "/" + name + number + ext;
}

TEST_CASE("batch --shard-size: compressed shards keep .jsonl.zst whole") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 2);
  REQUIRE(testing::RunQaextract("batch " + Quote(in) + " --out " + Quote(dir + "/z.jsonl.zst") +
                                " --shard-size 1 --quiet").exit_code == 0);
  std::string joined;
  // Two copies of the three samples with dialogue (the narrative is a skip
  // record): one article a file at a shard size of one byte.
  for (std::size_t i = 0; i < 6; ++i) joined += Unzstd(ShardName(dir, "z", i, ".jsonl.zst"));
  CHECK_FALSE(std::filesystem::exists(ShardName(dir, "z", 6, ".jsonl.zst")));
  CHECK(CountLinesIn(joined) == 6);
}

TEST_CASE("batch --shard-size: files of about that size that concatenate to the whole output, resumable") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 300);  // 1,200 articles (900 with dialogue), ~10 MB of documents
  REQUIRE(testing::RunQaextract("batch " + Quote(in) + " --out " + Quote(dir + "/whole.jsonl") + " --quiet")
              .exit_code == 0);
  const auto outputs = [&](const std::string& name) {
    return nlohmann::json::parse(testing::ReadFileOrDie(dir + "/" + name + ".manifest.json"))["outputs"];
  };
  // 1M: the documents view (each paragraph once) is about 10 MB here, so
  // there are many shards, and a kill after the first checkpoint lands well
  // before the last.
  const std::vector<std::string> sharded{"batch", in, "--out", dir + "/sharded.jsonl", "--shard-size", "1M",
                                         "--jobs", "2", "--quiet"};
  std::string command;
  for (const std::string& a : sharded) command += Quote(a) + " ";
  REQUIRE(testing::RunQaextract(command).exit_code == 0);
  const nlohmann::json files = outputs("sharded");
  REQUIRE(files.size() > 3);  // the shards, then the error file
  std::string joined;
  std::uint64_t records = 0;
  for (std::size_t i = 0; i + 1 < files.size(); ++i) {
    CAPTURE(i);
    CHECK(files[i]["path"] == ShardName(dir, "sharded", i, ".jsonl"));
    const std::string text = testing::ReadFileOrDie(files[i]["path"].get<std::string>());
    CHECK(text.size() == files[i]["bytes"].get<std::uint64_t>());
    if (i + 2 < files.size()) {  // every shard but the last is full: 1 MiB and at most one article more
      CHECK(text.size() >= (1u << 20));
      CHECK(text.size() < (1u << 20) + (1u << 20));
    }
    records += files[i]["records"].get<std::uint64_t>();
    joined += text;
  }
  CHECK(records == 900);  // 300 copies of the three samples with dialogue
  CHECK(joined == testing::ReadFileOrDie(dir + "/whole.jsonl"));
  CHECK(files.back()["path"] == dir + "/sharded.errors.jsonl");

  // A shard left by an earlier, longer run is pointed out.
  const std::string stale = ShardName(dir, "sharded", files.size() - 1, ".jsonl");
  std::ofstream(stale) << "{}\n";
  const testing::RunResult again = testing::RunQaextract(command);
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("warning: " + stale + " and any after it are left from an earlier run") != std::string::npos);

  // Killed midway and resumed: the same files, digests and counts.
  std::vector<std::string> killed = sharded;
  killed[3] = dir + "/killed.jsonl";
  // Killed once the first shard is written (how far a checkpoint gets
  // depends on the machine's speed; a finished shard does not).
  const int status = InterruptWhenWritten(ShardName(dir, "killed", 0, ".jsonl"), killed, SIGKILL);
  REQUIRE(WIFSIGNALED(status));
  CHECK(std::filesystem::exists(ShardName(dir, "killed", 0, ".jsonl")));  // shards done before the kill stay
  CHECK_FALSE(std::filesystem::exists(ShardName(dir, "killed", files.size() - 2, ".jsonl")));
  command.clear();
  for (const std::string& a : killed) command += Quote(a) + " ";
  REQUIRE(testing::RunQaextract(command + "--resume").exit_code == 0);
  nlohmann::json resumed = outputs("killed");
  REQUIRE(resumed.size() == files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    CAPTURE(i);
    CHECK(resumed[i]["sha256"] == files[i]["sha256"]);
    CHECK(resumed[i]["records"] == files[i]["records"]);
    if (i + 1 < files.size()) CHECK_FALSE(std::filesystem::exists(ShardName(dir, "killed", i, ".jsonl") + ".partial"));
  }
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("batch: progress on a terminal, none when piped") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = SamplesJsonl(dir, 100);
  // util-linux `script` runs the command on a pseudo-terminal.
  const std::string command = "script -qec " +
                              Quote(std::string(QAEXTRACT_BINARY) + " batch " + Quote(in) + " --jobs 1 --out " +
                                    Quote(dir + "/o.jsonl")) +
                              " /dev/null > " + Quote(dir + "/tty.txt");
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string tty = testing::ReadFileOrDie(dir + "/tty.txt");
  CHECK(tty.find("\r400 articles, ") != std::string::npos);  // the final line
  CHECK(tty.find(" MB/s") != std::string::npos);
  CHECK(tty.find("inputs 400, ok 300, errors 0, skipped 100") != std::string::npos);

  const testing::RunResult piped = testing::RunQaextract("batch " + Quote(in) + " --out " + Quote(dir + "/p.jsonl"));
  CHECK(piped.exit_code == 0);
  CHECK(piped.err == "inputs 400, ok 300, errors 0, skipped 100\n");  // the narratives: no dialogue
}

}  // namespace qaextract
