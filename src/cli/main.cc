// The qaextract executable: parses the command line with CLI11 and runs one
// subcommand from the table in commands.h.
#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "qaextract/qaextract.h"

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
