// Booking a lawyer's slot, as the matches and a lawyer's profile offer it:
// the lawyer's next open slots in the viewer's zone, the ways to meet
// (in person only in the lawyer's city), and POST /bookings with one
// Idempotency-Key per chosen lawyer, time and mode — a retry after a lost
// answer returns the same booking instead of a second one.

import { h, clear } from './dom.js';
import { api, newKey, qs } from './api.js';
import { t, errorMessage } from './i18n.js';
import { alertBox } from './ui.js';
import { dateTime } from './time.js';
import * as store from './store.js';

export const MODES = ['phone', 'video', 'in_person'];

// cityKey is domain.CityKey: a city compared without case, spaces or a
// trailing 市 ("南京市" is 南京). The matches carry the API's own verdict
// (sameCity, modes); a profile compares the visitor's question with the
// lawyer here.
export function cityKey(city) {
  let c = String(city || '').trim().toLowerCase();
  if ([...c].length > 2 && c.endsWith('市')) c = c.slice(0, -1);
  return c;
}

// modesFor are the ways to meet a lawyer of city for a question in qCity:
// in person only in the same city (or when the question names none).
export function modesFor(city, qCity) {
  return !cityKey(qCity) || cityKey(qCity) === cityKey(city) ? MODES : MODES.filter((m) => m !== 'in_person');
}

// book books a slot for a question this browser holds the token of, and
// keeps the booking with the question.
export async function book(questionId, token, lawyerId, start, mode, key) {
  const b = await api('POST', '/bookings', {
    visitorToken: token, headers: { 'Idempotency-Key': key },
    body: { questionId, lawyerId, start, mode },
  });
  store.remember(questionId, { booking: b.id });
  return b;
}

// slotPicker fills box with a lawyer's open slots, the modes and a submit
// button. o.modes are the modes offered; o.label the button's words;
// o.before nodes shown above the button (a question to choose);
// o.submit({start, mode, key}) books (an ApiError is shown here). Returns
// {setModes}, to offer other modes later, or null when there is no slot.
export async function slotPicker(box, lawyer, o) {
  const lid = lawyer.id;
  const form = h('form', { class: 'slot-form', novalidate: true, dataset: { lawyer: lid } });
  const times = h('fieldset', { class: 'slots' }, h('legend', {}, t('m.pick_time', { name: lawyer.name })));
  const more = h('button', { type: 'button', class: 'linkish', hidden: true }, t('m.more_times'));
  const modes = h('fieldset', { class: 'modes' }, h('legend', {}, t('m.pick_mode')));
  const hint = h('p', { class: 'hint mode-hint' });
  const setModes = (list) => {
    const was = (form.querySelector('input[name=mode]:checked') || {}).value;
    const pick = list.includes(was) ? was : list[0];
    clear(modes, h('legend', {}, t('m.pick_mode')),
      list.map((m) => h('label', { class: 'chip' }, h('input', { type: 'radio', name: 'mode', value: m, checked: m === pick }), ' ', t('mode.' + m))));
    hint.textContent = list.includes('in_person') ? '' : t('m.no_in_person', { city: lawyer.city });
    modes.append(hint);
  };
  setModes(o.modes || MODES);
  const result = h('div', { class: 'form-alert', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn' }, o.label || t('m.book', { name: lawyer.name }));
  let cursor = '';
  const grid = h('div', { class: 'slot-grid' });
  times.append(grid, more);
  const load = async () => {
    more.disabled = true;
    try {
      const r = await api('GET', `/lawyers/${encodeURIComponent(lid)}/slots${qs({ limit: 6, cursor })}`);
      for (const s of r.items) {
        grid.append(h('label', { class: 'chip slot' },
          h('input', { type: 'radio', name: 'start', value: s.start, required: true }), ' ', dateTime(s.start)));
      }
      cursor = r.nextCursor || '';
      more.hidden = !cursor;
      if (!grid.children.length) {
        clear(box, h('p', { class: 'muted' }, t('m.no_slots')));
        return false;
      }
    } catch (e) {
      clear(box, alertBox(e));
      return false;
    }
    more.disabled = false;
    return true;
  };
  more.addEventListener('click', load);
  const keys = new Map();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(result);
    const chosen = form.querySelector('input[name=start]:checked');
    if (!chosen) {
      clear(result, alertBox(t('m.choose_first')));
      const first = form.querySelector('input[name=start]');
      if (first) first.focus();
      return;
    }
    const mode = form.querySelector('input[name=mode]:checked').value;
    const sel = `${lid}|${chosen.value}|${mode}`;
    if (!keys.has(sel)) keys.set(sel, newKey());
    submit.disabled = true;
    try {
      await o.submit({ start: chosen.value, mode, key: keys.get(sel) });
      submit.disabled = false;
    } catch (e) {
      submit.disabled = false;
      if (e.code === 'slot_unavailable') {
        chosen.closest('label').remove();
        clear(result, alertBox(t('m.slot_taken')));
      } else if (e.code === 'conflict') {
        // Booked meanwhile (another tab or device).
        clear(result, alertBox(t('m.already_open')));
      } else {
        clear(result, alertBox(errorMessage(e)));
      }
    }
  });
  if (!(await load())) return null;
  clear(box, form);
  form.append(times, modes, ...(o.before || []), result, h('div', { class: 'row' }, submit));
  return { setModes };
}
