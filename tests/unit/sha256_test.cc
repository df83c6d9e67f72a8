// SHA-256 against the FIPS 180-2 test vectors.
#include "qaextract/digest.h"

#include <doctest/doctest.h>

#include <string>

namespace qaextract::internal {

TEST_CASE("Sha256Hex: FIPS 180-2 vectors, whole and in pieces") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  CHECK(Sha256Hex(two_blocks) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex({"abcdbcdecdefdefg", "", "efghfghighijhijkijkljklmklmnlmnomnopnopq"}) ==
        Sha256Hex(two_blocks));
  Sha256 million;
  const std::string a(1000, 'a');
  for (int i = 0; i < 1000; ++i) million.Update(a);
  CHECK(million.HexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace qaextract::internal
