// The administrator's dashboard: the programme's figures, county-wide.
import {
  Async,
  BarList,
  ColumnChart,
  day,
  ExportButton,
  html,
  money,
  percent,
  placeName,
  PrintButton,
  Stat,
  t,
  useAsync,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { WorklistSummary } from '../../lib/widgets/worklist.js';

const TIERS = ['in_county', 'in_province', 'out_of_province'];

export function Dashboard() {
  const state = useAsync(() => api.get('/dashboard'), []);
  // Township figures come from the coverage report; the dashboard still shows without it.
  const coverage = useAsync(() => api.get('/coverage', { limit: 1 }), []);
  return html`<div class="title-row">
      <h1>${t('dash.title')}</h1>
      <${ExportButton} path="/dashboard/export" fallback="dashboard.xlsx" /><${PrintButton} />
    </div>
    <${WorklistSummary} />
    <${Async} state=${state}>
      ${(d) => html`<p class="hint">${t('dash.asOf', { date: day(d.asOf) })}</p>
        <section aria-labelledby="figures">
          <h2 id="figures">${t('dash.figures')}</h2>
          <div class="stats">
            <${Stat} label=${t('dash.registered')} value=${d.workers.registered} />
            <${Stat} label=${t('dash.poor')} value=${d.workers.registeredPoor} note=${t('dash.share', { p: percent(d.workers.registeredPoorShare) })} />
            <${Stat} label=${t('dash.relocated')} value=${d.workers.relocated} />
            <${Stat} label=${t('dash.union')} value=${d.workers.unionMembers} />
            <${Stat} label=${t('dash.partyGroups')} value=${d.party.groups} note=${t('dash.partyNote', { members: d.party.members, contacts: d.party.contacts })} />
            <${Stat} label=${t('dash.workGroups')} value=${d.union.workGroups} note=${t('dash.unionNote', { members: d.union.members })} />
            <${Stat} label=${t('dash.qiyou')} value=${d.union.qiyouVillagesMet} note=${t('dash.qiyouNote', { n: d.union.qiyouVillagesEvaluated })} />
            <${Stat} label=${t('dash.batches')} value=${d.training.batches} />
            <${Stat} label=${t('dash.trainees')} value=${d.training.trainees} note=${t('dash.completed', { n: d.training.completed })} />
            <${Stat} label=${t('dash.employers')} value=${d.employers.total} note=${t('dash.verified', { n: d.employers.verified })} />
            <${Stat} label=${t('dash.openPositions')} value=${d.openings.positions} note=${t('dash.reservedPositions', { n: d.openings.reservedForPoorPositions })} />
            <${Stat} label=${t('dash.placements')} value=${d.placements.total} note=${t('dash.active', { n: d.placements.active })} />
            <${Stat} label=${t('dash.coverage')} value=${percent(d.coverage.rate)} note=${`${d.coverage.covered} / ${d.coverage.target}`} />
            <${Stat} label=${t('dash.reservedPlaces')} value=${`${d.reservedPlaces.filled} / ${d.reservedPlaces.quota}`} note=${t('dash.reservedNote', { villages: d.reservedPlaces.villages, vacant: d.reservedPlaces.vacant })} />
            <${Stat} label=${t('dash.households')} value=${percent(d.households.rate)} note=${t('dash.householdsNote', { ...d.households, poor: d.households.registeredPoor })} />
            <${Stat} label=${t('dash.subsidiesPaid')} value=${money(d.subsidies.paidAmount)} note=${t('dash.subsidyNote', { eligible: d.subsidies.eligible, approved: d.subsidies.approved })} />
          </div>
        </section>
        <section aria-labelledby="by-tier">
          <h2 id="by-tier">${t('dash.byTier')}</h2>
          <h3>${t('dash.employersByTier')}</h3>
          <${BarList} label=${t('dash.employersByTier')} items=${TIERS.map((tier) => ({ label: t('tier.' + tier), value: d.employers.byTier[tier] ?? 0 }))} />
          <h3>${t('dash.placementsByTier')}</h3>
          <${BarList} label=${t('dash.placementsByTier')} items=${TIERS.map((tier) => ({ label: t('tier.' + tier), value: d.placements.byTier[tier] ?? 0 }))} />
        </section>
        <section aria-labelledby="over-time">
          <h2 id="over-time">${t('dash.overTime')}</h2>
          ${
            d.monthlyPlacements.length
              ? html`<${ColumnChart}
                    label=${t('dash.overTime')}
                    seriesLabels=${[t('dash.placementsShort'), t('dash.poorShort')]}
                    items=${d.monthlyPlacements.map((m) => ({ label: m.month, short: m.month.slice(5), value: m.placements, second: m.poorOrRelocated }))}
                  />
                  <p class="legend-key">
                    <span class="key col"></span> ${t('dash.placementsShort')}
                    <span class="key second"></span> ${t('dash.poorShort')}
                  </p>`
              : html`<p class="state empty">${t('dash.noMonths')}</p>`
          }
        </section>
        <section aria-labelledby="by-township">
          <h2 id="by-township">${t('dash.byTownship')}</h2>
          <${Async} state=${coverage} isEmpty=${(c) => c.townships.length === 0} empty=${t('dash.noTownships')}>
            ${(c) =>
              html`<h3>${t('dash.targetByTownship')}</h3>
                <${BarList}
                  label=${t('dash.targetByTownship')}
                  items=${c.townships.map((tw) => ({ label: tw.name || placeName(tw.code), value: tw.target }))}
                />
                <h3>${t('dash.coverageByTownship')}</h3>
                <${BarList}
                  label=${t('dash.coverageByTownship')}
                  max=${1}
                  items=${c.townships.map((tw) => ({ label: tw.name || placeName(tw.code), value: tw.rate, text: `${percent(tw.rate)} (${tw.covered}/${tw.target})` }))}
                />`}
          </${Async}>
        </section>`}
    </${Async}>`;
}
