// Sign-in of lawyers and firm staff. /config.json says how:
//   {"auth":"local"}  — the local server: POST /local/token signs a token;
//   {"auth":"cognito","domain","clientId","redirectUri"} — AWS: Cognito's
//   hosted UI, OpenID Connect authorization code with PKCE; the ID token is
//   the bearer token (it carries cognito:groups, custom:lawyerId, custom:firmId).
// The token is kept in sessionStorage: it dies with the tab.

import { api } from './api.js';

const SESSION = 'lawdesk.session';
const PKCE = 'lawdesk.pkce';

let configPromise = null;
export function config() {
  if (!configPromise) {
    configPromise = fetch('/config.json', { cache: 'no-store', credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : { auth: 'local' }))
      .catch(() => ({ auth: 'local' }));
  }
  return configPromise;
}

function b64urlDecode(s) {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '='));
  return new TextDecoder().decode(Uint8Array.from(b, (c) => c.charCodeAt(0)));
}

function b64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// claimsOf(token) reads a JWT's payload (the server checks the signature).
export function claimsOf(token) {
  try {
    return JSON.parse(b64urlDecode(token.split('.')[1]));
  } catch (e) {
    return null;
  }
}

// groupsOf reads the groups claim as the server does (auth.ParseGroups):
// an array, "[a b]", a JSON array in a string, or one name. Commas belong
// to names; only the server's check grants anything, but the pages should
// not show a desk the server will refuse.
function groupsOf(c) {
  const g = c['cognito:groups'];
  if (Array.isArray(g)) return g;
  if (typeof g !== 'string' || !g.trim()) return [];
  const s = g.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return [s];
  try {
    const a = JSON.parse(s);
    if (Array.isArray(a) && a.every((x) => typeof x === 'string')) return a;
  } catch (e) { /* API Gateway's "[a b]" */ }
  return s.slice(1, -1).split(' ').filter(Boolean);
}

// session() → {token, groups, lawyerId, firmId, sub, exp} or null when
// signed out or expired.
export function session() {
  let token;
  try {
    token = sessionStorage.getItem(SESSION);
  } catch (e) {
    return null;
  }
  if (!token) return null;
  const c = claimsOf(token);
  if (!c || !c.exp || c.exp * 1000 < Date.now() + 30000) {
    signOutLocally();
    return null;
  }
  return { token, groups: groupsOf(c), lawyerId: c['custom:lawyerId'] || '', firmId: c['custom:firmId'] || '', sub: c.sub, exp: c.exp };
}

function keep(token) {
  sessionStorage.setItem(SESSION, token);
}

function signOutLocally() {
  try {
    sessionStorage.removeItem(SESSION);
  } catch (e) { /* nothing kept */ }
}

// safeNext returns next when it is a route of this app — a fragment "#/…",
// which only ever moves within this page — and fallback otherwise. A
// sign-in link's next comes from the address bar, so anyone can write one:
// following "https://evil.example" (or a javascript: URL) after sign-in
// would hand a freshly signed-in lawyer to a look-alike page.
export function safeNext(next, fallback) {
  return typeof next === 'string' && /^#\/[^\u0000-\u0020\u007f]*$/.test(next) ? next : fallback;
}

// signInLocal asks the local server for a token (never deployed).
export async function signInLocal(body) {
  const r = await api('POST', '/local/token', { body });
  keep(r.token);
  return session();
}

// signInCognito sends the browser to the hosted UI; it comes back to
// redirectUri with ?code=…&state=…, which finishSignIn exchanges.
export async function signInCognito(next) {
  const cfg = await config();
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(48)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(18)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, next }));
  const p = new URLSearchParams({
    response_type: 'code', client_id: cfg.clientId, redirect_uri: redirectUri(cfg),
    scope: 'openid email profile', state, code_challenge: b64url(digest), code_challenge_method: 'S256',
  });
  location.assign(`https://${cfg.domain}/oauth2/authorize?${p}`);
}

function redirectUri(cfg) {
  return cfg.redirectUri || `${location.origin}/`;
}

// finishSignIn completes a hosted-UI sign-in when the page was opened with
// ?code=…&state=…; it returns the hash route to go to, or null.
export async function finishSignIn() {
  const q = new URLSearchParams(location.search);
  if (!q.has('code') && !q.has('error')) return null;
  // The code is single-use and bound to our PKCE verifier; drop it from the
  // address bar at once.
  history.replaceState(null, '', '/' + location.hash);
  let saved = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(PKCE) || '{}');
    sessionStorage.removeItem(PKCE);
  } catch (e) { /* none */ }
  if (q.has('error') || !saved.verifier || q.get('state') !== saved.state) return '#/signin?failed=1';
  const cfg = await config();
  const body = new URLSearchParams({
    grant_type: 'authorization_code', client_id: cfg.clientId, code: q.get('code'),
    redirect_uri: redirectUri(cfg), code_verifier: saved.verifier,
  });
  const res = await fetch(`https://${cfg.domain}/oauth2/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body, credentials: 'omit',
  });
  if (!res.ok) return '#/signin?failed=1';
  const tok = await res.json();
  keep(tok.id_token);
  return safeNext(saved.next, '#/');
}

// signOut forgets the token; with Cognito it also ends the hosted UI session.
export async function signOut() {
  signOutLocally();
  const cfg = await config();
  if (cfg.auth === 'cognito') {
    const p = new URLSearchParams({ client_id: cfg.clientId, logout_uri: redirectUri(cfg) });
    location.assign(`https://${cfg.domain}/logout?${p}`);
  }
}
