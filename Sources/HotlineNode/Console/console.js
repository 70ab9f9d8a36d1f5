// The Hotline web console: sign-in with a browser key, lines, inbox, compose, proposals,
// meetings and their calendar, the record explorer, and link health for operators.
import { loadIdentity, createIdentity, toBase64 } from "./crypto.js";
import { get, submitThroughDraft, followEvents, onUnauthenticated, ApiError } from "./api.js";
import { t, languages, language, setLanguage, applyDocument, formatTime } from "./i18n.js";
import { el, fill, pointerName, samePointer, roleName, errorText, showStatus, deferWhileEditing } from "./dom.js";
import { verifyEntry, renderEntryCheck, closeEntryCheck, recordView, refreshCheckpoints, clearAnswer } from "./explorer.js";
import { meetingsCalendar, resetCalendar } from "./calendar.js";
import { linkSummary, renderLinkHealth } from "./link.js";
import { entryView } from "./entryview.js";

const NEEDS_ACK = new Set(["message", "formal note", "proposal", "reply", "meeting request", "meeting confirmation", "minutes"]);
const PRECEDENCES = ["routine", "priority", "immediate", "flash"];

const state = {
  identity: null, me: null, lines: [], line: null,
  entries: [], proposals: [], meetings: [],
  live: false, stream: null, signinStatus: "", replyInputs: new Map(),
  signAs: new Map(), // line → the role this key signs as, when it holds several there
  openEntry: null, // the pointer shown in full (#entry-view)
};

/** The most a formal note carries (PROTOCOL section 13): 8 attachments of 4 MiB each. */
const MAX_ATTACHMENTS = 8;
const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

/** The roles of this key that sit on `line` for this side, in the charter's order. */
function rolesOnLine(line) {
  if (!line || !state.me) return [];
  const held = new Set(state.me.roles.map((r) => r.role));
  return (line.roles[state.me.side] || []).filter((role) => held.has(role));
}

/** Submits an item through a draft, signed as the role chosen for the line, if any. */
function submit(item) {
  const role = state.signAs.get(item.line);
  return submitThroughDraft(state.identity, role ? { ...item, role } : item, state.me);
}

/** Whether this official acknowledges `entry`: the other side's item that asks for it. */
function canAcknowledge(entry) {
  return entry.pointer.side !== state.me.side && NEEDS_ACK.has(entry.kind) && !(state.me.isOperator && !state.me.roles.length);
}

/** The side at the other end of the current line. */
function peerOfLine() {
  const line = currentLine();
  return line ? Object.keys(line.roles).find((side) => side !== state.me.side) : "";
}

// A key revoked, handed over or expired while signed in: back to sign-in, saying why.
onUnauthenticated(() => {
  if (!state.me) return;
  if (state.stream) state.stream.abort();
  state.me = null; state.line = null; state.entries = []; state.openEntry = null;
  state.signinStatus = "revoked";
  render();
});

const app = () => document.getElementById("app");

// ---- layout ------------------------------------------------------------------------------

function render() {
  applyDocument();
  const chooser = el("select", { id: "lang", "data-test": "language", "aria-label": t("lang.label"),
    onchange: (e) => { setLanguage(e.target.value); render(); } },
    Object.entries(languages).map(([code, name]) => el("option", { value: code, selected: code === language() }, name)));
  const header = el("header", { class: "top" }, el("h1", { text: t("app.title") }),
    el("label", { class: "lang" }, t("lang.label"), " ", chooser));
  const body = state.me ? mainView() : signinView();
  app().replaceChildren(header, body);
  if (state.me && state.line) renderLine();
  refreshHealth(true);
}

function signinView() {
  const section = el("section", { id: "signin", class: "card" }, el("h2", { text: t("setup.title") }), el("p", { text: t("setup.intro") }));
  if (!state.identity) {
    const name = el("input", { id: "holder-name", type: "text", autocomplete: "name" });
    const status = el("p", { id: "signin-status", class: "status" });
    section.append(el("label", { for: "holder-name" }, t("setup.name")), name,
      el("button", { id: "create-key", type: "button", onclick: async () => {
        if (!name.value.trim()) { name.focus(); return; }
        try {
          state.identity = await createIdentity(name.value.trim());
          render();
        } catch (error) {
          showStatus(status, "error", `${t("setup.noEd25519")} ${error.message}`);
        }
      } }, t("setup.create")), status);
    return section;
  }
  const id = state.identity;
  const command = `hotline grant ROLE --data DATA_DIR --holder '${id.holder.replace(/'/g, "'\\''")}' --public-key ${id.publicRaw}`;
  const status = el("p", { id: "signin-status", class: "status", "data-state": state.signinStatus || "idle" },
    state.signinStatus === "not-enrolled" ? t("setup.notEnrolled") : state.signinStatus === "revoked" ? t("setup.revoked") : "");
  section.append(
    el("dl", {},
      el("dt", { text: t("setup.holder") }), el("dd", { id: "holder" }, id.holder),
      el("dt", { text: t("setup.publicKey") }), el("dd", {}, el("code", { id: "public-key" }, id.publicRaw)),
      el("dt", { text: t("setup.keyID") }), el("dd", {}, el("code", { id: "key-id" }, id.keyID))),
    el("p", { text: t("setup.grant") }),
    el("pre", { id: "grant-command" }, command),
    el("details", { id: "operator-help" }, el("summary", {}, t("setup.operator")),
      el("p", { text: t("setup.operatorHelp") }),
      el("pre", { id: "console-key-command" }, `hotline console-key add --data DATA_DIR --name '${id.holder.replace(/'/g, "'\\''")}' --public-key ${id.publicRaw}`)),
    el("button", { id: "continue", type: "button", onclick: () => signIn(status) }, t("setup.continue")),
    status);
  return section;
}

async function signIn(status) {
  showStatus(status, "checking", t("setup.checking"));
  try {
    state.me = await get(state.identity, "me");
    state.lines = await get(state.identity, "lines");
    state.signinStatus = "";
    if (!state.line && state.me.lines.length) state.line = state.me.lines[0];
    render();
    if (state.line) selectLine(state.line);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      state.signinStatus = state.signinStatus === "revoked" ? "revoked" : "not-enrolled";
      showStatus(status, state.signinStatus, t(state.signinStatus === "revoked" ? "setup.revoked" : "setup.notEnrolled"));
    } else {
      showStatus(status, "error", errorText(error));
    }
  }
}

function mainView() {
  const me = state.me;
  const side = el("aside", { class: "side card" },
    el("p", {}, t("me.holder"), ": ", el("strong", { id: "me-holder" }, state.identity.holder)),
    el("p", {}, t("me.side"), ": ", el("strong", { id: "me-side" }, me.side)),
    el("h2", { text: t("me.roles") }),
    me.roles.length || !me.isOperator
      ? el("ul", { id: "roles" }, me.roles.map((r) => el("li", { "data-role": r.role }, el("code", {}, r.role), " — ", r.holder)))
      : el("p", { id: "operator-badge", class: "badge", "data-state": "accepted" }, t("me.operator")),
    el("h2", { text: t("me.lines") }),
    me.lines.length ? el("ul", { id: "lines" }, me.lines.map((id) => {
      const line = state.lines.find((l) => l.id === id);
      return el("li", {}, el("button", { type: "button", class: id === state.line ? "line selected" : "line", "data-line": id,
        "aria-current": id === state.line ? "true" : null, onclick: () => selectLine(id) },
        el("span", { class: "line-id" }, id), line ? el("span", { class: "line-title" }, line.title) : null,
        line ? el("span", { class: "badge", "data-open": String(line.isOpen) }, line.isOpen ? t("line.open") : t("line.notOpen")) : null));
    })) : el("p", { text: t("me.noLines") }),
    el("section", { id: "pending" }),
    el("section", { id: "link" }),
    el("button", { type: "button", id: "refresh", onclick: () => refreshAll() }, t("refresh")));
  // The operator watches the link first; an official finds it below their line.
  const health = el("section", { id: "link-health", class: "card" });
  const work = el("div", { class: "work" }, me.isOperator ? health : null, el("div", { id: "line-view" }), me.isOperator ? null : health);
  return el("div", { class: "layout" }, side, work);
}

// ---- awaiting acknowledgement and the link ------------------------------------------------

let healthShownAt = 0;
/** Redraws the link-health card (and fetches the node's plot again), at most every 15 s unless forced. */
function refreshHealth(force = false) {
  const box = document.getElementById("link-health");
  if (!box || (!force && Date.now() - healthShownAt < 15_000)) return;
  healthShownAt = Date.now();
  renderLinkHealth(state.identity, box);
}

async function refreshSide() {
  try {
    const [pending, status] = await Promise.all([get(state.identity, "pending"), get(state.identity, "status")]);
    const box = document.getElementById("pending");
    if (box) {
      box.replaceChildren(el("h2", { text: t("pending.title") }), pending.length ? el("ul", {}, pending.map((p) =>
        el("li", { "data-pointer": pointerName(p.pointer), "data-overdue": String(p.isOverdue), class: p.isOverdue ? "overdue" : "" },
          el("button", { type: "button", class: "line", onclick: () => selectLine(p.line) },
            el("span", {}, `${pointerName(p.pointer)} · ${t("kind." + p.kind)} · ${t("precedence." + p.precedence)}`),
            el("span", { class: "line-title" }, p.line),
            el("span", { class: "line-title" }, (p.isOverdue ? t("pending.overdue") : t("inbox.deadline")) + ": " + formatTime(p.deadline)))))) :
        el("p", { class: "empty", text: t("pending.none") }));
    }
    const link = document.getElementById("link");
    if (link) link.replaceChildren(...linkSummary(status));
    refreshHealth();
  } catch (error) {
    console.warn("pending/status", error);
  }
}

// ---- a line ------------------------------------------------------------------------------

function currentLine() { return state.lines.find((l) => l.id === state.line); }

async function refreshAll() {
  state.me = await get(state.identity, "me");
  state.lines = await get(state.identity, "lines");
  render();
  if (state.line) await refreshLine();
}

function selectLine(id) {
  if (state.stream) state.stream.abort();
  state.line = id;
  state.entries = []; state.proposals = []; state.meetings = []; state.live = false; state.openEntry = null;
  closeEntryCheck(); clearAnswer(); resetCalendar();
  render();
  const controller = new AbortController();
  state.stream = controller;
  followEvents(state.identity, id, () => scheduleRefresh(), controller.signal, (live) => {
    state.live = live;
    const badge = document.getElementById("live");
    if (badge) { badge.dataset.live = String(live); badge.textContent = live ? t("line.live") : t("line.offline"); }
    if (live) scheduleRefresh();
  });
  refreshLine();
}

let refreshTimer = null;
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshLine, 150);
}

async function refreshLine() {
  const line = state.line;
  if (!line) return;
  try {
    const [entries, proposals, meetings] = await Promise.all([
      get(state.identity, "entries", { line }), get(state.identity, "proposals", { line }), get(state.identity, "meetings", { line })]);
    if (line !== state.line) return;
    state.entries = entries; state.proposals = proposals; state.meetings = meetings;
    renderInbox(); renderProposals(); renderMeetings(); renderEntryView();
    refreshCheckpoints({ state });
    refreshSide();
  } catch (error) {
    const view = document.getElementById("line-error");
    if (view) showStatus(view, "error", errorText(error));
  }
}

function renderLine() {
  const line = currentLine();
  const view = document.getElementById("line-view");
  if (!view) return;
  const held = rolesOnLine(line);
  if (held.length > 1 && !held.includes(state.signAs.get(state.line))) state.signAs.set(state.line, held[0]);
  const signAs = held.length > 1 ? el("label", { class: "sign-as" }, t("line.signAs"), " ",
    el("select", { id: "sign-as", onchange: (e) => state.signAs.set(state.line, e.target.value) },
      held.map((role) => el("option", { value: role, selected: role === state.signAs.get(state.line) }, role)))) : null;
  fill(view,
    el("div", { class: "line-head" },
      el("h2", { id: "line-title" }, line ? `${line.title} (${line.id})` : state.line),
      el("span", { id: "live", class: "badge", "data-live": String(state.live) }, state.live ? t("line.live") : t("line.offline")),
      signAs),
    el("p", { id: "line-error", class: "status" }),
    el("section", { id: "explorer", class: "card", hidden: true }),
    el("section", { id: "entry-view", class: "card", hidden: true }),
    el("section", { id: "inbox", class: "card" }),
    el("section", { id: "proposals", class: "card" }),
    el("section", { id: "meetings", class: "card" }),
    line ? recordView({ state, peer: peerOfLine }, line) : null,
    // An operator's console key reads and watches; entries are the operator key's (the CLI).
    state.me.isOperator && !state.me.roles.length ? el("p", { class: "hint", id: "operator-no-compose" }, t("me.operatorWrites")) : composeView(line));
  renderInbox(); renderProposals(); renderMeetings(); renderEntryCheck(); renderEntryView();
}

// ---- one entry in full ----------------------------------------------------------------------

function openEntry(pointer) {
  state.openEntry = pointer;
  renderEntryView();
  document.getElementById("entry-view")?.scrollIntoView({ block: "nearest" });
}

function renderEntryView() {
  const current = document.getElementById("entry-view");
  if (!current) return;
  if (deferWhileEditing(current, renderEntryView)) return;
  const entry = state.openEntry && state.entries.find((e) => samePointer(e.pointer, state.openEntry));
  if (!entry) { current.hidden = true; current.replaceChildren(); return; }
  current.replaceWith(entryView({ state, submit, act, acknowledgement, refresh: refreshLine, peer: peerOfLine, canAcknowledge,
    close: () => { state.openEntry = null; renderEntryView(); } }, entry));
}

function contentSummary(entry) {
  const c = entry.content || {};
  if (entry.kind === "reply" && c.reply) {
    const r = c.reply;
    return `${r.step.stage}.${r.step.step}: ${t("state." + ({ accept: "accepted", counter: "countered", decline: "declined" }[r.answer] || r.answer))}`
      + (r.counterText ? ` — ${r.counterText}` : "");
  }
  if (entry.kind === "proposal" && c.proposal) {
    return `${c.subject || ""} (${t("proposals.stageCount", { n: c.proposal.stages.length })})`;
  }
  if (entry.kind === "acknowledgement" || entry.kind === "translation") {
    return [entry.references.map((r) => "→ " + pointerName(r)).join(", "), c.text].filter(Boolean).join(" — ");
  }
  const parts = [c.subject, c.text, ...(c.paragraphs || [])].filter(Boolean);
  return parts.join(" — ");
}

function renderInbox() {
  const section = document.getElementById("inbox");
  if (!section) return;
  const rows = [...state.entries].sort((a, b) => (a.signedAt < b.signedAt ? 1 : -1)).map((entry) => {
    const ours = entry.pointer.side === state.me.side;
    const acked = entry.acknowledgements.length > 0;
    const canAck = !acked && canAcknowledge(entry);
    const status = el("span", { class: "status" });
    return el("tr", { "data-pointer": pointerName(entry.pointer), "data-kind": entry.kind, class: ours ? "ours" : "theirs" },
      el("td", {}, el("strong", {}, entry.authorName || entry.authorKeyID.slice(0, 12)), el("br"), roleName(entry.authorRole),
        ours ? el("span", { class: "badge" }, t("inbox.ours")) : null),
      el("td", {}, formatTime(entry.signedAt)),
      el("td", { "data-precedence": entry.precedence }, t("precedence." + entry.precedence)),
      el("td", {}, t("kind." + entry.kind)),
      el("td", { class: "content" }, contentSummary(entry),
        entry.translations.length ? el("span", { class: "badge translations" }, t("inbox.translations", { n: entry.translations.length })) : null,
        entry.content && entry.content.attachments && entry.content.attachments.length ? el("span", { class: "badge" }, "📎 " + entry.content.attachments.length) : null),
      el("td", { class: "state" },
        el("button", { type: "button", class: "open", onclick: () => openEntry(entry.pointer) }, t("entry.open")),
        el("button", { type: "button", class: "verify", onclick: () => verifyEntry(state.identity, entry.pointer) }, t("explorer.verify")),
        el("div", { class: "received", "data-received": String(entry.received) }, t("inbox.received"), ": ", entry.received ? t("yes") : t("no")),
        el("div", { class: "acked", "data-acked": String(acked) }, t("inbox.ack"), ": ",
          acked ? t("yes") : NEEDS_ACK.has(entry.kind) ? t("no") : "—"),
        entry.acknowledgeBy && !acked ? el("div", { class: "deadline" }, t("inbox.deadline"), ": ", formatTime(entry.acknowledgeBy)) : null,
        canAck ? el("button", { type: "button", class: "ack", onclick: (e) => act(e.target, status, acknowledgement(entry)) },
          t("inbox.acknowledge")) : null, status));
  });
  section.replaceChildren(el("h3", { text: t("inbox.title") }), rows.length ? el("div", { class: "scroll" }, el("table", { class: "inbox" },
    el("thead", {}, el("tr", {}, ["inbox.from", "inbox.time", "inbox.precedence", "inbox.kind", "inbox.content", "inbox.state"]
      .map((k) => el("th", {}, k ? t(k) : "")))),
    el("tbody", {}, rows))) : el("p", { class: "empty", text: t("inbox.empty") }));
}

// ---- compose -----------------------------------------------------------------------------

function stageEditor(index) {
  return el("fieldset", { class: "stage" },
    el("legend", {}, t("proposals.stage", { n: index })),
    el("label", {}, t("compose.stageTitle"), el("input", { type: "text", class: "stage-title" })),
    el("label", {}, t("compose.stageSteps"), el("textarea", { class: "stage-steps", rows: 3 })),
    el("button", { type: "button", class: "remove-stage", onclick: (e) => {
      const box = e.target.closest("#stages");
      e.target.closest(".stage").remove();
      box.querySelectorAll(".stage legend").forEach((legend, i) => { legend.textContent = t("proposals.stage", { n: i + 1 }); });
    } }, t("compose.removeStage")));
}

function composeView(line) {
  const kind = el("select", { id: "compose-kind" },
    el("option", { value: "message" }, t("compose.message")), el("option", { value: "formal-note" }, t("compose.note")),
    el("option", { value: "proposal" }, t("compose.proposal")), el("option", { value: "meeting-request" }, t("compose.meeting")));
  const subject = el("input", { id: "compose-subject", type: "text" });
  const text = el("textarea", { id: "compose-text", rows: 4 });
  const precedence = el("select", { id: "compose-precedence" }, PRECEDENCES.map((p) => el("option", { value: p }, t("precedence." + p))));
  const track = el("select", { id: "compose-track" }, el("option", { value: "" }, t("compose.noTrack")),
    (line ? line.tracks : []).map((tr) => el("option", { value: tr }, tr)));
  const stages = el("div", { id: "stages" }, stageEditor(1));
  const status = el("p", { id: "compose-status", class: "status", "data-state": "idle" });
  const subjectRow = el("label", { class: "with-subject" }, t("compose.subject"), subject);
  const files = el("input", { id: "compose-attachments", type: "file", multiple: true });
  const filesRow = el("label", { class: "only-note" }, t("compose.attachments", { n: MAX_ATTACHMENTS, mib: MAX_ATTACHMENT_BYTES / 1048576 }), files);
  const textLabel = el("span", { text: t("compose.text") });
  const textRow = el("label", { class: "with-text" }, textLabel, text);
  // A meeting's format counts the requester's roles first (PROTOCOL 13): ours, then theirs.
  const ourRoles = line ? (line.roles[state.me.side] || []).length : 1;
  const theirRoles = line ? Object.entries(line.roles).filter(([side]) => side !== state.me.side).reduce((n, [, r]) => n + r.length, 0) : 1;
  const format = el("input", { id: "meeting-format", type: "text", value: `${ourRoles}+${theirRoles}` });
  const options = el("textarea", { id: "meeting-options", rows: 2, placeholder: "2026-12-10T10:00:00Z @ Geneva" });
  const agenda = el("textarea", { id: "meeting-agenda", rows: 2, placeholder: `${(line && line.tracks[0]) || "track"}: …` });
  const meetingRow = el("div", { class: "only-meeting" },
    el("label", {}, t("meetings.format"), format),
    el("label", {}, t("meetings.optionsHelp"), options),
    el("label", {}, t("meetings.agendaHelp"), agenda));
  const stagesRow = el("div", { class: "only-proposal" }, el("h4", { text: t("compose.stages") }), stages,
    el("button", { type: "button", id: "add-stage", onclick: () => stages.append(stageEditor(stages.children.length + 1)) }, t("compose.addStage")));
  const form = el("form", { id: "compose-form", "data-kind": "message", onsubmit: async (e) => {
    e.preventDefault();
    const item = { kind: kind.value, line: state.line, precedence: precedence.value, content: { salt: "" } };
    if (track.value) item.track = track.value;
    if (kind.value === "message") {
      item.content.text = text.value;
    } else if (kind.value === "formal-note") {
      item.content.subject = subject.value;
      item.content.paragraphs = text.value.split(/\n\s*\n/).map((x) => x.trim()).filter(Boolean);
    } else if (kind.value === "meeting-request") {
      const lines = (box) => box.value.split("\n").map((x) => x.trim()).filter(Boolean);
      item.content.meeting = {
        format: format.value.trim(),
        options: lines(options).map((x) => { const [start, ...place] = x.split("@"); return { start: start.trim(), place: place.join("@").trim() }; }),
        agenda: lines(agenda).map((x) => { const [tr, ...rest] = x.split(":"); return { track: tr.trim(), item: rest.join(":").trim() }; }),
      };
    } else {
      item.content.subject = subject.value;
      item.content.proposal = { stages: [...stages.querySelectorAll(".stage")].map((s) => ({
        title: s.querySelector(".stage-title").value,
        steps: s.querySelector(".stage-steps").value.split("\n").map((x) => x.trim()).filter(Boolean).map((x) => ({ text: x })),
      })) };
    }
    showStatus(status, "sending", t("compose.sending"));
    send.disabled = true;
    try {
      if (kind.value === "formal-note" && files.files.length) item.content.attachments = await readAttachments(files.files);
      const receipt = await submit(item);
      const side = receipt.log.split("/")[1] || state.me.side;
      showStatus(status, "sent", t("compose.sent", { side, sequence: receipt.sequence,
        received: receipt.received ? t("compose.delivered") : t("compose.notDelivered") }));
      status.dataset.pointer = `${side}#${receipt.sequence}`;
      subject.value = ""; text.value = ""; options.value = ""; agenda.value = ""; files.value = "";
      stages.replaceChildren(stageEditor(1));
      refreshLine();
    } catch (error) {
      showStatus(status, "error", errorText(error), error.code);
    } finally {
      send.disabled = false;
    }
  } });
  const send = el("button", { type: "submit", id: "compose-send" }, t("compose.send"));
  kind.addEventListener("change", () => {
    form.dataset.kind = kind.value;
    textLabel.textContent = kind.value === "formal-note" ? t("compose.paragraphs") : t("compose.text");
  });
  form.append(el("label", {}, t("compose.kind"), kind), subjectRow, textRow, filesRow, stagesRow, meetingRow,
    el("div", { class: "row" }, el("label", {}, t("compose.precedence"), precedence), el("label", {}, t("compose.track"), track)),
    send, status);
  return el("section", { id: "compose", class: "card" }, el("h3", { text: t("compose.title") }), form);
}

// ---- proposals ---------------------------------------------------------------------------

function replyControls(proposal, step) {
  const key = `${pointerName(proposal.pointer)}/${step.number}`;
  const saved = state.replyInputs.get(key) || { answer: "accept", counter: "" };
  const answer = el("select", { class: "reply-answer", onchange: () => { saved.answer = answer.value; state.replyInputs.set(key, saved); } },
    ["accept", "counter", "decline"].map((a) => el("option", { value: a, selected: a === saved.answer }, t("reply." + a))));
  const counter = el("input", { type: "text", class: "reply-counter", placeholder: t("reply.counterText"), value: saved.counter,
    oninput: () => { saved.counter = counter.value; state.replyInputs.set(key, saved); } });
  const status = el("span", { class: "reply-status status" });
  const button = el("button", { type: "button", class: "reply-send", onclick: async () => {
    const [stage, stepNumber] = step.number.split(".").map(Number);
    const reply = { step: { stage, step: stepNumber }, answer: answer.value };
    if (answer.value === "counter") {
      if (!counter.value.trim()) { showStatus(status, "error", t("reply.counterNeeded")); return; }
      reply.counterText = counter.value.trim();
    }
    button.disabled = true;
    showStatus(status, "sending", t("compose.sending"));
    try {
      await submit({ kind: "reply", line: state.line, content: { salt: "", reply }, references: [proposal.pointer] });
      state.replyInputs.delete(key);
      showStatus(status, "sent", "✓");
      refreshLine();
    } catch (error) {
      button.disabled = false;
      showStatus(status, "error", errorText(error), error.code);
    }
  } }, t("reply.send"));
  return el("div", { class: "reply" }, answer, counter, button, status);
}

function renderProposals() {
  const section = document.getElementById("proposals");
  if (!section) return;
  // Not under the official's hands: a live update while they type a reply waits until they leave the field.
  if (deferWhileEditing(section, renderProposals)) return;
  const items = state.proposals.map((p) => {
    const theirs = p.pointer.side !== state.me.side;
    return el("article", { class: "proposal", "data-pointer": pointerName(p.pointer) },
      el("header", {}, el("h4", {}, p.subject || pointerName(p.pointer)),
        el("span", { class: "badge" }, pointerName(p.pointer)),
        el("span", { class: "proposal-state badge", "data-state": p.state }, t("state." + p.state))),
      el("div", { class: "board" }, p.stages.map((stage, i) => el("div", { class: "stage-column" },
        el("h5", {}, t("proposals.stage", { n: i + 1 }), ": ", stage.title),
        stage.steps.map((step) => el("div", { class: "step", "data-step": step.number },
          el("p", {}, el("strong", {}, step.number), " ", step.text),
          el("span", { class: "step-state badge", "data-state": step.state }, t("state." + step.state)),
          step.counterText ? el("p", { class: "counter-text" }, "↳ ", step.counterText) : null,
          theirs ? replyControls(p, step) : null))))));
  });
  section.replaceChildren(el("h3", { text: t("proposals.title") }), ...(items.length ? items : [el("p", { class: "empty", text: t("proposals.empty") })]));
}

// ---- meetings ----------------------------------------------------------------------------

/** The acknowledgement of `entry` by this official. */
function acknowledgement(entry) {
  return { kind: "acknowledgement", line: state.line, content: { salt: "" }, references: [entry.pointer] };
}

/** Submits `item` from `button`, showing progress and the node's answer in `status`. */
async function act(button, status, item) {
  button.disabled = true;
  showStatus(status, "sending", t("compose.sending"));
  try {
    await submit(item);
    showStatus(status, "sent", "✓");
    refreshLine();
  } catch (error) {
    button.disabled = false;
    showStatus(status, "error", errorText(error), error.code);
  }
}

function renderMeetings() {
  const section = document.getElementById("meetings");
  if (!section) return;
  if (deferWhileEditing(section, renderMeetings)) return;
  const me = state.me.side;
  const items = state.meetings.map((m) => {
    const status = el("span", { class: "status meeting-status" });
    const controls = [];
    if (m.request.side !== me && !m.confirmation) {
      const choice = el("select", { class: "confirm-option" }, m.options.map((o, i) => el("option", { value: i + 1 }, `${i + 1}. ${formatTime(o.start)} @ ${o.place}`)));
      const button = el("button", { type: "button", class: "confirm", onclick: () => act(button, status,
        { kind: "meeting-confirmation", line: state.line, content: { salt: "", confirmation: { option: Number(choice.value) } }, references: [m.request] }) },
        t("meetings.confirm"));
      controls.push(el("div", { class: "reply" }, choice, button));
    }
    const ourMinutes = m.minutes.some((x) => x.pointer.side === me);
    if (m.confirmation && !ourMinutes && !m.minutes.some((x) => x.pointer.side !== me)) {
      const subject = el("input", { type: "text", class: "minutes-subject", placeholder: t("compose.subject") });
      const text = el("textarea", { class: "minutes-text", rows: 3, placeholder: t("compose.text") });
      const button = el("button", { type: "button", class: "write-minutes", onclick: () => act(button, status,
        { kind: "minutes", line: state.line, content: { salt: "", subject: subject.value, text: text.value }, references: [m.confirmation] }) },
        t("meetings.writeMinutes"));
      controls.push(el("div", { class: "minutes-form" }, subject, text, button));
    }
    return el("article", { class: "meeting", "data-pointer": pointerName(m.request), "data-confirmed": String(Boolean(m.confirmation)) },
      el("header", {}, el("h4", {}, `${m.format} — ${pointerName(m.request)}`),
        el("span", { class: "badge", "data-state": m.confirmation ? "accepted" : "awaiting reply" },
          m.confirmation ? t("meetings.confirmed") : t("meetings.unconfirmed"))),
      el("p", {}, t("meetings.options"), ": ", m.options.map((o, i) => `${i + 1}. ${formatTime(o.start)} @ ${o.place}`).join("; ")),
      m.chosenOption ? el("p", { class: "chosen" }, t("meetings.chosen"), ": ", String(m.chosenOption)) : null,
      m.agenda.length ? el("ul", {}, m.agenda.map((a) => el("li", {}, `${a.track}: ${a.item}`))) : null,
      m.minutes.length ? el("div", {}, el("h5", { text: t("meetings.minutes") }), m.minutes.map((minutes) => {
        const original = state.entries.find((e) => e.pointer.side === minutes.pointer.side && e.pointer.sequence === minutes.pointer.sequence);
        const canCountersign = minutes.pointer.side !== me && !minutes.isFinal && !minutes.countersignature && original;
        const own = el("span", { class: "status" });
        const button = canCountersign ? el("button", { type: "button", class: "countersign", onclick: () => act(button, own,
          { kind: "minutes", line: state.line, content: { salt: "", subject: original.content.subject || "", text: original.content.text || "" },
            references: [minutes.pointer] }) }, t("meetings.countersign")) : null;
        return el("div", { class: "minutes", "data-pointer": pointerName(minutes.pointer), "data-final": String(minutes.isFinal) },
          el("span", {}, pointerName(minutes.pointer), original ? ` — ${original.content.subject || ""}: ${original.content.text || ""}` : ""), " ",
          el("span", { class: "badge", "data-state": minutes.isFinal ? "accepted" : "awaiting reply" }, minutes.isFinal ? t("meetings.final") : t("meetings.notFinal")),
          button, own);
      })) : null,
      controls, status);
  });
  section.replaceChildren(el("h3", { text: t("meetings.title") }), meetingsCalendar(state.meetings),
    ...(items.length ? items : [el("p", { class: "empty", text: t("meetings.empty") })]));
}

// ---- start -------------------------------------------------------------------------------

async function start() {
  applyDocument();
  try {
    state.identity = (await loadIdentity()) || null;
  } catch (error) {
    console.warn("no stored key", error);
  }
  render();
  // Roles change under a signed-in official (a grant, a handover, a revocation): look again
  // every 30 s, so that a revoked key is sent back to sign-in without a click.
  setInterval(() => { if (state.me) get(state.identity, "me").then((me) => { state.me = me; }).catch(() => {}); }, 30_000);
}

/** The files of a formal note, read in the page; refused here before the node refuses them. */
async function readAttachments(fileList) {
  const files = [...fileList];
  if (files.length > MAX_ATTACHMENTS) throw new Error(t("compose.tooManyAttachments", { n: MAX_ATTACHMENTS }));
  const big = files.find((f) => f.size > MAX_ATTACHMENT_BYTES);
  if (big) throw new Error(t("compose.attachmentTooLarge", { name: big.name, mib: MAX_ATTACHMENT_BYTES / 1048576 }));
  return Promise.all(files.map(async (f) => ({ name: f.name, mediaType: f.type || "application/octet-stream",
    data: toBase64(new Uint8Array(await f.arrayBuffer())) })));
}

start();
