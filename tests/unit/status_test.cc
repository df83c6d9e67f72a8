#include <doctest/doctest.h>

#include "qaextract/status.h"

namespace qaextract {

TEST_CASE("Status: renders path:line:col: error: message") {
  CHECK(Status::RuleError({"rules/x.yaml", 14, 13}, "unknown key 'speekers'").ToString() ==
        "rules/x.yaml:14:13: error: unknown key 'speekers'");
  CHECK(Status::InputError({"a.txt", 3, 0}, "line too long").ToString() ==
        "a.txt:3: error: line too long");
  CHECK(Status::InputError({"a.txt", 0, 0}, "is a directory").ToString() ==
        "a.txt: error: is a directory");
  CHECK(Status::UsageError("bad flag").ToString() == "error: bad flag");
  CHECK(Status::OK().ToString() == "ok");
}

TEST_CASE("Status: the kind decides the exit code") {
  CHECK(Status::OK().exit_code() == ExitCode::kOk);
  CHECK(Status::RuleError({}, "x").exit_code() == ExitCode::kInputError);
  CHECK(Status::InputError({}, "x").exit_code() == ExitCode::kInputError);
  CHECK(Status::UsageError("x").exit_code() == ExitCode::kUsageError);
}

}  // namespace qaextract
