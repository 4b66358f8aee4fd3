/* global location */
// Pages for people not signed in (ADR 0014): a registry worker activates an account with a code sent
// to the phone on record, and anyone with a verified phone resets a forgotten password with a code.
// Phone first: one column, numeric keyboards for the phone and the code. The first step always says
// the same thing, whether or not a code went out: the page never tells who is registered.
import { useState } from 'preact/hooks';
import { request, startSession } from '../lib/api.js';
import { ErrorBox, Field, fieldError, html, Notice, t, useSubmit } from '../lib/ui.js';

const PHONE = /^1[3-9][0-9]{9}$/;

function useForm(initial) {
  const [form, setForm] = useState(initial);
  const bind = (name, trim = true) => ({
    name,
    value: form[name],
    onInput: (e) => setForm((f) => ({ ...f, [name]: trim ? e.currentTarget.value.trim() : e.currentTarget.value })),
  });
  return [form, bind];
}

/** The field errors the API names go by their field; anything else shows as a box. */
function Errors({ error, fields }) {
  if (!error) return null;
  const named = (error.errors ?? []).some((e) => fields.includes(e.field));
  return named ? null : html`<${ErrorBox} error=${error} />`;
}

function CodeSent({ minutes, onAgain }) {
  return html`<${Notice}>
    ${t('signup.codeSent', { minutes: minutes ?? 10 })}
    <button type="button" class="link" onClick=${onAgain}>${t('signup.again')}</button>
  </${Notice}>`;
}

export function Activate() {
  const [form, bind] = useForm({ idNumber: '', phone: '', code: '', username: '', password: '' });
  const [sent, setSent] = useState(null);
  const ask = useSubmit(async () => {
    const body = await request(
      'POST',
      '/auth/activation/code',
      { idNumber: form.idNumber.toUpperCase(), phone: form.phone },
      { anonymous: true },
    );
    setSent(body);
  });
  const confirm = useSubmit(async () => {
    const body = await request(
      'POST',
      '/auth/activation',
      { ...form, idNumber: form.idNumber.toUpperCase(), username: form.username.toLowerCase() },
      { anonymous: true },
    );
    startSession(body);
    location.hash = '#/';
  });
  const err = sent ? confirm.error : ask.error;
  return html`<main id="main" class="signin" tabindex="-1">
    <h1>${t('signup.activateTitle')}</h1>
    <p class="lead">${t('signup.activateLead')}</p>
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        (sent ? confirm : ask).submit();
      }}
    >
      <${Field} label=${t('signup.phone')} error=${fieldError(err, 'phone')}>
        ${(p) => html`<input ...${p} ...${bind('phone')} type="tel" inputmode="numeric" autocomplete="tel" maxlength="11" pattern="1[3-9][0-9]{9}" required disabled=${!!sent} />`}
      </${Field}>
      <${Field} label=${t('signup.idNumber')} error=${fieldError(err, 'idNumber')} hint=${t('signup.idNumberHint')}>
        ${(p) => html`<input ...${p} ...${bind('idNumber')} autocomplete="off" maxlength="18" required disabled=${!!sent} />`}
      </${Field}>
      ${
        sent
          ? html`<${CodeSent} minutes=${sent.expiresInMinutes} onAgain=${() => setSent(null)} />
              <${Field} label=${t('signup.code')} error=${fieldError(err, 'code')}>
                ${(p) => html`<input ...${p} ...${bind('code')} inputmode="numeric" autocomplete="one-time-code" maxlength="6" required />`}
              </${Field}>
              <${Field} label=${t('signup.username')} error=${fieldError(err, 'username')} hint=${t('signup.usernameHint')}>
                ${(p) => html`<input ...${p} ...${bind('username')} autocomplete="username" autocapitalize="none" required />`}
              </${Field}>
              <${Field} label=${t('signup.password')} error=${fieldError(err, 'password')} hint=${t('signup.passwordHint')}>
                ${(p) => html`<input ...${p} ...${bind('password', false)} type="password" autocomplete="new-password" required />`}
              </${Field}>`
          : null
      }
      <${Errors} error=${err} fields=${['phone', 'idNumber', 'code', 'username', 'password']} />
      <button type="submit" disabled=${ask.busy || confirm.busy || (!sent && !PHONE.test(form.phone))}>
        ${ask.busy || confirm.busy ? t('state.working') : sent ? t('signup.activate') : t('signup.sendCode')}
      </button>
    </form>
    <p class="signin-links"><a href="#/">${t('signup.backToSignIn')}</a></p>
  </main>`;
}

export function ResetPassword() {
  const [form, bind] = useForm({ who: '', code: '', newPassword: '' });
  const [sent, setSent] = useState(null);
  // One box: a phone number or a username.
  const target = () => (PHONE.test(form.who) ? { phone: form.who } : { username: form.who.toLowerCase() });
  const ask = useSubmit(async () => {
    setSent(await request('POST', '/auth/password-reset/code', target(), { anonymous: true }));
  });
  const confirm = useSubmit(async () => {
    await request(
      'POST',
      '/auth/password-reset',
      { ...target(), code: form.code, newPassword: form.newPassword },
      { anonymous: true },
    );
  });
  const err = sent ? confirm.error : ask.error;
  if (confirm.done) {
    return html`<main id="main" class="signin" tabindex="-1">
      <h1>${t('signup.resetTitle')}</h1>
      <${Notice}>${t('signup.resetDone')}</${Notice}>
      <p class="signin-links"><a href="#/">${t('signup.backToSignIn')}</a></p>
    </main>`;
  }
  return html`<main id="main" class="signin" tabindex="-1">
    <h1>${t('signup.resetTitle')}</h1>
    <p class="lead">${t('signup.resetLead')}</p>
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        (sent ? confirm : ask).submit();
      }}
    >
      <${Field} label=${t('signup.phoneOrUsername')} error=${fieldError(err, 'phone') ?? fieldError(err, 'username')}>
        ${(p) => html`<input ...${p} ...${bind('who')} autocomplete="username" autocapitalize="none" required disabled=${!!sent} />`}
      </${Field}>
      ${
        sent
          ? html`<${CodeSent} minutes=${sent.expiresInMinutes} onAgain=${() => setSent(null)} />
              <${Field} label=${t('signup.code')} error=${fieldError(err, 'code')}>
                ${(p) => html`<input ...${p} ...${bind('code')} inputmode="numeric" autocomplete="one-time-code" maxlength="6" required />`}
              </${Field}>
              <${Field} label=${t('signup.newPassword')} error=${fieldError(err, 'newPassword')} hint=${t('signup.passwordHint')}>
                ${(p) => html`<input ...${p} ...${bind('newPassword', false)} type="password" autocomplete="new-password" required />`}
              </${Field}>`
          : null
      }
      <${Errors} error=${err} fields=${['phone', 'username', 'code', 'newPassword']} />
      <button type="submit" disabled=${ask.busy || confirm.busy}>
        ${ask.busy || confirm.busy ? t('state.working') : sent ? t('signup.reset') : t('signup.sendCode')}
      </button>
    </form>
    <p class="signin-links"><a href="#/">${t('signup.backToSignIn')}</a></p>
  </main>`;
}
