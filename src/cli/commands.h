// The subcommand table of the qaextract executable. Each subcommand declares
// its flags on a CLI11 sub-app and returns the function that runs it.
#ifndef QAEXTRACT_SRC_CLI_COMMANDS_H_
#define QAEXTRACT_SRC_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "qaextract/status.h"

#include <functional>
#include <utility>
#include <vector>

namespace qaextract::cli {

// The whole command line, as the user typed it (for manifests).
void SetCommandLine(int argc, char** argv);
const std::string& CommandLine();

// Prints `s` (a failure) to stderr in the contract format and returns its
// exit code.
int ReportFailure(const qaextract::Status& s);

// Runs a parsed subcommand; returns the process exit code.
using Runner = std::function<int()>;

struct Command {
  const char* name;
  const char* summary;
  Runner (*setup)(CLI::App* sub);
};

Runner SetupConvert(CLI::App* sub);
Runner SetupRules(CLI::App* sub);
Runner SetupExplain(CLI::App* sub);
Runner SetupDiscover(CLI::App* sub);
Runner SetupBatch(CLI::App* sub);
Runner SetupServe(CLI::App* sub);
// `rules test` and `rules diff`, added under the `rules` command.
void AddRulesTestCommands(CLI::App* rules, std::vector<std::pair<CLI::App*, Runner>>* out);

// Every subcommand, in --help order.
inline const Command kCommands[] = {
    {"convert", "Convert one article to JSON or YAML", SetupConvert},
    {"batch", "Extract many articles into a JSONL dataset, in parallel", SetupBatch},
    {"explain", "Show what every line became and which rule decided", SetupExplain},
    {"discover", "Find speakers, noise and headings in articles of an unknown source", SetupDiscover},
    {"rules", "Work on rule files: lint, test, diff", SetupRules},
    {"serve", "Open the rule playground: a local web page for writing rules", SetupServe},
};

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_COMMANDS_H_
