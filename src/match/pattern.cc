#include "match/pattern.h"


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

int NamedGroup(const RE2& re, const std::string& name) {
  const auto& groups = re.NamedCapturingGroups();
  auto it = groups.find(name);
  return it == groups.end() ? 0 : it->second;
}

}  // namespace qaextract::internal
