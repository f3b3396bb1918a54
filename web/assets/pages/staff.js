// The firm's lead desk (#/staff): the leads with filters (status, area,
// dates, lawyer) and pages, assigning a lead to a lawyer, the CSV, the
// funnel as an SVG chart per area, and the audit trail of a lead.

import { h, s as svg, clear, announce, download } from '../dom.js';
import { api, qs, areas } from '../api.js';
import { t, areaName } from '../i18n.js';
import { alertBox, loading, pageTitle, field, contactList } from '../ui.js';
import { session } from '../auth.js';
import { dateTime, startOfLocalDay, dayKey, zoneLabel } from '../time.js';
import { directoryLawyers } from './signin.js';

const STAGES = ['submitted', 'matched', 'booked', 'confirmed', 'completed'];

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
    field({ name: 'status', label: t('st.status'), type: 'select', options: [{ value: '', label: t('st.any') }, ...STAGES.map((x) => ({ value: x, label: t('qstatus.' + x) }))] }),
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

  const funnel = h('section', { id: 'funnel', 'aria-labelledby': 'funnel-h' });
  const table = h('section', { id: 'leads', 'aria-labelledby': 'leads-h' });
  const csvStatus = h('div', { 'aria-live': 'polite' });
  clear(main, pageTitle(t('st.title')),
    firmName ? h('p', { class: 'meta' }, firmName.name) : null,
    h('p', { class: 'hint' }, t('st.hint', { zone: zoneLabel() })),
    filters, csvStatus, funnel, table);

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
    const status = t('st.count', { n: items.length, page: at + 1 });
    clear(table, h('h2', { id: 'leads-h' }, t('st.leads')),
      h('p', { class: 'muted', role: 'status', id: 'leads-count' }, status),
      items.length ? leadTable(items, s, mine, names) : h('p', { class: 'muted' }, t('st.none')),
      h('div', { class: 'row pager' }, prev, h('span', { class: 'muted' }, t('st.page', { page: at + 1 })), next));
    announce(status);
  };

  const loadFunnel = async () => {
    const f = current();
    clear(funnel, h('h2', { id: 'funnel-h' }, t('st.funnel')), loading());
    try {
      const st = await api('GET', '/leads/stats' + qs({ from: f.from, to: f.to }), { token: s.token });
      clear(funnel, h('h2', { id: 'funnel-h' }, t('st.funnel')), funnelView(st));
    } catch (e) {
      clear(funnel, h('h2', { id: 'funnel-h' }, t('st.funnel')), alertBox(e));
    }
  };

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
  await Promise.all([loadLeads(), loadFunnel()]);
  return null;
}

function leadTable(items, s, mine, names) {
  const cols = ['asked', 'question', 'area', 'status', 'lawyer', 'visitor', 'actions'];
  const body = h('tbody', {});
  for (const lead of items) body.append(...leadRows(lead, s, mine, names));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table leads' },
    h('caption', { class: 'sr-only' }, t('st.leads')),
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, t('st.col_' + c))))),
    body));
}

function leadRows(lead, s, mine, names) {
  const row = h('tr', { dataset: { lead: lead.questionId } });
  const detail = h('tr', { class: 'detail', hidden: true }, h('td', { colspan: 7 }));
  const fill = (l) => {
    const assign = h('form', { class: 'assign', novalidate: true });
    const sid = `assign-${l.questionId}`;
    // Only lawyers who practise the lead's area may take it.
    const practising = mine.filter((x) => (x.areas || []).includes(l.area));
    if (practising.length) {
      assign.append(
        h('label', { for: sid, class: 'sr-only' }, t('st.assign_to', { title: l.title })),
        h('select', { id: sid, name: 'lawyerId' }, practising.map((x) => h('option', { value: x.id, selected: x.id === (l.assignedTo || l.lawyerId) }, x.name))),
        h('button', { type: 'submit', class: 'btn small' }, t('st.assign')));
    } else {
      assign.append(h('span', { class: 'muted small' }, t('st.no_lawyer_for_area')));
    }
    const audit = h('button', { type: 'button', class: 'btn small secondary', 'aria-expanded': 'false', 'aria-controls': `audit-${l.questionId}` }, t('st.audit'));
    clear(row,
      h('td', { 'data-label': t('st.col_asked') }, dateTime(l.createdAt)),
      h('td', { 'data-label': t('st.col_question') }, h('span', { class: 'q-title' }, l.title || '—'), l.city ? h('span', { class: 'muted block' }, l.city) : null),
      h('td', { 'data-label': t('st.col_area') }, areaName(l.area)),
      h('td', { 'data-label': t('st.col_status') }, t('qstatus.' + l.status)),
      h('td', { 'data-label': t('st.col_lawyer') },
        l.lawyerId ? names.get(l.lawyerId) || l.lawyerId : '—',
        l.assignedTo ? h('span', { class: 'muted block' }, t('st.assigned', { name: names.get(l.assignedTo) || l.assignedTo })) : null),
      h('td', { 'data-label': t('st.col_visitor') }, contactList(l.visitor, t('st.col_visitor')),
        l.contactMasked ? h('span', { class: 'muted small block' }, t('st.masked')) : null),
      h('td', { 'data-label': t('st.col_actions') }, l.erased ? null : assign, audit));
    assign.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const btn = assign.querySelector('button');
      for (const old of assign.querySelectorAll('.alert')) old.remove();
      btn.disabled = true;
      try {
        const nl = await api('POST', `/leads/${encodeURIComponent(l.questionId)}/assign`, { token: s.token, body: { lawyerId: assign.elements.namedItem('lawyerId').value } });
        fill({ ...l, ...nl });
        announce(t('st.assigned', { name: names.get(nl.assignedTo) || nl.assignedTo }));
      } catch (e) {
        btn.disabled = false;
        assign.append(alertBox(e));
      }
    });
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
        clear(cell, auditList(r.items || [], names));
      } catch (e) {
        clear(cell, alertBox(e));
      }
    });
  };
  fill(lead);
  return [row, detail];
}

function auditList(items, names) {
  if (!items.length) return h('p', { class: 'muted' }, t('st.audit_none'));
  return h('div', { class: 'audit' }, h('h3', {}, t('st.audit_title')),
    h('ol', {}, items.map((a) => {
      const [kind, who] = String(a.actor || '').split(':');
      const name = kind === 'lawyer' ? names.get(who) || who : who;
      return h('li', {}, h('strong', {}, dateTime(a.at)), ' — ', `${t('actor.' + kind)} ${name || ''}`.trim(), ': ',
        (a.fields || []).map((f) => t('contact.' + f)).join(t('list.sep')), a.route ? h('span', { class: 'muted' }, ` (${a.route})`) : null);
    })));
}

// funnelView draws the funnel of the chosen area (or all) as bars, with
// the same numbers in a table for screen readers and copying.
function funnelView(st) {
  const rows = [{ area: '', ...st.total }, ...(st.byArea || [])];
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
  return h('div', {},
    h('div', { class: 'field inline' }, h('label', { for: 'funnel-area' }, t('st.funnel_area')), pick),
    chart,
    h('details', {}, h('summary', {}, t('st.funnel_table')), h('div', { class: 'table-wrap' }, h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('st.col_area')), STAGES.map((x) => h('th', { scope: 'col' }, t('qstatus.' + x))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.area ? areaName(r.area) : t('st.all_areas')),
        STAGES.map((x) => h('td', {}, String(r[x] || 0))))))))));
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
      // Shares of the questions submitted: the day counters of the stages
      // need not be monotonic (a question can be booked without a match view).
      const pct = i > 0 && r.submitted ? ` (${Math.round((n / r.submitted) * 100)}%)` : '';
      return svg('g', { class: 'stage stage-' + x },
        svg('text', { x: labelW - 10, y: y + 21, 'text-anchor': 'end', class: 'label' }, t('qstatus.' + x)),
        svg('rect', { x: labelW, y, width: w, height: rowH - 10, rx: 3, class: 'bar' }),
        svg('text', { x: labelW + w + 8, y: y + 21, class: 'value' }, `${n}${pct}`));
    }));
}
