"""qaextract: turn published interviews into data.

    import qaextract
    doc = qaextract.extract(open("article.txt", encoding="utf-8").read())
    doc["turns"][0]["speaker"], len(doc["turns"])

    for record in qaextract.batch(["Q: ...\\nA: ...", ...], view="qa-pairs", jobs=4):
        ...

Documents and records are dicts of the documented schema
(docs/output-schema.md), exactly what `qaextract convert` and `qaextract
batch` write. Errors raise qaextract.Error (RuleError, InputError,
UsageError) with the "path:line:col: error: message" text.
"""
from ._qaextract import (  # noqa: F401
    BatchRun,
    Error,
    InputError,
    RuleError,
    Rules,
    UsageError,
    __version__,
    discover,
    lint,
)
from . import _qaextract

__all__ = ["Rules", "extract", "view", "explain", "lint", "discover", "batch",
           "Error", "RuleError", "InputError", "UsageError", "__version__"]


def extract(text, rules=None, *, name="<string>", encoding=None):
    """The document of one article (str, or bytes decoded as a file would be).

    rules: None (the built-in library), a Rules, a rule file or directory
    path, or a list of them (joining the built-in rules, as --rules does).
    """
    return _qaextract.rules_for(rules).extract(text, name=name, encoding=encoding)


def view(text, view="turns", rules=None, *, id="doc", role=None, name="<string>"):
    """The records of one article in a dataset view: "documents", "turns",
    "qa-pairs" or "chat" (a list of dicts, as batch writes them)."""
    return _qaextract.rules_for(rules).view(text, view=view, id=id, role=role, name=name)


def explain(text, rules=None, *, name="<string>"):
    """What every line became and which rule decided: {"rules", "lines", "near_misses"}."""
    return _qaextract.rules_for(rules).explain(text, name=name)


def batch(inputs, view="documents", *, jobs=0, rules=None, min_turns=0, role=None):
    """Records of many articles, in input order, extracted on the library's
    worker pool (`jobs` threads, 0: all cores) while Python waits without
    the GIL.

    inputs: a path (file, directory or JSONL file, as `qaextract batch`
    reads it), or an iterable of texts or (id, text) pairs. Every input
    gives records, an error record or a skip record, as the CLI writes them.
    """
    return _qaextract.batch(inputs, view=view, jobs=jobs, rules=rules, min_turns=min_turns, role=role)
