#!/usr/bin/env bash
# Whole-process throughput and peak memory of qaextract batch against the
# peers a user would pick instead (../shared/peers: Python re, TextFSM) and
# the floors (grep -c, cat), measured in the same run on the same corpus.
#
#   bench/run.sh [ARTICLES]     default 5000 (~100 MB); BENCH_RUNS=3 runs each
#
# Two corpora from ../shared/peers/make_corpus.py: interviews, and a crawl
# mix where 90% of the articles hold no dialogue (qaextract with
# --min-turns 1, as a crawl would be filtered). Prints a table per corpus:
# seconds (median of the rounds), MB/s, articles/s, peak RSS, and the ratio of throughput
# to the Python re peer on the same corpus. Not a test: numbers vary.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
runs=${BENCH_RUNS:-3}
./scripts/build.sh
peers=../shared/peers
if [ -d "$peers" ] && ! /usr/bin/python3 -c 'import textfsm' 2>/dev/null; then
  echo "bench: installing python3-textfsm for the TextFSM peer" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq python3-textfsm >/dev/null; else sudo apt-get install -y -qq python3-textfsm >/dev/null; fi
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# shellcheck source=bench/corpus.sh
. bench/corpus.sh

# seconds and max RSS (KB) of one run of "$@"
measure_once() {
  local start end m
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || { cat "$out/stderr" >&2; return 1; }
  end=$(date +%s%N)
  read -r m <"$out/time"
  echo "$(echo "($end - $start) / 1000000000" | bc -l) $m"
}

# The tools of a table are run in rounds, each tool once a round: the load
# of this machine moves a run's time by a third or more within minutes, and
# rounds put every tool, the peers too, under the same drift.
declare -a names commands results
run() {
  local name=$1; shift
  names+=("$name")
  commands+=("$(printf '%q ' "$@")")
}

# Runs the registered commands $runs rounds; results[i]: "median_seconds max_rss_kb".
run_rounds() {
  local -a times rss
  local i r t m
  for i in "${!commands[@]}"; do times[i]=""; rss[i]=0; done
  for r in $(seq "$runs"); do
    for i in "${!commands[@]}"; do
      read -r t m <<<"$(eval "measure_once ${commands[$i]}")"
      times[i]+="$t "
      [ "$m" -gt "${rss[i]}" ] && rss[i]=$m
    done
  done
  results=()
  for i in "${!commands[@]}"; do
    local median
    median=$(tr ' ' '\n' <<<"${times[i]}" | grep . | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
    results+=("$median ${rss[i]}")
  done
}

# table TITLE CORPUS_DIR: prints the rows run since the last table.
table() {
  local bytes ref=""
  run_rounds
  bytes=$(stat -c %s "$2/corpus.txt")
  for i in "${!names[@]}"; do
    [[ "${names[$i]}" == "peer: python re"* ]] && ref=$(cut -d' ' -f1 <<<"${results[$i]}")
  done
  printf '%s: %s articles, %.1f MB, median of %s rounds (each tool once a round), %s cores\n\n' "$1" "$n" "$(echo "$bytes / 1000000" | bc -l)" "$runs" "$(nproc)"
  printf '| %-36s | %8s | %8s | %10s | %9s | %9s |\n' tool seconds "MB/s" "articles/s" "peak RSS" "vs re"
  printf '| %-36s | %8s | %8s | %10s | %9s | %9s |\n' --- ---: ---: ---: ---: ---:
  for i in "${!names[@]}"; do
    read -r t m <<<"${results[$i]}"
    mbs=$(echo "$bytes / 1000000 / $t" | bc -l)
    aps=$(echo "$n / $t" | bc -l)
    ratio="-"
    [ -n "$ref" ] && ratio=$(printf '%.2fx' "$(echo "$ref / $t" | bc -l)")
    printf '| %-36s | %8.2f | %8.1f | %10.0f | %6.1f MB | %9s |\n' "${names[$i]}" "$t" "$mbs" "$aps" "$(echo "$m / 1024" | bc -l)" "$ratio"
  done
  echo
  names=() commands=() results=()
}

corpus=/tmp/qaextract-bench/$n
make_corpus "$n" 0 "$corpus"
run "qaextract batch documents -j1" ./build/qaextract batch "$corpus/corpus.jsonl" --view documents --jobs 1 --quiet --out "$out/d1.jsonl"
run "qaextract batch documents -j2" ./build/qaextract batch "$corpus/corpus.jsonl" --view documents --jobs 2 --quiet --out "$out/d2.jsonl"
run "qaextract batch turns -j1" ./build/qaextract batch "$corpus/corpus.jsonl" --view turns --jobs 1 --quiet --out "$out/t1.jsonl"
run "qaextract batch turns -j2" ./build/qaextract batch "$corpus/corpus.jsonl" --view turns --jobs 2 --quiet --out "$out/t2.jsonl"
if [ -d "$peers" ]; then
  run "peer: python re" /usr/bin/python3 "$peers/peer_re.py" --jsonl "$corpus/corpus.jsonl"
  run "peer: textfsm" /usr/bin/python3 "$peers/peer_textfsm.py" --jsonl "$corpus/corpus.jsonl"
fi
run "floor: grep -c" grep -c "" "$corpus/corpus.txt"
run "floor: cat" cat "$corpus/corpus.txt"
table "interviews" "$corpus"

if [ -d "$peers" ]; then
  mix=/tmp/qaextract-bench/$n-mix
  make_corpus "$n" 0.9 "$mix"
  run "qaextract batch --min-turns 1 -j1" ./build/qaextract batch "$mix/corpus.jsonl" --view documents --min-turns 1 --jobs 1 --quiet --out "$out/m1.jsonl"
  run "qaextract batch --min-turns 1 -j2" ./build/qaextract batch "$mix/corpus.jsonl" --view documents --min-turns 1 --jobs 2 --quiet --out "$out/m2.jsonl"
  run "peer: python re" /usr/bin/python3 "$peers/peer_re.py" --jsonl "$mix/corpus.jsonl"
  run "floor: cat" cat "$mix/corpus.txt"
  table "crawl mix (90% without dialogue)" "$mix"
fi
