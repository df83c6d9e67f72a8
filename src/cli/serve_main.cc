// qaextract-serve: the rule playground's web server. Users run it as
// `qaextract serve ...`, which runs this binary with the same arguments.
#include "cli/serve.h"

int main(int argc, char** argv) {
  CLI::App app{"qaextract serve: the rule playground, a local web page for writing rules",
               "qaextract serve"};
  const qaextract::cli::Runner run = qaextract::cli::SetupPlaygroundServer(&app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help or the error
    return code == 0 ? 0 : static_cast<int>(qaextract::ExitCode::kUsageError);
  }
  return run();
}
