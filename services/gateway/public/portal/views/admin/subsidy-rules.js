// The subsidy rules in force (set by the deployment's SUBSIDY_RULES): what is paid, when, and to whom.
import { api } from '../../lib/api.js';
import { Async, html, money, t, useAsync } from '../../lib/ui.js';

export function SubsidyRules() {
  const state = useAsync(() => api.get('/subsidies/rules'), []);
  return html`<h1>${t('rules.title')}</h1>
    <p class="hint">${t('rules.lead')}</p>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('rules.none')}>
      ${(d) =>
        html`<ul class="cards" aria-label=${t('rules.title')}>
          ${d.items.map(
            (r) =>
              html`<li class="card">
                <h2>${r.name}</h2>
                <p class="meta">
                  <strong>${money(r.amount)}</strong>
                  <span>${r.on === 'hire' ? t('rules.onHire') : t('rules.onFollowUp', { day: r.followUpDay })}</span>
                  <span>${r.tiers?.length ? r.tiers.map((x) => t('tier.' + x)).join('、') : t('rules.anyTier')}</span>
                  <span
                    >${r.targets?.length ? r.targets.map((x) => t('rules.target.' + x)).join('、') : t('rules.anyone')}</span
                  >
                </p>
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}
