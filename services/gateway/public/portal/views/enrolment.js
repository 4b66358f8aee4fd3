/* global location */
// The self-service ways in (ADR 0018): 企业注册 (an employer signs up with its company) and 激活码激活 (a
// worker redeems the code the village officer printed; the officer's 打印激活码 slip is lib/widgets/worker.js).
import { useState } from 'preact/hooks';
import { categoryName, ErrorBox, Field, fieldError, html, t, useSubmit, WorksitePicker } from '../lib/ui.js';
import { request, signIn } from '../lib/api.js';
import { INDUSTRIES } from '../lib/widgets/employer.js';

const BackToSignIn = () => html`<p><a href="#/">← ${t('signin.title')}</a></p>`;

export function EmployerSignUp() {
  const [v, setV] = useState({
    username: '',
    password: '',
    displayName: '',
    contactName: '',
    contactPhone: '',
    name: '',
    creditCode: '',
    industry: INDUSTRIES[0],
    regionCode: '',
    address: '',
  });
  const set = (k) => (ev) => setV({ ...v, [k]: ev.currentTarget.value });
  const save = useSubmit(async () => {
    const username = v.username.trim().toLowerCase();
    await request(
      'POST',
      '/auth/employer-signup',
      {
        username,
        password: v.password,
        displayName: v.displayName.trim() || v.name.trim(),
        contact: { name: v.contactName.trim(), phone: v.contactPhone.trim() },
        company: {
          name: v.name.trim(),
          creditCode: v.creditCode.trim().toUpperCase(),
          industry: v.industry,
          regionCode: v.regionCode,
          ...(v.address.trim() ? { address: v.address.trim() } : {}),
        },
      },
      { anonymous: true },
    );
    // Signed in as the new account; its company page says it waits for verification.
    await signIn(username, v.password);
    location.hash = '#/company';
  });
  const err = (name) => fieldError(save.error, name);
  return html`<main id="main" class="signin" tabindex="-1">
    <${BackToSignIn} />
    <h1>${t('enrol.employer.title')}</h1>
    <p class="lead">${t('enrol.employer.lead')}</p>
    <form
      class="form"
      onSubmit=${(e) => {
        e.preventDefault();
        save.submit();
      }}
    >
      <fieldset class="group">
        <legend>${t('enrol.employer.company')}</legend>
        <${Field} label=${t('company.name')} error=${err('company/name')}>
          ${(p) => html`<input ...${p} name="companyName" required value=${v.name} onInput=${set('name')} />`}
        </${Field}>
        <${Field} label=${t('company.creditCode')} hint=${t('enrol.employer.creditHint')} error=${err('company/creditCode')}>
          ${(p) => html`<input ...${p} name="creditCode" class="mono" required minlength="18" maxlength="18" autocapitalize="characters" value=${v.creditCode} onInput=${set('creditCode')} />`}
        </${Field}>
        <${Field} label=${t('company.industry')} error=${err('company/industry')}>
          ${(p) =>
            html`<select ...${p} name="industry" value=${v.industry} onChange=${set('industry')}>
              ${INDUSTRIES.map((c) => html`<option value=${c}>${categoryName(c)}</option>`)}
            </select>`}
        </${Field}>
        <${WorksitePicker}
          label=${t('enrol.employer.region')}
          value=${v.regionCode}
          onChange=${(regionCode) => setV((cur) => ({ ...cur, regionCode }))}
          error=${err('company/regionCode')}
        />
        <${Field} label=${t('company.address')} error=${err('company/address')}>
          ${(p) => html`<input ...${p} name="address" value=${v.address} onInput=${set('address')} />`}
        </${Field}>
      </fieldset>
      <fieldset class="group">
        <legend>${t('enrol.employer.contact')}</legend>
        <${Field} label=${t('company.contactName')} error=${err('contact/name')}>
          ${(p) => html`<input ...${p} name="contactName" required value=${v.contactName} onInput=${set('contactName')} />`}
        </${Field}>
        <${Field} label=${t('company.contactPhone')} error=${err('contact/phone')}>
          ${(p) => html`<input ...${p} name="contactPhone" type="tel" inputmode="tel" required value=${v.contactPhone} onInput=${set('contactPhone')} />`}
        </${Field}>
      </fieldset>
      <${AccountFields} v=${v} set=${set} error=${save.error} withDisplayName=${true} />
      <${ErrorBox} error=${save.error} />
      <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('enrol.employer.submit')}</button>
      <p class="hint">${t('enrol.employer.after')}</p>
    </form>
  </main>`;
}

function AccountFields({ v, set, error, withDisplayName }) {
  return html`<fieldset class="group">
    <legend>${t('enrol.account')}</legend>
    <${Field} label=${t('signin.username')} hint=${t('enrol.usernameHint')} error=${fieldError(error, 'username')}>
      ${(p) => html`<input ...${p} name="username" autocomplete="username" required pattern="[a-zA-Z0-9_.\\-]{3,64}" value=${v.username} onInput=${set('username')} />`}
    </${Field}>
    <${Field} label=${t('signin.password')} hint=${t('enrol.passwordHint')} error=${fieldError(error, 'password')}>
      ${(p) => html`<input ...${p} name="password" type="password" autocomplete="new-password" required minlength="10" value=${v.password} onInput=${set('password')} />`}
    </${Field}>
    ${
      withDisplayName
        ? html`<${Field} label=${t('enrol.displayName')} hint=${t('enrol.displayNameHint')} error=${fieldError(error, 'displayName')}>
            ${(p) => html`<input ...${p} name="displayName" value=${v.displayName} onInput=${set('displayName')} />`}
          </${Field}>`
        : null
    }
  </fieldset>`;
}

export function RedeemCode() {
  const [v, setV] = useState({ code: '', username: '', password: '' });
  const set = (k) => (ev) => setV({ ...v, [k]: ev.currentTarget.value });
  const save = useSubmit(async () => {
    const username = v.username.trim().toLowerCase();
    await request(
      'POST',
      '/auth/activation-codes/redeem',
      { code: v.code.trim(), username, password: v.password },
      { anonymous: true },
    );
    await signIn(username, v.password);
    location.hash = '#/';
  });
  return html`<main id="main" class="signin" tabindex="-1">
    <${BackToSignIn} />
    <h1>${t('enrol.redeem.title')}</h1>
    <p class="lead">${t('enrol.redeem.lead')}</p>
    <form
      class="form"
      onSubmit=${(e) => {
        e.preventDefault();
        save.submit();
      }}
    >
      <${Field} label=${t('enrol.redeem.code')} hint=${t('enrol.redeem.codeHint')} error=${fieldError(save.error, 'code')}>
        ${(p) => html`<input ...${p} name="code" class="mono" required autocomplete="one-time-code" autocapitalize="characters" value=${v.code} onInput=${set('code')} />`}
      </${Field}>
      <${AccountFields} v=${v} set=${set} error=${save.error} withDisplayName=${false} />
      <${ErrorBox} error=${save.error} />
      <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('enrol.redeem.submit')}</button>
    </form>
  </main>`;
}
