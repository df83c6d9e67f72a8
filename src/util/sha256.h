// SHA-256 hex digests through OpenSSL's libcrypto (EVP).
#ifndef QAEXTRACT_SRC_UTIL_SHA256_H_
#define QAEXTRACT_SRC_UTIL_SHA256_H_

#include <string>
#include <string_view>
#include <vector>

namespace qaextract::internal {

// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Lowercase hex SHA-256 of the parts fed one after another.
std::string Sha256Hex(const std::vector<std::string_view>& parts);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_UTIL_SHA256_H_
