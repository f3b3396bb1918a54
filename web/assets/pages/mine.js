// "My questions": the questions asked from this browser (kept in
// localStorage only), and a way in with a saved private link.

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { pageTitle, field, showErrors, zoneNote } from '../ui.js';
import { questions } from '../store.js';
import { dateTime } from '../time.js';

export async function render({ main }) {
  const list = questions();
  const link = field({ name: 'link', label: t('mine.link_label'), hint: t('mine.link_hint'), autocomplete: 'off' });
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'form-alert' }), link,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn secondary' }, t('mine.open'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = form.elements.namedItem('link').value.trim();
    const i = v.indexOf('#/q/');
    if (i < 0) {
      showErrors(form, { fields: { link: t('mine.link_bad') } });
      return;
    }
    location.hash = v.slice(i);
  });
  clear(main, pageTitle(t('mine.title')),
    h('p', { class: 'hint' }, t('mine.hint')),
    list.length ? zoneNote() : null,
    list.length
      ? h('ul', { class: 'qlist' }, list.map((q) => h('li', {},
        h('a', { class: 'q-title', href: '#/q/' + encodeURIComponent(q.id) }, q.title || q.id),
        q.createdAt ? h('span', { class: 'q-meta' }, dateTime(q.createdAt)) : null)))
      : h('p', { class: 'muted' }, t('mine.none'), ' ', h('a', { href: '#/ask' }, t('home.cta'))),
    h('h2', {}, t('mine.have_link')), form);
}
