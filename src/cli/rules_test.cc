// qaextract rules test [DIR] [--update] and qaextract rules diff OLD NEW FILE...
//
// rules test runs the golden cases kept beside rule files:
// DIR/tests/<case>/input.txt with DIR/tests/<case>/expected.yaml, which
// says which rule set applies and which turns (line, speaker), speakers and
// sections the article must give. rules diff shows what a rule edit changes.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/rules_choice.h"
#include "qaextract/qaextract.h"

namespace qaextract::cli {
namespace {

// What a case pins down of a document.
struct Expectation {
  std::string rules;                       // rule set name
  std::map<int, std::string> turns;        // line -> speaker id
  std::map<std::string, int> speakers;     // id -> turns
  std::vector<std::string> sections;       // titles (or numbers)
};

Expectation FromDocument(const Document& doc) {
  Expectation e;
  e.rules = doc.rules.name;
  for (const Turn& t : doc.turns) e.turns[t.line_start] = t.speaker;
  for (const Speaker& s : doc.speakers) e.speakers[s.id] = s.turn_count;
  for (const Section& s : doc.sections) e.sections.push_back(s.title.value_or(s.number.value_or("")));
  return e;
}

Status ReadExpectation(const std::string& path, Expectation* e) {
  try {
    const YAML::Node root = YAML::LoadFile(path);
    e->rules = root["rules"].as<std::string>("");
    for (const YAML::Node& t : root["turns"]) e->turns[t["line"].as<int>()] = t["speaker"].as<std::string>();
    for (const auto& kv : root["speakers"]) e->speakers[kv.first.as<std::string>()] = kv.second.as<int>();
    for (const YAML::Node& s : root["sections"]) e->sections.push_back(s.as<std::string>());
  } catch (const YAML::Exception& ex) {
    return Status::InputError({path, ex.mark.line + 1, ex.mark.column + 1}, ex.msg);
  }
  return Status::OK();
}

std::string WriteExpectation(const Expectation& e) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "rules" << YAML::Value << e.rules;
  out << YAML::Key << "speakers" << YAML::Value << YAML::BeginMap;
  for (const auto& [id, n] : e.speakers) out << YAML::Key << id << YAML::Value << n;
  out << YAML::EndMap << YAML::Key << "sections" << YAML::Value << YAML::BeginSeq;
  for (const std::string& s : e.sections) out << YAML::DoubleQuoted << s;
  out << YAML::EndSeq << YAML::Key << "turns" << YAML::Value << YAML::BeginSeq;
  for (const auto& [line, speaker] : e.turns)
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "line" << YAML::Value << line << YAML::Key
        << "speaker" << YAML::Value << speaker << YAML::EndMap;
  out << YAML::EndSeq << YAML::EndMap;
  return std::string("# Expected extraction of input.txt; `qaextract rules test --update` rewrites it.\n") +
         out.c_str() + "\n";
}

// Speakers whose every turn is now by one other speaker that had none
// before, and who have none left: pure renames of an id, old id -> new id.
std::map<std::string, std::string> Renames(const std::map<int, std::string>& before,
                                           const std::map<int, std::string>& after) {
  std::map<std::string, std::string> to;  // "" once a speaker is not a pure rename
  std::set<std::string> old_ids;
  for (const auto& [line, speaker] : before) old_ids.insert(speaker);
  for (const auto& [line, speaker] : before) {
    auto it = after.find(line);
    const std::string now = it == after.end() ? "" : it->second;
    auto [entry, first] = to.emplace(speaker, now);
    if (now.empty() || now == speaker || old_ids.count(now) || (!first && entry->second != now))
      entry->second = "";
  }
  std::set<std::string> new_ids;
  for (const auto& [line, speaker] : after) new_ids.insert(speaker);
  std::map<std::string, std::string> renames;
  for (const auto& [from, now] : to)
    if (!now.empty() && !new_ids.count(from)) renames.emplace(from, now);
  return renames;
}

// Turns gained, lost and re-attributed from `before` to `after`; a speaker
// renamed as a whole is one line, not one per turn.
std::vector<std::string> TurnChanges(const std::map<int, std::string>& before,
                                     const std::map<int, std::string>& after, const char* gained_word,
                                     const char* lost_word) {
  std::vector<std::string> changes;
  const std::map<std::string, std::string> renames = Renames(before, after);
  for (const auto& [from, now] : renames) {
    int turns = 0;
    for (const auto& [line, speaker] : before) turns += speaker == from;
    changes.push_back("speaker " + from + " is now " + now + " (" + std::to_string(turns) + " turn" +
                      (turns == 1 ? "" : "s") + ")");
  }
  for (const auto& [line, speaker] : after) {
    auto it = before.find(line);
    if (it == before.end()) changes.push_back("line " + std::to_string(line) + ": " + gained_word + " turn by " + speaker);
    else if (it->second != speaker && !renames.count(it->second))
      changes.push_back("line " + std::to_string(line) + ": turn by " + it->second + " is now by " + speaker);
  }
  for (const auto& [line, speaker] : before)
    if (!after.count(line)) changes.push_back("line " + std::to_string(line) + ": " + lost_word + " turn by " + speaker);
  return changes;
}

std::vector<std::string> Differences(const Expectation& want, const Expectation& got) {
  std::vector<std::string> d;
  if (want.rules != got.rules) d.push_back("rules: expected " + want.rules + ", got " + got.rules);
  for (const std::string& c : TurnChanges(want.turns, got.turns, "unexpected", "missing")) d.push_back(c);
  if (want.speakers != got.speakers) {
    std::string w, g;
    for (const auto& [id, n] : want.speakers) w += " " + id + "=" + std::to_string(n);
    for (const auto& [id, n] : got.speakers) g += " " + id + "=" + std::to_string(n);
    d.push_back("speakers: expected" + w + "; got" + g);
  }
  if (want.sections != got.sections) {
    d.push_back("sections: expected " + std::to_string(want.sections.size()) + ", got " +
                std::to_string(got.sections.size()));
    for (std::size_t i = 0; i < std::max(want.sections.size(), got.sections.size()); ++i) {
      const std::string w = i < want.sections.size() ? want.sections[i] : "(none)";
      const std::string g = i < got.sections.size() ? got.sections[i] : "(none)";
      if (w != g) d.push_back("  section " + std::to_string(i) + ": expected \"" + w + "\", got \"" + g + "\"");
    }
  }
  return d;
}

struct TestArgs {
  std::string dir = "rules";
  bool update = false;
};

int RunTest(const TestArgs& args) {
  RuleChoice rules;
  Status s = LoadRules(RulesArgs{{args.dir}, false}, &rules);
  if (!s.ok()) return ReportFailure(s);
  std::vector<std::filesystem::path> cases;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(args.dir) / "tests", ec))
    if (e.is_directory()) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  int passed = 0, failed = 0;
  for (const auto& dir : cases) {
    const std::string name = dir.filename().string();
    Source source;
    Document doc;
    Expectation want;
    s = ReadSource((dir / "input.txt").string(), {}, &source);
    if (s.ok()) s = rules.Extract(source, {}, &doc);
    const Expectation got = FromDocument(doc);
    const std::string expected = (dir / "expected.yaml").string();
    if (s.ok() && args.update) s = WriteOutput(expected, WriteExpectation(got));
    if (s.ok() && !std::filesystem::exists(expected, ec)) {
      std::cout << "FAIL " << name << "\n  no expected.yaml yet: `qaextract rules test " << args.dir
                << " --update` writes it from the current rules; check it against input.txt before "
                   "committing it\n";
      ++failed;
      continue;
    }
    if (s.ok()) s = ReadExpectation(expected, &want);
    if (!s.ok()) {
      std::cout << "FAIL " << name << "\n  " << s.ToString() << "\n";
      ++failed;
      continue;
    }
    const std::vector<std::string> diff = Differences(want, got);
    std::cout << (diff.empty() ? "PASS " : "FAIL ") << name << "  (" << got.rules << ": "
              << got.turns.size() << " turns, " << got.speakers.size() << " speakers, "
              << got.sections.size() << " sections)\n";
    for (const std::string& line : diff) std::cout << "  " << line << "\n";
    (diff.empty() ? passed : failed)++;
  }
  if (cases.empty()) std::cout << "no cases in " << args.dir << "/tests\n";
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed > 0 || cases.empty() ? static_cast<int>(ExitCode::kInputError) : 0;
}

struct DiffArgs {
  std::string old_rules;
  std::string new_rules;
  std::vector<std::string> files;
  bool exit_code = false;
};

int RunDiff(const DiffArgs& args) {
  RuleChoice before, after;
  Status s = LoadRules(RulesArgs{{args.old_rules}, false}, &before);
  if (s.ok()) s = LoadRules(RulesArgs{{args.new_rules}, false}, &after);
  int changed = 0;
  for (std::size_t i = 0; s.ok() && i < args.files.size(); ++i) {
    Source source;
    Document a, b;
    s = ReadSource(args.files[i], {}, &source);
    if (s.ok()) s = before.Extract(source, {}, &a);
    if (s.ok()) s = after.Extract(source, {}, &b);
    if (!s.ok()) break;
    const Expectation ea = FromDocument(a), eb = FromDocument(b);
    std::vector<std::string> d = TurnChanges(ea.turns, eb.turns, "gained", "lost");
    if (ea.sections != eb.sections)
      d.push_back("sections: " + std::to_string(ea.sections.size()) + " -> " + std::to_string(eb.sections.size()));
    std::cout << args.files[i] << ": " << ea.turns.size() << " -> " << eb.turns.size() << " turns"
              << (d.empty() ? ", no change" : "") << "\n";
    for (const std::string& line : d) std::cout << "  " << line << "\n";
    changed += !d.empty();
  }
  if (!s.ok()) return ReportFailure(s);
  std::cout << changed << " of " << args.files.size() << " articles change\n";
  return args.exit_code && changed > 0 ? 1 : 0;
}

}  // namespace

void AddRulesTestCommands(CLI::App* rules, std::vector<std::pair<CLI::App*, Runner>>* out) {
  auto test = std::make_shared<TestArgs>();
  CLI::App* test_cmd = rules->add_subcommand("test", "Run the golden cases in DIR/tests/<case>/");
  test_cmd->add_option("DIR", test->dir, "Rule directory")->capture_default_str();
  test_cmd->add_flag("--update", test->update, "Rewrite expected.yaml from the current rules (review the diff!)");
  out->emplace_back(test_cmd, [test] { return RunTest(*test); });

  auto diff = std::make_shared<DiffArgs>();
  CLI::App* diff_cmd = rules->add_subcommand(
      "diff", "What changes in the extraction of FILE... from OLD rules to NEW rules");
  diff_cmd->add_option("OLD", diff->old_rules, "Rule file or directory before the edit")->required();
  diff_cmd->add_option("NEW", diff->new_rules, "Rule file or directory after the edit")->required();
  diff_cmd->add_option("FILE", diff->files, "Articles")->required();
  diff_cmd->add_flag("--exit-code", diff->exit_code, "Exit 1 when any article's extraction changes (as git diff)");
  out->emplace_back(diff_cmd, [diff] { return RunDiff(*diff); });
}

}  // namespace qaextract::cli
