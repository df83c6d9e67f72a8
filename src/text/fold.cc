#include "text/fold.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include <unicode/uchar.h>

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
  std::array<std::uint8_t, kFoldEntryCount> length{};  // of each entry's fold, in bytes
  // One bit per code point: set when slot is. 8 KB, where the slots are
  // 128 KB: the common question, "does it fold at all?", stays in L1.
  std::array<std::uint64_t, 0x10000 / 64> folds{};
  BmpIndex() {
    for (std::size_t i = 0; i < kFoldEntryCount; ++i) {
      length[i] = static_cast<std::uint8_t>(std::strlen(kFoldEntries[i].utf8));
      const std::uint32_t cp = kFoldEntries[i].cp;
      if (cp < 0x10000) {
        slot[cp] = static_cast<std::uint16_t>(i + 1);
        folds[cp / 64] |= std::uint64_t{1} << (cp % 64);
      }
    }
  }
};

// Built before main (a namespace-scope object), so lookups need no guard.
const BmpIndex kBmp;

inline const BmpIndex& Bmp() { return kBmp; }

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

// Whether the Basic Multilingual Plane's code point word * 64 + bit folds
// to something other than itself (the bitmap of BmpIndex::folds).
inline bool BmpFolds(std::size_t word, unsigned bit) { return (Bmp().folds[word] >> bit) & 1; }

// Whether `cp` folds to something other than itself.
inline bool Folds(char32_t cp) {
  if (cp < 0x10000) return BmpFolds(cp / 64, cp % 64);
  return Lookup(cp) != nullptr;
}

// Lookup as a view (lengths are counted once, not per character), with
// U+FFFD for a code point that folds to itself: only called for those that
// do not, or for an invalid sequence.
std::string_view LookupPiece(char32_t cp) {
  if (cp < 0x10000) {
    const std::uint16_t s = Bmp().slot[cp];
    if (s) return std::string_view(kFoldEntries[s - 1].utf8, Bmp().length[s - 1]);
  } else if (const char* folded = Lookup(cp)) {
    return folded;
  }
  return "\xEF\xBF\xBD";
}

}  // namespace

const FoldedLine::Piece& FoldedLine::PieceAt(std::size_t a) const {
  // The last piece starting at or before view byte a.
  auto it = std::upper_bound(pieces.begin(), pieces.end(), a,
                             [](std::size_t v, const Piece& p) { return v < p.view; });
  return *(it - 1);
}

namespace {

// Reads the valid three-byte character at in[i] (most of Chinese text) in
// place, as its place in a bitmap of the Basic Multilingual Plane: sets
// *word (the 64-bit word of the 64 code points that share all but its last
// continuation byte; the code point is word * 64 + bit) and *bit. False for
// anything else: ASCII, other lengths, invalid bytes, a character cut at
// `limit`, and E0 and ED lead bytes (which may start an overlong form or a
// surrogate), which are left to the decoder.
inline bool ThreeByteAt(const unsigned char* in, std::size_t i, std::size_t limit, std::size_t* word,
                        unsigned* bit) {
  const unsigned c = in[i];
  if (c <= 0xE0 || c > 0xEF || c == 0xED || i + 2 >= limit) return false;
  const unsigned c1 = in[i + 1], c2 = in[i + 2];
  if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return false;
  *word = (c & 0x0F) << 6 | (c1 & 0x3F);
  *bit = c2 & 0x3F;
  return true;
}

// Reads the character at bounded[i] as the fold reads it: sets *cp and
// *length, and says whether it folds into something other than itself (an
// invalid sequence, read as one U+FFFD of its maximal subpart, always does).
// A valid three-byte character (most of Chinese text) is read in place.
// Forced inline: it is the scan's inner step, and GCC left a call there
// (0.4% more instructions on a batch run than the loops written out).
[[gnu::always_inline]] inline bool ReadFolding(std::string_view bounded, std::size_t i, char32_t* cp, std::size_t* length) {
  std::size_t word = 0;
  unsigned bit = 0;
  if (ThreeByteAt(reinterpret_cast<const unsigned char*>(bounded.data()), i, bounded.size(), &word, &bit)) {
    *cp = static_cast<char32_t>(word << 6 | bit);
    *length = 3;
    return BmpFolds(word, bit);
  }
  *cp = NextCodePoint(bounded, i, length);
  return *cp == 0xFFFD || Folds(*cp);
}

// The scan under FoldLine and FoldText: over text[begin, end) without the
// sorted, non-overlapping `cuts` (null: none), a run of characters that
// fold to themselves is reported whole, `run(b, e)`; ASCII white space and
// control characters as `space(byte)`; any other character as `fold(piece, b, length)`,
// its fold and its bytes. A run ends at a cut; the text on both sides of a
// cut joins up (the callers' pending space carries over it), and a
// character is never read across a cut's start.
template <typename RunFn, typename SpaceFn, typename FoldFn>
void ScanFolds(std::string_view text, std::size_t begin, std::size_t end, const std::vector<ByteSpan>* cuts,
               RunFn run, SpaceFn space, FoldFn fold) {
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  auto cut = cuts ? cuts->begin() : std::vector<ByteSpan>::const_iterator();
  const auto cuts_end = cuts ? cuts->end() : std::vector<ByteSpan>::const_iterator();
  std::size_t i = begin;
  while (i < end) {
    while (cut != cuts_end && cut->end <= i) ++cut;
    if (cut != cuts_end && cut->begin <= i) {
      i = cut->end;
      continue;
    }
    const std::size_t limit = cut != cuts_end ? std::min(end, cut->begin) : end;
    const std::string_view bounded = text.substr(0, limit);
    std::size_t start = i;
    while (i < limit) {
      const unsigned char c = in[i];
      if (c < 0x80) {
        if (c > ' ' && c != 0x7F) {
          ++i;
          continue;
        }
        if (i > start) run(start, i);
        space(c);
        start = ++i;
        continue;
      }
      // Only a character that folds leaves the run (CJK punctuation,
      // Traditional characters).
      char32_t cp = 0;
      std::size_t length = 1;
      if (!ReadFolding(bounded, i, &cp, &length)) {
        i += length;
        continue;
      }
      if (i > start) run(start, i);
      fold(LookupPiece(cp), i, length);
      i += length;
      start = i;
    }
    if (i > start) run(start, i);
  }
}

// Whether the fold `piece` of a character of `length` bytes is one code
// point as long: then its bytes stand for the character's byte for byte. A
// fold into several code points of the same length ("℃" into "°C", "‗"
// into a space and a combining mark) is one piece of its own, so no span
// of the view maps into the middle of the character.
bool OneForOne(std::string_view piece, std::size_t length) {
  if (piece.size() != length) return false;
  const auto lead = static_cast<unsigned char>(piece[0]);
  const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return n == length;
}

// FoldLine's loop: writes the view directly and its pieces beside it.
void FoldInto(std::string_view text, ByteSpan span, const std::vector<ByteSpan>* cuts, FoldedLine* out) {
  const std::size_t base = span.begin;
  const auto offset = [](std::size_t n) { return static_cast<std::uint32_t>(n); };
  std::string& view = out->view;
  std::vector<FoldedLine::Piece>& pieces = out->pieces;
  view.resize(span.end - span.begin + 16);
  char* o = view.data();
  std::size_t w = 0;
  const auto ensure = [&](std::size_t more) {
    if (w + more <= view.size()) return;
    view.resize(std::max(2 * view.size(), w + more + 16));
    o = view.data();
  };
  bool nonempty = false, pending_space = false;
  int spaces_in_a_row = 0;  // U+0020, for kHeldThreeSpaces
  std::uint8_t& held = out->held_spaces;
  // Bytes standing for original bytes [b, b + n), byte for byte: extends
  // the previous piece when it continues it in both texts.
  const auto mapped = [&](const char* bytes, std::size_t n, std::size_t b) {
    FoldedLine::Piece* last = pieces.empty() ? nullptr : &pieces.back();
    if (!(last && last->copy && last->view + last->src_len == w && base + last->src + last->src_len == b))
      pieces.push_back({offset(w), offset(b - base), 0, true});
    pieces.back().src_len += offset(n);
    ensure(n);
    std::memcpy(o + w, bytes, n);
    w += n;
  };
  const auto visible = [&](std::size_t at) {  // a pending space goes before the character at `at`
    if (pending_space) {
      ensure(1);
      pieces.push_back({offset(w), offset(at - base), 0, false});
      o[w++] = ' ';
    }
    pending_space = false;
    nonempty = true;
  };
  ScanFolds(
      text, span.begin, span.end, cuts,
      [&](std::size_t b, std::size_t e) {
        spaces_in_a_row = 0;
        visible(b);
        mapped(text.data() + b, e - b, b);
      },
      [&](unsigned char c) {
        pending_space = nonempty;
        spaces_in_a_row = c == ' ' ? spaces_in_a_row + 1 : 0;
        if (spaces_in_a_row >= 3) held |= FoldedLine::kHeldThreeSpaces;
        if (c == '\t') held |= FoldedLine::kHeldTab;
      },
      [&](std::string_view piece, std::size_t b, std::size_t length) {
        spaces_in_a_row = 0;
        if (piece.empty()) return;  // zero-width characters vanish
        if (piece == " ") {
          pending_space = nonempty;
          const std::string_view written = text.substr(b, length);
          if (written == "\u00A0") held |= FoldedLine::kHeldNoBreakSpace;
          if (written == "\u3000") held |= FoldedLine::kHeldIdeographicSpace;
          return;
        }
        visible(b);
        if (OneForOne(piece, length)) {  // Traditional to Simplified, nearly always
          mapped(piece.data(), length, b);
          return;
        }
        pieces.push_back({offset(w), offset(b - base), offset(length), false});
        ensure(piece.size());
        std::memcpy(o + w, piece.data(), piece.size());
        w += piece.size();
      });
  view.resize(w);
}

}  // namespace

void FoldLine(std::string_view text, ByteSpan span, const std::vector<ByteSpan>& skip,
              FoldedLine* out) {
  out->view.clear();
  out->pieces.clear();
  out->held_spaces = 0;
  out->base = span.begin;
  FoldInto(text, span, skip.empty() ? nullptr : &skip, out);
}

// FoldLine's view without its map, written into the buffer directly.
// tests/unit/fold_test.cc checks the two agree on every kind of character.
void FoldText(std::string_view text, std::string* out) {
  std::size_t w = out->size();
  out->resize(w + text.size() + 16);
  char* o = out->data();
  bool nonempty = false;       // something visible was written
  bool pending_space = false;  // a folded space waiting for the next visible character
  const auto write = [&](const char* bytes, std::size_t n) {
    if (w + n + 1 > out->size()) {
      out->resize(std::max(2 * out->size(), w + n + 16));
      o = out->data();
    }
    if (pending_space) o[w++] = ' ';
    pending_space = false;
    nonempty = true;
    std::memcpy(o + w, bytes, n);
    w += n;
  };
  ScanFolds(
      text, 0, text.size(), nullptr, [&](std::size_t b, std::size_t e) { write(text.data() + b, e - b); },
      [&](unsigned char) { pending_space = nonempty; },
      [&](std::string_view piece, std::size_t, std::size_t) {
        if (piece == " ") pending_space = nonempty;
        else if (!piece.empty()) write(piece.data(), piece.size());  // zero-width characters vanish
      });
  out->resize(w);
}

void FoldKeyCodePoints(std::string_view text, std::u32string* out) {
  // FoldText's scan, with the spaces it would write left out: white space
  // and controls, and folds into a space, are skipped; zero-width
  // characters fold into nothing. Written in place: a character is one
  // code point at most, or its fold's, which is never longer in code points
  // than in bytes, so the room left for the rest of the text is checked
  // only when a fold is written.
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t w = out->size();
  out->resize(w + n);
  char32_t* o = out->data();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = in[i];
    if (c < 0x80) {
      if (c > ' ' && c != 0x7F) o[w++] = c;
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t length = 1;
    const bool folds = ReadFolding(text, i, &cp, &length);
    i += length;
    if (!folds) {
      o[w++] = cp;
      continue;
    }
    const std::string_view piece = LookupPiece(cp);
    if (w + piece.size() + (n - i) > out->size()) {
      out->resize(w + piece.size() + (n - i));
      o = out->data();
    }
    for (std::size_t k = 0; k < piece.size();) {
      std::size_t m = 1;
      const char32_t folded = NextCodePoint(piece, k, &m);
      if (folded != ' ') o[w++] = folded;
      k += m;
    }
  }
  out->resize(w);
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
  std::string folded;
  FoldText(literal, &folded);
  folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
  return folded;
}

FoldPreimage::FoldPreimage(const std::vector<std::string_view>& needles) : bmp_(0x10000 / 64, 0) {
  // Most folds hold none of the needles' first bytes: ask that first.
  std::array<bool, 256> first{};
  for (std::string_view n : needles) first[static_cast<unsigned char>(n[0])] = true;
  const auto holds = [&](std::string_view fold) {
    if (std::none_of(fold.begin(), fold.end(), [&](char c) { return first[static_cast<unsigned char>(c)]; }))
      return false;
    for (std::string_view n : needles)
      if (fold.find(n) != std::string_view::npos) return true;
    return false;
  };
  const auto add = [&](char32_t cp) {
    if (cp < 0x10000) bmp_[cp / 64] |= std::uint64_t{1} << (cp % 64);
    else above_.push_back(cp);
  };
  for (std::string_view n : needles) {  // the needles fold to themselves or not: they hold themselves
    std::size_t length = 0;
    add(DecodeUtf8At(n, 0, &length));
  }
  for (std::size_t i = 0; i < kFoldEntryCount; ++i)
    if (holds(kFoldEntries[i].utf8)) add(kFoldEntries[i].cp);
  std::sort(above_.begin(), above_.end());
}

bool FoldPreimage::Contains(char32_t cp) const {
  if (cp < 0x10000) return (bmp_[cp / 64] >> (cp % 64)) & 1;
  return std::binary_search(above_.begin(), above_.end(), cp);
}

std::size_t FoldPreimage::FirstIn(std::string_view text) const {
  // Read as the fold reads it: an invalid sequence is one U+FFFD of its
  // maximal subpart, so a stray byte never hides the character after it.
  // ASCII and valid three-byte characters (ThreeByteAt) are read in place,
  // the rest decoded.
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned c = s[i];
    if (c < 0x80) {
      if ((bmp_[c / 64] >> (c % 64)) & 1) return i;
      ++i;
      continue;
    }
    std::size_t word = 0;
    unsigned bit = 0;
    if (ThreeByteAt(s, i, n, &word, &bit)) {
      if ((bmp_[word] >> bit) & 1) return i;
      i += 3;
      continue;
    }
    std::size_t length = 0;
    if (Contains(NextCodePoint(text, i, &length))) return i;
    i += length;
  }
  return std::string_view::npos;
}

bool FoldChangesCodePoint(char32_t cp) { return cp >= 0x80 && Lookup(cp) != nullptr; }

bool FoldsToSpaceOrNothing(char32_t cp) {
  if (cp < 0x80) return cp <= ' ' || cp == 0x7F;
  const char* folded = Lookup(cp);
  return folded != nullptr && (folded[0] == '\0' || std::string_view(folded) == " ");
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

namespace {

std::string Utf8Of(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

}  // namespace

std::string LowerCaseKey(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (std::size_t i = 0; i < key.size();) {
    const unsigned char c = static_cast<unsigned char>(key[i]);
    if (c < 0x80) {  // the common case, without decoding
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      ++i;
      continue;
    }
    std::size_t n = 1;
    const char32_t cp = DecodeUtf8At(key, i, &n);
    const char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
    if (lower == cp) out.append(key.substr(i, n));
    else out += Utf8Of(lower);
    i += n;
  }
  return out;
}

}  // namespace qaextract::internal
