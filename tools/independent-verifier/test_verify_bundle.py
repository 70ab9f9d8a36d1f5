"""Tests for the independent Hotline evidence-bundle verifier.

Run: python3 -m unittest discover -s tools/independent-verifier

1. subtree/v1 message layout against a third-party ML-DSA-44 vector
   (filippo.io/torchwood, via transparency-dev/formats TestMLDSAVerifyTorchwood).
2. signed-note parsing against golang.org/x/mod/sumdb/note test vectors.
3. RFC 6962 / RFC 9162 Merkle vectors.
4. A complete bundle built from scratch in Python from PROTOCOL.md, and many
   single-defect mutations of it that must each fail for the intended reason.
5. testdata/bundles/*.json must verify and testdata/bundles/broken/*.json must fail.
"""

import base64
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA44PublicKey, MLDSA65PrivateKey

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import verify_bundle as vb  # noqa: E402

# ---------------------------------------------------------------------------
# Encoding helpers (the verifier only decodes; encoding is written here)
# ---------------------------------------------------------------------------


def b64(data):
    return base64.b64encode(data).decode("ascii")


def sha256(data):
    return hashlib.sha256(data).digest()


def opaque(data, high):
    prefix = 1 if high < 2**8 else 2 if high < 2**16 else 4
    return len(data).to_bytes(prefix, "big") + data


def encode_header(h):
    out = opaque(h["sender"].encode(), 32)
    out += opaque(h["recipient"].encode(), 32)
    out += opaque(h["line"].encode(), 64)
    out += opaque(h["track"].encode(), 64)
    out += h["kind"].to_bytes(2, "big")
    out += bytes([h["precedence"]])
    out += h["time"].to_bytes(8, "big")
    out += opaque(h["role"].encode(), 128)
    out += h["author_key_id"]
    out += bytes([len(h["references"])])
    for side, sequence, leaf in h["references"]:
        out += opaque(side.encode(), 32) + sequence.to_bytes(8, "big") + leaf
    out += h["commitment"] + h["content_hash"] + h["content_length"].to_bytes(4, "big")
    return out


def encode_entry(version, sequence, header_bytes, signature):
    return bytes([version]) + sequence.to_bytes(8, "big") + header_bytes + signature


def author_signature(private_key, header_bytes):
    return private_key.sign(b"hotline/entry/v1\n" + header_bytes)


def mth(hashes):
    """RFC 9162 MTH over leaf hashes."""
    if not hashes:
        return sha256(b"")
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return vb.node_hash(mth(hashes[:k]), mth(hashes[k:]))


def audit_path(m, hashes):
    """RFC 9162 PATH(m, D[n]) over leaf hashes."""
    if len(hashes) <= 1:
        return []
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    if m < k:
        return audit_path(m, hashes[:k]) + [mth(hashes[k:])]
    return audit_path(m - k, hashes[k:]) + [mth(hashes[:k])]


def make_vkey(name, type_bytes, public_key):
    return f"{name}+{vb.key_id(name, type_bytes, public_key).hex()}+{b64(type_bytes + public_key)}"


def signature_line(name, key_id, signature):
    return f"\u2014 {name} {b64(key_id + signature)}\n"


def noncanonical_variants(s):
    """Base64 strings that decode (leniently) to the same bytes but are not canonical."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    variants = [s + "\n", " " + s]
    if s.endswith("="):
        variants.append(s.rstrip("="))                  # missing padding
        i = len(s.rstrip("=")) - 1                      # non-zero trailing bits
        variants.append(s[:i] + alphabet[alphabet.index(s[i]) ^ 1] + s[i + 1:])
    if len(s) > 8:
        variants.append(s[:4] + "\n" + s[4:])           # embedded newline
    return variants


def raw_public(key):
    return key.public_key().public_bytes_raw()


# ---------------------------------------------------------------------------
# Building a complete bundle from PROTOCOL.md
# ---------------------------------------------------------------------------

T0 = 1761730000  # cosignature time (seconds)


class Keys:
    def __init__(self, sender="ru", recipient="us"):
        self.sender, self.recipient = sender, recipient
        self.sender_ed = Ed25519PrivateKey.generate()
        self.sender_ml = MLDSA65PrivateKey.generate()
        self.recipient_ed = Ed25519PrivateKey.generate()
        self.recipient_ml = MLDSA65PrivateKey.generate()
        self.author = Ed25519PrivateKey.generate()
        self.other = Ed25519PrivateKey.generate()


def make_plaintext(**fields):
    doc = {"salt": b64(os.urandom(32)), "language": "en", "subject": "Test",
           "text": "Nothing to report."}
    doc.update(fields)
    return json.dumps(doc, separators=(",", ":")).encode()


def filler_entry(keys, sequence):
    header = dict(sender=keys.sender, recipient=keys.recipient, line="ru-us/mod", track="",
                  kind=8, precedence=0, time=1761720000000 + sequence, role=f"{keys.sender}/mod/clerk",
                  author_key_id=sha256(b"\x01" + raw_public(keys.author)), references=[],
                  commitment=sha256(b"c%d" % sequence), content_hash=sha256(b"h%d" % sequence),
                  content_length=1300)
    hb = encode_header(header)
    return encode_entry(1, sequence, hb, author_signature(keys.author, hb))


DEFAULT = object()


def make_bundle(keys, *, tree_size=5, index=2, header=None, references=DEFAULT, sequence=None,
                version=1, entry_suffix=b"", author=None, author_key=None, plaintext=DEFAULT,
                sender_ml_ts=0, cosign_ed_ts=T0, cosign_ml_ts=T0, drop=(), extra_lines=(),
                text_hook=None, ml_cosigner_name=None, origin=None, duplicate=()):
    """A valid evidence bundle (dict) of entry `index` in a log of `tree_size` entries;
    the keyword arguments each introduce one defect, and everything else stays valid."""
    author = author or keys.author
    leaves = [filler_entry(keys, i) for i in range(tree_size)]
    if plaintext is DEFAULT:
        plaintext = make_plaintext()
    if references is DEFAULT:
        references = [(keys.recipient, 4, sha256(b"their entry 4"))]
        if index > 0:
            references.insert(0, (keys.sender, 0, vb.leaf_hash(leaves[0])))
    h = dict(sender=keys.sender, recipient=keys.recipient, line="ru-us/mod",
             track="counterterrorism", kind=1, precedence=2, time=1761729999123,
             role=f"{keys.sender}/mod/minister", author_key_id=sha256(b"\x01" + raw_public(author)),
             references=references,
             commitment=sha256(b"hotline/commitment/v1\n" + (plaintext or b"")),
             content_hash=sha256(b"sealed"), content_length=4242)
    h.update(header or {})
    hb = encode_header(h)
    entry = encode_entry(version, index if sequence is None else sequence, hb,
                         author_signature(author, hb)) + entry_suffix
    leaves[index] = entry

    hashes = [vb.leaf_hash(leaf) for leaf in leaves]
    root = mth(hashes)
    origin = origin or f"hotline/{h['sender']}/{h['recipient']}"
    cosigner = f"hotline/{h['recipient']}"
    text = f"{origin}\n{tree_size}\n{b64(root)}\n"
    if text_hook:
        text = text_hook(text)
    tb = text.encode()

    sender_ed_pub, sender_ml_pub = raw_public(keys.sender_ed), raw_public(keys.sender_ml)
    rec_ed_pub, rec_ml_pub = raw_public(keys.recipient_ed), raw_public(keys.recipient_ml)
    ids = {
        "sender-ed": vb.key_id(origin, vb.TYPE_ED25519, sender_ed_pub),
        "sender-ml": vb.key_id(origin, vb.TYPE_MLDSA65, sender_ml_pub),
        "cosig-ed": vb.key_id(cosigner, vb.TYPE_COSIGNATURE_V1, rec_ed_pub),
        "cosig-ml": vb.key_id(cosigner, vb.TYPE_MLDSA65, rec_ml_pub),
    }
    sigs = {
        "sender-ed": keys.sender_ed.sign(tb),
        "sender-ml": sender_ml_ts.to_bytes(8, "big") + keys.sender_ml.sign(
            vb.subtree_message(origin, sender_ml_ts, origin, 0, tree_size, root)),
        "cosig-ed": cosign_ed_ts.to_bytes(8, "big") + keys.recipient_ed.sign(
            vb.cosignature_v1_message(cosign_ed_ts, tb)),
        "cosig-ml": cosign_ml_ts.to_bytes(8, "big") + keys.recipient_ml.sign(
            vb.subtree_message(ml_cosigner_name or cosigner, cosign_ml_ts, origin, 0, tree_size, root)),
    }
    names = {"sender-ed": origin, "sender-ml": origin, "cosig-ed": cosigner, "cosig-ml": cosigner}
    lines = ""
    for label in ("sender-ed", "sender-ml", "cosig-ed", "cosig-ml"):
        if label not in drop:
            line = signature_line(names[label], ids[label], sigs[label])
            lines += line * (2 if label in duplicate else 1)
    lines += "".join(extra_lines)

    bundle = {
        "format": "hotline-evidence/v1",
        "entry": b64(entry),
        "index": index,
        "treeSize": tree_size,
        "inclusionProof": [b64(p) for p in audit_path(index, hashes)],
        "checkpoint": text + "\n" + lines,
        "senderKeys": [make_vkey(origin, vb.TYPE_ED25519, sender_ed_pub),
                       make_vkey(origin, vb.TYPE_MLDSA65, sender_ml_pub)],
        "recipientKeys": [make_vkey(cosigner, vb.TYPE_COSIGNATURE_V1, rec_ed_pub),
                          make_vkey(cosigner, vb.TYPE_MLDSA65, rec_ml_pub)],
        "authorKey": b64(author_key if author_key is not None else raw_public(author)),
    }
    if plaintext is not None:
        bundle["plaintext"] = b64(plaintext)
    return bundle


def to_bytes(bundle):
    return json.dumps(bundle, indent=2).encode()


def verify(bundle):
    data = bundle if isinstance(bundle, bytes) else to_bytes(bundle)
    return vb.verify_bundle_bytes(data)


def decoded_entry(bundle):
    return base64.b64decode(bundle["entry"])


def with_entry(bundle, entry):
    b = dict(bundle)
    b["entry"] = b64(entry)
    return b


def replace_line(checkpoint, prefix, new_line):
    out = []
    for line in checkpoint.split("\n"):
        out.append(new_line if line.startswith(prefix) else line)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# 1. subtree/v1 against filippo.io/torchwood (ML-DSA-44)
# ---------------------------------------------------------------------------

# From transparency-dev/formats note/note_cosigv1_test.go, TestMLDSAVerifyTorchwood:
# "Key & Signature generated by filippo.io/torchwood".
TORCHWOOD_VKEY = "witness.example/w1+7118e8f9+BhQzSuGTb/4Lcu4MREKut7NjCc8jQ0fjuNpEmJwKF9HV5lt3yF7H5jy+LcLOxjh/n4Gud7NOdRP3KpCH055x6Ntr4n6pZlJ+kmvZTJMgs5ygaJVf6q9zdhykYIPQz4fp6qm0fDXlVBqLVti/3zS0OiY5Kqbi0m55WZ9pnUnsiZT6cckK9FoWfXb1UHTsTgz+Uk+kQr4JHdJ/c5t9V6C0WE8JZMiVT0ljBbfP6VACzuEJmc+zbF8Cbd8Mc31PkTR3YWFok3m4YagXfDlzegsE9jg0qWyTWDDkg+rcrcyCMpPam8LsWxQZXZ2O3w9aDbwKB70URNreL/B6jNl95TXJjtEwmspLPxZwwPI8dE7lJbe9N2X0jQQbpcRvm46iLbZO+LdjblTMHfKgbCqgWej/n3QexrovbetYvrNR2qa7BMJk06PDDy9G8EvtNO6xhVp0DG8z4VkIx+Og9eqk3USAg4bKmN1ifuEeMcnlxvvPwnXjMp6kmmhDEsu1Qu4SgEFOG2PcUKdoaXlIDNADmJQHqeiA+JYhjvyTHDM609qpEkHsRYLbxGidKZtaZptOLEL7sLxIzVQMv07xLw2q9qRFxx3yM8JbhJGg5rP28Xhl+3KcGNXy6Ydxuv3MXYCohjwSqAjOdoxs/FzV10HokFOY60vDQLtMUhby7Ob5VviG6+K5tu6hZogYfme3bzZDLO7VMyHMLKKTjfwJS9p1cagSsbqg5MJucfCfXJAw2vWb8n6eUA6qroBLgY9wjkBg06JAoBv85B7caOBjTitplbXk3pfQAzEE9yKEfSDjEfeVOSrBHK3zJQzw0q8RHSqYs+J7AnFgHxZ5IP5TUWkI/jgg3mdxpbaJ/YJ56uNCgFopQZihOCRVc/RFT53Zb1DXIRgqoP9VTIV3l03VPB2NrH49bEAzsCbNiL4NwLchYxoBZkG4Qp/GpTrjCDoDGtR36JipKbmMforXsz5Oh9Yul8s9p1apJXeSCuGsu5OgRBMXjvUoY9p/GFXHEPd6SPEAtDJfBwC5aWDgl4YC5cxKVzs/+xOvzyXmUg7pxtcJ4vIlWmBrmLb4PGVmPurJwx6BcOp7JRcyHCpycAfGMQ7xsBwafuiVCBQHGJhuDKETJa3MAa4H1uTB7GCiKuT8OohZ2LE/395+sftoy/yrX0H6HdCp+QEQ9ZOx0hbVLBOoAY6qVL1bgEBy/YrHgkCxh2lEWdw+9zb6yLWZI6ONX4mBcj3a5dDYfkvm5gAU4MXGAEWnSNeN9+MkylMQjUM5G2Cn7CTrA7IZ23EZ0bGrRMC7PERKbSj2pITgWqxJWH5l2IyK16cviUaXwGaZg8T8t2p77HtccGUodm6rWS0zBhzEyFajBzSi36b9aa3uDeFjsoEonNUevKg/67jcq5Ua0NWqJ80c5q7glj4wWOMJiDHAFh56UzTPGh1zvndQI4ZxuGHRRgOrTiJ4w3llb9EbsEcTlvFOZzjXrZYfMKTdapHV+5Ykok0+avKNnaOPq9pvtvNDx524IGtQCH9i4RjfefsPsxnloXtqYvoV6O8dCiQHn4jBOECYdqA2ZjYVQ/oPNBt5n5TfNJgLBFokcAKVyrTkWrDXi1OHmw6vEtQJLSv3oqchEYIGXWaEi5/OCtruWfALpEl0rifAMgVhhJp2gL+GZU5c3EGOEwOoQQMKDRdYayEWovpu1KIeOMXaJcDle6hCZEseFxXFDg40MeCdXFyv+Ib55h5uJJDxXdiRzQxdKX+deoY="
TORCHWOOD_SIG = "\u2014 witness.example/w1 cRjo+QAAAAAAAAAA8gV4+ck4966yvL0QsyT+IEjKhqH98AWxUE3d3MHuDuK2L25nfF1KQfE31+q1YTFb0dCmtByhAlPikQdbbqoJXgV330W+j9DUSaRmN2XezVFtP8UWkpMgO5eTpqlvRYjmAHfnYnye8w1JY+lVHADlq1VXTdsDQ69RA+pPW9bEJYAJ4jxl89EUjXex2DwRA8fgdYYKLIin51BX4RVbAhszM2Vz47bvK+eSzwEQwxwvDBSDFKSZL6/Al0Z/0bLdAlBImuI7+uNfcJNr2Zk4fKMtUqppN9hWAnKDMdn3+alm62ILDOfq8IwHEpmCuVAcTKJ8aqymK0X8qewoJ84XXEPttqfZ0B2Ig9bhP2sc2la7MFhb1pyXoK9KoWWL9KQmBBleAKmEHt/f5HUrlAReuo5sh8jOunr+QddFL85BCy6tAqCDjexQRwgywKRKVU4Nhe00tAeW6nQICcFwg1cPtr0VkBfMDkk/E01Own93iiCtVTMcYTG6ocPse+lZ8cDQaKVzr/9UJiZt2PYS1ss0RoorLMYo3krLoc+yF3AyiKgIEnjUboed+G3HMDeAJqznRurFNT5sH9jNFWcmrOUIIvxFsKtt9wlsSscb7Mr8VMCJssL+KY+2JxDRHfELP8dFgphsj0sGGCI/gKiD7XaszouH2T6jSoF+BnMuGzwmbZCj94aZtOsx0h5Y6E9A0IdBdnHc3eBtJqGxXDHPBwJEHxFKlrytSKIPQTvD86VVxHeQJ1Gar5EjvG0LOJCRk2Yu+t/QT8WkGzEne/LlvhnJ6qEiwmXL+AIeFcFXv8xTLP/fRwAsRsYzeje6jkk0BuDWPpKi9yDzh74Ha6ZbDhvFumv8gfMQP/s/LJRebD8T3v7KCht7O5V8TBYSTwun45UJZBSW0J8a93LBbvOYdqmh6Ogin3zrXUty18UnPN5wV/ZfV05ayzOUpmduOj8yx/AK/bNHjVRZKm8P0kJi5Ddb5yEuBkwMiAGvRejc0x02WxfFbxCZiEdlixUnKX8NcKVLCbXIcSx/Re9UyvV0yY6ns0XuXW0yWiEo6BIygYxtqnR7J0+rIycBodnj37iBY59rHgP+mBwR9kgjrlhqoqLLwJ8DdgtieIO26b5QESAf/zqbV8ZFhDv4S5xNH+lgtwgkcW3C5StByVzfEWUNGIbCsX+P8FlIkEMScXQqo6z8U/XBw9GNIHaWeZyR/JuxZukCV5zLbLFRZ2elNA8XkA2AJhEUmapmEwflt8OxqBwtxsCkuuxkcq7anRE4FbClxI5sqVe3n7YCkjuZlkIs3I6UqEfEO3zSCu1mOX38Zmo2oFXTx1EFqxF5zuXmO3hQG5HZqlLLJhcrVKRQ2jDvXBHzKr3r6w5FuNHJZo0SenvocDwr8SjDw74hoNker9hCTtEJlEVAtmtqiXcrN11KTRhd4JmWefj4KJiLh6uNKqvVTfVaYcCVpIbaWxaQshJqZ89yQymXLPk5gdJiFisOACry41fr+GMSPxhumO6jf+9frNpR33xAD2qebJcPK2xQJ0VgEbNJxEok13lEr0/xD+t71wcCkLnwCTWYv+J3viR/vAGmTQslFuZPMPisJzXv5j66ORBcJH0Ir/QK67F2AaDwKYA7Ty2Fxz72gD8FVfFkZcM+mQBYq9lv/nrgQNkVYnaFCpcI6zYVKS4NU7vyII1v+LAjKC9dhHTAp5bsqVoC2xtemlEp5eX62VX/akzN21HDp+lQTddNZoOd4RArWvqGVxwnMJkDA2pQnpjRCM5X+fYfy2KfBm16fTaeOYV47OkC8aXaI5+ye/rOtlLuERMbI09WgVga6EB85lhQQfWCDsEutM8yuIZwUcGFpWDIXjwTpOUyAlZMUFfM6BeqDrcqR833b+s6y3UktkMZqPTJxeTK040+iuAWp0ltDXdDfIjhsJBkkSiz5aPOvJI1ItdvLR9zcCNLMy0JtsiE23MJ8CFahYnF7Zqr3nKxzYka+0XJUjl6afW6d09pdAuQYgXsz9H/Y4lYI5O/zY6zhNN5lTF5ajMUdGpC8DQIBmhBz3M4B1fj1ZZRTGypG3Mp5y0QRlKFDIQfvifNSGS+9oqewfSkEXhACc8E9/TcVM246Y+DAVSsEgDRfvxB7ukL6tWAF49DRCKX9wgLAUVAuj2XQfn1MJpHcStjbhSLIWr/yvqZ8vEtNC89IlitFPH04+QHPiperKhOncxWD3CgaoFbtNDaJqUa9g8Dl8Sq3LoVDFeNrFaoTvEBAjANn3avoSTdzhBx+5h0GfGp+tfJf3XjA4MVINiXZ4my/v2EFg3RNWwmyFv74aVNEWVzHHmD1rYjPfAvFVlCL5PjSOK85rpF1ZjU4T87MbChEYOhiVBI7tT6ybfhLIYi3dNUiGCVjD1AGcxpDYBrUwZ5w5pqK6m3S19k0i4aXu+elVS2u47TU8zfOdSrM1JqQvQ9MHBsA3tK2PswHTSyqL2qLYfy+WLezs8HETlGbDGSD8J2L3vlfwgQoUkgMRHhNmw67q666ZyE2rd/Sbwouhadv97C9dU1opu4sh7/NE0x7LJPo5HmsYEwjhxDphNHjpoq0r3qnQhwPutpLYb3WCWxgC6HdekjE5eLAaff/8Ri/UaNZzdlVROBsJ7wT40liyez5/mXrqfIguuBtPRUNSAnraJ0NUKmRmR0HbwlUg6pWXVYRSbGgNNVdM7H+Oy8numjVticQtFa8EJzIqcU+6zidJrozIB4bC+I/KcrvIUuOn8lPAMesfUCVV70wa9oIvevkQ6r5Vup6HsIqjIzrSJoBTOHdj6TTG8vurH5ok9gm5ziaQ0m1QcrwKOE5CjdXqQIvnY8zckZ2hdX8/aL3/1ieb/3QNN5o6/aQSOAaE2No7xH8U8b7zOH3QDl0/L6E9olNxz7X5uOSQ6RM69RqOUanMRAf6ZSSw1th9nHHIqDmFKjf8mfR2hMuYgbDdhxSVFL1/7rEjA6FY3RVLCZAGG7uwFjuK5DV6zIdxAZutRKOk66p5FyWR7LeCrPlew+TacBtByDNYuEuPilRz8cIN22uAcJ1FSjN+87+1N3tUGGiEX2EX0fo39w18eeEpKINiOB+07dNE9TwUkXwSR1TP8P1goLw7mUNhgWIeICBxgnLzE9c3Z+gIWGpsXR1toFDyMmJz9KgoaXtbnT2u4SExUXICMkOWFxcnuGl6Sns8L3AwYPFB0kKTxESGRqe3+LkpOsw9/i6/j6/wAAABIhNE0=\n"
TORCHWOOD_ROOT = "E7ERCtFloiK1fdb+B6/dLG0pM1nmIR0ETKBSauCjtVw="
MLDSA44_TYPE = {b"\x06": 1312}


class TestSubtreeV1AgainstTorchwood(unittest.TestCase):
    def setUp(self):
        self.key = vb.parse_vkey(TORCHWOOD_VKEY, types=MLDSA44_TYPE)
        prefix = "\u2014 witness.example/w1 "
        self.assertTrue(TORCHWOOD_SIG.startswith(prefix) and TORCHWOOD_SIG.endswith("\n"))
        raw = base64.b64decode(TORCHWOOD_SIG[len(prefix):-1], validate=True)
        self.key_id, self.timestamp, self.signature = raw[:4], int.from_bytes(raw[4:12], "big"), raw[12:]
        self.root = base64.b64decode(TORCHWOOD_ROOT)

    def message(self, **changes):
        args = dict(cosigner_name=self.key.name, timestamp=0, origin="example.com/log",
                    start=8, end=13, root=self.root)
        args.update(changes)
        return vb.subtree_message(**args)

    def test_vkey_parses_and_key_id_matches(self):
        self.assertEqual(self.key.name, "witness.example/w1")
        self.assertEqual(self.key.key_id.hex(), "7118e8f9")
        self.assertEqual(len(self.key.public_key), 1312)
        self.assertEqual(self.key_id, self.key.key_id)
        self.assertEqual(self.timestamp, 0)
        self.assertEqual(len(self.signature), 2420)

    def test_signature_verifies_over_our_subtree_message(self):
        public = MLDSA44PublicKey.from_public_bytes(self.key.public_key)
        public.verify(self.signature, self.message(), b"")  # raises if the layout differs

    def test_any_field_change_breaks_it(self):
        public = MLDSA44PublicKey.from_public_bytes(self.key.public_key)
        for change in (dict(end=12), dict(start=0), dict(timestamp=1), dict(origin="example.com/lo"),
                       dict(cosigner_name="witness.example/w2"), dict(root=bytes(32))):
            with self.subTest(change=change), self.assertRaises(Exception):
                public.verify(self.signature, self.message(**change), b"")

    def test_layout_by_hand(self):
        m = vb.subtree_message("ab", 0x0102, "xyz", 3, 4, bytes(range(32)))
        self.assertEqual(m, b"subtree/v1\n\x00" + b"\x02ab" + bytes.fromhex("0000000000000102")
                         + b"\x03xyz" + (3).to_bytes(8, "big") + (4).to_bytes(8, "big") + bytes(range(32)))

    def test_hotline_rejects_mldsa44_vkey(self):
        with self.assertRaises(vb.VerifyError):
            vb.parse_vkey(TORCHWOOD_VKEY)


# ---------------------------------------------------------------------------
# 2. signed notes against golang.org/x/mod/sumdb/note (note_test.go)
# ---------------------------------------------------------------------------

PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
NOTE_TEXT = (b"If you think cryptography is the answer to your problem,\n"
             b"then you don't know what your problem is.\n")
PETER_SIG = ("\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n").encode()
ENOCH_SIG = ("\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n").encode()
# transparency-dev/formats note_cosigv1_test.go, TestCoSigV1NewVerifier (a type 0x04 vkey).
COSIG_VKEY = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"


def ed25519_verifier(vkey):
    key = vb.parse_vkey(vkey)
    return (key.name, key.key_id), lambda text, sig: len(sig) == 64 and vb.verify_ed25519(key.public_key, sig, text)


class TestSignedNoteGoVectors(unittest.TestCase):
    def setUp(self):
        self.peter = dict([ed25519_verifier(PETER_VKEY)])
        self.enoch = dict([ed25519_verifier(ENOCH_VKEY)])
        self.both = {**self.peter, **self.enoch}

    def test_vkeys(self):
        peter = vb.parse_vkey(PETER_VKEY)
        self.assertEqual((peter.name, peter.key_id.hex(), peter.type_bytes), ("PeterNeumann", "c74f20a3", b"\x01"))
        enoch = vb.parse_vkey(ENOCH_VKEY)
        self.assertEqual((enoch.name, enoch.key_id.hex()), ("EnochRoot", "af0cfe78"))
        cosig = vb.parse_vkey(COSIG_VKEY)
        self.assertEqual((cosig.name, cosig.key_id.hex(), cosig.type_bytes), ("remora.n621.de", "da77ade7", b"\x04"))

    def test_vkey_manglings_rejected(self):
        b = PETER_VKEY.encode()
        bad = [b[i:j] for i in range(len(b) + 1) for j in range(i + 1, len(b) + 1) if (i, j) != (0, len(b))]
        for i in range(len(b)):
            bad.append(b[:i] + bytes([(b[i] + 1) % 256]) + b[i + 1:])
        bad.append(b"PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")  # wrong length
        bad.append(b"PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")  # unknown algorithm
        bad.append(b"PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")  # uppercase hex
        for k in bad:
            try:
                s = k.decode("utf-8")
            except UnicodeDecodeError:
                continue
            with self.subTest(vkey=s), self.assertRaises(vb.VerifyError):
                vb.parse_vkey(s)

    def test_peter_signature(self):
        text, verified, unverified = vb.open_note(NOTE_TEXT + b"\n" + PETER_SIG, self.peter)
        self.assertEqual(text, NOTE_TEXT)
        self.assertEqual([s.name for s in verified], ["PeterNeumann"])
        self.assertEqual(verified[0].key_id.hex(), "c74f20a3")

    def test_one_verified_one_not(self):
        _, verified, unverified = vb.open_note(NOTE_TEXT + b"\n" + PETER_SIG + ENOCH_SIG, self.peter)
        self.assertEqual([s.name for s in verified], ["PeterNeumann"])
        self.assertEqual([(s.name, s.key_id.hex()) for s in unverified], [("EnochRoot", "af0cfe78")])

    def test_both_verified(self):
        _, verified, unverified = vb.open_note(NOTE_TEXT + b"\n" + PETER_SIG + ENOCH_SIG, self.both)
        self.assertEqual([s.name for s in verified], ["PeterNeumann", "EnochRoot"])
        self.assertEqual(unverified, [])

    def test_none_verified(self):
        with self.assertRaisesRegex(vb.VerifyError, "no verifiable"):
            vb.open_note(NOTE_TEXT + b"\n" + PETER_SIG + ENOCH_SIG, {})

    def test_too_many_signatures(self):
        for verifiers in (self.peter, {}):
            with self.assertRaisesRegex(vb.VerifyError, "more than 100"):
                vb.open_note(NOTE_TEXT + b"\n" + PETER_SIG * 101, verifiers)
        vb.open_note(NOTE_TEXT + b"\n" + PETER_SIG * 100, self.peter)  # 100 is allowed

    def test_invalid_signature(self):
        with self.assertRaisesRegex(vb.VerifyError, "invalid signature for key PeterNeumann\\+c74f20a3"):
            vb.open_note(NOTE_TEXT + b"\n" + PETER_SIG[:60] + b"ABCD" + PETER_SIG[60:], self.peter)

    def test_duplicated_verified_and_unverified(self):
        note = (NOTE_TEXT + b"\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG
                + ENOCH_SIG[:60] + b"ABCD" + ENOCH_SIG[60:])
        _, verified, unverified = vb.open_note(note, self.peter)
        self.assertEqual([s.name for s in verified], ["PeterNeumann"])
        self.assertEqual(len(unverified), 2)
        self.assertEqual(base64.b64encode(unverified[1].key_id + unverified[1].signature),
                         b"rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5nABCD2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=")

    def test_malformed_notes(self):
        bad = [
            NOTE_TEXT,
            NOTE_TEXT + b"\n",
            NOTE_TEXT + b"\n" + PETER_SIG[:-1],
            b"\x01" + NOTE_TEXT + b"\n" + PETER_SIG,
            b"\xff" + NOTE_TEXT + b"\n" + PETER_SIG,
            NOTE_TEXT + b"\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=".encode(),
            NOTE_TEXT + b"\n" + PETER_SIG + b"Unexpected line.\n",
        ]
        for note in bad:
            with self.subTest(note=note), self.assertRaises(vb.VerifyError):
                vb.open_note(note, self.peter)

    def test_wrong_name_or_hash_is_unknown(self):
        misnamed = PETER_SIG.replace(b"PeterNeumann", b"CarmenSandiego")
        wrong_hash = PETER_SIG.replace(b"x08g", b"xxxx")
        for sig in (misnamed, wrong_hash):
            with self.assertRaisesRegex(vb.VerifyError, "no verifiable"):
                vb.open_note(NOTE_TEXT + b"\n" + sig, self.peter)

    def test_protocol_limits(self):
        with self.assertRaisesRegex(vb.VerifyError, "over"):
            vb.parse_note(b"a\n" * (128 * 1024) + b"\n" + PETER_SIG)  # 256 KiB of text + signature
        short = "\u2014 PeterNeumann {}\n".format(b64(b"\xc7\x4f\x20\xa3")).encode()
        with self.assertRaisesRegex(vb.VerifyError, "shorter than 5"):
            vb.parse_note(NOTE_TEXT + b"\n" + short)
        with self.assertRaisesRegex(vb.VerifyError, "non-canonical"):
            vb.parse_note(NOTE_TEXT + b"\n" + PETER_SIG.replace(b"AM=", b"AN="))
        with self.assertRaisesRegex(vb.VerifyError, "control"):
            vb.parse_note(b"a\tb\n\n" + PETER_SIG)
        with self.assertRaises(vb.VerifyError):
            vb.parse_note(NOTE_TEXT + b"\n" + PETER_SIG.replace(b"PeterNeumann", b"Peter+Neumann"))
        with self.assertRaises(vb.VerifyError):
            vb.parse_note(NOTE_TEXT + b"\n" + PETER_SIG.replace(b"PeterNeumann", "Peter\u00a0Neumann".encode()))


# ---------------------------------------------------------------------------
# 3. Merkle trees (RFC 6962 reference vectors, RFC 9162 verification)
# ---------------------------------------------------------------------------

CT_LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]


class TestMerkle(unittest.TestCase):
    def test_reference_roots(self):
        hashes = [vb.leaf_hash(leaf) for leaf in CT_LEAVES]
        for n in range(9):
            self.assertEqual(mth(hashes[:n]).hex(), CT_ROOTS[n])

    def test_reference_inclusion_proofs(self):
        hashes = [vb.leaf_hash(leaf) for leaf in CT_LEAVES]
        root = bytes.fromhex(CT_ROOTS[8])
        for index, size, proof in CT_INCLUSION:
            proof = [bytes.fromhex(p) for p in proof]
            self.assertEqual(audit_path(index, hashes), proof)
            self.assertTrue(vb.verify_inclusion(hashes[index], index, size, proof, root))
            self.assertFalse(vb.verify_inclusion(hashes[index], index ^ 1, size, proof, root))
            self.assertFalse(vb.verify_inclusion(hashes[index], index, size + 1, proof, root))
            self.assertFalse(vb.verify_inclusion(hashes[index], index, size * 2, proof, root))
            self.assertFalse(vb.verify_inclusion(hashes[index], index, size, proof[:-1], root))
            self.assertFalse(vb.verify_inclusion(hashes[index], index, size, proof + [root], root))

    def test_every_leaf_of_every_small_tree(self):
        hashes = [vb.leaf_hash(bytes([i])) for i in range(33)]
        for n in range(1, 34):
            root = mth(hashes[:n])
            for i in range(n):
                path = audit_path(i, hashes[:n])
                self.assertTrue(vb.verify_inclusion(hashes[i], i, n, path, root), (i, n))
                self.assertFalse(vb.verify_inclusion(hashes[i], n, n, path, root))
                if n > 1:
                    self.assertFalse(vb.verify_inclusion(hashes[i], (i + 1) % n, n, path, root), (i, n))
                    bad = list(path)
                    bad[0] = bytes(32)
                    self.assertFalse(vb.verify_inclusion(hashes[i], i, n, bad, root))


# ---------------------------------------------------------------------------
# 4. Complete bundles built from the specification, and single defects
# ---------------------------------------------------------------------------


class BundleTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.keys = Keys()

    def assertOK(self, bundle):
        try:
            return verify(bundle)
        except vb.VerifyError as e:
            self.fail(f"expected OK, got FAIL: {e}")

    def assertFails(self, bundle, reason):
        with self.assertRaises(vb.VerifyError) as cm:
            verify(bundle)
        self.assertIn(reason, str(cm.exception))
        return str(cm.exception)


class TestValidBundles(BundleTestCase):
    def test_default_bundle(self):
        result = self.assertOK(make_bundle(self.keys))
        sentence = result.sentence()
        self.assertIn("entry 2 of ru's log to us (message, immediate, line ru-us/mod, "
                      "track counterterrorism)", sentence)
        self.assertIn("signed by ru/mod/minister at 2025-10-29T09:26:39.123Z", sentence)
        self.assertIn("was received by us as of 2025-10-29T09:26:40Z (T=1761730000)", sentence)
        self.assertIn("when us held 5 entries", sentence)
        self.assertIn("plaintext matches", sentence)

    def test_fingerprints(self):
        result = self.assertOK(make_bundle(self.keys))
        k = self.keys
        for side, ed, ml, got in (("ru", k.sender_ed, k.sender_ml, result.sender_fingerprint),
                                  ("us", k.recipient_ed, k.recipient_ml, result.recipient_fingerprint)):
            d = sha256(b"hotline/fingerprint/v1\n" + side.encode() + b"\n" + raw_public(ed) + raw_public(ml)).hex()
            want = " ".join("%05d" % (int(d[10 * g:10 * g + 10], 16) % 100000) for g in range(6))
            self.assertEqual(got, want)
            self.assertRegex(got, r"^\d{5}( \d{5}){5}$")
        self.assertIn(result.sender_fingerprint, result.sentence())
        self.assertIn(result.recipient_fingerprint, result.sentence())

    def test_every_index_of_small_trees(self):
        for n in range(1, 8):
            for i in range(n):
                with self.subTest(tree_size=n, index=i):
                    self.assertOK(make_bundle(self.keys, tree_size=n, index=i))

    def test_without_plaintext(self):
        result = self.assertOK(make_bundle(self.keys, plaintext=None))
        self.assertIn("no plaintext disclosed", result.sentence())

    def test_unknown_signatures_are_ignored(self):
        stranger = Ed25519PrivateKey.generate()
        line = signature_line("witness.example/w1", b"\x01\x02\x03\x04", stranger.sign(b"x"))
        self.assertOK(make_bundle(self.keys, extra_lines=[line]))
        # Same name as the sender key but another key ID: still unknown, still ignored.
        origin_line = signature_line("hotline/ru/us", b"\xde\xad\xbe\xef", bytes(64))
        self.assertOK(make_bundle(self.keys, extra_lines=[origin_line]))

    def test_signature_line_order_does_not_matter(self):
        b = make_bundle(self.keys)
        text, sigs = b["checkpoint"].split("\n\n")
        lines = sigs.rstrip("\n").split("\n")
        b["checkpoint"] = text + "\n\n" + "\n".join(reversed(lines)) + "\n"
        self.assertOK(b)

    def test_same_keys_for_both_sides_are_refused(self):
        # The sender's own keys presented as the recipient's: a self-made receipt.
        b = make_bundle(self.keys)
        keys = [vb.parse_vkey(k) for k in b["senderKeys"]]
        ed = next(k for k in keys if k.type_bytes == vb.TYPE_ED25519).public_key
        ml = next(k for k in keys if k.type_bytes == vb.TYPE_MLDSA65).public_key
        self.assertFails(dict(b, recipientKeys=[make_vkey("hotline/us", vb.TYPE_COSIGNATURE_V1, ed),
                                                make_vkey("hotline/us", vb.TYPE_MLDSA65, ml)]), "same keys")

    def test_vkey_order_does_not_matter(self):
        b = make_bundle(self.keys)
        b["senderKeys"].reverse()
        b["recipientKeys"].reverse()
        self.assertOK(b)

    def test_extension_lines_are_refused(self):
        # PROTOCOL.md 5.2: Hotline checkpoints carry none, even correctly signed ones.
        self.assertFails(make_bundle(self.keys, text_hook=lambda t: t + "extension\n"), "extension lines")

    def test_largest_possible_entry(self):
        k = Keys(sender="s" * 32, recipient="r" * 32)
        refs = [("r" * 32, i, sha256(bytes([i]))) for i in range(64)]
        header = dict(line="l" * 64, track="t" * 64, role="s" * 32 + "/" + "x" * 95, kind=33,
                      precedence=3, time=2**64 - 1, content_length=16_782_170)
        b = make_bundle(k, header=header, references=refs)
        self.assertEqual(len(decoded_entry(b)), 5182)
        self.assertOK(b)
        self.assertFails(make_bundle(k, header=header, references=refs, entry_suffix=b"\x00"),
                         "longer than the largest possible entry")

    def test_minimal_entry(self):
        header = dict(line="a", track="", role="ru/m", kind=9, precedence=0, time=0, content_length=0)
        self.assertOK(make_bundle(self.keys, index=0, tree_size=1, header=header, references=[]))

    def test_all_kinds_and_precedences(self):
        for kind in (1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 18, 32, 33):
            self.assertOK(make_bundle(self.keys, tree_size=3, header=dict(kind=kind)))
        for precedence in range(4):
            self.assertOK(make_bundle(self.keys, tree_size=3, header=dict(precedence=precedence)))

    def test_cli(self):
        with tempfile.TemporaryDirectory() as d:
            good, bad = os.path.join(d, "good.json"), os.path.join(d, "bad.json")
            with open(good, "wb") as f:
                f.write(to_bytes(make_bundle(self.keys)))
            broken = make_bundle(self.keys)
            broken["index"] = 3
            with open(bad, "wb") as f:
                f.write(to_bytes(broken))
            script = str(HERE / "verify_bundle.py")
            run = subprocess.run([sys.executable, script, good], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            self.assertTrue(run.stdout.startswith(f"OK {good}: entry 2 of ru's log to us"))
            self.assertEqual(len(run.stdout.splitlines()), 1)
            run = subprocess.run([sys.executable, script, good, bad, os.path.join(d, "missing.json")],
                                 capture_output=True, text=True)
            self.assertEqual(run.returncode, 1)
            lines = run.stdout.splitlines()
            self.assertEqual(len(lines), 3)
            self.assertTrue(lines[0].startswith("OK "))
            self.assertTrue(lines[1].startswith(f"FAIL {bad}: step 1"))
            self.assertTrue(lines[2].startswith("FAIL "))
            run = subprocess.run([sys.executable, script], capture_output=True, text=True)
            self.assertEqual(run.returncode, 2)


class TestEntryDefects(BundleTestCase):
    """Every MUST-reject rule of section 6, with all signatures and proofs otherwise valid."""

    def test_flipped_byte_in_entry(self):
        b = make_bundle(self.keys)
        entry = bytearray(decoded_entry(b))
        entry[-100] ^= 1  # inside content_hash: still decodes
        self.assertFails(with_entry(b, bytes(entry)), "step 5")
        entry = bytearray(decoded_entry(b))
        entry[-1] ^= 1  # inside the author signature
        self.assertFails(with_entry(b, bytes(entry)), "step 5")

    def test_truncated_entry(self):
        b = make_bundle(self.keys)
        self.assertFails(with_entry(b, decoded_entry(b)[:-1]), "truncated")

    def test_trailing_bytes(self):
        self.assertFails(make_bundle(self.keys, entry_suffix=b"\x00"), "1 trailing bytes")

    def test_version(self):
        self.assertFails(make_bundle(self.keys, version=2), "version 2")
        self.assertFails(make_bundle(self.keys, version=0), "version 0")

    def test_unknown_kind(self):
        for kind in (0, 10, 15, 19, 31, 34, 65535):
            self.assertFails(make_bundle(self.keys, header=dict(kind=kind)), f"unknown kind {kind}")

    def test_unknown_precedence(self):
        self.assertFails(make_bundle(self.keys, header=dict(precedence=4)), "unknown precedence 4")

    def test_recipient_equals_sender(self):
        self.assertFails(make_bundle(self.keys, header=dict(recipient="ru"), references=[]),
                         "recipient equals sender")

    def test_role_of_another_side(self):
        self.assertFails(make_bundle(self.keys, header=dict(role="us/mod/minister")), "not a role of the sender")
        self.assertFails(make_bundle(self.keys, header=dict(role="rux/mod")), "not a role of the sender")

    def test_invalid_names(self):
        cases = [
            (dict(line="RU-US/mod"), "line"), (dict(line="ru-us//mod"), "line"), (dict(line="/ru"), "line"),
            (dict(line="ru/"), "line"), (dict(line="-ru"), "line"), (dict(line="ru us"), "line"),
            (dict(line=""), "line length 0"), (dict(line="a" * 65), "line length 65"),
            (dict(track="-x"), "track"), (dict(track="a/b"), "track"), (dict(track="a" * 65), "track length"),
            (dict(role="ru"), "author_role length 2"), (dict(role="rux"), "author_role"),
            (dict(role="ru/mod/"), "author_role"), (dict(role="ru/Mod"), "author_role"),
            (dict(role="ru/m.d"), "author_role"), (dict(role="ru/" + "x" * 126), "author_role length 129"),
            (dict(sender="RU"), "sender"), (dict(sender="-ru"), "sender"), (dict(sender="r" * 33), "sender length"),
            (dict(sender=""), "sender length 0"), (dict(recipient="u.s"), "recipient"),
            (dict(recipient="\u00fcs"), "recipient"),
        ]
        for header, reason in cases:
            with self.subTest(header=header):
                self.assertFails(make_bundle(self.keys, header=header), reason)

    def test_reference_rules(self):
        k = self.keys
        h = sha256(b"x")
        cases = [
            ([("us", 1, h), ("us", 1, h)], "duplicates"),
            ([("us", 1, h), ("us", 1, sha256(b"y"))], "duplicates"),
            ([("cn", 1, h)], "neither sender nor recipient"),
            ([("ru", 2, h)], "not smaller than the entry's 2"),
            ([("ru", 3, h)], "not smaller"),
            ([("Us", 1, h)], "not a valid side"),
            ([("us", i, h) for i in range(65)], "65 references"),
        ]
        for refs, reason in cases:
            with self.subTest(refs=refs[:2]):
                self.assertFails(make_bundle(k, references=refs), reason)
        # The edge cases that are fine: own log just below, the recipient's log at any sequence.
        self.assertOK(make_bundle(k, references=[("ru", 1, h), ("us", 2**64 - 1, h), ("us", 2, h)]))

    def test_content_length_over_limit(self):
        self.assertFails(make_bundle(self.keys, header=dict(content_length=16_782_171)), "content_length")
        self.assertFails(make_bundle(self.keys, header=dict(content_length=2**32 - 1)), "content_length")

    def test_sequence_not_index(self):
        self.assertFails(make_bundle(self.keys, sequence=3), "sequence 3 does not equal index 2")

    def test_wrong_index(self):
        b = make_bundle(self.keys)
        b["index"] = 3
        self.assertFails(b, "does not equal index 3")

    def test_index_beyond_tree(self):
        self.assertFails(make_bundle(self.keys, sequence=5, references=[]) | {"index": 5}, "not below treeSize")


class TestCheckpointDefects(BundleTestCase):
    def test_dropped_signatures(self):
        for label, reason in (("sender-ed", "sender Ed25519"), ("sender-ml", "sender ML-DSA-65"),
                              ("cosig-ed", "recipient Ed25519 cosignature"),
                              ("cosig-ml", "recipient ML-DSA-65 cosignature")):
            with self.subTest(label=label):
                self.assertFails(make_bundle(self.keys, drop={label}), f"missing the {reason}")

    def test_cosignatures_with_different_timestamps(self):
        self.assertFails(make_bundle(self.keys, cosign_ed_ts=T0, cosign_ml_ts=T0 + 1), "different timestamps")

    def test_cosignature_timestamp_range(self):
        self.assertFails(make_bundle(self.keys, cosign_ed_ts=0, cosign_ml_ts=0), "outside 1..2^63-1")
        self.assertFails(make_bundle(self.keys, cosign_ed_ts=2**63, cosign_ml_ts=2**63), "outside 1..2^63-1")
        self.assertOK(make_bundle(self.keys, cosign_ed_ts=2**63 - 1, cosign_ml_ts=2**63 - 1))

    def test_sender_mldsa_timestamp_must_be_zero(self):
        self.assertFails(make_bundle(self.keys, sender_ml_ts=T0), "expected 0")

    def test_mldsa_cosignature_under_wrong_cosigner_name(self):
        self.assertFails(make_bundle(self.keys, ml_cosigner_name="hotline/ru/us"),
                         "recipient ML-DSA-65 cosignature does not verify")

    def test_duplicate_signature_line(self):
        self.assertFails(make_bundle(self.keys, duplicate={"cosig-ed"}), "more than one signature line")

    def test_bad_signatures(self):
        b = make_bundle(self.keys)
        text, block = b["checkpoint"].split("\n\n")
        lines = block.rstrip("\n").split("\n")
        for i, label in enumerate(("sender Ed25519 signature", "sender ML-DSA-65 signature",
                                   "recipient Ed25519 cosignature",
                                   "recipient ML-DSA-65 cosignature")):
            name, sig = lines[i][2:].split(" ")
            raw = bytearray(base64.b64decode(sig))
            raw[-1] ^= 0x80
            bad = list(lines)
            bad[i] = f"\u2014 {name} {b64(bytes(raw))}"
            with self.subTest(label=label):
                self.assertFails(dict(b, checkpoint=text + "\n\n" + "\n".join(bad) + "\n"),
                                 f"{label} does not verify")
            # Wrong length after the key ID.
            bad[i] = f"\u2014 {name} {b64(bytes(raw[:-1]))}"
            with self.subTest(label=label, defect="length"):
                self.assertFails(dict(b, checkpoint=text + "\n\n" + "\n".join(bad) + "\n"), "bytes, expected")

    def test_tampered_checkpoint_text(self):
        b = make_bundle(self.keys)
        text, block = b["checkpoint"].split("\n\n")
        origin, size, root = text.split("\n")
        other = b64(sha256(b"another root"))
        self.assertFails(dict(b, checkpoint=f"{origin}\n{size}\n{other}\n\n{block}"), "does not verify")
        self.assertFails(dict(b, checkpoint=f"{origin}\n{size}\n{root}\nextra\n\n{block}"), "extension lines")

    def test_wrong_tree_size(self):
        b = make_bundle(self.keys)
        b["treeSize"] = 6
        self.assertFails(b, "treeSize 6 does not equal the checkpoint's size 5")

    def test_wrong_origin(self):
        self.assertFails(make_bundle(self.keys, origin="hotline/ru/cn"), "step 2 (checkpoint): origin")
        self.assertFails(make_bundle(self.keys, origin="hotline/us/ru"), "step 2 (checkpoint): origin")

    def test_malformed_checkpoint_text(self):
        cases = [
            (lambda t: t.replace("\n5\n", "\n05\n"), "leading zeroes"),
            (lambda t: t.replace("\n5\n", "\n+5\n"), "leading zeroes"),
            (lambda t: t.replace("\n5\n", "\n\n"), "tree size"),
            (lambda t: t + "\n", "empty extension line"),
            (lambda t: "\n".join(t.split("\n")[:2]) + "\n", "fewer than three lines"),
            (lambda t: t.replace("=\n", "\n"), "root hash"),
            (lambda t: t.replace("\n", "\t", 1), "control character"),
        ]
        for hook, reason in cases:
            with self.subTest(reason=reason):
                self.assertFails(make_bundle(self.keys, text_hook=hook), reason)
        # A root hash of the wrong length.
        b = make_bundle(self.keys, text_hook=lambda t: t.rsplit("\n", 2)[0] + "\n" + b64(bytes(31)) + "\n")
        self.assertFails(b, "root hash is 31 bytes")

    def test_noncanonical_root_in_signed_text(self):
        def hook(t):
            origin, size, root, _ = t.split("\n")
            return f"{origin}\n{size}\n{noncanonical_variants(root)[-2]}\n"
        self.assertFails(make_bundle(self.keys, text_hook=hook), "non-canonical")

    def test_note_limits(self):
        b = make_bundle(self.keys)
        many = [signature_line("x.example/w%d" % i, b"\0\0\0\0", bytes(64)) for i in range(97)]
        self.assertFails(dict(b, checkpoint=b["checkpoint"] + "".join(many)), "more than 100")
        self.assertOK(dict(b, checkpoint=b["checkpoint"] + "".join(many[:96])))
        big = [signature_line("x.example/w%d" % i, b"\0\0\0\0", bytes(3000)) for i in range(90)]
        self.assertFails(dict(b, checkpoint=b["checkpoint"] + "".join(big)), "over 262144")
        self.assertFails(dict(b, checkpoint=b["checkpoint"] + "\u2014 x.example/w AAAA\n"), "shorter than 5")
        self.assertFails(dict(b, checkpoint=b["checkpoint"].rstrip("\n")), "does not end in a newline")
        self.assertFails(dict(b, checkpoint=b["checkpoint"] + "trailing\n"), "em dash")

    def test_noncanonical_signature_base64(self):
        b = make_bundle(self.keys)
        text, block = b["checkpoint"].split("\n\n")
        lines = block.rstrip("\n").split("\n")
        name, sig = lines[0][2:].split(" ")
        self.assertTrue(sig.endswith("="))
        for variant in noncanonical_variants(sig)[2:]:
            if "\n" in variant:
                continue
            lines[0] = f"\u2014 {name} {variant}"
            with self.subTest(variant=variant[-4:]):
                self.assertFails(dict(b, checkpoint=text + "\n\n" + "\n".join(lines) + "\n"), "base64")


class TestKeyDefects(BundleTestCase):
    def test_vkey_defects(self):
        b = make_bundle(self.keys)
        ed = b["senderKeys"][0]
        name, hex_id, key = ed.split("+", 2)
        ml_name, ml_hex, ml_key = b["senderKeys"][1].split("+", 2)
        cases = [
            (f"{name}+{'%08x' % ((int(hex_id, 16) + 1) % 2**32)}+{key}", "does not match its name and key"),
            (f"{name}+{hex_id.upper()}+{key}" if hex_id != hex_id.upper() else f"{name}+{hex_id}0+{key}",
             "8 lowercase hex"),
            (f"{name}+{hex_id[:7]}+{key}", "8 lowercase hex"),
            (f"{name}+{hex_id}", "8 lowercase hex"),
            (f"{name}+{hex_id}+{key[:-1]}", "base64"),
            (f"{ml_name}+{ml_hex}+{noncanonical_variants(ml_key)[3]}", "non-canonical"),
            (f"{ml_name}+{ml_hex}+{ml_key[:-4]}", "unsupported signature type or wrong key length"),
            (make_vkey("hotline/ru/us", b"\x02", bytes(32)), "unsupported"),
            (make_vkey("hotline/ru/us", b"\x01", bytes(31)), "unsupported"),
            (make_vkey("hotline/ru/us", b"\xff" + b"hotline.mldsa65.subtree/v2", bytes(1952)), "unsupported"),
            (make_vkey("hotline/ru/us", b"\x06", bytes(1312)), "unsupported"),
            (" " + ed, "invalid key name"),
            ("\ud800" + ed, "invalid key name"),
            (42, "expected a string"),
        ]
        for vkey, reason in cases:
            with self.subTest(vkey=str(vkey)[:40]):
                self.assertFails(dict(b, senderKeys=[vkey, b["senderKeys"][1]]), reason)

    def test_key_names_and_types(self):
        k = self.keys
        b = make_bundle(k)
        ed, ml = raw_public(k.sender_ed), raw_public(k.sender_ml)
        red, rml = raw_public(k.recipient_ed), raw_public(k.recipient_ml)
        cases = [
            ("senderKeys", [make_vkey("hotline/ru", b"\x01", ed), b["senderKeys"][1]], "is named"),
            ("senderKeys", [make_vkey("hotline/ru/us", b"\x04", ed), b["senderKeys"][1]], "has type"),
            ("senderKeys", [b["senderKeys"][0], b["senderKeys"][0]], "two"),
            ("senderKeys", [b["senderKeys"][0]], "array of 2"),
            ("senderKeys", b["senderKeys"] + [b["senderKeys"][0]], "array of 2"),
            ("recipientKeys", [make_vkey("hotline/us", b"\x01", red), b["recipientKeys"][1]], "has type"),
            ("recipientKeys", [make_vkey("hotline/us/ru", b"\x04", red), b["recipientKeys"][1]], "is named"),
            ("recipientKeys", [b["recipientKeys"][0], make_vkey("hotline/ru", vb.TYPE_MLDSA65, rml)], "is named"),
            ("recipientKeys", b["senderKeys"], "is named"),
            ("senderKeys", b["recipientKeys"], "is named"),
            ("senderKeys", "not a list", "array of 2"),
        ]
        for field, value, reason in cases:
            with self.subTest(field=field, reason=reason):
                self.assertFails(dict(b, **{field: value}), reason)

    def test_keys_that_did_not_sign(self):
        other = Keys()
        b = make_bundle(self.keys)
        o = make_bundle(other)
        # Correctly formed keys of other parties: their key IDs match no signature line.
        self.assertFails(dict(b, senderKeys=o["senderKeys"]), "missing the sender")
        self.assertFails(dict(b, recipientKeys=o["recipientKeys"]), "missing the recipient")


class TestAuthorDefects(BundleTestCase):
    def test_wrong_author_key(self):
        b = make_bundle(self.keys)
        b["authorKey"] = b64(raw_public(self.keys.other))
        self.assertFails(b, "author_key_id")

    def test_signed_by_someone_else(self):
        # author_key_id and authorKey name the author, but another key made the signature.
        class Impostor:
            def __init__(s, real, fake):
                s.real, s.fake = real, fake

            def public_key(s):
                return s.real.public_key()

            def sign(s, msg):
                return s.fake.sign(msg)

        b = make_bundle(self.keys, author=Impostor(self.keys.author, self.keys.other))
        self.assertFails(b, "author's signature does not verify")

    def test_author_key_format(self):
        b = make_bundle(self.keys)
        key = b["authorKey"]
        for variant in noncanonical_variants(key):
            with self.subTest(variant=variant):
                self.assertFails(dict(b, authorKey=variant), "authorKey")
        self.assertFails(dict(b, authorKey=b64(raw_public(self.keys.author)[:31])), "31 bytes")

    def test_signature_covers_header_not_sequence(self):
        # Re-sequencing an entry keeps the author's signature valid, which the spec intends;
        # it still fails as a bundle because the leaf is no longer in the tree.
        b = make_bundle(self.keys)
        entry = bytearray(decoded_entry(b))
        entry[1:9] = (2).to_bytes(8, "big")
        e = vb.decode_entry(bytes(entry))
        self.assertTrue(vb.verify_ed25519(raw_public(self.keys.author), e.author_signature,
                                          b"hotline/entry/v1\n" + e.encoded_header))


class TestProofDefects(BundleTestCase):
    def test_tampered_proof_hash(self):
        b = make_bundle(self.keys)
        for i in range(len(b["inclusionProof"])):
            proof = list(b["inclusionProof"])
            raw = bytearray(base64.b64decode(proof[i]))
            raw[0] ^= 1
            proof[i] = b64(bytes(raw))
            with self.subTest(i=i):
                self.assertFails(dict(b, inclusionProof=proof), "does not lead to the checkpoint's root")

    def test_proof_shape(self):
        b = make_bundle(self.keys)
        p = b["inclusionProof"]
        self.assertFails(dict(b, inclusionProof=p[:-1]), "does not lead")
        self.assertFails(dict(b, inclusionProof=p + [p[0]]), "does not lead")
        self.assertFails(dict(b, inclusionProof=list(reversed(p))), "does not lead")
        self.assertFails(dict(b, inclusionProof=[b64(bytes(31))] + p[1:]), "31 bytes")
        self.assertFails(dict(b, inclusionProof=p * 22), "at most 64")
        self.assertFails(dict(b, inclusionProof=p[0]), "array")
        for variant in noncanonical_variants(p[0]):
            self.assertFails(dict(b, inclusionProof=[variant] + p[1:]), "inclusionProof[0]")


class TestPlaintextDefects(BundleTestCase):
    def test_plaintext_does_not_match_commitment(self):
        b = make_bundle(self.keys)
        self.assertFails(dict(b, plaintext=b64(make_plaintext())), "does not match the entry's commitment")
        plain = base64.b64decode(b["plaintext"])
        self.assertFails(dict(b, plaintext=b64(plain + b" ")), "does not match")

    def test_salt_rules(self):
        cases = [
            (json.dumps({"text": "no salt"}).encode(), "no salt"),
            (json.dumps({"salt": b64(bytes(31))}).encode(), "31 bytes"),
            (json.dumps({"salt": b64(bytes(33))}).encode(), "33 bytes"),
            (json.dumps({"salt": 12}).encode(), "salt"),
            (json.dumps({"salt": noncanonical_variants(b64(bytes(32)))[-2]}).encode(), "non-canonical"),
            (json.dumps([{"salt": b64(bytes(32))}]).encode(), "not a JSON object"),
            (b'{"salt": "' + b64(bytes(32)).encode() + b'", "salt": "' + b64(bytes(32)).encode() + b'"}', "duplicate"),
            (b"{not json", "not strict UTF-8 JSON"),
            (b'{"salt": "' + b64(bytes(32)).encode() + b'", "t": "\xff"}', "not strict UTF-8 JSON"),
        ]
        for plaintext, reason in cases:
            with self.subTest(reason=reason):
                # The commitment matches the plaintext; only the plaintext rule is broken.
                self.assertFails(make_bundle(self.keys, plaintext=plaintext), reason)

    def test_noncanonical_plaintext_base64(self):
        b = make_bundle(self.keys)
        for variant in noncanonical_variants(b["plaintext"]):
            self.assertFails(dict(b, plaintext=variant), "plaintext")
        self.assertFails(dict(b, plaintext=None), "plaintext")


class TestJSONDefects(BundleTestCase):
    def test_unknown_field(self):
        b = make_bundle(self.keys)
        self.assertFails(dict(b, comment="hi"), "unknown field(s) comment")

    def test_missing_fields(self):
        b = make_bundle(self.keys)
        for field in vb.REQUIRED_FIELDS:
            c = dict(b)
            del c[field]
            with self.subTest(field=field):
                self.assertFails(c, f"missing field(s) {field}")

    def test_wrong_format(self):
        b = make_bundle(self.keys)
        self.assertFails(dict(b, format="hotline-evidence/v2"), "format")

    def test_integer_fields(self):
        b = make_bundle(self.keys)
        for field in ("index", "treeSize"):
            for value in ("2", 2.0, True, None, -1, 2**64):
                with self.subTest(field=field, value=value):
                    self.assertFails(dict(b, **{field: value}), field)
        # JSON true is not the integer 1, even where 1 would be right.
        self.assertFails(dict(make_bundle(self.keys, index=1), index=True), "index must be an integer")
        self.assertFails(dict(make_bundle(self.keys, tree_size=1, index=0), treeSize=True),
                         "treeSize must be an integer")

    def test_noncanonical_entry_base64(self):
        b = make_bundle(self.keys)
        for variant in noncanonical_variants(b["entry"]):
            self.assertFails(dict(b, entry=variant), "entry")
        self.assertFails(dict(b, entry=b["entry"].replace("+", "-").replace("/", "_")), "base64")

    def test_raw_json(self):
        data = to_bytes(make_bundle(self.keys))
        cases = [
            (data.replace(b'"index": 2', b'"index": 2, "index": 2'), "duplicate"),
            (data.replace(b'"index": 2', b'"index": NaN'), "NaN"),
            (b"\xef\xbb\xbf" + data, "JSON"),
            (data.replace(b'"format"', b'"form\xffat"'), "UTF-8"),
            (b"[" + data + b"]", "not a JSON object"),
            (data + b"x", "JSON"),
            (data.replace(b'"index": 2', b'"index": 2.0'), "index"),
            (data.replace(b'"index": 2', b'"index": 2e0'), "index"),
        ]
        for raw, reason in cases:
            with self.subTest(reason=reason):
                self.assertFails(raw, reason)

    def test_file_over_24_mib(self):
        data = to_bytes(make_bundle(self.keys))
        padded = data[:-1] + b" " * (24 * 1024 * 1024 - len(data)) + b"}"
        self.assertEqual(len(padded), 24 * 1024 * 1024)
        self.assertOK(padded)
        self.assertFails(b" " + padded, "over 24 MiB")


# ---------------------------------------------------------------------------
# 5. The project's own golden vectors (testdata/, written by the Swift side)
# ---------------------------------------------------------------------------

TESTDATA = REPO / "testdata"
BUNDLES = TESTDATA / "bundles"

# Swift's wording of the sentence in testdata/expected/bundle-sentences.json; only its facts are compared.
SWIFT_SENTENCE = re.compile(
    r"Entry (?P<index>\d+) of (?P<sender>[^']+)'s log to (?P<recipient>\S+), a (?P<kind>.+?) "
    r"\((?P<precedence>\w+)\) on line (?P<line>[^,]+)(?:, track (?P<track>[^,]+))?, "
    r"signed by (?P<role>\S+) at (?P<time>\S+), was received by \S+ as of (?P<cosigned>\S+), "
    r"when \S+ held (?P<size>\d+) entries of that log\.(?P<plaintext> The disclosed plaintext .*)?$")


def bundle_files(directory):
    """The *.json files directly in `directory` (every one is a bundle)."""
    if not directory.is_dir():
        return []
    return sorted(directory.glob("*.json"))


class TestProjectBundles(unittest.TestCase):
    def test_good_bundles_verify(self):
        files = bundle_files(BUNDLES)
        if not files:
            self.skipTest(f"no bundles in {BUNDLES} yet (the Swift side produces them)")
        for path in files:
            with self.subTest(bundle=path.name):
                try:
                    vb.verify_bundle_file(path)
                except vb.VerifyError as e:
                    self.fail(f"{path.name} should verify: {e}")

    def test_broken_bundles_fail(self):
        files = bundle_files(BUNDLES / "broken")
        if not files:
            self.skipTest(f"no bundles in {BUNDLES / 'broken'} yet (the Swift side produces them)")
        for path in files:
            with self.subTest(bundle=path.name), self.assertRaises(vb.VerifyError):
                vb.verify_bundle_file(path)

    def test_facts_agree_with_expected_sentences(self):
        expected_path = BUNDLES.parent / "expected" / "bundle-sentences.json"
        if not expected_path.is_file():
            self.skipTest(f"no {expected_path} yet")
        expected = json.loads(expected_path.read_text())
        for name, sentence in expected.items():
            with self.subTest(bundle=name):
                m = SWIFT_SENTENCE.match(sentence)
                self.assertIsNotNone(m, f"cannot read the facts of {sentence!r}")
                r = vb.verify_bundle_file(BUNDLES / name)
                e = r.entry
                self.assertEqual(int(m["index"]), r.index)
                self.assertEqual((m["sender"], m["recipient"]), (e.sender, e.recipient))
                self.assertEqual(m["kind"], vb.KINDS[e.kind])
                self.assertEqual(m["precedence"], vb.PRECEDENCES[e.precedence])
                self.assertEqual(m["line"], e.line)
                self.assertEqual(m["track"] or "", e.track)
                self.assertEqual(m["role"], e.author_role)
                self.assertEqual(m["time"], vb._utc_ms(e.time))
                self.assertEqual(m["cosigned"], vb._utc_ms(r.cosigned_at * 1000))
                self.assertEqual(int(m["size"]), r.tree_size)
                self.assertEqual(m["plaintext"] is not None, r.plaintext_checked)


def load_testdata(relative):
    path = TESTDATA / relative
    if not path.is_file():
        raise unittest.SkipTest(f"no {path} yet")
    return json.loads(path.read_text())


class TestProjectGoldenVectors(unittest.TestCase):
    """Cross-checks of the other testdata/ files against this implementation."""

    def side(self, name):
        return load_testdata(f"keys/{name}.json")

    def test_keys_and_fingerprints(self):
        for side, peer in (("ru", "us"), ("us", "ru")):
            with self.subTest(side=side):
                k = self.side(side)
                ed = base64.b64decode(k["ed25519PublicKey"])
                ml = base64.b64decode(k["mldsa65PublicKey"])
                # Seeds (section 4: keys are generated from 32-byte seeds).
                self.assertEqual(raw_public(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(k["ed25519Seed"]))), ed)
                self.assertEqual(raw_public(MLDSA65PrivateKey.from_seed_bytes(bytes.fromhex(k["mldsa65Seed"]))), ml)
                self.assertEqual(vb.fingerprint(side, ed, ml), k["fingerprint"])
                log = [vb.parse_vkey(v) for v in k["logVerifierKeys"]]
                self.assertEqual([(v.name, v.type_bytes, v.public_key) for v in log],
                                 [(f"hotline/{side}/{peer}", vb.TYPE_ED25519, ed),
                                  (f"hotline/{side}/{peer}", vb.TYPE_MLDSA65, ml)])
                cosigner = [vb.parse_vkey(v) for v in k["cosignerVerifierKeys"]]
                self.assertEqual([(v.name, v.type_bytes, v.public_key) for v in cosigner],
                                 [(f"hotline/{side}", vb.TYPE_COSIGNATURE_V1, ed),
                                  (f"hotline/{side}", vb.TYPE_MLDSA65, ml)])

    def test_authors(self):
        for a in load_testdata("keys/authors.json"):
            with self.subTest(role=a["role"]):
                public = base64.b64decode(a["publicKey"])
                self.assertEqual(raw_public(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(a["ed25519Seed"]))), public)
                self.assertEqual(sha256(b"\x01" + public).hex(), a["keyID"])

    def test_entries(self):
        authors = {a["role"]: base64.b64decode(a["publicKey"]) for a in load_testdata("keys/authors.json")}
        for log in ("ru-us", "us-ru"):
            entries = load_testdata(f"entries/{log}.json")
            proofs = load_testdata(f"proofs/{log}.json")
            self.assertEqual([x["leafHash"] for x in entries], proofs["leafHashes"])
            for i, x in enumerate(entries):
                with self.subTest(log=log, sequence=i):
                    raw = vb.b64decode_canonical(x["entry"], "entry")
                    e = vb.decode_entry(raw)
                    self.assertEqual((e.sequence, x["sequence"]), (i, i))
                    self.assertEqual(f"{e.sender}-{e.recipient}", log)
                    self.assertEqual(e.author_role, x["author"])
                    self.assertEqual(vb.leaf_hash(raw).hex(), x["leafHash"])
                    author = authors[e.author_role]
                    self.assertEqual(sha256(b"\x01" + author), e.author_key_id)
                    self.assertTrue(vb.verify_ed25519(author, e.author_signature,
                                                      b"hotline/entry/v1\n" + e.encoded_header))
                    sealed = vb.b64decode_canonical(x["sealedContent"], "sealedContent")
                    self.assertEqual(sha256(sealed), e.content_hash)
                    self.assertEqual(len(sealed), e.content_length)
                    plaintext = vb.b64decode_canonical(x["plaintext"], "plaintext")
                    self.assertEqual(sha256(b"hotline/commitment/v1\n" + plaintext), e.commitment)
                    salt = vb.b64decode_canonical(json.loads(plaintext)["salt"], "salt")
                    self.assertEqual(len(salt), 32)

    def test_proofs(self):
        for log in ("ru-us", "us-ru"):
            proofs = load_testdata(f"proofs/{log}.json")
            hashes = [bytes.fromhex(h) for h in proofs["leafHashes"]]
            for size, root in enumerate(proofs["roots"]):
                self.assertEqual(mth(hashes[:size]).hex(), root, (log, size))
            for p in proofs["inclusion"]:
                with self.subTest(log=log, index=p["index"], size=p["size"]):
                    proof = [bytes.fromhex(h) for h in p["proof"]]
                    self.assertEqual(audit_path(p["index"], hashes[:p["size"]]), proof)
                    self.assertTrue(vb.verify_inclusion(hashes[p["index"]], p["index"], p["size"], proof,
                                                        bytes.fromhex(proofs["roots"][p["size"]])))

    def test_checkpoints(self):
        for sender, recipient, size in (("ru", "us", 8), ("ru", "us", 13), ("us", "ru", 4)):
            with self.subTest(checkpoint=f"{sender}-{recipient}-{size}"):
                path = TESTDATA / "checkpoints" / f"{sender}-{recipient}-{size}.note"
                if not path.is_file():
                    self.skipTest(f"no {path} yet")
                s, r = self.side(sender), self.side(recipient)
                sender_keys = {k.type_bytes: k for k in map(vb.parse_vkey, s["logVerifierKeys"])}
                recipient_keys = {k.type_bytes: k for k in map(vb.parse_vkey, r["cosignerVerifierKeys"])}
                checkpoint, t = vb.verify_receipt(path.read_bytes(), f"hotline/{sender}/{recipient}",
                                                  sender_keys, f"hotline/{recipient}", recipient_keys)
                self.assertEqual(checkpoint.size, size)
                roots = load_testdata(f"proofs/{sender}-{recipient}.json")["roots"]
                self.assertEqual(checkpoint.root.hex(), roots[size])
                self.assertGreater(t, 0)


if __name__ == "__main__":
    unittest.main()
