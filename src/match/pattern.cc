#include "match/pattern.h"

#include "text/fold.h"

namespace qaextract::internal {

RE2::Options PatternOptions(std::int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(max_mem);
  return options;
}

Status CompilePattern(const PatternSpec& spec, std::int64_t max_mem, Rule* out) {
  auto re = std::make_shared<RE2>(FoldPattern(spec.text), PatternOptions(max_mem));
  if (!re->ok()) {
    std::string why = re->error_code() == RE2::ErrorPatternTooLarge
                          ? "pattern too large for the memory budget (" +
                                std::to_string(max_mem) + " bytes)"
                          : re->error();
    return Status::RuleError(spec.where, "bad pattern in " + spec.key_path + ": " + why);
  }
  out->id = spec.id();
  out->re = std::move(re);
  return Status::OK();
}

int NamedGroup(const RE2& re, const std::string& name) {
  const auto& groups = re.NamedCapturingGroups();
  auto it = groups.find(name);
  return it == groups.end() ? 0 : it->second;
}

}  // namespace qaextract::internal
