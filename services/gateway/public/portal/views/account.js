/* global sessionStorage, location */
// Every role's own account: change the password, sign out on every device. Both end every token the
// account holds (this one too), so the portal signs out and says why on the sign-in page.
import { useState } from 'preact/hooks';
import { api, signOut } from '../lib/api.js';
import { ErrorBox, Field, fieldError, html, t, useSubmit } from '../lib/ui.js';

/** What the sign-in page says once, after the account ended its own sessions. */
export const SIGNED_OUT_NOTE = 'tongxin.signedOutNote';
function endSession(note) {
  sessionStorage.setItem(SIGNED_OUT_NOTE, note);
  signOut();
  location.hash = '#/';
}

function ChangePassword() {
  const [v, setV] = useState({ current: '', next: '', again: '' });
  const [mismatch, setMismatch] = useState(false);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    await api.post('/auth/password', { currentPassword: v.current, newPassword: v.next });
    endSession('account.passwordChanged');
  });
  const wrongCurrent = save.error?.code === 'WRONG_PASSWORD';
  return html`<form
    class="form"
    aria-label=${t('account.password')}
    onSubmit=${(e) => {
      e.preventDefault();
      // Typed twice so a slip of the finger does not lock the account out.
      setMismatch(v.next !== v.again);
      if (v.next === v.again) save.submit();
    }}
  >
    <h2>${t('account.password')}</h2>
    <p class="hint">${t('account.passwordHint')}</p>
    <${Field} label=${t('account.current')} error=${wrongCurrent ? t('account.currentWrong') : fieldError(save.error, 'currentPassword')}>
      ${(p) => html`<input ...${p} type="password" autocomplete="current-password" required value=${v.current} onInput=${set('current')} />`}
    </${Field}>
    <${Field} label=${t('account.new')} hint=${t('account.newHint')} error=${fieldError(save.error, 'newPassword')}>
      ${(p) => html`<input ...${p} type="password" autocomplete="new-password" required minlength="10" value=${v.next} onInput=${set('next')} />`}
    </${Field}>
    <${Field} label=${t('account.again')} error=${mismatch ? t('account.mismatch') : undefined}>
      ${(p) => html`<input ...${p} type="password" autocomplete="new-password" required value=${v.again} onInput=${set('again')} />`}
    </${Field}>
    ${wrongCurrent ? null : html`<${ErrorBox} error=${save.error} fieldLabels=${{ newPassword: t('account.new'), currentPassword: t('account.current') }} />`}
    <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('account.change')}</button>
  </form>`;
}

function SignOutEverywhere() {
  const out = useSubmit(async () => {
    await api.post('/auth/sign-out-everywhere');
    endSession('account.signedOutEverywhere');
  });
  return html`<section aria-labelledby="account-everywhere">
    <h2 id="account-everywhere">${t('account.everywhere')}</h2>
    <p class="hint">${t('account.everywhereHint')}</p>
    <${ErrorBox} error=${out.error} />
    <button type="button" class="secondary" disabled=${out.busy} onClick=${() => out.submit()}>
      ${out.busy ? t('state.working') : t('account.everywhereDo')}
    </button>
  </section>`;
}

export function Account({ session }) {
  return html`<h1>${t('account.title')}</h1>
    <p class="meta"><span>${session.displayName}</span><span>${t('role.' + session.role)}</span></p>
    <${ChangePassword} />
    <${SignOutEverywhere} />`;
}

export function route(path, session) {
  if (path === '/account') return { view: html`<${Account} session=${session} />` };
  return null;
}
