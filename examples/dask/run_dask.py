#!/usr/bin/env python3
"""Extract a JSONL corpus on a dask.distributed cluster, one shard per task.

Each task runs `qaextract batch CORPUS --shard K/N` on a worker: the worker
reads only its own byte range of the corpus (records aligned to line
starts), so no article text travels through dask. The shards' outputs are
then concatenated in shard order, which gives exactly the single-process
output, and their manifests are summed.

    python3 run_dask.py --qaextract build/qaextract --corpus corpus.jsonl \
        --shards 8 --out-dir out/ [--workers 2] [--view documents]

Uses Debian's python3-dask and python3-distributed (a LocalCluster here;
point --scheduler at a real one to go beyond one machine: the corpus and
the output directory must then be on storage every worker sees).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def run_shard(qaextract, corpus, k, n, out_dir, view):
    """One task: shard k of n (1-based) into out_dir/shard-k.jsonl."""
    out = os.path.join(out_dir, f"shard-{k:05d}.jsonl")
    subprocess.run(
        [qaextract, "batch", corpus, "--shard", f"{k}/{n}", "--out", out,
         "--view", view, "--jobs", "1", "--quiet"],
        check=True)
    with open(out[:-len(".jsonl")] + ".manifest.json", encoding="utf-8") as f:
        counts = json.load(f)["counts"]
    return k, out, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qaextract", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--view", default="documents")
    parser.add_argument("--scheduler", help="address of a running dask scheduler")
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster  # python3-distributed

    qaextract = os.path.abspath(args.qaextract)
    corpus = os.path.abspath(args.corpus)
    out_dir = os.path.abspath(args.out_dir)
    os.makedirs(out_dir, exist_ok=True)

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(run_shard, qaextract, corpus, k, args.shards, out_dir,
                                 args.view, pure=False)
                   for k in range(1, args.shards + 1)]
        results = sorted(client.gather(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    merged = os.path.join(out_dir, "merged.jsonl")
    totals = {}
    with open(merged, "wb") as out:
        for _, path, counts in results:
            with open(path, "rb") as shard:
                shutil.copyfileobj(shard, out)
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
    print(json.dumps({"merged": merged, "shards": len(results), "counts": totals}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
