// What the browser keeps for a visitor: per question, the visitor token
// and the ids of the bookings made with it. It lives in localStorage and
// in the private link /#/q/<id>?t=<token>&b=<booking> — a URL fragment,
// which the browser never sends to a server.

const KEY = 'lawdesk.questions';

function all() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || '{}');
    return v && typeof v === 'object' ? v : {};
  } catch (e) {
    return {};
  }
}

function save(v) {
  try {
    localStorage.setItem(KEY, JSON.stringify(v));
  } catch (e) { /* private mode: the private link still works */ }
}

// question(id) → {token, title, bookings: [id…], createdAt} or null.
export function question(id) {
  return all()[id] || null;
}

// questions() → [{id, title, createdAt}] newest first.
export function questions() {
  return Object.entries(all())
    .map(([id, q]) => ({ id, title: q.title, createdAt: q.createdAt }))
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
}

// remember(id, patch) merges patch into the record of question id.
export function remember(id, patch) {
  const v = all();
  const cur = v[id] || { bookings: [] };
  const next = { ...cur, ...patch };
  if (patch.booking) {
    next.bookings = [...(cur.bookings || []).filter((b) => b !== patch.booking), patch.booking];
    delete next.booking;
  }
  v[id] = next;
  save(v);
  return next;
}

// forget(id) removes everything kept about question id.
export function forget(id) {
  const v = all();
  delete v[id];
  save(v);
}

// privateLink(id) → the link that opens the question on any device.
export function privateLink(id) {
  const q = question(id);
  if (!q) return '';
  const p = new URLSearchParams({ t: q.token });
  const last = (q.bookings || [])[q.bookings.length - 1];
  if (last) p.set('b', last);
  return `${location.origin}/#/q/${encodeURIComponent(id)}?${p}`;
}
