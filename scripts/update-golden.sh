#!/usr/bin/env bash
# Rewrites tests/golden/<sample>.json from the current build. Golden files are
# reviewed by a person: read `git diff tests/golden` against the articles in
# samples/ before committing, and say in the commit what was checked.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j2 --target qaextract >/dev/null
for f in samples/*.txt; do
  name=$(basename "$f" .txt)
  ./build/qaextract convert "$f" -o "tests/golden/$name.json"
  echo "wrote tests/golden/$name.json"
done
