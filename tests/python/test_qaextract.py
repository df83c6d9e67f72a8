"""The Python module against the C++ library's own figures: the samples,
the corpus through pandas, errors as exceptions, batch order equal to the
command line's, and extraction from four threads equal to one."""
import collections
import concurrent.futures
import json
import os
import pathlib
import subprocess

import pytest

import qaextract

SOURCE = pathlib.Path(os.environ["QAEXTRACT_SOURCE_DIR"])
BINARY = os.environ["QAEXTRACT_BINARY"]
SAMPLES = sorted((SOURCE / "samples").glob("*.txt"))
CORPUS = SOURCE.parent / "shared" / "corpus" / "docs"


def read(path):
    return path.read_bytes()


def test_sample_v1_gives_its_figures():
    doc = qaextract.extract(read(SOURCE / "samples/zh-anyong-interview-v1.txt"))
    assert len(doc["turns"]) == 75
    assert sorted(collections.Counter(t["speaker"] for t in doc["turns"]).values()) == [37, 38]
    assert len(doc["sections"]) == 5
    assert doc["rules"]["selected_by"] == "match"


def test_every_sample_equals_convert():
    for path in SAMPLES:
        cli = json.loads(subprocess.run([BINARY, "convert", str(path)], check=True,
                                        capture_output=True).stdout)
        doc = qaextract.extract(read(path), name=str(path))
        assert doc == cli, path.name


def test_str_and_bytes_give_the_same_turns():
    path = SOURCE / "samples/zh-anyong-interview-v2.txt"
    from_bytes = qaextract.extract(read(path))
    from_str = qaextract.extract(read(path).decode("utf-8"))
    assert [t["text"] for t in from_bytes["turns"]] == [t["text"] for t in from_str["turns"]]


def test_views_of_one_document():
    text = read(SOURCE / "samples/zh-hant-bloomberg-podcast.txt")
    turns = qaextract.view(text, "turns", id="pod")
    assert len(turns) == 55 and turns[0]["id"] == "pod#0"
    pairs = qaextract.view(text, "qa-pairs", id="pod")
    assert pairs and all(p["id"] == f"pod#q{p['index']}" for p in pairs)
    chat = qaextract.view(text, "chat")
    assert chat[0]["messages"][0]["role"] == "user"
    with pytest.raises(qaextract.UsageError, match="unknown view"):
        qaextract.view(text, "paragraphs")


def test_errors_are_exceptions_with_their_position(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nnoise:\n  lines: ['(']\n", encoding="utf-8")
    with pytest.raises(qaextract.RuleError) as e:
        qaextract.Rules([str(bad)])
    assert str(e.value).startswith(f"{bad}:3:")
    assert isinstance(e.value, qaextract.Error) and isinstance(e.value, ValueError)
    with pytest.raises(qaextract.InputError, match="binary"):
        qaextract.extract(b"\x00\x01\x02 binary")
    with pytest.raises(TypeError):
        qaextract.extract(42)


def test_lint_explain_discover():
    found = qaextract.lint(text="name: x\nspeakers: 3\n")
    assert found[0]["line"] == 2 and found[0]["severity"] == "error" and found[0]["code"] == "wrong-type"
    clean = qaextract.lint(path=str(SOURCE / "rules/anyong-waves.yaml"))
    assert [d for d in clean if d["severity"] == "error"] == []
    text = read(SOURCE / "samples/zh-anyong-interview-v1.txt")
    lines = qaextract.explain(text)["lines"]
    assert len(lines) == text.count(b"\n") + (not text.endswith(b"\n"))
    assert sum(1 for l in lines if l["what"] == "turn") == 75
    proposal = qaextract.discover([b"Ann: Why?\nBo: Because.\nAnn: When?\nBo: Now.\nAnn: Where?\nBo: Here.\n"])
    assert {s["id"] for s in proposal["speakers"]} == {"ann", "bo"}
    assert qaextract.lint(text=proposal["rules"], name="starter.yaml") == [] or all(
        d["severity"] == "warning" for d in qaextract.lint(text=proposal["rules"], name="starter.yaml"))


def test_batch_yields_the_command_lines_records_in_order(tmp_path):
    jsonl = tmp_path / "in.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for i, path in enumerate(SAMPLES * 3):
            out.write(json.dumps({"id": f"a{i}", "text": read(path).decode("utf-8"), "src": path.name}) + "\n")
        out.write(json.dumps({"id": "no-text"}) + "\n")
    for view in ("documents", "turns", "qa-pairs", "chat"):
        cli = subprocess.run([BINARY, "batch", str(jsonl), "--view", view, "--out", "-", "--quiet"],
                             capture_output=True)
        cli_records = [json.loads(l) for l in cli.stdout.decode("utf-8").splitlines()]
        ours = list(qaextract.batch(str(jsonl), view=view, jobs=2))
        assert ours == cli_records, view
    texts = [read(p).decode("utf-8") for p in SAMPLES]
    by_text = list(qaextract.batch(texts, view="turns", jobs=2))
    assert [r["doc_id"] for r in by_text if "doc_id" in r][:1] == ["0"]


def test_four_threads_give_what_one_gives():
    paths = SAMPLES + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
    texts = [read(p) for p in paths] * 3
    one = [qaextract.extract(t) for t in texts]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        four = list(pool.map(qaextract.extract, texts))
    assert four == one


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_the_corpus_turns_view_is_a_dataframe():
    pd = pytest.importorskip("pandas")
    records = []
    for path in sorted(CORPUS.glob("*.txt")):
        records += qaextract.view(read(path), "turns", id=path.stem)
    frame = pd.DataFrame.from_records(records)
    assert len(frame) > 200
    assert {"id", "doc_id", "index", "speaker", "text"} <= set(frame.columns)
    assert frame.groupby("doc_id")["index"].max().min() >= 0
    for column in ("id", "doc_id", "text"):
        assert frame[column].map(type).nunique() == 1, column


def test_the_example_script_writes_its_dataset(tmp_path):
    pytest.importorskip("pandas")
    import sys
    out = tmp_path / "qa.jsonl"
    run = subprocess.run([sys.executable, str(SOURCE / "examples/python/qa_pairs_dataframe.py"),
                          str(SOURCE / "samples"), str(out)], capture_output=True, text=True,
                         env=dict(os.environ))
    assert run.returncode == 0, run.stderr
    rows = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    expected = sum(len(qaextract.view(read(p), "qa-pairs")) for p in SAMPLES)
    assert len(rows) == expected > 0
    assert {"id", "article", "asker", "question", "answerers", "answer"} == set(rows[0])
