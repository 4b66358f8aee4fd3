// The employer's openings, with their status moves.
import { useState } from 'preact/hooks';
import { Async, Field, html, placeName, StatusBadge, t, TierBadge, useAsync } from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { StatusMoves } from '../../lib/widgets/openings.js';

export function Openings({ employerId }) {
  const [status, setStatus] = useState('');
  const state = useAsync(() => api.get('/openings', { employerId, status, limit: 100 }), [employerId, status]);
  return html`<h1>${t('openings.title')}</h1>
    <div class="actions"><a class="button" href="#/openings/new">＋ ${t('openings.new')}</a></div>
    <${Field} label=${t('openings.filter')}>
      ${(p) =>
        html`<select ...${p} value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
          <option value="">${t('openings.all')}</option>
          ${['draft', 'open', 'paused', 'filled', 'closed'].map((s) => html`<option value=${s}>${t('op.' + s)}</option>`)}
        </select>`}
    </${Field}>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('openings.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map((o) => html`<${OpeningCard} o=${o} onChange=${state.reload} />`)}
        </ul>`}
    </${Async}>`;
}

function OpeningCard({ o, onChange }) {
  return html`<li class="card">
    <h2><a href=${'#/openings/' + o.id}>${o.title}</a></h2>
    <p class="meta">
      <${StatusBadge} status=${o.status} kind="op" /> <${TierBadge} tier=${o.tier} />
      <span>${placeName(o.worksiteRegionCode, o.worksiteRegionName)}</span>
    </p>
    <p class="meta">
      <span>¥${o.wageMin}–${o.wageMax}</span
      ><span>${t('opening.filled', { filled: o.filledCount, headcount: o.headcount })}</span>
      ${o.reservedForPoor ? html`<span class="badge flag">★ ${t('opening.reserved')}</span>` : null}
    </p>
    <p class="links">
      <a href=${'#/openings/' + o.id + '/applicants'}>${t('opening.applicants')}</a> ·
      <a href=${'#/openings/' + o.id + '/candidates'}>${t('opening.candidates')}</a> ·
      <a href=${'#/openings/' + o.id + '/edit'}>${t('act.edit')}</a>
    </p>
    <${StatusMoves} o=${o} onChange=${onChange} />
  </li>`;
}
