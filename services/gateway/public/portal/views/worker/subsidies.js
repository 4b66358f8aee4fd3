// The worker's own subsidies (资金奖补) and where each stands: eligible, approved, paid.
import { Async, day, html, money, StatusBadge, t, useAsync } from '../../lib/ui.js';
import { api } from '../../lib/api.js';

export function MySubsidies() {
  // The API answers a worker with their own subsidies only.
  const state = useAsync(() => api.get('/subsidies', { limit: 100 }), []);
  return html`<h1>${t('mySubsidies.title')}</h1>
    <p class="hint">${t('mySubsidies.hint')}</p>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('mySubsidies.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (s) =>
              html`<li class="card">
                <h2>${s.ruleName || t('subsidies.rule')} · ${money(s.amount)}</h2>
                <p class="meta">
                  <${StatusBadge} status=${s.status} kind="sub" />
                  <span>${t('subsidies.eligibleAt', { date: day(s.eligibleAt) })}</span>
                  ${s.approvedAt ? html`<span>${t('mySubsidies.approvedAt', { date: day(s.approvedAt) })}</span>` : null}
                  ${s.paidAt ? html`<span>${t('mySubsidies.paidAt', { date: day(s.paidAt) })}</span>` : null}
                </p>
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}
