#!/usr/bin/env bash
# Converts every sample in samples/ with the shipped rules into out/ (JSON and
# YAML) and prints one summary line per sample.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
mkdir -p out
for f in samples/*.txt; do
  name=$(basename "$f" .txt)
  ./build/qaextract convert "$f" --format yaml -o "out/$name.yaml"
  ./build/qaextract convert "$f" -o "out/$name.json" --summary
done
echo "wrote out/*.json and out/*.yaml"
