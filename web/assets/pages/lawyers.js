// Public: the lawyer directory with its filters (area, city) and a lawyer's
// profile with the firm's contact block and open times.

import { h, clear, announce } from '../dom.js';
import { api, qs, areas } from '../api.js';
import { t, areaName } from '../i18n.js';
import { alertBox, loading, pageTitle, lawyerCard, field, zoneNote } from '../ui.js';
import { dateTime } from '../time.js';

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
  const slots = h('div', {}, loading());
  const card = lawyerCard(l, { heading: 'h2' });
  card.querySelector('h2').remove();
  clear(main,
    pageTitle(l.name),
    card,
    h('section', { 'aria-labelledby': 'profile-slots' },
      h('h2', { id: 'profile-slots' }, t('profile.slots')),
      zoneNote(), slots,
      h('p', { class: 'hint' }, t('profile.how_to_book')),
      h('p', {}, h('a', { class: 'btn', href: '#/ask' }, t('home.cta')))),
    h('p', {}, h('a', { href: '#/lawyers' }, t('dir.back'))));
  try {
    const r = await api('GET', `/lawyers/${encodeURIComponent(id)}/slots${qs({ limit: 12 })}`);
    clear(slots, r.items.length
      ? h('ul', { class: 'slot-list' }, r.items.map((s) => h('li', {}, dateTime(s.start), h('span', { class: 'muted' }, ` · ${t('b.minutes', { n: s.minutes })}`))))
      : h('p', { class: 'muted' }, t('m.no_slots')));
  } catch (e) {
    clear(slots, alertBox(e));
  }
}
