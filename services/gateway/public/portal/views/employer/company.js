// The employer's company profile.
import { useState } from 'preact/hooks';
import {
  Async,
  categoryName,
  ErrorBox,
  Field,
  fieldError,
  html,
  Notice,
  t,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { EmployerCard, INDUSTRIES } from '../../lib/widgets/employer.js';

export function Company({ session }) {
  const state = useAsync(() => api.get(`/employers/${session.employerId}`), [session.employerId]);
  return html`<h1>${t('company.title')}</h1>
    <${Async} state=${state}>${(e) => html`<${CompanyForm} employer=${e} onSaved=${state.setData} />`}</${Async}>`;
}

function CompanyForm({ employer: e, onSaved }) {
  const [v, setV] = useState({
    name: e.name,
    industry: e.industry,
    address: e.address || '',
    contactName: e.contact?.name || '',
    contactPhone: e.contact?.phone || '',
  });
  const set = (k) => (ev) => setV({ ...v, [k]: ev.currentTarget.value });
  const save = useSubmit(async () => {
    const body = { name: v.name.trim(), industry: v.industry, address: v.address.trim() || undefined };
    if (v.contactName.trim() || v.contactPhone.trim())
      body.contact = { name: v.contactName.trim(), phone: v.contactPhone.trim() };
    onSaved(await api.patch(`/employers/${e.id}`, body));
    return true;
  });
  return html`<${EmployerCard} e=${e} as="section">
      ${e.status === 'pending' ? html`<p class="hint">${t('company.pendingHint')}</p>` : null}
    </${EmployerCard}>
    <form class="form" onSubmit=${(ev) => {
      ev.preventDefault();
      save.submit();
    }}>
      <${Field} label=${t('company.name')} error=${fieldError(save.error, 'name')}>
        ${(p) => html`<input ...${p} required value=${v.name} onInput=${set('name')} />`}
      </${Field}>
      <${Field} label=${t('company.industry')} error=${fieldError(save.error, 'industry')}>
        ${(p) =>
          html`<select ...${p} value=${v.industry} onChange=${set('industry')}>
            ${(INDUSTRIES.includes(v.industry) ? INDUSTRIES : [...INDUSTRIES, v.industry]).map((c) => html`<option value=${c}>${categoryName(c)}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('company.address')} error=${fieldError(save.error, 'address')}>
        ${(p) => html`<input ...${p} value=${v.address} onInput=${set('address')} />`}
      </${Field}>
      <div class="row">
        <${Field} label=${t('company.contactName')} error=${fieldError(save.error, 'contact/name')}>
          ${(p) => html`<input ...${p} value=${v.contactName} onInput=${set('contactName')} />`}
        </${Field}>
        <${Field} label=${t('company.contactPhone')} error=${fieldError(save.error, 'contact/phone')}>
          ${(p) => html`<input ...${p} type="tel" inputmode="tel" value=${v.contactPhone} onInput=${set('contactPhone')} />`}
        </${Field}>
      </div>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('saved') : null}</${Notice}>
      <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('act.save')}</button>
    </form>`;
}
