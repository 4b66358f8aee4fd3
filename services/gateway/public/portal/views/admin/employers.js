// Employer verification (企业审核), and suspending a verified employer with the reason.
import { useState } from 'preact/hooks';
import { Async, ErrorBox, Field, fieldError, html, Notice, t, useAsync, useSubmit } from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { EmployerCard } from '../../lib/widgets/employer.js';

export function Employers() {
  const [status, setStatus] = useState('pending');
  const state = useAsync(() => api.get('/employers', { status, limit: 100 }), [status]);
  return html`<h1>${t('employers.title')}</h1>
    <${Field} label=${t('employers.filter')}>
      ${(p) =>
        html`<select ...${p} value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
          ${['pending', 'verified', 'suspended'].map((s) => html`<option value=${s}>${t('emp.' + s)}</option>`)}
          <option value="">${t('openings.all')}</option>
        </select>`}
    </${Field}>
    ${status === 'pending' ? html`<p class="hint">${t('employers.queueHint')}</p>` : null}
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('employers.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map((e) => html`<${Verification} e=${e} onChange=${(next) => state.setData({ ...d, items: d.items.map((x) => (x.id === next.id ? next : x)) })} />`)}
        </ul>`}
    </${Async}>`;
}

/** Suspending stops the employer's openings; the reason is kept on the employer and shown. */
function Suspend({ e, onChange }) {
  const [reason, setReason] = useState('');
  const suspend = useSubmit(async () =>
    onChange(await api.post(`/employers/${e.id}/suspend`, { reason: reason.trim() })),
  );
  return html`<details>
    <summary>${t('employers.suspend')}</summary>
    <form
      class="form"
      aria-label=${t('employers.suspendLabel', { name: e.name })}
      onSubmit=${(ev) => {
        ev.preventDefault();
        suspend.submit();
      }}
    >
      <${Field} label=${t('employers.suspendReason')} error=${fieldError(suspend.error, 'reason')}>
        ${(p) => html`<input ...${p} value=${reason} required maxlength="500" onInput=${(ev) => setReason(ev.currentTarget.value)} />`}
      </${Field}>
      <${ErrorBox} error=${suspend.error} />
      <button type="submit" class="secondary" disabled=${suspend.busy || !reason.trim()}>${t('employers.suspend')}</button>
    </form>
  </details>`;
}

/** An employer's card with the administrator's part: how long it waited, verify, suspend. */
function Verification({ e, onChange }) {
  const verify = useSubmit(async () => onChange(await api.post(`/employers/${e.id}/verify`, {})));
  return html`<${EmployerCard} e=${e}>
    ${
      e.status === 'pending'
        ? html`<p class="meta">
            <span
              >${t('employers.waiting', { n: Math.floor((Date.now() - Date.parse(e.createdAt)) / 86_400_000) })}</span
            >${e.ownerAccountId ? html`<span class="badge">${t('employers.selfSignUp')}</span>` : null}
          </p>`
        : null
    }
    ${
      e.status !== 'verified'
        ? html`<div class="actions">
            <button
              type="button"
              disabled=${verify.busy}
              onClick=${() => verify.submit()}
              aria-label=${t('employers.verifyLabel', { name: e.name })}
            >
              ✓ ${t('employers.verify')}
            </button>
          </div>`
        : html`<${Notice}>${verify.done ? t('employers.verified') : null}</${Notice}>
            <${Suspend} e=${e} onChange=${onChange} />`
    }
    ${e.status === 'suspended' && e.suspensionReason ? html`<p>${t('employers.suspendedFor', { reason: e.suspensionReason })}</p>` : null}
    <${ErrorBox} error=${verify.error} />
  </${EmployerCard}>`;
}
