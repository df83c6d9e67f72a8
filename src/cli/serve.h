// The playground's HTTP server, in the qaextract-serve helper binary (see
// serve_launcher.cc for why it is a binary of its own).
#ifndef QAEXTRACT_SRC_CLI_SERVE_H_
#define QAEXTRACT_SRC_CLI_SERVE_H_

#include "cli/commands.h"

namespace qaextract::cli {

// The options of `qaextract serve`, added to `app`, and the server to run.
Runner SetupPlaygroundServer(CLI::App* app);

}  // namespace qaextract::cli

#endif  // QAEXTRACT_SRC_CLI_SERVE_H_
