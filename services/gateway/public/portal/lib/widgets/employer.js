// Employer pieces shared by the administrator's verification, the employer's profile and the
// employer sign-up: the industries an employer may choose, and the employer's card.
import { categoryName, html, placeName, StatusBadge, t, TierBadge } from '../ui.js';

export const INDUSTRIES = [
  'construction',
  'manufacturing',
  'transport',
  'domestic_care',
  'hospitality',
  'retail_services',
  'security',
  'agriculture',
  'mining_energy',
  'digital',
  'crafts',
];

/**
 * An employer as a card: its name, status, tier, place, industry, credit code and contact, then
 * what the screen adds (`children`: the administrator's actions, the employer's own hint). `as` is
 * the element: `li` in a list, `section` on its own.
 */
export function EmployerCard({ e, as = 'li', children }) {
  return html`<${as} class="card">
    <h2>${e.name}</h2>
    <p class="meta">
      <${StatusBadge} status=${e.status} kind="emp" /><${TierBadge} tier=${e.tier} /><span
        >${placeName(e.regionCode, e.regionName)}</span
      ><span>${categoryName(e.industry)}</span>
    </p>
    <p class="meta">
      <span>${t('company.creditCode')}: <span class="mono">${e.creditCode}</span></span
      >${e.contact ? html`<span>${t('company.contactName')}: ${e.contact.name}</span>` : null}
    </p>
    ${children}
  </${as}>`;
}
