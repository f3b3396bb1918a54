// The visitor's page for one question (#/q/<id>): the ranked lawyers with
// their next open slots and a slot picker in the visitor's zone; booking;
// the booking's status (pending → confirmed shows the lawyer's direct
// contact and an .ics file; declined or expired offers the next matches);
// the firms' offers to follow the question up, to accept or decline; and
// "my data": who has seen my contact, and erasing the question. A public
// question shows the lawyers' written answers as written, to follow up
// under and mark helpful (qa.js).
//
// The visitor token comes from localStorage or from the private link's
// fragment (#/q/<id>?t=…), and goes to the API only in X-Visitor-Token.

import { h, clear, announce, download } from '../dom.js';
import { api, qs } from '../api.js';
import { slotPicker, book, MODES } from '../picker.js';
import { t, label, areaName, errorMessage } from '../i18n.js';
import { alertBox, loading, pageTitle, lawyerCard, statusBadge, zoneNote, confirmStep, contactList, badge, firmBlock, accessTable } from '../ui.js';
import { dateTime, zoneLabel, zone } from '../time.js';
import * as store from '../store.js';
import { rescheduleControl, movedNote, reviewBox } from '../lifecycle.js';
import { visitorAnswers } from '../qa.js';

const OPEN = ['pending', 'confirmed'];
const POLL_MS = 15000;

export async function render({ main, params, query }) {
  const id = params[0];
  if (query.get('t')) {
    // Reached through the private link: the visitor has it already.
    const patch = { token: query.get('t'), linkSaved: true };
    if (query.get('b')) patch.booking = query.get('b');
    store.remember(id, patch);
  }
  const fresh = query.get('new') === '1';
  const missed = query.get('missed') === '1';
  // Keep the token out of the address bar (and of screenshots and shared
  // screens); the page shows the private link on demand.
  if (query.toString()) history.replaceState(null, '', `#/q/${encodeURIComponent(id)}`);
  const rec = store.question(id);
  if (!rec || !rec.token) {
    clear(main, pageTitle(t('q.need_link_title')), h('p', {}, t('q.need_link')),
      h('p', {}, h('a', { class: 'btn', href: '#/ask' }, t('home.cta'))));
    return null;
  }
  const token = rec.token;
  clear(main, pageTitle(rec.title || t('q.title')), loading());
  let q;
  try {
    q = await api('GET', `/questions/${encodeURIComponent(id)}`, { visitorToken: token });
  } catch (e) {
    const gone = e.code === 'not_found';
    const forgetBtn = h('button', { type: 'button', class: 'btn secondary', onclick: () => { store.forget(id); location.hash = '#/mine'; } }, t('q.forget_here'));
    clear(main, pageTitle(rec.title || t('q.title')), alertBox(gone ? t('q.gone') : e), gone ? forgetBtn : null);
    return null;
  }
  if (q.erasedAt) {
    store.forget(id);
    clear(main, pageTitle(t('d.erased_title')), h('div', { class: 'alert ok', role: 'status' }, t('d.erased')),
      h('p', {}, h('a', { href: '#/' }, t('nav.home'))));
    return null;
  }
  store.remember(id, { title: q.title, createdAt: q.createdAt });

  const page = { id, token, q, timer: null, main };
  const bookingBox = h('section', { id: 'booking', 'aria-labelledby': 'booking-h', hidden: true });
  const offersBox = h('section', { id: 'offers', 'aria-labelledby': 'offers-h', hidden: true });
  const matchesBox = h('section', { id: 'matches', 'aria-labelledby': 'matches-h', hidden: true });
  const dataBox = h('section', { id: 'mydata', 'aria-labelledby': 'mydata-h' });
  const answersBox = h('section', { id: 'answers', 'aria-labelledby': 'answers-h', hidden: true });
  page.bookingBox = bookingBox;
  page.matchesBox = matchesBox;
  page.offersBox = offersBox;
  clear(main,
    pageTitle(q.title),
    h('p', { class: 'meta' }, badge(areaName(q.area)), ' ', t('q.asked', { when: dateTime(q.createdAt) })),
    fresh ? h('div', { class: 'alert ok', role: 'status', id: 'sent-note' }, t(missed ? 'q.missed' : 'q.sent')) : null,
    linkBox(id, rec),
    answersBox,
    bookingBox, offersBox, matchesBox, dataBox);
  page.dataBox = dataBox;
  showOffers(page);
  myData(page, dataBox);
  const answered = visitorAnswers(answersBox, page);
  await showState(page);
  await answered;
  return () => clearTimeout(page.timer);
}

// linkBox shows the private link (token in the fragment) to save, open
// until the visitor has copied it or came through it, and says where the
// submission sent it (text message, e-mail; masked), so that a mistyped
// number shows.
function linkBox(id, rec) {
  const input = h('input', { type: 'text', readonly: true, id: 'private-link', value: store.privateLink(id), class: 'mono', 'aria-describedby': 'private-link-hint' });
  const status = h('span', { class: 'muted', 'aria-live': 'polite' });
  const saved = () => store.remember(id, { linkSaved: true });
  // Copied by hand (the text selected, then Ctrl+C or the menu) counts too.
  input.addEventListener('copy', saved);
  const copy = h('button', {
    type: 'button', class: 'btn secondary', id: 'copy-link',
    onclick: async () => {
      input.value = store.privateLink(id);
      try {
        await navigator.clipboard.writeText(input.value);
        saved();
        status.textContent = t('q.copied');
      } catch (e) {
        input.focus();
        input.select();
        status.textContent = t('q.copy_manually');
      }
    },
  }, t('q.copy'));
  const sent = [...(rec.linkSentTo || [])].sort((a, b) => (a.channel === 'sms' ? -1 : b.channel === 'sms' ? 1 : 0))
    .map((d) => t('q.sent_' + d.channel, { to: d.to }));
  return h('details', { class: 'private-link', id: 'private-link-box', open: !rec.linkSaved },
    h('summary', {}, t('q.link_summary')),
    sent.length ? h('p', { id: 'link-sent' }, t('q.link_sent', { to: sent.join(t('list.sep')) })) : null,
    h('p', { class: 'hint', id: 'private-link-hint' }, t('q.link_hint')),
    h('label', { for: 'private-link' }, t('q.link_label')),
    input, h('div', { class: 'row' }, copy, status));
}

// showState shows the last booking (if any) and, unless it is still open,
// the matches to book (again).
async function showState(page) {
  clearTimeout(page.timer);
  const rec = store.question(page.id) || {};
  const last = (rec.bookings || [])[rec.bookings.length - 1];
  let booking = null;
  if (last) {
    page.bookingBox.hidden = false;
    clear(page.bookingBox, h('h2', { id: 'booking-h' }, t('b.title')), loading());
    try {
      booking = await api('GET', `/bookings/${encodeURIComponent(last)}`, { visitorToken: page.token });
    } catch (e) {
      clear(page.bookingBox, h('h2', { id: 'booking-h' }, t('b.title')), alertBox(e));
    }
  }
  if (booking) {
    const note = document.getElementById('sent-note');
    if (note) note.remove();
    await bookingCard(page, booking);
  }
  if (!booking || !OPEN.includes(booking.status)) {
    await matches(page, booking && ['declined', 'expired'].includes(booking.status) ? booking.lawyerId : '');
  } else {
    page.matchesBox.hidden = true;
    clear(page.matchesBox);
  }
  if (booking && booking.status === 'pending') {
    page.timer = setTimeout(() => refresh(page, booking.status), POLL_MS);
  }
}

// refresh re-reads the state and announces a change of status.
async function refresh(page, before) {
  if (!document.body.contains(page.bookingBox)) return;
  await showState(page);
  accessLog(page);
  const st = page.bookingBox.dataset.status;
  if (st && st !== before) announce(t('b.now', { status: t('status.' + st) }));
}

async function bookingCard(page, b) {
  const box = page.bookingBox;
  box.dataset.status = b.status;
  const l = b.lawyer || { name: '', id: b.lawyerId };
  const explain = {
    pending: t('b.pending', { lawyer: l.name, by: b.respondBy ? dateTime(b.respondBy) : '' }),
    confirmed: t('b.confirmed', { lawyer: l.name }),
    declined: t('b.declined', { lawyer: l.name }),
    expired: t('b.expired', { lawyer: l.name }),
    cancelled: b.cancelledBy === 'lawyer' ? t('b.cancelled_lawyer', { lawyer: l.name }) : t('b.cancelled'),
    completed: t('b.completed', { lawyer: l.name }),
    no_show: t('b.no_show', { lawyer: l.name }),
  }[b.status] || '';
  const when = h('p', { class: 'when' },
    h('strong', {}, dateTime(b.start)), ' ', h('span', { class: 'muted' }, t('b.zone', { zone: zoneLabel(zone(), new Date(b.start)) })),
    b.timeZone && b.timeZone !== zone() ? h('span', { class: 'muted block' }, t('b.lawyer_local', { time: dateTime(b.start, { tz: b.timeZone }), zone: zoneLabel(b.timeZone, new Date(b.start)) })) : null);
  const actions = h('div', { class: 'row' });
  const contactBox = h('div', { id: 'lawyer-contact', 'aria-live': 'polite' });
  clear(box,
    h('h2', { id: 'booking-h' }, t('b.title')),
    h('div', { class: ['card', 'booking', 'status-' + b.status] },
      h('p', { class: 'status-line' }, statusBadge(b.status), ' ', h('span', { id: 'booking-explain' }, explain)),
      movedNote(b, l.name),
      b.declineReason ? h('p', {}, label('b.reason'), h('q', {}, b.declineReason)) : null,
      when,
      h('p', {}, label('b.mode'), t('mode.' + b.mode), ' · ', t('b.minutes', { n: b.minutes })),
      contactBox,
      lawyerCard(l, { heading: 'h3', link: true, bio: false }),
      b.status === 'completed' ? reviewBox(b, page.token) : null,
      actions));
  const refreshBtn = h('button', { type: 'button', class: 'btn secondary', id: 'booking-refresh', onclick: () => refresh(page, b.status) }, t('action.refresh'));
  actions.append(refreshBtn);
  if (b.status === 'confirmed') {
    actions.prepend(h('button', {
      type: 'button', class: 'btn', id: 'ics',
      onclick: async (ev) => {
        try {
          const res = await api('GET', `/bookings/${encodeURIComponent(b.id)}.ics`, { visitorToken: page.token, raw: true });
          download(await res.blob(), `lawdesk-${b.start.slice(0, 10)}.ics`);
        } catch (e) {
          ev.target.after(alertBox(e));
        }
      },
    }, t('b.ics')));
    try {
      const c = await api('GET', `/bookings/${encodeURIComponent(b.id)}/contact`, { visitorToken: page.token });
      clear(contactBox, h('h3', {}, t('b.lawyer_contact')), contactList(c.lawyer, t('b.lawyer_contact')));
    } catch (e) {
      clear(contactBox, alertBox(e));
    }
  }
  if (OPEN.includes(b.status)) {
    actions.append(rescheduleControl(b, { visitorToken: page.token }, async () => {
      await showState(page);
      const hb = document.getElementById('booking-h');
      if (hb) {
        hb.setAttribute('tabindex', '-1');
        hb.focus();
      }
    }));
    const cancel = h('button', { type: 'button', class: 'btn danger-outline', id: 'booking-cancel' }, t('b.cancel'));
    cancel.addEventListener('click', () => confirmStep(cancel, t('b.cancel_confirm'), t('b.cancel_yes'), async (yes, stepBox) => {
      yes.disabled = true;
      try {
        await api('POST', `/bookings/${encodeURIComponent(b.id)}/cancel`, { visitorToken: page.token, body: {} });
        announce(t('b.cancelled'));
        await showState(page);
      } catch (e) {
        yes.disabled = false;
        stepBox.append(alertBox(e));
      }
    }));
    actions.append(cancel);
  }
}

// showOffers shows the firms' offers to follow the question up (made from
// the firms' pool, where they saw the text with personal data hidden):
// each firm's contact block, the lawyer who would follow up, when, and
// while it waits, accept or decline. Accepting lets that firm see the
// contact and declines the other waiting offers (API.md), so the whole
// list is read again after an answer.
function showOffers(page, focusOffer) {
  const box = page.offersBox;
  const offers = page.q.offers || [];
  box.hidden = !offers.length;
  if (!offers.length) {
    clear(box);
    return;
  }
  const waiting = offers.some((o) => o.status === 'offered');
  const list = h('ol', { class: ['cards', offers.length > 1 ? 'grid' : null], 'aria-label': t('o.list_label') });
  clear(box,
    h('h2', { id: 'offers-h' }, t('o.title')),
    waiting ? h('p', { class: 'lead', id: 'offers-explain' }, t('o.explain')) : null,
    list);
  for (const o of offers) list.append(h('li', {}, offerCard(page, o)));
  if (focusOffer) {
    const head = box.querySelector(`article[data-offer="${CSS.escape(focusOffer)}"] h3`);
    if (head) head.focus();
  }
}

const OFFER_BADGE = { offered: 'warn', accepted: 'ok', declined: 'bad' };

function offerCard(page, o) {
  const firm = o.firm || { name: '' };
  const hid = `offer-${o.id}-h`;
  const result = h('div', { class: 'offer-result', 'aria-live': 'polite' });
  const status = {
    accepted: t('o.accepted', { firm: firm.name }),
    declined: t('o.declined'),
  }[o.status];
  const card = h('article', { class: ['card', 'offer', 'status-' + o.status], dataset: { offer: o.id, status: o.status }, 'aria-labelledby': hid },
    h('div', { class: 'card-head' },
      h('h3', { id: hid, tabindex: '-1' }, firm.name),
      badge(t('o.status_' + o.status), OFFER_BADGE[o.status] || '')),
    h('p', { class: 'meta' }, t('o.when', { when: dateTime(o.createdAt) })),
    status ? h('p', { class: 'status-line' }, status) : null,
    firmBlock(o.firm),
    o.lawyer ? h('div', { class: 'offer-lawyer' },
      h('p', { class: 'offer-lawyer-label' }, t('o.lawyer')),
      lawyerCard(o.lawyer, {
        heading: 'h4', link: true, bio: false, license: true,
      })) : null,
    result);
  if (o.status !== 'offered') return card;
  const answer = (verb) => async () => {
    for (const b of buttons) b.disabled = true;
    clear(result);
    try {
      await api('POST', `/questions/${encodeURIComponent(page.id)}/offers/${encodeURIComponent(o.id)}/${verb}`, { visitorToken: page.token });
      announce(t(verb === 'accept' ? 'o.now_accepted' : 'o.now_declined', { firm: firm.name }));
    } catch (e) {
      for (const b of buttons) b.disabled = false;
      const known = { conflict: 'o.err_conflict', invalid_state: 'o.err_invalid_state' }[e.code];
      clear(result, alertBox(known ? t(known) : e));
      return;
    }
    // Accepting declined the other offers: show them all as they are now.
    try {
      page.q = await api('GET', `/questions/${encodeURIComponent(page.id)}`, { visitorToken: page.token });
    } catch (e) {
      clear(result, alertBox(e));
      return;
    }
    showOffers(page, o.id);
  };
  const buttons = [
    h('button', { type: 'button', class: 'btn', dataset: { action: 'accept' }, 'aria-label': t('o.accept_label', { firm: firm.name }), 'aria-describedby': 'offers-explain', onclick: answer('accept') }, t('o.accept')),
    h('button', { type: 'button', class: 'btn secondary', dataset: { action: 'decline' }, 'aria-label': t('o.decline_label', { firm: firm.name }), onclick: answer('decline') }, t('o.decline')),
  ];
  result.before(h('div', { class: 'row' }, buttons));
  return card;
}

// matches lists the ranked lawyers, each with a slot picker. The earliest
// opening in the reasons is told in the viewer's zone (?tz=), like the
// slots; a lawyer in another city offers phone and video only (the
// match's modes). With fewer than three, it says why and where else to
// look (nearOptions).
async function matches(page, skipLawyer) {
  const box = page.matchesBox;
  box.hidden = false;
  const head = h('h2', { id: 'matches-h' }, skipLawyer ? t('m.next_title') : t('m.title'));
  clear(box, head, loading());
  let r;
  try {
    r = await api('GET', `/questions/${encodeURIComponent(page.id)}/matches${qs({ tz: zone() })}`, { visitorToken: page.token });
  } catch (e) {
    clear(box, head, alertBox(e));
    return;
  }
  const items = (r.items || []).filter((m) => m.lawyer.id !== skipLawyer);
  const inCity = items.filter((m) => m.sameCity).length;
  const near = items.length < 3 ? nearOptions(page.q, items.length, inCity, r.otherAreas || []) : null;
  if (!items.length) {
    clear(box, head, near);
    return;
  }
  const list = h('ol', { class: 'cards', 'aria-label': t('m.list_label') });
  clear(box, head, h('p', { class: 'lead' }, t('m.lead')), zoneNote(), list, near);
  for (const m of items) {
    const picker = h('div', { class: 'picker' }, loading(t('m.loading_slots')));
    list.append(h('li', {}, lawyerCard(m.lawyer, { reasons: m.reasons, link: true, heading: 'h3', extra: picker, otherCity: !m.sameCity })));
    slotPicker(picker, m.lawyer, {
      modes: m.modes || MODES,
      submit: async ({ start, mode, key }) => {
        await book(page.id, page.token, m.lawyer.id, start, mode, key);
        const link = document.getElementById('private-link');
        if (link) link.value = store.privateLink(page.id);
        announce(t('m.booked'));
        await showState(page);
        const hb = document.getElementById('booking-h');
        if (hb) {
          hb.setAttribute('tabindex', '-1');
          hb.focus();
        }
      },
    });
  }
}

// nearOptions says why fewer than three lawyers are listed — how many of
// the area have an open time, how many of them in the question's city —
// and offers the nearest ways on: lawyers elsewhere by phone or video,
// the other areas the router saw in the question, the whole directory of
// the area.
function nearOptions(q, n, inCity, otherAreas) {
  const area = areaName(q.area);
  const why = !n ? t('m.none', { area })
    : q.city ? t('m.few_city', { n, area, city: q.city, inCity }) : t('m.few', { n, area });
  const ways = [];
  if (q.city && n > inCity) ways.push(h('li', {}, t('m.near_remote', { city: q.city })));
  if (otherAreas.length) {
    ways.push(h('li', { id: 'near-areas' }, label('m.near_areas'),
      otherAreas.map((a, i) => [i ? t('list.sep') : '', h('a', { href: '#/lawyers' + qs({ area: a.area }) }, t('questions.area_lawyers', { area: areaName(a.area) }))])));
  }
  ways.push(h('li', {}, h('a', { href: '#/lawyers' + qs({ area: q.area }) }, t('m.browse', { area }))));
  return h('section', { class: 'near card', id: 'few-matches', 'aria-labelledby': 'few-h' },
    h('h3', { id: 'few-h' }, t('m.few_title')),
    h('p', {}, why),
    h('ul', {}, ways));
}

// myData shows what the visitor gave, who has seen their contact, and the
// erase button.
async function myData(page, box) {
  const q = page.q;
  const log = h('div', { id: 'access-log' }, loading());
  const erase = h('button', { type: 'button', class: 'btn danger-outline', id: 'erase' }, t('d.erase'));
  clear(box,
    h('h2', { id: 'mydata-h' }, t('d.title')),
    h('details', { class: 'card' },
      h('summary', {}, t('d.given')),
      contactList({ name: q.name, phone: q.phone, email: q.email }, t('d.given')),
      q.body ? h('p', { class: 'pre' }, q.body) : null),
    h('h3', {}, t('d.log_title')),
    h('p', { class: 'hint' }, t('d.log_hint')),
    log,
    h('h3', {}, t('d.erase_title')),
    h('p', { class: 'hint' }, t('d.erase_hint')),
    h('div', { class: 'row' }, erase));
  erase.addEventListener('click', () => confirmStep(erase, t('d.erase_confirm'), t('d.erase_yes'), async (yes, stepBox) => {
    yes.disabled = true;
    try {
      await api('DELETE', `/questions/${encodeURIComponent(page.id)}`, { visitorToken: page.token });
      clearTimeout(page.timer);
      store.forget(page.id);
      clear(page.main, pageTitle(t('d.erased_title')), h('div', { class: 'alert ok', role: 'status' }, t('d.erased')),
        h('p', {}, h('a', { href: '#/' }, t('nav.home'))));
      page.main.querySelector('h1').focus();
      announce(t('d.erased'));
    } catch (e) {
      yes.disabled = false;
      stepBox.append(alertBox(e));
    }
  }));
  await accessLog(page);
}

// accessLog lists who has seen the visitor's contact (read again on refresh).
async function accessLog(page) {
  const log = page.dataBox.querySelector('#access-log');
  if (!log) return;
  try {
    const r = await api('GET', `/questions/${encodeURIComponent(page.id)}/access-log`, { visitorToken: page.token });
    const items = r.items || [];
    if (!items.length) {
      clear(log, h('p', { class: 'muted' }, t('d.log_empty')));
      return;
    }
    clear(log, accessTable(items, t('d.log_title') + ' — ' + zoneLabel()), zoneNote());
  } catch (e) {
    clear(log, h('p', { class: 'muted' }, t('d.log_unavailable'), ' ', h('span', { class: 'small' }, `(${errorMessage(e)})`)));
  }
}
