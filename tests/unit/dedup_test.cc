// Duplicate detection: exact by text digest, near by sketch, within a
// bounded window of kept sketches.
#include "batch/dedup.h"

#include <doctest/doctest.h>

#include <string>

namespace qaextract::internal {
namespace {

// An outcome with a distinct digest and a sketch of `base`.. `base` + 127.
ArticleOutcome Outcome(const std::string& id, std::uint64_t base, int digest) {
  ArticleOutcome o;
  o.id = id;
  o.status = "ok";
  char hex[65];
  std::snprintf(hex, sizeof hex, "%016x%048d", digest, 0);
  o.digest = hex;
  o.speakers_key = "a\nb\n";
  o.turns = 10;
  for (std::uint64_t i = 0; i < 128; ++i) o.sketch.push_back((base + i) << 32);
  return o;
}

TEST_CASE("DuplicateDetector: exact by digest, near by sketch, none for different text") {
  DuplicateDetector d;
  d.Remember(Outcome("first", 1000, 1));
  ArticleOutcome same = Outcome("same", 5000, 1);
  REQUIRE(d.Find(same));
  CHECK(d.Find(same)->kind == "exact");
  CHECK(d.Find(same)->duplicate_of == "first");
  ArticleOutcome close = Outcome("close", 1064, 2);  // half the sketch shared
  REQUIRE(d.Find(close));
  CHECK(d.Find(close)->kind == "near");
  CHECK(d.Find(close)->duplicate_of == "first");
  CHECK(d.Find(close)->similarity == doctest::Approx(64.0 / 128));
  CHECK_FALSE(d.Find(Outcome("other", 9000, 3)));
  ArticleOutcome other_speakers = Outcome("x", 1000, 4);
  other_speakers.speakers_key = "c\nd\n";
  CHECK_FALSE(d.Find(other_speakers));
}

TEST_CASE("DuplicateDetector: sketches are kept for a window of articles, digests for all") {
  DuplicateDetector d;
  d.Remember(Outcome("old", 1, 1));
  for (std::size_t i = 0; i < DuplicateDetector::kSketchWindow; ++i)
    d.Remember(Outcome("a" + std::to_string(i), 1'000'000 + i * 1000, static_cast<int>(i) + 2));
  CHECK_FALSE(d.Find(Outcome("near-old", 1, 999'999)));  // its original's sketch was forgotten
  REQUIRE(d.Find(Outcome("exact-old", 7, 1)));            // but not its digest
  CHECK(d.Find(Outcome("exact-old", 7, 1))->duplicate_of == "old");
  const std::uint64_t last = 1'000'000 + (DuplicateDetector::kSketchWindow - 1) * 1000;
  REQUIRE(d.Find(Outcome("near-new", last, 999'998)));
  CHECK(d.Find(Outcome("near-new", last, 999'998))->duplicate_of ==
        "a" + std::to_string(DuplicateDetector::kSketchWindow - 1));
}

}  // namespace
}  // namespace qaextract::internal
