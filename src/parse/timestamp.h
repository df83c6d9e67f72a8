// Time stamps of transcripts around a speaker's label: "[00:12:31] Alice:",
// "0:00:14.2 **Name**", "Name: (02:18)", "主持人(12:05)：". They become the
// turn's `timestamp` instead of living only inside its marker.
#ifndef QAEXTRACT_SRC_PARSE_TIMESTAMP_H_
#define QAEXTRACT_SRC_PARSE_TIMESTAMP_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace qaextract::internal {

// The length of a time stamp at the start of `s`, with its brackets
// ("[00:12:31]", "(02:18)", "0:00:14.2", "1:02:03,5") but not the space
// after it; 0 when `s` does not start with one. H:MM, MM:SS or H:MM:SS,
// optionally with a fraction.
std::size_t LeadingTimestamp(std::string_view s);

// True when `s`, trimmed of spaces, is a time stamp and nothing else.
bool IsTimestamp(std::string_view s);

// The time stamp's digits, colons and fraction, without brackets: "00:12:31".
std::string TimestampValue(std::string_view stamp);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_PARSE_TIMESTAMP_H_
