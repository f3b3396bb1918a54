// Public questions and answers (问答) in the pages: the lawyer's badge, an
// answer with its follow-ups (追问), the follow-up and answer forms with
// the live check for contact details, and links to the server-rendered
// public page of a question (/q/<id>, a real page: the app links to it,
// it is no route of the app).
//
// The live check mirrors domain.ContainsContact (shared/domain/redact.go)
// so that a lawyer sees as they type what the API will refuse; the API
// stays the judge, and its contact_data error shows beside the field too.
// infra/webtest holds the two to the same answers.

import { h, clear, announce, debounce, id as uid } from './dom.js';
import { api, qs } from './api.js';
import { t, lang, helped } from './i18n.js';
import { badge, firmBlock, field, showErrors, clearErrors, alertBox, confirmStep, pager } from './ui.js';
import { session } from './auth.js';
import { date, dateTime } from './time.js';

// Limits of the API (domain/answers.go).
export const ANSWER_MIN = 20;
export const ANSWER_MAX = 5000;
export const REPLY_MIN = 2;
export const REPLY_MAX = 2000;

// publicPath(id) → the public page of a question, in the page's language.
export function publicPath(id) {
  return '/q/' + encodeURIComponent(id) + (lang() === 'en' ? '?lang=en' : '');
}

// answersLabel(n) → "2 个回答" / "2 answers", or "暂无回答" / "No answer yet".
export function answersLabel(n) {
  return n > 0 ? t('qa.count', { n }) : t('qa.unanswered');
}

// ratingText(rating) → "评分 4.5（3 条评价）", or '' with no review yet.
export function ratingText(r) {
  if (!r || !r.count || r.average === null || r.average === undefined) return '';
  return t('qa.rating', { avg: Number(r.average).toFixed(1), n: r.count });
}

// lawyerStats is a lawyer's Q&A record on their profile: answers written
// and the verified rating (when there is one).
export function lawyerStats(l) {
  const rating = ratingText(l.rating);
  return h('p', { class: 'meta lawyer-stats', id: 'lawyer-stats' },
    h('span', { class: 'answer-count' }, t('qa.answer_count', { n: l.answerCount || 0 })),
    rating ? [' · ', h('span', { class: 'rating' }, rating)] : null);
}

// lawyerBadge is who answered: the name (linked to the profile) as a
// practising lawyer, the firm, the licence number, 已帮助 N 人 or 新入驻,
// and the rating when there is one.
export function lawyerBadge(l, heading = 'h3') {
  const rating = ratingText(l.rating);
  return h('div', { class: 'qa-badge' },
    h(heading, { class: 'qa-lawyer' }, h('a', { href: '#/lawyers/' + encodeURIComponent(l.id) }, l.name),
      h('span', { class: 'qa-role' }, t('qa.practising'))),
    h('p', { class: 'meta' }, [l.firmName, l.licenseNo ? t('lawyer.license', { no: l.licenseNo }) : ''].filter(Boolean).join(' · ')),
    h('p', { class: 'qa-marks' }, badge(helped(l.helpedCount || 0), l.helpedCount > 0 ? 'helped' : 'newcomer'),
      rating ? [' ', badge(rating, 'rating')] : null));
}

// ------------------------------------------------------ the live check

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

const isDigit = (c) => c >= '0' && c <= '9';
const isAlnum = (c) => isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

const SPACE = /\p{Zs}/u;
const UNSEEN = /[\p{Cf}\p{Mn}\p{Me}]/u;

const SPELLED = { '〇': '0', '零': '0', '○': '0', '⓪': '0', '一': '1', '幺': '1', '二': '2', '三': '3', '四': '4', '五': '5',
  '六': '6', '七': '7', '八': '8', '九': '9' };

// spelledDigit is the digit ch spells (a Chinese numeral or a circled
// digit), or undefined.
function spelledDigit(ch) {
  if (SPELLED[ch]) return SPELLED[ch];
  const c = ch.codePointAt(0);
  for (const first of [0x2460, 0x2776, 0x2780, 0x278a]) { // ①, ❶, ➀, ➊
    if (c >= first && c < first + 9) return String(1 + c - first);
  }
  return undefined;
}

// normalize turns full-width digits, letters and separators into ASCII,
// dashes and every kind of space into their plain twins, and leaves out
// what shows nothing (zero-width spaces and joiners, soft hyphens,
// combining marks), as the server does; with spelled, Chinese numerals
// and circled digits are digits too (a second reading, as the server's).
function normalize(text, spelled) {
  let out = '';
  for (const ch of text) {
    let c = ch.codePointAt(0);
    const d = spelled ? spelledDigit(ch) : undefined;
    if (d) {
      out += d;
      continue;
    }
    if (UNSEEN.test(ch)) continue;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (ch === '—' || ch === '–' || ch === '‐') c = 45;
    else if (SPACE.test(ch)) c = 32;
    out += String.fromCodePoint(c);
  }
  return out;
}

// numberRun reads the run of digit groups starting at i ("138 1234 5678",
// "(025) 8333-1234") and returns [groups, where reading goes on].
function numberRun(s, i) {
  let start = i;
  if (i < s.length && (s[i] === '+' || s[i] === '(')) i++;
  if (i >= s.length || !isDigit(s[i]) || (start > 0 && isDigit(s[start - 1]))) return [[], start + 1];
  const groups = [];
  for (;;) {
    let j = i;
    while (j < s.length && isDigit(s[j])) j++;
    // A resident ID ends in X.
    if (j < s.length && (s[j] === 'X' || s[j] === 'x') && (j + 1 === s.length || !isAlnum(s[j + 1]))) j++;
    const g = { start, end: j, digits: s.slice(i, j).toUpperCase() };
    if (j < s.length && s[j] === ')') g.end = j + 1;
    groups.push(g);
    let k = g.end;
    while (k < s.length && k - g.end < 3 && (s[k] === ' ' || s[k] === '-' || s[k] === '.' || s[k] === '(' || s[k] === ')')) k++;
    const closed = s[g.end - 1] === ')';
    if ((k === g.end && !closed) || k >= s.length || !isDigit(s[k]) || g.digits.endsWith('X')) return [groups, g.end];
    start = k;
    i = k;
    if (s[k - 1] === '(') start = k - 1;
  }
}

function mobile(digits) {
  let d = digits.startsWith('00') ? digits.slice(2) : digits;
  if (d.length === 13 && d.startsWith('86')) d = d.slice(2);
  return d.length === 11 && d[0] === '1' && d[1] >= '3' && d[1] <= '9' && !d.includes('X');
}

function residentID(id) {
  if (id.length !== 18 || id[0] === '0') return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    if (!isDigit(id[i])) return false;
    sum += Number(id[i]) * w[i];
  }
  return '10X98765432'[sum % 11] === id[17];
}

function luhn(digits) {
  if (digits.length < 16 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const c = digits[digits.length - 1 - i];
    if (!isDigit(c)) return false;
    let d = Number(c);
    if (i % 2 === 1 && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function identifier(groups, digits) {
  if (digits.slice(0, -1).includes('X')) return false;
  if (residentID(digits) || luhn(digits) || mobile(digits)) return true;
  // A landline: an area code and a number of seven or eight digits.
  if (digits.length < 10 || digits.length > 12 || digits[0] !== '0' || digits[1] === '0') return false;
  if (groups.length === 1) return true;
  const code = groups[0].digits.length;
  return code >= 3 && code <= 4 && digits.length - code >= 7 && digits.length - code <= 8;
}

// containsContact(text) reports whether text holds a phone number (mobile
// with spaces, dashes, dots or +86, typed or spelled in numerals;
// landline), an e-mail address, an 18-digit ID number, a bank card number
// or a WeChat or QQ ID: what the API refuses in a lawyer's text
// (domain.ContainsContact).
export function containsContact(text) {
  const s = normalize(String(text || ''), false);
  return EMAIL.test(s) || hasNumber(s) || hasHandle(s) || hasNumber(normalize(String(text || ''), true));
}

// hasNumber reports whether normalized s holds an identifier.
function hasNumber(s) {
  for (let i = 0; i < s.length;) {
    const [groups, next] = numberRun(s, i);
    for (let a = 0; a < groups.length; a++) {
      let digits = '';
      for (let b = a; b < groups.length; b++) {
        digits += groups[b].digits;
        if (digits.length > 19) break;
        if (identifier(groups.slice(a, b + 1), digits)) return true;
      }
    }
    i = next;
  }
  return false;
}

// The messaging handles after their cue words, as the server reads them
// (domain.findHandles): a QQ number or a WeChat ID.
const STRONG_CUES = ['微信', '威信', '薇信', '维信', 'v信', 'vx', 'wx', '扣扣', '企鹅'];
const LATIN_CUES = ['wechat', 'weixin', 'qq'];
const LINK_WORDS = ['号码', '账号', '号', '是', '为', 'id', 'is'];
const UNITS = '元块圆万千百亿次年月日天个人分秒条号岁米斤克笔倍份%.';
const isLetter = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isHandleChar = (c) => isAlnum(c) || c === '_' || c === '-';
const ascii = (c) => c !== undefined && c.codePointAt(0) < 0x80;

function handleEnd(s, i) {
  while (i < s.length && isHandleChar(s[i])) i++;
  return i;
}

function cueAt(s, i) {
  if (i > 0 && isLetter(s[i - 1])) return [0, false];
  for (const c of STRONG_CUES) {
    if (s.startsWith(c, i) && (!ascii(c[c.length - 1]) || !isLetter(s[i + c.length] || ''))) return [c.length, true];
  }
  for (const c of LATIN_CUES) {
    if (s.startsWith(c, i) && !isLetter(s[i + c.length] || '')) return [c.length, false];
  }
  return [0, false];
}

function hasHandle(text) {
  // Lower only ASCII letters: offsets stay those of the text.
  const s = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith('wxid_', i) && (i === 0 || !isHandleChar(s[i - 1])) && handleEnd(s, i + 5) > i + 5) return true;
    const [cue, strong] = cueAt(s, i);
    if (!cue) continue;
    let j = i + cue;
    let linked = false;
    for (let k = 0; k < 6 && j < s.length; k++) {
      const c = s[j];
      if (c === ' ' || c === ':' || c === ',' || c === '=' || c === '-') {
        linked = linked || c === ':' || c === '=';
        j++;
        continue;
      }
      const w = LINK_WORDS.find((lw) => s.startsWith(lw, j) && (!ascii(lw[0]) || !isHandleChar(s[j + lw.length] || '')));
      if (!w) break;
      linked = linked || !ascii(w[0]); // "is", "id" may run on into a sentence
      j += w.length;
    }
    const end = handleEnd(s, j);
    const id = s.slice(j, end);
    if (id.length >= 5 && id.length <= 12 && /^[0-9]+$/.test(id) && !(end < s.length && UNITS.includes(String.fromCodePoint(s.codePointAt(end))))) return true;
    if (id.length >= 6 && id.length <= 20 && id[0] >= 'a' && id[0] <= 'z' && (strong || linked || /[0-9_-]/.test(id))) return true;
  }
  return false;
}

// ------------------------------------------------------------- forms

// textForm is the answer or follow-up form: one textarea (its field named
// name, which the API's "body" errors are put on), a character count, and
// for a lawyer the live check for contact details. send(body) posts it;
// done(result) runs after.
function textForm({ name, labelText, hint, min, max, submitText, lawyer, send, done, cancel }) {
  const f = field({ name, label: labelText, type: 'textarea', rows: name === 'answer' ? 7 : 3, hint, maxlength: max });
  const area = f.querySelector('textarea');
  const count = h('p', { class: 'hint char-count', id: uid('count'), 'aria-live': 'off' });
  const warn = h('p', { class: 'contact-warning', role: 'status', hidden: true });
  area.setAttribute('aria-describedby', `${area.getAttribute('aria-describedby')} ${count.id}`);
  area.after(count);
  count.after(warn);
  const submit = h('button', { type: 'submit', class: 'btn' }, submitText);
  const form = h('form', { class: ['form', 'qa-form', name + '-form'], novalidate: true },
    h('div', { class: 'form-alert' }), f,
    h('div', { class: 'row' }, submit, cancel ? h('button', { type: 'button', class: 'btn secondary', onclick: cancel }, t('action.back')) : null));
  const check = () => {
    const n = [...area.value.trim()].length;
    count.textContent = t('qa.chars', { n, max });
    if (!lawyer) return;
    const found = containsContact(area.value);
    form.dataset.contact = found ? '1' : '';
    warn.hidden = !found;
    // Said once when it appears, not at every key.
    if (found && !warn.textContent) warn.textContent = t('qa.contact_warning');
    if (!found) warn.textContent = '';
  };
  const later = debounce(check, 120);
  area.addEventListener('input', later);
  check();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const body = area.value.trim();
    // Length is checked here too; contact details are the server's to
    // refuse (the warning above has told the lawyer already).
    const n = [...body].length;
    if (n < min) {
      showErrors(form, { fields: { [name]: '' }, fieldCodes: { [name]: n ? 'too_short' : 'required' } });
      return;
    }
    submit.disabled = true;
    try {
      const r = await send(body);
      area.value = '';
      check();
      await done(r);
    } catch (e) {
      // The API names the field "body": this form's textarea.
      const fields = {};
      const codes = {};
      for (const [k, v] of Object.entries(e.fields || {})) {
        fields[k === 'body' ? name : k] = v;
        codes[k === 'body' ? name : k] = (e.fieldCodes || {})[k];
      }
      // A conflict is the lawyer's second answer, or a full thread.
      const known = e.code === 'conflict' ? t(name === 'answer' ? 'qa.err_answered' : 'qa.err_thread_full') : null;
      showErrors(form, Object.keys(fields).length ? { fields, fieldCodes: codes } : known ? { message: known, code: 'known' } : e);
    }
    submit.disabled = false;
  });
  return form;
}

// answerForm is a lawyer's form to answer question questionID; done gets
// the new answer.
export function answerForm(questionID, token, done, cancel) {
  return textForm({
    name: 'answer', labelText: t('qa.answer_label'), hint: t('qa.answer_hint'), min: ANSWER_MIN, max: ANSWER_MAX,
    submitText: t('qa.publish'), lawyer: true, cancel,
    send: (body) => api('POST', `/questions/${encodeURIComponent(questionID)}/answers`, { token, body: { body } }),
    done,
  });
}

// replyForm is a follow-up under answer a: the asker's (visitorToken) or
// the answering lawyer's (token: no contact details). done gets the reply.
export function replyForm(a, who, done) {
  const lawyer = !!who.token;
  return textForm({
    name: 'reply', min: REPLY_MIN, max: REPLY_MAX, lawyer,
    labelText: lawyer ? t('qa.reply_label') : t('qa.followup_label', { name: a.lawyer.name }),
    hint: lawyer ? t('qa.reply_hint') : t('qa.followup_hint'),
    submitText: lawyer ? t('qa.reply_send') : t('qa.followup_send'),
    send: (body) => api('POST', `/answers/${encodeURIComponent(a.id)}/replies`, { ...who, body: { body } }),
    done,
  });
}

// ----------------------------------------------------------- answers

// replyList is the thread under an answer, oldest first.
export function replyList(a) {
  const replies = a.replies || [];
  if (!replies.length) return h('p', { class: 'muted small no-replies' }, t('qa.no_followups'));
  return h('ol', { class: 'replies', 'aria-label': t('qa.replies') }, replies.map((r) => h('li', { class: ['reply', 'by-' + r.author], dataset: { author: r.author } },
    h('p', { class: 'reply-head' }, h('strong', {}, r.author === 'lawyer' ? t('qa.by_lawyer', { name: a.lawyer.name }) : t('qa.by_asker')),
      ' ', h('span', { class: 'muted small' }, dateTime(r.createdAt))),
    h('p', { class: 'reply-body pre' }, r.body))));
}

// answerCard shows answer a: who answered (badge), what they wrote, the
// asker's mark, the firm's public block, the follow-ups, and by o:
//   asker: {visitorToken} — the asker may follow up and mark it helpful;
//   book: a link to book the lawyer;
//   remove: {token, label, onRemoved} — a button removing it (its
//     lawyer, their firm's staff);
//   heading: the badge's heading level.
export function answerCard(a, o = {}) {
  const hid = uid('answer-h');
  const card = h('article', { class: ['card', 'answer'], dataset: { answer: a.id, lawyer: a.lawyer.id }, 'aria-labelledby': hid });
  const top = h('div', { class: 'answer-top' });
  const status = h('div', { class: 'answer-status', 'aria-live': 'polite' });
  const thread = h('div', { class: 'thread' }, replyList(a));
  const actions = h('div', { class: 'row answer-actions' });
  // The top follows the answer's state (helpful, the lawyer's count).
  const drawTop = () => {
    const badgeBox = lawyerBadge(a.lawyer, o.heading || 'h3');
    badgeBox.querySelector('.qa-lawyer').id = hid;
    card.classList.toggle('helpful', !!a.helpful);
    clear(top,
      badgeBox,
      h('div', { class: 'answer-body pre' }, a.body),
      h('p', { class: 'meta' }, t('qa.answered_at', { when: dateTime(a.createdAt) }),
        a.helpful ? [' ', badge(t('qa.helpful'), 'ok helpful-mark')] : null),
      firmBlock(a.firm));
  };
  drawTop();
  clear(card, top, h('h4', { class: 'thread-h' }, t('qa.replies')), thread);
  if (o.asker) {
    card.append(replyForm(a, { visitorToken: o.asker.visitorToken }, (r) => {
      a.replies = [...(a.replies || []), r];
      clear(thread, replyList(a));
      announce(t('qa.sent'));
    }));
  }
  card.append(actions, status);
  if (o.asker && !a.helpful) {
    const mark = h('button', {
      type: 'button', class: 'btn secondary mark-helpful', dataset: { action: 'helpful' },
      'aria-label': t('qa.mark_helpful_label', { name: a.lawyer.name }),
    }, t('qa.mark_helpful'));
    mark.addEventListener('click', async () => {
      mark.disabled = true;
      try {
        const na = await api('POST', `/answers/${encodeURIComponent(a.id)}/helpful`, { visitorToken: o.asker.visitorToken });
        Object.assign(a, { helpful: true, lawyer: { ...a.lawyer, ...na.lawyer } });
        drawTop();
        mark.remove();
        const msg = t('qa.marked', { name: a.lawyer.name });
        clear(status, h('p', { class: 'alert ok', role: 'status' }, msg));
        announce(msg);
      } catch (e) {
        mark.disabled = false;
        clear(status, alertBox(e));
      }
    });
    actions.append(mark);
  }
  if (o.book) actions.append(h('a', { class: 'btn secondary book-lawyer', href: '#/lawyers/' + encodeURIComponent(a.lawyer.id) }, t('profile.book', { name: a.lawyer.name })));
  if (o.remove) actions.append(removeButton(a, o.remove, card));
  return card;
}

// removeButton deletes answer a (its lawyer, staff of their firm) after a
// confirmation; by: {token, label, onRemoved}.
export function removeButton(a, by, card) {
  const btn = h('button', { type: 'button', class: 'btn danger-outline small remove-answer', dataset: { action: 'remove' } }, by.label || t('qa.remove'));
  btn.addEventListener('click', () => confirmStep(btn, t('qa.remove_confirm'), t('qa.remove_yes'), async (yes, box) => {
    yes.disabled = true;
    try {
      await api('DELETE', `/answers/${encodeURIComponent(a.id)}`, { token: by.token });
      const msg = t('qa.removed');
      clear(card, h('p', { class: 'alert ok', role: 'status' }, msg));
      card.classList.add('removed');
      announce(msg);
      if (by.onRemoved) by.onRemoved(a);
    } catch (e) {
      yes.disabled = false;
      box.append(alertBox(e));
    }
  }));
  return btn;
}

// ------------------------------------------------ the visitor's page

// visitorAnswers fills box (on the visitor's own question page) with the
// lawyers' answers as written, each with its follow-ups, the follow-up
// form, the mark helpful and a link to book the lawyer; for a public
// question only (a private one gets no answers). page: {id, token, q}.
export async function visitorAnswers(box, page) {
  if (!page.q.public) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const head = h('h2', { id: 'answers-h' }, t('qa.answers_title'));
  const refresh = h('button', { type: 'button', class: 'btn secondary small', id: 'answers-refresh', onclick: () => visitorAnswers(box, page) }, t('action.refresh'));
  const pub = h('p', { class: 'hint' }, t('qa.as_written'), ' ',
    h('a', { href: publicPath(page.id), id: 'public-page-link' }, t('qa.public_page')));
  clear(box, head, pub, h('p', { class: 'muted loading', role: 'status' }, t('loading')));
  let items;
  try {
    items = (await api('GET', `/questions/${encodeURIComponent(page.id)}/answers`, { visitorToken: page.token })).items || [];
  } catch (e) {
    clear(box, head, pub, alertBox(e));
    return;
  }
  if (!items.length) {
    clear(box, head, pub, h('p', { class: 'muted', id: 'answers-none' }, t('qa.answers_none')), h('div', { class: 'row' }, refresh));
    return;
  }
  const list = h('ol', { class: 'cards answers', 'aria-label': t('qa.answers_title') });
  for (const a of items) {
    const card = answerCard(a, { asker: { visitorToken: page.token }, book: true });
    list.append(h('li', {}, card));
  }
  clear(box, h('h2', { id: 'answers-h' }, t('qa.answers_title_n', { n: items.length })), pub, list, h('div', { class: 'row' }, refresh));
}

// --------------------------------------------------------- profiles

// profileAnswers fills box (on lawyer l's profile) with their public
// answers, newest first, each under its question's title linked to the
// question's public page; a page at a time. Staff of the lawyer's firm
// (and admins) may remove one there.
export async function profileAnswers(box, l) {
  const s = session();
  const moderator = s && ((s.groups.includes('staff') && s.firmId === l.firmId) || s.groups.includes('admins'));
  const head = h('h2', { id: 'profile-answers-h' }, t('qa.profile_title', { name: l.name }));
  const list = h('ol', { class: 'cards profile-answers', 'aria-label': t('qa.profile_title', { name: l.name }) });
  const more = h('button', { type: 'button', class: 'btn secondary', hidden: true, id: 'profile-answers-more' }, t('action.more'));
  clear(box, head, h('p', { class: 'muted loading', role: 'status' }, t('loading')));
  const load = pager(more,
    (cursor) => api('GET', `/lawyers/${encodeURIComponent(l.id)}/answers` + qs({ limit: 10, cursor })),
    (items) => {
      for (const a of items) list.append(h('li', {}, profileAnswer(a, moderator ? s : null)));
    },
    (e) => list.append(h('li', {}, alertBox(e))));
  await load();
  clear(box, head, list.children.length ? list : h('p', { class: 'muted', id: 'profile-answers-none' }, t('qa.profile_none')), more);
}

function profileAnswer(a, staff) {
  const hid = uid('pa');
  const card = h('article', { class: ['card', 'profile-answer', a.helpful ? 'helpful' : null], dataset: { answer: a.id }, 'aria-labelledby': hid });
  clear(card,
    h('h3', { id: hid, class: 'q-title' }, h('a', { href: publicPath(a.questionId) }, a.questionTitle || t('q.title'))),
    h('p', { class: 'answer-body clamp' }, a.body),
    h('p', { class: 'meta' }, t('qa.answered_at', { when: date(a.createdAt) }), a.helpful ? [' ', badge(t('qa.helpful'), 'ok helpful-mark')] : null),
    staff ? h('div', { class: 'row' }, removeButton(a, { token: staff.token, label: t('qa.remove_staff') }, card)) : null);
  return card;
}
