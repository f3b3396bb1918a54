// The rest of a booking's life, as the pages offer it: moving a booking
// to another open time (the visitor's question page and the lawyer's
// upcoming list), marking a no-show (the lawyer), the visitor's review of
// a completed consultation, and on a lawyer's profile the usual reply time
// (beside the answers and the rating qa.js shows) and the reviews. Each piece is a function the pages
// place where they need it; this module keeps its own words.

import { h, clear, announce } from './dom.js';
import { api, qs } from './api.js';
import { t, addMessages, errorMessage, areaName } from './i18n.js';
import { alertBox, confirmStep } from './ui.js';
import { dateTime, date } from './time.js';

addMessages({
  zh: {
    'status.no_show': '未到场', 'qstatus.no_show': '未到场',
    'b.no_show': '{lawyer}律师记录您没有参加这次咨询。您可以重新预约。',
    'b.moved_wait': '您已改到新的时间，正在等{lawyer}律师确认。',
    'b.moved_by_lawyer': '{lawyer}律师把咨询改到了这个时间（原定 {from}）。',
    'rs.open': '改期', 'rs.open_label': '改到其他时间', 'rs.title': '选择新的时间',
    'rs.hint_visitor': '改期后律师需要重新确认；原来的时间会让给别人。开始前 2 小时内请打电话给律所。',
    'rs.hint_lawyer': '改期后预约仍是已确认，咨询人会收到新时间和日历更新。',
    'rs.submit': '确认改期', 'rs.none': '这位律师暂时没有其他可约时间。', 'rs.choose': '请先选择一个时间。',
    'rs.taken': '这个时间刚被约走了，请选择其他时间。', 'rs.too_late': '离开始不到 2 小时，不能在线改期，请打电话给律所。',
    'rs.done': '已改到 {when}。', 'rs.more': '更多时间',
    'ns.button': '未到场', 'ns.confirm': '确认咨询人没有参加这次咨询？', 'ns.yes': '确认未到场', 'ns.done': '已记录未到场。',
    'ns.later': '咨询开始后才能记录未到场。',
    'rv.title': '评价这次咨询', 'rv.hint': '评价会公开显示在律师的主页上，不显示您的姓名；电话、邮箱等个人信息会自动隐藏。',
    'rv.stars': '评分', 'rv.star': '{n} 星', 'rv.text': '评价内容', 'rv.text_hint': '选填，最多 1000 字。',
    'rv.submit': '提交评价', 'rv.done': '谢谢您的评价！', 'rv.already': '您已经评价过这次咨询，谢谢！', 'rv.choose': '请选择 1 到 5 星。',
    'rv.published': '公开显示为：',
    'pf.reply_minutes': '通常 {n} 分钟内回复', 'pf.reply_hours': '通常 {n} 小时内回复', 'pf.reply_days': '通常 {n} 天内回复',
    'pf.reviews': '咨询评价', 'pf.reviews_hint': '只有完成咨询的访客才能评价，每次咨询一条。', 'pf.reviews_none': '还没有评价。',
    'pf.review_meta': '{area} · {when}', 'pf.stars_label': '{n} 星（满分 5 星）',
    'st.no_show_count': '未到场：{n}',
  },
  en: {
    'status.no_show': 'No-show', 'qstatus.no_show': 'No-show',
    'b.no_show': '{lawyer} recorded that you did not come to this consultation. You can book again.',
    'b.moved_wait': 'You moved the booking to a new time; {lawyer} has to confirm it.',
    'b.moved_by_lawyer': '{lawyer} moved the consultation to this time (it was {from}).',
    'rs.open': 'Reschedule', 'rs.open_label': 'Move to another time', 'rs.title': 'Choose the new time',
    'rs.hint_visitor': 'The lawyer confirms the new time again; your old time goes to others. Within 2 hours of the start, please call the firm.',
    'rs.hint_lawyer': 'The booking stays confirmed; the visitor gets the new time and a calendar update.',
    'rs.submit': 'Move the booking', 'rs.none': 'This lawyer has no other open time right now.', 'rs.choose': 'Choose a time first.',
    'rs.taken': 'That time has just been taken; choose another.', 'rs.too_late': 'It starts in less than 2 hours: please call the firm to move it.',
    'rs.done': 'Moved to {when}.', 'rs.more': 'More times',
    'ns.button': 'No-show', 'ns.confirm': 'Record that the visitor did not come?', 'ns.yes': 'Record the no-show', 'ns.done': 'No-show recorded.',
    'ns.later': 'A no-show can be recorded once the consultation has begun.',
    'rv.title': 'Review this consultation', 'rv.hint': "Your review is shown on the lawyer's page without your name; phone numbers, e-mail addresses and the like are hidden.",
    'rv.stars': 'Rating', 'rv.star': '{n} stars', 'rv.text': 'Your review', 'rv.text_hint': 'Optional, up to 1,000 characters.',
    'rv.submit': 'Send the review', 'rv.done': 'Thank you for your review!', 'rv.already': 'You have reviewed this consultation. Thank you!', 'rv.choose': 'Choose 1 to 5 stars.',
    'rv.published': 'Published as:',
    'pf.reply_minutes': 'Usually replies within {n} minutes', 'pf.reply_minutes_one': 'Usually replies within a minute',
    'pf.reply_hours': 'Usually replies within {n} hours',
    'pf.reply_hours_one': 'Usually replies within an hour', 'pf.reply_days': 'Usually replies within {n} days',
    'pf.reviews': 'Reviews', 'pf.reviews_hint': 'Only visitors who had a consultation may review it, once.', 'pf.reviews_none': 'No reviews yet.',
    'pf.review_meta': '{area} · {when}', 'pf.stars_label': '{n} out of 5 stars',
    'st.no_show_count': 'No-shows: {n}',
  },
});

// auth(who) is the credentials of a call: {visitorToken} or {token}.
const withAuth = (who, o) => ({ ...o, ...(who.visitorToken ? { visitorToken: who.visitorToken } : { token: who.token }) });

// rescheduleControl is a button that opens the lawyer's other open times
// to move booking b to, in a panel after the row of buttons it sits in;
// who is the caller ({visitorToken} for the visitor, {token} for the
// lawyer). onMoved(booking) runs after a move.
export function rescheduleControl(b, who, onMoved) {
  const open = h('button', { type: 'button', class: 'btn secondary', dataset: { action: 'reschedule' }, 'aria-label': t('rs.open_label'), 'aria-expanded': 'false' }, t('rs.open'));
  open.addEventListener('click', async () => {
    open.setAttribute('aria-expanded', 'true');
    open.disabled = true;
    const panel = h('form', { class: 'reschedule-form card', novalidate: true, dataset: { booking: b.id } });
    const result = h('div', { class: 'form-alert', 'aria-live': 'assertive' });
    const grid = h('div', { class: 'slot-grid' });
    const more = h('button', { type: 'button', class: 'linkish', hidden: true }, t('rs.more'));
    const submit = h('button', { type: 'submit', class: 'btn' }, t('rs.submit'));
    const back = h('button', { type: 'button', class: 'btn secondary' }, t('action.back'));
    clear(panel,
      h('fieldset', { class: 'slots' }, h('legend', {}, t('rs.title')), grid, more),
      h('p', { class: 'hint' }, t(who.visitorToken ? 'rs.hint_visitor' : 'rs.hint_lawyer')),
      result, h('div', { class: 'row' }, submit, back));
    (open.closest('.row') || open).after(panel);
    back.addEventListener('click', () => {
      panel.remove();
      open.disabled = false;
      open.setAttribute('aria-expanded', 'false');
      open.focus();
    });
    let cursor = '';
    const load = async () => {
      more.disabled = true;
      try {
        const r = await api('GET', `/lawyers/${encodeURIComponent(b.lawyerId)}/slots${qs({ limit: 8, cursor })}`);
        for (const s of r.items) {
          if (Date.parse(s.start) === Date.parse(b.start)) continue;
          grid.append(h('label', { class: 'chip slot' }, h('input', { type: 'radio', name: 'start', value: s.start }), ' ', dateTime(s.start)));
        }
        cursor = r.nextCursor || '';
        more.hidden = !cursor;
      } catch (e) {
        clear(result, alertBox(e));
      }
      more.disabled = false;
      if (!grid.children.length && !cursor) clear(panel, h('p', { class: 'muted' }, t('rs.none')), h('div', { class: 'row' }, back));
    };
    more.addEventListener('click', load);
    panel.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clear(result);
      const chosen = panel.querySelector('input[name=start]:checked');
      if (!chosen) {
        clear(result, alertBox(t('rs.choose')));
        return;
      }
      submit.disabled = true;
      try {
        const nb = await api('POST', `/bookings/${encodeURIComponent(b.id)}/reschedule`, withAuth(who, { body: { start: chosen.value } }));
        announce(t('rs.done', { when: dateTime(nb.start) }));
        await onMoved(nb);
      } catch (e) {
        submit.disabled = false;
        if (e.code === 'slot_unavailable') {
          chosen.closest('label').remove();
          clear(result, alertBox(t('rs.taken')));
        } else if (e.code === 'forbidden' && who.visitorToken) {
          clear(result, alertBox(t('rs.too_late')));
        } else {
          clear(result, alertBox(errorMessage(e)));
        }
      }
    });
    await load();
    const first = panel.querySelector('input[name=start]');
    if (first) first.focus();
  });
  return open;
}

// movedNote says, on the visitor's booking, that it was moved: waiting
// for the lawyer after the visitor's move, or from when by the lawyer's.
export function movedNote(b, lawyerName) {
  if (!b.sequence || !b.rescheduledBy) return null;
  if (b.rescheduledBy === 'visitor' && b.status === 'pending') return h('p', { class: 'moved-note' }, t('b.moved_wait', { lawyer: lawyerName }));
  if (b.rescheduledBy === 'lawyer' && b.previousStart) {
    return h('p', { class: 'moved-note' }, t('b.moved_by_lawyer', { lawyer: lawyerName, from: dateTime(b.previousStart) }));
  }
  return null;
}

// noShowControl is the lawyer's "no-show" button for a confirmed booking:
// usable once the consultation has begun, confirmed in a second step.
export function noShowControl(b, token, onDone) {
  const started = Date.parse(b.start) <= Date.now();
  const hintId = `ns-${b.id}`;
  const btn = h('button', { type: 'button', class: 'btn danger-outline', disabled: !started, dataset: { action: 'no-show' }, 'aria-describedby': started ? null : hintId }, t('ns.button'));
  const box = h('span', { class: 'no-show' }, btn, started ? null : h('span', { class: 'sr-only', id: hintId }, t('ns.later')));
  btn.addEventListener('click', () => confirmStep(btn, t('ns.confirm'), t('ns.yes'), async (yes, step) => {
    yes.disabled = true;
    try {
      const nb = await api('POST', `/bookings/${encodeURIComponent(b.id)}/no-show`, { token, body: {} });
      announce(t('ns.done'));
      onDone(nb);
    } catch (e) {
      yes.disabled = false;
      step.append(alertBox(e));
    }
  }));
  return box;
}

// reviewBox is the visitor's review of completed booking b: the form
// (stars 1-5, an optional text) while it is not reviewed, a thank-you
// after.
export function reviewBox(b, visitorToken) {
  const box = h('section', { class: 'review', id: 'review', 'aria-labelledby': 'review-h' });
  if (b.reviewed) {
    clear(box, h('h3', { id: 'review-h' }, t('rv.title')), h('p', { class: 'alert ok', role: 'status' }, t('rv.already')));
    return box;
  }
  const stars = h('fieldset', { class: 'stars', dataset: { field: 'stars' } }, h('legend', {}, t('rv.stars')),
    h('div', { class: 'chips' }, [5, 4, 3, 2, 1].map((n) => h('label', { class: 'chip star' },
      h('input', { type: 'radio', name: 'stars', value: String(n) }), ' ', h('span', { 'aria-hidden': 'true' }, '★'.repeat(n)), h('span', { class: 'sr-only' }, t('rv.star', { n }))))));
  const text = h('div', { class: 'field', dataset: { field: 'text' } },
    h('label', { for: 'review-text' }, t('rv.text'), h('span', { class: 'optional' }, ' ' + t('optional'))),
    h('p', { class: 'hint', id: 'review-text-hint' }, t('rv.text_hint')),
    h('textarea', { id: 'review-text', name: 'text', rows: 3, maxlength: 1000, 'aria-describedby': 'review-text-hint' }));
  const result = h('div', { class: 'form-alert', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn' }, t('rv.submit'));
  const form = h('form', { class: 'form review-form', novalidate: true }, stars, text, result, h('div', { class: 'row' }, submit));
  clear(box, h('h3', { id: 'review-h' }, t('rv.title')), h('p', { class: 'hint' }, t('rv.hint')), form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(result);
    const n = Number((form.querySelector('input[name=stars]:checked') || {}).value || 0);
    if (!n) {
      clear(result, alertBox(t('rv.choose')));
      const first = form.querySelector('input[name=stars]');
      if (first) first.focus();
      return;
    }
    submit.disabled = true;
    try {
      const r = await api('POST', `/bookings/${encodeURIComponent(b.id)}/review`, { visitorToken, body: { stars: n, text: form.elements.namedItem('text').value } });
      clear(box, h('h3', { id: 'review-h' }, t('rv.title')),
        h('p', { class: 'alert ok', role: 'status' }, t('rv.done')),
        h('p', { class: 'meta' }, t('rv.published')),
        reviewItem(r));
      announce(t('rv.done'));
    } catch (e) {
      submit.disabled = false;
      clear(result, alertBox(e.code === 'conflict' ? t('rv.already') : errorMessage(e)));
    }
  });
  return box;
}

// replyLine is the usual reply time of a lawyer from the median minutes
// (none below three answers): "通常 2 小时内回复".
export function replyLine(minutes) {
  if (minutes == null) return null;
  let text;
  if (minutes < 60) text = t('pf.reply_minutes', { n: Math.max(1, minutes) });
  else if (minutes < 48 * 60) text = t('pf.reply_hours', { n: Math.ceil(minutes / 60) });
  else text = t('pf.reply_days', { n: Math.ceil(minutes / 1440) });
  return h('span', { class: 'reply-time' }, text);
}

function reviewItem(r) {
  return h('article', { class: 'card review-item' },
    h('p', { class: 'stars-line', 'aria-label': t('pf.stars_label', { n: r.stars }) }, '★'.repeat(r.stars) + '☆'.repeat(5 - r.stars)),
    r.text ? h('p', { class: 'pre' }, r.text) : null,
    h('p', { class: 'meta' }, t('pf.review_meta', { area: areaName(r.area), when: date(r.createdAt) })));
}

// reviewsSection lists a lawyer's reviews, newest first, anonymous.
export function reviewsSection(lawyerId) {
  const list = h('div', { id: 'reviews-list', 'aria-live': 'polite' });
  const box = h('section', { 'aria-labelledby': 'reviews-h', id: 'reviews' },
    h('h2', { id: 'reviews-h' }, t('pf.reviews')), h('p', { class: 'hint' }, t('pf.reviews_hint')), list);
  api('GET', `/lawyers/${encodeURIComponent(lawyerId)}/reviews${qs({ limit: 10 })}`)
    .then((r) => clear(list, r.items.length ? h('ol', { class: 'cards' }, r.items.map((x) => h('li', {}, reviewItem(x)))) : h('p', { class: 'muted' }, t('pf.reviews_none'))))
    .catch((e) => clear(list, alertBox(e)));
  return box;
}
