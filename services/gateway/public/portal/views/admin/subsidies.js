// Subsidy approval.
import { useState } from 'preact/hooks';
import {
  Async,
  day,
  ErrorBox,
  ExportButton,
  Field,
  html,
  money,
  placeName,
  PrintButton,
  StatusBadge,
  t,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';

export function Subsidies() {
  const [status, setStatus] = useState('eligible');
  const state = useAsync(() => api.get('/subsidies', { status, limit: 100 }), [status]);
  return html`<div class="title-row">
      <h1>${t('subsidies.title')}</h1>
      <${ExportButton} path="/subsidies/export" query=${{ status }} fallback=${`subsidies-${status}.xlsx`} /><${PrintButton} />
    </div>
    <${Field} label=${t('subsidies.filter')}>
      ${(p) =>
        html`<select ...${p} value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
          ${['eligible', 'approved', 'paid'].map((s) => html`<option value=${s}>${t('sub.' + s)}</option>`)}
        </select>`}
    </${Field}>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('subsidies.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map((s) => html`<${SubsidyCard} s=${s} onChange=${(next) => state.setData({ ...d, items: d.items.map((x) => (x.id === next.id ? next : x)) })} />`)}
        </ul>`}
    </${Async}>`;
}

function SubsidyCard({ s, onChange }) {
  const move = useSubmit(async (to) => onChange(await api.patch(`/subsidies/${s.id}`, { status: to })));
  const next = s.status === 'eligible' ? 'approved' : s.status === 'approved' ? 'paid' : null;
  return html`<li class="card">
    <h2>${s.workerName || t('applicants.worker')} · ${money(s.amount)}</h2>
    <p class="meta">
      <${StatusBadge} status=${s.status} kind="sub" /><span>${s.ruleName || t('subsidies.rule')}</span
      ><span>${placeName(s.homeVillageCode)}</span>
      <span>${t('subsidies.eligibleAt', { date: day(s.eligibleAt) })}</span>
    </p>
    ${
      next
        ? html`<div class="actions">
            <button
              type="button"
              disabled=${move.busy}
              onClick=${() => move.submit(next)}
              aria-label=${t('subsidies.' + next + 'Label', { name: s.workerName || '' })}
            >
              ${t('subsidies.to.' + next)}
            </button>
          </div>`
        : null
    }
    <${ErrorBox} error=${move.error} />
  </li>`;
}
