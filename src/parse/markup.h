// Source formatting inside body text: what a page's Markdown or HTML puts
// around the words. A turn's text is the words; the formatting is cut out of
// it like inline noise (a Cut per span, recorded in removed[] as "markup"),
// so offsets still point at the input and nothing is lost:
//
//   **bold** __bold__ *em* _em_ ~~struck~~   the marks
//   [text](url) [text][ref] <https://x>      the brackets and the target
//   [two / words](url) over a line break     the same, in each of the lines
//   ![alt](src) [^1]                         the whole image or footnote mark
//   <tag attr> </tag> &amp; &nbsp;           tags; "amp;" of &amp; (the & stays)
//   \* \[ \@ …                               the backslash of an escape
//   "# ", "> " at a paragraph start          heading hashes, quote marks
//   a paragraph holding <figcaption>         the whole caption
//   "编者注：…", "[Editor's note: …]"           an editor's note (a paragraph, or a
//                                            parenthesis inside one): not the
//                                            speaker's words; rule editorial.note
//
// Every mark is ASCII, so the scan is byte-wise and safe inside UTF-8.
#ifndef QAEXTRACT_SRC_PARSE_MARKUP_H_
#define QAEXTRACT_SRC_PARSE_MARKUP_H_

#include <string_view>
#include <vector>

#include "parse/classifier.h"

namespace qaextract::internal {

// The markup in `text[span)` (one paragraph), as cuts in text order with
// absolute offsets. Rules: "markup.emphasis", "markup.link", "markup.image",
// "markup.footnote", "markup.html", "markup.entity", "markup.escape",
// "markup.heading", "markup.quote", "markup.caption", "editorial.note".
std::vector<Cut> FindMarkup(std::string_view text, ByteSpan span);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_MARKUP_H_
