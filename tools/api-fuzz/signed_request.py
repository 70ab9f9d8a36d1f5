#!/usr/bin/env python3
"""Sends one request signed like Hotline's client (for reproducing what the fuzzer found).

    python3 tools/api-fuzz/signed_request.py --data DATA_DIR GET 'http://127.0.0.1:PORT/api/v1/me'
    python3 tools/api-fuzz/signed_request.py --data DATA_DIR --json '{"peer":"us","note":"x"}' \
        POST http://127.0.0.1:PORT/api/v1/alarms/clear

The key is the operator's, from DATA_DIR/secrets.json. Prints the status and the body.
"""

from __future__ import annotations

import argparse
import sys

import requests

from hotline_signing import HotlineAuth, load_operator_key


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="the node's data directory (its secrets.json holds the operator key)")
    parser.add_argument("--json", help="a JSON body, sent with Content-Type: application/json")
    parser.add_argument("--body-hex", help="a body in hex")
    parser.add_argument("--content-type", help="the Content-Type of --body-hex")
    parser.add_argument("method")
    parser.add_argument("url")
    args = parser.parse_args()
    headers = {}
    body: bytes | None = None
    if args.json is not None:
        body, headers["Content-Type"] = args.json.encode("utf-8"), "application/json"
    elif args.body_hex is not None:
        body = bytes.fromhex(args.body_hex)
        if args.content_type:
            headers["Content-Type"] = args.content_type
    try:
        response = requests.request(args.method, args.url, data=body, headers=headers,
                                    auth=HotlineAuth(load_operator_key(args.data)), timeout=30)
    except requests.RequestException as error:
        print(f"no answer: {error}")
        return 2
    print(response.status_code, response.headers.get("Content-Type", ""))
    sys.stdout.write(response.text + ("" if response.text.endswith("\n") else "\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
