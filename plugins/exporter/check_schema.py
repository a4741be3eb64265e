#!/usr/bin/env python3
"""Validates exporter records against docs/output-schema.json (JSON Schema 2020-12).

Usage: check_schema.py SCHEMA FILE...   (each FILE holds concatenated JSON records:
ndjson or pretty json). Also checks that the schema rejects a few broken records, so that a
schema loosened by mistake (accepting anything) fails here too. Exits 77 -- ctest's "skipped"
-- when the python3 jsonschema module is not installed.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("SKIP: python3 module jsonschema not installed (Debian: python3-jsonschema)")
    sys.exit(77)


def records(path):
    text = open(path, encoding="utf-8").read()
    dec, pos = json.JSONDecoder(), 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos == len(text):
            return
        value, pos = dec.raw_decode(text, pos)
        yield value


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    n = 0
    for path in sys.argv[2:]:
        for i, rec in enumerate(records(path)):
            errors = sorted(v.iter_errors(rec), key=lambda e: list(e.path))
            for e in errors:
                print(f"{path}: record {i}: {'/'.join(map(str, e.path))}: {e.message}")
            if errors:
                return 1
            n += 1
    good_error = {"id": "d1", "error": {"stage": "quotes", "message": "boom"}}
    bad = [
        {"sentences": []},                                                  # no id
        {"id": "d1", "quotes": [{"start": 0, "end": 1, "text": "x"}]},      # quote fields missing
        {"id": "d1", "error": {"stage": "quotes"}},                         # no message
        {"id": "d1", "entity": [{"start": -1, "end": 2, "text": "x"}]},     # negative offset
        {"id": "d1", "entity": [{"start": 0, "end": 2, "text": "x", "a": [1]}]},  # non-scalar attr
    ]
    if not v.is_valid(good_error):
        print("schema rejects a valid error record")
        return 1
    for rec in bad:
        if v.is_valid(rec):
            print(f"schema accepts a broken record: {json.dumps(rec)}")
            return 1
    print(f"{n} records valid; {len(bad)} broken records rejected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
