// Times are shown in the viewer's zone, and the zone is always named.

import { lang } from './i18n.js';

function locale() {
  return lang() === 'zh' ? 'zh-CN' : 'en-GB';
}

// zone → the viewer's IANA zone, e.g. "Asia/Shanghai".
export function zone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

// Beijing time: the zones that name China's one clock.
const BEIJING = ['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC'];

// zoneLabel names a zone as its readers say it: "北京时间" / "Beijing time
// (GMT+8)" for China's, else "Europe/Berlin（GMT+1）" / "Europe/Berlin (GMT+1)".
export function zoneLabel(tz = zone(), at = new Date()) {
  let off = '';
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' }).formatToParts(at);
    off = (parts.find((p) => p.type === 'timeZoneName') || {}).value || '';
  } catch (e) { /* old engines */ }
  const zh = lang() === 'zh';
  if (BEIJING.includes(tz)) return zh ? '北京时间' : `Beijing time${off ? ` (${off})` : ''}`;
  if (!off) return tz;
  return zh ? `${tz}（${off}）` : `${tz} (${off})`;
}

// dateTime(iso) → "3月4日 周二 09:00" / "Tue 4 Mar, 09:00" in the viewer's zone.
export function dateTime(iso, opts = {}) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const f = { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (opts.year || d.getFullYear() !== new Date().getFullYear()) f.year = 'numeric';
  if (opts.tz) f.timeZone = opts.tz;
  return new Intl.DateTimeFormat(locale(), f).format(d);
}

// time(iso) → "09:00" in the viewer's zone.
export function time(iso) {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

// day(iso) → "3月4日 周二" / "Tue 4 Mar" in the viewer's zone.
export function day(iso) {
  return new Intl.DateTimeFormat(locale(), { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(iso));
}

// date(iso) → "2026/3/4" / "04/03/2026".
export function date(iso) {
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'numeric', day: 'numeric' }).format(new Date(iso));
}

// dayKey(d) → "2026-03-04" of a Date in the viewer's zone.
export function dayKey(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// localToISO("2026-03-04", "09:30") → the UTC instant of that wall time in
// the viewer's zone, as RFC 3339.
export function localToISO(dateStr, hm) {
  const [y, m, d] = dateStr.split('-').map(Number);
  const [hh, mm] = hm.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm, 0, 0).toISOString().replace('.000Z', 'Z');
}

// startOfLocalDay(s) → RFC 3339 of midnight of "YYYY-MM-DD" in the viewer's zone.
export function startOfLocalDay(s) {
  return localToISO(s, '00:00');
}
