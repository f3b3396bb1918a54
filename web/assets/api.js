// The one way the pages call the API (API.md): JSON in and out, errors
// read from the envelope {"error":{"code","message","fields","fieldCodes"}}
// into an ApiError (i18n.js says them in words). Tokens go in headers only
// — never in a URL. It imports i18n.js for the language; i18n.js imports
// nothing, so the modules form no cycle.

import { lang } from './i18n.js';

export class ApiError extends Error {
  constructor(status, code, message, fields, retryAfter, fieldCodes) {
    super(message || code);
    this.status = status;
    this.code = code;
    // fields: field → the API's words (English); fieldCodes: field → its
    // stable reason code, which the pages translate.
    this.fields = fields || {};
    this.fieldCodes = fieldCodes || {};
    this.retryAfter = retryAfter || 0;
  }
}

// api(method, path, {body, token, visitorToken, headers, raw}) → the parsed
// JSON body (null for 204), or the Response itself when raw is set.
export async function api(method, path, opts = {}) {
  const headers = { Accept: opts.raw ? '*/*' : 'application/json', 'Accept-Language': lang(), ...(opts.headers || {}) };
  const init = { method, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.visitorToken) headers['X-Visitor-Token'] = opts.visitorToken;
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
  }
  if (res.ok) {
    if (opts.raw) return res;
    if (res.status === 204) return null;
    return res.json();
  }
  let env = null;
  try {
    env = await res.json();
  } catch (e) { /* not JSON */ }
  const retry = Number(res.headers.get('Retry-After')) || 0;
  if (env && env.error) throw new ApiError(res.status, env.error.code, env.error.message, env.error.fields, retry, env.error.fieldCodes);
  // API Gateway's own 401 from the JWT authorizer is {"message":"Unauthorized"}.
  const code = res.status === 401 ? 'unauthenticated' : res.status === 404 ? 'not_found' : 'http_' + res.status;
  throw new ApiError(res.status, code, env && env.message ? env.message : res.statusText, null, retry);
}

// qs builds a query string from the set values (filters, cursors — never
// personal data or tokens).
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

// newKey returns a fresh Idempotency-Key.
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

let areasPromise = null;
// areas() → the practice areas [{code, zh, en}], fetched once.
export function areas() {
  if (!areasPromise) {
    areasPromise = api('GET', '/practice-areas').then((r) => r.items).catch((e) => {
      areasPromise = null;
      throw e;
    });
  }
  return areasPromise;
}
