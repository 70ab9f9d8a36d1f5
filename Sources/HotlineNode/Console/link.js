// Link health: for every paired side, the last exchange, lag and cosigned sizes each way, the
// alarms, and the node's own plot of delivery latency and heartbeats (an SVG it draws, shown
// as an image, so nothing in it can run in the page).
import { get, getText } from "./api.js";
import { t, language } from "./i18n.js";
import { el, errorText } from "./dom.js";

const plotURLs = new Map(); // peer → object URL of the last plot
let chosenMinutes = 60; // the plot's window, kept across redraws

/** The short status in the side panel, for everyone. */
export function linkSummary(status) {
  return [el("h2", { text: t("link.title") }), ...status.peers.map((peer) => el("p", { class: "peer", "data-side": peer.side },
    el("strong", {}, `${peer.name} (${peer.side})`), el("br"),
    peer.lastExchangeSecondsAgo !== undefined ? t("link.last", { s: Math.round(peer.lastExchangeSecondsAgo) }) : t("link.never"),
    peer.sent.lag || peer.received.lag ? el("span", { class: "badge", "data-state": "countered" }, t("link.lag", { n: peer.sent.lag + peer.received.lag })) : null,
    peer.openAlarms.length ? el("span", { class: "badge", "data-state": "declined" }, t("link.alarms", { n: peer.openAlarms.length })) : null))];
}

function direction(label, d) {
  return el("tr", {},
    el("th", { scope: "row" }, label),
    el("td", { class: "number", "data-field": "size" }, String(d.size)),
    el("td", { class: "number", "data-field": "cosigned" }, String(d.cosignedSize)),
    el("td", { class: "number", "data-field": "lag", "data-lag": String(d.lag) }, String(d.lag)),
    el("td", {}, d.lastCosignedAt ? d.lastCosignedAt.replace("T", " ").replace("Z", " UTC") : "—"));
}

/** The link-health card: every peer in full, with the node's plot over the chosen window. */
export async function renderLinkHealth(identity, box, minutes = chosenMinutes) {
  chosenMinutes = minutes;
  let status;
  try {
    status = await get(identity, "status");
  } catch (error) {
    box.replaceChildren(el("h3", { text: t("health.title") }), el("p", { class: "status", "data-state": "error" }, errorText(error)));
    return;
  }
  const windows = [60, 360, 1440, 10080];
  const chooser = el("select", { id: "plot-window", onchange: () => renderLinkHealth(identity, box, Number(chooser.value)) },
    windows.map((m) => el("option", { value: m, selected: m === minutes }, t("health.window." + m))));
  const peers = status.peers.map((peer) => {
    const image = el("img", { class: "plot", "data-peer": peer.side, alt: t("health.plotAlt", { peer: peer.side }) });
    const article = el("article", { class: "peer-health", "data-side": peer.side },
      el("h4", {}, `${peer.name} (${peer.side})`, " ",
        el("span", { class: "badge", "data-state": peer.openAlarms.length ? "declined" : "accepted" },
          peer.openAlarms.length ? t("link.alarms", { n: peer.openAlarms.length }) : t("health.noAlarms"))),
      el("dl", {},
        el("dt", { text: t("health.address") }), el("dd", {}, el("code", {}, peer.address || "—")),
        el("dt", { text: t("health.fingerprint") }), el("dd", {}, el("code", {}, peer.fingerprint)),
        el("dt", { text: t("health.lastHeartbeat") }), el("dd", { "data-field": "last-exchange" },
          peer.lastExchangeSecondsAgo !== undefined ? t("health.ago", { s: Math.round(peer.lastExchangeSecondsAgo) }) : t("link.never"),
          " ", t("health.every", { s: peer.heartbeatSeconds })),
        el("dt", { text: t("health.failures") }), el("dd", { "data-field": "failures" }, String(peer.linkFailures),
          peer.lastError ? el("span", { class: "detail" }, " — ", peer.lastError) : null)),
      el("table", { class: "directions" },
        el("thead", {}, el("tr", {}, el("th", {}), ["health.entries", "health.cosigned", "health.lag", "health.lastReceipt"].map((k) => el("th", { text: t(k) })))),
        el("tbody", {}, direction(t("health.sent", { peer: peer.name }), peer.sent), direction(t("health.received", { peer: peer.name }), peer.received))),
      peer.openAlarms.length ? el("ul", { class: "alarms" }, peer.openAlarms.map((a) => el("li", {}, a))) : null,
      image);
    loadPlot(identity, peer.side, minutes, image);
    return article;
  });
  box.replaceChildren(el("header", {}, el("h3", { text: t("health.title") }), el("label", {}, t("health.window"), " ", chooser)), ...peers);
}

async function loadPlot(identity, peer, minutes, image) {
  try {
    const svg = await getText(identity, "link/plot.svg", { peer, minutes, lang: language() });
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    if (plotURLs.has(peer)) URL.revokeObjectURL(plotURLs.get(peer));
    plotURLs.set(peer, url);
    image.addEventListener("load", () => { image.dataset.loaded = "true"; }, { once: true });
    image.addEventListener("error", () => image.replaceWith(el("p", { class: "status", "data-state": "error" }, t("health.plotBroken"))), { once: true });
    image.src = url;
  } catch (error) {
    image.replaceWith(el("p", { class: "status", "data-state": "error" }, errorText(error)));
  }
}
