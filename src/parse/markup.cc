#include "parse/markup.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>

namespace qaextract::internal {
namespace {

bool IsAsciiPunct(char c) { return c > 0 && std::strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != nullptr; }
bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsSpace(char c) { return c == ' ' || c == '\t'; }

class Scanner {
 public:
  Scanner(std::string_view text, ByteSpan span)
      : text_(text), s_(text.substr(span.begin, span.end - span.begin)), base_(span.begin) {}

  std::vector<Cut> Run() {
    if (s_.find("<figcaption") != std::string_view::npos) {
      Take(0, s_.size(), "markup.caption");
      return std::move(cuts_);
    }
    if (IsEditorNote(s_) && !StartsWithBracket(s_)) {  // "编者注：…" to the paragraph's end
      Take(0, s_.size(), "editorial.note");
      return std::move(cuts_);
    }
    TakeInlineEditorNotes();  // "（注：…）", "[Editor's note: …]" wherever they are
    std::size_t i = ParagraphPrefix();
    while (i < s_.size()) {
      i = SkipPlainText(i);
      if (i < s_.size()) i = Step(i);
    }
    return std::move(cuts_);
  }

 private:
  void Take(std::size_t b, std::size_t e, const char* rule) {
    if (b < e) cuts_.push_back({{base_ + b, base_ + e}, rule});
  }
  char At(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }

  // A paragraph that is an editor's note, not the speaker's words:
  // "编者注：…", "（注：…）", "[Editor's note: …]", "Editor’s note: …".
  static bool IsEditorNote(std::string_view p) {
    while (!p.empty() && (p.front() == ' ' || p.front() == '*' || p.front() == '_' || p.front() == '>')) p.remove_prefix(1);
    static const std::string_view kOpen[] = {"\uff08", "(", "[", "\u3010"};
    for (const std::string_view o : kOpen)
      if (p.rfind(o, 0) == 0) {
        p.remove_prefix(o.size());
        break;
      }
    static const std::string_view kNotes[] = {"编者注", "編者注", "编注", "編注", "编者按", "編者按", "译者注", "譯者注",
                                              "译注", "譯注", "注：", "注:", "Editor's note", "Editor\u2019s note",
                                              "Editors' note", "Ed. note", "Ed.: ", "Translator's note",
                                              "Translator\u2019s note", "editor's note", "editor\u2019s note"};
    for (const std::string_view n : kNotes)
      if (p.rfind(n, 0) == 0) return true;
    return false;
  }

  static bool StartsWithBracket(std::string_view p) {
    while (!p.empty() && (p.front() == ' ' || p.front() == '*' || p.front() == '_' || p.front() == '>')) p.remove_prefix(1);
    for (const std::string_view o : {std::string_view("\uff08"), std::string_view("("), std::string_view("["),
                                     std::string_view("\u3010")})
      if (p.rfind(o, 0) == 0) return true;
    return false;
  }

  // "（编者注：…）" in a paragraph: the parenthesis goes whole.
  void TakeInlineEditorNotes() {
    for (const auto& [open, close] : {std::pair<std::string_view, std::string_view>{"\uff08", "\uff09"},
                                      {"(", ")"}, {"[", "]"}, {"\u3010", "\u3011"}}) {
      for (std::size_t b = s_.find(open); b != std::string_view::npos; b = s_.find(open, b + open.size())) {
        const std::size_t e = s_.find(close, b + open.size());
        if (e == std::string_view::npos) break;
        if (IsEditorNote(s_.substr(b, e + close.size() - b))) {
          Take(b, e + close.size(), "editorial.note");
          jumps_[b] = e + close.size();
        }
      }
    }
  }

  // "> > ### " at the start: quote marks, then heading hashes.
  std::size_t ParagraphPrefix() {
    std::size_t i = 0;
    while (i < s_.size() && IsSpace(s_[i])) ++i;
    const std::size_t quote_start = i;
    while (At(i) == '>') {
      ++i;
      while (IsSpace(At(i))) ++i;
    }
    Take(quote_start, i, "markup.quote");
    std::size_t h = i;
    while (At(h) == '#' && h - i < 6) ++h;
    if (h > i && IsSpace(At(h))) {
      while (IsSpace(At(h))) ++h;
      Take(i, h, "markup.heading");
      i = h;
    }
    return i;
  }

  // The index just past the bracket that closes the one at `open` ('[' or
  // '('), or npos.
  std::size_t Close(std::size_t open) const {
    const char o = s_[open], c = o == '[' ? ']' : ')';
    int depth = 0;
    for (std::size_t i = open; i < s_.size(); ++i) {
      if (s_[i] == '\\') {
        ++i;
        continue;
      }
      if (s_[i] == o) ++depth;
      if (s_[i] == c && --depth == 0) return i + 1;
    }
    return std::string_view::npos;
  }

  // The first position from i on where Step may do more than move on one
  // byte: a byte that can open markup, or a jump. Most of a paragraph is
  // text (all of its non-ASCII bytes), passed over here without Step's
  // checks.
  std::size_t SkipPlainText(std::size_t i) const {
    const auto jump = jumps_.lower_bound(i);
    const std::size_t limit = jump == jumps_.end() ? s_.size() : std::min(jump->first, s_.size());
    while (i < limit && !kMayStartMarkup[static_cast<unsigned char>(s_[i])]) ++i;
    return i;
  }
  // The bytes markup may start with, as a table: this scan reads every
  // byte of every turn, and a table lookup is cheaper than the branches of
  // a switch.
  static constexpr std::array<bool, 256> kMayStartMarkup = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : std::string_view("\\![]<&*_~")) table[c] = true;
    return table;
  }();

  std::size_t Step(std::size_t i) {
    if (const auto jump = jumps_.find(i); jump != jumps_.end()) return jump->second;
    const char c = s_[i];
    if (c == '\\' && IsAsciiPunct(At(i + 1))) {
      Take(i, i + 1, "markup.escape");
      return i + 2;  // the escaped character is text
    }
    if (c == '!' && At(i + 1) == '[') {
      const std::size_t close = Close(i + 1);
      if (close != std::string_view::npos && At(close) == '(') {
        const std::size_t end = Close(close);
        if (end != std::string_view::npos) {
          Take(i, end, "markup.image");
          return end;
        }
      }
    }
    if (c == '[') return Bracket(i);
    if (c == ']' && (At(i + 1) == '(' || At(i + 1) == '[')) return LinkTail(i);
    if (c == '<') return Angle(i);
    if (c == '&') return Entity(i);
    if (c == '*' || c == '_' || c == '~') return Emphasis(i);
    return i + 1;
  }

  // [text](url), [text][ref], [^1]; a bare [text] stays. A link that a hard
  // wrap splits ("[SIG" / "Node](https://…)") is cut in both lines: its
  // "[" where the next line closes it, its "](…)" where the line before
  // opened it.
  std::size_t Bracket(std::size_t i) {
    const std::size_t close = Close(i);
    if (close == std::string_view::npos) {
      if (ClosesLinkOpenedBefore(NextLine())) Take(i, i + 1, "markup.link");
      return i + 1;
    }
    if (At(i + 1) == '^') {
      Take(i, close, "markup.footnote");
      return close;
    }
    if (At(close) == '(' || At(close) == '[') {
      const std::size_t end = Close(close);
      if (end != std::string_view::npos) {
        Take(i, i + 1, "markup.link");
        Take(close - 1, end, "markup.link");
        jumps_[close - 1] = end;
        return i + 1;  // the link text is scanned (it may hold emphasis or an image)
      }
    }
    return i + 1;
  }

  // "](target)" or "][ref]" with no "[" before it in this line: the end of
  // a link that the line before opened.
  std::size_t LinkTail(std::size_t i) {
    if (BracketDepth(s_.substr(0, i)) > 0 || BracketDepth(PreviousLine()) <= 0) return i + 1;
    const std::size_t end = Close(i + 1);
    if (end == std::string_view::npos) return i + 1;
    Take(i, end, "markup.link");
    return end;
  }

  // Unclosed "[" in `part`: opened minus closed, escapes skipped.
  static int BracketDepth(std::string_view part) {
    int depth = 0;
    for (std::size_t i = 0; i < part.size(); ++i) {
      if (part[i] == '\\') ++i;
      else if (part[i] == '[') ++depth;
      else if (part[i] == ']' && depth > 0) --depth;
    }
    return depth;
  }

  // Whether `line` closes a "[" left open before it with "](" or "][" and
  // the target's bracket closes too.
  static bool ClosesLinkOpenedBefore(std::string_view line) {
    int depth = 1;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') ++i;
      else if (line[i] == '[') ++depth;
      else if (line[i] == ']' && --depth == 0) {
        const char next = i + 1 < line.size() ? line[i + 1] : '\0';
        const char close = next == '(' ? ')' : next == '[' ? ']' : '\0';
        return close != '\0' && line.find(close, i + 2) != std::string_view::npos;
      }
    }
    return false;
  }

  // The input line after this paragraph's line, and the one before it.
  std::string_view NextLine() const {
    std::size_t b = text_.find_first_of("\r\n", base_ + s_.size());
    if (b == std::string_view::npos) return {};
    b += (text_[b] == '\r' && b + 1 < text_.size() && text_[b + 1] == '\n') ? 2 : 1;
    const std::size_t e = std::min(text_.find_first_of("\r\n", b), text_.size());
    return text_.substr(b, e - b);
  }
  std::string_view PreviousLine() const {
    const std::size_t start = text_.find_last_of("\r\n", base_ == 0 ? 0 : base_ - 1);
    if (base_ == 0 || start == std::string_view::npos) return {};
    std::size_t e = start;  // the break ending the line before
    if (text_[e] == '\n' && e > 0 && text_[e - 1] == '\r') --e;
    if (e == 0) return {};
    const std::size_t b = text_.find_last_of("\r\n", e - 1);
    const std::size_t begin = b == std::string_view::npos ? 0 : b + 1;
    return text_.substr(begin, e - begin);
  }

  // <tag …>, </tag>, <br/>, <https://…> (the brackets only).
  std::size_t Angle(std::size_t i) {
    std::size_t j = i + 1;
    if (At(j) == '/') ++j;
    const std::size_t name = j;
    while (IsAsciiAlnum(At(j)) || At(j) == '-') ++j;
    if (j == name || !(((s_[name] | 0x20) >= 'a') && ((s_[name] | 0x20) <= 'z'))) return i + 1;
    const std::string_view word = s_.substr(name, j - name);
    if ((word == "http" || word == "https") && At(j) == ':') {
      const std::size_t end = s_.find('>', j);
      if (end == std::string_view::npos || s_.substr(j, end - j).find(' ') != std::string_view::npos) return i + 1;
      Take(i, i + 1, "markup.link");
      Take(end, end + 1, "markup.link");
      return end + 1;
    }
    if (!(At(j) == '>' || At(j) == '/' || IsSpace(At(j)))) return i + 1;
    const std::size_t end = s_.find('>', j);
    if (end == std::string_view::npos || s_.substr(j, end - j).find('<') != std::string_view::npos) return i + 1;
    Take(i, end + 1, "markup.html");
    return end + 1;
  }

  // &amp; keeps its "&"; &nbsp; and &#160; go whole. Other entities stay:
  // cutting them would lose the character they stand for.
  std::size_t Entity(std::size_t i) {
    const std::string_view rest = s_.substr(i);
    if (rest.rfind("&amp;", 0) == 0) {
      Take(i + 1, i + 5, "markup.entity");
      return i + 5;
    }
    for (const std::string_view e : {std::string_view("&nbsp;"), std::string_view("&#160;"), std::string_view("&#xa0;")}) {
      if (rest.rfind(e, 0) == 0) {
        Take(i, i + e.size(), "markup.entity");
        return i + e.size();
      }
    }
    return i + 1;
  }

  // Runs of two or more * (or ~): always marks. A run of _ of two or more,
  // or a single * or _, only as emphasis: a mark that opens (text follows,
  // no letter or digit before it) and a later run of the same length that
  // closes (text before it, no letter or digit after it), so snake_case,
  // "5 * 3" and "a*b" stay.
  std::size_t Emphasis(std::size_t i) {
    const char c = s_[i];
    std::size_t j = i;
    while (At(j) == c) ++j;
    const std::size_t run = j - i;
    if (c == '~') {
      if (run >= 2) Take(i, j, "markup.emphasis");
      return j;
    }
    if (c == '*' && run >= 2) {
      Take(i, j, "markup.emphasis");
      return j;
    }
    const bool word_before = i > 0 && IsAsciiAlnum(s_[i - 1]);
    const bool opens = j < s_.size() && !IsSpace(s_[j]) && !word_before;
    if (!opens) return j;
    // The closing run of the same length.
    for (std::size_t k = j + 1; k < s_.size(); ++k) {
      if (s_[k] != c) continue;
      std::size_t m = k;
      while (At(m) == c) ++m;
      const bool closes = m - k == run && !IsSpace(s_[k - 1]) && !IsAsciiAlnum(At(m));
      if (closes) {
        Take(i, j, "markup.emphasis");
        Take(k, m, "markup.emphasis");
        jumps_[k] = m;
        return j;
      }
      k = m - 1;
    }
    return j;
  }

  std::string_view text_;  // the whole input, for a link split across lines
  std::string_view s_;
  std::size_t base_;
  std::vector<Cut> cuts_;
  // Positions the scan jumps over: an emphasis closer already cut (to past
  // it), the "](" of a link already cut (to past its target).
  std::map<std::size_t, std::size_t> jumps_;
};

}  // namespace

std::vector<Cut> FindMarkup(std::string_view text, ByteSpan span) {
  std::vector<Cut> cuts = Scanner(text, span).Run();
  // Emphasis closers and link targets were cut ahead of the scan: keep the
  // cuts in text order, without repeats.
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) {
    return a.span.begin < b.span.begin || (a.span.begin == b.span.begin && a.span.end > b.span.end);
  });
  std::vector<Cut> out;
  for (Cut& c : cuts) {
    if (!out.empty() && c.span.begin < out.back().span.end) {
      if (c.span.end > out.back().span.end) out.back().span.end = c.span.end;
      continue;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace qaextract::internal
