// qaextract discover FILE... [--emit-rules [-o OUT]] [--name NAME]
//
// Finds candidate speakers, aliases, roles, noise lines and heading shapes in
// articles of a source nobody wrote rules for; prints them ranked, or writes
// a commented starter rule file that `rules lint` accepts and `convert
// --rules` extracts with.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output.h"
#include "qaextract/discover.h"
#include "qaextract/qaextract.h"

namespace qaextract::cli {
namespace {

struct DiscoverArgs {
  std::vector<std::string> inputs;
  bool emit_rules = false;
  std::string name;
  std::string output;
  ExtractOptions options;
};

int RunDiscover(const DiscoverArgs& args) {
  std::vector<Source> sources;
  Status s;
  for (const std::string& path : args.inputs) {
    Source source;
    s = ReadSource(path, args.options, &source);
    if (!s.ok()) break;
    sources.push_back(std::move(source));
  }
  RuleSet base;
  if (s.ok()) s = RuleSet::LoadBuiltin(kFallbackRuleSet, RuleLoadOptions{}, &base);
  SourceDiscovery found;
  if (s.ok()) s = DiscoverSource(sources, base, args.options, &found);
  if (s.ok()) {
    const std::string name =
        args.name.empty() ? std::filesystem::path(args.inputs.front()).stem().string() : args.name;
    s = WriteOutput(args.output, args.emit_rules ? StarterRulesYaml(found, name, RulesSchemaPath())
                                                 : DiscoveryReportText(found));
  }
  if (!s.ok()) return ReportFailure(s);
  return 0;
}

}  // namespace

Runner SetupDiscover(CLI::App* sub) {
  auto args = std::make_shared<DiscoverArgs>();
  sub->add_option("FILE", args->inputs, "Articles of one source")->required();
  sub->add_flag("--emit-rules", args->emit_rules, "Write a starter rule file instead of the report");
  sub->add_option("--name", args->name, "Name of the emitted rule set (default: the first file's name)");
  sub->add_option("-o,--output", args->output, "Output file (default: standard output)");
  return [args] { return RunDiscover(*args); };
}

}  // namespace qaextract::cli
