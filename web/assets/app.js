// LawDesk's pages: a hash router over plain ES modules. Only /, /assets/…
// and /config.json are served, so no page can collide with an API path,
// and whatever follows # (the visitor's private link) never reaches a
// server.

import { h, clear, announce } from './dom.js';
import { t, lang, setLang, setAreas } from './i18n.js';
import { areas } from './api.js';
import { session, signOut, finishSignIn } from './auth.js';
import { alertBox, pageTitle } from './ui.js';
import * as home from './pages/home.js';
import * as ask from './pages/ask.js';
import * as question from './pages/question.js';
import * as mine from './pages/mine.js';
import * as lawyers from './pages/lawyers.js';
import * as signin from './pages/signin.js';
import * as lawyer from './pages/lawyer.js';
import * as staff from './pages/staff.js';

// routes: pattern over the path part of the hash → page. Each page's
// render({main, params, query}) may return a function that stops what it
// started (polling).
const routes = [
  [/^\/$/, home.render],
  [/^\/questions$/, home.latest],
  [/^\/areas\/([a-z_]+)$/, home.area],
  [/^\/ask$/, ask.render],
  [/^\/q\/([A-Za-z0-9_-]+)$/, question.render],
  [/^\/mine$/, mine.render],
  [/^\/lawyers$/, lawyers.directory],
  [/^\/lawyers\/([A-Za-z0-9_-]+)$/, lawyers.profile],
  [/^\/signin$/, signin.render],
  [/^\/lawyer(?:\/(inbox|upcoming|availability|qa))?$/, lawyer.render],
  [/^\/staff$/, staff.render],
];

let stop = null;
let current = '';

function parse() {
  const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const i = raw.indexOf('?');
  const path = i < 0 ? raw : raw.slice(0, i);
  const query = new URLSearchParams(i < 0 ? '' : raw.slice(i + 1));
  return { path, query };
}

async function route() {
  // In-page anchors (#main) are not routes.
  if (location.hash && !location.hash.startsWith('#/')) return;
  const { path, query } = parse();
  if (typeof stop === 'function') stop();
  stop = null;
  const main = document.getElementById('main');
  const key = path + '?' + query;
  const same = key === current;
  current = key;
  renderShell(path);
  for (const [re, render] of routes) {
    const m = path.match(re);
    if (!m) continue;
    clear(main);
    try {
      stop = await render({ main, params: m.slice(1), query, path });
    } catch (e) {
      clear(main, pageTitle(t('err.title')), alertBox(e));
    }
    if (!same) focusTitle(main);
    return;
  }
  clear(main, pageTitle(t('notfound.title')), h('p', {}, h('a', { href: '#/' }, t('nav.home'))));
  focusTitle(main);
}

function focusTitle(main) {
  const h1 = main.querySelector('h1');
  window.scrollTo(0, 0);
  if (h1) {
    h1.focus({ preventScroll: true });
    announce(h1.textContent);
  }
}

// renderShell draws the header: the brand, the language switch and the
// navigation — on a phone one row, the links behind a menu button (the
// CSS shows them inline from 760 px); every route draws it closed.
function renderShell(path) {
  const s = session();
  const link = (href, key, active) => h('li', {}, h('a', { href, 'aria-current': active ? 'page' : null }, t(key)));
  const other = lang() === 'zh' ? 'en' : 'zh';
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  const nav = h('nav', { id: 'main-nav', 'aria-label': t('nav.label') });
  const menu = h('button', { type: 'button', class: 'menu-toggle', id: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'main-nav' },
    h('span', { class: 'menu-icon', 'aria-hidden': 'true' }), t('nav.menu'));
  const open = (yes) => {
    menu.setAttribute('aria-expanded', String(yes));
    nav.classList.toggle('open', yes);
  };
  menu.addEventListener('click', () => open(menu.getAttribute('aria-expanded') !== 'true'));
  nav.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && nav.classList.contains('open')) {
      open(false);
      menu.focus();
    }
  });
  clear(document.getElementById('top'),
    h('div', { class: 'bar' },
      h('a', { class: 'brand', href: '#/' }, h('img', { src: '/assets/icon.svg', alt: '', width: 28, height: 28 }), 'LawDesk', h('span', { class: 'brand-sub' }, t('brand.sub'))),
      h('div', { class: 'bar-end' },
        h('button', { type: 'button', class: 'lang-switch', lang: other === 'zh' ? 'zh-CN' : 'en', id: 'lang-switch',
          'aria-label': t('lang.switch_label'), onclick: () => { setLang(other); current = ''; route(); } }, t('lang.switch')),
        menu)),
    nav);
  nav.append(h('ul', { class: 'nav' },
    link('#/ask', 'nav.ask', path === '/ask'),
    link('#/lawyers', 'nav.lawyers', path.startsWith('/lawyers')),
    link('#/questions', 'nav.questions', path === '/questions' || path.startsWith('/areas')),
    link('#/mine', 'nav.mine', path === '/mine' || path.startsWith('/q/')),
    link('#/lawyer', 'nav.lawyer', path.startsWith('/lawyer') && !path.startsWith('/lawyers')),
    link('#/staff', 'nav.staff', path === '/staff'),
    s ? h('li', {}, h('button', { type: 'button', class: 'linkish', onclick: async () => { await signOut(); location.hash = '#/'; route(); } }, t('nav.signout'))) : null));
  // A chosen link closes the menu, also when it is the page already shown.
  nav.addEventListener('click', (e) => { if (e.target.closest('a')) open(false); });
  clear(document.getElementById('foot'),
    h('p', {}, t('foot.privacy')),
    h('p', { class: 'muted' }, t('foot.demo')));
  document.getElementById('skip').textContent = t('skip');
}

async function boot() {
  document.getElementById('skip').addEventListener('click', (e) => {
    e.preventDefault();
    const main = document.getElementById('main');
    const h1 = main.querySelector('h1') || main;
    h1.focus();
  });
  const next = await finishSignIn().catch(() => '#/signin?failed=1');
  if (next) location.replace(next);
  try {
    setAreas(await areas());
  } catch (e) { /* the pages say when the API is down */ }
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = '1';
}

boot();
