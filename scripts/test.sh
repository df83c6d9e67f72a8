#!/usr/bin/env bash
# Builds qaextract and runs the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" 2>&1 | tail -n 25
exit "${PIPESTATUS[0]}"
