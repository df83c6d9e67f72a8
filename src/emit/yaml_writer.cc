// YAML output through yaml-cpp's emitter (readable output for `convert`; it
// is slower than the JSON writer and is not used for batch datasets).
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>

#include "emit/json_sink.h"
#include "emit/tree_sink.h"
#include "text/decode.h"
#include "qaextract/emit.h"

namespace qaextract {
namespace internal {
namespace {

// Plain scalars that a YAML reader would not take as strings (numbers,
// booleans, null in YAML 1.1 or 1.2) must be quoted.
bool NeedsQuotes(std::string_view s) {
  static const RE2* const kTyped = new RE2(
      "(?i)(~|null|true|false|yes|no|on|off|y|n|[-+]?(\\.inf|\\.nan)|"
      "[-+]?[0-9][0-9_,:.]*([eE][-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+|"
      "[0-9]{4}-[0-9]{2}-[0-9]{2}.*)");
  return s.empty() || RE2::FullMatch(re2::StringPiece(s.data(), s.size()), *kTyped);
}

class YamlSink : public TreeSink {
 public:
  explicit YamlSink(YAML::Emitter* out) : out_(out) {}
  void BeginMap() override { *out_ << YAML::BeginMap; }
  void EndMap() override { *out_ << YAML::EndMap; }
  void BeginList() override { *out_ << YAML::BeginSeq; }
  void EndList() override { *out_ << YAML::EndSeq; }
  void Key(std::string_view key) override { *out_ << YAML::Key << std::string(key) << YAML::Value; }
  void String(std::string_view value) override {
    const std::string s = IsValidUtf8(value) ? std::string(value) : SanitizeUtf8(value);
    if (NeedsQuotes(s)) *out_ << YAML::DoubleQuoted;
    *out_ << s;
  }
  void Int(std::int64_t value) override { *out_ << value; }
  void Number(double value) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    *out_ << std::string(buf);  // plain scalar: a YAML reader takes it as a number
  }
  void Bool(bool value) override { *out_ << YAML::TrueFalseBool << value; }
  void Null() override { *out_ << YAML::Null; }

 private:
  YAML::Emitter* out_;
};

}  // namespace
}  // namespace internal

void WriteYaml(const Document& document, std::string* out) {
  YAML::Emitter emitter;
  emitter.SetIndent(2);
  internal::YamlSink sink(&emitter);
  internal::WalkDocument(document, &sink);
  out->append(emitter.c_str(), emitter.size());
  *out += '\n';
}

void WriteDocument(const Document& document, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    internal::WriteJsonTo(document, JsonOptions{}, out);
    return;
  }
  YAML::Emitter emitter(out);  // yaml-cpp writes to the stream as it goes
  emitter.SetIndent(2);
  internal::YamlSink sink(&emitter);
  internal::WalkDocument(document, &sink);
  out << '\n';
}

Status ParseFormat(std::string_view name, Format* format) {
  if (name == "json") *format = Format::kJson;
  else if (name == "yaml") *format = Format::kYaml;
  else return Status::UsageError("unknown format '" + std::string(name) + "' (json or yaml)");
  return Status::OK();
}

void WriteDocument(const Document& document, Format format, std::string* out) {
  if (format == Format::kYaml) WriteYaml(document, out);
  else WriteJson(document, JsonOptions{}, out);
}

}  // namespace qaextract
