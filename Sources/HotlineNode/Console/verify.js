// Verifies an evidence bundle (PROTOCOL section 9) in the page, with WebCrypto only: the leaf
// and its inclusion proof, the sender's checkpoint signatures, the recipient's cosignatures and
// the author's signature. Byte formats as in tools/independent-verifier/verify_bundle.py.
import { enc, dec, fromBase64, toHex, concat, sha256, equalBytes } from "./crypto.js";

const TYPE_ED25519 = new Uint8Array([0x01]);
const TYPE_COSIGNATURE = new Uint8Array([0x04]);
const TYPE_MLDSA65 = concat(new Uint8Array([0xff]), enc.encode("hotline.mldsa65.subtree/v1"));
const MLDSA65_KEY = 1952;
const MLDSA65_SIG = 3309;
const EM_DASH = "\u2014 ";

function u64(value) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

/** The entry's fields that the checks and the sentence need (PROTOCOL section 6). */
export function decodeEntry(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n) => { if (at + n > bytes.length) throw new Error("entry truncated"); };
  const u8 = () => { need(1); return view.getUint8(at++); };
  const raw = (n) => { need(n); const v = bytes.slice(at, at + n); at += n; return v; };
  const name = () => dec.decode(raw(u8()));
  const version = u8();
  if (version !== 1) throw new Error(`entry version ${version}`);
  need(8); const sequence = Number(view.getBigUint64(at)); at += 8;
  const headerStart = at;
  const entry = { sequence, sender: name(), recipient: name(), line: name(), track: name() };
  need(2); entry.kind = view.getUint16(at); at += 2;
  entry.precedence = u8();
  need(8); entry.time = Number(view.getBigUint64(at)); at += 8;
  entry.role = name();
  entry.authorKeyID = raw(32);
  const count = u8();
  for (let i = 0; i < count; i++) { name(); raw(8); raw(32); }
  entry.commitment = raw(32);
  raw(32); raw(4);
  entry.header = bytes.slice(headerStart, at);
  entry.signature = raw(64);
  if (at !== bytes.length) throw new Error("entry has trailing bytes");
  return entry;
}

async function keyID(name, type, key) {
  return (await sha256(concat(enc.encode(name + "\n"), type, key))).slice(0, 4);
}

async function parseVKey(vkey) {
  // The base64 may itself contain "+": split only at the first two.
  const first = vkey.indexOf("+");
  const second = first < 0 ? -1 : vkey.indexOf("+", first + 1);
  if (second < 0) throw new Error("malformed vkey");
  const name = vkey.slice(0, first), hex = vkey.slice(first + 1, second), b64 = vkey.slice(second + 1);
  if (!name || !/^[0-9a-f]{8}$/.test(hex)) throw new Error("malformed vkey");
  const raw = fromBase64(b64);
  let type;
  if (raw.length === 33 && (raw[0] === 0x01 || raw[0] === 0x04)) type = raw.slice(0, 1);
  else if (raw.length === TYPE_MLDSA65.length + MLDSA65_KEY && equalBytes(raw.slice(0, TYPE_MLDSA65.length), TYPE_MLDSA65)) type = TYPE_MLDSA65;
  else throw new Error("unsupported vkey type");
  const key = raw.slice(type.length);
  if (toHex(await keyID(name, type, key)) !== hex) throw new Error(`key ID ${hex} does not match ${name}`);
  return { name, id: hex, type, key };
}

function parseNote(note) {
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw new Error("no blank line in the note");
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2).replace(/\n$/, "").split("\n");
  const signatures = lines.map((line) => {
    if (!line.startsWith(EM_DASH)) throw new Error("malformed signature line");
    const [name, b64, ...rest] = line.slice(EM_DASH.length).split(" ");
    if (rest.length) throw new Error("malformed signature line");
    const bytes = fromBase64(b64);
    if (bytes.length < 5) throw new Error("short signature");
    return { name, id: toHex(bytes.slice(0, 4)), body: bytes.slice(4) };
  });
  const textLines = text.split("\n");
  if (textLines.length !== 4 || textLines[3] !== "") throw new Error("the checkpoint has extension lines or is malformed");
  const [origin, sizeText, rootText] = textLines;
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new Error("bad checkpoint size");
  const root = fromBase64(rootText);
  if (root.length !== 32) throw new Error("bad checkpoint root");
  return { text, origin, size: Number(sizeText), root, signatures };
}

function subtreeMessage(cosigner, timestamp, origin, size, root) {
  const name = enc.encode(cosigner);
  const log = enc.encode(origin);
  return concat(enc.encode("subtree/v1\n"), new Uint8Array([0]), new Uint8Array([name.length]), name, u64(timestamp),
    new Uint8Array([log.length]), log, u64(0), u64(size), root);
}

async function ed25519Verify(key, signature, message) {
  const imported = await crypto.subtle.importKey("raw", key, { name: "Ed25519" }, false, ["verify"]);
  return crypto.subtle.verify({ name: "Ed25519" }, imported, signature, message);
}

/** true/false, or null when this browser's WebCrypto cannot verify ML-DSA-65. */
async function mldsaVerify(key, signature, message) {
  let imported;
  try {
    imported = await crypto.subtle.importKey("raw-public", key, { name: "ML-DSA-65" }, false, ["verify"]);
  } catch (error) {
    // Only an unknown algorithm means "cannot check here"; a malformed key is a failure.
    if (error && error.name === "NotSupportedError") return null;
    throw error;
  }
  return crypto.subtle.verify({ name: "ML-DSA-65" }, imported, signature, message);
}

/** RFC 9162 section 2.1.3.2: the root computed from the leaf hash and the audit path, or null. */
async function rootFromProof(index, size, leafHash, path) {
  if (index >= size) return null;
  let fn = index, sn = size - 1, r = leafHash;
  const node = async (a, b) => sha256(concat(new Uint8Array([1]), a, b));
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await node(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await node(r, p);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/**
 * The receipt's checks, shared by bundles and answers (PROTOCOL 5.4): the four keys, the
 * sender's Ed25519 and the recipient's cosignature on the checkpoint `note`, and both ML-DSA-65
 * signatures. `source` holds senderKeys and recipientKeys. Returns the cosignature's time
 * (seconds, BigInt) or null.
 */
async function receiptChecks(attempt, note, source, sender, recipient) {
  const keys = {};
  await attempt("keys", async () => {
    const senderKeys = await Promise.all(source.senderKeys.map(parseVKey));
    const recipientKeys = await Promise.all(source.recipientKeys.map(parseVKey));
    const origin = note && note.origin;
    keys.senderEd = senderKeys.find((k) => k.name === origin && equalBytes(k.type, TYPE_ED25519));
    keys.senderML = senderKeys.find((k) => k.name === origin && k.type === TYPE_MLDSA65);
    const cosigner = recipient ? `hotline/${recipient}` : "";
    keys.recipientEd = recipientKeys.find((k) => k.name === cosigner && equalBytes(k.type, TYPE_COSIGNATURE));
    keys.recipientML = recipientKeys.find((k) => k.name === cosigner && k.type === TYPE_MLDSA65);
    const complete = keys.senderEd && keys.senderML && keys.recipientEd && keys.recipientML;
    const distinct = complete && !equalBytes(keys.senderEd.key, keys.recipientEd.key) && !equalBytes(keys.senderML.key, keys.recipientML.key);
    return [Boolean(complete && distinct), complete ? (distinct ? "" : "sender and recipient keys are the same") : "a key is missing or misnamed"];
  });
  const lineFor = (key) => {
    if (!note || !key) throw new Error("no checkpoint or key");
    const found = note.signatures.filter((s) => s.name === key.name && s.id === key.id);
    if (found.length !== 1) throw new Error(`${found.length} signature lines for ${key.name}`);
    return found[0].body;
  };
  await attempt("senderSignature", async () => {
    const body = lineFor(keys.senderEd);
    if (body.length !== 64) return [false, "wrong signature length"];
    return [await ed25519Verify(keys.senderEd.key, body, enc.encode(note.text)), ""];
  });
  let time = null;
  await attempt("cosignature", async () => {
    const body = lineFor(keys.recipientEd);
    if (body.length !== 72) return [false, "wrong cosignature length"];
    const timestamp = new DataView(body.buffer, body.byteOffset).getBigUint64(0);
    if (timestamp < 1n) return [false, "timestamp 0"];
    time = timestamp;
    const message = concat(enc.encode(`cosignature/v1\ntime ${timestamp}\n`), enc.encode(note.text));
    return [await ed25519Verify(keys.recipientEd.key, body.slice(8), message), ""];
  });
  await attempt("mldsa", async () => {
    const senderLine = lineFor(keys.senderML);
    const recipientLine = lineFor(keys.recipientML);
    if (senderLine.length !== 8 + MLDSA65_SIG || recipientLine.length !== 8 + MLDSA65_SIG) return [false, "wrong signature length"];
    const senderTime = new DataView(senderLine.buffer, senderLine.byteOffset).getBigUint64(0);
    const recipientTime = new DataView(recipientLine.buffer, recipientLine.byteOffset).getBigUint64(0);
    if (senderTime !== 0n) return [false, "the sender's ML-DSA-65 line carries a timestamp"];
    if (time === null || recipientTime !== time) return [false, "the two cosignatures carry different timestamps"];
    const a = await mldsaVerify(keys.senderML.key, senderLine.slice(8), subtreeMessage(note.origin, 0, note.origin, note.size, note.root));
    if (a === null) return [null, ""];
    const b = await mldsaVerify(keys.recipientML.key, recipientLine.slice(8), subtreeMessage(keys.recipientML.name, recipientTime, note.origin, note.size, note.root));
    return [a && b, a ? (b ? "" : "recipient") : "sender"];
  });
  return time;
}

/** A collector of checks: `attempt(id, action)` runs an action returning [ok, detail]. */
function checkList() {
  const checks = [];
  const add = (id, ok, detail = "") => checks.push({ id, ok, detail });
  const attempt = async (id, action) => {
    try { const [ok, detail] = await action(); add(id, ok, detail); } catch (error) { add(id, false, error.message); }
  };
  return { checks, attempt };
}

/**
 * Verifies `bundle` (the parsed JSON). Returns {checks: [{id, ok (true/false/null), detail}],
 * ok, facts}. ok is true only if every check passed; a null check (not checked in this browser)
 * does not make it false but is reported as such.
 */
export async function verifyBundle(bundle) {
  const { checks, attempt } = checkList();
  let entry = null, note = null, bytes = null;
  await attempt("entry", async () => {
    bytes = fromBase64(bundle.entry);
    entry = decodeEntry(bytes);
    return [entry.sequence === bundle.index, entry.sequence === bundle.index ? "" : `sequence ${entry.sequence} ≠ index ${bundle.index}`];
  });
  await attempt("checkpoint", async () => {
    note = parseNote(bundle.checkpoint);
    const origin = entry ? `hotline/${entry.sender}/${entry.recipient}` : null;
    const problems = [];
    if (note.origin !== origin) problems.push(`origin ${note.origin}`);
    if (note.size !== bundle.treeSize) problems.push(`size ${note.size} ≠ treeSize ${bundle.treeSize}`);
    return [problems.length === 0, problems.join("; ")];
  });
  const time = await receiptChecks(attempt, note, bundle, entry ? entry.sender : null, entry ? entry.recipient : null);
  await attempt("inclusion", async () => {
    const leafHash = await sha256(concat(new Uint8Array([0]), bytes));
    const path = bundle.inclusionProof.map(fromBase64);
    if (path.length > 64) return [false, "proof too long"];
    const root = await rootFromProof(bundle.index, bundle.treeSize, leafHash, path);
    return [Boolean(root && note && equalBytes(root, note.root)), root ? "" : "malformed proof"];
  });
  await attempt("author", async () => {
    const key = fromBase64(bundle.authorKey);
    if (key.length !== 32) return [false, "author key length"];
    const id = await sha256(concat(new Uint8Array([1]), key));
    if (!equalBytes(id, entry.authorKeyID)) return [false, "author key ID differs"];
    return [await ed25519Verify(key, entry.signature, concat(enc.encode("hotline/entry/v1\n"), entry.header)), ""];
  });
  const ok = checks.every((c) => c.ok !== false);
  const facts = entry && note ? { index: bundle.index, sender: entry.sender, recipient: entry.recipient, role: entry.role,
    signedAt: new Date(entry.time).toISOString(), receivedAt: time === null ? null : new Date(Number(time) * 1000).toISOString(),
    treeSize: note.size } : null;
  return { checks, ok, facts };
}

export const KIND_CODES = { "message": 1, "formal-note": 2, "proposal": 3, "reply": 4, "meeting-request": 5,
  "meeting-confirmation": 6, "minutes": 7, "acknowledgement": 8, "translation": 9, "role-grant": 16,
  "role-handover": 17, "key-revocation": 18, "line-charter": 32, "line-acceptance": 33 };

/** RFC 9162 section 2.1.1: the root of the tree over `leafHashes`, built as a stack of full subtrees. */
async function merkleRoot(leafHashes) {
  if (!leafHashes.length) return sha256(new Uint8Array(0));
  const node = (a, b) => sha256(concat(new Uint8Array([1]), a, b));
  const stack = [];
  for (const hash of leafHashes) {
    let item = { hash, size: 1 };
    while (stack.length && stack[stack.length - 1].size === item.size) {
      const left = stack.pop();
      item = { hash: await node(left.hash, item.hash), size: left.size * 2 };
    }
    stack.push(item);
  }
  let root = stack.pop().hash;
  while (stack.length) root = await node(stack.pop().hash, root);
  return root;
}

/** PROTOCOL 9.1: whether an entry's signed header may answer the question. */
function headerMatches(question, entry) {
  return entry.sender === question.sender
    && (question.kind === undefined || entry.kind === KIND_CODES[question.kind])
    && (question.stages === undefined || entry.kind === KIND_CODES.proposal)
    && (question.line === undefined || entry.line === question.line)
    && (question.track === undefined || entry.track === question.track)
    && (question.signedFrom === undefined || entry.time >= question.signedFrom)
    && (question.signedUntil === undefined || entry.time < question.signedUntil);
}

function contentMatches(question, content) {
  if (question.stages !== undefined && !(content.proposal && content.proposal.stages.length === question.stages)) return false;
  if (question.subject !== undefined && !(content.subject || "").toLocaleLowerCase().includes(question.subject.toLocaleLowerCase())) return false;
  return true;
}

/**
 * Verifies a record answer (PROTOCOL 9.1) in the page: the receipt, that the entries are exactly
 * the sender's log below the checkpoint (their leaves give its root), the disclosed plaintexts
 * against their commitments (and nothing more disclosed), and that `matches` are exactly the
 * entries that answer the question. Returns {checks, ok, facts} as verifyBundle does.
 */
export async function verifyAnswer(answer) {
  const { checks, attempt } = checkList();
  const question = answer.question || {};
  let note = null, sender = null, recipient = null;
  await attempt("answerCheckpoint", async () => {
    note = parseNote(answer.checkpoint);
    const parts = note.origin.split("/");
    if (parts.length !== 3 || parts[0] !== "hotline") return [false, `origin ${note.origin}`];
    [sender, recipient] = [parts[1], parts[2]];
    return [sender === question.sender, sender === question.sender ? "" : `the question is about ${question.sender}, the checkpoint of ${note.origin}`];
  });
  const time = await receiptChecks(attempt, note, answer, sender, recipient);
  const decoded = [];
  await attempt("answerEntries", async () => {
    if (!note) return [false, "no checkpoint"];
    if (answer.entries.length !== note.size) return [false, `${answer.entries.length} entries for a checkpoint of ${note.size}`];
    for (const [index, text] of answer.entries.entries()) {
      const bytes = fromBase64(text);
      const entry = decodeEntry(bytes);
      if (entry.sequence !== index || entry.sender !== sender || entry.recipient !== recipient) {
        return [false, `entry ${index} is entry ${entry.sequence} from ${entry.sender} to ${entry.recipient}`];
      }
      entry.leafHash = await sha256(concat(new Uint8Array([0]), bytes));
      decoded.push(entry);
    }
    return [true, ""];
  });
  await attempt("answerRoot", async () => {
    if (!note || decoded.length !== note.size) return [false, "the entries are incomplete"];
    return [equalBytes(await merkleRoot(decoded.map((e) => e.leafHash)), note.root), ""];
  });
  const found = [];
  await attempt("answerDisclosed", async () => {
    const disclosed = answer.disclosed || {};
    const needsContent = question.stages !== undefined || question.subject !== undefined;
    const needed = new Set();
    for (const entry of decoded) {
      if (!headerMatches(question, entry)) continue;
      if (needsContent) {
        needed.add(String(entry.sequence));
        const text = disclosed[String(entry.sequence)];
        if (text === undefined) return [false, `entry ${entry.sequence} may answer the question; its plaintext is not disclosed`];
        const plaintext = fromBase64(text);
        const commitment = await sha256(concat(enc.encode("hotline/commitment/v1\n"), plaintext));
        if (!equalBytes(commitment, entry.commitment)) return [false, `the plaintext of entry ${entry.sequence} is not the one its author committed to`];
        if (!contentMatches(question, JSON.parse(dec.decode(plaintext)))) continue;
      }
      found.push(entry.sequence);
    }
    const extra = Object.keys(disclosed).find((k) => !needed.has(k));
    return [extra === undefined, extra === undefined ? "" : `entry ${extra} is disclosed but not needed to answer`];
  });
  await attempt("answerMatches", async () => {
    const claimed = (answer.matches || []).map(Number);
    const same = claimed.length === found.length && claimed.every((n, i) => n === found[i]);
    return [same, same ? "" : `the answer claims [${claimed.join(", ")}], the record shows [${found.join(", ")}]`];
  });
  const ok = checks.every((c) => c.ok !== false);
  const facts = note ? { sender, recipient, size: note.size, matches: found, question,
    asOf: time === null ? null : new Date(Number(time) * 1000).toISOString() } : null;
  return { checks, ok, facts };
}

function base64(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * For the end-to-end test (window.hotlineTestTamper): a copy of `bundle` with one byte flipped in
 * the part that `mode` names: "entry" (a header byte, under the author's signature), "proof",
 * "senderSignature", "cosignature", "mldsaSender" or "mldsaRecipient" (the last signature byte).
 */
export function tamperBundle(bundle, mode = "entry") {
  if (mode === true || mode === "entry") {
    const bytes = fromBase64(bundle.entry);
    bytes[bytes.length - 65] ^= 0x01;
    return { ...bundle, entry: base64(bytes) };
  }
  if (mode === "proof") {
    const proof = bundle.inclusionProof.map(fromBase64);
    if (proof.length) proof[0][0] ^= 0x01;
    return { ...bundle, inclusionProof: proof.map(base64) };
  }
  const origin = bundle.checkpoint.split("\n")[0];
  const cosigner = "hotline/" + origin.split("/")[2];
  const wanted = { senderSignature: [origin, 68], cosignature: [cosigner, 76],
    mldsaSender: [origin, 4 + 8 + MLDSA65_SIG], mldsaRecipient: [cosigner, 4 + 8 + MLDSA65_SIG] }[mode];
  if (!wanted) throw new Error(`unknown tampering ${mode}`);
  const split = bundle.checkpoint.lastIndexOf("\n\n") + 2;
  const lines = bundle.checkpoint.slice(split).split("\n").map((line) => {
    const [name, b64] = line.slice(EM_DASH.length).split(" ");
    if (!line.startsWith(EM_DASH) || name !== wanted[0]) return line;
    const bytes = fromBase64(b64);
    if (bytes.length !== wanted[1]) return line;
    bytes[bytes.length - 1] ^= 0x01;
    return `${EM_DASH}${name} ${base64(bytes)}`;
  });
  return { ...bundle, checkpoint: bundle.checkpoint.slice(0, split) + lines.join("\n") };
}
