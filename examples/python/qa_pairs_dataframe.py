"""Notebook-style: a folder of articles -> a qa-pairs DataFrame -> JSONL.

    python examples/python/qa_pairs_dataframe.py ARTICLES_DIR OUT.jsonl

Each step is a cell you could run on its own in Jupyter.
"""
import pathlib
import sys

import pandas as pd

import qaextract

# 1. The corpus: every .txt file of a folder, as (id, text) pairs.
articles = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "samples")
inputs = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(articles.glob("*.txt"))]

# 2. Extraction on the library's worker pool, records in input order. An
#    article without dialogue is a skip record; keep the pairs only.
records = [r for r in qaextract.batch(inputs, view="qa-pairs", jobs=2) if "question" in r]

# 3. One row per question: who asked, what, and the answer.
frame = pd.DataFrame({
    "id": [r["id"] for r in records],
    "article": [r["doc_id"] for r in records],
    "asker": [r["question"]["speaker"] for r in records],
    "question": [r["question"]["text"] for r in records],
    "answerers": [", ".join(r["answer"]["speakers"]) for r in records],
    "answer": [r["answer"]["text"] for r in records],
})
print(frame.groupby("article").size().rename("questions").to_string())

# 4. A dataset: one JSON object a line, ready for Hugging Face `datasets`.
out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "qa-pairs.jsonl")
frame.to_json(out, orient="records", lines=True, force_ascii=False)
print(f"{len(frame)} question-answer pairs -> {out}")
