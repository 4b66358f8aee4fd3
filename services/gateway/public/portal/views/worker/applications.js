// The worker's applications, their interviews and history; withdrawing one.
import { Async, ErrorBox, html, StatusBadge, t, useAsync, useSubmit } from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { History, Interview } from '../../lib/widgets/matching.js';

export function Applications() {
  const state = useAsync(() => api.get('/applications', { limit: 50 }), []);
  return html`<h1>${t('apps.title')}</h1>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${html`${t('apps.none')} <a href="#/matches">${t('nav.matches')}</a>`}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map((a) => html`<${ApplicationCard} a=${a} onChange=${state.reload} />`)}
        </ul>`}
    </${Async}>`;
}

function ApplicationCard({ a, onChange }) {
  const withdraw = useSubmit(async () => {
    await api.patch(`/applications/${a.id}`, { status: 'withdrawn' });
    onChange();
  });
  return html`<li class="card">
    <h2>${a.openingTitle || t('apps.opening')}</h2>
    <p class="meta">
      <${StatusBadge}
        status=${a.status}
        kind="app"
      />${a.referredBy ? html`<span class="badge info">${t('apps.referred')}</span>` : null}
    </p>
    <${Interview} interview=${a.interview} />
    <${History} items=${a.history} />
    ${
      (a.allowedMoves ?? []).includes('withdrawn')
        ? html`<div class="actions">
            <button type="button" class="secondary" disabled=${withdraw.busy} onClick=${() => withdraw.submit()}>
              ${t('apps.withdraw')}
            </button>
          </div>`
        : null
    }
    <${ErrorBox} error=${withdraw.error} />
  </li>`;
}
