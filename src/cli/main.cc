// The qaextract executable: parses the command line with CLI11 and runs one
// subcommand from the table in commands.h.
#include <algorithm>
#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "qaextract/qaextract.h"
#include "qaextract/spelling.h"

namespace qaextract::cli {
namespace {
std::string& CommandLineStorage() {
  static std::string line;
  return line;
}
}  // namespace

void SetCommandLine(int argc, char** argv) {
  std::string& line = CommandLineStorage();
  for (int i = 0; i < argc; ++i) line += (i ? " " : "") + std::string(argv[i]);
}
const std::string& CommandLine() { return CommandLineStorage(); }
}  // namespace qaextract::cli

int main(int argc, char** argv) {
  qaextract::cli::SetCommandLine(argc, argv);
  CLI::App app{"qaextract: turn published interviews into data", "qaextract"};
  app.set_version_flag("--version", "qaextract " QAEXTRACT_VERSION);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, qaextract::cli::Runner>> runners;
  for (const auto& command : qaextract::cli::kCommands) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    runners.emplace_back(sub, command.setup(sub));
  }
  // "qaextract help [COMMAND]", "qaextract version", and a suggestion for a
  // misspelt command, before CLI11 (which says only "A subcommand is
  // required" for a word it does not know).
  const std::string first = argc > 1 ? argv[1] : "";
  if (first == "version") {
    std::cout << "qaextract " QAEXTRACT_VERSION "\n";
    return 0;
  }
  if (first == "help") {
    if (argc == 2) {
      std::cout << app.help();
      return 0;
    }
    for (auto& [sub, run] : runners)
      if (sub->get_name() == argv[2]) {
        std::cout << sub->help();
        return 0;
      }
  }
  std::vector<std::string> names;
  for (const auto& command : qaextract::cli::kCommands) names.emplace_back(command.name);
  const std::string word = first == "help" ? (argc > 2 ? argv[2] : "") : first;
  if (!word.empty() && word[0] != '-' && std::find(names.begin(), names.end(), word) == names.end()) {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    std::cerr << "error: unknown command '" << word << "'"
              << qaextract::DidYouMean(word, names) << " (commands: " << list
              << "; qaextract help COMMAND for its options)\n";
    return static_cast<int>(qaextract::ExitCode::kUsageError);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, version or the error
    return code == 0 ? 0 : static_cast<int>(qaextract::ExitCode::kUsageError);
  }
  for (auto& [sub, run] : runners) {
    if (sub->parsed()) return run();
  }
  return static_cast<int>(qaextract::ExitCode::kUsageError);
}
