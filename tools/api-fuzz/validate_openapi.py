#!/usr/bin/env python3
"""Validates docs/openapi.json against the OpenAPI 3.1 specification (openapi-spec-validator)."""

from __future__ import annotations

import sys
from pathlib import Path

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "docs" / "openapi.json")
    document, _ = read_from_filename(str(path))
    if not str(document.get("openapi", "")).startswith("3.1."):
        print(f"{path}: openapi is {document.get('openapi')!r}, expected 3.1.x")
        return 1
    try:
        validate(document)
    except Exception as error:  # the validator's errors say where
        print(f"{path}: not a valid OpenAPI 3.1 document: {error}")
        return 1
    operations = sum(1 for item in document["paths"].values() for method in item if method in ("get", "post", "put", "patch", "delete"))
    print(f"{path}: valid OpenAPI {document['openapi']}, {len(document['paths'])} paths, {operations} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
