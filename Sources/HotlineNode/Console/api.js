// The node's client API (/api/v1), every request signed RFC 9421 exactly as the Swift client
// does (Sources/HotlineClient/NodeClient.swift, Sources/HTTPMessageSignatures/SignatureBase.swift).
import { enc, dec, toBase64, fromBase64, toHex, concat, sha256, equalBytes, sign } from "./crypto.js";
import { KIND_CODES } from "./verify.js";

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
  }
}

function sfString(value) {
  return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}

/** Content-Digest, Signature-Input and Signature for a request to `target` (path?query). */
export async function signatureHeaders(identity, method, target, body, contentType) {
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  const digest = "sha-256=:" + toBase64(await sha256(body)) + ":";
  const components = [["@method", method], ["@authority", location.host.toLowerCase()], ["@path", path || "/"]];
  if (q >= 0) components.push(["@query", target.slice(q)]);
  components.push(["content-digest", digest]);
  if (contentType) components.push(["content-type", contentType.trim()]);
  const nonce = toHex(crypto.getRandomValues(new Uint8Array(16)));
  const params = "(" + components.map(([name]) => sfString(name)).join(" ") + ")"
    + `;created=${Math.floor(Date.now() / 1000)}`
    + `;keyid=${sfString(identity.keyID)}`
    + `;alg="ed25519";nonce=${sfString(nonce)};tag="hotline"`;
  const base = components.map(([name, value]) => `"${name}": ${value}\n`).join("") + '"@signature-params": ' + params;
  const signature = await sign(identity, enc.encode(base));
  const headers = { "Content-Digest": digest, "Signature-Input": `hotline=${params}`, "Signature": `hotline=:${toBase64(signature)}:` };
  if (contentType) headers["Content-Type"] = contentType;
  return headers;
}

export function query(params) {
  const parts = Object.entries(params).filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? "?" + parts.join("&") : "";
}

export async function request(identity, method, target, json, options = {}) {
  const body = json === undefined ? new Uint8Array(0) : enc.encode(JSON.stringify(json));
  const headers = await signatureHeaders(identity, method, target, body, json === undefined ? null : "application/json");
  const response = await fetch(target, { method, headers, body: json === undefined ? undefined : body, signal: options.signal });
  if (options.stream) {
    if (response.status === 401 && unauthenticated) unauthenticated();
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    return response;
  }
  const text = await response.text();
  if (response.status === 401 && unauthenticated) unauthenticated();
  if (options.text && response.ok) return text;
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = { error: text }; }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export const get = (identity, path, params = {}) => request(identity, "GET", "/api/v1/" + path + query(params));
/** A GET whose answer is not JSON (the link plot's SVG), as text. */
export const getText = (identity, path, params = {}) => request(identity, "GET", "/api/v1/" + path + query(params), undefined, { text: true });

let unauthenticated = null;
/** Called whenever the node answers 401: the key is unknown, revoked or holds no role any more. */
export function onUnauthenticated(handler) { unauthenticated = handler; }

/** Checks that the plaintext says what was asked: every field of `wanted` (deeply), salt aside. */
function saysWhatWasAsked(wanted, actual, where = "content") {
  if (wanted === null || typeof wanted !== "object") {
    if (wanted !== actual) throw new Error(`the node's plaintext differs at ${where}`);
    return;
  }
  if (actual === null || typeof actual !== "object") throw new Error(`the node's plaintext lacks ${where}`);
  for (const [key, value] of Object.entries(wanted)) {
    if (where === "content" && key === "salt") continue;
    saysWhatWasAsked(value, actual[key], `${where}.${key}`);
  }
  if (Array.isArray(wanted) && wanted.length !== actual.length) throw new Error(`the node's plaintext differs at ${where}`);
}

const PRECEDENCE_CODES = { routine: 0, priority: 1, immediate: 2, flash: 3 };

/** Decodes an EntryHeader (PROTOCOL section 6); throws on anything malformed or trailing. */
export function parseHeader(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n) => { if (at + n > bytes.length) throw new Error("the draft's header is truncated"); };
  const u8 = () => { need(1); return view.getUint8(at++); };
  const u16 = () => { need(2); const v = view.getUint16(at); at += 2; return v; };
  const u64 = () => { need(8); const v = view.getBigUint64(at); at += 8; return v; };
  const raw = (n) => { need(n); const v = bytes.slice(at, at + n); at += n; return v; };
  const name = () => dec.decode(raw(u8()));
  const header = { sender: name(), recipient: name(), line: name(), track: name(), kind: u16(), precedence: u8(),
    time: Number(u64()), role: name(), keyID: toHex(raw(32)), references: [] };
  const count = u8();
  for (let i = 0; i < count; i++) {
    header.references.push({ side: name(), sequence: Number(u64()), leafHash: toHex(raw(32)) });
  }
  header.commitment = raw(32);
  header.contentHash = raw(32);
  need(4); header.contentLength = view.getUint32(at); at += 4;
  if (at !== bytes.length) throw new Error("the draft's header has trailing bytes");
  return header;
}

/** Checks that the header says what was asked, by whom (PROTOCOL 12.4). */
function checkHeader(header, item, identity, me) {
  const problems = [];
  if (me && header.sender !== me.side) problems.push("sender");
  if (header.line !== item.line) problems.push("line");
  if (header.track !== (item.track || "")) problems.push("track");
  if (header.kind !== KIND_CODES[item.kind]) problems.push("kind");
  if (header.precedence !== PRECEDENCE_CODES[item.precedence || "routine"]) problems.push("precedence");
  if (header.keyID !== identity.keyID) problems.push("key");
  if (item.role ? header.role !== item.role : me && !me.roles.some((r) => r.role === header.role)) problems.push("role");
  if (Math.abs(header.time - Date.now()) > 10 * 60 * 1000) problems.push("time");
  const wanted = item.references || [];
  if (header.references.length !== wanted.length || wanted.some((r, i) => {
    const got = header.references[i];
    return got.side !== r.side || got.sequence !== r.sequence || got.leafHash !== r.leafHash.toLowerCase();
  })) problems.push("references");
  if (problems.length) throw new Error(`the draft's header differs from what was asked (${problems.join(", ")}): not signed`);
}

/**
 * Composes an item through a draft (PROTOCOL 12.4): the node seals it; this page checks the
 * header's fields, the commitment and the plaintext, signs the header with the official's key
 * and submits it. `me` is the caller's GET /api/v1/me (side and roles), when known.
 */
export async function submitThroughDraft(identity, item, me = null) {
  const draft = await request(identity, "POST", "/api/v1/drafts", item);
  const header = fromBase64(draft.header);
  const plaintext = fromBase64(draft.plaintext);
  const signedMessage = fromBase64(draft.signedMessage);
  const commitment = await sha256(concat(enc.encode("hotline/commitment/v1\n"), plaintext));
  checkHeader(parseHeader(header), item, identity, me);
  if (header.length < 68 || !equalBytes(header.slice(header.length - 68, header.length - 36), commitment)) {
    throw new Error("the draft's header does not commit to its plaintext: not signed");
  }
  if (!equalBytes(signedMessage, concat(enc.encode("hotline/entry/v1\n"), header))) {
    throw new Error("the draft's message to sign is not its header: not signed");
  }
  saysWhatWasAsked(item.content, JSON.parse(dec.decode(plaintext)));
  const signature = await sign(identity, signedMessage);
  return request(identity, "POST", `/api/v1/drafts/${encodeURIComponent(draft.id)}?wait=20`, { signature: toBase64(signature) });
}

/**
 * Reads /api/v1/events (server-sent events) with fetch, since EventSource cannot sign; calls
 * onEntry for each `event: entry`, reconnects when the stream ends, until `signal` aborts.
 */
export async function followEvents(identity, line, onEntry, signal, onState = () => {}) {
  let since = Date.now();
  while (!signal.aborted) {
    const connectedAt = Date.now();
    try {
      const response = await request(identity, "GET", "/api/v1/events" + query({ line, since }), undefined, { stream: true, signal });
      onState(true);
      const reader = response.body.getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += dec.decode(value, { stream: true }).replace(/\r\n/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data = [];
          for (const lineText of block.split("\n")) {
            if (lineText.startsWith("event:")) event = lineText.slice(6).trim();
            else if (lineText.startsWith("data:")) data.push(lineText.slice(5).replace(/^ /, ""));
          }
          if (event === "entry" && data.length) {
            try { onEntry(JSON.parse(data.join("\n"))); } catch (error) { console.warn("bad event", error); }
          }
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      console.warn("event stream", error);
    }
    onState(false);
    since = connectedAt - 5000;
    if (!signal.aborted) await new Promise((r) => setTimeout(r, 2000));
  }
}
