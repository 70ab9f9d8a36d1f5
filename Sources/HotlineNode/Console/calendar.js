// Meetings as a calendar: a month of days (UTC, weeks from Monday) with each meeting on the day
// of its chosen option, or, while unconfirmed, on the days of each proposed option.
import { t, language } from "./i18n.js";
import { el, pointerName } from "./dom.js";

let shownMonth = null; // {year, month} (month 0–11), or null for "the month of the next meeting"

/** Each meeting's days: the chosen option, or every option while none is chosen. */
export function calendarItems(meetings) {
  const items = [];
  for (const m of meetings) {
    const chosen = m.chosenOption ? [m.options[m.chosenOption - 1]].filter(Boolean) : null;
    (chosen || m.options).forEach((option) => {
      const index = m.options.indexOf(option) + 1;
      items.push({ meeting: m, option, index, confirmed: Boolean(chosen), start: new Date(option.start) });
    });
  }
  return items.filter((item) => !Number.isNaN(item.start.getTime())).sort((a, b) => a.start - b.start);
}

function defaultMonth(items, now) {
  const next = items.find((item) => item.start >= now) || items[items.length - 1];
  const day = next ? next.start : now;
  return { year: day.getUTCFullYear(), month: day.getUTCMonth() };
}

/** The calendar element for `meetings`, with its own month navigation. */
export function meetingsCalendar(meetings, now = new Date()) {
  const items = calendarItems(meetings);
  const box = el("div", { id: "calendar", class: "calendar" });
  const draw = () => {
    const { year, month } = shownMonth || defaultMonth(items, now);
    const first = new Date(Date.UTC(year, month, 1));
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const lead = (first.getUTCDay() + 6) % 7; // Monday first
    const title = new Intl.DateTimeFormat(language(), { month: "long", year: "numeric", timeZone: "UTC" }).format(first);
    const weekday = new Intl.DateTimeFormat(language(), { weekday: "short", timeZone: "UTC" });
    const time = new Intl.DateTimeFormat(language(), { hour: "2-digit", minute: "2-digit", timeZone: "UTC", hourCycle: "h23" });
    const go = (delta) => () => {
      const target = new Date(Date.UTC(year, month + delta, 1));
      shownMonth = { year: target.getUTCFullYear(), month: target.getUTCMonth() };
      draw();
    };
    const cells = [];
    // 2024-01-01 was a Monday: the header's weekday names from there.
    for (let i = 0; i < 7; i++) cells.push(el("div", { class: "weekday" }, weekday.format(new Date(Date.UTC(2024, 0, 1 + i)))));
    for (let i = 0; i < lead; i++) cells.push(el("div", { class: "day blank" }));
    for (let day = 1; day <= days; day++) {
      const date = `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      const today = now.getUTCFullYear() === year && now.getUTCMonth() === month && now.getUTCDate() === day;
      const onDay = items.filter((item) => item.start.toISOString().slice(0, 10) === date);
      cells.push(el("div", { class: today ? "day today" : "day", "data-date": date },
        el("span", { class: "day-number" }, String(day)),
        onDay.map((item) => el("button", { type: "button", class: item.confirmed ? "event confirmed" : "event tentative",
          "data-meeting": pointerName(item.meeting.request), "data-confirmed": String(item.confirmed),
          title: `${item.meeting.format} — ${item.option.place}`,
          onclick: () => document.querySelector(`#meetings article[data-pointer="${pointerName(item.meeting.request)}"]`)?.scrollIntoView({ block: "center" }) },
          `${time.format(item.start)} ${item.meeting.format} · ${item.option.place}`,
          item.confirmed ? null : ` (${t("calendar.option", { n: item.index })})`))));
    }
    while ((cells.length - 7) % 7) cells.push(el("div", { class: "day blank" }));
    box.dataset.month = `${year}-${String(month + 1).padStart(2, "0")}`;
    box.replaceChildren(
      el("div", { class: "calendar-head" },
        el("button", { type: "button", id: "calendar-previous", "aria-label": t("calendar.previous"), onclick: go(-1) }, "‹"),
        el("h4", { id: "calendar-title" }, title),
        el("button", { type: "button", id: "calendar-next", "aria-label": t("calendar.next"), onclick: go(1) }, "›")),
      el("div", { class: "month", role: "grid" }, cells),
      el("p", { class: "hint" }, t("calendar.legend")));
  };
  draw();
  return box;
}

/** Back to the month of the next meeting, e.g. when another line is chosen. */
export function resetCalendar() { shownMonth = null; }
