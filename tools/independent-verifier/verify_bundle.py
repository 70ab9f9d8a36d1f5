#!/usr/bin/env python3
"""Independent verifier for Hotline evidence bundles.

Written only from docs/PROTOCOL.md (section 9 and the sections it refers to),
RFC 9162 section 2.1 and the C2SP specs signed-note, tlog-checkpoint and
tlog-cosignature -- never from the Swift implementation.

Usage: python3 verify_bundle.py BUNDLE.json [BUNDLE.json ...]

For each file prints "OK <file>: <what it proves>" or "FAIL <file>: <reason>".
Exits 0 only if every file verified, 1 if any failed, 2 on a usage error.
"""

import base64
import binascii
import datetime
import hashlib
import json
import re
import sys
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PublicKey

# ---------------------------------------------------------------------------
# Constants (PROTOCOL.md section numbers in brackets)
# ---------------------------------------------------------------------------

BUNDLE_FORMAT = "hotline-evidence/v1"                 # [9]
MAX_BUNDLE_BYTES = 24 * 1024 * 1024                   # [9]
MAX_NOTE_BYTES = 256 * 1024                           # [5.1]
MAX_NOTE_SIGNATURES = 100                             # [5.1]
MAX_ENTRY_BYTES = 5182                                # [6]
MAX_CONTENT_LENGTH = 16_782_170                       # [6]
MAX_REFERENCES = 64                                   # [6]
MAX_PLAINTEXT_BYTES = 16 * 1024 * 1024                # [7]
MAX_PROOF_HASHES = 64                                 # [9]
MAX_COSIGNATURE_TIME = 2**63 - 1                      # [5.3]

# Signature type bytes and public key lengths [4.1].
TYPE_ED25519 = b"\x01"
TYPE_COSIGNATURE_V1 = b"\x04"
TYPE_MLDSA65 = b"\xff" + b"hotline.mldsa65.subtree/v1"
ED25519_KEY_BYTES = 32
ED25519_SIG_BYTES = 64
MLDSA65_KEY_BYTES = 1952
MLDSA65_SIG_BYTES = 3309

# The three vkey rows of the table in section 4.1.
HOTLINE_VKEY_TYPES = {
    TYPE_ED25519: ED25519_KEY_BYTES,
    TYPE_COSIGNATURE_V1: ED25519_KEY_BYTES,
    TYPE_MLDSA65: MLDSA65_KEY_BYTES,
}
TYPE_NAMES = {
    TYPE_ED25519: "Ed25519 (0x01)",
    TYPE_COSIGNATURE_V1: "Ed25519 cosignature/v1 (0x04)",
    TYPE_MLDSA65: "ML-DSA-65 (0xff hotline.mldsa65.subtree/v1)",
}

SUBTREE_LABEL = b"subtree/v1\n\x00"                   # 12 bytes [4.1]
ENTRY_SIGNATURE_PREFIX = b"hotline/entry/v1\n"        # [6]
COMMITMENT_PREFIX = b"hotline/commitment/v1\n"        # [8]
FINGERPRINT_PREFIX = b"hotline/fingerprint/v1\n"      # [4.3]
AUTHOR_KEY_ALGORITHM_ED25519 = b"\x01"                # [4]

KINDS = {                                             # [6]
    1: "message", 2: "formal note", 3: "proposal", 4: "reply",
    5: "meeting request", 6: "meeting confirmation", 7: "minutes",
    8: "acknowledgement", 9: "translation", 16: "role grant",
    17: "role handover", 18: "key revocation", 32: "line charter",
    33: "line acceptance",
}
PRECEDENCES = {0: "routine", 1: "priority", 2: "immediate", 3: "flash"}

# Name syntax [2].
_SIDE_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
_LINE_SEGMENT = r"[a-z0-9][a-z0-9.-]*"
_LINE_RE = re.compile(rf"{_LINE_SEGMENT}(?:/{_LINE_SEGMENT})*")
_TRACK_RE = re.compile(r"[a-z0-9][a-z0-9.-]{0,63}")
_ROLE_SEGMENT = r"[a-z0-9][a-z0-9-]*"
_ROLE_RE = re.compile(rf"{_ROLE_SEGMENT}(?:/{_ROLE_SEGMENT})+")
_DECIMAL_RE = re.compile(r"0|[1-9][0-9]*")
_KEY_ID_HEX_RE = re.compile(r"[0-9a-f]{8}")

EM_DASH_SPACE = "\u2014 ".encode("utf-8")


class VerifyError(Exception):
    """Raised with a human-readable reason when any check fails."""


def fail(reason):
    raise VerifyError(reason)


# ---------------------------------------------------------------------------
# Primitives
# ---------------------------------------------------------------------------

def sha256(data):
    return hashlib.sha256(data).digest()


def b64decode_canonical(value, what):
    """Decode standard padded base64 and insist it is canonical [1]."""
    if not isinstance(value, str):
        fail(f"{what}: expected a base64 string")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        fail(f"{what}: invalid base64")
    if base64.b64encode(raw).decode("ascii") != value:
        fail(f"{what}: non-canonical base64")
    return raw


def b64encode(data):
    return base64.b64encode(data).decode("ascii")


def verify_ed25519(public_key, signature, message):
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def verify_mldsa65(public_key, signature, message):
    """ML-DSA-65 (FIPS 204) with the empty context string."""
    try:
        MLDSA65PublicKey.from_public_bytes(public_key).verify(signature, message, b"")
        return True
    except (InvalidSignature, ValueError):
        return False


# ---------------------------------------------------------------------------
# Names [2]
# ---------------------------------------------------------------------------

def is_side(name):
    return _SIDE_RE.fullmatch(name) is not None


def is_line(name):
    return 1 <= len(name) <= 64 and _LINE_RE.fullmatch(name) is not None


def is_track(name):
    return _TRACK_RE.fullmatch(name) is not None


def is_role(name):
    return (len(name) <= 128 and _ROLE_RE.fullmatch(name) is not None
            and is_side(name.split("/", 1)[0]))


# ---------------------------------------------------------------------------
# Entries [6]
# ---------------------------------------------------------------------------

class Reader:
    """Reads RFC 8446-style big-endian structures and reports the field on error."""

    def __init__(self, data, what):
        self.data = data
        self.pos = 0
        self.what = what

    def take(self, n, field):
        if self.pos + n > len(self.data):
            fail(f"{self.what}: truncated in {field}")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def uint(self, size, field):
        return int.from_bytes(self.take(size, field), "big")

    def opaque(self, low, high, field):
        prefix = 1 if high < 2**8 else 2 if high < 2**16 else 4
        length = self.uint(prefix, f"{field} length")
        if not low <= length <= high:
            fail(f"{self.what}: {field} length {length} outside {low}..{high}")
        return self.take(length, field)

    def name(self, low, high, field, check, syntax):
        raw = self.opaque(low, high, field)
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            fail(f"{self.what}: {field} is not ASCII")
        if raw and not check(text):
            fail(f"{self.what}: {field} {text!r} is not a valid {syntax}")
        return text

    def finish(self):
        if self.pos != len(self.data):
            fail(f"{self.what}: {len(self.data) - self.pos} trailing bytes")


@dataclass
class Reference:
    side: str
    sequence: int
    leaf_hash: bytes


@dataclass
class Entry:
    version: int
    sequence: int
    sender: str
    recipient: str
    line: str
    track: str
    kind: int
    precedence: int
    time: int
    author_role: str
    author_key_id: bytes
    references: list
    commitment: bytes
    content_hash: bytes
    content_length: int
    author_signature: bytes
    encoded_header: bytes


def decode_entry(data):
    """Strictly decode an entry, applying every MUST-reject rule of section 6."""
    if len(data) > MAX_ENTRY_BYTES:
        fail(f"entry: {len(data)} bytes, longer than the largest possible entry ({MAX_ENTRY_BYTES})")
    r = Reader(data, "entry")
    version = r.uint(1, "version")
    if version != 1:
        fail(f"entry: version {version}, expected 1")
    sequence = r.uint(8, "sequence")

    header_start = r.pos
    sender = r.name(1, 32, "sender", is_side, "side")
    recipient = r.name(1, 32, "recipient", is_side, "side")
    if recipient == sender:
        fail(f"entry: recipient equals sender ({sender!r})")
    line = r.name(1, 64, "line", is_line, "line")
    track = r.name(0, 64, "track", is_track, "track")
    kind = r.uint(2, "kind")
    if kind not in KINDS:
        fail(f"entry: unknown kind {kind}")
    precedence = r.uint(1, "precedence")
    if precedence not in PRECEDENCES:
        fail(f"entry: unknown precedence {precedence}")
    time_ms = r.uint(8, "time")
    author_role = r.name(3, 128, "author_role", is_role, "role")
    if author_role.split("/", 1)[0] != sender:
        fail(f"entry: author_role {author_role!r} is not a role of the sender {sender!r}")
    author_key_id = r.take(32, "author_key_id")

    reference_count = r.uint(1, "reference_count")
    if reference_count > MAX_REFERENCES:
        fail(f"entry: {reference_count} references, at most {MAX_REFERENCES} allowed")
    references = []
    seen = set()
    for i in range(reference_count):
        field = f"references[{i}]"
        side = r.name(1, 32, f"{field}.side", is_side, "side")
        ref_sequence = r.uint(8, f"{field}.sequence")
        leaf_hash = r.take(32, f"{field}.leaf_hash")
        if side not in (sender, recipient):
            fail(f"entry: {field} refers to side {side!r}, neither sender nor recipient")
        if side == sender and ref_sequence >= sequence:
            fail(f"entry: {field} refers to the sender's own log at sequence {ref_sequence}, "
                 f"not smaller than the entry's {sequence}")
        if (side, ref_sequence) in seen:
            fail(f"entry: {field} duplicates an earlier reference ({side}, {ref_sequence})")
        seen.add((side, ref_sequence))
        references.append(Reference(side, ref_sequence, leaf_hash))

    commitment = r.take(32, "commitment")
    content_hash = r.take(32, "content_hash")
    content_length = r.uint(4, "content_length")
    if content_length > MAX_CONTENT_LENGTH:
        fail(f"entry: content_length {content_length} over the limit {MAX_CONTENT_LENGTH}")
    encoded_header = data[header_start:r.pos]

    author_signature = r.take(64, "author_signature")
    r.finish()

    return Entry(version, sequence, sender, recipient, line, track, kind, precedence,
                 time_ms, author_role, author_key_id, references, commitment,
                 content_hash, content_length, author_signature, encoded_header)


# ---------------------------------------------------------------------------
# Keys [4.2], [4.3]
# ---------------------------------------------------------------------------

def is_key_name(name):
    """C2SP signed-note key names: non-empty UTF-8, no Unicode white space, no '+'."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return name != "" and "+" not in name and not any(ch.isspace() for ch in name)


def key_id(name, type_bytes, public_key):
    """key ID = SHA-256(key name || 0x0A || type bytes || public key)[:4]"""
    return sha256(name.encode("utf-8") + b"\n" + type_bytes + public_key)[:4]


@dataclass
class VKey:
    name: str
    key_id: bytes
    type_bytes: bytes
    public_key: bytes


def parse_vkey(vkey, what="vkey", types=None):
    """Parse <name>+<8 lowercase hex>+base64(type bytes || key) and check the key ID.

    `types` maps accepted type bytes to key lengths; the default is Hotline's three rows.
    """
    if types is None:
        types = HOTLINE_VKEY_TYPES
    if not isinstance(vkey, str):
        fail(f"{what}: expected a string")
    name, plus, rest = vkey.partition("+")
    if not plus or not is_key_name(name):
        fail(f"{what}: invalid key name")
    hex_id, plus, key_b64 = rest.partition("+")
    if not plus or _KEY_ID_HEX_RE.fullmatch(hex_id) is None:
        fail(f"{what}: key ID is not 8 lowercase hex digits")
    raw = b64decode_canonical(key_b64, f"{what} key")
    for type_bytes, key_length in types.items():
        if raw.startswith(type_bytes) and len(raw) == len(type_bytes) + key_length:
            break
    else:
        fail(f"{what}: unsupported signature type or wrong key length")
    public_key = raw[len(type_bytes):]
    if key_id(name, type_bytes, public_key) != bytes.fromhex(hex_id):
        fail(f"{what}: key ID {hex_id} does not match its name and key")
    return VKey(name, bytes.fromhex(hex_id), type_bytes, public_key)


def fingerprint(side, ed25519_public_key, mldsa65_public_key):
    """Section 4.3: six groups of five decimal digits."""
    d = sha256(FINGERPRINT_PREFIX + side.encode("ascii") + b"\n"
               + ed25519_public_key + mldsa65_public_key)
    groups = []
    for g in range(6):
        value = int.from_bytes(d[5 * g:5 * g + 5], "big") % 100000
        groups.append(f"{value:05d}")
    return " ".join(groups)


# ---------------------------------------------------------------------------
# Signed notes [5.1] and checkpoints [5.2]
# ---------------------------------------------------------------------------

@dataclass
class NoteSignature:
    name: str
    key_id: bytes
    signature: bytes   # the bytes after the key ID
    line: bytes        # the whole signature line without the newline


def parse_note(data):
    """Split a signed note into (text, [NoteSignature]); C2SP signed-note syntax."""
    if len(data) > MAX_NOTE_BYTES:
        fail(f"note: {len(data)} bytes, over {MAX_NOTE_BYTES}")
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        fail("note: not valid UTF-8")
    for ch in decoded:
        if ord(ch) < 0x20 and ch != "\n":
            fail(f"note: contains control character U+{ord(ch):04X}")
    split = data.rfind(b"\n\n")
    if split < 0:
        fail("note: no blank line before the signatures")
    text, signature_block = data[:split + 1], data[split + 2:]
    if not signature_block or not signature_block.endswith(b"\n"):
        fail("note: signature block is empty or does not end in a newline")
    lines = signature_block[:-1].split(b"\n")
    if len(lines) > MAX_NOTE_SIGNATURES:
        fail(f"note: {len(lines)} signature lines, more than {MAX_NOTE_SIGNATURES}")
    signatures = []
    for line in lines:
        if not line.startswith(EM_DASH_SPACE):
            fail("note: signature line does not start with an em dash and a space")
        name, space, sig_b64 = line[len(EM_DASH_SPACE):].decode("utf-8").partition(" ")
        if not space or not is_key_name(name):
            fail("note: malformed signature line or key name")
        raw = b64decode_canonical(sig_b64, f"note signature of {name}")
        if len(raw) < 5:
            fail(f"note: signature of {name} shorter than 5 bytes")
        signatures.append(NoteSignature(name, raw[:4], raw[4:], line))
    return text, signatures


def open_note(data, verifiers):
    """Generic signed-note opening (C2SP / golang.org/x/mod/sumdb/note semantics).

    `verifiers` maps (name, key_id) to a function verify(text, signature) -> bool.
    Returns (text, verified, unverified), each a list of NoteSignature with exact
    duplicates removed. Signatures from unknown keys are ignored; one from a known
    key that fails rejects the note; a note with no verified signature is rejected.
    """
    text, signatures = parse_note(data)
    verified, unverified, seen = [], [], set()
    for sig in signatures:
        if sig.line in seen:
            continue
        seen.add(sig.line)
        check = verifiers.get((sig.name, sig.key_id))
        if check is None:
            unverified.append(sig)
        elif check(text, sig.signature):
            verified.append(sig)
        else:
            fail(f"note: invalid signature for key {sig.name}+{sig.key_id.hex()}")
    if not verified:
        fail("note: no verifiable signatures")
    return text, verified, unverified


@dataclass
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: list


def parse_checkpoint_text(text):
    """Parse the note text of a C2SP checkpoint [5.2]."""
    lines = text.decode("utf-8")[:-1].split("\n")
    if len(lines) < 3:
        fail("checkpoint: fewer than three lines")
    origin, size_text, root_text = lines[:3]
    extensions = lines[3:]
    if origin == "":
        fail("checkpoint: empty origin")
    if _DECIMAL_RE.fullmatch(size_text) is None:
        fail(f"checkpoint: tree size {size_text!r} is not a decimal without leading zeroes")
    size = int(size_text)
    if size >= 2**64:
        fail("checkpoint: tree size does not fit in 64 bits")
    root = b64decode_canonical(root_text, "checkpoint root hash")
    if len(root) != 32:
        fail(f"checkpoint: root hash is {len(root)} bytes, expected 32")
    if any(line == "" for line in extensions):
        fail("checkpoint: empty extension line")
    return Checkpoint(origin, size, root, extensions)


def subtree_message(cosigner_name, timestamp, origin, start, end, root):
    """The tlog-cosignature `cosigned_message` (subtree/v1) [4.1]."""
    name = cosigner_name.encode("utf-8")
    log_origin = origin.encode("utf-8")
    if not 1 <= len(name) <= 255 or not 1 <= len(log_origin) <= 255:
        fail("subtree/v1: cosigner name or origin length outside 1..255")
    if len(root) != 32:
        fail("subtree/v1: hash must be 32 bytes")
    return (SUBTREE_LABEL
            + bytes([len(name)]) + name
            + timestamp.to_bytes(8, "big")
            + bytes([len(log_origin)]) + log_origin
            + start.to_bytes(8, "big")
            + end.to_bytes(8, "big")
            + root)


def cosignature_v1_message(timestamp, text):
    """The tlog-cosignature Ed25519 signed message."""
    return b"cosignature/v1\ntime " + str(timestamp).encode("ascii") + b"\n" + text


def verify_receipt(note_data, origin, sender_keys, recipient_name, recipient_keys):
    """Section 5.4: both sender log signatures and both recipient cosignatures.

    sender_keys / recipient_keys map type bytes to VKey. Returns (Checkpoint, T).
    """
    text, signatures = parse_note(note_data)
    checkpoint = parse_checkpoint_text(text)
    if checkpoint.origin != origin:
        fail(f"checkpoint: origin {checkpoint.origin!r}, expected {origin!r}")

    # The four keys we know; every other signature line is ignored [5.1].
    roles = {
        (origin, sender_keys[TYPE_ED25519].key_id):
            ("sender Ed25519 signature", sender_keys[TYPE_ED25519]),
        (origin, sender_keys[TYPE_MLDSA65].key_id):
            ("sender ML-DSA-65 signature", sender_keys[TYPE_MLDSA65]),
        (recipient_name, recipient_keys[TYPE_COSIGNATURE_V1].key_id):
            ("recipient Ed25519 cosignature", recipient_keys[TYPE_COSIGNATURE_V1]),
        (recipient_name, recipient_keys[TYPE_MLDSA65].key_id):
            ("recipient ML-DSA-65 cosignature", recipient_keys[TYPE_MLDSA65]),
    }
    timestamps = {}
    for sig in signatures:
        known = roles.get((sig.name, sig.key_id))
        if known is None:
            continue
        label, key = known
        if label in timestamps:
            fail(f"checkpoint: more than one signature line for the {label}")
        is_sender = sig.name == origin
        if key.type_bytes == TYPE_ED25519:
            if len(sig.signature) != ED25519_SIG_BYTES:
                fail(f"checkpoint: {label} has {len(sig.signature)} bytes, expected 64")
            timestamp = None
            message = text
            ok = verify_ed25519(key.public_key, sig.signature, message)
        else:
            sig_length = ED25519_SIG_BYTES if key.type_bytes == TYPE_COSIGNATURE_V1 else MLDSA65_SIG_BYTES
            if len(sig.signature) != 8 + sig_length:
                fail(f"checkpoint: {label} has {len(sig.signature)} bytes, expected {8 + sig_length}")
            timestamp = int.from_bytes(sig.signature[:8], "big")
            signature = sig.signature[8:]
            if is_sender:
                if timestamp != 0:
                    fail(f"checkpoint: {label} carries timestamp {timestamp}, expected 0")
            elif not 1 <= timestamp <= MAX_COSIGNATURE_TIME:
                fail(f"checkpoint: {label} timestamp {timestamp} outside 1..2^63-1")
            if key.type_bytes == TYPE_COSIGNATURE_V1:
                ok = verify_ed25519(key.public_key, signature, cosignature_v1_message(timestamp, text))
            else:
                message = subtree_message(sig.name, timestamp, checkpoint.origin, 0,
                                          checkpoint.size, checkpoint.root)
                ok = verify_mldsa65(key.public_key, signature, message)
        if not ok:
            fail(f"checkpoint: {label} does not verify")
        timestamps[label] = timestamp

    for label, _ in roles.values():
        if label not in timestamps:
            fail(f"checkpoint: missing the {label}")
    t_ed = timestamps["recipient Ed25519 cosignature"]
    t_ml = timestamps["recipient ML-DSA-65 cosignature"]
    if t_ed != t_ml:
        fail(f"checkpoint: recipient cosignatures carry different timestamps ({t_ed} and {t_ml})")
    return checkpoint, t_ed


# ---------------------------------------------------------------------------
# Merkle trees (RFC 9162 section 2.1)
# ---------------------------------------------------------------------------

def leaf_hash(leaf):
    return sha256(b"\x00" + leaf)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def verify_inclusion(leaf, index, tree_size, proof, root):
    """RFC 9162 section 2.1.3.2; `leaf` is the leaf hash."""
    if index >= tree_size:
        return False
    fn, sn, r = index, tree_size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


# ---------------------------------------------------------------------------
# Bundles [9]
# ---------------------------------------------------------------------------

REQUIRED_FIELDS = ("format", "entry", "index", "treeSize", "inclusionProof",
                   "checkpoint", "senderKeys", "recipientKeys", "authorKey")
OPTIONAL_FIELDS = ("plaintext",)


def _reject_duplicate_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate JSON key {key!r}")
        obj[key] = value
    return obj


def _reject_constant(name):
    raise ValueError(f"non-standard JSON value {name}")


def strict_json(data, what):
    """UTF-8 JSON, no duplicate keys, no NaN/Infinity."""
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_reject_duplicate_keys,
                          parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        fail(f"{what}: not strict UTF-8 JSON ({e})")


def _uint64(value, field):
    if type(value) is not int or not 0 <= value < 2**64:
        fail(f"bundle: {field} must be an integer in 0..2^64-1")
    return value


def _string(value, field):
    if type(value) is not str:
        fail(f"bundle: {field} must be a string")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        fail(f"bundle: {field} is not valid Unicode")


def _key_pair(value, field, name, types):
    """Two vkeys named `name`, one of each type in `types` (any order)."""
    if type(value) is not list or len(value) != 2:
        fail(f"step 3 (keys): {field} must be an array of 2 vkeys")
    keys = {}
    for i, item in enumerate(value):
        key = parse_vkey(item, f"step 3 (keys): {field}[{i}]")
        if key.name != name:
            fail(f"step 3 (keys): {field}[{i}] is named {key.name!r}, expected {name!r}")
        if key.type_bytes not in types:
            fail(f"step 3 (keys): {field}[{i}] has type {TYPE_NAMES[key.type_bytes]}, "
                 f"expected one of {', '.join(TYPE_NAMES[t] for t in types)}")
        if key.type_bytes in keys:
            fail(f"step 3 (keys): {field} holds two {TYPE_NAMES[key.type_bytes]} keys")
        keys[key.type_bytes] = key
    return keys


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def _utc_ms(milliseconds):
    """ISO 8601 UTC for a count of milliseconds since the epoch."""
    try:
        moment = _EPOCH + datetime.timedelta(milliseconds=milliseconds)
    except OverflowError:
        return f"{milliseconds} ms after the epoch"
    spec = "milliseconds" if milliseconds % 1000 else "seconds"
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


@dataclass
class Result:
    entry: Entry
    index: int
    tree_size: int
    cosigned_at: int
    plaintext_checked: bool
    sender_fingerprint: str
    recipient_fingerprint: str

    def sentence(self):
        e = self.entry
        plaintext = ("the disclosed plaintext matches its commitment"
                     if self.plaintext_checked else "no plaintext disclosed")
        track = f", track {e.track}" if e.track else ""
        return (f"entry {self.index} of {e.sender}'s log to {e.recipient} "
                f"({KINDS[e.kind]}, {PRECEDENCES[e.precedence]}, line {e.line}{track}), signed by {e.author_role} at {_utc_ms(e.time)}, "
                f"was received by {e.recipient} as of {_utc_ms(self.cosigned_at * 1000)} (T={self.cosigned_at}), "
                f"when {e.recipient} held {self.tree_size} entries of that log; {plaintext}; "
                f"fingerprints {e.sender}: {self.sender_fingerprint}, "
                f"{e.recipient}: {self.recipient_fingerprint}")


def verify_bundle_bytes(data):
    """Verify an evidence bundle given as bytes. Returns Result or raises VerifyError."""
    if len(data) > MAX_BUNDLE_BYTES:
        fail(f"bundle: {len(data)} bytes, over 24 MiB")
    bundle = strict_json(data, "bundle")
    if type(bundle) is not dict:
        fail("bundle: not a JSON object")
    unknown = sorted(set(bundle) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        fail(f"bundle: unknown field(s) {', '.join(unknown)}")
    missing = [f for f in REQUIRED_FIELDS if f not in bundle]
    if missing:
        fail(f"bundle: missing field(s) {', '.join(missing)}")
    if bundle["format"] != BUNDLE_FORMAT:
        fail(f"bundle: format is not {BUNDLE_FORMAT!r}")

    # Step 1: the entry, and its sequence equals index.
    index = _uint64(bundle["index"], "index")
    entry_bytes = b64decode_canonical(bundle["entry"], "step 1 (entry): entry")
    try:
        entry = decode_entry(entry_bytes)
    except VerifyError as e:
        fail(f"step 1 (entry): {e}")
    if entry.sequence != index:
        fail(f"step 1 (entry): sequence {entry.sequence} does not equal index {index}")

    # Step 2: the checkpoint note and text, origin hotline/<sender>/<recipient>.
    origin = f"hotline/{entry.sender}/{entry.recipient}"
    recipient_name = f"hotline/{entry.recipient}"
    note_data = _string(bundle["checkpoint"], "checkpoint")
    try:
        text, _ = parse_note(note_data)
        checkpoint = parse_checkpoint_text(text)
    except VerifyError as e:
        fail(f"step 2 (checkpoint): {e}")
    if checkpoint.origin != origin:
        fail(f"step 2 (checkpoint): origin {checkpoint.origin!r}, expected {origin!r}")
    if checkpoint.extensions:
        # Section 5.2: Hotline checkpoints carry no extension lines (ML-DSA would not cover them).
        fail("step 2 (checkpoint): extension lines are not allowed in Hotline checkpoints")

    # Step 3: the four vkeys.
    sender_keys = _key_pair(bundle["senderKeys"], "senderKeys", origin,
                            (TYPE_ED25519, TYPE_MLDSA65))
    recipient_keys = _key_pair(bundle["recipientKeys"], "recipientKeys", recipient_name,
                               (TYPE_COSIGNATURE_V1, TYPE_MLDSA65))
    # Section 9 step 3: a side cannot give itself a receipt.
    if (sender_keys[TYPE_ED25519].public_key == recipient_keys[TYPE_COSIGNATURE_V1].public_key
            or sender_keys[TYPE_MLDSA65].public_key == recipient_keys[TYPE_MLDSA65].public_key):
        fail("step 3 (keys): the sender's and the recipient's keys are the same keys")

    # Step 4: the checkpoint as a receipt.
    try:
        checkpoint, cosigned_at = verify_receipt(note_data, origin, sender_keys,
                                                 recipient_name, recipient_keys)
    except VerifyError as e:
        fail(f"step 4 (receipt): {e}")

    # Step 5: treeSize and the inclusion proof.
    tree_size = _uint64(bundle["treeSize"], "treeSize")
    if tree_size != checkpoint.size:
        fail(f"step 5 (inclusion): treeSize {tree_size} does not equal the checkpoint's size {checkpoint.size}")
    proof_value = bundle["inclusionProof"]
    if type(proof_value) is not list or len(proof_value) > MAX_PROOF_HASHES:
        fail(f"step 5 (inclusion): inclusionProof must be an array of at most {MAX_PROOF_HASHES} hashes")
    proof = []
    for i, item in enumerate(proof_value):
        h = b64decode_canonical(item, f"step 5 (inclusion): inclusionProof[{i}]")
        if len(h) != 32:
            fail(f"step 5 (inclusion): inclusionProof[{i}] is {len(h)} bytes, expected 32")
        proof.append(h)
    if index >= tree_size:
        fail(f"step 5 (inclusion): index {index} is not below treeSize {tree_size}")
    if not verify_inclusion(leaf_hash(entry_bytes), index, tree_size, proof, checkpoint.root):
        fail(f"step 5 (inclusion): the inclusion proof of entry {index} does not lead to the checkpoint's root")

    # Step 6: author key ID and author signature.
    author_key = b64decode_canonical(bundle["authorKey"], "step 6 (author): authorKey")
    if len(author_key) != ED25519_KEY_BYTES:
        fail(f"step 6 (author): authorKey is {len(author_key)} bytes, expected 32")
    if sha256(AUTHOR_KEY_ALGORITHM_ED25519 + author_key) != entry.author_key_id:
        fail("step 6 (author): SHA-256(0x01 || authorKey) does not equal the entry's author_key_id")
    if not verify_ed25519(author_key, entry.author_signature,
                          ENTRY_SIGNATURE_PREFIX + entry.encoded_header):
        fail("step 6 (author): the author's signature does not verify")

    # Step 7: the optional plaintext.
    plaintext_checked = False
    if "plaintext" in bundle:
        plaintext = b64decode_canonical(bundle["plaintext"], "step 7 (plaintext): plaintext")
        if len(plaintext) > MAX_PLAINTEXT_BYTES:
            fail("step 7 (plaintext): plaintext over 16 MiB")
        document = strict_json(plaintext, "step 7 (plaintext): plaintext")
        if type(document) is not dict:
            fail("step 7 (plaintext): plaintext is not a JSON object")
        if "salt" not in document:
            fail("step 7 (plaintext): plaintext has no salt")
        salt = b64decode_canonical(document["salt"], "step 7 (plaintext): salt")
        if len(salt) != 32:
            fail(f"step 7 (plaintext): salt is {len(salt)} bytes, expected 32")
        if sha256(COMMITMENT_PREFIX + plaintext) != entry.commitment:
            fail("step 7 (plaintext): the plaintext does not match the entry's commitment")
        plaintext_checked = True

    return Result(
        entry=entry, index=index, tree_size=tree_size, cosigned_at=cosigned_at,
        plaintext_checked=plaintext_checked,
        sender_fingerprint=fingerprint(entry.sender, sender_keys[TYPE_ED25519].public_key,
                                       sender_keys[TYPE_MLDSA65].public_key),
        recipient_fingerprint=fingerprint(entry.recipient,
                                          recipient_keys[TYPE_COSIGNATURE_V1].public_key,
                                          recipient_keys[TYPE_MLDSA65].public_key),
    )


def verify_bundle_file(path):
    with open(path, "rb") as f:
        data = f.read(MAX_BUNDLE_BYTES + 1)
    return verify_bundle_bytes(data)


def main(argv):
    if len(argv) < 2:
        print(f"usage: {argv[0]} BUNDLE.json [BUNDLE.json ...]", file=sys.stderr)
        return 2
    all_ok = True
    for path in argv[1:]:
        try:
            result = verify_bundle_file(path)
        except VerifyError as e:
            print(f"FAIL {path}: {e}")
            all_ok = False
        except OSError as e:
            print(f"FAIL {path}: cannot read ({e.strerror or e})")
            all_ok = False
        except Exception as e:  # a bug here must never look like success
            print(f"FAIL {path}: unexpected error {type(e).__name__}: {e}")
            all_ok = False
        else:
            print(f"OK {path}: {result.sentence()}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
