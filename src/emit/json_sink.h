// A streaming JSON writer: appends straight to a string, no DOM. It is on
// the batch hot path; tests check its output with nlohmann::json's parser.
#ifndef QAEXTRACT_SRC_EMIT_JSON_SINK_H_
#define QAEXTRACT_SRC_EMIT_JSON_SINK_H_

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "emit/tree_sink.h"
#include "qaextract/emit.h"
#include "text/decode.h"

namespace qaextract::internal {

class JsonSink : public TreeSink {
 public:
  // With check_utf8 false, strings are copied as they are: the caller knows
  // they are valid UTF-8, or checks the whole output afterwards.
  JsonSink(bool pretty, std::string* out, bool check_utf8 = true)
      : pretty_(pretty), check_utf8_(check_utf8), out_(out) {}
  // Streams to `stream`: *out is a buffer, handed to the stream whenever it
  // holds kChunkBytes or more and at Finish().
  JsonSink(bool pretty, std::string* buffer, std::ostream* stream)
      : pretty_(pretty), out_(buffer), stream_(stream) {}

  // Hands what is buffered to the stream (nothing without one).
  void Finish() {
    if (stream_ == nullptr) return;
    stream_->write(out_->data(), static_cast<std::streamsize>(out_->size()));
    out_->clear();
  }

  void BeginMap() override { Open('{'); }
  void EndMap() override { Close('}'); }
  void BeginList() override { Open('['); }
  void EndList() override { Close(']'); }
  void Key(std::string_view key) override {
    BeforeValue();
    if (key.size() <= kShortKey && IsPlainKey(key)) {  // nearly every key: the schema's own names
      // '"', the key, '"', ':' and in pretty output ' ', appended at once.
      char buffer[kShortKey + 4];
      buffer[0] = '"';
      std::memcpy(buffer + 1, key.data(), key.size());
      std::memcpy(buffer + 1 + key.size(), "\": ", 3);
      out_->append(buffer, key.size() + (pretty_ ? 4 : 3));
    } else {
      Quoted(key);
      *out_ += pretty_ ? ": " : ":";
    }
    after_key_ = true;
  }
  void String(std::string_view value) override {
    BeforeValue();
    Quoted(value);
    if (stream_ != nullptr && out_->size() >= kChunkBytes) Finish();
  }
  void Int(std::int64_t value) override {
    BeforeValue();
    *out_ += std::to_string(value);
  }
  void Number(double value) override {
    BeforeValue();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    *out_ += buf;
  }
  void Bool(bool value) override {
    BeforeValue();
    *out_ += value ? "true" : "false";
  }
  void Null() override {
    BeforeValue();
    *out_ += "null";
  }
  // A value that is already JSON text (passed through from input records).
  void Raw(std::string_view json) {
    BeforeValue();
    out_->append(json.data(), json.size());
  }

 private:
  // Separators and indentation before a value (or a key) in the current
  // container.
  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_.empty()) return;
    if (depth_.back()) *out_ += ',';
    depth_.back() = true;
    Newline();
  }
  void Open(char c) {
    BeforeValue();
    *out_ += c;
    depth_.push_back(false);
  }
  void Close(char c) {
    const bool had_items = depth_.back();
    depth_.pop_back();
    if (had_items) Newline();
    *out_ += c;
  }
  void Newline() {
    if (!pretty_) return;
    *out_ += '\n';
    out_->append(depth_.size() * 2, ' ');
  }
  void Quoted(std::string_view s) {
    if (check_utf8_ && !IsValidUtf8(s)) {
      QuotedValid(SanitizeUtf8(s));
      return;
    }
    QuotedValid(s);
  }

  // Printable ASCII without '"' or '\\': written as it is, valid and
  // needing no escape.
  static bool IsPlainKey(std::string_view key) {
    for (const char ch : key) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
    }
    return true;
  }

  // True when one of the 8 bytes at `p` needs escaping: a control
  // character, '"' or '\\' (SWAR: a byte-wise test on a 64-bit word).
  static bool AnyToEscape(const char* p) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
    const std::uint64_t below_space = (v - 0x20 * kOnes) & ~v & kHigh;
    return (below_space | has_zero(v ^ ('"' * kOnes)) | has_zero(v ^ ('\\' * kOnes))) != 0;
  }

  // REQUIRES: `s` is valid UTF-8.
  void QuotedValid(std::string_view s) {
    *out_ += '"';
    std::size_t run = 0;  // start of the bytes that need no escaping
    std::size_t i = 0;
    while (i < s.size()) {
      if (i + 8 <= s.size() && !AnyToEscape(s.data() + i)) {  // most text: 8 bytes at a time
        i += 8;
        continue;
      }
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      out_->append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': *out_ += "\\\""; break;
        case '\\': *out_ += "\\\\"; break;
        case '\n': *out_ += "\\n"; break;
        case '\r': *out_ += "\\r"; break;
        case '\t': *out_ += "\\t"; break;
        default: {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out_ += buf;
        }
      }
      ++i;
    }
    out_->append(s.data() + run, s.size() - run);
    *out_ += '"';
  }

  static constexpr std::size_t kChunkBytes = 64 * 1024;

  bool pretty_;
  bool check_utf8_ = true;
  std::string* out_;
  std::ostream* stream_ = nullptr;
  static constexpr std::size_t kShortKey = 60;
  std::vector<char> depth_;  // per open container: has it items yet
  bool after_key_ = false;
};

// WriteJson to a stream, in pieces (WriteDocument's JSON half).
void WriteJsonTo(const Document& document, const JsonOptions& options, std::ostream& out);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_EMIT_JSON_SINK_H_
