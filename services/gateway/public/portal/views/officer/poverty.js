// The household poverty list: households of the officer's villages whose annual income per person
// is under the poverty line (or all of them), from the incomes ledger, for the year chosen.
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.js';
import { Async, Field, html, money, placeName, t, today, useAsync, useReference } from '../../lib/ui.js';
import { HouseholdLink } from '../../lib/widgets/households.js';

export function PovertyList({ session }) {
  const ref = useReference();
  const scope = session.regions || [];
  const thisYear = Number(today().slice(0, 4));
  const [f, setF] = useState({ year: thisYear, township: scope[0]?.slice(0, 9) ?? '', below: true });
  const state = useAsync(() => api.get('/ledgers/incomes/households', { ...f, limit: 200 }), [JSON.stringify(f)]);
  const towns = ref?.townships.filter((tw) => !scope.length || scope.some((s) => s.startsWith(tw.code))) ?? [];
  return html`<h1>${t('poverty.title')}</h1>
    <p class="hint">${t('poverty.lead')}</p>
    <div class="row">
      <${Field} label=${t('poverty.year')}>
        ${(p) =>
          html`<select
            ...${p}
            value=${String(f.year)}
            onChange=${(e) => setF({ ...f, year: Number(e.currentTarget.value) })}
          >
            ${[thisYear, thisYear - 1, thisYear - 2].map((y) => html`<option value=${String(y)}>${y}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('place.township')}>
        ${(p) =>
          html`<select ...${p} value=${f.township} onChange=${(e) => setF({ ...f, township: e.currentTarget.value })}>
            ${scope.length ? null : html`<option value="">${t('workers.allTownships')}</option>`}
            ${towns.map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('poverty.which')}>
        ${(p) =>
          html`<select
            ...${p}
            value=${f.below ? 'below' : 'all'}
            onChange=${(e) => setF({ ...f, below: e.currentTarget.value === 'below' })}
          >
            <option value="below">${t('poverty.belowOnly')}</option>
            <option value="all">${t('poverty.all')}</option>
          </select>`}
      </${Field}>
    </div>
    <${Async} state=${state}>
      ${(d) =>
        html`<p class="count">${t('poverty.line', { line: money(d.povertyLine), year: d.year, n: d.items.length })}</p>
          ${
            d.items.length === 0
              ? html`<p class="state empty" role="status">${t('poverty.none')}</p>`
              : html`<ul class="cards" aria-label=${t('poverty.title')}>
                  ${d.items.map(
                    (h) =>
                      html`<li class="card">
                        <h2>
                          ${h.householdNo ? html`<${HouseholdLink} householdNo=${h.householdNo} />` : t('households.ofOne')}
                        </h2>
                        <p class="meta">
                          <span>${placeName(h.homeVillageCode)}</span>
                          <span>${t('poverty.size', { n: h.householdSize })}</span>
                          <span>${t('poverty.annual', { amount: money(h.annualIncome) })}</span>
                          <strong>${t('poverty.perPerson', { amount: money(h.perPerson) })}</strong>
                          <span>${t('poverty.months', { n: h.monthsRecorded })}</span>
                          <span class=${'badge ' + (h.below ? 'bad' : 'good')}
                            >${h.below ? t('poverty.below') : t('poverty.above')}</span
                          >
                        </p>
                      </li>`,
                  )}
                </ul>`
          }`}
    </${Async}>`;
}
