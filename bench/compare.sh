#!/usr/bin/env bash
# A change's effect on speed, and proof that it changed no output: builds
# BASE (a git revision) beside the working tree, runs both on the bench
# corpora in interleaved rounds (base, then this tree, then base again...:
# on a shared machine a run's time moves by half with the load, and
# interleaving keeps both sides under the same load), and compares every
# output byte for byte.
#
#   bench/compare.sh BASE [ARTICLES] [ROUNDS]     default 2000 articles, 5 rounds
#
# Times are CPU time (user + system) of one job, median over the rounds,
# for the documents and turns views of the interviews and the crawl mix
# with --min-turns 1. The outputs, error records and manifests (without
# their times and command lines) of the two builds must be identical; the
# script exits 1 when they are not. Not a test: numbers vary.
set -euo pipefail
cd "$(dirname "$0")/.."
base_rev=${1:?usage: bench/compare.sh BASE [ARTICLES] [ROUNDS]}
n=${2:-2000}
rounds=${3:-5}
./scripts/build.sh
. bench/corpus.sh
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base_rev" >/dev/null
echo "compare: building $base_rev" >&2
cmake -S "$work/base" -B "$work/base/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/base/build" -j"$(nproc)" --target qaextract >/dev/null

interviews=/tmp/qaextract-bench/$n
mix=/tmp/qaextract-bench/$n-mix
make_corpus "$n" 0 "$interviews"
make_corpus "$n" 0.9 "$mix"

configs=(documents turns mix)
# run_config SIDE CONFIG: runs one build on one configuration, prints its CPU seconds.
run_config() {
  local bin=$work/base/build/qaextract
  [ "$1" = this ] && bin=./build/qaextract
  local args
  case $2 in
    documents) args=("$interviews/corpus.jsonl" --view documents) ;;
    turns) args=("$interviews/corpus.jsonl" --view turns) ;;
    mix) args=("$mix/corpus.jsonl" --view documents --min-turns 1) ;;
  esac
  /usr/bin/time -f "%U %S" -o "$work/time" "$bin" batch "${args[@]}" --jobs 1 --quiet --out "$work/$1-$2.jsonl"
  awk '{print $1 + $2}' "$work/time"
}

declare -A seconds
for round in $(seq "$rounds"); do
  for side in base this; do
    for c in "${configs[@]}"; do seconds[$side-$c]+="$(run_config "$side" "$c") "; done
  done
  echo "compare: round $round of $rounds" >&2
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | sed -n "$(( (rounds + 1) / 2 ))p"; }
printf '| %-10s | %9s | %9s | %7s |\n' run "$base_rev" "this tree" change
printf '| %-10s | %9s | %9s | %7s |\n' --- ---: ---: ---:
for c in "${configs[@]}"; do
  b=$(median "${seconds[base-$c]}") t=$(median "${seconds[this-$c]}")
  printf '| %-10s | %8.2fs | %8.2fs | %+6.1f%% |\n' "$c" "$b" "$t" "$(echo "($t / $b - 1) * 100" | bc -l)"
done

# The manifest without what differs from run to run.
strip() {
  /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for k in ("command_line", "started", "finished", "seconds", "outputs", "articles_per_second", "mb_per_second"):
    d.pop(k, None)
print(json.dumps(d, sort_keys=True, indent=1))' "$1"
}
same=1
for c in "${configs[@]}"; do
  for f in "$c.jsonl" "$c.errors.jsonl"; do
    cmp -s "$work/base-$f" "$work/this-$f" || { echo "compare: $f differs" >&2; same=0; }
  done
  diff <(strip "$work/base-$c.manifest.json") <(strip "$work/this-$c.manifest.json") >/dev/null ||
    { echo "compare: the $c manifest differs" >&2; same=0; }
done
if [ "$same" = 1 ]; then echo "outputs: identical (records, error records, manifests)"; else echo "outputs: DIFFERENT"; exit 1; fi
