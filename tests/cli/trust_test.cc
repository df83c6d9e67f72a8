// Trust: a run never overwrites what it reads, never reports success for a
// failure, and never shares a port; arguments never swallow each other.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "testing/test_util.h"

namespace qaextract {
namespace {

std::string Quote(const std::string& s) { return "'" + s + "'"; }

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const char kJsonl[] = "{\"id\": \"a\", \"text\": \"问：你好吗？\\n答：很好。\\n问：再见？\\n答：再见。\"}\n";

// A directory with the input `v.jsonl`.
std::string DatasetDir() {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/v.jsonl", kJsonl);
  return dir;
}

// Refused with exit 2 before anything was written: the input is as it was
// and no file appeared beside it.
void CheckRefused(const std::string& dir, const std::string& args, const std::string& says) {
  CAPTURE(args);
  const auto before = std::distance(std::filesystem::directory_iterator(dir), {});
  const testing::RunResult r = testing::RunQaextractIn(dir, args);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(says) != std::string::npos);
  CHECK(r.err.find("nothing was written") != std::string::npos);
  CHECK(testing::ReadFileOrDie(dir + "/v.jsonl") == kJsonl);
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == before);
}

}  // namespace

TEST_CASE("never overwrites: --out, --errors or --manifest naming the input") {
  const std::string dir = DatasetDir();
  CheckRefused(dir, "batch v.jsonl --out v.jsonl --view chat", "v.jsonl: error: --out would overwrite the input v.jsonl");
  CheckRefused(dir, "batch v.jsonl --out o.jsonl --errors v.jsonl", "--errors would overwrite the input v.jsonl");
  CheckRefused(dir, "batch v.jsonl --out o.jsonl --manifest v.jsonl", "--manifest would overwrite the input v.jsonl");
  std::filesystem::create_directory(dir + "/sub");
  CheckRefused(dir, "batch v.jsonl --out ./sub/../v.jsonl", "would overwrite the input");
}

TEST_CASE("never overwrites: through a symbolic link or a hard link") {
  const std::string dir = DatasetDir();
  std::filesystem::create_symlink(dir + "/v.jsonl", dir + "/link.jsonl");
  std::filesystem::create_hard_link(dir + "/v.jsonl", dir + "/hard.jsonl");
  CheckRefused(dir, "batch link.jsonl --out v.jsonl", "--out would overwrite the input link.jsonl");
  CheckRefused(dir, "batch v.jsonl --out link.jsonl", "--out would overwrite the input v.jsonl");
  CheckRefused(dir, "batch v.jsonl --out hard.jsonl", "--out would overwrite the input v.jsonl");
  CheckRefused(dir, "batch hard.jsonl --out o.jsonl --manifest v.jsonl", "--manifest would overwrite");
}

TEST_CASE("never overwrites: outputs that name each other, shards, a file a directory walk reads") {
  const std::string dir = DatasetDir();
  CheckRefused(dir, "batch v.jsonl --out o.jsonl --errors o.jsonl", "--errors would overwrite the file of --out");
  CheckRefused(dir, "batch v.jsonl --out o.jsonl --manifest o.errors.jsonl",
               "--manifest would overwrite the file of --errors");
  // The input is shard 3 of the series --shard-size would write.
  WriteFile(dir + "/d-00003.jsonl", kJsonl);
  CheckRefused(dir, "batch d-00003.jsonl --out d.jsonl --shard-size 1M", "--out would overwrite the input d-00003.jsonl");
  // A walk of the folder would read the output (--include '*.jsonl').
  std::filesystem::create_directory(dir + "/in");
  WriteFile(dir + "/in/a.jsonl", kJsonl);
  CheckRefused(dir, "batch in --include '*.jsonl' --out in/out.jsonl",
               "--out would overwrite a file read from the input directory in");
  // Without that glob the same output is fine.
  const testing::RunResult ok = testing::RunQaextractIn(dir, "batch in --include '*.txt' --out in/out.jsonl --quiet");
  CHECK(ok.exit_code == 0);
}

TEST_CASE("never overwrites: sibling datasets keep their own side files") {
  const std::string dir = DatasetDir();
  REQUIRE(testing::RunQaextractIn(dir, "batch v.jsonl --out docs.jsonl --quiet").exit_code == 0);
  const std::string manifest = testing::ReadFileOrDie(dir + "/docs.manifest.json");
  const std::string errors = testing::ReadFileOrDie(dir + "/docs.errors.jsonl");
  REQUIRE(testing::RunQaextractIn(dir, "batch v.jsonl --out docs.jsonl.zst --view chat --quiet").exit_code == 0);
  CHECK(testing::ReadFileOrDie(dir + "/docs.manifest.json") == manifest);
  CHECK(testing::ReadFileOrDie(dir + "/docs.errors.jsonl") == errors);
  CHECK(std::filesystem::exists(dir + "/docs.jsonl.zst.manifest.json"));
  CHECK(std::filesystem::exists(dir + "/docs.jsonl.zst.errors.jsonl"));
  CHECK(testing::ReadFileOrDie(dir + "/v.jsonl") == kJsonl);
}

TEST_CASE("exit codes: an error record fails the run, --max-errors stops it early") {
  const std::string dir = DatasetDir();
  WriteFile(dir + "/bad.txt", std::string("PNG\0\0\0", 6));
  testing::RunResult r = testing::RunQaextractIn(dir, "batch v.jsonl bad.txt missing.txt --out o.jsonl");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "inputs 3, ok 1, errors 2, skipped 0\n");
  r = testing::RunQaextractIn(dir, "batch v.jsonl --out o.jsonl");
  CHECK(r.exit_code == 0);

  for (int i = 0; i < 5; ++i) WriteFile(dir + "/bad" + std::to_string(i) + ".txt", std::string("\0\0", 2));
  r = testing::RunQaextractIn(dir, "batch bad0.txt bad1.txt bad2.txt bad3.txt bad4.txt v.jsonl --jobs 1 --max-errors 1 --out m.jsonl");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("stopped: after") != std::string::npos);
  CHECK(r.err.find("more errors than --max-errors 1") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/m.jsonl"));  // no dataset under the final name

  for (const char* bad : {"ten", "-1", "150%", "1.5"}) {
    CAPTURE(bad);
    r = testing::RunQaextractIn(dir, std::string("batch v.jsonl --out n.jsonl --max-errors ") + bad);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--max-errors wants a count") != std::string::npos);
  }
  r = testing::RunQaextractIn(dir, "batch v.jsonl --out n.jsonl --max-errors 5% --quiet");
  CHECK(r.exit_code == 0);
}

TEST_CASE("exit codes: unknown roles and views are refused with the accepted list") {
  const std::string dir = DatasetDir();
  testing::RunResult r = testing::RunQaextractIn(dir, "batch v.jsonl --out o.jsonl --view turns --role guset");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown role 'guset'; did you mean 'guest'? (roles: interviewer,") != std::string::npos);
  r = testing::RunQaextractIn(dir, "batch v.jsonl --out o.jsonl --view chta");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown view 'chta'; did you mean 'chat'?") != std::string::npos);
  WriteFile(dir + "/r.yaml",
            "name: r\nspeakers:\n  - id: q\n    role: interviwer\n    markers: ['问：']\n");
  r = testing::RunQaextractIn(dir, "rules lint r.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("r.yaml:4:11: error: [unknown-role] speakers[0].role: unknown role 'interviwer'; did you mean 'interviewer'?") !=
        std::string::npos);
}

TEST_CASE("exit codes: a directory with no file to read is warned about, naming --include") {
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directory(dir + "/mdonly");
  WriteFile(dir + "/mdonly/a.md", "问：你好吗？\n答：很好。\n问：再见？\n答：再见。\n");
  testing::RunResult r = testing::RunQaextractIn(dir, "batch mdonly --out x.jsonl");
  CHECK(r.err.find("mdonly: warning: no file in this directory matches --include '*.txt' (1 file, mostly *.md: "
                   "add --include '*.md')") != std::string::npos);
  // A list option takes one value, so the input after it stays an input.
  r = testing::RunQaextractIn(dir, "batch --include '*.md' mdonly --out y.jsonl");
  CHECK(r.exit_code == 0);
  CHECK(r.err == "inputs 1, ok 1, errors 0, skipped 0\n");
  r = testing::RunQaextractIn(dir, "batch --include='*.txt,*.md' mdonly --out z.jsonl");
  CHECK(r.err == "inputs 1, ok 1, errors 0, skipped 0\n");
}

TEST_CASE("--resume names the option that differs") {
  const std::string dir = DatasetDir();
  WriteFile(dir + "/o.journal", "{\"journal\":2,\"run\":\"{\\\"view\\\":\\\"chat\\\"}\"}\n");
  const testing::RunResult r = testing::RunQaextractIn(dir, "batch v.jsonl --out o.jsonl --view turns --resume");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("o.journal: error: cannot resume: the journal belongs to a run with other options:") !=
        std::string::npos);
  CHECK(r.err.find("--view \"chat\" (now \"turns\")") != std::string::npos);
}

TEST_CASE("commands: suggestions, help and version") {
  testing::RunResult r = testing::RunQaextract("conver x.txt");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown command 'conver'; did you mean 'convert'?") != std::string::npos);
  r = testing::RunQaextract("version");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("qaextract ", 0) == 0);
  r = testing::RunQaextract("help");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("batch") != std::string::npos);
  r = testing::RunQaextract("help batch");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("--max-errors") != std::string::npos);
}

TEST_CASE("serve: a port in use is refused, not shared") {
  int pipe_fd[2];
  REQUIRE(pipe(pipe_fd) == 0);
  const pid_t first = fork();
  REQUIRE(first >= 0);
  if (first == 0) {
    dup2(pipe_fd[1], STDOUT_FILENO);
    close(pipe_fd[0]);
    execl(QAEXTRACT_BINARY, QAEXTRACT_BINARY, "serve", "--port", "0", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_fd[1]);
  // "qaextract playground on http://127.0.0.1:PORT/"
  std::string line;
  char c;
  while (read(pipe_fd[0], &c, 1) == 1 && c != '\n') line += c;
  const std::size_t colon = line.rfind(':');
  REQUIRE(colon != std::string::npos);
  const std::string port = line.substr(colon + 1, line.size() - colon - 2);
  const testing::RunResult second = testing::RunQaextract("serve --port " + port);
  kill(first, SIGTERM);
  int status = 0;
  waitpid(first, &status, 0);
  close(pipe_fd[0]);
  CHECK(second.exit_code == 2);
  CHECK(second.err == "127.0.0.1:" + port + ": error: address already in use\n");
}

}  // namespace qaextract
