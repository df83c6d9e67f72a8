#!/usr/bin/env bash
# Runs the libFuzzer targets (fuzz/) for SECONDS each (default 60), one after
# another: scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds build-fuzz/ with clang (-DQAEXTRACT_FUZZ=ON: ASan+UBSan+coverage).
# Each target keeps a growing corpus in build-fuzz/corpus/TARGET, seeded from
# the samples and rule files; crashes are written to build-fuzz/artifacts/
# and the run fails. A crash input belongs in fuzz/regressions/TARGET/, where
# the ordinary test suite replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract rules rules_extract batch_jsonl playground)

./scripts/deps.sh fuzz
export PATH="/usr/lib/llvm-$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p')/bin:$PATH"
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DQAEXTRACT_FUZZ=ON >/dev/null
fi
cmake --build build-fuzz -j"$(nproc)" >/dev/null

seed_corpus() {
  local target="$1" dir="build-fuzz/corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    extract)
      # The samples in pieces of at most 4 KB cut at line ends: small inputs
      # run many times faster than whole articles and cover the same labels.
      for f in samples/*.txt rules/tests/*/input.txt; do
        split -C 4000 -d -a 3 "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f" .txt)-"
      done
      ;;
    rules)
      find rules tests/rules -maxdepth 1 -type f -name "*.yaml" -exec cp {} "$dir/" \;
      ;;
    rules_extract)
      cp fuzz/seeds/rules_extract/* "$dir/"
      # Every shipped rule file over the start of every rule-test article.
      for r in rules/*.yaml; do
        for a in rules/tests/*/input.txt; do
          { cat "$r"; printf '%%%%\n'; head -c 4000 "$a"; } \
            > "$dir/$(basename "$r" .yaml)-$(basename "$(dirname "$a")").txt"
        done
      done
      ;;
    batch_jsonl | playground)
      cp fuzz/seeds/"$target"/* "$dir/"
      ;;
  esac
  cp fuzz/regressions/"$target"/* "$dir/" 2>/dev/null || true
  rm -f "$dir/.gitkeep"
}

dict_for() {
  case "$1" in
    extract | batch_jsonl | playground) echo fuzz/dict/article.dict ;;
    *) echo fuzz/dict/rules.dict ;;
  esac
}

status=0
summary=()
for target in "${targets[@]}"; do
  seed_corpus "$target"
  mkdir -p "build-fuzz/artifacts/$target" "build-fuzz/logs"
  log="build-fuzz/logs/$target.log"
  echo "fuzzing $target for ${seconds}s (log: $log)"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "build-fuzz/fuzz/fuzz_$target" "build-fuzz/corpus/$target" \
      -dict="$(dict_for "$target")" -max_total_time="$seconds" -timeout=20 \
      -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
      -artifact_prefix="build-fuzz/artifacts/$target/" >"$log" 2>&1; then
    status=1
    echo "  FAILED: $(grep -m1 -E 'ERROR|fuzz check failed|Test unit written' "$log" || tail -n 1 "$log")"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  summary+=("$target: ${runs:-?} executions in ${seconds}s, ${cov:-cov: ?}, corpus $(ls "build-fuzz/corpus/$target" | wc -l) inputs")
done
printf '%s\n' "${summary[@]}"
exit "$status"
