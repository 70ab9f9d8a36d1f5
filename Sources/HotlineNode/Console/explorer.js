// The record explorer: verify one entry in the page (its evidence bundle), the checkpoints and
// cosignatures of both logs over time, and questions to the record ("was X officially received
// as of T"), whose answers are verified in the page too.
import { get } from "./api.js";
import { verifyBundle, verifyAnswer, tamperBundle, KIND_CODES } from "./verify.js";
import { t, formatTime, language } from "./i18n.js";
import { el, fill, pointerName, errorText, showStatus } from "./dom.js";

const BUNDLE_CHECKS = ["entry", "checkpoint", "keys", "inclusion", "senderSignature", "cosignature", "mldsa", "author"];
const ANSWER_CHECKS = ["answerCheckpoint", "keys", "senderSignature", "cosignature", "mldsa", "answerEntries", "answerRoot", "answerDisclosed", "answerMatches"];
/** The kinds a question may name, in the order the form lists them. */
const ASKABLE_KINDS = Object.keys(KIND_CODES);

let shown = null; // the entry being verified: {pointer, busy | error | bundle+result, url}
let answered = null; // the last question: {busy | error | answer+result, url}

const mark = (c) => (c.ok === true ? "✓" : c.ok === false ? "✗" : "–");

/** The checks in `order`, each with its mark and sentence (the results of verify.js). */
function checksView(order, checks) {
  return el("ul", { class: "checks" }, order.map((id) => checks.find((c) => c.id === id)).filter(Boolean).map((c) =>
    el("li", { class: "check", "data-check": c.id, "data-ok": c.ok === null ? "unchecked" : String(c.ok) },
      el("span", { class: "mark" }, mark(c)), " ", t("check." + c.id),
      c.ok === null ? el("em", {}, " — ", t("explorer.notInBrowser")) : null,
      c.ok === false && c.detail ? el("span", { class: "detail" }, " — ", c.detail) : null)));
}

function download(id, object, name, label) {
  if (!object.url) object.url = URL.createObjectURL(new Blob([JSON.stringify(object.json, null, 2)], { type: "application/json" }));
  return el("a", { id, href: object.url, download: name }, label);
}

// ---- one entry ---------------------------------------------------------------------------

/** Fetches the entry's evidence bundle and verifies it in this page (verify.js). */
export async function verifyEntry(identity, pointer) {
  const key = pointerName(pointer);
  if (shown && shown.url) URL.revokeObjectURL(shown.url);
  shown = { pointer: key, busy: true };
  renderEntryCheck();
  let result;
  try {
    let bundle = await get(identity, "bundle", { side: pointer.side, sequence: pointer.sequence });
    if (window.hotlineTestTamper) bundle = tamperBundle(bundle, window.hotlineTestTamper);
    result = { pointer: key, json: bundle, result: await verifyBundle(bundle) };
  } catch (error) {
    result = { pointer: key, error: errorText(error) };
  }
  if (shown && shown.pointer === key) { shown = result; renderEntryCheck(); }
  document.getElementById("explorer")?.scrollIntoView({ block: "nearest" });
}

/** Fills the #explorer card with the entry being verified, or hides it. */
export function renderEntryCheck() {
  const section = document.getElementById("explorer");
  if (!section) return;
  const x = shown;
  section.hidden = !x;
  if (!x) { section.replaceChildren(); return; }
  const head = el("header", {}, el("h3", {}, t("explorer.title", { pointer: x.pointer })),
    el("button", { type: "button", id: "explorer-close", onclick: () => { shown = null; renderEntryCheck(); } }, t("explorer.close")));
  section.dataset.pointer = x.pointer;
  if (x.busy || x.error) {
    section.dataset.state = x.busy ? "verifying" : "error";
    section.replaceChildren(head, el("p", { class: "status", "data-state": x.busy ? "sending" : "error" }, x.busy ? t("explorer.verifying") : x.error));
    return;
  }
  const { checks, ok, facts } = x.result;
  section.dataset.state = ok ? "verified" : "failed";
  const sentence = ok && facts
    ? el("p", { id: "explorer-sentence", class: "status", "data-state": "sent" }, t("explorer.sentence", {
      index: facts.index, sender: facts.sender, recipient: facts.recipient, role: facts.role,
      signed: formatTime(facts.signedAt), received: formatTime(facts.receivedAt), size: facts.treeSize }))
    : el("p", { id: "explorer-sentence", class: "status", "data-state": "error" }, t("explorer.failed"));
  const partial = ok && checks.some((c) => c.ok === null)
    ? el("p", { id: "explorer-partial", class: "status", "data-state": "error" }, t("explorer.partial")) : null;
  fill(section, head, checksView(BUNDLE_CHECKS, checks), sentence, partial,
    el("p", {}, download("explorer-download", x, `hotline-${x.pointer.replace("#", "-")}.json`, t("explorer.download"))),
    el("details", {}, el("summary", {}, t("explorer.json")), el("pre", { id: "explorer-json" }, JSON.stringify(x.json, null, 2))));
}

export function closeEntryCheck() { shown = null; }

// ---- the record over time and questions to it ---------------------------------------------

/** The #record card of a line: checkpoints both ways, and the question form. `ctx.peer()` is the line's other side. */
export function recordView(ctx, line) {
  const section = el("section", { id: "record", class: "card" }, el("h3", { text: t("record.title") }));
  const peer = ctx.peer();
  if (!peer) {
    section.append(el("p", { class: "empty", text: t("record.noPeer") }));
    return section;
  }
  const timeline = el("div", { id: "checkpoints", class: "two-columns", "data-us": ctx.state.me.side, "data-peer": peer });
  const answerBox = el("div", { id: "answer" });
  section.append(el("h4", { text: t("record.checkpoints") }), timeline, askForm(ctx, line, peer), answerBox);
  loadCheckpoints(ctx, timeline, ctx.state.me.side, peer);
  renderAnswer(answerBox);
  return section;
}

/** Lists the checkpoints again (a live update: new entries were cosigned). */
export function refreshCheckpoints(ctx) {
  const box = document.getElementById("checkpoints");
  if (box) loadCheckpoints(ctx, box, box.dataset.us, box.dataset.peer);
}

async function loadCheckpoints(ctx, box, us, peer) {
  const column = async (sender, recipient) => {
    const id = `checkpoints-${sender}`;
    try {
      const history = await get(ctx.state.identity, "checkpoints", { log: sender, limit: 12 });
      const rows = history.cosignatures.map((c) => el("tr", { "data-size": c.size },
        el("td", { class: "number" }, String(c.size)), el("td", {}, formatTime(c.cosignedAt))));
      return el("div", { id, class: "checkpoint-log", "data-log": history.log },
        el("h5", {}, t("record.logOf", { sender, recipient }), " — ", t("record.size", { n: history.size })),
        rows.length ? el("table", {}, el("thead", {}, el("tr", {}, el("th", { text: t("record.cosignedSize") }), el("th", { text: t("record.cosignedAt", { recipient }) }))),
          el("tbody", {}, rows)) : el("p", { class: "empty", text: t("record.noCosignature") }));
    } catch (error) {
      return el("p", { id, class: "status", "data-state": "error" }, errorText(error));
    }
  };
  const columns = await Promise.all([column(us, peer), column(peer, us)]);
  box.replaceChildren(...columns);
}

function askForm(ctx, line, peer) {
  const me = ctx.state.me.side;
  const sender = el("select", { id: "ask-sender" }, [peer, me].map((side) => el("option", { value: side }, side)));
  const kind = el("select", { id: "ask-kind" }, el("option", { value: "" }, t("record.anyKind")),
    ASKABLE_KINDS.map((k) => el("option", { value: k }, t("kind." + k.replace(/-/g, " ")))));
  const track = el("select", { id: "ask-track" }, el("option", { value: "" }, t("record.anyTrack")),
    line.tracks.map((tr) => el("option", { value: tr }, tr)));
  const subject = el("input", { id: "ask-subject", type: "text", maxlength: 200 });
  const stages = el("input", { id: "ask-stages", type: "number", min: 1, max: 1000 });
  const from = el("input", { id: "ask-from", type: "date" });
  const until = el("input", { id: "ask-until", type: "date" });
  const asOf = el("input", { id: "ask-as-of", type: "datetime-local", step: 1 });
  const status = el("p", { id: "ask-status", class: "status" });
  const form = el("form", { id: "ask-form", onsubmit: async (e) => {
    e.preventDefault();
    const params = { sender: sender.value, line: line.id };
    if (kind.value) params.kind = kind.value;
    if (track.value) params.track = track.value;
    if (subject.value.trim()) params.subject = subject.value.trim();
    if (stages.value) params.stages = stages.value;
    // Dates are whole UTC days; "until" includes its day.
    if (from.value) params.from = Date.parse(from.value + "T00:00:00Z");
    if (until.value) params.until = Date.parse(until.value + "T00:00:00Z") + 86_400_000;
    if (asOf.value) {
      const seconds = Math.floor(Date.parse(asOf.value + (asOf.value.length <= 16 ? ":00Z" : "Z")) / 1000);
      if (!Number.isFinite(seconds)) { showStatus(status, "error", t("record.badTime")); return; }
      params.asOf = seconds;
    }
    showStatus(status, "sending", t("record.asking"));
    answered = { busy: true };
    renderAnswer();
    try {
      let answer = await get(ctx.state.identity, "answer", params);
      // For the end-to-end test: a node that lies about its answer.
      if (window.hotlineTestTamperAnswer) answer = window.hotlineTestTamperAnswer(answer);
      answered = { json: answer, result: await verifyAnswer(answer) };
      showStatus(status, "idle", "");
    } catch (error) {
      answered = null;
      showStatus(status, "error", errorText(error), error.code);
    }
    renderAnswer();
  } },
  el("h4", { text: t("record.ask") }),
  el("p", { class: "hint", text: t("record.askHelp") }),
  el("div", { class: "row" }, el("label", {}, t("record.sender"), sender), el("label", {}, t("compose.kind"), kind), el("label", {}, t("compose.track"), track)),
  el("div", { class: "row" }, el("label", {}, t("record.subject"), subject), el("label", {}, t("record.stages"), stages)),
  el("div", { class: "row" }, el("label", {}, t("record.from"), from), el("label", {}, t("record.until"), until), el("label", {}, t("record.asOf"), asOf)),
  el("button", { type: "submit", id: "ask-send" }, t("record.askButton")), status);
  return form;
}

/** The question in words, as the answer's sentence needs it. */
function describe(question) {
  const kind = question.kind ? t("kind." + question.kind.replace(/-/g, " ")) : (question.stages !== undefined ? t("kind.proposal") : t("record.entry"));
  // English wants an article ("a proposal", "an acknowledgement"); Russian has none.
  const parts = [language() === "en" ? `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}` : kind];
  if (question.stages !== undefined) parts.push(t("record.withStages", { n: question.stages }));
  if (question.subject !== undefined) parts.push(t("record.withSubject", { s: question.subject }));
  if (question.line !== undefined) parts.push(t("record.onLine", { l: question.line }));
  if (question.track !== undefined) parts.push(t("record.onTrack", { tr: question.track }));
  if (question.signedFrom !== undefined) parts.push(t("record.signedFrom", { time: formatTime(new Date(question.signedFrom).toISOString()) }));
  if (question.signedUntil !== undefined) parts.push(t("record.signedUntil", { time: formatTime(new Date(question.signedUntil).toISOString()) }));
  return parts.join(" ");
}

function renderAnswer(box = document.getElementById("answer")) {
  if (!box) return;
  const x = answered;
  if (!x) { box.replaceChildren(); delete box.dataset.state; return; }
  if (x.busy) { box.dataset.state = "asking"; box.replaceChildren(); return; }
  const { checks, ok, facts } = x.result;
  box.dataset.state = ok ? "verified" : "failed";
  let sentence;
  if (!ok || !facts) {
    sentence = el("p", { id: "answer-sentence", class: "status", "data-state": "error" }, t("record.answerFailed"));
  } else {
    const words = { asOf: formatTime(facts.asOf), sender: facts.sender, recipient: facts.recipient, size: facts.size,
      last: Math.max(facts.size - 1, 0), what: describe(facts.question), n: facts.matches.length,
      list: facts.matches.map((n) => `${facts.sender}#${n}`).join(", ") };
    const key = facts.matches.length === 1 ? "record.answerYesOne" : facts.matches.length ? "record.answerYes"
      : facts.size ? "record.answerNo" : "record.answerEmpty";
    sentence = el("p", { id: "answer-sentence", class: "status", "data-state": "sent", "data-matches": String(facts.matches.length) }, t(key, words));
  }
  box.dataset.matches = facts ? String(facts.matches.length) : "";
  fill(box, sentence, checksView(ANSWER_CHECKS, checks),
    ok && checks.some((c) => c.ok === null) ? el("p", { class: "status", "data-state": "error" }, t("explorer.partial")) : null,
    el("p", {}, download("answer-download", x, "hotline-answer.json", t("record.download"))));
}

export function clearAnswer() {
  if (answered && answered.url) URL.revokeObjectURL(answered.url);
  answered = null;
}
