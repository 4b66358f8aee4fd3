// Households (户): officers see and complete those of their villages, administrators the county's,
// with 不漏一户 by household (reached within the coverage window) per township and village.
import { useState } from 'preact/hooks';
import {
  Async,
  day,
  Empty,
  ErrorBox,
  Field,
  fieldError,
  html,
  money,
  Notice,
  percent,
  placeName,
  Stat,
  StatusBadge,
  t,
  useAsync,
  useSubmit,
} from '../lib/ui.js';
import { api } from '../lib/api.js';
import { CoverageByPlace, HouseholdFilters } from '../lib/widgets/households.js';

const SOURCES = ['wages', 'business', 'property', 'transfer'];

/** Routes of the household screens, shared by officers and the administrator. */
export function householdRoute(path, session) {
  if (path === '/households') return { view: html`<${Households} session=${session} />` };
  const n = /^\/households\/no\/([^/]+)$/.exec(path);
  if (n) return { view: html`<${HouseholdByNumber} householdNo=${decodeURIComponent(n[1])} />` };
  const m = /^\/households\/([^/]+)$/.exec(path);
  if (m) return { view: html`<${HouseholdDetail} id=${m[1]} />` };
  return undefined;
}

function Households({ session }) {
  const [f, setF] = useState({ township: '', status: '', relocated: '' });
  const state = useAsync(() => api.get('/households', { ...f, limit: 200 }), [JSON.stringify(f)]);
  const coverage = useAsync(() => api.get('/coverage/households', { township: f.township, limit: 50 }), [f.township]);
  const scope = session.regions || [];
  return html`<h1>${t('households.title')}</h1>
    <p class="lead">${t('households.lead')}</p>
    <${Async} state=${coverage}>${(c) => html`<${HouseholdCoverage} c=${c} county=${!scope.length && !f.township} />`}</${Async}>
    <form class="filters" role="search" onSubmit=${(e) => e.preventDefault()}>
      <div class="row">
        <${HouseholdFilters} session=${session} f=${f} setF=${setF} statusKey="status" />
      </div>
    </form>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('households.none')}>
      ${(d) =>
        html`<p class="count">${t('households.count', { n: d.items.length })}</p>
          <ul class="cards households">
            ${d.items.map(
              (h) =>
                html`<li class="card">
                  <h3><a href=${'#/households/' + h.id}>${t('households.no')} ${h.householdNo}</a></h3>
                  <p class="meta">
                    <span>${placeName(h.homeVillageCode, h.homeVillageName)}</span>
                    <span class="badge">${t('hh.' + h.status)}</span>
                    ${h.relocated ? html`<span class="badge">${t('worker.relocated')}</span>` : null}
                    <span>${t('households.size')}: ${h.size}</span>
                  </p>
                  <p class="sub">${h.members.map((m) => m.name).join('、') || t('households.noMembers')}</p>
                </li>`,
            )}
          </ul>`}
    </${Async}>`;
}

/** 不漏一户: households reached out of those to reach, by township (and village), and who is not. */
function HouseholdCoverage({ c, county }) {
  return html`<section aria-labelledby="household-coverage">
    <h2 id="household-coverage">${t('households.coverage')}</h2>
    <div class="stats">
      <${Stat} label=${t('households.rate')} value=${percent(c.totals.rate)} />
      <${Stat} label=${t('households.reached')} value=${`${c.totals.covered} / ${c.totals.target}`} />
      <${Stat} label=${t('households.notReached')} value=${c.totals.notCovered} />
    </div>
    <p class="hint">${t('coverage.asOf', { date: day(c.asOf), days: c.coverageDays })}</p>
    <details open=${county}>
      <summary>${t('households.byPlace')}</summary>
      <${CoverageByPlace} townships=${c.townships} label=${t('households.byPlace')} />
    </details>
    <h3>${t('households.notReachedList')} (${c.notReached.length})</h3>
    ${c.notReached.length === 0 ? html`<${Empty}>${t('households.allReached')}</${Empty}>` : null}
    <ul class="reasons">
      ${c.notReached.map(
        (h) =>
          html`<li>
            ${placeName(h.homeVillageCode, h.homeVillageName)} ·
            ${h.householdNo ? `${t('households.no')} ${h.householdNo}` : t('households.ofOne')} ·
            ${h.members.map((m) => m.name).join('、')} · ${h.reasons.map((r) => t('reason.' + r)).join('；')}
          </li>`,
      )}
    </ul>
  </section>`;
}

/** A worker's household, from the household number on the worker's record. */
function HouseholdByNumber({ householdNo }) {
  const state = useAsync(() => api.get('/households', { householdNo, limit: 1 }), [householdNo]);
  return html`<${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('households.none')}>
    ${(d) => html`<${HouseholdDetail} id=${d.items[0].id} />`}
  </${Async}>`;
}

function HouseholdDetail({ id }) {
  const [year] = useState(new Date().getFullYear());
  const state = useAsync(() => api.get(`/households/${id}`, { year }), [id]);
  return html`<p><a href="#/households">← ${t('households.title')}</a></p>
    <${Async} state=${state}>
      ${(h) =>
        html`<h1>${t('households.no')} ${h.householdNo}</h1>
          <p class="meta">
            <span>${placeName(h.homeVillageCode, h.homeVillageName)}</span>
            <span class="badge">${t('hh.' + h.status)}</span>
            ${h.leftPovertyYear ? html`<span>${t('households.leftPovertyYear')}: ${h.leftPovertyYear}</span>` : null}
            ${h.relocated ? html`<span class="badge">${t('worker.relocated')}</span>` : null}
            ${h.relocation?.resettlementSite ? html`<span>${t('households.site')}: ${h.relocation.resettlementSite}</span>` : null}
            ${h.relocation?.originVillageCode ? html`<span>${t('households.origin')}: ${placeName(h.relocation.originVillageCode)}</span>` : null}
          </p>
          <h2>${t('households.members')}</h2>
          <ul class="cards">
            ${h.members.map(
              (m) =>
                html`<li class="card">
                  <h3><a href=${'#/workers/' + m.id}>${m.name}</a></h3>
                  <p class="meta">
                    <${StatusBadge} status=${m.employmentStatus} kind="emp_status" /><span
                      >${t('worker.lastContact')}: ${day(m.lastContactAt)}</span
                    >
                  </p>
                </li>`,
            )}
          </ul>
          <p>${t('households.otherMembers')}: ${h.otherMembers} · ${t('households.size')}: ${h.size}</p>
          <${HouseholdIncome} h=${h} />
          <${HouseholdEditor} h=${h} onSaved=${state.setData} />
          <${IncomeLine} h=${h} onSaved=${state.reload} />`}
    </${Async}>`;
}

function HouseholdIncome({ h }) {
  const i = h.income;
  return html`<section aria-labelledby="household-income">
    <h2 id="household-income">${t('households.income', { year: i.year })}</h2>
    <div class="stats">
      <${Stat} label=${t('households.memberIncome')} value=${money(i.members)} />
      <${Stat} label=${t('households.otherIncome')} value=${money(i.other)} />
      <${Stat}
        label=${t('households.perPerson')}
        value=${money(i.perPerson)}
        note=${`${t('households.povertyLine')} ${money(i.povertyLine)}`}
      />
    </div>
    <p class=${i.below ? 'warn' : 'hint'}>${i.below ? '⚠ ' + t('households.below') : '✓ ' + t('households.above')}</p>
    ${
      i.lines.length
        ? html`<ul>
            ${i.lines.map((l) => html`<li>${t('src.' + l.source)} ${money(l.amount)}${l.note ? ` · ${l.note}` : ''}</li>`)}
          </ul>`
        : null
    }
  </section>`;
}

function HouseholdEditor({ h, onSaved }) {
  const [v, setV] = useState({
    otherMembers: String(h.otherMembers),
    leftPovertyYear: h.leftPovertyYear ? String(h.leftPovertyYear) : '',
  });
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.patch(`/households/${h.id}`, {
      otherMembers: Number(v.otherMembers),
      ...(h.status === 'registered_poor'
        ? { leftPovertyYear: v.leftPovertyYear === '' ? null : Number(v.leftPovertyYear) }
        : {}),
    });
    onSaved(r);
    return r;
  });
  return html`<form class="form" onSubmit=${(e) => {
    e.preventDefault();
    save.submit();
  }}>
    <h2>${t('households.edit')}</h2>
    <div class="row">
      <${Field} label=${t('households.otherMembers')} error=${fieldError(save.error, 'otherMembers')}>
        ${(p) => html`<input ...${p} type="number" min="0" max="30" inputmode="numeric" value=${v.otherMembers} onInput=${set('otherMembers')} />`}
      </${Field}>
      ${
        h.status === 'registered_poor'
          ? html`<${Field} label=${t('households.leftPovertyYear')} error=${fieldError(save.error, 'leftPovertyYear')}>
            ${(p) => html`<input ...${p} type="number" min="2013" inputmode="numeric" value=${v.leftPovertyYear} onInput=${set('leftPovertyYear')} />`}
          </${Field}>`
          : null
      }
    </div>
    <${ErrorBox} error=${save.error} />
    <${Notice}>${save.done ? t('saved') : null}</${Notice}>
    <button type="submit" disabled=${save.busy}>${t('act.save')}</button>
  </form>`;
}

function IncomeLine({ h, onSaved }) {
  const [v, setV] = useState({ source: 'transfer', amount: '', note: '' });
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post(`/households/${h.id}/incomes`, {
      year: h.income.year,
      source: v.source,
      amount: v.amount === '' ? undefined : Number(v.amount),
      note: v.note.trim() || undefined,
    });
    onSaved();
    return r;
  });
  return html`<form class="form" onSubmit=${(e) => {
    e.preventDefault();
    save.submit();
  }}>
    <h2>${t('households.addIncome')}</h2>
    <div class="row">
      <${Field} label=${t('income.source')} error=${fieldError(save.error, 'source')}>
        ${(p) =>
          html`<select ...${p} value=${v.source} onChange=${set('source')}>
            ${SOURCES.map((s) => html`<option value=${s}>${t('src.' + s)}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('income.amount')} error=${fieldError(save.error, 'amount')}>
        ${(p) => html`<input ...${p} type="number" min="0" inputmode="decimal" value=${v.amount} onInput=${set('amount')} />`}
      </${Field}>
      <${Field} label=${t('households.incomeNote')} error=${fieldError(save.error, 'note')}>
        ${(p) => html`<input ...${p} value=${v.note} onInput=${set('note')} />`}
      </${Field}>
    </div>
    <${ErrorBox} error=${save.error} />
    <${Notice}>${save.done ? t('saved') : null}</${Notice}>
    <button type="submit" disabled=${save.busy}>${t('households.record')}</button>
  </form>`;
}
