#!/usr/bin/env bash
# Builds qaextract and runs the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
# The browser test's one npm package (playwright-core, locked), once.
if command -v npm >/dev/null 2>&1 && [ ! -d tests/browser/node_modules ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    echo "test: npm ci failed; the browser test will be skipped" >&2
fi
cd build
ctest --output-on-failure -j"$(nproc)" 2>&1 | tail -n 25
exit "${PIPESTATUS[0]}"
