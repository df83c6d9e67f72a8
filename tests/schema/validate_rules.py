#!/usr/bin/env python3
"""Validates every shipped rule file against docs/rules.schema.json.

Uses Debian's python3-jsonschema and python3-yaml (scripts/deps.sh installs
them). Usage: validate_rules.py SCHEMA RULE.yaml...
"""
import json
import sys

import jsonschema
import yaml


def main(argv):
    schema = json.load(open(argv[1], encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for path in argv[2:]:
        errors = list(validator.iter_errors(yaml.safe_load(open(path, encoding="utf-8"))))
        for e in errors:
            print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
        failed += bool(errors)
        print(f"{path}: {'invalid' if errors else 'valid'}")
    # A file the schema must reject, so the check itself is checked.
    bad = {"name": "x", "speekers": []}
    if not list(validator.iter_errors(bad)):
        print("schema accepted a misspelt key")
        failed += 1
    print(f"{len(argv) - 2 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
