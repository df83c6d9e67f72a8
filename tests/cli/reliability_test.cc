// Hostile input and hostile conditions (docs/reliability.md): odd line ends,
// invalid UTF-8 and --strict, limits, an unwritable or full output, and a
// batch over a mix of broken inputs where every input is accounted for.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "testing/test_util.h"

namespace qaextract {
namespace {

std::string Quote(const std::string& s) { return "'" + s + "'"; }

const char* const kQaRules =
    "name: qa\nspeakers:\n  - {id: q, role: interviewer, markers: [Q]}\n"
    "  - {id: a, role: interviewee, markers: [A]}\n";

std::string WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Runs a shell command line with qaextract as $Q; returns the exit status.
int Shell(const std::string& script) {
  const int status = std::system(("Q=" + Quote(QAEXTRACT_BINARY) + "; " + script).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("Reliability: U+2028 and U+2029 stay inside their line, accounted for, numbers as grep's") {
  const std::string dir = testing::MakeTempDir();
  const std::string rules = WriteFile(dir + "/qa.yaml", kQaRules);
  const std::string in =
      WriteFile(dir + "/a.txt", "Q: one?\xE2\x80\xA8" "still one.\xE2\x80\xA9\nA: two.\nQ: three?\n");
  const testing::RunResult r = testing::RunQaextract("convert " + Quote(in) + " --rules " + Quote(rules) + " --check");
  REQUIRE(r.exit_code == 0);
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["turns"].size() == 3);
  CHECK(doc["turns"][1]["line_start"] == 2);  // as grep -n numbers it
}

TEST_CASE("Reliability: invalid UTF-8 is reported with its byte offsets, or refused with --strict") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = WriteFile(dir + "/bad.txt", "问：好\xFF吗\xE6\xAC？\n答：好。\n");
  testing::RunResult r = testing::RunQaextract("convert " + Quote(in));
  REQUIRE(r.exit_code == 0);
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& w : doc["warnings"]) {
    if (w["code"] != "invalid-utf8") continue;
    found = true;
    CHECK(w["message"] == "2 invalid UTF-8 sequence(s) at byte 9, 13; written as U+FFFD");
  }
  CHECK(found);
  r = testing::RunQaextract("convert " + Quote(in) + " --strict");
  CHECK(r.exit_code == 1);
  CHECK(r.err == in + ": error: invalid UTF-8 at byte 9 (2 invalid sequence(s)); --strict refuses it\n");
}

TEST_CASE("Reliability: an unwritable output fails before any work") {
  // The input does not exist either: the output is checked first.
  const testing::RunResult r = testing::RunQaextract("convert /nonexistent/in.txt -o /proc/1/out.json");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "/proc/1/out.json: error: output directory is not writable\n");
}

TEST_CASE("Reliability: a full disk is an error, and leaves no file under the final name") {
  // RLIMIT_FSIZE (ulimit -f, in 512-byte blocks) stands in for a full disk:
  // with SIGXFSZ ignored, writes past it fail with EFBIG as on ENOSPC.
  const std::string dir = testing::MakeTempDir();
  const std::string sample = testing::SourcePath("samples/zh-anyong-interview-v1.txt");
  const int code = Shell("cd " + Quote(dir) + " && (ulimit -f 16; trap '' XFSZ; \"$Q\" convert " + Quote(sample) +
                         " -o out.json 2>err.txt)");
  CHECK(code == 1);
  CHECK(testing::ReadFileOrDie(dir + "/err.txt").find("out.json: error: cannot write: File too large") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/out.json"));
  for (const auto& e : std::filesystem::directory_iterator(dir))  // no temporary file left either
    CHECK(e.path().filename() == "err.txt");

  const int batch = Shell("cd " + Quote(dir) + " && (ulimit -f 16; trap '' XFSZ; \"$Q\" batch " + Quote(sample) +
                          " --out data.jsonl --quiet 2>err.txt)");
  CHECK(batch == 1);
  CHECK(testing::ReadFileOrDie(dir + "/err.txt").find("File too large") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/data.jsonl"));
}

TEST_CASE("Reliability: past --max-line-bytes or --max-input-bytes, a clear error naming the limit") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = WriteFile(dir + "/long.txt", "Q: short\nA: " + std::string(500, 'x') + "\n");
  testing::RunResult r = testing::RunQaextract("convert " + Quote(in) + " --max-line-bytes 100");
  CHECK(r.exit_code == 1);
  CHECK(r.err == in + ":2: error: line is 503 bytes, over the limit of 100 (--max-line-bytes)\n");
  r = testing::RunQaextract("convert " + Quote(in) + " --max-input-bytes 100");
  CHECK(r.exit_code == 1);
  CHECK(r.err == in + ": error: input is 513 bytes, over the limit of 100 (--max-input-bytes)\n");
  // Standard input has no size to check first: it is read up to the limit.
  r = testing::RunQaextractIn(dir, "convert - --max-input-bytes 100", in);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "-: error: input is over the limit of 100 bytes (--max-input-bytes)\n");
  r = testing::RunQaextractIn(dir, "convert - --max-input-bytes 513 --summary -o " + Quote(dir + "/ok.json"), in);
  CHECK(r.exit_code == 0);
}

TEST_CASE("Reliability: past --max-lines, a clear error before the lines are held") {
  const std::string dir = testing::MakeTempDir();
  // 3 million empty lines: 3 MB of input that would cost ~1 GB as lines.
  const std::string in = WriteFile(dir + "/newlines.txt", std::string(3'000'000, '\n'));
  testing::RunResult r = testing::RunQaextract("convert " + Quote(in) + " -o " + Quote(dir + "/out.json"));
  CHECK(r.exit_code == 1);
  CHECK(r.err == in + ": error: more than 1000000 lines (--max-lines)\n");
  CHECK_FALSE(std::filesystem::exists(dir + "/out.json"));
  r = testing::RunQaextract("convert " + Quote(in) + " --max-lines 3000000 --summary -o " + Quote(dir + "/out.json"));
  CHECK(r.exit_code == 0);
}

TEST_CASE("Reliability: 200,000 short lines are extracted whole") {
  const std::string dir = testing::MakeTempDir();
  const std::string rules = WriteFile(dir + "/qa.yaml", kQaRules);
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "Q: " + std::to_string(i) + "?\nA: ok.\n";
  const std::string in = WriteFile(dir + "/many.txt", text);
  const testing::RunResult r = testing::RunQaextract("convert " + Quote(in) + " --rules " + Quote(rules) + " --summary -o " +
                                                     Quote(dir + "/out.json"));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err == in + ": qa (option), 2 speakers, 200000 turns, 0 sections, 0 warnings\n");
}

TEST_CASE("Reliability: a batch over broken inputs accounts for every one") {
  const std::string dir = testing::MakeTempDir();
  std::filesystem::create_directories(dir + "/in/dir.txt");  // a directory that looks like a file
  std::filesystem::copy_file(testing::SourcePath("samples/zh-anyong-interview-v2.txt"), dir + "/in/a-good.txt");
  WriteFile(dir + "/in/b-binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  WriteFile(dir + "/in/c-empty.txt", "");
  REQUIRE(Shell("iconv -f UTF-8 -t GB18030 " + Quote(testing::SourcePath("samples/zh-anyong-interview-v1.txt")) +
                " > " + Quote(dir + "/in/d-gb18030.txt")) == 0);
  WriteFile(dir + "/in/e-invalid.txt", "问：好\xFF吗？\n答：好。\n");
  WriteFile(dir + "/in/f-huge.txt", std::string(300000, 'x'));
  WriteFile(dir + "/in/g-only-noise.txt", "股票配资\n\n迪士尼彩乐园官网\n");
  std::filesystem::create_symlink(dir + "/nowhere", dir + "/in/h-dangling.txt");
  WriteFile(dir + "/in/i-long-line.txt", "问：" + std::string(3000, 'y') + "\n");
  const testing::RunResult r = testing::RunQaextract(
      "batch " + Quote(dir + "/in") + " " + Quote(dir + "/missing.txt") + " --strict --max-input-bytes 200000" +
      " --max-line-bytes 2000 --out " + Quote(dir + "/out.jsonl"));
  CHECK(r.exit_code == 1);  // error records: the run did not do all it was asked
  // The empty file and the one with only noise lines have no dialogue: skip records.
  CHECK(r.err == "inputs 10, ok 2, errors 6, skipped 2\n");
  std::map<std::string, std::string> errors;  // file name -> code
  std::istringstream lines(testing::ReadFileOrDie(dir + "/out.errors.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json e = nlohmann::json::parse(line);
    if (e.contains("skipped")) {
      CHECK(e["skipped"] == "no-dialogue");
      continue;
    }
    errors[std::filesystem::path(e["path"].get<std::string>()).filename().string()] = e["error"];
    CHECK_FALSE(e["message"].get<std::string>().empty());
  }
  CHECK(errors == std::map<std::string, std::string>{{"b-binary.txt", "input"},
                                                     {"e-invalid.txt", "input"},
                                                     {"f-huge.txt", "too-large"},
                                                     {"h-dangling.txt", "unreadable"},
                                                     {"i-long-line.txt", "input"},
                                                     {"missing.txt", "missing-input"}});
  const nlohmann::json manifest = nlohmann::json::parse(testing::ReadFileOrDie(dir + "/out.manifest.json"));
  CHECK(manifest["counts"]["inputs"] == 10);
}

}  // namespace qaextract

namespace qaextract {

TEST_CASE("Reliability: a JSONL record over the limit is an error record, read without holding it") {
  const std::string dir = testing::MakeTempDir();
  const std::string in = WriteFile(dir + "/in.jsonl", "{\"id\": \"big\", \"text\": \"" + std::string(200000, 'x') +
                                                          "\"}\n{\"id\": \"small\", \"text\": \"问：好吗？\\n答：好。\"}\n");
  const testing::RunResult r = testing::RunQaextract("batch " + Quote(in) + " --max-input-bytes 1000 --out " +
                                                     Quote(dir + "/out.jsonl"));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "inputs 2, ok 1, errors 1, skipped 0\n");
  const nlohmann::json e = nlohmann::json::parse(testing::ReadFileOrDie(dir + "/out.errors.jsonl"));
  CHECK(e["error"] == "too-large");
  CHECK(e["path"] == in + "@0");
  CHECK(e["message"] == "record is 200026 bytes, over the limit of 6096 (twice --max-input-bytes, plus 4096)");
  CHECK(nlohmann::json::parse(testing::ReadFileOrDie(dir + "/out.jsonl"))["id"] == "small");
}

TEST_CASE("Reliability: a rule file with 3,000 speakers loads and extracts") {
  const std::string dir = testing::MakeTempDir();
  std::string rules = "name: many\nspeakers:\n";
  for (int i = 0; i < 3000; ++i)
    rules += "  - {id: s" + std::to_string(i) + ", role: " + (i == 0 ? "interviewer" : "interviewee") +
             ", markers: [Speaker" + std::to_string(i) + ", {regex: 'S" + std::to_string(i) + "x\\d'}]}\n";
  WriteFile(dir + "/many.yaml", rules);
  const std::string in = WriteFile(dir + "/a.txt", "Speaker0: hi?\nSpeaker2999: hello.\nS17x5: me too.\n");
  const testing::RunResult r =
      testing::RunQaextract("convert " + Quote(in) + " --rules " + Quote(dir + "/many.yaml") + " --summary -o " +
                            Quote(dir + "/out.json"));
  CHECK(r.exit_code == 0);
  CHECK(r.err == in + ": many (option), 3 speakers, 3 turns, 0 sections, 0 warnings\n");
}

}  // namespace qaextract
