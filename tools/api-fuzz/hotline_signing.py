"""RFC 9421 request signing exactly as Hotline's Swift client does it.

Mirrors Sources/HotlineClient/NodeClient.swift (`signatureHeaders`) and
Sources/HTTPMessageSignatures/ (MessageSigner, SignatureBase, SignatureInput, ContentDigest):

- label `hotline`, Ed25519, tag "hotline";
- covered components, in order: "@method" "@authority" "@path", "@query" when the request
  target has a `?`, "content-digest", and "content-type" when the request has that header;
- parameters, in order: created, keyid (hex of SHA-256(0x01 || public key)), alg="ed25519",
  nonce (16 random bytes, hex), tag="hotline";
- `Content-Digest: sha-256=:<base64 SHA-256(body)>:`, always, also for an empty body.

`HotlineAuth` is a requests `AuthBase`: it runs on the final PreparedRequest, so it signs the
method, the encoded path and query, the Host and the body bytes exactly as they are sent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

LABEL = "hotline"
TAG = "hotline"
ALGORITHM = "ed25519"


def load_operator_key(data_directory: str | os.PathLike) -> Ed25519PrivateKey:
    """The operator's Ed25519 key from a node's secrets.json (`operatorSeed`, 32 bytes in hex)."""
    secrets_file = Path(data_directory) / "secrets.json"
    seed = bytes.fromhex(json.loads(secrets_file.read_text())["operatorSeed"])
    if len(seed) != 32:
        raise ValueError(f"{secrets_file}: operatorSeed is {len(seed)} bytes, expected 32")
    return Ed25519PrivateKey.from_private_bytes(seed)


def key_id(key: Ed25519PrivateKey) -> str:
    """SHA-256(0x01 || raw public key), lowercase hex (AuthorPublicKey.keyID)."""
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(b"\x01" + public).hexdigest()


def content_digest(body: bytes) -> str:
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii") + ":"


def _sf_string(value: str) -> str:
    """An RFC 8941 sf-string (the values written here are plain ASCII)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _trim(value: str) -> str:
    return value.strip(" \t")


def signature_headers(
    key: Ed25519PrivateKey,
    *,
    method: str,
    authority: str,
    target: str,
    body: bytes,
    content_type: str | None,
    created: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """Content-Digest, Signature-Input and Signature for a request.

    `target` is the request target as sent: the encoded path, then `?` and the raw query if
    there is one. `content_type` is the Content-Type header as sent, or None without one.
    """
    path, has_query, query = target.partition("?")
    path = path or "/"
    digest = content_digest(body)
    components: list[tuple[str, str]] = [
        ("@method", method),
        ("@authority", authority.lower()),
        ("@path", path),
    ]
    if has_query:
        components.append(("@query", "?" + query))
    components.append(("content-digest", digest))
    if content_type is not None:
        components.append(("content-type", _trim(content_type)))
    params = (
        "(" + " ".join(_sf_string(name) for name, _ in components) + ")"
        + f";created={int(time.time()) if created is None else created}"
        + f";keyid={_sf_string(key_id(key))}"
        + f";alg={_sf_string(ALGORITHM)}"
        + f";nonce={_sf_string(nonce or secrets.token_hex(16))}"
        + f";tag={_sf_string(TAG)}"
    )
    base = "".join(f'"{name}": {value}\n' for name, value in components) + '"@signature-params": ' + params
    signature = key.sign(base.encode("utf-8"))
    return {
        "Content-Digest": digest,
        "Signature-Input": f"{LABEL}={params}",
        "Signature": f"{LABEL}=:{base64.b64encode(signature).decode('ascii')}:",
    }


class HotlineAuth(requests.auth.AuthBase):
    """Signs each prepared request as it goes on the wire."""

    def __init__(self, key: Ed25519PrivateKey):
        self.key = key

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        url = urlsplit(request.url)
        # requests sends Host as the URL's netloc unless a Host header was given.
        authority = request.headers.get("Host") or url.netloc
        # path_url is exactly what requests writes on the request line (path, then ?query if any).
        target = request.path_url
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        content_type = request.headers.get("Content-Type")
        for name in ("Content-Digest", "Signature-Input", "Signature"):
            request.headers.pop(name, None)
        request.headers.update(signature_headers(
            self.key, method=request.method, authority=authority, target=target, body=body, content_type=content_type))
        return request


def new_key(seed_file: str | os.PathLike) -> str:
    """Makes a fresh Ed25519 key, writes its seed (hex) to `seed_file` (mode 0600) and returns
    its public key in base64, as `hotline grant`/`hotline handover --public-key` take it."""
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    descriptor = os.open(seed_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(seed.hex() + "\n")
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(public).decode("ascii")


def load_seed_file(seed_file: str | os.PathLike) -> Ed25519PrivateKey:
    seed = bytes.fromhex(Path(seed_file).read_text().strip())
    return Ed25519PrivateKey.from_private_bytes(seed)


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "new-key":
        print(new_key(sys.argv[2]))
    else:
        sys.exit("usage: hotline_signing.py new-key SEED_FILE  (prints the public key in base64)")
