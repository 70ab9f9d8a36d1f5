#!/usr/bin/env python3
"""Copies docs/openapi.json, byte for byte, into Sources/HotlineNode/OpenAPIDocument.swift.

The node serves the embedded copy at GET /api/v1/openapi.json; OpenAPIDocumentTests fails when the
two differ. After editing docs/openapi.json, run

    python3 tools/api-fuzz/embed_openapi.py          # rewrite the Swift file
    python3 tools/api-fuzz/embed_openapi.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "docs" / "openapi.json"
SWIFT = ROOT / "Sources" / "HotlineNode" / "OpenAPIDocument.swift"

HEADER = """/// docs/openapi.json, served at GET /api/v1/openapi.json. A test checks that the two are the same.
enum OpenAPIDocument {
    static let json: [UInt8] = Array(text.utf8)
"""


def swift_source(text: str) -> str:
    # A raw string literal with enough #s that nothing in the JSON ends it or escapes out of it.
    hashes = "#"
    while f'"{hashes}' in text or f"\\{hashes}" in text:
        hashes += "#"
    if "\r" in text or not text.endswith("\n"):
        raise SystemExit(f"{DOCUMENT}: expected LF line ends and a final newline")
    # The multi-line literal drops the line break before its closing delimiter: the empty line
    # keeps the document's final newline.
    return HEADER + f'    static let text = {hashes}"""\n' + text + f'\n"""{hashes}\n' + "}\n"


def main() -> int:
    text = DOCUMENT.read_text(encoding="utf-8")
    source = swift_source(text)
    if "--check" in sys.argv[1:]:
        if SWIFT.read_text(encoding="utf-8") != source:
            print(f"{SWIFT.relative_to(ROOT)} is out of date: run python3 tools/api-fuzz/embed_openapi.py")
            return 1
        print(f"{SWIFT.relative_to(ROOT)} embeds {DOCUMENT.relative_to(ROOT)}")
        return 0
    SWIFT.write_text(source, encoding="utf-8")
    print(f"wrote {SWIFT.relative_to(ROOT)} ({len(text.encode('utf-8'))} bytes of JSON)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
