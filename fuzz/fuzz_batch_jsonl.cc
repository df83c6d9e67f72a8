// Fuzz target: arbitrary bytes as a batch JSONL input file. Every line must
// be accounted for (an output record or an error/skip record: the counts
// reconcile with the lines), every record written must parse as JSON, and
// the run must not fail.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "qaextract/qaextract.h"
#include "qaextract/batch.h"

namespace {


// The input as a file: InputCursor reads paths. One per process, rewritten
// for each input.
const std::string& InputPath() {
  static const std::string path = [] {
    char name[] = "/tmp/qaextract-fuzz-XXXXXX.jsonl";
    const int fd = mkstemps(name, 6);
    if (fd < 0) qaextract::fuzz::Fail("cannot make a temporary file");
    close(fd);
    return std::string(name);
  }();
  return path;
}

void CheckRecords(const std::string& records, const char* what) {
  std::istringstream in(records);
  std::string line;
  while (std::getline(in, line))
    if (!nlohmann::json::accept(line)) qaextract::fuzz::Fail(std::string(what) + " record is not JSON: " + line);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qaextract;
  {
    FILE* f = std::fopen(InputPath().c_str(), "wb");
    if (f == nullptr) fuzz::Fail("cannot write the input");
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  for (const View view : {View::kDocuments, View::kTurns, View::kQaPairs, View::kChat}) {
    BatchOptions options;
    options.view = view;
    options.jobs = 1;
    options.extract.max_input_bytes = 1 << 16;
    std::string records, errors;
    BatchSinks sinks;
    sinks.records = [&](const std::string& r) { records += r; return Status::OK(); };
    sinks.errors = [&](const std::string& r) { errors += r; return Status::OK(); };
    const ExtractFunction extract = [](const Source& source, Document* doc) {
      return ExtractWithLibrary(source, fuzz::BuiltinLibrary(), {}, doc);
    };
    BatchStats stats;
    const Status s = RunBatch({InputPath()}, extract, options, sinks, &stats);
    if (!s.ok()) fuzz::Fail("RunBatch failed: " + s.ToString());
    if (stats.inputs != stats.ok + stats.errors + stats.skipped) fuzz::Fail("the counts do not reconcile");
    std::uint64_t error_lines = 0;
    for (char c : errors) error_lines += c == '\n';
    if (error_lines != stats.errors + stats.skipped) fuzz::Fail("an error or skip without its record");
    CheckRecords(records, "output");
    CheckRecords(errors, "error");
  }
  return 0;
}
