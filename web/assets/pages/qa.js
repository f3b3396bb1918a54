// The lawyer's Q&A tab (#/lawyer/qa): the inbox of public questions in
// their areas they have not answered (GET /lawyer/questions, newest
// first, by area, a page at a time), the answer form with the live check
// for contact details, and their own answers (GET /lawyers/{id}/answers)
// with the asker's follow-ups under each, to reply to or delete.
//
// Everything here is public text: the questions come with the asker's
// personal data hidden, and an answer or reply holding a phone number,
// e-mail or ID number is refused by the API (contact_data), which the
// form says as the lawyer types.

import { h, clear, announce } from '../dom.js';
import { api, qs } from '../api.js';
import { t, areaName } from '../i18n.js';
import { alertBox, loading, field, badge, pager } from '../ui.js';
import { date, dateTime } from '../time.js';
import { answerForm, replyForm, replyList, removeButton, publicPath, answersLabel } from '../qa.js';

const PAGE = 10;

// render fills box with the two sections; me is the lawyer's profile.
export async function render(box, s, me) {
  const inboxBox = h('section', { id: 'qa-inbox', 'aria-labelledby': 'qa-inbox-h' });
  const mineBox = h('section', { id: 'qa-mine', 'aria-labelledby': 'qa-mine-h' });
  clear(box, inboxBox, mineBox);
  const reloadMine = () => mine(mineBox, s);
  await Promise.all([inbox(inboxBox, s, me, reloadMine), reloadMine()]);
}

// inbox lists the questions waiting for the lawyer's answer.
async function inbox(box, s, me, onAnswered) {
  const areas = me.areas || [];
  const list = h('ol', { class: 'cards qa-questions', 'aria-label': t('qa.inbox_title') });
  const status = h('p', { class: 'muted', role: 'status', id: 'qa-inbox-status' });
  const more = h('button', { type: 'button', class: 'btn secondary', id: 'qa-inbox-more', hidden: true }, t('action.more'));
  const filter = areas.length > 1 ? h('form', { class: 'filters', role: 'search', id: 'qa-filter', 'aria-label': t('qa.filter') },
    field({
      name: 'area', label: t('dir.area'), type: 'select', value: '',
      options: [{ value: '', label: t('qa.my_areas') }, ...areas.map((a) => ({ value: a, label: areaName(a) }))],
    }),
    h('div', { class: 'row end' }, h('button', { type: 'submit', class: 'btn' }, t('dir.apply')))) : null;
  clear(box,
    h('h2', { id: 'qa-inbox-h' }, t('qa.inbox_title')),
    h('p', { class: 'hint' }, t('qa.inbox_hint')),
    filter, status, list, more);
  let shown = 0;
  const fetchPage = (cursor) => {
    const area = filter ? filter.elements.namedItem('area').value : '';
    return api('GET', '/lawyer/questions' + qs({ area, limit: PAGE, cursor }), { token: s.token });
  };
  const page = pager(more, fetchPage, (items, reset) => {
    if (reset) {
      shown = 0;
      clear(list);
    }
    for (const q of items) list.append(h('li', {}, questionItem(q, s, onAnswered)));
    shown += items.length;
    status.textContent = shown ? t('qa.inbox_count', { n: shown }) : t('qa.inbox_empty');
    if (reset) announce(status.textContent);
  }, (e) => {
    status.textContent = '';
    list.append(h('li', {}, alertBox(e)));
  });
  const load = (reset) => {
    if (reset) status.textContent = t('loading');
    return page(reset);
  };
  if (filter) {
    filter.addEventListener('submit', (ev) => {
      ev.preventDefault();
      load(true);
    });
  }
  await load(true);
}

// questionItem is one question of the inbox: its title (linked to its
// public page), and "answer", which shows the question's text (personal
// data hidden) and the answer form.
function questionItem(q, s, onAnswered) {
  const hid = `qa-q-${q.id}`;
  const card = h('article', { class: 'card qa-question', dataset: { question: q.id }, 'aria-labelledby': hid });
  const work = h('div', { class: 'qa-work' });
  const open = h('button', { type: 'button', class: 'btn', dataset: { action: 'answer' }, 'aria-label': t('qa.answer_this', { title: q.title }) }, t('qa.answer'));
  clear(card,
    h('h3', { id: hid, class: 'q-title' }, h('a', { href: publicPath(q.id) }, q.title)),
    h('p', { class: 'meta' }, badge(areaName(q.area)), ' ', [q.city, date(q.createdAt), answersLabel(q.answerCount || 0)].filter(Boolean).join(' · ')),
    h('div', { class: 'row' }, open),
    work);
  open.addEventListener('click', async () => {
    open.disabled = true;
    clear(work, loading());
    let full;
    try {
      full = await api('GET', `/questions/${encodeURIComponent(q.id)}`);
    } catch (e) {
      open.disabled = false;
      clear(work, alertBox(e));
      return;
    }
    open.parentElement.hidden = true;
    const form = answerForm(q.id, s.token, async (a) => {
      const msg = t('qa.published');
      clear(card,
        h('h3', { class: 'q-title' }, h('a', { href: publicPath(q.id) }, q.title)),
        h('p', { class: 'alert ok', role: 'status' }, msg, ' ', h('a', { href: publicPath(q.id) }, t('qa.public_page'))));
      card.dataset.answered = a.id;
      announce(msg);
      await onAnswered();
    }, () => {
      clear(work);
      open.parentElement.hidden = false;
      open.disabled = false;
      open.focus();
    });
    clear(work,
      h('div', { class: 'q-text' },
        h('h4', {}, t('lw.question_redacted')),
        full.body ? h('p', { class: 'q-body pre' }, full.body) : h('p', { class: 'muted' }, t('lw.question_title_only'))),
      form);
    form.querySelector('textarea').focus();
  });
  return card;
}

// mine lists the lawyer's own answers, newest first, each with the
// follow-ups under it (read from the question's public thread: the
// asker's words with their personal data hidden), a reply form and
// delete.
async function mine(box, s) {
  const list = h('ol', { class: 'cards my-answers', 'aria-label': t('qa.mine_title') });
  const more = h('button', { type: 'button', class: 'btn secondary', id: 'qa-mine-more', hidden: true }, t('action.more'));
  clear(box, h('h2', { id: 'qa-mine-h' }, t('qa.mine_title')), h('p', { class: 'hint' }, t('qa.mine_hint')), loading());
  const load = pager(more,
    (cursor) => api('GET', `/lawyers/${encodeURIComponent(s.lawyerId)}/answers` + qs({ limit: PAGE, cursor })),
    async (items) => {
      const cards = await Promise.all(items.map((a) => myAnswer(a, s)));
      for (const c of cards) list.append(h('li', {}, c));
    },
    (e) => list.append(h('li', {}, alertBox(e))));
  await load();
  clear(box, h('h2', { id: 'qa-mine-h' }, t('qa.mine_title')), h('p', { class: 'hint' }, t('qa.mine_hint')),
    list.children.length ? list : h('p', { class: 'muted', id: 'qa-mine-none' }, t('qa.mine_empty')), more);
}

// myAnswer is one of the lawyer's answers with its thread.
async function myAnswer(a, s) {
  const hid = `qa-a-${a.id}`;
  const card = h('article', { class: ['card', 'my-answer', a.helpful ? 'helpful' : null], dataset: { answer: a.id }, 'aria-labelledby': hid });
  const thread = h('div', { class: 'thread' }, loading());
  clear(card,
    h('h3', { id: hid, class: 'q-title' }, h('a', { href: publicPath(a.questionId) }, a.questionTitle || t('q.title'))),
    h('p', { class: 'meta' }, t('qa.answered_at', { when: dateTime(a.createdAt) }), a.helpful ? [' ', badge(t('qa.helpful'), 'ok helpful-mark')] : null),
    h('div', { class: 'answer-body pre' }, a.body),
    h('h4', { class: 'thread-h' }, t('qa.replies')),
    thread,
    h('div', { class: 'row' }, removeButton(a, { token: s.token }, card)));
  // The list carries no follow-ups: they are in the question's thread.
  try {
    const r = await api('GET', `/questions/${encodeURIComponent(a.questionId)}/answers`);
    const full = (r.items || []).find((x) => x.id === a.id) || { ...a, replies: [] };
    clear(thread, replyList(full));
    const awaiting = (full.replies || []).length && full.replies[full.replies.length - 1].author === 'asker';
    if (awaiting) card.prepend(h('p', { class: 'awaiting' }, badge(t('qa.awaiting'), 'warn')));
    thread.after(replyForm(full, { token: s.token }, (reply) => {
      full.replies = [...(full.replies || []), reply];
      clear(thread, replyList(full));
      const flag = card.querySelector('.awaiting');
      if (flag) flag.remove();
      announce(t('qa.sent'));
    }));
  } catch (e) {
    clear(thread, alertBox(e));
  }
  return card;
}
