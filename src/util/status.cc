#include "qaextract/status.h"

namespace qaextract {

std::string SourceLocation::ToString() const {
  std::string s = path;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s;
}

Status Status::RuleError(SourceLocation where, std::string message, std::string code) {
  return Status(Kind::kRuleError, std::move(where), std::move(message), std::move(code));
}

Status Status::InputError(SourceLocation where, std::string message) {
  return Status(Kind::kInputError, std::move(where), std::move(message));
}

Status Status::UsageError(std::string message) {
  return Status(Kind::kUsageError, SourceLocation{}, std::move(message));
}

Status Status::UsageError(SourceLocation where, std::string message) {
  return Status(Kind::kUsageError, std::move(where), std::move(message));
}

ExitCode Status::exit_code() const {
  switch (kind_) {
    case Kind::kOk:
      return ExitCode::kOk;
    case Kind::kUsageError:
      return ExitCode::kUsageError;
    case Kind::kRuleError:
    case Kind::kInputError:
      return ExitCode::kInputError;
  }
  return ExitCode::kInputError;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string where = where_.ToString();
  return (where.empty() ? "" : where + ": ") + "error: " + message_;
}

}  // namespace qaextract
