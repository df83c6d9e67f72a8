// Discovery, step by step:
//   1. Sightings: every "label:" line with its folded label key.
//   2. Candidates: sightings grouped by key; each gets a rejection reason
//      when its shape says it is not a speaker (ShapeRejection).
//   3. Accepted: candidates that recur (two or more lines with text) or are
//      the generic 问/答/Q/A vocabulary; one-line labels only when shaped
//      like a personal name and inside the dialogue (clip voices).
//   4. Groups: accepted labels merged into people (Merge*).
//   5. Roles: who asks (InferRoles); generic labels join the named person of
//      their side.
//   6. Verdict: a dialogue needs two speakers who alternate.
#include "discover/discovery.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include "parse/markup.h"
#include "text/decode.h"
#include "text/fold.h"

namespace qaextract::internal {
namespace {

// --- vocabularies (folded: Simplified, NFKC; Latin compared in lower case) --

const std::set<std::string> kAskerWords = {"问", "提问", "记者", "主持人", "主持", "采访者",
                                           "q", "question", "host", "interviewer"};
const std::set<std::string> kAnswererWords = {"答", "回答", "嘉宾", "受访者",
                                              "a", "answer", "guest"};
// Labels that introduce bylines, credits and page furniture rather than speech.
const std::set<std::string> kBylineWords = {
    "记者", "文", "图", "译", "作者", "编辑", "责编", "责任编辑", "摄影", "图片", "图片来源", "来源",
    "出品", "策划", "撰文", "采访", "整理", "校对", "监制", "原标题", "原文", "链接", "原文链接",
    "注", "按", "编者按", "题图", "视频", "音频", "声明", "关键词", "标签", "导语", "摘要", "编译",
    "翻译", "口述", "文字", "统筹", "设计", "制图", "配图", "出处", "转载", "发布",
    "source", "via", "photo", "photos", "credit", "credits", "editor", "author", "translator",
    "by", "image", "video", "note", "update", "updated", "posted", "published", "tags", "category",
    "link", "transcript", "date", "title", "subscribe", "read", "watch", "listen", "related",
    "summary", "abstract", "disclaimer"};
// Words that start explanations and lists inside answers ("首先:", "比如:").
const std::set<std::string> kDiscourseWords = {
    "首先", "其次", "再次", "最后", "然后", "另外", "此外", "比如", "例如", "譬如", "总之",
    "总而言之", "注意", "第一", "第二", "第三", "第四", "一是", "二是", "三是", "问题", "答案",
    "结论", "原因", "目的", "背景", "观点", "理由", "结果", "重点", "关键", "要点", "感受", "体会",
    "启示", "提示", "备注", "补充", "更新", "附", "附录", "前言", "后记", "引言", "题记", "简介",
    "说明", "事实上", "其实", "当然", "所以", "因此", "但是", "不过", "而且", "同时",
    // fields of profiles, recipes and listings, which repeat like labels
    "材料", "做法", "步骤", "方法", "解析", "注意事项", "特点", "优点", "缺点", "地址", "电话",
    "时间", "地点", "价格", "人物", "主题", "作品", "代表作", "出生", "国籍", "职业", "总结",
    "note", "notes", "tip", "tips", "warning", "example", "step", "summary", "conclusion",
    "address", "phone", "email", "website", "time", "location", "price", "ingredients",
    "edit", "caution", "important", "result", "results", "output"};
// Reporting verbs: a label with one introduces quoted speech ("工友说:").
// One-character verbs also occur in names (李笑来), so they count at the end
// of a label, or anywhere in a label too long for a name.
const char32_t kReportingChars[] = U"说道讲曰叹笑喊问答写";
const char* const kReportingWords[] = {"表示", "指出", "回忆", "透露", "坦言", "认为", "觉得",
                                       "强调", "介绍", "解释", "回应", "提到", "告诉", "写道",
                                       "问道", "说道", "答道", "笑着"};
constexpr std::size_t kShortNameChars = 4;
const char32_t kPronouns[] = U"我你他她它咱您";
// Punctuation that a speaker label never contains.
const char32_t kSentencePunct[] = U",，。;；!！?？、“”\"「」~…";

// --- evidence that tells a conversation from a record ------------------------
//
// Field labels ("Name:", "时间:", "**Default value:**") recur like speakers,
// but their values are short data, they come in a fixed cycle, and they sit
// in code blocks and command output; speakers carry sentences.

// A value is data, not speech, when it is a link, an address, a number, a
// date or time, inline code, or short (at most this many characters) and
// not ended like a sentence.
constexpr int kDataValueMaxChars = 16;
// A label whose values are data this often (over two or more lines) is a
// field label.
constexpr double kFieldLabelDataShare = 0.6;
// A document whose turn lines hold data this often is a record list.
constexpr double kRecordDataShare = 0.5;
// Labels that repeat in a fixed order of at least this many distinct labels
// ("主题, 时间, 链接, 主题, 时间, 链接")...
constexpr std::size_t kMinCyclePeriod = 3;
constexpr std::size_t kMaxCyclePeriod = 12;
// ...over this share of the label sequence, with data in at least
// kCycleDataShare of the lines, are a form repeated per record. (A panel
// whose moderator asks each panelist in turn is periodic too, but carries
// sentences.)
constexpr double kCycleMatchShare = 0.8;
constexpr double kCycleDataShare = 0.25;
// Lower-case words a speaker label may hold ("Audience member", "Male voice").
const std::set<std::string> kLabelRoleWords = {"member", "speaker", "voice", "reporter", "participant",
                                               "attendee", "questioner", "student", "caller", "moderator",
                                               "host", "guest", "and", "of", "the", "de", "van", "von",
                                               "da", "di", "du", "la", "le", "bin", "al", "in", "chat"};

constexpr int kMaxHanChars = 10;
constexpr int kMaxLatinWords = 4;
constexpr int kBylineMaxChars = 8;  // "记者:陆柯言" is a byline, not a question

bool IsHan(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}
bool IsLatinLetter(char32_t c) { return c < 0x250 && u_isalpha(static_cast<UChar32>(c)); }

// Whether `text` holds `lower` (lower case) with its ASCII letters in any case.
bool HoldsIgnoringAsciiCase(std::string_view text, std::string_view lower) {
  const auto same = [](char c, char l) { return (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) == l; };
  return std::search(text.begin(), text.end(), lower.begin(), lower.end(), same) != text.end();
}

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool InVocabulary(const std::set<std::string>& words, const std::string& key) {
  if (words.count(key) > 0) return true;
  const bool upper = std::any_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return upper && words.count(Lower(key)) > 0;  // most keys have no ASCII capital: no copy
}

// Latin words of a written label: split at spaces, dots and camel-case
// humps ("K.OanhHa" -> k, oanh, ha).
std::vector<std::string> LatinWords(std::string_view written) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < written.size(); ++i) {
    const char c = written[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    const bool hump = c >= 'A' && c <= 'Z' && !word.empty() && word.back() >= 'a' && word.back() <= 'z';
    if (!letter || hump) {
      if (!word.empty()) words.push_back(Lower(word));
      word.clear();
    }
    if (letter) word += c;
  }
  if (!word.empty()) words.push_back(Lower(word));
  return words;
}

struct Sighting {
  std::size_t line = 0;  // index into the labelled lines
  std::string written;   // the label as written
  std::string descriptor_key;
  std::string text;      // what follows the marker, as written
  int text_chars = 0;
};

struct Candidate {
  std::string key;
  std::vector<Sighting> sightings;  // with text after the marker, or on the next line
  std::string reject;               // why it is not a speaker; empty when it may be
  bool asker_word = false;
  bool answerer_word = false;
  bool byline_word = false;
  int bylines = 0;                  // sightings shaped like a byline ("记者:陆柯言")
  int data_values = 0;              // sightings whose text is data, not speech (IsDataValue)

  int lines() const { return static_cast<int>(sightings.size()); }
  std::string Written() const {  // the most frequent spelling
    std::map<std::string, int> counts;
    for (const Sighting& s : sightings) ++counts[s.written];
    return std::max_element(counts.begin(), counts.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  }
};

// "(02:18)", "[00:12:31]", "12:05", "0:00:14.2": a time stamp alone.
bool IsTimestampOnly(std::string_view text) {
  while (!text.empty() && (text.front() == '(' || text.front() == '[' || text.front() == ' ')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ')' || text.back() == ']' || text.back() == ' ')) text.remove_suffix(1);
  if (text.empty()) return false;
  int digits = 0, colons = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == ':') ++colons;
    else if (c != '.') return false;
  }
  return colons >= 1 && digits >= 2;
}

bool EndsLikeSentence(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '*' || text.back() == '_')) text.remove_suffix(1);
  for (const std::string_view end : {".", "!", "?", ";", "\u3002", "\uff01", "\uff1f", "\u2026", "\"", "\u201d",
                                     "\u300d", ")", "\uff09", "]"})
    if (text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0) return true;
  return false;
}

// The text without its markdown and HTML ("[*https://…*](https://…)" is a
// link): what a reader sees.
std::string VisibleWords(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  for (const Cut& c : FindMarkup(text, {0, text.size()})) {
    out.append(text.substr(pos, c.span.begin - pos));
    pos = c.span.end;
  }
  out.append(text.substr(pos));
  return out;
}

// A field's value rather than speech (see kDataValueMaxChars).
bool IsDataValue(std::string_view raw) {
  std::string words = VisibleWords(raw);
  // A list item ("- item"): the item is the value.
  const std::size_t first = words.find_first_not_of(' ');
  if (first != std::string::npos && words.size() > first + 1 &&
      (words[first] == '-' || words[first] == '*' || words[first] == '+') && words[first + 1] == ' ')
    words.erase(0, first + 2);
  // Parenthetical notes ("+86 27 5977（中国大陆）") say nothing about the value.
  for (const auto& [open, close] : {std::pair<std::string, std::string>{"(", ")"}, {"\uff08", "\uff09"}}) {
    for (std::size_t b = words.find(open); b != std::string::npos; b = words.find(open, b)) {
      const std::size_t e = words.find(close, b + open.size());
      if (e == std::string::npos) break;
      words.erase(b, e + close.size() - b);
    }
  }
  std::string_view text = words;
  while (!text.empty() && (text.front() == ' ' || text.front() == '*' || text.front() == '_')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '*' || text.back() == '_')) text.remove_suffix(1);
  if (text.empty()) return true;
  if (text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0 || text.rfind("www.", 0) == 0) return true;
  if (text.front() == '`' || text.front() == '<') return true;  // inline code, a tag
  bool data_chars = true;
  for (char c : text)
    data_chars = data_chars && ((c >= '0' && c <= '9') || std::string_view(" :/.,-+%$()@").find(c) != std::string_view::npos);
  if (data_chars) return true;
  if (text.find('@') != std::string_view::npos && text.find(' ') == std::string_view::npos) return true;  // an address
  int chars = 0;
  for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 && c != ' ';
  return chars <= kDataValueMaxChars && !EndsLikeSentence(text);
}

// Lines inside fenced code blocks (``` or ~~~): command output and
// configuration, never dialogue.
std::vector<bool> CodeLines(std::string_view text, const LabelledText& labelled) {
  std::vector<bool> code(labelled.lines.size(), false);
  bool inside = false;
  for (std::size_t i = 0; i < labelled.lines.size(); ++i) {
    std::string_view line = text.substr(labelled.lines[i].begin, labelled.lines[i].end - labelled.lines[i].begin);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    const bool fence = line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0;
    code[i] = inside || fence;
    if (fence) inside = !inside;
  }
  return code;
}

// The shortest period p (kMinCyclePeriod..kMaxCyclePeriod) with which the
// label sequence repeats itself over kCycleMatchShare of its length, at
// least twice; 0 when none.
std::size_t RecordCycle(const std::vector<std::string>& labels) {
  for (std::size_t p = kMinCyclePeriod; p <= kMaxCyclePeriod && 2 * p <= labels.size(); ++p) {
    std::set<std::string> distinct(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(p));
    if (distinct.size() < kMinCyclePeriod) continue;
    std::size_t same = 0;
    for (std::size_t i = p; i < labels.size(); ++i) same += labels[i] == labels[i - p];
    if (static_cast<double>(same) >= kCycleMatchShare * static_cast<double>(labels.size() - p)) return p;
  }
  return 0;
}

bool IsQuestion(const std::string& text) {
  return text.find('?') != std::string::npos || text.find("？") != std::string::npos;
}

std::string Percent(int part, int whole);

int HanCount(const std::u32string& cps) {
  return static_cast<int>(std::count_if(cps.begin(), cps.end(), IsHan));
}

// The first part of a label's shape check, from its key alone: what rules
// out any label, role words ("问", "记者") included.
// (The reasons are literals: std::string_view, so the check allocates
// nothing for the many keys triage asks about.)
std::string_view KeyRejection(const std::string& key, const std::u32string& cps) {
  int letters = 0;
  for (char32_t cp : cps) letters += u_isalpha(static_cast<UChar32>(cp)) ? 1 : 0;
  if (letters == 0) return "no letters (a number, time or symbol)";
  if (u_isdigit(static_cast<UChar32>(cps[0]))) return "starts with a digit (a list item or number)";
  if (std::u32string_view(U"<>#-|+*/\\=_").find(cps[0]) != std::u32string_view::npos)
    return "starts with markup";
  for (char32_t cp : cps)
    if (std::u32string_view(kSentencePunct).find(cp) != std::u32string_view::npos)
      return "contains sentence punctuation (a sentence, not a name)";
  if (HoldsIgnoringAsciiCase(key, "http") || HoldsIgnoringAsciiCase(key, "www.")) return "a link";
  if (HanCount(cps) > kMaxHanChars) return "too long for a name";
  return "";
}

// The second part, from the key alone, for labels that are not role words:
// reporting clauses and discourse words.
std::string_view ClauseRejection(const std::string& key, const std::u32string& cps) {
  for (char32_t cp : cps)
    if (std::u32string_view(kPronouns).find(cp) != std::u32string_view::npos)
      return "a reporting clause (has a pronoun)";
  for (const char* verb : kReportingWords)
    if (key.find(verb) != std::string::npos) return "a reporting clause (has a reporting verb)";
  const std::u32string_view verbs(kReportingChars);
  if (verbs.find(cps.back()) != std::u32string_view::npos) return "a reporting clause (ends with a verb)";
  if (cps.size() > kShortNameChars)
    for (char32_t cp : cps)
      if (verbs.find(cp) != std::u32string_view::npos) return "a reporting clause (has a reporting verb)";
  if (InVocabulary(kDiscourseWords, key)) return "a discourse word";
  return "";
}

// A Han label that ends like a clause ("…的", "…了").
bool EndsLikeClause(const std::u32string& cps) {
  return HanCount(cps) > 0 && std::u32string_view(U"是的了为有在着").find(cps.back()) != std::u32string_view::npos;
}

// A label without Han characters that starts (after "$" or "@") with a
// lower-case letter: names are capitalised.
bool LowerCaseLatin(const std::u32string& cps) {
  if (HanCount(cps) > 0) return false;
  std::size_t i = 0;
  while (i < cps.size() && (cps[i] == '$' || cps[i] == '@')) ++i;
  return i < cps.size() && u_islower(static_cast<UChar32>(cps[i]));
}

// Why a label's shape rules it out as a speaker, or "" when it does not.
std::string ShapeRejection(const Candidate& c) {
  const std::u32string cps = DecodeUtf8(c.key);
  if (const std::string_view r = KeyRejection(c.key, cps); !r.empty()) return std::string(r);
  const int han = HanCount(cps);
  if (han == 0 && LatinWords(c.Written()).size() > static_cast<std::size_t>(kMaxLatinWords))
    return "too many words for a name";
  // A label like 记者 is a byline ("记者:陆柯言") or an interviewer ("记者:为什么?")
  // line by line: what counts is how it is used.
  const int speech = c.lines() - c.bylines;
  if (c.asker_word || c.answerer_word) return speech >= 1 ? "" : "a byline label with short text";
  if (const std::string_view r = ClauseRejection(c.key, cps); !r.empty()) return std::string(r);
  if (c.lines() >= 2 && c.data_values >= kFieldLabelDataShare * c.lines() && !c.asker_word && !c.answerer_word)
    return "a field label: " + Percent(c.data_values, c.lines()) +
           " of its values are short data (numbers, dates, links, single words), not speech";
  if (EndsLikeClause(cps)) return "ends like a clause, not a name";
  if (c.byline_word && speech < 2) return "a byline or credit label";
  if (LowerCaseLatin(cps)) return "a lower-case word (names are capitalised)";
  if (han == 0) {
    // "Default value", "Valid values are": a phrase, not a name; names
    // capitalise every word but particles and role words.
    const std::string written = c.Written();
    std::size_t start = 0;
    for (std::size_t k = 0; k <= written.size(); ++k) {
      if (k < written.size() && written[k] != ' ') continue;
      const std::string word = written.substr(start, k - start);
      start = k + 1;
      if (word.empty() || !(word[0] >= 'a' && word[0] <= 'z')) continue;
      if (kLabelRoleWords.count(Lower(word)) == 0) return "a phrase with lower-case words (names are capitalised)";
    }
    // "Installed-Size", "OTEL_PROPAGATORS", "TokenExpirationSeconds": keys.
    if (written.find('_') != std::string::npos) return "a key of a record or configuration (has '_')";
    const std::vector<std::string> words = LatinWords(written);
    if (words.size() >= 3 && written.find(' ') == std::string::npos && written.find('.') == std::string::npos)
      return "a key of a record or configuration (words run together)";
  }
  return "";
}

// A one-line label is a speaker only with a strong personal-name shape: a
// transliterated name ("汤姆·麦肯齐") or a capitalised two-part Latin name.
bool HasStrongNameShape(const Candidate& c) {
  const std::u32string cps = DecodeUtf8(c.key);
  const std::size_t dot = cps.find(U'·');
  if (dot != std::u32string::npos && dot > 0 && dot + 1 < cps.size()) {
    for (char32_t cp : cps)
      if (cp != U'·' && !IsHan(cp)) return false;
    return true;
  }
  const std::string written = c.Written();
  const std::vector<std::string> words = LatinWords(written);
  if (words.size() < 2 || words.size() > 3) return false;
  int capitals = 0;
  for (char ch : written) {
    if (!IsLatinLetter(static_cast<unsigned char>(ch)) && ch != ' ') return false;
    capitals += ch >= 'A' && ch <= 'Z';
  }
  return capitals == static_cast<int>(words.size());
}

// The shape of a label, for comparing a one-line voice with the speakers of
// an accepted dialogue: "initials" (1-4 capitals, digits after: "LI",
// "DG1"), "han-name" (2-4 Han characters), "han-titled:XY" (3-8 Han
// characters ending in the two characters XY: "张宇人议员"), or "".
std::string LabelShape(const Candidate& c) {
  const std::u32string cps = DecodeUtf8(c.key);
  if (cps.empty()) return "";
  if (std::all_of(cps.begin(), cps.end(), IsHan)) {
    if (cps.size() >= 3 && cps.size() <= 8) {
      // The last two characters, as UTF-8 (Han characters are 3 or 4 bytes).
      std::size_t start = c.key.size();
      for (int n = 0; n < 2 && start > 0;) {
        --start;
        if ((static_cast<unsigned char>(c.key[start]) & 0xC0) != 0x80) ++n;
      }
      return "han-titled:" + c.key.substr(start);
    }
    return cps.size() == 2 ? "han-name" : "";
  }
  const std::string written = c.Written();
  std::size_t i = 0;
  while (i < written.size() && written[i] >= 'A' && written[i] <= 'Z') ++i;
  const std::size_t letters = i;
  while (i < written.size() && written[i] >= '0' && written[i] <= '9') ++i;
  return letters >= 1 && letters <= 4 && i == written.size() ? "initials" : "";
}

}  // namespace

std::size_t NextContent(const LabelledText& labelled, std::size_t i) {
  for (++i; i < labelled.labels.size(); ++i) {
    const LineKind k = labelled.labels[i].kind;
    if (k != LineKind::kBlank && k != LineKind::kNoise) return i;
  }
  return labelled.labels.size();
}

namespace {

bool IsBylineSighting(const Candidate& c, const Sighting& s);

// A short personal name: two to four Han characters, or a strong name shape.
bool IsPlausibleName(const Candidate& c) {
  const std::u32string cps = DecodeUtf8(c.key);
  if (cps.size() >= 2 && cps.size() <= 4 && std::all_of(cps.begin(), cps.end(), IsHan)) return true;
  return HasStrongNameShape(c);
}

// Whether discovery looks at the line's label: a label candidate on a line
// of text, a turn start, or a heading that is a label alone on its line
// ("### 名字：", the words below; "## Background: the story" is a section
// title).
bool LooksAtLabel(const LineLabel& label) {
  if (!label.candidate) return false;
  const bool heading_label = label.kind == LineKind::kNumbered && label.candidate->text_chars == 0;
  return label.kind == LineKind::kText || label.kind == LineKind::kTurnStart || heading_label;
}

std::map<std::string, Candidate> CollectCandidates(std::string_view text,
                                                   const LabelledText& labelled) {
  std::map<std::string, Candidate> candidates;
  const std::vector<bool> code = CodeLines(text, labelled);
  for (std::size_t i = 0; i < labelled.labels.size(); ++i) {
    const LineLabel& label = labelled.labels[i];
    if (!LooksAtLabel(label)) continue;
    if (code[i]) continue;  // command output and configuration, not speech
    const MarkerMatch& m = *label.candidate;
    Sighting s;
    s.line = i;
    s.written = std::string(text.substr(m.label.begin, m.label.end - m.label.begin));
    s.descriptor_key = m.descriptor_key;
    s.text = std::string(text.substr(m.text.begin, m.text.end - m.text.begin));
    s.text_chars = m.text_chars;
    // "Name: (02:18)" with the words on the next line: the time stamp is
    // part of the marker, the words are below it.
    if (s.text_chars == 0 || IsTimestampOnly(s.text)) {
      // The label alone on its line ("**张三：**"), the answer below it: a
      // turn only when plain text follows.
      const std::size_t next = NextContent(labelled, i);
      if (next >= labelled.labels.size() || labelled.labels[next].kind != LineKind::kText ||
          labelled.labels[next].candidate)
        continue;
      const ByteSpan t = labelled.labels[next].text;
      s.text = std::string(text.substr(t.begin, t.end - t.begin));
      s.text_chars = labelled.labels[next].chars;
    }
    Candidate& c = candidates[m.key];
    c.key = m.key;
    c.sightings.push_back(std::move(s));
  }
  for (auto& [key, c] : candidates) {
    c.asker_word = InVocabulary(kAskerWords, key);
    c.answerer_word = InVocabulary(kAnswererWords, key);
    c.byline_word = InVocabulary(kBylineWords, key);
    for (const Sighting& s : c.sightings) {
      c.bylines += IsBylineSighting(c, s);
      c.data_values += IsDataValue(s.text);
    }
    if (!c.sightings.empty()) c.reject = ShapeRejection(c);
  }
  return candidates;
}

// A group of labels taken as one person.
struct Group {
  std::vector<const Candidate*> members;
  std::vector<std::string> merged;  // notes
  std::string role;
  std::string role_evidence;
  bool generic = false;  // only 问/答/Q/A-like labels

  const Candidate& head() const { return *members.front(); }
  std::vector<const Sighting*> Sightings() const {
    std::vector<const Sighting*> all;
    for (const Candidate* c : members)
      for (const Sighting& s : c->sightings) all.push_back(&s);
    std::sort(all.begin(), all.end(), [](const Sighting* a, const Sighting* b) { return a->line < b->line; });
    return all;
  }
  std::size_t FirstLine() const { return Sightings().front()->line; }
};

void MergeInto(std::vector<Group>* groups, std::size_t from, std::size_t into, const std::string& why) {
  Group& target = (*groups)[into];
  Group& source = (*groups)[from];
  target.members.insert(target.members.end(), source.members.begin(), source.members.end());
  target.merged.push_back(source.head().Written() + " -> " + target.head().Written() + ": " + why);
  target.merged.insert(target.merged.end(), source.merged.begin(), source.merged.end());
  target.generic = target.generic && source.generic;
  groups->erase(groups->begin() + static_cast<std::ptrdiff_t>(from));
}

// "Adam Jonas (AJ):" ... "AJ:": initials declared in a marker's descriptor.
void MergeDeclaredInitials(std::vector<Group>* groups) {
  for (std::size_t i = 0; i < groups->size(); ++i) {
    for (const Candidate* c : (*groups)[i].members) {
      for (const Sighting& s : c->sightings) {
        if (s.descriptor_key.empty()) continue;
        for (std::size_t j = 0; j < groups->size(); ++j) {
          if (j == i || (*groups)[j].head().key != s.descriptor_key) continue;
          MergeInto(groups, j, i, "initials declared in the marker '" + s.written + " (" +
                                      s.descriptor_key + ")'");
          return MergeDeclaredInitials(groups);  // indices moved; start again
        }
      }
    }
  }
}

bool IsShortFormOf(const Candidate& a, const Candidate& b) {
  const std::u32string ka = DecodeUtf8(a.key), kb = DecodeUtf8(b.key);
  bool han_a = std::all_of(ka.begin(), ka.end(), IsHan);
  bool han_b = std::all_of(kb.begin(), kb.end(), IsHan);
  if (han_a && han_b) {  // "梁" of "梁文锋": a surname or given name
    return ka.size() <= 2 && kb.size() >= 3 && kb.size() <= 4 &&
           (kb.compare(0, ka.size(), ka) == 0 || kb.compare(kb.size() - ka.size(), ka.size(), ka) == 0);
  }
  const std::vector<std::string> wa = LatinWords(a.Written()), wb = LatinWords(b.Written());
  if (wa.empty() || wa.size() >= wb.size()) return false;
  return std::all_of(wa.begin(), wa.end(), [&](const std::string& w) {
    return std::find(wb.begin(), wb.end(), w) != wb.end();
  });
}

// "Ha" and "K. Oanh Ha": a short form of exactly one longer name.
void MergeShortForms(std::vector<Group>* groups) {
  for (std::size_t i = 0; i < groups->size(); ++i) {
    if ((*groups)[i].generic) continue;
    std::vector<std::size_t> longer;
    for (std::size_t j = 0; j < groups->size(); ++j)
      if (j != i && !(*groups)[j].generic && IsShortFormOf((*groups)[i].head(), (*groups)[j].head()))
        longer.push_back(j);
    if (longer.size() != 1) continue;
    MergeInto(groups, i, longer[0], "a short form of the full name");
    return MergeShortForms(groups);
  }
}

// Toneless pinyin of a Han label ("哈" -> "ha"), through ICU's Han-Latin
// transliterator; "" when ICU cannot build it. Transliterators are not
// thread-safe, so one shared instance is used under a lock.
std::string Pinyin(const std::string& han) {
  static std::mutex mu;
  static std::unique_ptr<icu::Transliterator> translit;
  static bool tried = false;
  std::lock_guard<std::mutex> lock(mu);
  if (!tried) {
    tried = true;
    UErrorCode status = U_ZERO_ERROR;
    translit.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower",
                                                       UTRANS_FORWARD, status));
    if (U_FAILURE(status)) translit.reset();
  }
  if (!translit) return "";
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(han);
  translit->transliterate(s);
  std::string out;
  s.toUTF8String(out);
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
  return out;
}

// Chinese has no "r": translations write Rai as 赖 (lai). Compare sounds
// with r and l folded together.
std::string FoldRL(std::string s) {
  std::replace(s.begin(), s.end(), 'r', 'l');
  return s;
}

// "哈" and "Ha": a one- or two-character Han label whose pinyin is a word of
// exactly one Latin name (podcast transcripts translated into Chinese).
void MergeTransliterations(std::vector<Group>* groups) {
  for (std::size_t i = 0; i < groups->size(); ++i) {
    const Group& g = (*groups)[i];
    const std::u32string key = DecodeUtf8(g.head().key);
    if (g.generic || key.empty() || key.size() > 2 || !std::all_of(key.begin(), key.end(), IsHan))
      continue;
    std::vector<std::size_t> matches;
    std::string sound;
    for (std::size_t j = 0; j < groups->size(); ++j) {
      if (j == i || (*groups)[j].generic) continue;
      const std::vector<std::string> words = LatinWords((*groups)[j].head().Written());
      if (words.empty()) continue;
      if (sound.empty()) sound = FoldRL(Pinyin(g.head().key));
      if (sound.empty()) return;
      for (const std::string& w : words)
        if (FoldRL(w) == sound) {
          matches.push_back(j);
          break;
        }
    }
    if (matches.size() != 1) continue;
    MergeInto(groups, i, matches[0], "the same name in another script ('" + Pinyin(g.head().key) + "')");
    return MergeTransliterations(groups);
  }
}

struct RoleStats {
  int lines = 0;
  int questions = 0;
  double mean_chars = 0;
};

RoleStats StatsOf(const Group& g) {
  RoleStats r;
  double chars = 0;
  for (const Sighting* s : g.Sightings()) {
    ++r.lines;
    r.questions += IsQuestion(s->text);
    chars += s->text_chars;
  }
  r.mean_chars = r.lines ? chars / r.lines : 0;
  return r;
}

std::string Percent(int part, int whole) {
  return std::to_string(whole ? (100 * part + whole / 2) / whole : 0) + "%";
}

// Labels of whoever chairs: a moderator asks and gives the floor.
const std::set<std::string> kChairWords = {"主席", "主持人", "主持", "司仪", "会议主持", "moderator", "chair",
                                           "chairman", "chairwoman", "chairperson", "presiding officer",
                                           "the chair", "mc", "emcee"};
// Three or more speakers. A hub is a speaker who takes this share of the
// turns and is on one side of this share of the changes of speaker: the one
// everyone else talks to (a spokesperson and reporters, a speaker and the
// audience, a moderator and a panel, a guest and co-hosts). No hub: a
// meeting or a discussion among peers.
constexpr double kHubTurnShare = 0.35;
constexpr double kHubChangeShare = 0.7;
// One side asks when this share of its turns are questions and that is this
// many times the other side's share; otherwise nobody is taken to lead by
// asking (a transcript of peers talking to one another).
constexpr double kAskingQuestionShare = 0.25;
constexpr double kAskingRatio = 1.5;

std::string RoleEvidence(const Group& g, const RoleStats& r, bool first) {
  return Percent(r.questions, r.lines) + " of " + std::to_string(r.lines) + " turns ask a question; " +
         std::to_string(static_cast<int>(std::lround(r.mean_chars))) + " characters a turn on average" +
         (first ? "; speaks first" : "") + (g.head().asker_word ? "; an interviewer's label" : "") +
         (g.head().answerer_word ? "; an answerer's label" : "");
}

// The speakers' turns in document order, as group indices.
std::vector<std::size_t> TurnSequence(const std::vector<Group>& groups) {
  std::vector<std::pair<std::size_t, std::size_t>> turns;  // line, group
  for (std::size_t i = 0; i < groups.size(); ++i)
    for (const Sighting* s : groups[i].Sightings()) turns.emplace_back(s->line, i);
  std::sort(turns.begin(), turns.end());
  std::vector<std::size_t> sequence;
  for (const auto& [line, group] : turns) sequence.push_back(group);
  return sequence;
}

// The hub of `sequence` (see kHubTurnShare), or groups.size() for none.
std::size_t FindHub(const std::vector<std::size_t>& sequence, std::size_t groups) {
  std::vector<int> turns(groups, 0), changes_with(groups, 0);
  int changes = 0;
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    ++turns[sequence[i]];
    if (i == 0 || sequence[i] == sequence[i - 1]) continue;
    ++changes;
    ++changes_with[sequence[i]];
    ++changes_with[sequence[i - 1]];
  }
  for (std::size_t g = 0; g < groups; ++g)
    if (turns[g] >= kHubTurnShare * static_cast<double>(sequence.size()) &&
        changes_with[g] >= kHubChangeShare * changes && changes > 0)
      return g;
  return groups;
}

// Whether turns with `questions` of `lines` ask clearly more than turns with
// `other_questions` of `other_lines`.
bool AsksClearlyMore(int questions, int lines, int other_questions, int other_lines) {
  const double share = lines ? static_cast<double>(questions) / lines : 0;
  const double other = other_lines ? static_cast<double>(other_questions) / other_lines : 0;
  return share >= kAskingQuestionShare && share >= kAskingRatio * other;
}

// An asker among the others of a hub, or the lead asker of a dialogue with
// no hub, needs this many turns (but see AsksOnceAndIsAnswered).
constexpr int kMinAskerTurns = 2;

// A speaker with one turn, a question, that the hub answers next: a member
// of the audience, a reporter called on once.
bool AsksOnceAndIsAnswered(const std::vector<std::size_t>& sequence, std::size_t who, std::size_t hub,
                           const RoleStats& stats) {
  if (stats.lines != 1 || stats.questions != 1) return false;
  for (std::size_t p = 0; p + 1 < sequence.size(); ++p)
    if (sequence[p] == who) return sequence[p + 1] == hub;
  return false;
}
// Without a hub, one speaker leads an interview of several when the others
// ask at most this share of their turns: interviewees rarely ask, while the
// members of a meeting ask one another.
constexpr double kAnswerersQuestionShare = 0.15;

// Co-hosts of a show introduce themselves in turn as it opens ("I'm Ana."
// "And I'm Ben." "I'm Cy."): an opening run of distinct speakers in which
// each names itself, and each after the first in one short turn. A guest is
// introduced by the hosts, or answers a question about themselves, which
// ends the run; an opener that asks is a moderator inviting a panel's
// introductions, not a host. Returns the speakers of a run of kMinRollCall or more, in
// order; empty otherwise.
constexpr std::size_t kMinRollCall = 3;
constexpr int kRollCallMaxChars = 60;

bool NamesItself(const Group& g, const Sighting& s) {
  const std::string text = Lower(s.text);
  const std::string written = g.head().Written();
  const std::vector<std::string> words = LatinWords(written);
  if (words.empty()) return text.find(Lower(written)) != std::string::npos;
  for (const std::string& w : words)
    if (w.size() >= 2 && text.find(w) != std::string::npos) return true;
  return false;
}

std::vector<std::size_t> RollCall(const std::vector<Group>& groups) {
  std::vector<std::tuple<std::size_t, std::size_t, const Sighting*>> turns;  // line, group, turn
  for (std::size_t i = 0; i < groups.size(); ++i)
    for (const Sighting* s : groups[i].Sightings()) turns.emplace_back(s->line, i, s);
  std::sort(turns.begin(), turns.end(),
            [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  std::vector<std::size_t> called;
  for (const auto& [line, group, turn] : turns) {
    if (std::find(called.begin(), called.end(), group) != called.end()) break;
    // The opener names itself too, and does not ask the others to
    // introduce themselves (a moderator's round of a panel's guests).
    const bool opener = called.empty();
    if (!NamesItself(groups[group], *turn) || (opener && IsQuestion(turn->text)) ||
        (!opener && turn->text_chars > kRollCallMaxChars))
      break;
    called.push_back(group);
  }
  if (called.size() < kMinRollCall) called.clear();
  return called;
}

// Three or more speakers: co-hosts by their roll call (RollCall), else by the
// turn structure; then labels, which say more: a chair's label makes a moderator, an interviewer's or answerer's
// label its side.
//   A hub that chairs, or asks clearly more than the others together: it
//     leads (moderator, interviewer), the others answer (panelist,
//     interviewee): a moderated panel, a host and guests.
//   A hub that asks often (kAskingQuestionShare), but not more than the
//     others: it chairs a meeting (host), the others take part (panelist).
//   Another hub answers; of the others, each who asks clearly more than the
//     hub (in two turns or more), or asks in their one turn and is answered
//     by the hub, asks; the rest answer beside it: co-hosts and a guest,
//     reporters and officials at a briefing, members at a hearing, an
//     audience. With no such asker everyone takes part (panelist): peers
//     talking.
//   No hub: the one who asks most often leads if they ask clearly more than
//     the others and the others hardly ask (interviewer; the others
//     interviewee): a group interview. Else a meeting: the one who speaks
//     most chairs if they also open (host; the others panelist); else
//     everyone takes part (panelist).
// Returns false with fewer than three speakers (the two-speaker rule).
// The roles being decided for three or more speakers: one per group, and
// the evidence beyond the turn statistics.
struct MultiPartyRoles {
  const std::vector<Group>& groups;
  const std::vector<std::size_t>& sequence;  // TurnSequence
  const std::vector<RoleStats>& stats;
  std::vector<std::string> role, why;

  std::size_t size() const { return groups.size(); }
  // The questions and turns of everyone but `who`.
  void RestOf(std::size_t who, int* questions, int* lines) const {
    *questions = *lines = 0;
    for (std::size_t i = 0; i < size(); ++i)
      if (i != who) *questions += stats[i].questions, *lines += stats[i].lines;
  }
};

// Co-hosts by their roll call: the hosts ask, whoever was not in it is a guest.
void RollCallRoles(const std::vector<std::size_t>& roll_call, MultiPartyRoles* r) {
  std::fill(r->role.begin(), r->role.end(), "guest");
  for (std::size_t i : roll_call) {
    r->role[i] = i == roll_call.front() ? "host" : "co-host";
    r->why[i] = "; introduces themselves as the show opens";
  }
}

// A hub the others talk to (see InferMultiPartyRoles for the cases).
void HubRoles(std::size_t hub, MultiPartyRoles* r) {
  const std::size_t n = r->size();
  const RoleStats& h = r->stats[hub];
  int rest_questions = 0, rest_lines = 0;
  r->RestOf(hub, &rest_questions, &rest_lines);
  const bool chair = InVocabulary(kChairWords, r->groups[hub].head().key);
  r->why[hub] = "; the others talk to this speaker";
  const double hub_question_share = h.lines ? static_cast<double>(h.questions) / h.lines : 0;
  if (chair || AsksClearlyMore(h.questions, h.lines, rest_questions, rest_lines)) {
    std::fill(r->role.begin(), r->role.end(), chair ? "panelist" : "interviewee");
    r->role[hub] = chair ? "moderator" : "interviewer";
    return;
  }
  if (hub_question_share >= kAskingQuestionShare) {
    // Asks often, as often as the others: chairs a meeting of members who
    // also ask one another.
    std::fill(r->role.begin(), r->role.end(), "panelist");
    r->role[hub] = "host";
    r->why[hub] += ", and asks as often as they do";
    return;
  }
  bool any_asker = false;
  for (std::size_t i = 0; i < n; ++i) {
    const RoleStats& st = r->stats[i];
    const bool asks = i != hub && (st.lines >= kMinAskerTurns
                                       ? AsksClearlyMore(st.questions, st.lines, h.questions, h.lines)
                                       : AsksOnceAndIsAnswered(r->sequence, i, hub, st));
    r->role[i] = asks ? "interviewer" : "interviewee";
    any_asker = any_asker || asks;
  }
  if (!any_asker) std::fill(r->role.begin(), r->role.end(), "panelist");
}

// No hub: a group interview or a meeting (see InferMultiPartyRoles).
void NoHubRoles(MultiPartyRoles* r) {
  const std::size_t n = r->size();
  const std::vector<RoleStats>& stats = r->stats;
  std::vector<int> turns(n, 0);
  for (std::size_t g : r->sequence) ++turns[g];
  const std::size_t most = static_cast<std::size_t>(std::max_element(turns.begin(), turns.end()) - turns.begin());
  const bool unique_most = std::count(turns.begin(), turns.end(), turns[most]) == 1;
  std::fill(r->role.begin(), r->role.end(), "panelist");
  std::size_t lead = n;  // the highest question share, with enough turns
  for (std::size_t i = 0; i < n; ++i)
    if (stats[i].lines >= kMinAskerTurns &&
        (lead == n || stats[i].questions * stats[lead].lines > stats[lead].questions * stats[i].lines))
      lead = i;
  int rest_questions = 0, rest_lines = 0;
  if (lead < n) r->RestOf(lead, &rest_questions, &rest_lines);
  const bool interview = lead < n &&
                         AsksClearlyMore(stats[lead].questions, stats[lead].lines, rest_questions, rest_lines) &&
                         rest_questions <= kAnswerersQuestionShare * rest_lines;
  if (interview) {
    std::fill(r->role.begin(), r->role.end(), "interviewee");
    r->role[lead] = "interviewer";
    r->why[lead] = "; asks, and the others hardly do";
  } else if (unique_most && !r->sequence.empty() && r->sequence.front() == most) {
    r->role[most] = "host";
    r->why[most] = "; opens a meeting and speaks most";
  }
}

bool InferMultiPartyRoles(std::vector<Group>* groups) {
  if (groups->size() < 3) return false;
  std::vector<Group>& gs = *groups;
  const std::size_t n = gs.size();
  const std::vector<std::size_t> sequence = TurnSequence(gs);
  std::vector<RoleStats> stats;
  for (const Group& g : gs) stats.push_back(StatsOf(g));
  MultiPartyRoles r{gs, sequence, stats, std::vector<std::string>(n), std::vector<std::string>(n)};
  const std::vector<std::size_t> roll_call = RollCall(gs);
  const std::size_t hub = FindHub(sequence, n);
  if (!roll_call.empty()) RollCallRoles(roll_call, &r);
  else if (hub < n) HubRoles(hub, &r);
  else NoHubRoles(&r);
  for (std::size_t i = 0; i < n; ++i) {
    Group& g = gs[i];
    g.role = r.role[i];
    g.role_evidence = RoleEvidence(g, stats[i], !sequence.empty() && sequence.front() == i) + r.why[i];
    if (InVocabulary(kChairWords, g.head().key)) {
      g.role = "moderator";
      g.role_evidence += "; a chair's label";
    } else if (g.head().asker_word) {
      g.role = "interviewer";
    } else if (g.head().answerer_word) {
      g.role = "interviewee";
    }
  }
  return true;
}

// The asker is the speaker whose turns are questions, short, and first;
// everyone else answers. The generic vocabulary decides when present.
void InferRoles(std::vector<Group>* groups) {
  if (InferMultiPartyRoles(groups)) return;
  double best = -1e9;
  std::size_t asker = 0;
  double shortest = 1e18;
  std::size_t first = 0;
  for (std::size_t i = 0; i < groups->size(); ++i) {
    shortest = std::min(shortest, StatsOf((*groups)[i]).mean_chars);
    if ((*groups)[i].FirstLine() < (*groups)[first].FirstLine()) first = i;
  }
  for (std::size_t i = 0; i < groups->size(); ++i) {
    const Group& g = (*groups)[i];
    const RoleStats r = StatsOf(g);
    double score = 2.0 * r.questions / std::max(1, r.lines);
    if (r.mean_chars == shortest) score += 0.5;
    if (i == first) score += 0.25;
    if (g.head().asker_word) score += 3;
    if (g.head().answerer_word) score -= 3;
    if (score > best) best = score, asker = i;
  }
  for (std::size_t i = 0; i < groups->size(); ++i) {
    Group& g = (*groups)[i];
    const RoleStats r = StatsOf(g);
    g.role = i == asker ? "interviewer" : "interviewee";
    g.role_evidence = RoleEvidence(g, r, i == first);
  }
}

// Generic labels ("答:") join the one named speaker on their side.
void MergeGenericLabels(std::vector<Group>* groups) {
  for (const char* side : {"interviewee", "interviewer"}) {
    std::vector<std::size_t> named, generic;
    for (std::size_t i = 0; i < groups->size(); ++i) {
      const Group& g = (*groups)[i];
      const bool word = std::string(side) == "interviewer" ? g.head().asker_word : g.head().answerer_word;
      if (g.generic && word) generic.push_back(i);
      else if (!g.generic && g.role == side) named.push_back(i);
    }
    if (named.size() != 1 || generic.empty()) continue;
    const std::size_t into = named[0];
    MergeInto(groups, generic[0], into, std::string("a generic label, and one named ") + side);
    return MergeGenericLabels(groups);
  }
}

std::string SpeakerId(const std::string& written, std::set<std::string>* used) {
  std::string id;
  bool ascii = true;
  for (unsigned char c : written) ascii = ascii && c < 0x80;
  for (char c : written) {
    if (!ascii) {
      if (c != ' ') id += c;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id += c;
    } else if (c >= 'A' && c <= 'Z') {
      id += static_cast<char>(c - 'A' + 'a');
    } else if ((c == ' ' || c == '.' || c == '-') && !id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.empty()) id = "speaker";
  std::string unique = id;
  for (int n = 2; used->count(unique); ++n) unique = id + "-" + std::to_string(n);
  used->insert(unique);
  return unique;
}

// A one-line label with the shape of accepted speakers' labels ("LI" among
// "RT", "FM", "AR"; "张宇人议员" beside "蒋丽芸议员"): in meeting notes and
// hearings most people speak once. A shared title is evidence enough with
// one accepted speaker; initials and bare two-character names need two.
constexpr int kMinSameShapeSpeakers = 2;
constexpr int kMinSameTitleSpeakers = 1;
bool ShapedLikeAccepted(const Candidate& c, const std::vector<Group>& accepted) {
  const std::string shape = LabelShape(c);
  if (shape.empty()) return false;
  const int needed = shape.rfind("han-titled:", 0) == 0 ? kMinSameTitleSpeakers : kMinSameShapeSpeakers;
  int same = 0;
  for (const Group& g : accepted)
    for (const Candidate* m : g.members) {
      if (LabelShape(*m) == shape) {
        ++same;
        break;
      }
    }
  return same >= needed;
}

// A one-line voice after the last accepted turn joins the dialogue when its
// label is shaped like the others' (initials, a Han name with a title; not
// a bare two-character name, the shape of "编辑：" and other footer fields)
// and it says a sentence: the member who speaks once, last, in minutes.
constexpr int kClosingVoiceMinChars = 20;

bool ClosesMinutes(const Candidate& c, const Sighting& s, const std::vector<Group>& accepted) {
  const std::string shape = LabelShape(c);
  return !c.byline_word && shape != "han-name" && s.text_chars >= kClosingVoiceMinChars &&
         ShapedLikeAccepted(c, accepted);
}

bool IsBylineSighting(const Candidate& c, const Sighting& s) {
  if (!c.byline_word || s.text_chars > kBylineMaxChars) return false;
  for (char32_t cp : DecodeUtf8(s.text))
    if (std::u32string_view(kSentencePunct).find(cp) != std::u32string_view::npos) return false;
  return true;
}

}  // namespace

// --- interviews without labels --------------------------------------------
//
// Questions set off as headings ("### Who are you?") or whole bold lines
// ("**你能介绍一下自己吗？**"), each followed by the answer's paragraphs: the
// questions are the interviewer's turns, the paragraphs after each the
// interviewee's.
// Of the lines set off that way in the body, this share must be questions
// (an article with a question among its subheadings is not an interview).
constexpr double kUnlabelledQuestionShare = 0.75;

// The line as written, trimmed of spaces.
ByteSpan TrimmedLine(std::string_view text, const Line& line) {
  std::size_t b = line.begin, e = line.end;
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
  return {b, e};
}

// A heading or a line that is bold as a whole.
bool IsSetOff(std::string_view line) {
  if (line.rfind("#", 0) == 0) {
    std::size_t h = 0;
    while (h < line.size() && line[h] == '#') ++h;
    return h <= 6 && h < line.size() && line[h] == ' ';
  }
  for (const std::string_view mark : {std::string_view("**"), std::string_view("__")})
    if (line.size() > 4 && line.rfind(mark, 0) == 0 && line.compare(line.size() - 2, 2, mark) == 0) return true;
  return false;
}

// The length of a dash run that opens an interviewer's line in Japanese (and
// some Chinese) interviews: "――", "——", "──" (two or more of U+2015, U+2014,
// U+2500), with the spaces after it; 0 for none.
std::size_t QuestionDashLength(std::string_view line) {
  std::size_t i = 0;
  int dashes = 0;
  while (i + 3 <= line.size() && (line.compare(i, 3, "\u2015") == 0 || line.compare(i, 3, "\u2014") == 0 ||
                                   line.compare(i, 3, "\u2500") == 0)) {
    i += 3;
    ++dashes;
  }
  if (dashes < 2) return 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i + 3 <= line.size() && line.compare(i, 3, "\u3000") == 0) i += 3;
  return i;
}

// A question line that opens with a dash run: a request ("...を教えてください。")
// asks as well as a question mark does. At least this many characters after
// the dashes, so a short attribution ("——鲁迅") is not one.
constexpr std::size_t kMinDashQuestionChars = 10;

bool IsDashQuestion(std::string_view line) {
  const std::size_t dash = QuestionDashLength(line);
  return dash > 0 && CountCodePoints(line.substr(dash)) >= kMinDashQuestionChars;
}

bool EndsWithQuestionMark(std::string_view words) {
  while (!words.empty() && (words.back() == ' ' || words.back() == '*' || words.back() == '_')) words.remove_suffix(1);
  return (!words.empty() && words.back() == '?') ||
         (words.size() >= 3 && words.compare(words.size() - 3, 3, "\uff1f") == 0);
}

void DiscoverUnlabelled(std::string_view text, const LabelledText& labelled, Discovery* d) {
  const std::size_t n = labelled.labels.size();
  const std::vector<bool> code = CodeLines(text, labelled);
  std::vector<std::size_t> questions, answers;
  int set_off = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const LineKind kind = labelled.labels[i].kind;
    if (code[i] || (kind != LineKind::kText && kind != LineKind::kNumbered)) continue;
    const ByteSpan span = TrimmedLine(text, labelled.lines[i]);
    const std::string_view line = text.substr(span.begin, span.end - span.begin);
    const bool dash = IsDashQuestion(line);
    if (!IsSetOff(line) && !dash) continue;
    ++set_off;
    if (!dash && !EndsWithQuestionMark(VisibleWords(line))) continue;
    // The answer: the next content line, plain text that is not set off.
    std::size_t next = NextContent(labelled, i);
    if (next >= n || labelled.labels[next].kind != LineKind::kText || code[next]) continue;
    const ByteSpan next_span = TrimmedLine(text, labelled.lines[next]);
    const std::string_view next_line = text.substr(next_span.begin, next_span.end - next_span.begin);
    if (IsSetOff(next_line) || QuestionDashLength(next_line) > 0 || EndsWithQuestionMark(VisibleWords(next_line)))
      continue;
    questions.push_back(i);
    answers.push_back(next);
  }
  const int asked = static_cast<int>(questions.size());
  if (asked < kMinUnlabelledQuestions || asked < kUnlabelledQuestionShare * set_off) return;
  d->speakers = {SpeakerRule{"interviewer", "interviewer", "interviewer", {}, false},
                 SpeakerRule{"interviewee", "interviewee", "interviewee", {}, false}};
  d->turns.clear();
  for (std::size_t k = 0; k < questions.size(); ++k) {
    d->turns[questions[k]] = 0;
    d->turns[answers[k]] = 1;
  }
  d->report.dialogue = true;
  d->report.confidence = std::min(1.0, asked / 10.0);
  d->report.evidence = "an interview without speaker labels: " + std::to_string(asked) +
                       " questions set off as headings, bold lines or an opening dash (" + Percent(asked, set_off) +
                       " of such lines), each followed by its answer";
  d->report.speakers = {DiscoveredSpeaker{"interviewer", {}, asked, "the questions set off as headings, bold lines or an opening dash", {}},
                        DiscoveredSpeaker{"interviewee", {}, asked, "the paragraphs after each question", {}}};
}

// The marker and text of each turn line that has no label: an empty marker
// at the line's start, or a question's opening dash run.
void DecideUnlabelledTurns(std::string_view text, const LabelledText& labelled, Discovery* d) {
  for (const auto& [line, speaker] : d->turns) {
    const LineLabel& label = labelled.labels[line];
    if (label.candidate) continue;
    const Line& l = labelled.lines[line];
    UnlabelledTurn turn;
    turn.marker = ByteSpan{l.begin, l.begin};
    turn.text = label.kind == LineKind::kText ? label.text : TrimmedLine(text, l);
    const std::size_t dash = QuestionDashLength(text.substr(turn.text.begin, turn.text.end - turn.text.begin));
    if (dash > 0) {
      turn.marker = ByteSpan{turn.text.begin, turn.text.begin + dash};
      turn.text.begin += dash;
    }
    d->unlabelled[line] = turn;
  }
}

bool MayBeSighting(const LineLabel& label) { return LooksAtLabel(label) && MayBeSpeakerKey(label.candidate->key); }

bool SightingTally::AddLine(const std::vector<std::string>& keys) {
  bool counted = false;
  for (const std::string& key : keys) {
    if (!MayBeSpeakerKey(key)) continue;
    counted = true;
    NoteGenericWords(key);
  }
  lines_ += counted;
  return counted;
}

void SightingTally::AddLabel(const LineLabel& label) {
  if (!MayBeSighting(label)) return;
  ++lines_;
  NoteGenericWords(label.candidate->key);
}

void SightingTally::NoteGenericWords(const std::string& key) {
  asker_ = asker_ || InVocabulary(kAskerWords, key);
  answerer_ = answerer_ || InVocabulary(kAnswererWords, key);
}

namespace {

bool ComputeMayBeSpeakerKey(const std::string& key) {
  thread_local std::u32string cps;  // triage asks about thousands of keys
  cps.clear();
  DecodeUtf8Into(key, &cps);
  if (cps.empty() || !KeyRejection(key, cps).empty()) return false;
  // Role words ("问", "记者") pass or fail by how they are used; the clause
  // shapes rule out any other label whatever its sightings.
  if (InVocabulary(kAskerWords, key) || InVocabulary(kAnswererWords, key)) return true;
  return ClauseRejection(key, cps).empty() && !EndsLikeClause(cps) && !LowerCaseLatin(cps);
}

}  // namespace

bool MayBeSpeakerKey(const std::string& key) {
  // The answer depends on the key alone, and the same keys come up line
  // after line and article after article (bylines, "来源", navigation):
  // the last answers are kept per thread, a slot per hash. A slot starts
  // as the empty key's answer, which is no.
  struct Slot {
    std::string key;
    bool answer = false;
  };
  constexpr std::size_t kSlots = 512;
  thread_local std::vector<Slot> memo(kSlots);
  Slot& slot = memo[std::hash<std::string_view>{}(key) & (kSlots - 1)];
  if (slot.key != key) slot = Slot{key, ComputeMayBeSpeakerKey(key)};
  return slot.answer;
}

bool MayBeUnlabelledQuestion(std::string_view text, const Line& line) {
  const ByteSpan span = TrimmedLine(text, line);
  const std::string_view trimmed = text.substr(span.begin, span.end - span.begin);
  return IsDashQuestion(trimmed) || (IsSetOff(trimmed) && EndsWithQuestionMark(VisibleWords(trimmed)));
}

bool ReadsLineShape(std::string_view text, const Line& line) {
  const ByteSpan span = TrimmedLine(text, line);
  const std::string_view trimmed = text.substr(span.begin, span.end - span.begin);
  return IsSetOff(trimmed) || IsDashQuestion(trimmed);
}

Discovery DiscoverSpeakers(std::string_view text, const LabelledText& labelled) {
  Discovery d;
  const std::map<std::string, Candidate> candidates = CollectCandidates(text, labelled);

  // Labels whose shape allows a speaker, merged into people.
  std::vector<Group> groups;
  for (const auto& [key, c] : candidates) {
    if (c.sightings.empty()) continue;
    if (!c.reject.empty()) {
      d.report.rejected.push_back(c.Written() + " (" + std::to_string(c.lines()) + " line" +
                                  (c.lines() == 1 ? "" : "s") + "): " + c.reject);
      continue;
    }
    groups.push_back(Group{{&c}, {}, "", "", c.asker_word || c.answerer_word});
  }
  MergeDeclaredInitials(&groups);
  MergeShortForms(&groups);
  MergeTransliterations(&groups);

  // People who speak more than once carry the dialogue; a one-line voice
  // joins it only with a strong name shape, between their turns.
  std::vector<Group> repeated, single;
  for (Group& g : groups) (g.Sightings().size() >= 2 || g.generic ? repeated : single).push_back(std::move(g));
  groups = std::move(repeated);
  std::size_t first = SIZE_MAX, last = 0;
  for (const Group& g : groups)
    first = std::min(first, g.FirstLine()), last = std::max(last, g.Sightings().back()->line);
  for (Group& g : single) {
    const std::size_t line = g.FirstLine();
    const bool named = HasStrongNameShape(g.head()) || ShapedLikeAccepted(g.head(), groups);
    if (groups.size() >= 2 && named && line > first && (line < last || ClosesMinutes(g.head(), *g.Sightings().front(), groups))) {
      groups.push_back(std::move(g));
      continue;
    }
    d.weak_evidence = d.weak_evidence || named || IsPlausibleName(g.head());
    d.report.rejected.push_back(g.head().Written() + " (1 line): " +
                                (groups.size() < 2 ? "no dialogue to belong to"
                                 : named           ? "outside the dialogue"
                                                   : "one line, not shaped like a name"));
  }

  if (!groups.empty()) InferRoles(&groups);
  MergeGenericLabels(&groups);
  std::sort(groups.begin(), groups.end(),
            [](const Group& a, const Group& b) { return a.FirstLine() < b.FirstLine(); });

  // Assign turn lines; bylines ("记者:陆柯言") and bare labels not followed by
  // text are left alone.
  std::set<std::string> used_ids;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    const std::string written = g.head().Written();
    SpeakerRule rule{SpeakerId(written, &used_ids), written, g.role, {}, false};
    DiscoveredSpeaker evidence{rule.id, {}, 0, g.role_evidence, g.merged};
    for (const Candidate* c : g.members) {
      for (const Sighting& s : c->sightings) {
        if (IsBylineSighting(*c, s)) continue;
        d.turns[s.line] = static_cast<int>(gi);
        ++evidence.lines;
        if (std::find(evidence.labels.begin(), evidence.labels.end(), s.written) == evidence.labels.end())
          evidence.labels.push_back(s.written);
      }
    }
    d.speakers.push_back(std::move(rule));
    d.report.speakers.push_back(std::move(evidence));
  }

  // Turn lines that hold data, and the order of labels: a form filled in per
  // record, not a conversation.
  std::map<std::size_t, std::pair<std::string, bool>> turn_lines;  // line -> (label key, data value)
  for (std::size_t gi = 0; gi < groups.size(); ++gi)
    for (const Candidate* c : groups[gi].members)
      for (const Sighting& s : c->sightings)
        if (d.turns.count(s.line)) turn_lines[s.line] = {c->key, IsDataValue(s.text)};
  int data_lines = 0;
  std::vector<std::string> sequence;
  for (const auto& [line, entry] : turn_lines) {
    data_lines += entry.second;
    sequence.push_back(entry.first);
  }
  const double data_share = turn_lines.empty() ? 0 : static_cast<double>(data_lines) / turn_lines.size();
  const std::size_t cycle = RecordCycle(sequence);
  std::string record;
  if (data_share >= kRecordDataShare)
    record = Percent(data_lines, static_cast<int>(turn_lines.size())) +
             " of the label lines hold short data values, not speech: a record list";
  else if (cycle > 0 && data_share >= kCycleDataShare)
    record = "labels repeat in a fixed cycle of " + std::to_string(cycle) + " with short data values (" +
             Percent(data_lines, static_cast<int>(turn_lines.size())) + "): a form repeated per record";

  // The verdict: two or more speakers with two or more turns, alternating.
  int changes = 0, previous = -1, recurring = 0;
  for (const auto& [line, speaker] : d.turns) {
    if (previous >= 0 && speaker != previous) ++changes;
    previous = speaker;
  }
  bool generic_pair = false, generic_asker = false, generic_answerer = false;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    recurring += d.report.speakers[gi].lines >= 2;
    for (const Candidate* c : groups[gi].members) {
      generic_asker = generic_asker || c->asker_word;
      generic_answerer = generic_answerer || c->answerer_word;
    }
  }
  generic_pair = generic_asker && generic_answerer;
  const int n = static_cast<int>(d.turns.size());
  const double alternation = n > 1 ? static_cast<double>(changes) / (n - 1) : 0;
  d.report.dialogue = record.empty() && ((recurring >= 2 && n >= kMinDialogueLines && alternation >= 0.4) ||
                                         (generic_pair && n >= kMinTurnLines));
  d.report.confidence = std::round(100 * (0.5 * alternation + 0.5 * std::min(1.0, n / 10.0))) / 100;
  d.report.evidence = std::to_string(groups.size()) + " speaker label group(s), " + std::to_string(n) +
                      " turn lines, speaker changes at " + Percent(changes, std::max(1, n - 1)) +
                      " of turns" +
                      (d.report.dialogue ? "" : !record.empty() ? ": not a dialogue, " + record
                                                                 : ": not enough for a dialogue");
  if (!d.report.dialogue) {
    d.weak_evidence = d.weak_evidence || !groups.empty();
    d.speakers.clear();
    d.turns.clear();
    d.report.speakers.clear();
    if (record.empty()) DiscoverUnlabelled(text, labelled, &d);
  }
  DecideUnlabelledTurns(text, labelled, &d);
  return d;
}

}  // namespace qaextract::internal
