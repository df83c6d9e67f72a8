#!/usr/bin/env bash
# Scores zero-config extraction (no --rules) against hand annotations: the
# evaluation corpus (../shared/corpus, when present) and the four samples.
# Prints a per-document table and a micro-averaged line; exits 1 when a
# target is missed. See docs/quality.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
indexes=()
if [ -f ../shared/corpus/index.yaml ]; then
  indexes+=(../shared/corpus/index.yaml ../shared/corpus/shapes.yaml)
else
  echo "eval: ../shared/corpus not found; scoring the samples only" >&2
fi
indexes+=(tests/eval/samples.yaml)
for index in "${indexes[@]}"; do
  echo "== $index"
  ./build/qaextract_eval --check "$index"
done
if [ -f ../shared/corpus/index.yaml ]; then
  echo "== ../shared/corpus/index.yaml, discover --emit-rules then convert --rules"
  ./build/qaextract_eval --check --emitted-rules ../shared/corpus/index.yaml
fi
echo "== tests/eval/samples.yaml, source rules hidden (discovery only)"
./build/qaextract_eval --check --discovery-only tests/eval/samples.yaml
