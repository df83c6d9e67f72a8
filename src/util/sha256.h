// SHA-256 hex digests through OpenSSL's libcrypto (EVP).
#ifndef QAEXTRACT_SRC_UTIL_SHA256_H_
#define QAEXTRACT_SRC_UTIL_SHA256_H_

#include <string>
#include <string_view>
#include <vector>

namespace qaextract::internal {

// An incremental SHA-256 (for output written in pieces).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string HexDigest();  // finishes; call once

 private:
  void* ctx_;  // EVP_MD_CTX
};

// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Lowercase hex SHA-256 of the parts fed one after another.
std::string Sha256Hex(const std::vector<std::string_view>& parts);

}  // namespace qaextract::internal

#endif  // QAEXTRACT_SRC_UTIL_SHA256_H_
