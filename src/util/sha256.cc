#include "qaextract/digest.h"

#include <nettle/sha2.h>

namespace qaextract {
namespace {

std::string Hex(const std::uint8_t* digest, std::size_t length) {
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (std::size_t i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace

Sha256::Sha256() : ctx_(std::make_unique<sha256_ctx>()) { sha256_init(ctx_.get()); }

Sha256::~Sha256() = default;

void Sha256::Update(std::string_view data) {
  sha256_update(ctx_.get(), data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
}

std::string Sha256::HexDigest() {
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(ctx_.get(), SHA256_DIGEST_SIZE, digest);
  return Hex(digest, SHA256_DIGEST_SIZE);
}

std::string Sha256Hex(const std::vector<std::string_view>& parts) {
  Sha256 sha;
  for (std::string_view part : parts) sha.Update(part);
  return sha.HexDigest();
}

std::string Sha256Hex(std::string_view data) { return Sha256Hex(std::vector<std::string_view>{data}); }

}  // namespace qaextract
