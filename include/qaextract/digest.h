// SHA-256 hex digests through Nettle (GNU's small crypto library; it uses the
// CPU's SHA instructions where there are some). Not OpenSSL: libcrypto costs
// a millisecond of every start to load and initialise, and `convert` of one
// article should take a few.
#ifndef QAEXTRACT_INCLUDE_DIGEST_H_
#define QAEXTRACT_INCLUDE_DIGEST_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sha256_ctx;

namespace qaextract {

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
  std::unique_ptr<sha256_ctx> ctx_;
};

// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Lowercase hex SHA-256 of the parts fed one after another.
std::string Sha256Hex(const std::vector<std::string_view>& parts);

}  // namespace qaextract

#endif  // QAEXTRACT_INCLUDE_DIGEST_H_
