// `qaextract serve`: runs the qaextract-serve binary installed beside this
// one, passing the arguments on. The HTTP server (cpp-httplib, which brings
// OpenSSL, brotli and zlib) lives there so that those libraries are not
// loaded, relocated and initialised at every start of qaextract: `convert`
// of one article takes a few milliseconds, and they were a millisecond or
// two of it.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cli/commands.h"

namespace qaextract::cli {
namespace {

// qaextract-serve beside the running executable.
std::string HelperPath() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ((ec ? std::filesystem::path() : self.parent_path()) / "qaextract-serve").string();
}

int RunHelper(const std::vector<std::string>& args) {
  const std::string helper = HelperPath();
  std::vector<char*> argv{const_cast<char*>(helper.c_str())};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(helper.c_str(), argv.data());
  return ReportFailure(Status::UsageError("cannot run " + helper + " (qaextract serve runs it): " +
                                          std::strerror(errno)));
}

}  // namespace

Runner SetupServe(CLI::App* sub) {
  // Every argument, --help included, is the helper's to parse.
  sub->prefix_command();
  sub->allow_extras();
  sub->set_help_flag();
  return [sub] { return RunHelper(sub->remaining()); };
}

}  // namespace qaextract::cli
