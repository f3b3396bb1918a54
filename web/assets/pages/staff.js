// The firm's lead desk (#/staff): the leads with filters (status, area,
// dates, lawyer) and pages, assigning a lead to a lawyer, the CSV, the
// funnel as an SVG chart per area, and the audit trail of a lead. The
// unassigned pool shows each question's text with personal data hidden
// and no contact; taking one is an offer the visitor accepts or declines
// (API.md), and the contact shows only once they accept.

import { h, s as svg, clear, announce, download } from '../dom.js';
import { api, qs, areas } from '../api.js';
import { t, areaName } from '../i18n.js';
import { alertBox, loading, pageTitle, field, contactList, accessTable } from '../ui.js';
import { session } from '../auth.js';
import { dateTime, startOfLocalDay, dayKey, zoneLabel } from '../time.js';
import { directoryLawyers } from './signin.js';
import '../lifecycle.js'; // the no-show's words

const STAGES = ['submitted', 'matched', 'booked', 'confirmed', 'completed'];
// A lead's statuses: the funnel's stages, and the two of an offer.
const LEAD_STATES = [...STAGES, 'no_show', 'offered', 'offer_declined'];

export async function render({ main }) {
  const s = session();
  if (!s || !(s.groups.includes('staff') || s.groups.includes('admins'))) {
    if (s) {
      clear(main, pageTitle(t('st.title')), alertBox(t('st.not_staff')),
        h('p', {}, h('a', { href: '#/signin?role=staff' }, t('signin.as_staff'))));
      return null;
    }
    location.replace('#/signin?role=staff&next=' + encodeURIComponent('#/staff'));
    return null;
  }
  clear(main, pageTitle(t('st.title')), loading());
  let all = [];
  let mine = [];
  try {
    // The firm's own active lawyers, in one page (admins: the directory).
    [all, mine] = await Promise.all([areas(),
      s.firmId ? api('GET', '/lawyers' + qs({ firm: s.firmId })).then((r) => r.items) : directoryLawyers()]);
  } catch (e) {
    clear(main, pageTitle(t('st.title')), alertBox(e));
    return null;
  }
  const names = new Map(mine.map((l) => [l.id, l.name]));
  const firmName = (mine.find((l) => l.firm) || { firm: null }).firm;

  const areaOpts = [{ value: '', label: t('st.any') }, ...all.map((a) => ({ value: a.code, label: areaName(a.code) }))];
  const filters = h('form', { class: 'filters wide', role: 'search', 'aria-label': t('st.filters'), id: 'lead-filters' },
    field({ name: 'scope', label: t('st.scope'), type: 'select', options: [{ value: 'firm', label: t('st.scope_firm') }, { value: 'unassigned', label: t('st.scope_unassigned') }] }),
    field({ name: 'status', label: t('st.status'), type: 'select', options: [{ value: '', label: t('st.any') }, ...LEAD_STATES.map((x) => ({ value: x, label: t('qstatus.' + x) }))] }),
    field({ name: 'area', label: t('st.area'), type: 'select', options: areaOpts }),
    field({ name: 'from', label: t('st.from'), type: 'date', class: 'date' }),
    field({ name: 'to', label: t('st.to'), type: 'date', class: 'date' }),
    field({ name: 'lawyer', label: t('st.lawyer'), type: 'select', options: [{ value: '', label: t('st.any') }, ...mine.map((l) => ({ value: l.id, label: l.name }))] }),
    field({ name: 'limit', label: t('st.per_page'), type: 'select', value: '20', options: ['20', '50', '100'].map((v) => ({ value: v, label: v })) }),
    h('div', { class: 'row end' },
      h('button', { type: 'submit', class: 'btn' }, t('st.apply')),
      h('button', { type: 'button', class: 'btn secondary', id: 'csv' }, t('st.csv'))));
  const v = (n) => filters.elements.namedItem(n).value;
  const current = () => {
    const f = { scope: v('scope'), status: v('status'), area: v('area'), lawyer: v('scope') === 'firm' ? v('lawyer') : '' };
    if (v('from')) f.from = startOfLocalDay(v('from'));
    if (v('to')) {
      const d = new Date(v('to') + 'T00:00:00');
      d.setDate(d.getDate() + 1); // the whole "to" day
      f.to = startOfLocalDay(dayKey(d));
    }
    return f;
  };

  // The leads come first; the funnel waits folded below them, read when
  // opened (and again with the filters' dates while open).
  const funnel = h('div', { id: 'funnel' });
  const panel = h('details', { class: 'funnel-panel', id: 'funnel-panel' },
    h('summary', {}, h('span', { class: 'summary-title', id: 'funnel-h' }, t('st.funnel')), ' ', h('span', { class: 'muted small' }, t('st.funnel_hint'))),
    funnel);
  const table = h('section', { id: 'leads', 'aria-labelledby': 'leads-h' });
  const csvStatus = h('div', { 'aria-live': 'polite' });
  clear(main, pageTitle(t('st.title')),
    firmName ? h('p', { class: 'meta' }, firmName.name) : null,
    h('p', { class: 'hint' }, t('st.hint', { zone: zoneLabel() })),
    filters, csvStatus, table, panel);

  // Pages: the cursors of the pages seen so far, for "previous".
  let cursors = [''];
  let at = 0;
  const loadLeads = async () => {
    const f = current();
    clear(table, h('h2', { id: 'leads-h' }, t('st.leads')), loading());
    let r;
    try {
      r = await api('GET', '/leads' + qs({ ...f, limit: v('limit'), cursor: cursors[at] }), { token: s.token });
    } catch (e) {
      clear(table, h('h2', { id: 'leads-h' }, t('st.leads')), alertBox(e));
      return;
    }
    const prev = h('button', { type: 'button', class: 'btn secondary', disabled: at === 0, id: 'leads-prev' }, t('st.prev'));
    const next = h('button', { type: 'button', class: 'btn secondary', disabled: !r.nextCursor, id: 'leads-next' }, t('st.next'));
    prev.addEventListener('click', () => { at -= 1; loadLeads(); });
    next.addEventListener('click', () => {
      cursors = cursors.slice(0, at + 1);
      cursors.push(r.nextCursor);
      at += 1;
      loadLeads();
    });
    const items = r.items || [];
    const pool = f.scope === 'unassigned';
    const offers = pool && items.length ? await ownOffers(s, f) : new Map();
    const status = t('st.count', { n: items.length, page: at + 1 });
    clear(table, h('h2', { id: 'leads-h' }, t('st.leads')),
      pool ? h('p', { class: 'hint', id: 'pool-hint' }, t('st.pool_hint')) : null,
      h('p', { class: 'muted', role: 'status', id: 'leads-count' }, status),
      items.length ? leadTable(items, s, mine, names, pool ? offers : null) : h('p', { class: 'muted' }, t('st.none')),
      h('div', { class: 'row pager' }, prev, h('span', { class: 'muted' }, t('st.page', { page: at + 1 })), next));
    announce(status);
  };

  const loadFunnel = async () => {
    if (!panel.open) return;
    const f = current();
    clear(funnel, loading());
    try {
      const st = await api('GET', '/leads/stats' + qs({ from: f.from, to: f.to }), { token: s.token });
      clear(funnel, funnelView(st));
    } catch (e) {
      clear(funnel, alertBox(e));
    }
  };
  panel.addEventListener('toggle', loadFunnel);

  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    cursors = [''];
    at = 0;
    loadLeads();
    loadFunnel();
  });
  filters.querySelector('#csv').addEventListener('click', async (ev) => {
    const btn = ev.currentTarget;
    btn.disabled = true;
    clear(csvStatus);
    try {
      const res = await api('GET', '/leads.csv' + qs(current()), { token: s.token, raw: true });
      download(await res.blob(), `leads-${dayKey(new Date())}.csv`);
      clear(csvStatus, h('p', { class: 'alert ok', role: 'status' }, t('st.csv_done')));
    } catch (e) {
      clear(csvStatus, alertBox(e));
    }
    btn.disabled = false;
  });
  await loadLeads();
  return null;
}

// ownOffers finds the firm's own waiting or declined offers among the
// leads of the pool's filter: the pool lists a question until the visitor
// accepts an offer, and does not say which firm offered (best effort; the
// pool works without it).
async function ownOffers(s, f) {
  const out = new Map();
  if (!s.firmId) return out;
  try {
    const pages = await Promise.all(['offered', 'offer_declined'].map((status) =>
      api('GET', '/leads' + qs({ status, area: f.area, from: f.from, to: f.to, limit: 100 }), { token: s.token })));
    for (const p of pages) for (const l of p.items || []) out.set(l.questionId, l);
  } catch (e) { /* shown as not yet offered; offering again re-names the lawyer */ }
  return out;
}

// leadTable shows the firm's leads, or (with offers, the firm's own offers
// by question) the unassigned pool: no lawyer or contact columns there.
function leadTable(items, s, mine, names, offers) {
  const pool = !!offers;
  const cols = pool ? ['asked', 'question', 'area', 'status', 'actions'] : ['asked', 'question', 'area', 'status', 'lawyer', 'visitor', 'actions'];
  const body = h('tbody', {});
  for (const lead of items) body.append(...(pool ? poolRows(lead, s, mine, names, offers.get(lead.questionId)) : leadRows(lead, s, mine, names, cols.length)));
  return h('div', { class: 'table-wrap' }, h('table', { class: ['table', 'leads', pool ? 'pool' : null] },
    h('caption', { class: 'sr-only' }, pool ? t('st.scope_unassigned') : t('st.leads')),
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, t('st.col_' + c))))),
    body));
}

// lawyerPicker is the form that gives a lead to one of the firm's lawyers
// who practise its area (only they may take it): on the pool an offer.
function lawyerPicker(l, mine, o) {
  const form = h('form', { class: 'assign', novalidate: true });
  const sid = `assign-${l.questionId}`;
  const practising = mine.filter((x) => (x.areas || []).includes(l.area));
  if (!practising.length) {
    form.append(h('span', { class: 'muted small' }, t('st.no_lawyer_for_area')));
    return form;
  }
  form.append(
    h('label', { for: sid, class: 'sr-only' }, o.label),
    h('select', { id: sid, name: 'lawyerId' }, practising.map((x) => h('option', { value: x.id, selected: x.id === (l.assignedTo || l.lawyerId) }, x.name))),
    h('button', { type: 'submit', class: 'btn small', dataset: { action: o.action } }, o.button));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const btn = form.querySelector('button');
    for (const old of form.querySelectorAll('.alert')) old.remove();
    btn.disabled = true;
    try {
      o.done(await o.send(form.elements.namedItem('lawyerId').value));
    } catch (e) {
      btn.disabled = false;
      form.append(alertBox(e));
    }
  });
  return form;
}

const assignTo = (s, l, lawyerId) => api('POST', `/leads/${encodeURIComponent(l.questionId)}/assign`, { token: s.token, body: { lawyerId } });

// questionCell is a lead's title and city and, in the pool, its text with
// personal data hidden, clamped to a few lines with a toggle.
function questionCell(l) {
  const cell = h('td', { 'data-label': t('st.col_question'), class: 'c-question' },
    h('span', { class: 'q-title' }, l.title || '—'), l.city ? h('span', { class: 'muted block' }, l.city) : null);
  if (l.body) {
    const bid = `body-${l.questionId}`;
    const text = h('p', { class: ['q-body', 'pre', 'clamp'], id: bid }, l.body);
    cell.append(text);
    // "Show all" only where the clamp cut something, once laid out.
    const more = h('button', { type: 'button', class: 'linkish small body-more', 'aria-expanded': 'false', 'aria-controls': bid, hidden: true }, t('st.body_more'));
    more.addEventListener('click', () => {
      const open = more.getAttribute('aria-expanded') !== 'true';
      more.setAttribute('aria-expanded', String(open));
      text.classList.toggle('clamp', !open);
      more.textContent = t(open ? 'st.body_less' : 'st.body_more');
    });
    cell.append(more);
    requestAnimationFrame(() => { more.hidden = text.scrollHeight <= text.clientHeight + 1; });
  }
  return cell;
}

// offerLine says where the firm's offer on a lead stands.
function offerLine(offer) {
  if (!offer) return null;
  const when = dateTime(offer.decidedAt || offer.createdAt);
  return h('span', { class: ['offer-state', 'block', 'small', 'offer-' + offer.status] }, t('st.offer_' + offer.status, { when }));
}

// poolRows is a question of the unassigned pool: what it is about, never
// who asked; the firm offers to follow it up, or sees its offer's state.
function poolRows(lead, s, mine, names, own) {
  const row = h('tr', { dataset: { lead: lead.questionId } });
  const fill = (offer) => {
    let status;
    let action;
    if (offer && offer.status === 'offered') {
      status = [h('strong', { class: 'offered-note block' }, t('st.offered_waiting')),
        h('span', { class: 'muted block small' }, t('st.offer_lawyer', { name: names.get(offer.lawyerId) || offer.lawyerId }), ' · ', dateTime(offer.createdAt))];
      action = '—';
    } else if (offer && offer.status === 'declined') {
      status = [t('qstatus.offer_declined'), offerLine(offer)];
      action = h('p', { class: 'muted small' }, t('st.declined_no_offer'));
    } else {
      status = t('qstatus.' + lead.status);
      action = lawyerPicker(lead, mine, {
        label: t('st.offer_by', { title: lead.title }), button: t('st.offer'), action: 'offer',
        send: (lawyerId) => assignTo(s, lead, lawyerId),
        done: (nl) => {
          fill(nl.offer);
          announce(nl.offer ? t('st.offered_waiting') : t('st.assigned', { name: names.get(nl.assignedTo) || nl.assignedTo }));
        },
      });
    }
    clear(row,
      h('td', { 'data-label': t('st.col_asked'), class: 'c-when' }, dateTime(lead.createdAt)),
      questionCell(lead),
      h('td', { 'data-label': t('st.col_area'), class: 'c-short' }, areaName(lead.area)),
      h('td', { 'data-label': t('st.col_status'), class: 'c-status' }, status),
      h('td', { 'data-label': t('st.col_actions') }, action));
  };
  fill(own ? own.offer : null);
  return [row];
}

// maskedNote says why a lead's contact is masked and until when.
function maskedNote(l) {
  let key = 'st.masked_booking';
  if (l.offer && !l.bookingId) key = l.offer.status === 'declined' ? 'st.masked_never' : 'st.masked_offer';
  return h('span', { class: 'muted small block masked-note' }, t(key));
}

function leadRows(lead, s, mine, names, ncols) {
  const row = h('tr', { dataset: { lead: lead.questionId } });
  const detail = h('tr', { class: 'detail', hidden: true }, h('td', { colspan: ncols }));
  const fill = (l) => {
    // A declined offer cannot be made again (409): nothing to assign; a
    // confirmed or completed consultation has its lawyer.
    const closed = l.erased || (l.status === 'offer_declined' && !l.bookingId) || ['confirmed', 'completed'].includes(l.status);
    const assign = closed ? null : lawyerPicker(l, mine, {
      label: t('st.assign_to', { title: l.title }), button: t('st.assign'), action: 'assign',
      send: (lawyerId) => assignTo(s, l, lawyerId),
      done: (nl) => {
        fill({ ...l, ...nl });
        announce(t('st.assigned', { name: names.get(nl.assignedTo) || nl.assignedTo }));
      },
    });
    const audit = h('button', { type: 'button', class: 'btn small secondary', 'aria-expanded': 'false', 'aria-controls': `audit-${l.questionId}` }, t('st.audit'));
    clear(row,
      h('td', { 'data-label': t('st.col_asked'), class: 'c-when' }, dateTime(l.createdAt)),
      questionCell(l),
      h('td', { 'data-label': t('st.col_area'), class: 'c-short' }, areaName(l.area)),
      h('td', { 'data-label': t('st.col_status'), class: 'c-status' }, h('span', { class: 'status-text' }, t('qstatus.' + l.status)), offerLine(l.offer)),
      h('td', { 'data-label': t('st.col_lawyer'), class: 'c-lawyer' },
        h('span', { class: 'lead-lawyer' }, l.lawyerId ? names.get(l.lawyerId) || l.lawyerId : '—'),
        l.assignedTo ? h('span', { class: 'muted block assigned' }, t('st.assigned', { name: names.get(l.assignedTo) || l.assignedTo })) : null),
      h('td', { 'data-label': t('st.col_visitor') }, contactList(l.visitor, t('st.col_visitor')),
        l.contactMasked && l.visitor ? maskedNote(l) : null),
      h('td', { 'data-label': t('st.col_actions') }, assign, audit));
    audit.addEventListener('click', async () => {
      const open = audit.getAttribute('aria-expanded') === 'true';
      audit.setAttribute('aria-expanded', String(!open));
      detail.hidden = open;
      if (open) return;
      const cell = detail.firstChild;
      cell.id = `audit-${l.questionId}`;
      clear(cell, loading());
      try {
        const r = await api('GET', '/audit' + qs({ subject: l.questionId }), { token: s.token });
        clear(cell, auditList(r.items || []));
      } catch (e) {
        clear(cell, alertBox(e));
      }
    });
  };
  fill(lead);
  return [row, detail];
}

// auditList is a lead's audit trail: every record of a look at the
// visitor's data, said as the visitor's access log says it.
function auditList(items) {
  if (!items.length) return h('p', { class: 'muted' }, t('st.audit_none'));
  return h('div', { class: 'audit' }, h('h3', {}, t('st.audit_title')), accessTable(items, t('st.audit_title')));
}

// funnelView draws the funnel of the chosen area (or all) as bars, with
// the same numbers in a table for screen readers and copying.
function funnelView(st) {
  // byArea: [{area, counts: {submitted, …}}].
  const rows = [{ area: '', ...st.total }, ...(st.byArea || []).map((a) => ({ area: a.area, ...a.counts }))];
  const pick = h('select', { id: 'funnel-area', name: 'funnelArea' },
    rows.map((r) => h('option', { value: r.area }, r.area ? areaName(r.area) : t('st.all_areas'))));
  const chart = h('div', { class: 'chart' });
  const draw = () => clear(chart, funnelChart(rows.find((r) => r.area === pick.value) || rows[0], chart.clientWidth));
  pick.addEventListener('change', draw);
  // Drawn at the width it gets, so that its text stays readable on a phone.
  requestAnimationFrame(draw);
  let last = 0;
  window.addEventListener('resize', () => {
    if (!chart.isConnected || Math.abs(chart.clientWidth - last) < 40) return;
    last = chart.clientWidth;
    draw();
  });
  // No-shows sit beside completed (both of the confirmed): a line, not a step.
  const noShows = h('p', { class: 'meta', id: 'funnel-no-show' });
  const noShowText = () => { noShows.textContent = t('st.no_show_count', { n: (rows.find((r) => r.area === pick.value) || rows[0]).no_show || 0 }); };
  pick.addEventListener('change', noShowText);
  noShowText();
  return h('div', {},
    h('div', { class: 'field inline' }, h('label', { for: 'funnel-area' }, t('st.funnel_area')), pick),
    chart, noShows,
    h('details', {}, h('summary', {}, t('st.funnel_table')), h('div', { class: 'table-wrap' }, h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('st.col_area')), [...STAGES, 'no_show'].map((x) => h('th', { scope: 'col' }, t('qstatus.' + x))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.area ? areaName(r.area) : t('st.all_areas')),
        [...STAGES, 'no_show'].map((x) => h('td', {}, String(r[x] || 0))))))))));
}

function funnelChart(r, width) {
  const W = Math.max(300, Math.min(704, width || 640));
  const rowH = 40;
  const labelW = W < 480 ? 80 : 150;
  const barMax = W - labelW - 90;
  const top = Math.max(1, r.submitted || 0, ...STAGES.map((x) => r[x] || 0));
  const title = t('st.funnel_of', { area: r.area ? areaName(r.area) : t('st.all_areas') });
  const tid = 'funnel-title';
  const desc = STAGES.map((x) => `${t('qstatus.' + x)} ${r[x] || 0}`).join(t('list.sep'));
  return svg('svg', { viewBox: `0 0 ${W} ${STAGES.length * rowH + 10}`, role: 'img', 'aria-labelledby': tid, class: 'funnel', preserveAspectRatio: 'xMinYMin meet' },
    svg('title', { id: tid }, `${title}: ${desc}`),
    STAGES.map((x, i) => {
      const n = r[x] || 0;
      const w = Math.max(n ? 2 : 0, Math.round((n / top) * barMax));
      const y = i * rowH + 5;
      // Shares of the questions submitted: the funnel counts questions,
      // each step a subset of the one before (API.md), so the bars only fall.
      const pct = i > 0 && r.submitted ? ` (${Math.round((n / r.submitted) * 100)}%)` : '';
      return svg('g', { class: 'stage stage-' + x },
        svg('text', { x: labelW - 10, y: y + 21, 'text-anchor': 'end', class: 'label' }, t('qstatus.' + x)),
        svg('rect', { x: labelW, y, width: w, height: rowH - 10, rx: 3, class: 'bar' }),
        svg('text', { x: labelW + w + 8, y: y + 21, class: 'value' }, `${n}${pct}`));
    }));
}
