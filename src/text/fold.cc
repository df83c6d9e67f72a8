#include "text/fold.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "text/decode.h"

namespace qaextract::internal {
namespace {

struct FoldEntry {
  std::uint32_t cp;
  const char* utf8;
};

const FoldEntry kFoldEntries[] = {
#include "fold_table.inc"
};
constexpr std::size_t kFoldEntryCount = sizeof(kFoldEntries) / sizeof(kFoldEntries[0]);

// Direct index for the Basic Multilingual Plane (where nearly all text
// lives): 0 means "folds to itself", otherwise entry number + 1.
struct BmpIndex {
  std::array<std::uint16_t, 0x10000> slot{};
  BmpIndex() {
    for (std::size_t i = 0; i < kFoldEntryCount && kFoldEntries[i].cp < 0x10000; ++i)
      slot[kFoldEntries[i].cp] = static_cast<std::uint16_t>(i + 1);
  }
};

const BmpIndex& Bmp() {
  static const BmpIndex* index = new BmpIndex();  // built once, never freed
  return *index;
}

// The fold of `cp`, or nullptr when it folds to itself.
const char* Lookup(char32_t cp) {
  if (cp < 0x10000) {
    std::uint16_t s = Bmp().slot[cp];
    return s ? kFoldEntries[s - 1].utf8 : nullptr;
  }
  const FoldEntry* end = kFoldEntries + kFoldEntryCount;
  const FoldEntry* it = std::lower_bound(
      kFoldEntries, end, cp, [](const FoldEntry& e, char32_t c) { return e.cp < c; });
  return (it != end && it->cp == cp) ? it->utf8 : nullptr;
}

// Appends `bytes` to the view, each mapped to the source range [b, e).
void Emit(std::string_view bytes, std::uint32_t b, std::uint32_t e, FoldedLine* out) {
  out->view.append(bytes.data(), bytes.size());
  out->src_begin.insert(out->src_begin.end(), bytes.size(), b);
  out->src_end.insert(out->src_end.end(), bytes.size(), e);
}

}  // namespace

void FoldLine(std::string_view text, ByteSpan span, const std::vector<ByteSpan>& skip,
              FoldedLine* out) {
  out->view.clear();
  out->src_begin.clear();
  out->src_end.clear();
  out->base = span.begin;
  auto next_skip = skip.begin();
  bool pending_space = false;  // a folded space waiting for the next visible character
  char buf[4];
  for (std::size_t i = span.begin; i < span.end;) {
    while (next_skip != skip.end() && next_skip->end <= i) ++next_skip;
    if (next_skip != skip.end() && next_skip->begin <= i) {
      i = next_skip->end;  // text on both sides of a cut joins up
      continue;
    }
    std::size_t length = 1;
    char32_t cp = static_cast<unsigned char>(text[i]) < 0x80
                      ? static_cast<char32_t>(text[i])
                      : DecodeUtf8At(text, i, &length);
    const char* folded = Lookup(cp);
    std::string_view piece;
    if (folded != nullptr) {
      piece = folded;
    } else if (cp < 0x80) {
      buf[0] = static_cast<char>(cp);
      piece = std::string_view(buf, 1);
    } else if (cp == 0xFFFD && length == 1) {
      piece = "\xEF\xBF\xBD";  // an invalid byte
    } else {
      piece = text.substr(i, length);
    }
    auto b = static_cast<std::uint32_t>(i - span.begin);
    auto e = static_cast<std::uint32_t>(b + length);
    i += length;
    if (piece == " ") {
      pending_space = !out->view.empty();
      continue;
    }
    if (piece.empty()) continue;
    if (pending_space) {
      Emit(" ", b, b, out);  // maps to an empty span just before this character
      pending_space = false;
    }
    Emit(piece, b, e, out);
  }
}

std::string FoldPattern(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    std::size_t length = 1;
    char32_t cp = DecodeUtf8At(pattern, i, &length);
    const char* folded = cp >= 0x80 ? Lookup(cp) : nullptr;
    if (folded == nullptr) {
      out.append(pattern.substr(i, length));
    } else {
      for (const char* p = folded; *p; ++p) {
        // An ASCII punctuation character that came from a non-ASCII one must
        // stay a literal, not become regex syntax.
        if (std::strchr("\\^$.|?*+()[]{}-", *p) != nullptr) out += '\\';
        out += *p;
      }
    }
    i += length;
  }
  return out;
}

std::string FoldKey(std::string_view literal) {
  FoldedLine folded;
  FoldLine(literal, ByteSpan{0, literal.size()}, {}, &folded);
  std::string key;
  for (char c : folded.view)
    if (c != ' ') key += c;
  return key;
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace qaextract::internal
