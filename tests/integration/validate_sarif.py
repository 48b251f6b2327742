"""Validates SARIF logs against the SARIF 2.1.0 JSON schema with python-jsonschema.

usage: validate_sarif.py SCHEMA LOG...   (exit 0 when every log is valid, 1 otherwise)
"""
import json
import sys

import jsonschema


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        log = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        for error in errors:
            where = "/".join(str(p) for p in error.path)
            print(f"{path}: {where}: {error.message}")
        failed = failed or bool(errors)
        if not errors:
            print(f"{path}: valid SARIF 2.1.0")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
