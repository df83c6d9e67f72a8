#include "rules/selection_filter.h"

#include <string>

#include "match/pattern.h"

namespace qaextract::internal {

std::shared_ptr<const SelectionFilter> SelectionFilter::Build(const std::vector<const CompiledRules*>& selections,
                                                              std::int64_t max_mem) {
  std::vector<std::string> patterns;
  for (const CompiledRules* rules : selections)
    for (const auto* list : {&rules->match_all, &rules->match_any})
      for (const Rule& r : *list) patterns.push_back(r.re.pattern());
  auto filter = PatternFilter::Build(patterns, PatternOptions(max_mem));
  if (filter == nullptr) return nullptr;
  auto out = std::make_shared<SelectionFilter>();
  out->filter_ = std::move(filter);
  out->patterns_ = patterns.size();
  return out;
}

void SelectionFilter::Possible(std::string_view folded, std::vector<bool>* possible) const {
  static thread_local std::vector<int> indices;
  filter_->Possible(folded, &indices);
  possible->assign(patterns_, false);
  for (int i : indices) (*possible)[static_cast<std::size_t>(i)] = true;
}

}  // namespace qaextract::internal
