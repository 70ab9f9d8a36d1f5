// One entry in full: the original text (the official text), its translations, who signed it,
// whether it has been received (the receiving side's cosigned checkpoint) and acknowledged, its
// deadline and its attachments; and a form to attach a translation.
import { t, formatTime } from "./i18n.js";
import { el, pointerName, samePointer, roleName, errorText, showStatus } from "./dom.js";
import { fromBase64 } from "./crypto.js";

const attachmentURLs = [];

function attachmentLink(attachment) {
  let bytes;
  try { bytes = fromBase64(attachment.data); } catch { return el("li", {}, attachment.name, " — ", t("entry.badAttachment")); }
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
  attachmentURLs.push(url);
  return el("li", { class: "attachment" }, el("a", { href: url, download: attachment.name }, attachment.name),
    ` (${attachment.mediaType}, ${t("entry.bytes", { n: bytes.length.toLocaleString() })})`);
}

/** The text of an entry's content: subject, text, numbered paragraphs and attachments. */
export function contentBody(content) {
  const c = content || {};
  return [
    c.subject ? el("h5", { class: "subject" }, c.subject) : null,
    c.text ? el("p", { class: "text" }, c.text) : null,
    c.paragraphs && c.paragraphs.length ? el("ol", { class: "paragraphs" }, c.paragraphs.map((p) => el("li", {}, p))) : null,
    c.proposal ? el("ol", { class: "paragraphs" }, c.proposal.stages.map((stage, i) =>
      el("li", {}, el("strong", {}, stage.title), el("ol", {}, stage.steps.map((step, j) => el("li", { value: j + 1 }, `${i + 1}.${j + 1} ${step.text}`)))))) : null,
    c.attachments && c.attachments.length ? el("div", {}, el("h5", { text: t("entry.attachments") }), el("ul", { class: "attachments" }, c.attachments.map(attachmentLink))) : null,
  ];
}

/**
 * The #entry-view card for `entry` (a GET /api/v1/entries item). `ctx` gives the line's entries
 * (state.entries), `submit(item)`, `act(button, status, item)`, `acknowledgement(entry)` and `refresh()`.
 */
export function entryView(ctx, entry) {
  while (attachmentURLs.length) URL.revokeObjectURL(attachmentURLs.pop());
  const me = ctx.state.me.side;
  const find = (p) => ctx.state.entries.find((e) => samePointer(e.pointer, p));
  const translations = entry.translations.map(find).filter(Boolean);
  const acks = entry.acknowledgements.map((p) => find(p) || { pointer: p });
  const status = el("span", { class: "status" });
  const section = el("section", { id: "entry-view", class: "card", "data-pointer": pointerName(entry.pointer) },
    el("header", {}, el("h3", {}, `${t("kind." + entry.kind)} ${pointerName(entry.pointer)}`),
      el("button", { type: "button", id: "entry-close", onclick: () => ctx.close() }, t("explorer.close"))),
    el("dl", { class: "facts" },
      el("dt", { text: t("entry.signedBy") }), el("dd", { id: "entry-author" }, el("strong", {}, entry.authorName || "—"), " ", roleName(entry.authorRole),
        " ", el("code", { title: entry.authorKeyID }, entry.authorKeyID.slice(0, 16) + "…")),
      el("dt", { text: t("inbox.time") }), el("dd", {}, formatTime(entry.signedAt)),
      el("dt", { text: t("inbox.precedence") }), el("dd", {}, t("precedence." + entry.precedence), entry.track ? ` · ${entry.track}` : ""),
      el("dt", { text: t("inbox.received") }), el("dd", { id: "entry-received", "data-received": String(entry.received) },
        entry.received ? t("entry.receivedAt", { side: entry.pointer.side === me ? ctx.peer() : me, time: formatTime(entry.receivedAt) }) : t("entry.notReceived")),
      el("dt", { text: t("inbox.ack") }), el("dd", { id: "entry-acked", "data-acked": String(acks.length > 0) },
        acks.length ? acks.map((a) => el("div", {}, pointerName(a.pointer), a.authorName ? ` — ${a.authorName}` : "", a.signedAt ? `, ${formatTime(a.signedAt)}` : "")) : t("no"),
        !acks.length && ctx.canAcknowledge(entry) ? el("button", { type: "button", id: "entry-ack", class: "ack",
          onclick: (e) => ctx.act(e.target, status, ctx.acknowledgement(entry)) }, t("inbox.acknowledge")) : null),
      entry.acknowledgeBy && !acks.length ? el("dt", { text: t("inbox.deadline") }) : null,
      entry.acknowledgeBy && !acks.length ? el("dd", { id: "entry-deadline" }, formatTime(entry.acknowledgeBy)) : null),
    el("article", { class: "original", lang: (entry.content && entry.content.language) || null },
      el("h4", {}, t("entry.original"), entry.content && entry.content.language ? ` (${entry.content.language})` : ""),
      contentBody(entry.content)),
    el("div", { id: "translations" }, el("h4", { text: t("entry.translations") }),
      translations.length ? translations.map((tr) => el("article", { class: "translation", "data-pointer": pointerName(tr.pointer),
        "data-language": tr.content.language || "", lang: tr.content.language || null },
        el("p", { class: "hint" }, `${tr.content.language || "?"} — ${t("entry.translatedBy", { who: tr.authorName || tr.authorRole, side: tr.pointer.side })}, ${formatTime(tr.signedAt)}`),
        contentBody(tr.content))) : el("p", { class: "empty", text: t("entry.noTranslations") }),
      el("p", { class: "hint", text: t("entry.originalIsOfficial") })),
    entry.kind === "translation" || entry.kind === "acknowledgement" ? null : translateForm(ctx, entry, status),
    status);
  return section;
}

function translateForm(ctx, entry, status) {
  const original = entry.content || {};
  const language = el("input", { id: "translate-language", type: "text", required: true, size: 6, placeholder: "en",
    pattern: "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*" });
  const subject = original.subject ? el("input", { id: "translate-subject", type: "text" }) : null;
  const text = el("textarea", { id: "translate-text", rows: 4 });
  const button = el("button", { type: "submit", id: "translate-send" }, t("entry.translate"));
  return el("form", { id: "translate-form", onsubmit: async (e) => {
    e.preventDefault();
    const content = { salt: "", language: language.value.trim() };
    if (subject && subject.value.trim()) content.subject = subject.value.trim();
    if (original.paragraphs) content.paragraphs = text.value.split(/\n\s*\n/).map((x) => x.trim()).filter(Boolean);
    else if (text.value.trim()) content.text = text.value.trim();
    if (!content.language || (!content.subject && !content.text && !(content.paragraphs && content.paragraphs.length))) {
      showStatus(status, "error", t("entry.translationEmpty"));
      return;
    }
    button.disabled = true;
    showStatus(status, "sending", t("compose.sending"));
    try {
      await ctx.submit({ kind: "translation", line: ctx.state.line, content, references: [entry.pointer] });
      showStatus(status, "sent", "✓");
      ctx.refresh();
    } catch (error) {
      showStatus(status, "error", errorText(error), error.code);
    } finally {
      button.disabled = false;
    }
  } },
  el("h4", { text: t("entry.addTranslation") }),
  el("div", { class: "row" }, el("label", {}, t("entry.language"), language), subject ? el("label", {}, t("compose.subject"), subject) : null),
  el("label", {}, original.paragraphs ? t("compose.paragraphs") : t("compose.text"), text), button);
}
