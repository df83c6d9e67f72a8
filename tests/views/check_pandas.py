#!/usr/bin/env python3
"""Every view of a batch run loads in pandas with one type per column.

check_pandas.py QAEXTRACT SOURCE_DIR [CORPUS_DIR]

Runs `qaextract batch` over the samples (and the evaluation corpus's
documents, when CORPUS_DIR exists) as a JSONL input with extra fields of
its own (one named like a key of the views, "source", to check it cannot
collide), once per view, and reads each output with
pd.read_json(lines=True), as a dataset user would. Fails when a column, or
a field of a column of objects (speaker, question, answer, metadata,
input_fields, ...), holds values of two types in different records (a
string in one and a list in another), or when an input field is lost.
Exit 77 when pandas is not installed.
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import pandas as pd
except ImportError:
    print("skipped: python3-pandas is not installed")
    sys.exit(77)


def kind(value):
    if value is None or (isinstance(value, float) and value != value):
        return None  # null, or NaN where a record lacks the column
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def mixed(name, values):
    kinds = {kind(v) for v in values} - {None}
    problems = [f"{name}: {sorted(kinds)}"] if len(kinds) > 1 else []
    if kinds == {"object"}:
        keys = set()
        for v in values:
            if isinstance(v, dict):
                keys |= set(v)
        for k in sorted(keys):
            problems += mixed(f"{name}.{k}", [v.get(k) for v in values if isinstance(v, dict)])
    return problems


def main():
    binary, src = sys.argv[1], sys.argv[2]
    corpus = sys.argv[3] if len(sys.argv) > 3 else ""
    texts = []
    for d in [os.path.join(src, "samples")] + ([os.path.join(corpus, "docs")] if os.path.isdir(corpus) else []):
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                texts.append((name, open(os.path.join(d, name), encoding="utf-8", errors="replace").read()))
    # Front matter that gives one key a string in one article and a list in
    # another, and a free key both ways: typed loaders need one type.
    dialogue = "问：你好吗？\n答：很好。\n问：再见？\n答：再见。\n"
    texts.append(("fm-scalar", "---\ntitle: One\ntags: single\nmood: calm\n---\n" + dialogue))
    texts.append(("fm-list", "---\ntitle: Two\ntags: [a, b]\nmood: [calm, warm]\n---\n" + dialogue))
    work = tempfile.mkdtemp()
    corpus_jsonl = os.path.join(work, "in.jsonl")
    with open(corpus_jsonl, "w", encoding="utf-8") as out:
        for i, (name, text) in enumerate(texts):
            out.write(json.dumps({"id": f"d{i}", "text": text, "source": "crawl-2024",
                                  "messages": ["not", "the", "chat"], "file": name},
                                 ensure_ascii=False) + "\n")
    failures = []
    for view in ["documents", "turns", "qa-pairs", "chat"]:
        path = os.path.join(work, f"{view}.jsonl")
        run = subprocess.run([binary, "batch", corpus_jsonl, "--view", view, "--out", path, "--quiet"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"{view}: batch exited {run.returncode}: {run.stderr.strip()}")
            continue
        frame = pd.read_json(path, lines=True, dtype=False)
        if frame.empty:
            failures.append(f"{view}: no records")
            continue
        for column in frame.columns:
            failures += [f"{view}: mixed types in {p}" for p in mixed(column, list(frame[column]))]
        for fields in frame["input_fields"]:
            if fields.get("source") != "crawl-2024" or fields.get("messages") != ["not", "the", "chat"]:
                failures.append(f"{view}: an input field was lost or changed: {fields}")
                break
        print(f"{view}: {len(frame)} records, {len(frame.columns)} columns")
    for f in failures:
        print("FAILED:", f)
    print(f"{4 - len({f.split(':')[0] for f in failures})} passed, {len({f.split(':')[0] for f in failures})} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
