#!/usr/bin/env python3
"""Runs the commands of a tutorial and checks their output.

In the Markdown file, every ```console block holds commands ("$ " lines) each
followed by the exact output it must print (stdout and stderr together). The
commands run with bash from the project root, with build/ on PATH, in order.

Usage: run_tutorial.py PROJECT_ROOT BUILD_DIR TUTORIAL.md [--update]
--update rewrites the outputs in the file from what the commands print now
(read the diff before committing it). Exit 77 (skip) when the evaluation
corpus the tutorial reads is not beside the checkout.
"""
import os
import re
import subprocess
import sys

BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def parse(block):
    """[(command, expected_output)] of one console block."""
    steps = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append([line[2:].rstrip("\n"), ""])
        elif steps:
            steps[-1][1] += line
    return steps


def run(command, root, build):
    env = dict(os.environ, PATH=build + os.pathsep + os.environ["PATH"], NO_COLOR="1")
    p = subprocess.run(["bash", "-c", command], cwd=root, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return p.stdout.decode("utf-8", "replace"), p.returncode


def main(argv):
    root, build, path = (os.path.abspath(a) for a in argv[1:4])
    update = "--update" in argv
    if not os.path.isfile(os.path.join(root, "..", "shared", "corpus", "index.yaml")):
        print("tutorial: ../shared/corpus not found; skipped")
        return 77
    text = open(path, encoding="utf-8").read()
    failures, commands = 0, 0
    pieces, last = [], 0
    for m in BLOCK.finditer(text):
        new_block = ""
        for command, expected in parse(m.group(1)):
            commands += 1
            out, code = run(command, root, build)
            new_block += "$ " + command + "\n" + out
            if out != expected:
                failures += 1
                print(f"FAIL $ {command}\n--- expected\n{expected}--- got (exit {code})\n{out}")
        pieces.append(text[last:m.start(1)] + new_block)
        last = m.end(1)
    pieces.append(text[last:])
    if update:
        open(path, "w", encoding="utf-8").write("".join(pieces))
        print(f"tutorial: rewrote {commands} outputs")
        return 0
    print(f"tutorial: {commands - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
