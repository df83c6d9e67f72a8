// Fuzz target: arbitrary bytes as the body of each playground API request
// (extract, discover, convert). Every answer must be a status the API
// documents (200; 400 malformed, 413 too large, 422 an article or rules it
// cannot use) with a body that parses as JSON (or, for a
// YAML conversion, any text), whatever the body holds.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "qaextract/playground.h"

namespace {

const qaextract::serve::Playground& Page() {
  static const qaextract::serve::Playground* page = [] {
    qaextract::serve::PlaygroundOptions options;
    options.max_request_bytes = 64 * 1024;
    std::unique_ptr<qaextract::serve::Playground> p;
    const qaextract::Status s = qaextract::serve::Playground::Create(options, &p);
    if (!s.ok()) qaextract::fuzz::Fail("playground: " + s.ToString());
    return p.release();
  }();
  return *page;
}

void Check(const qaextract::serve::Response& r, const char* what) {
  if (r.status != 200 && r.status != 400 && r.status != 413 && r.status != 422)
    qaextract::fuzz::Fail(std::string(what) + ": status " + std::to_string(r.status));
  if (r.content_type == "application/json" && !nlohmann::json::accept(r.body))
    qaextract::fuzz::Fail(std::string(what) + ": the answer is not JSON");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  Check(Page().Extract(body), "extract");
  Check(Page().Discover(body), "discover");
  Check(Page().Convert(body), "convert");
  return 0;
}
