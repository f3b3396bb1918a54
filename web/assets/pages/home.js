// Public pages: the start page, the latest questions, and the questions of
// one practice area (titles only — never anything personal), each linked
// to its server-rendered public page (/q/<id>) with its answer count.

import { h, clear } from '../dom.js';
import { api, qs, areas } from '../api.js';
import { t, areaName } from '../i18n.js';
import { alertBox, loading, pageTitle } from '../ui.js';
import { date } from '../time.js';
import { publicPath, answersLabel } from '../qa.js';

function questionList(items) {
  if (!items.length) return h('p', { class: 'muted' }, t('questions.none'));
  return h('ol', { class: 'qlist' }, items.map((q) => h('li', {},
    h('a', { class: 'q-title', href: publicPath(q.id) }, q.title),
    h('span', { class: 'q-meta' }, [areaName(q.area), q.city, date(q.createdAt)].filter(Boolean).join(' · '),
      ' · ', h('span', { class: ['q-answers', q.answerCount > 0 ? 'answered' : null] }, answersLabel(q.answerCount || 0))))));
}

// pagedQuestions renders a list with a "more" button over the cursor.
async function pagedQuestions(box, area, limit) {
  let cursor = '';
  const list = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'btn secondary', hidden: true }, t('action.more'));
  clear(box, list, more);
  const load = async () => {
    more.disabled = true;
    try {
      const page = await api('GET', '/questions' + qs({ area, limit, cursor }));
      const ol = list.querySelector('ol');
      const fresh = questionList(page.items);
      if (ol && fresh.tagName === 'OL') ol.append(...fresh.children);
      else if (!ol) list.append(fresh);
      cursor = page.nextCursor || '';
      more.hidden = !cursor;
    } catch (e) {
      list.append(alertBox(e));
    }
    more.disabled = false;
  };
  more.addEventListener('click', load);
  await load();
}

function areaLinks(all) {
  return h('ul', { class: 'area-grid' }, all.map((a) => h('li', {}, h('a', { href: '#/areas/' + a.code }, areaName(a.code)))));
}

export async function render({ main }) {
  const latest = h('div', {}, loading());
  const grid = h('div', {}, loading());
  clear(main,
    h('section', { class: 'hero' },
      pageTitle(t('home.title')),
      h('p', { class: 'lead' }, t('home.lead')),
      h('p', { class: 'row' },
        h('a', { class: 'btn', href: '#/ask' }, t('home.cta')),
        h('a', { class: 'btn secondary', href: '#/lawyers' }, t('home.browse')))),
    h('section', { 'aria-labelledby': 'home-areas' }, h('h2', { id: 'home-areas' }, t('home.areas')), grid),
    h('section', { 'aria-labelledby': 'home-latest' }, h('h2', { id: 'home-latest' }, t('home.latest')), latest,
      h('p', {}, h('a', { href: '#/questions' }, t('home.all_questions')))));
  try {
    clear(grid, areaLinks(await areas()));
  } catch (e) {
    clear(grid, alertBox(e));
  }
  try {
    const page = await api('GET', '/questions' + qs({ limit: 10 }));
    clear(latest, questionList(page.items));
  } catch (e) {
    clear(latest, alertBox(e));
  }
}

export async function latest({ main }) {
  const box = h('div', {}, loading());
  let all = [];
  try {
    all = await areas();
  } catch (e) { /* the list still works */ }
  clear(main, pageTitle(t('questions.title')), h('p', { class: 'muted' }, t('qa.list_hint')),
    all.length ? h('nav', { 'aria-label': t('home.areas') }, areaLinks(all)) : null, box);
  await pagedQuestions(box, '', 20);
}

export async function area({ main, params }) {
  const code = params[0];
  const box = h('div', {}, loading());
  clear(main, pageTitle(t('questions.area_title', { area: areaName(code) })),
    h('p', { class: 'row' },
      h('a', { class: 'btn', href: '#/ask' }, t('home.cta')),
      h('a', { class: 'btn secondary', href: '#/lawyers?area=' + code }, t('questions.area_lawyers', { area: areaName(code) }))),
    h('p', { class: 'muted' }, t('qa.list_hint')),
    box);
  await pagedQuestions(box, code, 20);
}
