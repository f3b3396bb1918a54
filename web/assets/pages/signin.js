// Sign-in of lawyers and staff: Cognito's hosted UI in AWS; on the local
// server a chooser that gets a token from POST /local/token.

import { h, clear } from '../dom.js';
import { api, qs } from '../api.js';
import { t } from '../i18n.js';
import { alertBox, loading, pageTitle, field, showErrors } from '../ui.js';
import { config, safeNext, signInCognito, signInLocal } from '../auth.js';

// directoryLawyers pages through the public directory (the local sign-in
// and the staff desk's lawyer lists; at most a few thousand lawyers).
export async function directoryLawyers(maxPages = 20) {
  const out = [];
  let cursor = '';
  for (let i = 0; i < maxPages; i++) {
    const page = await api('GET', '/lawyers' + qs({ limit: 100, cursor }));
    out.push(...page.items);
    cursor = page.nextCursor || '';
    if (!cursor) break;
  }
  return out;
}

export function firmsOf(lawyers) {
  const firms = new Map();
  for (const l of lawyers) if (l.firm && !firms.has(l.firm.id)) firms.set(l.firm.id, l.firm);
  return [...firms.values()];
}

export async function render({ main, query }) {
  const role = query.get('role') === 'staff' ? 'staff' : 'lawyer';
  const next = safeNext(query.get('next'), role === 'staff' ? '#/staff' : '#/lawyer');
  const cfg = await config();
  const failed = query.get('failed') ? alertBox(t('signin.failed')) : null;
  if (cfg.auth === 'none') {
    clear(main, pageTitle(t('signin.title_' + role)), alertBox(t('signin.off')));
    return;
  }
  if (cfg.auth === 'cognito') {
    clear(main, pageTitle(t('signin.title_' + role)), failed,
      h('p', {}, t('signin.cognito_lead')),
      h('p', {}, h('button', { type: 'button', class: 'btn', id: 'signin-cognito', onclick: () => signInCognito(next) }, t('signin.cognito'))));
    return;
  }
  clear(main, pageTitle(t('signin.title_' + role)), failed, loading());
  let lawyers = [];
  try {
    lawyers = await directoryLawyers();
  } catch (e) {
    clear(main, pageTitle(t('signin.title_' + role)), alertBox(e));
    return;
  }
  const who = role === 'lawyer'
    ? field({ name: 'lawyerId', label: t('signin.lawyer'), type: 'select', options: lawyers.map((l) => ({ value: l.id, label: `${l.name} — ${l.firm ? l.firm.name : ''}` })) })
    : field({ name: 'firmId', label: t('signin.firm'), type: 'select', options: firmsOf(lawyers).map((f) => ({ value: f.id, label: f.name })) });
  // A staff member's name goes into the token's name claim, as Cognito's
  // would: visitors read it in their access log.
  const name = role === 'staff' ? field({ name: 'name', label: t('signin.name'), hint: t('signin.name_hint'), autocomplete: 'name', optional: true }) : null;
  const submit = h('button', { type: 'submit', class: 'btn', id: 'signin-submit' }, t('signin.submit'));
  const form = h('form', { class: 'form narrow', novalidate: true },
    h('div', { class: 'form-alert' }), who, name, h('div', { class: 'row' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    const v = form.elements.namedItem(role === 'lawyer' ? 'lawyerId' : 'firmId').value;
    try {
      await signInLocal(role === 'lawyer' ? { role, lawyerId: v } : { role, firmId: v, name: form.elements.namedItem('name').value.trim() });
      location.hash = next;
    } catch (e) {
      submit.disabled = false;
      showErrors(form, e);
    }
  });
  const other = role === 'lawyer' ? 'staff' : 'lawyer';
  clear(main, pageTitle(t('signin.title_' + role)), failed,
    h('p', { class: 'hint' }, t('signin.local_lead')), form,
    h('p', {}, h('a', { href: '#/signin' + qs({ role: other }) }, t('signin.as_' + other))));
}
