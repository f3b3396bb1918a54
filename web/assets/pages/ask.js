// The visitor's question form. While they type, the practice area is
// suggested from POST /practice-areas/classify (debounced); they may pick
// another. Errors come from the API's envelope and are shown beside the
// fields they name. Above the consent box the form says who sees what
// (API.md: the contact only to whom the visitor chooses, the firms' pool
// and public text redacted).
//
// Reached from a lawyer's profile (#/ask?lawyer=…&start=…&mode=…), it
// books that lawyer's chosen time as soon as the question is in: the area
// is one of the lawyer's, and meeting in person needs the lawyer's city.

import { h, clear, debounce, announce } from '../dom.js';
import { api, areas, newKey } from '../api.js';
import { t, areaName } from '../i18n.js';
import { field, showErrors, clearErrors, pageTitle } from '../ui.js';
import { remember } from '../store.js';
import { book, cityKey, MODES } from '../picker.js';
import { dateTime } from '../time.js';

export async function render({ main, query }) {
  let all = [];
  try {
    all = await areas();
  } catch (e) { /* the server infers the area */ }
  const intent = await bookingIntent(query);
  if (intent) all = all.filter((a) => intent.lawyer.areas.includes(a.code));
  const title = field({ name: 'title', label: t('ask.title'), hint: t('ask.title_hint'), maxlength: 120, autocomplete: 'off' });
  const body = field({ name: 'body', label: t('ask.body'), type: 'textarea', rows: 5, hint: t('ask.body_hint'), optional: true });
  const area = field({
    name: 'area', label: t('ask.area'), type: 'select',
    options: [...(intent ? [] : [{ value: '', label: t('ask.area_auto') }]), ...all.map((a) => ({ value: a.code, label: areaName(a.code) }))],
  });
  const suggestion = h('p', { class: 'suggestion', id: 'area-suggestion', 'aria-live': 'polite' });
  area.querySelector('select').after(suggestion);
  const city = field({ name: 'city', label: t('ask.city'), autocomplete: 'address-level2', optional: true, hint: t('ask.city_hint') });
  const name = field({ name: 'name', label: t('ask.name'), autocomplete: 'name' });
  const phone = field({ name: 'phone', label: t('ask.phone'), type: 'tel', inputmode: 'tel', autocomplete: 'tel', hint: t('ask.phone_hint') });
  const email = field({ name: 'email', label: t('ask.email'), type: 'email', autocomplete: 'email', optional: true, hint: t('ask.email_hint') });
  const consent = field({ name: 'consent', label: t('ask.consent'), type: 'checkbox' });
  const pub = field({ name: 'public', label: t('ask.public'), type: 'checkbox', hint: t('ask.public_hint') });
  // The boxes are read with who sees what: consent is to exactly that.
  for (const [box, what] of [[consent, 'ask-privacy'], [pub, 'ask-who-public']]) {
    const input = box.querySelector('input');
    input.setAttribute('aria-describedby', `${what} ${input.getAttribute('aria-describedby')}`);
  }
  const submit = h('button', { type: 'submit', class: 'btn', id: 'ask-submit' }, t('ask.submit'));
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'form-alert' }),
    h('fieldset', {}, h('legend', {}, t('ask.your_question')), title, body, area, city),
    h('fieldset', {}, h('legend', {}, t('ask.your_contact')), name, phone, email),
    whoSeesWhat(),
    consent, pub,
    h('div', { class: 'row' }, submit));

  const $ = (n) => form.elements.namedItem(n);
  const select = $('area');
  // Booking a lawyer: the area is always the visitor's pick among theirs.
  let touched = !!intent;
  select.addEventListener('change', () => { touched = true; });

  // Suggest the area while the visitor types; stale answers are ignored.
  let seq = 0;
  const classify = debounce(async () => {
    const text = ($('title').value + '\n' + $('body').value).trim();
    const mine = ++seq;
    if (text.length < 4) {
      clear(suggestion);
      return;
    }
    try {
      const r = await api('POST', '/practice-areas/classify', { body: { text } });
      if (mine !== seq) return;
      const best = (r.candidates || []).filter((c) => c.score >= 0.05).slice(0, 3);
      if (!best.length) {
        clear(suggestion);
        return;
      }
      if (!touched && [...select.options].some((o) => o.value === best[0].area)) select.value = best[0].area;
      clear(suggestion, t('ask.suggested', { area: areaName(best[0].area) }),
        best.length > 1 ? ' ' + t('ask.also', { areas: best.slice(1).map((c) => areaName(c.area)).join(t('list.sep')) }) : '');
      suggestion.dataset.area = best[0].area;
    } catch (e) {
      // No signal yet, or too many calls: the server infers on submit.
      if (mine === seq) clear(suggestion);
    }
  }, 450);
  $('title').addEventListener('input', classify);
  $('body').addEventListener('input', classify);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    classify.cancel();
    clearErrors(form);
    submit.disabled = true;
    submit.textContent = t('ask.sending');
    const in_ = {
      title: $('title').value, body: $('body').value, city: $('city').value,
      name: $('name').value, phone: $('phone').value, email: $('email').value,
      consent: $('consent').checked, public: $('public').checked,
    };
    // The area is the visitor's only when they chose it; otherwise the
    // server's router (the same one that suggested it) decides.
    if (touched && select.value) in_.area = select.value;
    if (intent && intent.mode === 'in_person' && cityKey(in_.city) !== cityKey(intent.lawyer.city)) {
      showErrors(form, { fields: { city: t('ask.err_in_person_city', { city: intent.lawyer.city }) } });
      submit.disabled = false;
      submit.textContent = t('ask.submit');
      return;
    }
    try {
      const q = await api('POST', '/questions', { body: in_ });
      // Where the API sends the private link (masked), to say so on the
      // question's page.
      remember(q.id, { token: q.accessToken, title: q.title, createdAt: q.createdAt, bookings: [], linkSentTo: q.linkSentTo || [] });
      announce(t('ask.sent'));
      let missed = false;
      if (intent) {
        try {
          await book(q.id, q.accessToken, intent.lawyer.id, intent.start, intent.mode, newKey());
        } catch (e) {
          missed = true; // taken meanwhile, say: the page offers the matches
        }
      }
      location.hash = `#/q/${encodeURIComponent(q.id)}?new=1${missed ? '&missed=1' : ''}`;
    } catch (e) {
      showErrors(form, e);
      submit.disabled = false;
      submit.textContent = t('ask.submit');
    }
  });

  clear(main, pageTitle(t('ask.page_title')),
    intent ? h('div', { class: 'alert ok', role: 'status', id: 'booking-intent' },
      t('ask.intent', { name: intent.lawyer.name, when: dateTime(intent.start), mode: t('mode.' + intent.mode) }),
      intent.mode === 'in_person' ? ' ' + t('ask.intent_in_person', { city: intent.lawyer.city }) : '') : null,
    h('p', { class: 'lead' }, t('ask.lead')), form);
}

// bookingIntent reads the lawyer, time and mode a profile sent the visitor
// here with (null without, or when the lawyer cannot be read).
async function bookingIntent(query) {
  const id = query.get('lawyer');
  const start = query.get('start');
  const mode = MODES.includes(query.get('mode')) ? query.get('mode') : 'phone';
  if (!id || !start || Number.isNaN(Date.parse(start))) return null;
  try {
    return { lawyer: await api('GET', `/lawyers/${encodeURIComponent(id)}`), start, mode };
  } catch (e) {
    return null;
  }
}

// whoSeesWhat says, before the consent box, exactly who may see which part
// of the question — the contact, the text in the firms' pool, a public
// question — and that all of it can be erased.
function whoSeesWhat() {
  return h('section', { class: 'who-sees', id: 'ask-privacy', 'aria-labelledby': 'ask-privacy-h' },
    h('h2', { id: 'ask-privacy-h' }, t('ask.who_title')),
    h('ul', {}, ['contact', 'firms', 'public', 'erase'].map((k) => h('li', { id: 'ask-who-' + k }, t('ask.who_' + k)))));
}
