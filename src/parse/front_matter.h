// Markdown front matter: a YAML block between "---" lines at the very top of
// an article (Jekyll, Hugo, and the many archives built with them).
#ifndef QAEXTRACT_SRC_PARSE_FRONT_MATTER_H_
#define QAEXTRACT_SRC_PARSE_FRONT_MATTER_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "qaextract/document.h"
#include "text/lines.h"

namespace qaextract::internal {

// The rule id of front-matter lines, in labels, fates and `explain`.
inline constexpr const char kFrontMatterRule[] = "front-matter";

// Number of lines the front matter takes, both "---" lines included, or 0
// when the text has none (the first line is not "---", or no closing "---"
// within the first 200 lines).
std::size_t FindFrontMatter(std::string_view text, const std::vector<Line>& lines);

// Reads the front matter's top-level keys with yaml-cpp into *fields: scalars
// as single values, lists of scalars as lists ("author" becomes "authors").
// Front matter that is not valid YAML yields no fields.
void ReadFrontMatter(std::string_view text, const std::vector<Line>& lines, std::size_t count,
                     Fields* fields);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_FRONT_MATTER_H_
