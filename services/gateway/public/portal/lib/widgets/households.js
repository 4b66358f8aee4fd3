// Household pieces shared by the household, worker and coverage screens: filters, coverage by place,
// the link from a worker to their household.
import { BarList, Field, html, percent, placeName, t, useReference } from '../ui.js';

export const STATUSES = ['registered_poor', 'monitored', 'none'];

/** Township, household status and relocation filters of the registry and the households (`f[statusKey]`). */
export function HouseholdFilters({ session, f, setF, statusKey }) {
  const ref = useReference();
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  const scope = session.regions || [];
  const towns =
    ref?.townships.filter((tw) => !scope.length || scope.some((s) => tw.code.startsWith(s) || s.startsWith(tw.code))) ??
    [];
  return html`<${Field} label=${t('place.township')}>
      ${(p) =>
        html`<select ...${p} value=${f.township} onChange=${set('township')}>
          <option value="">${t('workers.allTownships')}</option>
          ${towns.map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
        </select>`}
    </${Field}>
    <${Field} label=${t('worker.household')}>
      ${(p) =>
        html`<select ...${p} value=${f[statusKey]} onChange=${set(statusKey)}>
          <option value="">${t('workers.any')}</option>
          ${STATUSES.map((s) => html`<option value=${s}>${t('hh.' + s)}</option>`)}
        </select>`}
    </${Field}>
    <${Field} label=${t('worker.relocated')}>
      ${(p) =>
        html`<select ...${p} value=${f.relocated} onChange=${set('relocated')}>
          <option value="">${t('workers.any')}</option>
          <option value="true">${t('yes')}</option>
          <option value="false">${t('no')}</option>
        </select>`}
    </${Field}>`;
}

/** Coverage figures per township with a bar per village (people or households). */
export function CoverageByPlace({ townships, label }) {
  return townships.map(
    (tw) =>
      html`<h3>${tw.name || placeName(tw.code)} · ${percent(tw.rate)} (${tw.covered}/${tw.target})</h3>
        <${BarList}
          label=${label}
          max=${1}
          items=${tw.villages.map((v) => ({ label: v.name || placeName(v.code), value: v.rate, text: `${percent(v.rate)} (${v.covered}/${v.target})` }))}
        />`,
  );
}

/** The household number of a worker, as a link to the household. */
export function HouseholdLink({ householdNo }) {
  return householdNo
    ? html`<a href=${'#/households/no/' + encodeURIComponent(householdNo)}>${t('households.no')} ${householdNo}</a>`
    : null;
}
