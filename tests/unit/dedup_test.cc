// Duplicate detection: exact by text digest, near by sketch, within a
// bounded window of kept sketches.
#include "batch/dedup.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <random>
#include <set>
#include <string>

#include <unicode/utf8.h>

#include "text/decode.h"
#include "text/fold.h"

namespace qaextract::internal {
namespace {

// An outcome with a distinct digest and a sketch of `base`.. `base` + 127.
ArticleOutcome Outcome(const std::string& id, std::uint64_t base, int digest) {
  ArticleOutcome o;
  o.id = id;
  o.status = ArticleStatus::kOk;
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

// The sketch's hash of every bigram of FoldKey(text), added to *all: the
// reference, written out here. The sketch hashes bigrams a block at a
// time, on vector registers where the CPU has them; the values must not
// depend on either (sketches are compared across runs and machines through
// the journal).
void AddBigramHashes(const std::string& text, std::set<std::uint64_t>* all) {
  const auto mix = [](std::uint64_t x) {  // splitmix64's finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  };
  const std::u32string cps = DecodeUtf8(FoldKey(text));
  for (std::size_t i = 1; i < cps.size(); ++i) all->insert(mix((static_cast<std::uint64_t>(cps[i - 1]) << 32) | cps[i]));
}

// Appends the UTF-8 of code point `c` to *text (ICU's encoder).
void AppendUtf8(char32_t c, std::string* text) {
  char bytes[U8_MAX_LENGTH];
  std::size_t n = 0;
  U8_APPEND_UNSAFE(bytes, n, static_cast<UChar32>(c));
  text->append(bytes, n);
}

}  // namespace
}  // namespace qaextract::internal

namespace qaextract::internal {
namespace {

// The detector's answer must be the one of the plain scan it replaces: every
// kept sketch of the window, oldest first, same speakers, turn counts within
// 25%, estimated Jaccard >= 0.12. Random sketches, many of them perturbed
// copies of earlier ones at similarities around the threshold, more of them
// than the window holds (so the index forgets, too).
TEST_CASE("DuplicateDetector: the index finds what a scan of the whole window finds") {
  std::mt19937_64 random(42);
  struct Seen {
    std::string id, speakers;
    int turns;
    std::vector<std::uint64_t> sketch;
  };
  std::deque<Seen> window;  // the reference: the last kSketchWindow sketched non-duplicates
  struct Made {
    std::vector<std::uint64_t> sketch;
    std::string speakers;
    int turns;
  };
  std::vector<Made> made;
  DuplicateDetector detector;
  int near = 0;
  for (int i = 0; i < 3000; ++i) {
    std::set<std::uint64_t> hashes;
    std::string speakers = std::string(1, static_cast<char>('a' + random() % 3)) + "\nq\n";
    int turns = 10 + static_cast<int>(random() % 40);
    if (!made.empty() && random() % 2 == 0) {  // a perturbed copy of an earlier article
      const Made& base = made[random() % made.size()];
      const int keep = static_cast<int>(random() % 50);  // of 128: similarities 0 to ~0.3
      for (int k = 0; k < keep; ++k) hashes.insert(base.sketch[random() % base.sketch.size()]);
      speakers = base.speakers;
      turns = base.turns + static_cast<int>(random() % 7) - 3;
    }
    while (hashes.size() < 128) hashes.insert((random() >> 32) << 32);  // distinct high bits
    std::vector<std::uint64_t> sketch(hashes.begin(), hashes.end());
    made.push_back(Made{sketch, speakers, turns});
    ArticleOutcome o;
    o.id = "a" + std::to_string(i);
    o.status = ArticleStatus::kOk;
    char hex[65];
    std::snprintf(hex, sizeof hex, "%016llx%048d", static_cast<unsigned long long>(i + 1), 0);
    o.digest = hex;
    o.speakers_key = speakers;
    o.turns = turns;
    o.sketch = sketch;

    std::optional<DuplicatePair> expected;
    for (const Seen& s : window) {
      if (s.speakers != o.speakers_key) continue;
      if (std::abs(s.turns - o.turns) > 0.25 * std::max(s.turns, o.turns)) continue;
      const double j = EstimateJaccard(s.sketch, o.sketch);
      if (j >= 0.12) {
        expected = DuplicatePair{o.id, s.id, "near", j};
        break;
      }
    }
    o.duplicate = detector.Find(o);
    CAPTURE(i);
    REQUIRE(o.duplicate.has_value() == expected.has_value());
    if (expected) {
      ++near;
      CHECK(o.duplicate->duplicate_of == expected->duplicate_of);
      CHECK(o.duplicate->similarity == doctest::Approx(expected->similarity));
    }
    detector.Remember(o);
    if (!o.duplicate) {
      window.push_back(Seen{o.id, o.speakers_key, o.turns, sketch});
      if (window.size() > DuplicateDetector::kSketchWindow) window.pop_front();
    }
  }
  CHECK(near > 100);  // the case is not vacuous
  CHECK(window.size() == DuplicateDetector::kSketchWindow);  // and forgetting was exercised
}

TEST_CASE("Sketch: the 128 smallest distinct bigram hashes, whatever the order and repetition of turns") {
  // Bigrams do not cross turns, so the sketch of a document is the 128
  // smallest of its turns' sketches together: checked on documents of
  // random turns (few characters, so bigrams repeat; many, so most hashes
  // are dropped), with turns repeated and reordered.
  const std::vector<std::string> chars = {"的", "人", "國", "国", "a", "B", " ", "，", "：", "x", "語", "言", "1", "é"};
  std::mt19937 rng(5);
  const auto random_turn = [&](int alphabet, int length) {
    std::string t;
    for (int i = 0; i < length; ++i) t += chars[rng() % static_cast<unsigned>(alphabet)];
    return t;
  };
  const auto doc_of = [](const std::vector<std::string>& texts) {
    Document d;
    for (const std::string& t : texts) d.turns.push_back(Turn{});
    for (std::size_t i = 0; i < texts.size(); ++i) d.turns[i].text = texts[i];
    return d;
  };
  for (int round = 0; round < 300; ++round) {
    const int alphabet = 2 + static_cast<int>(rng() % (chars.size() - 1));
    std::vector<std::string> turns;
    const int n = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) turns.push_back(random_turn(alphabet, static_cast<int>(rng() % 400)));
    const std::vector<std::uint64_t> whole = Sketch(doc_of(turns));
    CHECK(std::is_sorted(whole.begin(), whole.end()));
    CHECK(std::adjacent_find(whole.begin(), whole.end()) == whole.end());
    CHECK(whole.size() <= 128);
    std::set<std::uint64_t> parts;
    for (const std::string& t : turns)
      for (std::uint64_t h : Sketch(doc_of({t}))) parts.insert(h);
    std::vector<std::uint64_t> expected(parts.begin(), parts.end());
    if (expected.size() > 128) expected.resize(128);
    CHECK(whole == expected);
    std::vector<std::string> shuffled = turns;
    shuffled.insert(shuffled.end(), turns.begin(), turns.end());
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    CHECK(Sketch(doc_of(shuffled)) == whole);
  }
  // A turn of one repeated bigram: one hash.
  CHECK(Sketch(doc_of({"ababababababababab"})).size() == 2);  // "ab" and "ba"
}

TEST_CASE("Sketch: each hash is splitmix64's finaliser of a bigram's two code points, across hashing blocks") {
  std::mt19937 rng(11);
  for (int round = 0; round < 50; ++round) {
    // Turns of up to 700 CJK characters (some Traditional, which the fold
    // makes Simplified): past one and two blocks of 256.
    std::string text;
    const std::size_t length = 1 + rng() % 700;
    for (std::size_t i = 0; i < length; ++i) AppendUtf8(0x4E00 + rng() % 3000, &text);
    Document doc;
    doc.turns.push_back(Turn{});
    doc.turns[0].text = text;
    std::set<std::uint64_t> all;
    AddBigramHashes(text, &all);
    std::vector<std::uint64_t> expected(all.begin(), all.end());
    if (expected.size() > 128) expected.resize(128);
    CAPTURE(length);
    CHECK(Sketch(doc) == expected);
  }
}

TEST_CASE("Sketch: the same smallest hashes wherever the text's length puts the first guess of their bound") {
  // Sketch gathers only the hashes below a bound guessed from the text's
  // length, raises it when too few distinct ones are below, and keeps its
  // gathering small by cutting to the smallest as it goes. Checked against
  // every bigram's hash on long texts of few distinct bigrams (the guess
  // is too low, once or more), of many (hundreds of hashes gathered, cut
  // more than once), and ASCII ones (a code point a byte).
  std::mt19937 rng(23);
  struct Shape {
    char32_t first;
    unsigned alphabet;
    std::size_t length;
    int turns;
  };
  int beyond_a_sketch = 0;
  for (const Shape& shape : {Shape{0x4E00, 12, 20000, 1}, Shape{0x4E00, 30, 20000, 3}, Shape{0x4E00, 3000, 20000, 2},
                             Shape{0x4E00, 3000, 60000, 5}, Shape{'a', 26, 30000, 2}, Shape{'!', 90, 50000, 4},
                             Shape{0x4E00, 5, 300, 1}, Shape{'a', 2, 100000, 1}}) {
    Document doc;
    std::set<std::uint64_t> all;
    for (int t = 0; t < shape.turns; ++t) {
      std::string text;
      for (std::size_t i = 0; i < shape.length; ++i) AppendUtf8(shape.first + rng() % shape.alphabet, &text);
      AddBigramHashes(text, &all);
      doc.turns.push_back(Turn{});
      doc.turns.back().text = text;
    }
    std::vector<std::uint64_t> expected(all.begin(), all.end());
    if (expected.size() > 128) expected.resize(128);
    beyond_a_sketch += all.size() > 128;
    CAPTURE(shape.alphabet);
    CAPTURE(shape.length);
    CHECK(Sketch(doc) == expected);
  }
  CHECK(beyond_a_sketch >= 5);  // most shapes have more distinct bigrams than a sketch keeps
}

}  // namespace
}  // namespace qaextract::internal
