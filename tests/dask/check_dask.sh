#!/usr/bin/env bash
# The dask example's merged output equals the single-process output.
#   check_dask.sh QAEXTRACT_BINARY SOURCE_DIR      (exit 77: dask not installed)
set -euo pipefail
binary=$1 src=$2
/usr/bin/python3 -c 'import distributed' 2>/dev/null || { echo "skipped: python3-distributed is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A corpus of the four samples, 10 times each, ids c0, c1, ... (the narrative
# sample has no dialogue: 10 skip records)
/usr/bin/python3 - "$src/samples" "$work/corpus.jsonl" <<'PY'
import json, os, sys
names = sorted(f for f in os.listdir(sys.argv[1]) if f.endswith(".txt"))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i in range(40):
        text = open(os.path.join(sys.argv[1], names[i % len(names)]), encoding="utf-8").read()
        out.write(json.dumps({"id": f"c{i}", "text": text, "source": names[i % len(names)]},
                             ensure_ascii=False) + "\n")
PY
"$binary" batch "$work/corpus.jsonl" --out "$work/single.jsonl" --quiet
/usr/bin/python3 "$src/examples/dask/run_dask.py" --qaextract "$binary" --corpus "$work/corpus.jsonl" \
  --shards 5 --workers 2 --out-dir "$work/dask" >"$work/summary.json" 2>"$work/dask.log"
cmp "$work/single.jsonl" "$work/dask/merged.jsonl"
grep -q '"ok": 30' "$work/summary.json"  # the 10 narratives are no-dialogue skips
echo "dask: 5 shards on 2 workers, merged output equals the single-process output"
