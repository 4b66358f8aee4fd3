// The county administrator: the programme dashboard, employer verification, subsidy approval,
// and everything the officers do, county-wide.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import {
  Async,
  BarList,
  categoryName,
  ColumnChart,
  day,
  ErrorBox,
  Field,
  html,
  money,
  Notice,
  percent,
  placeName,
  Stat,
  StatusBadge,
  t,
  TierBadge,
  useAsync,
  useSubmit,
} from '../lib/ui.js';
import { MessageLog } from './message-log.js';
import { officerRoute } from './officer.js';
import { WorklistSummary } from './worklist.js';

export function nav() {
  return [
    ['#/dashboard', t('nav.dashboard')],
    ['#/worklist', t('nav.worklist')],
    ['#/employers', t('nav.employers')],
    ['#/subsidies', t('nav.subsidies')],
    ['#/coverage', t('nav.coverage')],
    ['#/relocation', t('nav.relocation')],
    ['#/qiyou', t('nav.qiyou')],
    ['#/union', t('nav.union')],
    ['#/households', t('nav.households')],
    ['#/workers', t('nav.workers')],
    ['#/match', t('nav.match')],
    ['#/message-log', t('nav.messageLog')],
    ['#/registration-requests', t('nav.registrationRequests')],
  ];
}

export function route(path, session) {
  if (path === '/dashboard') return { view: html`<${Dashboard} />` };
  if (path === '/employers') return { view: html`<${Employers} />` };
  if (path === '/subsidies') return { view: html`<${Subsidies} />` };
  if (path === '/message-log') return { view: html`<${MessageLog} />` };
  return officerRoute(path, session) ?? { redirect: '#/dashboard' };
}

const TIERS = ['in_county', 'in_province', 'out_of_province'];

function Dashboard() {
  const state = useAsync(() => api.get('/dashboard'), []);
  // Township figures come from the coverage report; the dashboard still shows without it.
  const coverage = useAsync(() => api.get('/coverage', { limit: 1 }), []);
  return html`<h1>${t('dash.title')}</h1>
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

function Employers() {
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
          ${d.items.map((e) => html`<${EmployerCard} e=${e} onChange=${(next) => state.setData({ ...d, items: d.items.map((x) => (x.id === next.id ? next : x)) })} />`)}
        </ul>`}
    </${Async}>`;
}

function EmployerCard({ e, onChange }) {
  const verify = useSubmit(async () => onChange(await api.post(`/employers/${e.id}/verify`, {})));
  return html`<li class="card">
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
        : html`<${Notice}>${verify.done ? t('employers.verified') : null}</${Notice}>`
    }
    <${ErrorBox} error=${verify.error} />
  </li>`;
}

function Subsidies() {
  const [status, setStatus] = useState('eligible');
  const state = useAsync(() => api.get('/subsidies', { status, limit: 100 }), [status]);
  return html`<h1>${t('subsidies.title')}</h1>
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
