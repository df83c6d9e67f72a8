// docs/rules.schema.json and the loader cannot drift apart: every mapping's
// properties in the schema are exactly the keys the loader accepts there.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "rules/rule_model.h"
#include "testing/test_util.h"

namespace qaextract::internal {
namespace {

std::set<std::string> Keys(const nlohmann::json& properties) {
  std::set<std::string> keys;
  for (auto it = properties.begin(); it != properties.end(); ++it) keys.insert(it.key());
  return keys;
}

}  // namespace

TEST_CASE("Schema: each mapping's properties are the loader's keys") {
  const nlohmann::json schema =
      nlohmann::json::parse(testing::ReadFileOrDie(testing::SourcePath("docs/rules.schema.json")));
  const nlohmann::json& p = schema["properties"];
  const nlohmann::json& markers = schema["$defs"]["speaker"]["properties"]["markers"]["items"]["oneOf"];
  std::set<std::string> marker_keys = Keys(markers[1]["properties"]);
  for (const auto& k : Keys(markers[2]["properties"])) marker_keys.insert(k);
  const std::map<std::string, std::set<std::string>> in_schema = {
      {"", Keys(p)},
      {"match", Keys(p["match"]["oneOf"][1]["properties"])},
      {"marker_syntax", Keys(p["marker_syntax"]["properties"])},
      {"speakers[]", Keys(schema["$defs"]["speaker"]["properties"])},
      {"speakers[].markers[]", marker_keys},
      {"sections", Keys(p["sections"]["properties"])},
      {"sections.headings", Keys(p["sections"]["properties"]["headings"]["properties"])},
      {"boundaries", Keys(p["boundaries"]["properties"])},
      {"noise", Keys(p["noise"]["properties"])},
      {"metadata.*", Keys(p["metadata"]["additionalProperties"]["oneOf"][1]["properties"])},
  };
  REQUIRE(in_schema.size() == RuleFileKeys().size());
  for (const auto& [where, keys] : RuleFileKeys()) {
    CAPTURE(where);
    REQUIRE(in_schema.count(where) == 1);
    CHECK(in_schema.at(where) == std::set<std::string>(keys.begin(), keys.end()));
  }
}

TEST_CASE("Schema: every shipped rule file starts with the schema modeline") {
  for (const std::string& name : RuleSet::BuiltinNames()) {
    CAPTURE(name);
    const std::string text = testing::ReadFileOrDie(testing::SourcePath("rules/" + name + ".yaml"));
    CHECK(text.rfind("# yaml-language-server: $schema=../docs/rules.schema.json\n", 0) == 0);
  }
}

}  // namespace qaextract::internal
