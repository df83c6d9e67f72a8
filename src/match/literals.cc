#include "match/literals.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#ifdef QAEXTRACT_HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

namespace qaextract::internal {
namespace {

// One memmem per literal: the matcher without Hyperscan, and what a
// Hyperscan build uses until the database pays for its compile. Appends
// the index of each literal `text` holds.
void MemmemFindAll(const std::vector<std::string>& literals, LiteralSet::Case letter_case,
                   std::string_view text, std::vector<int>* found) {
  const auto upper = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
  if (letter_case == LiteralSet::Case::kAsciiInsensitive && std::any_of(text.begin(), text.end(), upper)) {
    thread_local std::string lowered;
    lowered.assign(text);
    for (char& ch : lowered)
      if (upper(ch)) ch = static_cast<char>(ch - 'A' + 'a');
    text = lowered;
  }
  for (std::size_t i = 0; i < literals.size(); ++i)  // glibc's memmem: a bigram skip table
    if (memmem(text.data(), text.size(), literals[i].data(), literals[i].size()) != nullptr)
      found->push_back(static_cast<int>(i));
}

}  // namespace

#ifdef QAEXTRACT_HAVE_HYPERSCAN

namespace {

// Hyperscan needs scratch space per thread, big enough for the database it
// scans with; each thread keeps one and grows it for each set it meets. A
// scratch grown for a set stays big enough for it, so a thread that goes
// back and forth between sets (the classifier asks two on some lines) does
// not call hs_alloc_scratch again: that call checks the whole database (a
// CRC over its bytes), and per line it took 7% of a batch run.
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<std::uint64_t> fits;  // the LiteralSets (Impl::id) it was grown for
  ~ThreadScratch() { hs_free_scratch(scratch); }

  bool Fits(std::uint64_t id) const { return std::find(fits.begin(), fits.end(), id) != fits.end(); }
  void GrowFor(const hs_database_t* db, std::uint64_t id) {
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) std::abort();  // out of memory
    // A long-running process meets sets without end (rule files compiled
    // again); a short list keeps the lookup cheap, at the cost of a check.
    constexpr std::size_t kRemembered = 32;
    if (fits.size() >= kRemembered) fits.clear();
    fits.push_back(id);
  }
};
thread_local ThreadScratch tls_scratch;
std::atomic<std::uint64_t> next_id{1};

// Each literal is reported once (HS_FLAG_SINGLEMATCH).
int Collect(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* found) {
  static_cast<std::vector<int>*>(found)->push_back(static_cast<int>(id));
  return 0;
}

}  // namespace

// Compiling the database and one memmem per literal both cost in
// proportion to the literals: about 10,000 instructions a literal to
// compile, about 60 a literal for a line of text (100 bytes or so) to
// memmem. A set compiles once it has looked at this many bytes, a few
// times where the two meet: an article's lines pay no compile, a batch run
// pays it once per set, and a set asked of long texts (the rule-set
// choice's, of each article's first 16 KB) compiles by the third. (At
// 4,096 lines, the built-in generic set's 244 literals took 80M
// instructions of memmem in a run over 200 interviews, against 2.5M for
// the compile.)
constexpr std::uint64_t kCompileAfterBytes = 32 * 1024;

struct LiteralSet::Impl {
  std::vector<std::string> literals;
  Case letter_case = Case::kExact;
  std::atomic<std::uint64_t> bytes{0};  // looked at before the database
  std::once_flag compile_once;
  std::atomic<hs_database_t*> db{nullptr};  // null until compiled (or when it failed)
  // Never reused (a freed database's address may be): a thread's scratch
  // is grown again for each new set.
  std::uint64_t id = next_id.fetch_add(1);
  ~Impl() { hs_free_database(db.load()); }

  // The database, with this thread's scratch grown for it; null (memmem)
  // until it is compiled, which the bytes looked at decide (`more` now).
  hs_database_t* Database(std::size_t more);

  void Compile() {
    std::vector<const char*> expressions;
    std::vector<std::size_t> lengths;
    std::vector<unsigned int> flags, ids;
    for (std::size_t i = 0; i < literals.size(); ++i) {
      expressions.push_back(literals[i].data());
      lengths.push_back(literals[i].size());
      // HS_FLAG_CASELESS folds ASCII letters only, as the memmem path does.
      flags.push_back(HS_FLAG_SINGLEMATCH | (letter_case == Case::kAsciiInsensitive ? HS_FLAG_CASELESS : 0));
      ids.push_back(static_cast<unsigned int>(i));
    }
    hs_database_t* compiled = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                             static_cast<unsigned int>(literals.size()), HS_MODE_BLOCK, nullptr, &compiled,
                             &error) != HS_SUCCESS) {
      hs_free_compile_error(error);  // memmem it stays
      return;
    }
    db.store(compiled, std::memory_order_release);
  }
};

hs_database_t* LiteralSet::Impl::Database(std::size_t more) {
  hs_database_t* compiled = db.load(std::memory_order_acquire);
  if (compiled == nullptr) {
    if (bytes.fetch_add(more, std::memory_order_relaxed) + more >= kCompileAfterBytes)
      std::call_once(compile_once, [this] { Compile(); });
    return nullptr;
  }
  if (!tls_scratch.Fits(id)) tls_scratch.GrowFor(compiled, id);
  return compiled;
}

void LiteralSet::FindAll(std::string_view text, std::vector<int>* found) const {
  hs_database_t* db = impl_->Database(text.size());
  if (db == nullptr) return MemmemFindAll(impl_->literals, impl_->letter_case, text, found);
  hs_scan(db, text.data(), static_cast<unsigned int>(text.size()), 0, tls_scratch.scratch, Collect, found);
}

const char* LiteralSet::Engine() { return "hyperscan"; }

#else  // memmem

struct LiteralSet::Impl {
  std::vector<std::string> literals;
  Case letter_case = Case::kExact;
};

void LiteralSet::FindAll(std::string_view text, std::vector<int>* found) const {
  MemmemFindAll(impl_->literals, impl_->letter_case, text, found);
}

const char* LiteralSet::Engine() { return "memmem"; }

#endif

std::shared_ptr<const LiteralSet> LiteralSet::Build(const std::vector<std::string>& literals, Case letter_case) {
  if (literals.empty()) return nullptr;
  for (const std::string& literal : literals)
    if (literal.empty()) return nullptr;
  std::shared_ptr<LiteralSet> set(new LiteralSet);
  set->impl_ = std::make_unique<Impl>();
  set->impl_->literals = literals;
  set->impl_->letter_case = letter_case;
  return set;
}

LiteralSet::~LiteralSet() = default;

}  // namespace qaextract::internal
