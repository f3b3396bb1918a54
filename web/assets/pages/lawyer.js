// The lawyer's workspace (#/lawyer/…): the inbox of pending bookings with
// the question's text and the visitor's contact, both with personal data
// hidden, accept or decline with a reason; upcoming consultations with the
// question as written and the visitor's full contact (the list's own,
// audited once per look), mark completed; and the
// availability editor (a weekly pattern expanded into slots for the next
// weeks, or single slots); the Q&A tab is pages/qa.js.

import { h, clear, announce, download } from '../dom.js';
import { api, qs } from '../api.js';
import { t, areaName, errorMessage } from '../i18n.js';
import { alertBox, loading, pageTitle, field, showErrors, clearErrors, statusBadge, contactList, zoneNote, confirmStep, badge } from '../ui.js';
import { session } from '../auth.js';
import { dateTime, day, time, dayKey, localToISO, zoneLabel } from '../time.js';
import { rescheduleControl, noShowControl } from '../lifecycle.js';
import * as qa from './qa.js';

const TABS = ['inbox', 'upcoming', 'availability', 'qa'];
const MAX_PER_CALL = 50; // domain.MaxSlotsPerCall

export async function render({ main, params }) {
  const tab = params[0] || 'inbox';
  const s = session();
  if (!s || !s.groups.includes('lawyers') || !s.lawyerId) {
    if (s) {
      clear(main, pageTitle(t('lw.title_plain')), alertBox(t('lw.not_lawyer')),
        h('p', {}, h('a', { href: '#/signin?role=lawyer&next=' + encodeURIComponent('#/lawyer/' + tab) }, t('signin.as_lawyer'))));
      return null;
    }
    location.replace('#/signin?role=lawyer&next=' + encodeURIComponent('#/lawyer/' + tab));
    return null;
  }
  let me = { id: s.lawyerId, name: '' };
  try {
    me = await api('GET', `/lawyers/${encodeURIComponent(s.lawyerId)}`);
  } catch (e) { /* the workspace works without the profile */ }
  const body = h('div', { id: 'lawyer-' + tab });
  clear(main,
    pageTitle(me.name ? t('lw.title', { name: me.name }) : t('lw.title_plain')),
    h('nav', { class: 'subnav', 'aria-label': t('lw.sections') }, h('ul', {},
      TABS.map((x) => h('li', {}, h('a', { href: '#/lawyer/' + x, 'aria-current': x === tab ? 'page' : null }, t('lw.tab_' + x)))))),
    body);
  if (tab === 'inbox') await inbox(body, s);
  else if (tab === 'upcoming') await upcoming(body, s);
  else if (tab === 'qa') await qa.render(body, s, me);
  else await availability(body, s, me);
  return null;
}

// bookingList loads the lawyer's bookings of one status, soonest first.
async function bookingList(box, s, status, item, emptyText) {
  const list = h('ol', { class: 'cards' });
  const more = h('button', { type: 'button', class: 'btn secondary', hidden: true }, t('action.more'));
  let cursor = '';
  const load = async () => {
    more.disabled = true;
    try {
      const r = await api('GET', '/lawyer/bookings' + qs({ status, limit: 20, cursor }), { token: s.token });
      for (const b of r.items) list.append(h('li', {}, item(b)));
      cursor = r.nextCursor || '';
      more.hidden = !cursor;
      if (!list.children.length) clear(box, h('p', { class: 'muted' }, emptyText));
    } catch (e) {
      clear(box, alertBox(e));
    }
    more.disabled = false;
  };
  clear(box, loading());
  await load();
  if (box.querySelector('.loading')) clear(box, zoneNote(), list, more);
  more.addEventListener('click', load);
}

function bookingHead(b) {
  return [
    h('h3', { class: 'booking-title' }, b.questionTitle || t('q.title')),
    h('p', { class: 'meta' }, badge(areaName(b.area)), ' ', statusBadge(b.status)),
    h('p', { class: 'when' }, h('strong', {}, dateTime(b.start)), ' · ', t('b.minutes', { n: b.minutes }), ' · ', t('mode.' + b.mode)),
  ];
}

// questionText is what the visitor wrote: while the booking waits, with
// their name, phones, e-mail and ID numbers hidden (the API redacts it);
// once confirmed, as written (that view is in the visitor's access log).
function questionText(b) {
  const pending = b.status === 'pending';
  return h('div', { class: 'q-text' },
    h('h4', {}, t(pending ? 'lw.question_redacted' : 'lw.question')),
    b.questionBody ? h('p', { class: 'q-body pre' }, b.questionBody) : h('p', { class: 'muted' }, t('lw.question_title_only')));
}

async function inbox(box, s) {
  clear(box, h('h2', {}, t('lw.inbox_title')), h('p', { class: 'hint' }, t('lw.inbox_hint')));
  const listBox = h('div', { 'aria-live': 'polite' });
  box.append(listBox);
  await bookingList(listBox, s, 'pending', (b) => pendingItem(b, s), t('lw.inbox_empty'));
}

function pendingItem(b, s) {
  const card = h('article', { class: 'card booking', dataset: { booking: b.id } });
  const status = h('div', { 'aria-live': 'polite' });
  const accept = h('button', { type: 'button', class: 'btn', dataset: { action: 'accept' } }, t('lw.accept'));
  const decline = h('button', { type: 'button', class: 'btn secondary', dataset: { action: 'decline' } }, t('lw.decline'));
  const actions = h('div', { class: 'row' }, accept, decline);
  clear(card, ...bookingHead(b),
    b.respondBy ? h('p', { class: 'respond-by' }, t('lw.respond_by', { when: dateTime(b.respondBy) })) : null,
    questionText(b),
    h('h4', {}, t('lw.visitor_masked')),
    contactList(b.visitor, t('lw.visitor_masked')),
    actions, status);
  // The card shows the booking as the answer left it: its badge follows
  // the action at once.
  const done = (nb, text) => {
    clear(card, ...bookingHead({ ...b, ...nb }), h('p', { class: 'alert ok', role: 'status' }, text));
    announce(text);
  };
  accept.addEventListener('click', async () => {
    accept.disabled = decline.disabled = true;
    try {
      const nb = await api('POST', `/bookings/${encodeURIComponent(b.id)}/accept`, { token: s.token, body: {} });
      done({ status: 'confirmed', ...nb }, t('lw.accepted', { when: dateTime(nb.start) }));
      card.append(h('p', {}, h('a', { href: '#/lawyer/upcoming' }, t('lw.to_upcoming'))));
    } catch (e) {
      accept.disabled = decline.disabled = false;
      clear(status, alertBox(e));
    }
  });
  decline.addEventListener('click', () => {
    const reason = field({ name: 'reason', label: t('lw.decline_reason'), type: 'textarea', rows: 3, hint: t('lw.decline_hint') });
    const send = h('button', { type: 'submit', class: 'btn danger' }, t('lw.decline_send'));
    const back = h('button', { type: 'button', class: 'btn secondary' }, t('action.back'));
    const form = h('form', { class: 'form', novalidate: true }, h('div', { class: 'form-alert' }), reason, h('div', { class: 'row' }, send, back));
    actions.replaceWith(form);
    form.querySelector('textarea').focus();
    back.addEventListener('click', () => {
      form.replaceWith(actions);
      decline.focus();
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      const text = form.elements.namedItem('reason').value.trim();
      if (!text) {
        showErrors(form, { fields: { reason: '' }, fieldCodes: { reason: 'required' } });
        return;
      }
      send.disabled = true;
      try {
        const nb = await api('POST', `/bookings/${encodeURIComponent(b.id)}/decline`, { token: s.token, body: { reason: text } });
        done({ status: 'declined', ...nb }, t('lw.declined'));
      } catch (e) {
        send.disabled = false;
        showErrors(form, e);
      }
    });
  });
  return card;
}

async function upcoming(box, s) {
  clear(box, h('h2', {}, t('lw.upcoming_title')), h('p', { class: 'hint' }, t('lw.upcoming_hint')));
  const listBox = h('div', { 'aria-live': 'polite' });
  box.append(listBox);
  await bookingList(listBox, s, 'confirmed', (b) => confirmedItem(b, s), t('lw.upcoming_empty'));
}

function confirmedItem(b, s) {
  const card = h('article', { class: 'card booking', dataset: { booking: b.id } });
  // The list shows a confirmed booking's contact in full and records that
  // look in the visitor's access log; reading /contact as well would
  // record the same look twice.
  const contact = h('div', { class: 'visitor-contact' }, contactList(b.visitor, t('lw.visitor_contact')));
  const status = h('div', { 'aria-live': 'polite' });
  const started = new Date(b.start).getTime() <= Date.now();
  const complete = h('button', { type: 'button', class: 'btn', disabled: !started, dataset: { action: 'complete' }, 'aria-describedby': started ? null : `nc-${b.id}` }, t('lw.complete'));
  const ics = h('button', { type: 'button', class: 'btn secondary' }, t('b.ics'));
  const cancel = h('button', { type: 'button', class: 'btn danger-outline' }, t('b.cancel'));
  // Moving the booking keeps it confirmed; a no-show once it has begun.
  const move = rescheduleControl(b, { token: s.token }, (nb) => card.replaceWith(confirmedItem({ ...b, ...nb, visitor: b.visitor, questionBody: b.questionBody }, s)));
  const noShow = noShowControl(b, s.token, (nb) => {
    clear(card, ...bookingHead({ ...b, ...nb }), h('p', { class: 'alert ok', role: 'status' }, t('ns.done')));
  });
  clear(card, ...bookingHead(b),
    questionText(b),
    h('h4', {}, t('lw.visitor_contact')), contact,
    h('div', { class: 'row' }, complete, ics, started ? null : move, noShow, cancel),
    started ? null : h('p', { class: 'hint', id: `nc-${b.id}` }, t('lw.complete_later')),
    status);
  complete.addEventListener('click', async () => {
    complete.disabled = true;
    try {
      await api('POST', `/bookings/${encodeURIComponent(b.id)}/complete`, { token: s.token, body: {} });
      clear(card, ...bookingHead({ ...b, status: 'completed' }), h('p', { class: 'alert ok', role: 'status' }, t('lw.completed')));
      announce(t('lw.completed'));
    } catch (e) {
      complete.disabled = false;
      clear(status, alertBox(e));
    }
  });
  ics.addEventListener('click', async () => {
    try {
      const res = await api('GET', `/bookings/${encodeURIComponent(b.id)}.ics`, { token: s.token, raw: true });
      download(await res.blob(), `lawdesk-${b.start.slice(0, 10)}.ics`);
    } catch (e) {
      clear(status, alertBox(e));
    }
  });
  cancel.addEventListener('click', () => confirmStep(cancel, t('lw.cancel_confirm'), t('b.cancel_yes'), async (yes, stepBox) => {
    yes.disabled = true;
    try {
      await api('POST', `/bookings/${encodeURIComponent(b.id)}/cancel`, { token: s.token, body: {} });
      clear(card, ...bookingHead({ ...b, status: 'cancelled' }), h('p', { class: 'alert ok', role: 'status' }, t('b.cancelled')));
    } catch (e) {
      yes.disabled = false;
      stepBox.append(alertBox(e));
    }
  }));
  return card;
}

// ---------------------------------------------------------------- availability

// openSlots lists the lawyer's open slots for the next 62 days (the API's
// widest window).
async function openSlots(lawyerId) {
  const from = new Date();
  const to = new Date(from.getTime() + 62 * 864e5);
  const out = [];
  let cursor = '';
  for (let i = 0; i < 20; i++) {
    const r = await api('GET', `/lawyers/${encodeURIComponent(lawyerId)}/slots` + qs({ from: from.toISOString(), to: to.toISOString(), limit: 100, cursor }));
    out.push(...r.items);
    cursor = r.nextCursor || '';
    if (!cursor) break;
  }
  return out;
}

// parseTimes("09:00, 10:30 14:00") → ["09:00", "10:30", "14:00"] or null.
export function parseTimes(text) {
  const parts = text.split(/[\s,，;；、]+/).filter(Boolean);
  if (!parts.length) return null;
  const out = [];
  for (const p of parts) {
    const m = p.match(/^([01]?\d|2[0-3])[:：.]([0-5]\d)$/);
    if (!m) return null;
    out.push(`${m[1].padStart(2, '0')}:${m[2]}`);
  }
  return [...new Set(out)].sort();
}

// expand turns a weekly pattern into slots in the viewer's zone, from
// tomorrow for `weeks` weeks.
export function expand(days, times, minutes, weeks, now = new Date()) {
  const out = [];
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  for (let i = 0; i < weeks * 7; i++) {
    const d = new Date(first.getFullYear(), first.getMonth(), first.getDate() + i);
    if (!days.includes(d.getDay())) continue;
    for (const hm of times) out.push({ start: localToISO(dayKey(d), hm), minutes });
  }
  return out;
}

const overlaps = (a, b) => {
  const as = Date.parse(a.start);
  const bs = Date.parse(b.start);
  return as < bs + b.minutes * 6e4 && bs < as + a.minutes * 6e4;
};

// publish posts the new slots in calls of at most 50, leaving out those
// already open or overlapping an open one; a call refused for an overlap
// the page cannot see (a held or booked slot) is retried slot by slot.
async function publish(lawyerId, token, wanted, existing) {
  const res = { created: [], already: 0, conflicts: 0 };
  const fresh = [];
  for (const w of wanted) {
    if (existing.some((e) => Date.parse(e.start) === Date.parse(w.start) && e.minutes === w.minutes)) res.already++;
    else if (existing.some((e) => overlaps(e, w))) res.conflicts++;
    else fresh.push(w);
  }
  const post = (slots) => api('POST', `/lawyers/${encodeURIComponent(lawyerId)}/slots`, { token, body: { slots } });
  for (let i = 0; i < fresh.length; i += MAX_PER_CALL) {
    const chunk = fresh.slice(i, i + MAX_PER_CALL);
    try {
      res.created.push(...(await post(chunk)).items);
    } catch (e) {
      if (e.code !== 'conflict') throw e;
      for (const one of chunk) {
        try {
          res.created.push(...(await post([one])).items);
        } catch (e1) {
          if (e1.code !== 'conflict') throw e1;
          res.conflicts++;
        }
      }
    }
  }
  return res;
}

async function availability(box, s, me) {
  const current = h('div', { id: 'open-slots', 'aria-live': 'polite' }, loading());
  let existing = [];
  const showCurrent = async () => {
    try {
      existing = await openSlots(s.lawyerId);
    } catch (e) {
      clear(current, alertBox(e));
      return;
    }
    if (!existing.length) {
      clear(current, h('p', { class: 'muted' }, t('av.none')));
      return;
    }
    const byDay = new Map();
    for (const sl of existing) {
      const k = dayKey(new Date(sl.start));
      if (!byDay.has(k)) byDay.set(k, []);
      byDay.get(k).push(sl);
    }
    clear(current, h('p', {}, t('av.count', { n: existing.length })),
      h('ul', { class: 'day-list' }, [...byDay.values()].map((list) => h('li', {},
        h('span', { class: 'day' }, day(list[0].start)),
        h('span', { class: 'times' }, list.map((sl) => time(sl.start)).join(' · '))))));
  };

  // Weekly pattern.
  const weekdays = [1, 2, 3, 4, 5, 6, 0];
  const daysSet = h('fieldset', { class: 'days', dataset: { field: 'days' }, 'aria-describedby': 'days-err' },
    h('legend', {}, t('av.days')),
    h('div', { class: 'chips' }, weekdays.map((d) => h('label', { class: 'chip' },
      h('input', { type: 'checkbox', name: 'days', value: String(d), checked: d >= 1 && d <= 5 }), ' ', t('wd.' + d)))),
    h('p', { class: 'field-error', id: 'days-err', hidden: true }));
  const times = field({ name: 'times', label: t('av.times'), hint: t('av.times_hint'), value: '09:00, 10:30, 14:00, 16:00', autocomplete: 'off', inputmode: 'numeric' });
  const minutes = field({ name: 'minutes', label: t('av.minutes'), type: 'select', value: '30', options: [15, 20, 30, 45, 60, 90, 120].map((m) => ({ value: String(m), label: t('b.minutes', { n: m }) })) });
  const weeks = field({ name: 'weeks', label: t('av.weeks'), type: 'select', value: '2', options: [1, 2, 3, 4, 6, 8].map((w) => ({ value: String(w), label: t('av.n_weeks', { n: w }) })) });
  const preview = h('p', { class: 'preview', id: 'pattern-preview', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', id: 'publish-pattern' }, t('av.publish'));
  const result = h('div', { 'aria-live': 'polite', id: 'pattern-result' });
  const pattern = h('form', { class: 'form', novalidate: true, id: 'pattern-form', 'aria-labelledby': 'pattern-h' },
    h('h3', { id: 'pattern-h' }, t('av.pattern_title')),
    h('div', { class: 'form-alert' }), daysSet, times, h('div', { class: 'two' }, minutes, weeks), preview,
    h('div', { class: 'row' }, submit), result);
  const read = () => {
    const days = [...pattern.querySelectorAll('input[name=days]:checked')].map((c) => Number(c.value));
    const ts = parseTimes(pattern.elements.namedItem('times').value);
    const mins = Number(pattern.elements.namedItem('minutes').value);
    const wk = Number(pattern.elements.namedItem('weeks').value);
    const errors = {};
    if (!days.length) errors.days = t('av.err_days');
    if (!ts) errors.times = t('av.err_times');
    else {
      for (let i = 1; i < ts.length; i++) {
        const [h1, m1] = ts[i - 1].split(':').map(Number);
        const [h2, m2] = ts[i].split(':').map(Number);
        if (h2 * 60 + m2 - (h1 * 60 + m1) < mins) errors.times = t('av.err_overlap', { n: mins });
      }
    }
    return { errors, slots: Object.keys(errors).length ? [] : expand(days, ts, mins, wk) };
  };
  const updatePreview = () => {
    const { errors, slots } = read();
    if (Object.keys(errors).length || !slots.length) {
      preview.textContent = '';
      return;
    }
    preview.textContent = t('av.preview', { n: slots.length, from: day(slots[0].start), to: day(slots[slots.length - 1].start) });
  };
  pattern.addEventListener('input', updatePreview);
  pattern.addEventListener('change', updatePreview);
  pattern.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(result);
    const { errors, slots } = read();
    if (Object.keys(errors).length) {
      showErrors(pattern, { fields: errors });
      return;
    }
    clearErrors(pattern);
    submit.disabled = true;
    try {
      const r = await publish(s.lawyerId, s.token, slots, existing);
      const msg = t('av.published', { n: r.created.length, already: r.already, conflicts: r.conflicts });
      clear(result, h('p', { class: 'alert ok', role: 'status' }, msg));
      announce(msg);
      await showCurrent();
    } catch (e) {
      clear(result, alertBox(e));
    }
    submit.disabled = false;
  });

  // One slot.
  const tomorrow = new Date(Date.now() + 864e5);
  const oneDate = field({ name: 'date', label: t('av.date'), type: 'date', value: dayKey(tomorrow), min: dayKey(new Date()) });
  const oneTime = field({ name: 'time', label: t('av.time'), type: 'time', value: '19:00', step: 60 });
  const oneMinutes = field({ name: 'minutes', label: t('av.minutes'), type: 'select', value: '30', options: [15, 20, 30, 45, 60, 90, 120].map((m) => ({ value: String(m), label: t('b.minutes', { n: m }) })) });
  const oneSubmit = h('button', { type: 'submit', class: 'btn secondary', id: 'publish-one' }, t('av.publish_one'));
  const oneResult = h('div', { 'aria-live': 'polite', id: 'one-result' });
  const one = h('form', { class: 'form', novalidate: true, id: 'one-form', 'aria-labelledby': 'one-h' },
    h('h3', { id: 'one-h' }, t('av.one_title')), h('div', { class: 'form-alert' }),
    h('div', { class: 'two' }, oneDate, oneTime), oneMinutes, h('div', { class: 'row' }, oneSubmit), oneResult);
  one.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(one);
    clear(oneResult);
    const d = one.elements.namedItem('date').value;
    const hm = one.elements.namedItem('time').value;
    const errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) errors.date = t('av.err_date');
    if (!/^\d{2}:\d{2}/.test(hm)) errors.time = t('av.err_time');
    if (Object.keys(errors).length) {
      showErrors(one, { fields: errors });
      return;
    }
    oneSubmit.disabled = true;
    try {
      const r = await api('POST', `/lawyers/${encodeURIComponent(s.lawyerId)}/slots`, {
        token: s.token, body: { slots: [{ start: localToISO(d, hm.slice(0, 5)), minutes: Number(one.elements.namedItem('minutes').value) }] },
      });
      const msg = t('av.published_one', { when: dateTime(r.items[0].start) });
      clear(oneResult, h('p', { class: 'alert ok', role: 'status' }, msg));
      announce(msg);
      await showCurrent();
    } catch (e) {
      if (Object.keys(e.fields || {}).length) {
        // "slots[0].start" is this form's date, "slots[0].minutes" its length.
        const f = {};
        const codes = {};
        for (const [k, v] of Object.entries(e.fields)) {
          const name = k.replace(/^slots(\[\d+\])?\.?/, '') || 'start';
          f[name === 'start' ? 'date' : name] = v;
          codes[name === 'start' ? 'date' : name] = (e.fieldCodes || {})[k];
        }
        showErrors(one, { fields: f, fieldCodes: codes });
      } else clear(oneResult, alertBox(e.code === 'conflict' ? t('av.err_conflict') : errorMessage(e)));
    }
    oneSubmit.disabled = false;
  });

  clear(box,
    h('h2', {}, t('av.title')),
    h('p', { class: 'hint' }, t('av.hint', { zone: zoneLabel() }), me.timeZone && me.timeZone !== Intl.DateTimeFormat().resolvedOptions().timeZone ? ' ' + t('av.profile_zone', { zone: zoneLabel(me.timeZone) }) : ''),
    h('div', { class: 'columns' },
      h('div', {}, pattern, one),
      h('section', { 'aria-labelledby': 'open-h' }, h('h3', { id: 'open-h' }, t('av.open_title')), zoneNote(), current)));
  updatePreview();
  await showCurrent();
}
