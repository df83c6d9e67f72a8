// The one place that builds RE2 objects from rule patterns.
#ifndef QAEXTRACT_SRC_MATCH_PATTERN_H_
#define QAEXTRACT_SRC_MATCH_PATTERN_H_

#include <re2/re2.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "qaextract/status.h"

namespace qaextract::internal {

// RE2 options for every rule pattern: UTF-8, quiet (we report errors
// ourselves) and a memory budget of `max_mem` bytes.
RE2::Options PatternOptions(std::int64_t max_mem);

// A rule's pattern, compiled; or, for a built-in rule set, compiled when
// first asked for. Most rules of a set are only ever asked through the
// set's RE2::Set (compiled whole), and compiling each alone as well was a
// quarter of a process's start. Copies share the compiled object.
// Thread-safe.
class LazyRegex {
 public:
  LazyRegex() = default;
  // An object compiled already.
  explicit LazyRegex(std::shared_ptr<const RE2> re);
  // Compiled on first use. `pattern` must compile with `options`: only the
  // built-in rule sets are deferred, and the test suite compiles each of
  // their patterns.
  static LazyRegex Deferred(std::string pattern, const RE2::Options& options);

  // Null when unset; compiles a deferred pattern the first time.
  const RE2* get() const {
    if (state_ == nullptr) return nullptr;
    if (const RE2* re = state_->ready.load(std::memory_order_acquire)) return re;
    return CompileNow();
  }
  const RE2& operator*() const { return *get(); }
  const RE2* operator->() const { return get(); }
  explicit operator bool() const { return state_ != nullptr; }
  // The pattern as compiled, without compiling it.
  const std::string& pattern() const { return state_->pattern; }
  // Whether it has been compiled (for tests).
  bool compiled() const { return state_ != nullptr && state_->ready.load() != nullptr; }

 private:
  struct State {
    std::string pattern;
    RE2::Options options;
    std::once_flag once;
    std::shared_ptr<const RE2> re;
    std::atomic<const RE2*> ready{nullptr};
  };
  const RE2* CompileNow() const;

  std::shared_ptr<State> state_;
};

// Builds the RE2 objects of rule files. Identical patterns share one
// compiled object: rule files that extend one base (every shipped file
// extends base-zh) would otherwise compile its patterns once each.
// Not thread-safe; the RE2 objects it hands out are immutable and are.
class PatternCompiler {
 public:
  explicit PatternCompiler(std::int64_t max_mem) : max_mem_(max_mem) {}

  // Compiles `pattern` as it is (no folding; rules/ folds rule patterns
  // first); nullptr and *error on failure, the same object for the same
  // pattern.
  std::shared_ptr<const RE2> CompileRaw(const std::string& pattern, std::string* error);

  // CompileRaw's object as a LazyRegex; with set_deferred(true), a deferred
  // one (never null, no error: the caller vouches for the pattern).
  LazyRegex Compile(const std::string& pattern, std::string* error);
  void set_deferred(bool deferred) { deferred_ = deferred; }

  std::int64_t max_mem() const { return max_mem_; }

 private:
  std::int64_t max_mem_;
  bool deferred_ = false;
  std::unordered_map<std::string, std::shared_ptr<const RE2>> cache_;
  std::unordered_map<std::string, LazyRegex> deferred_cache_;
};

// The capture group called `name` in `re`, or 0 when there is none.
int NamedGroup(const RE2& re, const std::string& name);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_MATCH_PATTERN_H_
