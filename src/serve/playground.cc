#include "qaextract/playground.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "qaextract/discover.h"
#include "qaextract/emit.h"
#include "qaextract/explain.h"
#include "qaextract/lint.h"

namespace qaextract::serve {
namespace {

struct Asset {
  const char* path;
  const char* content_type;
  const char* text;
};

const Asset kAssets[] = {
#include "web_assets.inc"
};

constexpr const char* kRulesName = "rules.yaml";  // what the editor's text is called

Response Json(int status, const nlohmann::json& j) {
  return Response{status, "application/json",
                  j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

Response Error(int status, const std::string& message) {
  return Json(status, {{"error", message}});
}

// Parses a request body into *j; a 400 or 413 Response when it is not a JSON
// object within the size limit.
bool ParseRequest(std::string_view body, std::size_t limit, nlohmann::json* j, Response* error) {
  if (body.size() > limit) {
    *error = Error(413, "request over " + std::to_string(limit) + " bytes");
    return false;
  }
  *j = nlohmann::json::parse(body, nullptr, false);
  if (j->is_discarded() || !j->is_object()) {
    *error = Error(400, "the request body is not a JSON object");
    return false;
  }
  return true;
}

std::string StringField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

nlohmann::json DiagnosticsJson(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::json out = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics) {
    out.push_back({{"line", d.where.line},
                   {"column", d.where.column},
                   {"severity", d.error ? "error" : "warning"},
                   {"code", d.code},
                   {"message", d.message},
                   {"file", d.where.path}});
  }
  return out;
}

}  // namespace

Status Playground::Create(const PlaygroundOptions& options, std::unique_ptr<Playground>* out) {
  auto p = std::unique_ptr<Playground>(new Playground);
  p->options_ = options;
  ExtractOptions extract;
  extract.max_input_bytes = options.max_request_bytes;
  for (const std::string& path : options.files) {
    Source source;
    if (Status s = ReadSource(path, extract, &source); !s.ok()) return s;
    p->articles_.push_back(
        Article{std::filesystem::path(path).filename().string(), std::move(source.text)});
  }
  RuleLoadOptions load;
  load.regex_max_mem = options.regex_max_mem;
  std::error_code ec;
  std::vector<std::string> rule_files;  // the operator's, in the library's order
  if (!options.rules_path.empty() && std::filesystem::is_directory(options.rules_path, ec)) {
    p->extends_dir_ = options.rules_path;
    if (Status s = RuleLibrary::Load({options.rules_path}, /*with_builtins=*/true, load, &p->library_); !s.ok())
      return s;
    for (const RuleSet& set : p->library_.rule_sets())
      if (!IsBuiltinFile(set.files().back())) rule_files.push_back(set.files().back());
  } else {
    if (Status s = RuleLibrary::LoadBuiltin(load, &p->library_); !s.ok()) return s;
    if (!options.rules_path.empty()) {
      RuleSet check;  // a bad file fails here, as with convert, not in the page
      if (Status s = RuleSet::LoadFile(options.rules_path, load, &check); !s.ok()) return s;
      p->extends_dir_ = std::filesystem::path(options.rules_path).parent_path().string();
      rule_files.push_back(options.rules_path);
    }
  }
  // Read once: the first starts the editor, and each is the copy the page
  // opens when the library chose it.
  for (const std::string& file : rule_files) {
    Source rules_file;
    if (Status s = ReadSource(file, extract, &rules_file); !s.ok()) return s;
    p->rule_texts_.emplace(file, std::move(rules_file.text));
  }
  if (!rule_files.empty()) p->initial_rules_ = p->rule_texts_.at(rule_files.front());
  *out = std::move(p);
  return Status::OK();
}

Response Playground::Files() const {
  nlohmann::json files = nlohmann::json::array();
  for (std::size_t i = 0; i < articles_.size(); ++i)
    files.push_back({{"index", i}, {"name", articles_[i].name}, {"bytes", articles_[i].text.size()}});
  return Json(200, {{"files", files}, {"rules", initial_rules_}});
}

Response Playground::File(std::size_t index) const {
  if (index >= articles_.size()) return Error(404, "no such file");
  return Json(200, {{"name", articles_[index].name}, {"text", articles_[index].text}});
}

// What one extraction request produced.
struct Playground::Request {
  nlohmann::json json;
};

struct Playground::Run {
  Source source;
  Explanation explained;  // the document, and what each line became
  nlohmann::json lint = nlohmann::json::array();
  // With an empty editor: the files of the set the library chose, base
  // first, and the text of the chosen one (for an editable copy).
  nlohmann::json rules_files = nlohmann::json::array();
  std::string rules_text;
  Status status;  // not ok: the rules or the article were refused
};

void Playground::DescribeChoice(const std::string& name, Run* run) const {
  const RuleSet* chosen = nullptr;
  for (const RuleSet& set : library_.rule_sets())
    if (set.name() == name) chosen = &set;
  if (chosen == nullptr) return;  // the fallback outside the list: nothing to show
  for (const std::string& file : chosen->files()) {
    const bool builtin = IsBuiltinFile(file);
    run->rules_files.push_back({{"file", file}, {"builtin", builtin}});
  }
  const std::string& own = chosen->files().back();
  if (IsBuiltinFile(own)) {
    RuleSet::BuiltinText(own.substr(sizeof kBuiltinFilePrefix - 1), &run->rules_text);
  } else if (auto it = rule_texts_.find(own); it != rule_texts_.end()) {
    run->rules_text = it->second;
  }
}

void Playground::RunRequest(const Request& parsed, Run* run) const {
  const nlohmann::json& request = parsed.json;
  ExtractOptions extract;
  extract.max_input_bytes = options_.max_request_bytes;
  run->status = DecodeSource(StringField(request, "article"), "article.txt", extract, &run->source);
  if (!run->status.ok()) return;
  const std::string rules_text = StringField(request, "rules");
  if (rules_text.find_first_not_of(" \t\r\n") == std::string::npos) {
    run->status = Explain(run->source, RuleChoice(library_), extract, &run->explained);
    if (run->status.ok()) DescribeChoice(run->explained.document.rules.name, run);
    return;
  }
  RuleLoadOptions load;
  load.names_only = true;
  load.regex_max_mem = options_.regex_max_mem;
  if (!extends_dir_.empty()) load.search_dirs.push_back(extends_dir_);
  run->lint = DiagnosticsJson(LintRuleText(rules_text, kRulesName, load));
  RuleSet rules;
  run->status = RuleSet::LoadString(rules_text, kRulesName, load, &rules);
  if (run->status.ok())
    run->status = Explain(run->source, RuleChoice(rules), extract, &run->explained);
}

Response Playground::Extract(std::string_view body) const {
  nlohmann::json request;
  Response error;
  if (!ParseRequest(body, options_.max_request_bytes, &request, &error)) return error;
  Run run;
  RunRequest(Request{std::move(request)}, &run);
  if (!run.status.ok())
    return Json(200, {{"document", nullptr}, {"lint", run.lint}, {"error", run.status.ToString()}});
  nlohmann::json speakers = nlohmann::json::array();
  const Document& doc = run.explained.document;
  for (const Speaker& sp : doc.speakers)
    speakers.push_back({{"id", sp.id}, {"name", sp.name}, {"role", sp.role}, {"turns", sp.turn_count}});
  std::string document_json;
  WriteJson(doc, JsonOptions{false}, &document_json);
  // The document and the ledger are written by the library's own writers and
  // spliced in whole rather than parsed and dumped again.
  const nlohmann::json head = {{"lint", run.lint},
                               {"speakers", speakers},
                               {"error", nullptr},
                               {"rules_files", run.rules_files},
                               {"rules_text", run.rules_text}};
  std::string out = head.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.pop_back();  // the closing brace
  out += ",\"document\":" + document_json + ",\"ledger\":" +
         ExplanationJson(run.explained, false) + "}";
  return Response{200, "application/json", std::move(out)};
}

Response Playground::Discover(std::string_view body) const {
  nlohmann::json request;
  Response error;
  if (!ParseRequest(body, options_.max_request_bytes, &request, &error)) return error;
  ExtractOptions extract;
  extract.max_input_bytes = options_.max_request_bytes;
  Source source;
  if (Status s = DecodeSource(StringField(request, "article"), "article.txt", extract, &source); !s.ok())
    return Error(422, s.ToString());
  RuleLoadOptions load;
  load.regex_max_mem = options_.regex_max_mem;
  RuleSet generic;
  if (Status s = RuleSet::LoadBuiltin(kFallbackRuleSet, load, &generic); !s.ok()) return Error(500, s.ToString());
  SourceDiscovery discovery;
  if (Status s = DiscoverSource({source}, generic, extract, &discovery); !s.ok())
    return Error(422, s.ToString());
  return Json(200, {{"rules", StarterRulesYaml(discovery, "my-source", "")},
                    {"report", DiscoveryReportText(discovery)}});
}

Response Playground::Convert(std::string_view body) const {
  nlohmann::json request;
  Response error;
  if (!ParseRequest(body, options_.max_request_bytes, &request, &error)) return error;
  Format format;
  if (Status s = ParseFormat(StringField(request, "format"), &format); !s.ok())
    return Error(400, s.message());
  Run run;
  RunRequest(Request{std::move(request)}, &run);
  if (!run.status.ok()) return Error(422, run.status.ToString());
  std::string out;
  WriteDocument(run.explained.document, format, &out);
  return Response{200, format == Format::kJson ? "application/json" : "application/yaml", out};
}

Response Playground::Asset(std::string_view path) {
  if (path == "/" || path.empty()) path = "/index.html";
  for (const serve::Asset& a : kAssets)
    if (path == a.path) return Response{200, a.content_type, a.text};
  return Response{404, "text/plain", "not found\n"};
}

}  // namespace qaextract::serve
