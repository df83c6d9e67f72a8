#include "match/pattern.h"

#include <cstdio>
#include <cstdlib>

namespace qaextract::internal {

RE2::Options PatternOptions(std::int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(max_mem);
  return options;
}

std::shared_ptr<const RE2> PatternCompiler::CompileRaw(const std::string& pattern,
                                                       std::string* error) {
  if (auto it = cache_.find(pattern); it != cache_.end()) return it->second;
  auto re = std::make_shared<const RE2>(pattern, PatternOptions(max_mem_));
  if (!re->ok()) {
    *error = re->error_code() == RE2::ErrorPatternTooLarge
                 ? "pattern too large for the memory budget (" + std::to_string(max_mem_) +
                       " bytes)"
                 : re->error();
    return nullptr;
  }
  cache_.emplace(pattern, re);
  return re;
}

LazyRegex::LazyRegex(std::shared_ptr<const RE2> re) {
  if (re == nullptr) return;
  state_ = std::make_shared<State>();
  state_->pattern = re->pattern();
  state_->re = std::move(re);
  state_->ready.store(state_->re.get(), std::memory_order_release);
}

LazyRegex LazyRegex::Deferred(std::string pattern, const RE2::Options& options) {
  LazyRegex lazy;
  lazy.state_ = std::make_shared<State>();
  lazy.state_->pattern = std::move(pattern);
  lazy.state_->options = options;
  return lazy;
}

const RE2* LazyRegex::CompileNow() const {
  State& s = *state_;
  std::call_once(s.once, [&s] {
    auto re = std::make_shared<const RE2>(s.pattern, s.options);
    if (!re->ok()) {
      // Only built-in rule sets are deferred, and the test suite compiles
      // every pattern of theirs.
      std::fprintf(stderr, "qaextract: internal error: built-in pattern '%s': %s\n", s.pattern.c_str(),
                   re->error().c_str());
      std::abort();
    }
    s.re = std::move(re);
    s.ready.store(s.re.get(), std::memory_order_release);
  });
  return s.ready.load(std::memory_order_acquire);
}

LazyRegex PatternCompiler::Compile(const std::string& pattern, std::string* error) {
  if (!deferred_) return LazyRegex(CompileRaw(pattern, error));
  auto [it, inserted] = deferred_cache_.try_emplace(pattern);
  if (inserted) it->second = LazyRegex::Deferred(pattern, PatternOptions(max_mem_));
  return it->second;
}

int NamedGroup(const RE2& re, const std::string& name) {
  const auto& groups = re.NamedCapturingGroups();
  auto it = groups.find(name);
  return it == groups.end() ? 0 : it->second;
}

}  // namespace qaextract::internal
