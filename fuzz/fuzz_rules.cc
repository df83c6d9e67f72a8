// Fuzz target: arbitrary bytes as a rule file. Loading either succeeds or
// fails with a located RuleError; it never crashes, hangs or runs away with
// memory (RE2's budget, yaml-cpp's depth guard).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "qaextract/qaextract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qaextract;
  RuleSet rules;
  const Status s = RuleSet::LoadString(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml", {}, &rules);
  if (s.ok() != rules.loaded()) fuzz::Fail("status and loaded() disagree");
  if (!s.ok() && s.ToString().empty()) fuzz::Fail("an error without a message");
  return 0;
}
