#!/usr/bin/env bash
# Per-stage micro-benchmarks (bench/micro.cc, Google Benchmark) on the samples.
#   bench/micro.sh [--benchmark_filter=REGEX ...]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh >/dev/null
exec ./build/qaextract_micro_bench "$@"
