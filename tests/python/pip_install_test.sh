#!/usr/bin/env bash
# `pip install` as the README says, into a fresh virtual environment of
# Debian's Python (its setuptools and wheel are the build backend: no
# package index), then import qaextract from elsewhere and extract sample v1.
#   pip_install_test.sh PYTHON SOURCE_DIR BUILD_DIR
# BUILD_DIR: the configured build to reuse (QAEXTRACT_BUILD_DIR), so the
# test does not compile the library a second time.
set -euo pipefail
python=$1 source=$2 build=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv --system-site-packages "$work/venv"
QAEXTRACT_BUILD_DIR=$build "$work/venv/bin/pip" install --quiet --no-build-isolation --no-index "$source" \
  >"$work/pip.log" 2>&1 || { cat "$work/pip.log" >&2; exit 1; }
cd "$work"
"$work/venv/bin/python" - "$source/samples/zh-anyong-interview-v1.txt" <<'PY'
import collections, sys
import qaextract
assert qaextract.__file__.startswith(sys.prefix), qaextract.__file__  # the installed copy
doc = qaextract.extract(open(sys.argv[1], encoding="utf-8").read())
by_speaker = sorted(collections.Counter(t["speaker"] for t in doc["turns"]).values())
assert len(doc["turns"]) == 75 and by_speaker == [37, 38], (len(doc["turns"]), by_speaker)
print("pip install: 75 turns,", "/".join(map(str, by_speaker)), "by speaker")
PY
