// The playground's API, without a server: request bodies in, responses out.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "qaextract/playground.h"
#include "testing/test_util.h"

namespace qaextract::serve {
namespace {

std::unique_ptr<Playground> MakePlayground() {
  PlaygroundOptions options;
  options.files = {testing::SourcePath("samples/zh-anyong-interview-v1.txt")};
  options.max_request_bytes = 1 << 20;
  std::unique_ptr<Playground> p;
  REQUIRE(Playground::Create(options, &p).ok());
  return p;
}

nlohmann::json Body(const Response& r) { return nlohmann::json::parse(r.body); }

std::string Request(const std::string& article, const std::string& rules) {
  return nlohmann::json{{"article", article}, {"rules", rules}}.dump();
}

const char* const kRules =
    "name: qa\nspeakers:\n  - {id: q, role: interviewer, markers: [Q]}\n"
    "  - {id: a, role: interviewee, markers: [A]}\n";

}  // namespace

TEST_CASE("Playground: the files given are listed and served, nothing else") {
  auto p = MakePlayground();
  const nlohmann::json files = Body(p->Files());
  REQUIRE(files["files"].size() == 1);
  CHECK(files["files"][0]["name"] == "zh-anyong-interview-v1.txt");
  const Response file = p->File(0);
  CHECK(file.status == 200);
  CHECK(Body(file)["text"] ==
        testing::ReadFileOrDie(testing::SourcePath("samples/zh-anyong-interview-v1.txt")));
  CHECK(p->File(1).status == 404);
}

TEST_CASE("Playground: extract with the built-in rules gives the document, ledger and speakers") {
  auto p = MakePlayground();
  const std::string article = Body(p->File(0))["text"];
  const Response r = p->Extract(Request(article, ""));
  REQUIRE(r.status == 200);
  const nlohmann::json j = Body(r);
  CHECK(j["document"]["rules"]["name"] == "anyong-waves");
  CHECK(j["document"]["turns"].size() == 75);
  CHECK(j["speakers"].size() == 2);
  CHECK(j["speakers"][0]["turns"].get<int>() + j["speakers"][1]["turns"].get<int>() == 75);
  // One ledger row per input line, in order.
  const auto& lines = j["ledger"]["lines"];
  REQUIRE(lines.size() > 100);
  for (std::size_t i = 0; i < lines.size(); ++i) CHECK(lines[i]["line"] == i + 1);
  CHECK(j["lint"].empty());
}

TEST_CASE("Playground: rules from the editor are linted and used") {
  auto p = MakePlayground();
  nlohmann::json j = Body(p->Extract(Request("Q: one?\nA: two.\nQ: three?\nA: four.\n", kRules)));
  CHECK(j["document"]["turns"].size() == 4);
  CHECK(j["document"]["rules"]["name"] == "qa");

  // A bad pattern: no document, and the error at its line and column.
  j = Body(p->Extract(Request("Q: one?\n", "name: x\nnoise:\n  lines: ['(']\n")));
  CHECK(j["document"].is_null());
  REQUIRE(j["lint"].size() == 1);
  CHECK(j["lint"][0]["code"] == "bad-pattern");
  CHECK(j["lint"][0]["line"] == 3);
  CHECK(j["lint"][0]["column"] == 11);
}

TEST_CASE("Playground: rule text cannot reach files by extends:") {
  auto p = MakePlayground();
  for (const char* target : {"/etc/passwd", "../rules/base-zh.yaml", "x.yaml"}) {
    CAPTURE(target);
    const nlohmann::json j =
        Body(p->Extract(Request("Q: a\n", std::string("name: x\nextends: [") + target + "]\n")));
    CHECK(j["document"].is_null());
    CHECK(j["error"].get<std::string>().find("only rule names") != std::string::npos);
  }
  // Names still resolve to the built-in files.
  const nlohmann::json ok = Body(p->Extract(Request("Q: a\n", "name: x\nextends: [base-zh]\n")));
  CHECK_FALSE(ok["document"].is_null());
}

TEST_CASE("Playground: bad requests get 400 or 413, not a crash") {
  auto p = MakePlayground();
  CHECK(p->Extract("not json").status == 400);
  CHECK(p->Extract("[1, 2]").status == 400);
  CHECK(p->Extract(std::string(2 << 20, ' ')).status == 413);
  CHECK(p->Convert(R"({"article": "Q: a", "format": "xml"})").status == 400);
  // Binary input is refused like convert refuses it.
  CHECK(p->Extract(Request(std::string("a\0b", 3), "")).status == 200);
  CHECK(Body(p->Extract(Request(std::string("a\0b", 3), "")))["document"].is_null());
}

TEST_CASE("Playground: discover proposes rules that then extract the article") {
  auto p = MakePlayground();
  const std::string article = Body(p->File(0))["text"];
  const nlohmann::json d = Body(p->Discover(nlohmann::json{{"article", article}}.dump()));
  const std::string rules = d["rules"];
  CHECK(rules.find("speakers:") != std::string::npos);
  const nlohmann::json j = Body(p->Extract(Request(article, rules)));
  REQUIRE_FALSE(j["document"].is_null());
  CHECK(j["document"]["turns"].size() == 75);
}

TEST_CASE("Playground: convert writes JSON or YAML, and the page's files are served") {
  auto p = MakePlayground();
  const Response json = p->Convert(
      nlohmann::json{{"article", "Q: a?\nA: b.\n"}, {"rules", kRules}, {"format", "json"}}.dump());
  CHECK(json.status == 200);
  CHECK(Body(json)["turns"].size() == 2);
  const Response yaml = p->Convert(
      nlohmann::json{{"article", "Q: a?\nA: b.\n"}, {"rules", kRules}, {"format", "yaml"}}.dump());
  CHECK(yaml.content_type == "application/yaml");
  CHECK(yaml.body.find("schema_version:") != std::string::npos);
  CHECK(Playground::Asset("/").body.find("<textarea id=\"rules-input\"") != std::string::npos);
  CHECK(Playground::Asset("/app.js").content_type.find("javascript") != std::string::npos);
  CHECK(Playground::Asset("/secret").status == 404);
}

}  // namespace qaextract::serve

namespace qaextract::serve {

TEST_CASE("Playground: an empty editor is told which files decided, with the chosen one's text") {
  auto p = MakePlayground();
  const std::string article = Body(p->File(0))["text"];
  const nlohmann::json r = Body(p->Extract(Request(article, "")));
  CHECK(r["document"]["rules"]["name"] == "anyong-waves");
  REQUIRE(r["rules_files"].size() >= 2);
  CHECK(r["rules_files"].back()["file"] == "builtin:anyong-waves");
  CHECK(r["rules_files"].back()["builtin"] == true);
  std::string shipped;
  REQUIRE(RuleSet::BuiltinText("anyong-waves", &shipped).ok());
  CHECK(r["rules_text"] == shipped);
  // The copy, sent back as the editor's rules, extracts the same turns.
  const nlohmann::json copy = Body(p->Extract(Request(article, shipped)));
  CHECK(copy["document"]["turns"].size() == r["document"]["turns"].size());
  CHECK(copy["rules_files"].empty());
}

TEST_CASE("Playground: --rules FILE starts the editor with it, a bad file is refused at start") {
  const std::string dir = testing::MakeTempDir();
  const std::string file = dir + "/qa.yaml";
  FILE* f = std::fopen(file.c_str(), "w");
  REQUIRE(f != nullptr);
  std::fputs(kRules, f);
  std::fclose(f);
  PlaygroundOptions options;
  options.rules_path = file;
  std::unique_ptr<Playground> p;
  REQUIRE(Playground::Create(options, &p).ok());
  CHECK(Body(p->Files())["rules"] == kRules);
  options.rules_path = dir + "/missing.yaml";
  CHECK(!Playground::Create(options, &p).ok());
}

}  // namespace qaextract::serve
