// ReportFailure, shared by qaextract and qaextract-serve.
#include <iostream>

#include "cli/commands.h"

namespace qaextract::cli {

int ReportFailure(const qaextract::Status& s) {
  std::cerr << s.ToString() << "\n";
  return static_cast<int>(s.exit_code());
}

}  // namespace qaextract::cli
