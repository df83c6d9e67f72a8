// Status: the result of an operation that can fail, and where it failed.
//
// A Status is a small value. OK is the empty state; every failure has a kind,
// a SourceLocation and a message. The kind decides the process exit code and
// ToString() renders the contract format that every qaextract error uses:
//
//   rules/anyong.yaml:14:13: error: unknown key 'speekers'
//
// Thread-safety: a Status is a plain value; copies are independent.
#ifndef QAEXTRACT_INCLUDE_STATUS_H_
#define QAEXTRACT_INCLUDE_STATUS_H_

#include <string>
#include <utility>

namespace qaextract {

// A place in a file the user gave us. Lines and columns are 1-based, columns
// counted in characters; line 0 means "the whole file" and column 0 "the
// whole line".
struct SourceLocation {
  std::string path;
  int line = 0;
  int column = 0;

  // "path:line:col", "path:line" or "path", leaving out the zero parts.
  std::string ToString() const;
};

// Process exit codes (the CLI contract).
enum class ExitCode : int {
  kOk = 0,          // success
  kInputError = 1,  // unreadable input, bad rules, extraction failed
  kUsageError = 2,  // bad command line
};

class Status {
 public:
  enum class Kind {
    kOk,          // no error
    kRuleError,   // a rule file is malformed or a pattern does not compile
    kInputError,  // an input cannot be read, decoded or is over a limit
    kUsageError,  // the caller asked for something that makes no sense
  };

  Status() = default;  // OK
  static Status OK() { return Status(); }
  // `code` names the kind of rule problem for `rules lint` ("unknown-key",
  // "bad-pattern", ...; docs/rules.md lists them); ToString() leaves it out.
  static Status RuleError(SourceLocation where, std::string message, std::string code = "");
  static Status InputError(SourceLocation where, std::string message);
  static Status UsageError(std::string message);
  // A usage error about a path the caller named ("out.jsonl: error: ...").
  static Status UsageError(SourceLocation where, std::string message);

  bool ok() const { return kind_ == Kind::kOk; }
  Kind kind() const { return kind_; }
  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }
  const std::string& code() const { return code_; }  // may be empty

  // The exit code this failure maps to (kOk for OK).
  ExitCode exit_code() const;

  // "path:line:col: error: message"; "error: message" when there is no path;
  // "ok" for OK.
  std::string ToString() const;

 private:
  Status(Kind kind, SourceLocation where, std::string message, std::string code = "")
      : kind_(kind), where_(std::move(where)), message_(std::move(message)), code_(std::move(code)) {}

  Kind kind_ = Kind::kOk;
  SourceLocation where_;
  std::string message_;
  std::string code_;
};

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_STATUS_H_
