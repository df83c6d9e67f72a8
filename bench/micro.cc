// Micro-benchmarks, one per stage of the pipeline (bytes -> lines -> folded
// view -> labels -> document -> output), on the four sample articles
// concatenated as one batch of work. Google Benchmark reports bytes/s of
// input text for each stage, so the stages add up to the whole.
//
//   bench/micro.sh            (builds Release and runs this)
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <new>
#include <iterator>
#include <string>
#include <vector>

#include "batch/dedup.h"
#include "extract/triage.h"
#include "parse/front_matter.h"
#include "parse/pipeline.h"
#include "rules/rule_model.h"
#include "qaextract/qaextract.h"
#include "text/decode.h"
#include "text/fold.h"
#include "text/lines.h"
#include "qaextract/digest.h"

// Every heap allocation of this binary, counted: the stages report how many
// they make per article and per line (counters allocs/article, allocs/line).
namespace {
std::atomic<std::uint64_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace qaextract {
namespace {

struct Sample {
  std::string name;
  std::string bytes;
  Source source;
  const RuleSet* rules = nullptr;
};

const RuleLibrary& Library() {
  static const RuleLibrary* library = [] {
    auto* lib = new RuleLibrary;
    if (!RuleLibrary::LoadBuiltin({}, lib).ok()) std::abort();
    return lib;
  }();
  return *library;
}

const std::vector<Sample>& Samples() {
  static const std::vector<Sample>* samples = [] {
    auto* out = new std::vector<Sample>;
    for (const char* name : {"zh-anyong-interview-v1.txt", "zh-anyong-interview-v2.txt",
                             "zh-hant-bloomberg-podcast.txt", "zh-hant-narrative-profile.txt"}) {
      std::ifstream in(std::string(QAEXTRACT_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
      Sample s;
      s.name = name;
      s.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      if (!DecodeSource(s.bytes, name, {}, &s.source).ok()) std::abort();
      s.rules = &Library().Select(s.source, nullptr);
      out->push_back(std::move(s));
    }
    return out;
  }();
  return *samples;
}

std::int64_t TotalBytes() {
  std::int64_t n = 0;
  for (const Sample& s : Samples()) n += static_cast<std::int64_t>(s.bytes.size());
  return n;
}

// Sets the allocation counters of a benchmark whose loop handled every
// sample once per iteration; `before` is g_allocations before the loop.
void ReportAllocations(benchmark::State& state, std::uint64_t before) {
  const double made = static_cast<double>(g_allocations.load() - before);
  std::size_t lines = 0;
  for (const Sample& s : Samples()) lines += internal::SplitLines(s.source.text).size();
  const double rounds = static_cast<double>(state.iterations());
  state.counters["allocs/article"] = made / rounds / static_cast<double>(Samples().size());
  state.counters["allocs/line"] = made / rounds / static_cast<double>(lines);
}

void BM_Sha256(benchmark::State& state) {
  for (auto _ : state)
    for (const Sample& s : Samples()) benchmark::DoNotOptimize(Sha256Hex(s.bytes));
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Sha256);

void BM_Decode(benchmark::State& state) {
  for (auto _ : state) {
    for (const Sample& s : Samples()) {
      Source source;
      benchmark::DoNotOptimize(DecodeSource(s.bytes, s.name, {}, &source));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Decode);

void BM_SplitLines(benchmark::State& state) {
  for (auto _ : state)
    for (const Sample& s : Samples()) benchmark::DoNotOptimize(internal::SplitLines(s.source.text));
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_SplitLines);

void BM_FoldLines(benchmark::State& state) {
  std::vector<std::vector<internal::Line>> lines;
  for (const Sample& s : Samples()) lines.push_back(internal::SplitLines(s.source.text));
  internal::FoldedLine folded;
  for (auto _ : state) {
    for (std::size_t i = 0; i < lines.size(); ++i)
      for (const internal::Line& line : lines[i]) {
        internal::FoldLine(Samples()[i].source.text, {line.begin, line.end}, {}, &folded);
        benchmark::DoNotOptimize(folded.view.data());
      }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_FoldLines);

void BM_SelectRules(benchmark::State& state) {
  for (auto _ : state)
    for (const Sample& s : Samples()) benchmark::DoNotOptimize(&Library().Select(s.source, nullptr));
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_SelectRules);

void BM_Classify(benchmark::State& state) {
  const std::uint64_t before = g_allocations.load();
  for (auto _ : state) {
    for (const Sample& s : Samples()) {
      internal::LabelledText labelled;
      benchmark::DoNotOptimize(internal::LabelLines(s.source, internal::CompiledOf(*s.rules), {}, &labelled));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  ReportAllocations(state, before);
}
BENCHMARK(BM_Classify);

// One RE2::Set of the selected rule set's line patterns over every folded
// line (argument: 0 = the start-anchored set, 1 = the unanchored one).
void BM_LineSet(benchmark::State& state) {
  struct Folded {
    std::vector<std::string> lines;
    const RE2::Set* set = nullptr;
  };
  std::vector<Folded> work;
  for (const Sample& s : Samples()) {
    Folded f;
    const auto& sets = internal::CompiledOf(*s.rules).line_sets;  // anchored first, when both exist
    if (sets.size() == 2) f.set = sets[static_cast<std::size_t>(state.range(0))].set.get();
    internal::FoldedLine folded;
    for (const internal::Line& line : internal::SplitLines(s.source.text)) {
      internal::FoldLine(s.source.text, {line.begin, line.end}, {}, &folded);
      f.lines.push_back(folded.view);
    }
    work.push_back(std::move(f));
  }
  std::vector<int> hits;
  const std::uint64_t before = g_allocations.load();
  for (auto _ : state)
    for (const Folded& f : work)
      if (f.set != nullptr)
        for (const std::string& line : f.lines) benchmark::DoNotOptimize(f.set->Match(line, &hits));
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  ReportAllocations(state, before);
}
BENCHMARK(BM_LineSet)->Arg(0)->Arg(1);

void BM_Assemble(benchmark::State& state) {
  std::vector<internal::LabelledText> labelled(Samples().size());
  for (std::size_t i = 0; i < Samples().size(); ++i)
    internal::LabelLines(Samples()[i].source, internal::CompiledOf(*Samples()[i].rules), {}, &labelled[i]);
  const std::uint64_t before = g_allocations.load();
  for (auto _ : state) {
    for (std::size_t i = 0; i < Samples().size(); ++i) {
      Document doc;
      internal::BuildDocument(Samples()[i].source, internal::CompiledOf(*Samples()[i].rules), labelled[i], &doc);
      benchmark::DoNotOptimize(doc.turns.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  ReportAllocations(state, before);
}
BENCHMARK(BM_Assemble);

// The duplicate sketch of each sample's turns (batch/dedup.h): the bigrams
// of their folded text, hashed, the smallest kept.
void BM_Sketch(benchmark::State& state) {
  std::vector<Document> docs(Samples().size());
  for (std::size_t i = 0; i < Samples().size(); ++i)
    if (!ExtractWithLibrary(Samples()[i].source, Library(), {}, &docs[i]).ok()) std::abort();
  const std::uint64_t before = g_allocations.load();
  for (auto _ : state)
    for (const Document& doc : docs) benchmark::DoNotOptimize(internal::Sketch(doc).data());
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  ReportAllocations(state, before);
}
BENCHMARK(BM_Sketch);

void BM_ExtractWithLibrary(benchmark::State& state) {
  const std::uint64_t before = g_allocations.load();
  for (auto _ : state) {
    for (const Sample& s : Samples()) {
      Document doc;
      benchmark::DoNotOptimize(ExtractWithLibrary(s.source, Library(), {}, &doc));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  ReportAllocations(state, before);
}
BENCHMARK(BM_ExtractWithLibrary);

// What batch runs (ExtractOptions::dialogue_only): the triage first; an
// article without turns is not labelled in full, nor built.
void BM_ExtractDialogueOnly(benchmark::State& state) {
  ExtractOptions options;
  options.dialogue_only = true;
  const std::uint64_t before = g_allocations.load();
  for (auto _ : state) {
    for (const Sample& s : Samples()) {
      Document doc;
      benchmark::DoNotOptimize(ExtractWithLibrary(s.source, Library(), options, &doc));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  ReportAllocations(state, before);
}
BENCHMARK(BM_ExtractDialogueOnly);

// The triage alone (src/extract/triage.h), on each sample with its rules:
// argument 0 every sample (those with a turn stop at the first), 1 the one
// without dialogue only, counted against its own bytes.
void BM_Triage(benchmark::State& state) {
  std::int64_t bytes = 0;
  std::vector<const Sample*> chosen;
  for (const Sample& s : Samples()) {
    if (state.range(0) == 1 && s.name.find("narrative") == std::string::npos) continue;
    chosen.push_back(&s);
    bytes += static_cast<std::int64_t>(s.bytes.size());
  }
  const std::uint64_t before = g_allocations.load();
  for (auto _ : state) {
    for (const Sample* s : chosen) {
      auto lines = internal::SplitLines(s->source.text);
      const std::size_t front = internal::FindFrontMatter(s->source.text, lines);
      benchmark::DoNotOptimize(
          internal::TriageLines(s->source.text, std::move(lines), front, internal::CompiledOf(*s->rules)));
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  const double made = static_cast<double>(g_allocations.load() - before);
  state.counters["allocs/article"] = made / static_cast<double>(state.iterations()) / static_cast<double>(chosen.size());
}
BENCHMARK(BM_Triage)->Arg(0)->Arg(1);

std::vector<Document> Documents() {
  std::vector<Document> docs;
  for (const Sample& s : Samples()) {
    docs.emplace_back();
    ExtractWithLibrary(s.source, Library(), {}, &docs.back());
  }
  return docs;
}

void BM_EmitJson(benchmark::State& state) {
  const std::vector<Document> docs = Documents();
  std::string out;
  for (auto _ : state) {
    for (const Document& doc : docs) {
      out.clear();
      WriteJson(doc, JsonOptions{false}, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_EmitJson);

void BM_EmitYaml(benchmark::State& state) {
  const std::vector<Document> docs = Documents();
  for (auto _ : state) {
    for (const Document& doc : docs) {
      std::string out;
      WriteYaml(doc, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_EmitYaml);

}  // namespace
}  // namespace qaextract

BENCHMARK_MAIN();
