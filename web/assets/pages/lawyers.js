// Public: the lawyer directory with its filters (area, city) and a lawyer's
// profile with the firm's contact block, the licence number and booking,
// and the lawyer's public answers (qa.js).

import { h, clear, announce } from '../dom.js';
import { api, qs, areas } from '../api.js';
import { t, areaName } from '../i18n.js';
import { alertBox, loading, pageTitle, lawyerCard, field, zoneNote } from '../ui.js';
import { slotPicker, book, modesFor, MODES } from '../picker.js';
import * as store from '../store.js';
import { replyLine, reviewsSection } from '../lifecycle.js';
import { lawyerStats, profileAnswers } from '../qa.js';

export async function directory({ main, query }) {
  let all = [];
  try {
    all = await areas();
  } catch (e) { /* filter by city only */ }
  const area = field({
    name: 'area', label: t('dir.area'), type: 'select', value: query.get('area') || '',
    options: [{ value: '', label: t('dir.any_area') }, ...all.map((a) => ({ value: a.code, label: areaName(a.code) }))],
  });
  const city = field({ name: 'city', label: t('dir.city'), value: query.get('city') || '', autocomplete: 'address-level2', optional: true });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('dir.filters') },
    area, city, h('div', { class: 'row end' }, h('button', { type: 'submit', class: 'btn' }, t('dir.apply'))));
  const results = h('div', { id: 'directory-results', 'aria-live': 'polite', 'aria-busy': 'false' });
  const count = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'btn secondary', hidden: true }, t('action.more'));
  clear(main, pageTitle(t('dir.title')), form, zoneNote(), count, results, more);

  let cursor = '';
  let shown = 0;
  const filters = () => ({ area: form.elements.namedItem('area').value, city: form.elements.namedItem('city').value.trim() });
  const load = async (reset) => {
    const f = filters();
    if (reset) {
      cursor = '';
      shown = 0;
      clear(results, loading());
    }
    results.setAttribute('aria-busy', 'true');
    more.disabled = true;
    try {
      const page = await api('GET', '/lawyers' + qs({ ...f, limit: 20, cursor }));
      if (reset) clear(results);
      let list = results.querySelector('ol');
      if (!list) results.append(list = h('ol', { class: 'cards grid' }));
      for (const l of page.items) list.append(h('li', {}, lawyerCard(l, { link: true, nextSlot: l.nextOpenSlot })));
      shown += page.items.length;
      cursor = page.nextCursor || '';
      more.hidden = !cursor;
      count.textContent = shown ? t('dir.count', { n: shown }) : t('dir.none');
      if (reset) announce(count.textContent);
    } catch (e) {
      clear(results, alertBox(e));
      count.textContent = '';
    }
    results.setAttribute('aria-busy', 'false');
    more.disabled = false;
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    // The filters are not personal data; keep them in the fragment so the
    // view can be bookmarked.
    history.replaceState(null, '', '#/lawyers' + qs(filters()));
    load(true);
  });
  more.addEventListener('click', () => load(false));
  await load(true);
}

// profile is a lawyer's public page: the card with the licence number
// and the firm's block, and booking one of the lawyer's open times
// straight away — for a question asked from this browser in one of the
// lawyer's areas (and not booked yet), or for a new one: the ask form
// then books the chosen time once the question is in.
export async function profile({ main, params }) {
  const id = params[0];
  clear(main, loading());
  let l;
  try {
    l = await api('GET', `/lawyers/${encodeURIComponent(id)}`);
  } catch (e) {
    clear(main, pageTitle(t('profile.missing')), alertBox(e), h('p', {}, h('a', { href: '#/lawyers' }, t('dir.back'))));
    return;
  }
  const picker = h('div', { id: 'profile-picker' }, loading());
  const answers = h('section', { id: 'profile-answers', 'aria-labelledby': 'profile-answers-h' });
  const card = lawyerCard(l, { heading: 'h2', license: true });
  card.querySelector('h2').remove();
  // The lawyer's record: answers, the rating, and how soon they usually
  // reply to a booking (the median of their last answers).
  const stats = lawyerStats(l);
  const reply = replyLine(l.responseMinutesMedian);
  if (reply) stats.append(' · ', reply);
  clear(main,
    pageTitle(l.name),
    card,
    stats,
    h('section', { 'aria-labelledby': 'profile-book' },
      h('h2', { id: 'profile-book' }, t('profile.book', { name: l.name })),
      zoneNote(), picker),
    answers,
    reviewsSection(l.id),
    h('p', {}, h('a', { href: '#/lawyers' }, t('dir.back'))));
  const answered = profileAnswers(answers, l);
  const mine = await bookable(l);
  const NEW = '';
  const which = mine.length ? field({
    name: 'question', label: t('profile.for_question'), type: 'select',
    options: [...mine.map((q) => ({ value: q.id, label: q.title })), { value: NEW, label: t('profile.new_question') }],
  }) : h('p', { class: 'hint', id: 'profile-new-hint' }, t('profile.ask_first'));
  const select = mine.length ? which.querySelector('select') : null;
  const chosen = () => (select ? mine.find((q) => q.id === select.value) || null : null);
  const ctl = await slotPicker(picker, l, {
    modes: mine.length ? modesFor(l.city, mine[0].city) : MODES,
    label: mine.length ? t('m.book', { name: l.name }) : t('profile.ask_and_book'),
    before: [which],
    submit: async ({ start, mode, key }) => {
      const q = chosen();
      if (!q) {
        // A new question: the ask form books this time once it is in.
        location.hash = '#/ask' + qs({ lawyer: l.id, start, mode });
        return;
      }
      const rec = store.question(q.id);
      await book(q.id, rec.token, l.id, start, mode, key);
      announce(t('m.booked'));
      location.hash = '#/q/' + encodeURIComponent(q.id);
    },
  });
  if (ctl && select) {
    select.addEventListener('change', () => {
      const q = chosen();
      ctl.setModes(q ? modesFor(l.city, q.city) : MODES);
      const btn = picker.querySelector('button[type=submit]');
      btn.textContent = q ? t('m.book', { name: l.name }) : t('profile.ask_and_book');
    });
  }
  await answered;
}

// bookable are the questions asked from this browser that this lawyer
// may take: not erased, not booked already, in one of the lawyer's areas
// (each read with its token; one that fails to read is left out).
async function bookable(l) {
  const out = await Promise.all(store.questions().map(async ({ id }) => {
    const rec = store.question(id);
    if (!rec || !rec.token) return null;
    try {
      const q = await api('GET', `/questions/${encodeURIComponent(id)}`, { visitorToken: rec.token });
      return !q.erasedAt && !q.openBookingId && (l.areas || []).includes(q.area) ? q : null;
    } catch (e) {
      return null;
    }
  }));
  return out.filter(Boolean);
}
