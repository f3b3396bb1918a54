// Pieces the pages share: fields with their errors, alerts, the lawyer
// card and the firm's contact block, status badges.

import { h, id, clear } from './dom.js';
import { t, label, areaName, errorMessage, fieldMessage, helped } from './i18n.js';
import { dateTime, zoneLabel } from './time.js';

// field({name, label, type, hint, …attrs}) → a labelled control with room
// for its error; select: options [{value, label}]; textarea: type 'textarea'.
export function field(o) {
  const fid = id(o.name);
  const hintId = o.hint ? fid + '-hint' : null;
  const errId = fid + '-err';
  const attrs = { id: fid, name: o.name, 'aria-describedby': [hintId, errId].filter(Boolean).join(' ') };
  for (const k of ['autocomplete', 'inputmode', 'placeholder', 'required', 'maxlength', 'min', 'max', 'step', 'value', 'rows', 'type', 'pattern', 'lang']) {
    if (o[k] !== undefined && !(k === 'type' && (o.type === 'textarea' || o.type === 'select'))) attrs[k] = o[k];
  }
  let control;
  if (o.type === 'textarea') control = h('textarea', attrs);
  else if (o.type === 'select') {
    control = h('select', attrs, (o.options || []).map((op) => h('option', { value: op.value, selected: op.value === o.value }, op.label)));
  } else if (o.type === 'checkbox') {
    control = h('input', { ...attrs, type: 'checkbox', checked: !!o.checked });
    return h('div', { class: 'field check', dataset: { field: o.name } },
      control, h('label', { for: fid }, o.label),
      o.hint ? h('p', { class: 'hint', id: hintId }, o.hint) : null,
      h('p', { class: 'field-error', id: errId, hidden: true }));
  } else control = h('input', { type: 'text', ...attrs });
  return h('div', { class: ['field', o.class], dataset: { field: o.name } },
    h('label', { for: fid }, o.label, o.optional ? h('span', { class: 'optional' }, ' ' + t('optional')) : null),
    o.hint ? h('p', { class: 'hint', id: hintId }, o.hint) : null,
    control,
    h('p', { class: 'field-error', id: errId, hidden: true }));
}

// clearErrors removes the field errors and the form's alert.
export function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const alert = form.querySelector('.form-alert');
  if (alert) clear(alert);
}

// showErrors puts an API error beside the fields it names (from the
// envelope's "fields", in words from its "fieldCodes") and a summary in the
// form's alert; it focuses the first invalid field. Field names like
// "slots[0].start" match their prefix. The pages' own checks pass fields
// with their words and no codes.
export function showErrors(form, err) {
  clearErrors(form);
  const alert = form.querySelector('.form-alert');
  let first = null;
  const unplaced = [];
  for (const [name, why] of Object.entries(err.fields || {})) {
    const text = fieldMessage(name, (err.fieldCodes || {})[name], why);
    const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`) || form.querySelector(`[data-field="${CSS.escape(name.split(/[.[]/)[0])}"]`);
    if (!box) {
      unplaced.push(text);
      continue;
    }
    const p = box.querySelector('.field-error');
    p.textContent = text;
    p.hidden = false;
    const control = box.querySelector('input, select, textarea');
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      first = first || control;
    }
  }
  if (alert) {
    clear(alert, h('div', { class: 'alert error', role: 'alert' },
      h('p', {}, Object.keys(err.fields || {}).length ? t('err.fix_fields') : errorMessage(err)),
      unplaced.length ? h('ul', {}, unplaced.map((m) => h('li', {}, m))) : null));
  }
  if (first) first.focus();
}

// alertBox(err or text, kind) → an alert (role=alert for errors).
export function alertBox(msg, kind = 'error') {
  const text = typeof msg === 'string' ? msg : errorMessage(msg);
  // An expired or missing sign-in on a lawyer's or staff page: offer it again.
  const again = msg && msg.code === 'unauthenticated' && /^#\/(lawyer|staff)/.test(location.hash)
    ? h('a', { href: '#/signin?role=' + (location.hash.startsWith('#/staff') ? 'staff' : 'lawyer') + '&next=' + encodeURIComponent(location.hash) }, t('signin.again'))
    : null;
  return h('div', { class: ['alert', kind], role: kind === 'error' ? 'alert' : 'status' }, text, again ? ' ' : null, again);
}

export function loading(text) {
  return h('p', { class: 'muted loading', role: 'status' }, text || t('loading'));
}

// pageTitle sets the h1 the router focuses and the document title.
export function pageTitle(text, ...rest) {
  document.title = `${text} · LawDesk`;
  return h('h1', { tabindex: '-1', class: 'page-title' }, text, ...rest);
}

export function badge(text, kind = '') {
  return h('span', { class: ['badge', kind] }, text);
}

export function statusBadge(status) {
  const kind = { pending: 'warn', confirmed: 'ok', completed: 'ok', declined: 'bad', expired: 'bad', cancelled: 'bad', no_show: 'bad' }[status] || '';
  return badge(t('status.' + status), kind);
}

export function areaTags(codes) {
  return h('ul', { class: 'tags', 'aria-label': t('areas') }, (codes || []).map((c) => h('li', {}, areaName(c))));
}

// firmBlock is the firm's public contact block, shown with every lawyer.
export function firmBlock(firm) {
  if (!firm) return null;
  return h('div', { class: 'firm', role: 'group', 'aria-label': t('firm.contact') },
    h('p', { class: 'firm-name' }, firm.name),
    firm.slogan ? h('p', { class: 'firm-slogan' }, firm.slogan) : null,
    h('p', { class: 'firm-line' }, label('firm.phone'), h('a', { href: 'tel:' + firm.phone.replace(/[^+0-9]/g, '') }, firm.phone)),
    firm.website ? h('p', { class: 'firm-line' }, label('firm.website'),
      h('a', { href: firm.website, rel: 'noopener noreferrer external', target: '_blank' }, firm.website.replace(/^https?:\/\//, ''))) : null,
    firm.city ? h('p', { class: 'firm-line firm-city' }, label('firm.city'), firm.city) : null);
}

// lawyerCard(lawyer, {heading, link, reasons, extra, otherCity, license})
// is a lawyer's public card: name, areas, the lawyer's own city (labelled:
// the firm's block names the firm's), "helped N people" (or new here), the
// firm block; with license the practising licence number. otherCity marks
// a match outside the question's city.
export function lawyerCard(l, o = {}) {
  const Hn = o.heading || 'h2';
  const name = o.link ? h('a', { href: '#/lawyers/' + encodeURIComponent(l.id) }, l.name) : l.name;
  return h('article', { class: ['card', 'lawyer', o.otherCity ? 'other-city' : null], dataset: { lawyer: l.id } },
    h('div', { class: 'card-head' },
      h(Hn, { class: 'lawyer-name' }, name),
      badge(helped(l.helpedCount || 0), l.helpedCount > 0 ? 'helped' : 'newcomer')),
    h('p', { class: 'meta' }, h('span', { class: 'lawyer-city' }, label('lawyer.city'), l.city),
      l.languages && l.languages.length ? ' · ' + l.languages.map((x) => t('lang.' + x)).join(' / ') : ''),
    o.license && l.licenseNo ? h('p', { class: 'meta license' }, t('lawyer.license', { no: l.licenseNo })) : null,
    areaTags(l.areas),
    o.reasons && o.reasons.length ? h('ul', { class: 'reasons', 'aria-label': t('match.reasons') }, o.reasons.map((r) => h('li', {}, r))) : null,
    l.bio && o.bio !== false ? h('p', { class: 'bio' }, l.bio) : null,
    o.nextSlot ? h('p', { class: 'meta' }, label('lawyer.next_slot'), dateTime(o.nextSlot.start)) : null,
    firmBlock(l.firm),
    o.extra || null);
}

// zoneNote names the zone the times are shown in.
export function zoneNote() {
  return h('p', { class: 'zone-note' }, t('time.zone_note', { zone: zoneLabel() }));
}

// confirmStep replaces a button with a question and two buttons; onYes
// gets the yes button (to disable it while the request runs).
export function confirmStep(anchor, message, yesLabel, onYes) {
  const box = h('div', { class: 'confirm', role: 'group', 'aria-label': message });
  const no = h('button', { type: 'button', class: 'btn secondary', onclick: () => { box.replaceWith(anchor); anchor.focus(); } }, t('action.keep'));
  const yes = h('button', { type: 'button', class: 'btn danger', onclick: () => onYes(yes, box) }, yesLabel);
  clear(box, h('p', {}, message), h('div', { class: 'row' }, yes, no));
  anchor.replaceWith(box);
  yes.focus();
  return box;
}

// maskedContact shows a visitor's contact as the API gives it (masked
// until the booking is confirmed).
export function contactList(c, label) {
  if (!c) return null;
  return h('dl', { class: 'contact', 'aria-label': label },
    h('dt', {}, t('contact.name')), h('dd', {}, c.name || '—'),
    h('dt', {}, t('contact.phone')), h('dd', {}, c.phone && !c.phone.includes('*') ? h('a', { href: 'tel:' + c.phone, class: 'phone' }, c.phone) : h('span', { class: 'phone' }, c.phone || '—')),
    h('dt', {}, t('contact.email')), h('dd', { class: 'email' }, c.email && !c.email.includes('*') ? h('a', { href: 'mailto:' + c.email }, c.email) : (c.email || '—')));
}

// lookWho says who looked at a visitor's data, from an access-log line
// (role, name, firm): "李静（律师，明德律师事务所）", "明德律师事务所的工作人员".
export function lookWho(a) {
  const role = t('actor.' + (a.role || String(a.actor || '').split(':')[0]));
  if (a.name) return t(a.firm ? 'who.named' : 'who.named_alone', { name: a.name, role, firm: a.firm });
  return a.firm ? t('who.unnamed', { role, firm: a.firm }) : role;
}

// lookWhat says what they saw and where: "在律师工作台的咨询列表中看到称呼、
// 电话、邮箱、问题原文", with how many times when the line stands for more.
export function lookWhat(a) {
  const fields = (a.fields || []).map((f) => t('contact.' + f)).join(t('list.sep'));
  const what = t('look.what', { how: t('view.' + (a.view || 'other')), fields });
  return a.count > 1 ? what + t('look.count', { n: a.count }) : what;
}

// accessTable lists looks at a visitor's data (the visitor's access log,
// a lead's audit trail): when, who, what — one row a line of the API.
export function accessTable(items, caption) {
  return h('table', { class: 'table looks' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('d.when')), h('th', { scope: 'col' }, t('d.who')), h('th', { scope: 'col' }, t('d.what')))),
    h('tbody', {}, items.map((a) => h('tr', { dataset: { view: a.view || 'other' } },
      h('td', { 'data-label': t('d.when'), class: 'c-when' }, dateTime(a.at)),
      h('td', { 'data-label': t('d.who') }, lookWho(a)),
      h('td', { 'data-label': t('d.what') }, lookWhat(a))))));
}

// pager runs a list's pages over the API's cursor. The returned load
// fetches the next page (fetchPage(cursor) → {items, nextCursor}), hands
// its items to onItems (awaited) and shows the `more` button while there
// is a next page; load(true) starts again from the first. A failure goes
// to onError. The `more` button calls load itself.
export function pager(more, fetchPage, onItems, onError) {
  let cursor = '';
  const load = async (reset) => {
    if (reset === true) cursor = '';
    more.disabled = true;
    try {
      const page = await fetchPage(cursor);
      await onItems(page.items, reset === true);
      cursor = page.nextCursor || '';
      more.hidden = !cursor;
    } catch (e) {
      onError(e);
    }
    more.disabled = false;
  };
  more.addEventListener('click', () => load());
  return load;
}
