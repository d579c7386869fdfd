import { fontFaceCss } from '../../emulator/cards/fonts';
import { CARD_CSS, LOGO_SVG } from '../../emulator/cards/render';

/**
 * The playground page: one HTML document (inline style and script; Roboto from this server's /fonts/,
 * nothing fetched but this server's own /api and /fonts). Left: a Calendar-like week view and the event editor;
 * middle: the add-on's side panel (drawn by the server with the same renderer as `npm run cards`);
 * right: the vendor panel (its conferences, its HTTP log, switches) and the run log.
 */

const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;height:100vh;display:grid;grid-template-rows:56px 1fr;font:400 14px/20px "Google Sans Text",Roboto,"Noto Sans JP","Helvetica Neue",Arial,"Liberation Sans",sans-serif;color:#3c4043;background:#fff}
header.app{display:flex;align-items:center;gap:12px;padding:0 16px;border-bottom:1px solid #dadce0}
header.app h1{font:400 20px/28px "Google Sans",Roboto,"Noto Sans JP",Arial,sans-serif;color:#3c4043;margin:0 16px 0 0}
header.app .now{color:#5f6368;margin-left:auto}
header.app .lang{color:#5f6368;font-size:12px;display:flex;align-items:center;gap:6px}
header.app .lang select{border:1px solid #dadce0;border-radius:4px;padding:4px;font:400 13px Roboto,"Noto Sans JP",Arial,sans-serif;color:#3c4043;background:#fff}
button.pill .logo{color:#1a73e8}
button.pill{display:inline-flex;align-items:center;gap:6px;border:1px solid #dadce0;background:#fff;border-radius:18px;height:36px;padding:0 16px;font:500 14px "Google Sans",Roboto,"Noto Sans JP",Arial,sans-serif;color:#3c4043;cursor:pointer}
button.pill:hover{background:#f1f3f4}
button.create{box-shadow:0 1px 3px rgba(60,64,67,.3);border:0;height:44px;border-radius:22px;padding:0 20px}
main{display:grid;grid-template-columns:1fr 300px 360px;min-height:0}
.week{overflow:auto;position:relative;padding:0 8px 16px 0}
.week .days{display:grid;grid-template-columns:56px repeat(7,1fr);position:sticky;top:0;background:#fff;z-index:2;border-bottom:1px solid #dadce0}
.week .days div{text-align:center;padding:8px 0;color:#70757a;font-size:11px;text-transform:uppercase}
.week .days b{display:block;font:400 22px/32px "Google Sans",Roboto,"Noto Sans JP",Arial,sans-serif;color:#3c4043}
.week .grid{display:grid;grid-template-columns:56px repeat(7,1fr);position:relative}
.week .hour{height:48px;border-bottom:1px solid #eee;border-left:1px solid #eee}
.week .label{height:48px;font-size:10px;color:#70757a;text-align:right;padding-right:8px;transform:translateY(-8px)}
.event{position:absolute;border-radius:4px;padding:2px 6px;color:#fff;font-size:12px;line-height:16px;overflow:hidden;cursor:pointer;border:1px solid #fff}
.event div{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cal-0{background:#039be5}.cal-1{background:#33b679}
.legend{display:flex;gap:12px;align-items:center;color:#5f6368;font-size:12px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
.deleted{position:sticky;bottom:0;z-index:3;background:#fff;border-top:1px solid #dadce0;padding:8px 16px;color:#5f6368;font-size:12px}
.side{border-left:1px solid #dadce0;display:flex;min-height:0}
.side .addon-panel{height:100%;border-left:0}
.dev{border-left:1px solid #dadce0;overflow:auto;padding:12px 16px;background:#f8f9fa;font-size:13px}
.dev h2{font:500 14px/20px "Google Sans",Roboto,"Noto Sans JP",Arial,sans-serif;color:#202124;margin:16px 0 8px}
.dev h2:first-child{margin-top:0}
.dev .row{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}
.dev button{border:1px solid #dadce0;background:#fff;border-radius:4px;padding:4px 10px;font:500 12px "Google Sans",Roboto,"Noto Sans JP",Arial,sans-serif;color:#1a73e8;cursor:pointer}
.dev button.on{background:#1a73e8;color:#fff;border-color:#1a73e8}
.dev table{width:100%;border-collapse:collapse;font-size:12px;line-height:16px}
.dev td{padding:3px 4px;border-bottom:1px solid #e8eaed;vertical-align:top;overflow-wrap:anywhere}
.dev .bad{color:#d93025}.dev .good{color:#188038}
dialog{border:0;border-radius:8px;box-shadow:0 24px 38px 3px rgba(0,0,0,.14),0 9px 46px 8px rgba(0,0,0,.12);padding:24px;width:440px}
dialog label{display:block;margin:0 0 12px;color:#5f6368;font-size:12px}
dialog input,dialog select{display:block;width:100%;margin-top:4px;padding:8px;border:1px solid #dadce0;border-radius:4px;font:400 14px Roboto,"Noto Sans JP",Arial,sans-serif;color:#202124}
dialog input.title{font:400 22px "Google Sans",Roboto,"Noto Sans JP",Arial,sans-serif;border:0;border-bottom:1px solid #dadce0;border-radius:0;padding:8px 0}
dialog .times{display:grid;grid-template-columns:1.4fr 1fr 1fr;gap:8px}
dialog .conf{font-size:13px;color:#3c4043;margin:-4px 0 12px;overflow-wrap:anywhere}
dialog .actions{display:flex;gap:8px;justify-content:flex-end;margin-top:16px}
dialog .actions .left{margin-right:auto;display:flex;gap:8px}
dialog .actions{flex-wrap:wrap}
dialog .actions [hidden]{display:none}
button.primary{background:#1a73e8;color:#fff;border:0;border-radius:4px;height:36px;padding:0 24px;font:500 14px "Google Sans",Roboto,"Noto Sans JP",Arial,sans-serif;cursor:pointer}
button.flat{background:none;border:0;color:#1a73e8;height:36px;padding:0 8px;font:500 14px "Google Sans",Roboto,"Noto Sans JP",Arial,sans-serif;cursor:pointer}
.toast{position:fixed;left:16px;bottom:16px;background:#323232;color:#fff;padding:12px 16px;border-radius:4px;max-width:480px;overflow-wrap:anywhere}
`;

const SCRIPT = `
let state = null;
let editing = null; // {calendarId, eventId, isNew}
const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid);
  return e;
};
const pad = (n) => String(n).padStart(2, '0');
const hhmm = (ms) => { const d = new Date(ms); return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()); };
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
function toast(text) {
  const t = el('div', { class: 'toast', role: 'status' }, text);
  document.body.append(t); setTimeout(() => t.remove(), 4000);
}
async function api(op, body = {}) {
  const res = await fetch('/api/' + op, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) { toast(json.error); throw new Error(json.error); }
  state = json.state; render(); return json.result;
}
async function load() { state = await (await fetch('/api/state')).json(); render(); }

function weekStart() {
  const d = new Date(state.now); const dow = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - dow);
}
// The whole day, as Calendar's week view: an event at night must be reachable too (one 3 hours from a
// late now sat above a 07:00-21:00 grid, out of reach). The view opens scrolled to 07:00.
const FIRST_HOUR = 0, HOURS = 24, HOUR_PX = 48, OPEN_AT_HOUR = 7;
let scrolledToMorning = false;
function renderWeek() {
  const start = weekStart();
  const days = el('div', { class: 'days' }, el('div', {}, 'UTC'));
  for (let i = 0; i < 7; i++) {
    const d = new Date(start + i * 864e5);
    days.append(el('div', {}, d.toUTCString().slice(0, 3), el('b', {}, String(d.getUTCDate()))));
  }
  const grid = el('div', { class: 'grid', 'data-testid': 'week' });
  for (let h = 0; h < HOURS; h++) {
    grid.append(el('div', { class: 'label' }, h === 0 ? '' : pad(FIRST_HOUR + h) + ':00'));
    for (let i = 0; i < 7; i++) {
      const at = start + i * 864e5 + (FIRST_HOUR + h) * 36e5;
      grid.append(el('div', { class: 'hour', onclick: () => openNew(at) }));
    }
  }
  // Overlapping events share their day's width side by side, as in Calendar's week view.
  const placed = [];
  state.calendars.forEach((cal, ci) => cal.events.forEach((ev) => {
    const s = Date.parse(ev.start), e = Date.parse(ev.end), col = Math.floor((s - start) / 864e5);
    if (col >= 0 && col <= 6) placed.push({ ev, ci, s, e, col });
  }));
  placed.sort((a, b) => a.s - b.s || a.ev.id.localeCompare(b.ev.id));
  for (const p of placed) {
    const lanes = placed.filter((q) => q !== p && q.col === p.col && q.s < p.e && p.s < q.e);
    const taken = new Set(lanes.filter((q) => q.lane !== undefined).map((q) => q.lane));
    p.lane = 0; while (taken.has(p.lane)) p.lane++;
    p.lanes = lanes.length + 1;
  }
  for (const { ev, ci, s, e, col, lane, lanes } of placed) {
    const top = ((s - start - col * 864e5) / 36e5 - FIRST_HOUR) * HOUR_PX;
    const height = Math.max(20, ((e - s) / 36e5) * HOUR_PX - 2);
    const dayWidth = '(100% - 56px) / 7';
    const left = 'calc(56px + ' + dayWidth + ' * ' + col + ' + (' + dayWidth + ' - 6px) * ' + lane + ' / ' + lanes + ' + 2px)';
    const width = 'calc((' + dayWidth + ' - 6px) / ' + lanes + ')';
    grid.append(el('div', { class: 'event cal-' + ci, 'data-testid': 'event', 'data-event-id': ev.id,
      style: 'top:' + top + 'px;height:' + height + 'px;left:' + left + ';width:' + width,
      onclick: (x) => { x.stopPropagation(); openExisting(ev); } },
      el('div', {}, el('b', {}, ev.summary || '(No title)')),
      el('div', {}, hhmm(s) + ' – ' + hhmm(e) + (ev.conference ? ' · ' + ev.conference.name : ''))));
  }
  const legend = el('div', { class: 'legend' }, state.calendars.map((c, i) => el('span', {}, el('i', { class: 'cal-' + i }), c.id)));
  const deleted = state.deleted.length === 0 ? null : el('div', { class: 'deleted', 'data-testid': 'deleted' }, 'Deleted: ',
    state.deleted.map((d) => el('span', {}, (d.summary || '(No title)') + ' ',
      el('button', { class: 'flat', 'data-testid': 'restore', onclick: () => api('event/restore', d) }, 'Restore'))));
  $('#week').replaceChildren(days, grid, deleted || '');
  if (!scrolledToMorning) { $('#week').scrollTop = OPEN_AT_HOUR * HOUR_PX; scrolledToMorning = true; }
  $('#legend').replaceChildren(legend);
}

function renderPanel() {
  $('#panel').innerHTML = state.panel.html;
  $('#panel').lang = state.user.locale === 'xx' ? 'en' : state.user.locale;
}
function renderLanguage() {
  const picker = $('#language');
  if (picker.options.length === 0)
    picker.replaceChildren(...state.user.choices.map(([tag, name]) => el('option', { value: tag }, name)));
  picker.value = state.user.locale;
}
function onPanelClick(e) {
  const t = e.target.closest('[data-function],[data-href],[data-auth],[data-back]');
  if (!t || t.disabled) return;
  if (t.hasAttribute('data-back')) return api('panel/back');
  if (t.dataset.function) return api('panel/click', { functionName: t.dataset.function, parameters: JSON.parse(t.dataset.params || '{}') });
  toast('Would open ' + (t.dataset.href || t.dataset.auth) + ' (the playground stays on 127.0.0.1)');
}

function renderDev() {
  const modes = [['up', 'Up'], ['down', 'Down'], ['http500', 'Failing (500)'], ['http429', 'Rate-limited'], ['slow', 'Slow']];
  const v = state.vendor;
  const conferences = el('table', { 'data-testid': 'vendor-conferences' }, v.conferences.map((c) =>
    el('tr', {}, el('td', {}, c.title ?? '(no title)'), el('td', {}, c.start?.dateTime ? hhmm(Date.parse(c.start.dateTime)) + ' ' + day(Date.parse(c.start.dateTime)) : ''),
      el('td', {}, c.attendees.length + ' guests'), el('td', {}, 'v' + c.version))));
  const requests = el('table', { 'data-testid': 'vendor-requests' }, v.requests.map((r) =>
    el('tr', {}, el('td', {}, r.method + ' ' + r.path), el('td', { class: r.status >= 200 && r.status < 300 ? 'good' : 'bad' }, String(r.status || 'refused')))));
  const runs = el('table', { 'data-testid': 'run-log' }, state.runLog.map((r) =>
    el('tr', {}, el('td', {}, hhmm(r.at)), el('td', {}, r.functionName), el('td', {}, r.kind),
      el('td', { class: r.outcome === 'ok' ? 'good' : 'bad', title: r.error || '' }, r.outcome + (r.error ? ': ' + r.error : '')))));
  $('#dev').replaceChildren(
    el('h2', {}, 'Vendor (reference server on 127.0.0.1)'),
    el('div', { class: 'row' }, modes.map(([m, label]) => el('button', { class: v.mode === m ? 'on' : '', 'data-mode': m, onclick: () => api('vendor/mode', { mode: m }) }, label))),
    el('div', { class: 'row' },
      el('button', { 'data-testid': 'invalidate', onclick: () => api('calendar/invalidate-sync-tokens').then(() => toast('Sync tokens invalidated: the next sync starts over')) }, 'Invalidate sync tokens'),
      el('button', { 'data-testid': 'advance', onclick: () => api('time/advance', { hours: 1 }) }, 'Let 1 hour pass'),
      el('button', { onclick: () => api('time/advance', { hours: 24 }) }, 'Let 1 day pass')),
    el('h2', {}, 'Conferences the vendor holds (' + v.conferences.length + ')'), conferences,
    el('h2', {}, 'HTTP log (newest first)'), requests,
    el('h2', {}, 'Run log (newest first)'), runs);
}

function render() {
  $('#now').textContent = new Date(state.now).toUTCString().replace('GMT', 'UTC');
  renderLanguage(); renderWeek(); renderPanel(); renderDev();
}

// ---------------------------------------------------------------- event editor
const dlg = () => $('#editor');
function fillEditor(ev) {
  const f = dlg().querySelector('form');
  f.summary.value = ev.summary || '';
  f.date.value = ev.start.slice(0, 10); f.from.value = ev.start.slice(11, 16); f.to.value = ev.end.slice(11, 16);
  f.guests.value = (ev.attendees || []).join(', ');
  f.calendar.replaceChildren(...state.calendars.map((c) => el('option', { value: c.id, selected: c.id === ev.calendarId }, c.id)));
  f.conference.replaceChildren(el('option', { value: '' }, 'No conferencing'),
    ...state.solutions.map((s) => el('option', { value: s.id }, s.name)), el('option', { value: 'meet' }, 'Google Meet'));
  const current = ev.conference ? (ev.conference.ours ? state.solutions.find((s) => s.name === ev.conference.name)?.id : 'meet') : '';
  f.conference.value = current || '';
  showConference(ev.conference);
  $('#delete').hidden = editing.isNew; $('#duplicate').hidden = editing.isNew;
  $('#vendor-side').hidden = editing.isNew || !(ev.conference && ev.conference.ours);
}
function showConference(c) {
  $('#conf').textContent = c ? c.name + (c.joinUrl ? ' · ' + c.joinUrl : '') : '';
}
async function openNew(at) {
  const calendarId = state.calendars[0].id;
  const { eventId } = await api('editor/new');
  editing = { calendarId, eventId, isNew: true };
  fillEditor({ calendarId, summary: '', start: new Date(at).toISOString(), end: new Date(at + 36e5).toISOString() });
  dlg().showModal();
}
function openExisting(ev) {
  editing = { calendarId: ev.calendarId, eventId: ev.id, isNew: false };
  fillEditor(ev); dlg().showModal();
  api('panel/event', { calendarId: ev.calendarId, eventId: ev.id });
}
async function chooseConference() {
  const f = dlg().querySelector('form');
  // A conference chosen for an unsaved event belongs to the calendar chosen at that moment.
  if (editing.isNew) { editing.calendarId = f.calendar.value; editing.conferenceChosen = true; }
  const r = await api('editor/conference', { calendarId: editing.calendarId, eventId: editing.eventId, solutionId: f.conference.value });
  if (!r.ok) toast('The conference could not be added: ' + r.error);
  showConference(r.conference);
}
async function save(e) {
  e.preventDefault();
  const f = dlg().querySelector('form');
  const target = f.calendar.value;
  const calendarId = editing.isNew && !editing.conferenceChosen ? target : editing.calendarId;
  dlg().close();
  const start = f.date.value + 'T' + f.from.value + ':00Z';
  let end = f.date.value + 'T' + f.to.value + ':00Z';
  // The editor has one date: an end at or before the start is the next day (23:00 to 00:00, say).
  if (Date.parse(end) <= Date.parse(start)) end = new Date(Date.parse(end) + 864e5).toISOString().replace('.000Z', 'Z');
  await api('editor/save', { calendarId, eventId: editing.eventId, summary: f.summary.value, start, end,
    attendees: f.guests.value.split(',').map((s) => s.trim()).filter(Boolean),
    targetCalendarId: target });
  editing = null;
}
async function cancel() { dlg().close(); if (editing?.isNew) await api('editor/cancel', editing); editing = null; }
async function remove() {
  dlg().close(); await api('event/delete', editing); editing = null;
  // A deleted meeting may have been moved: with other calendars to move to, its conference waits 10 minutes.
  if (state.calendars.length > 1) toast('Deleted. Its conference stays at the vendor for 10 minutes (the meeting could have moved to another calendar); let an hour pass to see the hourly run remove it.');
}
async function duplicate() { dlg().close(); await api('event/duplicate', editing); editing = null; }
// The vendor side changes behind the add-on's back; the hourly run repairs it (let an hour pass).
async function vendorSide(op, note) { dlg().close(); await api(op, editing); editing = null; toast(note); }

window.addEventListener('DOMContentLoaded', () => {
  $('#panel').addEventListener('click', onPanelClick);
  $('#create').addEventListener('click', () => { const d = new Date(state.now); openNew(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1)); });
  $('#home').addEventListener('click', () => api('panel/home'));
  $('#language').addEventListener('change', (e) => api('user/locale', { locale: e.target.value }));
  dlg().querySelector('form').addEventListener('submit', save);
  dlg().querySelector('[name=conference]').addEventListener('change', chooseConference);
  $('#cancel').addEventListener('click', cancel);
  $('#delete').addEventListener('click', remove);
  $('#duplicate').addEventListener('click', duplicate);
  $('#vendor-delete').addEventListener('click', () => vendorSide('vendor/delete-meeting', 'Deleted on the vendor. Let an hour pass: the add-on gets it back from the vendor (or puts a new one on the event).'));
  $('#vendor-move').addEventListener('click', () => vendorSide('vendor/move-meeting', 'Moved 2 hours on the vendor. Let an hour pass: the add-on puts the event time back.'));
  load();
});
`;

const BODY = `
<header class="app">
  <h1>Calendar playground</h1>
  <button class="pill create" id="create" data-testid="create">+ Create</button>
  <span id="legend"></span>
  <span class="now" id="now"></span>
  <label class="lang" title="The language of your Google account: Calendar passes it to the add-on">Language
    <select id="language" data-testid="language"></select></label>
  <button class="pill" id="home" data-testid="addon-home" title="Open the add-on's homepage">${LOGO_SVG} Add-on</button>
</header>
<main>
  <section class="week" id="week"></section>
  <aside class="side" id="panel" data-testid="panel"></aside>
  <aside class="dev" id="dev" data-testid="dev"></aside>
</main>
<dialog id="editor" data-testid="editor">
  <form method="dialog">
    <input class="title" name="summary" placeholder="Add title" aria-label="Title" data-testid="title">
    <label>Calendar<select name="calendar" data-testid="calendar"></select></label>
    <div class="times">
      <label>Date<input type="date" name="date" required></label>
      <label>From<input name="from" required placeholder="HH:MM" pattern="([01][0-9]|2[0-3]):[0-5][0-9]" inputmode="numeric"></label>
      <label>To<input name="to" required placeholder="HH:MM" pattern="([01][0-9]|2[0-3]):[0-5][0-9]" inputmode="numeric"></label>
    </div>
    <label>Guests (comma-separated)<input name="guests" data-testid="guests"></label>
    <label>Video conferencing<select name="conference" data-testid="conference"></select></label>
    <div class="conf" id="conf" data-testid="conference-info"></div>
    <div class="actions">
      <span class="left"><button type="button" class="flat" id="delete" data-testid="delete">Delete</button>
      <button type="button" class="flat" id="duplicate" data-testid="duplicate">Duplicate</button></span>
      <span class="left" id="vendor-side" hidden><button type="button" class="flat" id="vendor-delete" data-testid="vendor-delete">Delete this meeting on the vendor</button>
      <button type="button" class="flat" id="vendor-move" data-testid="vendor-move">Change its time on the vendor</button></span>
      <button type="button" class="flat" id="cancel">Cancel</button>
      <button class="primary" data-testid="save">Save</button>
    </div>
  </form>
</dialog>`;

export function playgroundPage(): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Calendar playground</title>
<style>${fontFaceCss((f) => `/fonts/${f.file}`)}
${PAGE_CSS}${CARD_CSS}</style></head>
<body>${BODY}
<script>${SCRIPT}</script>
</body></html>
`;
}
