/* global location, URL, setTimeout, clearTimeout */
// The placement officer: workers of their villages (search, register, edit), services, incomes and
// party-group links, matching and referral (relocated and registered-poor first), the coverage
// list with a quick contact, and ledger import and export.
import { useEffect, useState } from 'preact/hooks';
import { api, download, upload } from '../lib/api.js';
import {
  Async,
  day,
  Empty,
  ErrorBox,
  Field,
  fieldError,
  html,
  LevelSelect,
  money,
  Notice,
  percent,
  placeName,
  PriorityBadges,
  skillName,
  SkillPicker,
  StatusBadge,
  SubNav,
  t,
  today,
  useAsync,
  useSubmit,
  VillagePicker,
} from '../lib/ui.js';
import { Candidates, ReferButton } from './employer.js';
import { Explanation, OpeningSummary } from './common.js';
import { relocationRoute } from './relocation.js';
import { unionRoute } from './union.js';
import { CoverageByPlace, HouseholdFilters, HouseholdLink, householdRoute } from './households.js';
import { ActivationCodeButton } from './enrolment.js';
import { WorklistSummary, worklistRoute } from './worklist.js';
import { registrationRoute } from './registration-requests.js';
import { PendingChanges } from './my-profile.js';

export function nav() {
  return [
    ['#/workers', t('nav.workers')],
    ['#/worklist', t('nav.worklist')],
    ['#/match', t('nav.match')],
    ['#/coverage', t('nav.coverage')],
    ['#/households', t('nav.households')],
    ['#/ledgers', t('nav.ledgers')],
    ['#/activities', t('nav.activities')],
    ['#/relocation', t('nav.relocation')],
    ['#/union', t('nav.union')],
    ['#/qiyou', t('nav.qiyou')],
    ['#/registration-requests', t('nav.registrationRequests')],
  ];
}

export function route(path, session) {
  return officerRoute(path, session) ?? { redirect: '#/workers' };
}

/** Routes the administrator shares with officers. */
export function officerRoute(path, session) {
  if (path === '/workers') return { view: html`<${Workers} session=${session} />` };
  if (path === '/workers/new') return { view: html`<${WorkerEditor} session=${session} />` };
  const w = /^\/workers\/([^/]+)(?:\/(services|incomes|party|matches|edit))?$/.exec(path);
  if (w) return { view: html`<${WorkerDetail} id=${w[1]} tab=${w[2] || 'matches'} session=${session} />` };
  if (path === '/match') return { view: html`<${Match} session=${session} />` };
  const m = /^\/match\/([^/]+)$/.exec(path);
  if (m) return { view: html`<${Match} session=${session} openingId=${m[1]} />` };
  if (path === '/coverage') return { view: html`<${Coverage} />` };
  if (path === '/ledgers') return { view: html`<${Ledgers} session=${session} />` };
  if (path === '/activities') return { view: html`<${Activities} session=${session} />` };
  return (
    relocationRoute(path, session) ??
    unionRoute(path, session) ??
    householdRoute(path, session) ??
    registrationRoute(path, session) ??
    worklistRoute(path)
  );
}

/** Relocated and registered-poor workers first: the programme's promise. */
function priorityOf(w) {
  return (
    (w.relocated ? 2 : 0) + (w.householdStatus === 'registered_poor' ? 2 : w.householdStatus === 'monitored' ? 1 : 0)
  );
}

// ---------- workers ----------

function Workers({ session }) {
  const [f, setF] = useState({ township: '', householdStatus: '', relocated: '', employmentStatus: '', skill: '' });
  const [name, setName] = useState('');
  const [q, setQ] = useState('');
  // The service finds a part of a name or a whole ID number among all the officer's workers, not
  // only the 200 shown; it is asked once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setQ(name.trim()), 300);
    return () => clearTimeout(timer);
  }, [name]);
  const state = useAsync(() => api.get('/workers', { ...f, q, limit: 200 }), [JSON.stringify(f), q]);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  return html`<h1>${t('workers.title')}</h1>
    <${WorklistSummary} />
    <div class="actions"><a class="button" href="#/workers/new">＋ ${t('workers.register')}</a></div>
    <form class="filters" role="search" onSubmit=${(e) => e.preventDefault()}>
      <${Field} label=${t('workers.name')}>
        ${(p) => html`<input ...${p} type="search" value=${name} onInput=${(e) => setName(e.currentTarget.value)} placeholder=${t('workers.nameHint')} />`}
      </${Field}>
      <div class="row">
        <${HouseholdFilters} session=${session} f=${f} setF=${setF} statusKey="householdStatus" />
        <${Field} label=${t('worker.employment')}>
          ${(p) =>
            html`<select ...${p} value=${f.employmentStatus} onChange=${set('employmentStatus')}>
              <option value="">${t('workers.any')}</option>
              ${['seeking', 'employed', 'in_training', 'not_seeking'].map((s) => html`<option value=${s}>${t('emp_status.' + s)}</option>`)}
            </select>`}
        </${Field}>
      </div>
      <${SkillPicker} label=${t('workers.skill')} value=${f.skill} onChange=${(skill) => setF({ ...f, skill })} />
    </form>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('workers.none')}>
      ${(d) => {
        const items = [...d.items].sort((a, b) => priorityOf(b) - priorityOf(a));
        return html`<p class="count" role="status">${t('workers.count', { n: items.length })}</p>
          ${items.length === 0 ? html`<${Empty}>${t('workers.none')}</${Empty}>` : null}
          <ul class="cards">
            ${items.map(
              (w) =>
                html`<li class="card">
                  <h2><a href=${'#/workers/' + w.id}>${w.name}</a></h2>
                  <${WorkerFacts} w=${w}><span>${t('worker.lastContact')}: ${day(w.lastContactAt)}</span></${WorkerFacts}>
                </li>`,
            )}
          </ul>
          ${d.nextCursor ? html`<p class="hint">${t('workers.more')}</p>` : null}`;
      }}
    </${Async}>`;
}

const EDUCATION = [
  'none',
  'primary',
  'junior_secondary',
  'senior_secondary',
  'vocational',
  'college',
  'bachelor',
  'postgraduate',
];
const TIERS = ['in_county', 'in_province', 'out_of_province'];

function WorkerEditor({ session, worker, onSaved }) {
  const w = worker;
  const [v, setV] = useState({
    name: w?.name || '',
    gender: w?.gender || '',
    birthDate: w?.birthDate || '',
    idNumber: '',
    phone: w && !/\*/.test(w.phone) ? w.phone : '',
    homeVillageCode: w?.homeVillageCode || '',
    householdNo: w?.householdNo || '',
    householdStatus: w?.householdStatus || 'none',
    relocated: w?.relocated || false,
    resettlementSite: w?.relocation?.resettlementSite || '',
    education: w?.education || '',
    skills: w?.skills?.map((s) => ({ ...s })) || [],
    tiers: w?.tierPreferences || ['in_county'],
    expectedMinWage: w?.expectedMinWage ?? '',
    availableFrom: w?.availableFrom || '',
    employmentStatus: w?.employmentStatus || 'seeking',
    unionMember: w?.unionMember?.member || false,
    consent: !!w,
  });
  const set = (k) => (e) =>
    setV({ ...v, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const save = useSubmit(async () => {
    const body = {
      name: v.name.trim(),
      gender: v.gender || undefined,
      birthDate: v.birthDate || undefined,
      phone: v.phone.trim() || undefined,
      homeVillageCode: v.homeVillageCode || undefined,
      householdNo: v.householdNo.trim() || undefined,
      householdStatus: v.householdStatus,
      relocated: v.relocated,
      relocation:
        v.relocated && v.resettlementSite.trim() ? { resettlementSite: v.resettlementSite.trim() } : undefined,
      education: v.education || undefined,
      skills: v.skills
        .filter((s) => s.code)
        .map((s) => ({
          code: s.code,
          level: Number(s.level),
          ...(s.years ? { years: Number(s.years) } : {}),
          ...(s.certificateNo ? { certificateNo: s.certificateNo.trim() } : {}),
        })),
      tierPreferences: v.tiers,
      expectedMinWage: v.expectedMinWage === '' ? undefined : Number(v.expectedMinWage),
      availableFrom: v.availableFrom || undefined,
      employmentStatus: v.employmentStatus,
      unionMember: { member: v.unionMember },
    };
    if (w) {
      const saved = await api.patch(`/workers/${w.id}`, body);
      onSaved?.(saved);
      return saved;
    }
    const created = await api.post('/workers', {
      ...body,
      idNumber: v.idNumber.trim().toUpperCase() || undefined,
      currentRegionCode: v.homeVillageCode || undefined,
      consent: v.consent ? { version: '2026-1', at: new Date().toISOString() } : undefined,
    });
    location.hash = '#/workers/' + created.id;
    return created;
  });
  const err = (n) => fieldError(save.error, n);
  const setSkill = (i, patch) => setV({ ...v, skills: v.skills.map((s, k) => (k === i ? { ...s, ...patch } : s)) });
  const toggleTier = (tier) =>
    setV({ ...v, tiers: v.tiers.includes(tier) ? v.tiers.filter((x) => x !== tier) : [...v.tiers, tier] });
  const moveTier = (i) => {
    const next = [...v.tiers];
    [next[i - 1], next[i]] = [next[i], next[i - 1]];
    setV({ ...v, tiers: next });
  };
  return html`${
    w
      ? html`<h2>${t('worker.edit')}</h2>`
      : html`<p><a href="#/workers">← ${t('workers.title')}</a></p>
          <h1>${t('workers.register')}</h1>`
  }
    <form class="form" novalidate onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}>
      <div class="row">
        <${Field} label=${t('worker.name')} error=${err('name')}>
          ${(p) => html`<input ...${p} name="name" required value=${v.name} onInput=${set('name')} />`}
        </${Field}>
        <${Field} label=${t('worker.gender')} error=${err('gender')}>
          ${(p) =>
            html`<select ...${p} name="gender" value=${v.gender} onChange=${set('gender')}>
              <option value="">${t('place.choose')}</option>
              <option value="male">${t('gender.male')}</option>
              <option value="female">${t('gender.female')}</option>
            </select>`}
        </${Field}>
      </div>
      ${
        w
          ? html`<p>${t('worker.idNumber')}: <span class="mono">${w.idNumber}</span></p>`
          : html`<${Field} label=${t('worker.idNumber')} hint=${t('worker.idHint')} error=${err('idNumber')}>
            ${(p) => html`<input ...${p} name="idNumber" autocomplete="off" maxlength="18" value=${v.idNumber} onInput=${set('idNumber')} />`}
          </${Field}>`
      }
      <div class="row">
        <${Field} label=${t('worker.birthDate')} error=${err('birthDate')}>
          ${(p) => html`<input ...${p} name="birthDate" type="date" value=${v.birthDate} onInput=${set('birthDate')} />`}
        </${Field}>
        <${Field} label=${t('worker.phone')} error=${err('phone')}>
          ${(p) => html`<input ...${p} name="phone" type="tel" inputmode="tel" maxlength="11" value=${v.phone} onInput=${set('phone')} placeholder=${w ? w.phone : ''} />`}
        </${Field}>
      </div>
      <${VillagePicker} label=${t('worker.village')} value=${v.homeVillageCode} scope=${session.regions} error=${err('homeVillageCode')} onChange=${(c) => setV({ ...v, homeVillageCode: c })} />
      <div class="row">
        <${Field} label=${t('worker.household')} error=${err('householdStatus')}>
          ${(p) =>
            html`<select ...${p} value=${v.householdStatus} onChange=${set('householdStatus')}>
              ${['registered_poor', 'monitored', 'none'].map((s) => html`<option value=${s}>${t('hh.' + s)}</option>`)}
            </select>`}
        </${Field}>
        <${Field} label=${t('worker.householdNo')} error=${err('householdNo')}>
          ${(p) => html`<input ...${p} value=${v.householdNo} onInput=${set('householdNo')} />`}
        </${Field}>
      </div>
      <label class="check"><input type="checkbox" checked=${v.relocated} onChange=${set('relocated')} /> ${t('worker.relocatedLong')}</label>
      ${
        v.relocated
          ? html`<${Field} label=${t('worker.resettlement')} error=${err('relocation/resettlementSite')}>
            ${(p) => html`<input ...${p} value=${v.resettlementSite} onInput=${set('resettlementSite')} />`}
          </${Field}>`
          : null
      }
      <${Field} label=${t('worker.education')} error=${err('education')}>
        ${(p) =>
          html`<select ...${p} value=${v.education} onChange=${set('education')}>
            <option value="">${t('place.choose')}</option>
            ${EDUCATION.map((e) => html`<option value=${e}>${t('edu.' + e)}</option>`)}
          </select>`}
      </${Field}>
      <fieldset class="group">
        <legend>${t('worker.skills')}</legend>
        ${v.skills.map(
          (s, i) => html`<div class="subcard">
            <${SkillPicker} label=${t('opening.skillN', { n: i + 1 })} value=${s.code} error=${err(`skills/${i}/code`)} onChange=${(code) => setSkill(i, { code })} />
            <div class="row">
              <${LevelSelect} label=${t('worker.level')} value=${s.level} error=${err(`skills/${i}/level`)}
                onChange=${(level) => setSkill(i, { level })} />
              <${Field} label=${t('worker.years')} error=${err(`skills/${i}/years`)}>
                ${(p) => html`<input ...${p} type="number" min="0" inputmode="numeric" value=${s.years ?? ''} onInput=${(e) => setSkill(i, { years: e.currentTarget.value })} />`}
              </${Field}>
              <${Field} label=${t('worker.certificateNo')} error=${err(`skills/${i}/certificateNo`)}>
                ${(p) => html`<input ...${p} value=${s.certificateNo ?? ''} onInput=${(e) => setSkill(i, { certificateNo: e.currentTarget.value })} />`}
              </${Field}>
            </div>
            <button type="button" class="link" onClick=${() => setV({ ...v, skills: v.skills.filter((_, k) => k !== i) })}>✕ ${t('act.remove')}</button>
          </div>`,
        )}
        <button type="button" class="secondary" onClick=${() => setV({ ...v, skills: [...v.skills, { code: '', level: 1 }] })}>＋ ${t('opening.addSkill')}</button>
      </fieldset>
      <fieldset class="group">
        <legend>${t('worker.tiers')}</legend>
        <p class="hint">${t('worker.tiersHint')}</p>
        <ol class="plain">
          ${v.tiers.map((tier, i) => html`<li>${i + 1}. ${t('tier.' + tier)} ${i > 0 ? html`<button type="button" class="link" onClick=${() => moveTier(i)} aria-label=${t('worker.tierUp', { tier: t('tier.' + tier) })}>↑ ${t('worker.up')}</button>` : null}</li>`)}
        </ol>
        ${TIERS.map((tier) => html`<label class="check"><input type="checkbox" checked=${v.tiers.includes(tier)} onChange=${() => toggleTier(tier)} /> ${t('tier.' + tier)}</label>`)}
        ${err('tierPreferences') ? html`<small class="field-error">⚠ ${err('tierPreferences')}</small>` : null}
      </fieldset>
      <div class="row">
        <${Field} label=${t('worker.expectedWage')} error=${err('expectedMinWage')}>
          ${(p) => html`<input ...${p} type="number" min="0" step="100" inputmode="numeric" value=${v.expectedMinWage} onInput=${set('expectedMinWage')} />`}
        </${Field}>
        <${Field} label=${t('worker.availableFrom')} error=${err('availableFrom')}>
          ${(p) => html`<input ...${p} type="date" value=${v.availableFrom} onInput=${set('availableFrom')} />`}
        </${Field}>
        <${Field} label=${t('worker.employment')} error=${err('employmentStatus')}>
          ${(p) =>
            html`<select ...${p} value=${v.employmentStatus} onChange=${set('employmentStatus')}>
              ${['seeking', 'employed', 'in_training', 'not_seeking'].map((s) => html`<option value=${s}>${t('emp_status.' + s)}</option>`)}
            </select>`}
        </${Field}>
      </div>
      <label class="check"><input type="checkbox" checked=${v.unionMember} onChange=${set('unionMember')} /> ${t('worker.union')}</label>
      ${
        w
          ? null
          : html`<label class="check"
                ><input type="checkbox" name="consent" checked=${v.consent} onChange=${set('consent')} />
                ${t('worker.consent')}</label
              >
              ${err('consent') ? html`<small class="field-error">⚠ ${t('worker.consentNeeded')}</small>` : null}`
      }
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done && w ? t('saved') : null}</${Notice}>
      <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : w ? t('act.save') : t('workers.register')}</button>
    </form>`;
}

/** Where a worker is from, their priority and status, then phone and ID number as the API shows them, and one more fact. */
function WorkerFacts({ w, children }) {
  return html`<p class="meta">
      <span>${placeName(w.homeVillageCode, w.homeVillageName)}</span><${PriorityBadges} worker=${w} />
      <${StatusBadge} status=${w.employmentStatus} kind="emp_status" />
    </p>
    <p class="meta">
      <span>${t('worker.phone')}: ${w.phone}</span><span>${t('worker.idNumber')}: ${w.idNumber}</span>
      <${HouseholdLink} householdNo=${w.householdNo} />
      ${children}
    </p>`;
}

function WorkerDetail({ id, tab, session }) {
  const state = useAsync(() => api.get(`/workers/${id}`), [id]);
  const base = '#/workers/' + id;
  return html`<p><a href="#/workers">← ${t('workers.title')}</a></p>
    <${Async} state=${state}>
      ${(w) =>
        html`<h1>${w.name}</h1>
          <${WorkerFacts} w=${w}><span>${t('worker.expectedWage')}: ${money(w.expectedMinWage)}</span></${WorkerFacts}>
          <p class="meta">
            ${w.skills.map((s) => html`<span class="badge">${skillName(s.code)} ${t('skill.level', { n: s.level })}${s.certificateNo ? ' ✓' : ''}</span>`)}
          </p>
          <${ActivationCodeButton} worker=${w} />
          <${PendingChanges} worker=${w} onDecided=${state.setData} />
          <${SubNav}
            current=${base + '/' + tab}
            items=${[
              [base + '/matches', t('worker.tab.matches')],
              [base + '/services', t('worker.tab.services')],
              [base + '/incomes', t('worker.tab.incomes')],
              [base + '/party', t('worker.tab.party')],
              [base + '/edit', t('act.edit')],
            ]}
          />
          ${tab === 'matches' ? html`<${WorkerMatches} worker=${w} />` : null}
          ${tab === 'services' ? html`<${Services} worker=${w} />` : null}
          ${tab === 'incomes' ? html`<${Incomes} worker=${w} />` : null}
          ${tab === 'party' ? html`<${Party} worker=${w} />` : null}
          ${tab === 'edit' ? html`<${WorkerEditor} session=${session} worker=${w} onSaved=${state.setData} />` : null}`}
    </${Async}>`;
}

function WorkerMatches({ worker }) {
  const state = useAsync(() => api.get(`/workers/${worker.id}/matches`, { limit: 10 }), [worker.id]);
  return html`<h2>${t('worker.tab.matches')}</h2>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('matches.noneOfficer')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (m) =>
              html`<li class="card">
                <h3>${m.opening.title}</h3>
                <p class="sub">${m.opening.employerName}</p>
                <${OpeningSummary} o=${m.opening} />
                <p class="meta">
                  <span>${t('opening.places', { n: m.opening.placesLeft })}</span
                  ><span class="score">${t('matches.score', { n: Math.round(m.score * 100) })}</span>
                </p>
                <${Explanation} explanation=${m.explanation} audience="officer" />
                <${ReferButton} openingId=${m.openingId} workerId=${worker.id} name=${worker.name} />
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}

const SERVICES = ['training', 'information', 'rights', 'hardship', 'subsidy'];
// Delivered by a county department, which the record names.
const FAMILY_SERVICES = ['child_schooling', 'elder_care', 'women_screening', 'policy_publicity', 'social_assistance'];
const CHANNELS = ['visit', 'phone', 'wechat', 'office'];

/** Record a service or contact; also used from the coverage list. */
export function ServiceForm({ workerId, onDone, compact }) {
  const [v, setV] = useState({
    service: 'information',
    channel: 'phone',
    date: today(),
    note: '',
    outcome: '',
    department: '',
  });
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post(`/workers/${workerId}/services`, {
      service: v.service,
      channel: v.channel,
      date: v.date,
      note: v.note.trim() || undefined,
      outcome: v.outcome.trim() || undefined,
      department: v.department.trim() || undefined,
    });
    onDone?.(r);
    return r;
  });
  return html`<form class=${'form' + (compact ? ' compact' : '')} onSubmit=${(e) => {
    e.preventDefault();
    save.submit();
  }}>
    <div class="row">
      <${Field} label=${t('service.kind')} error=${fieldError(save.error, 'service')}>
        ${(p) =>
          html`<select ...${p} value=${v.service} onChange=${set('service')}>
            ${[...SERVICES, ...FAMILY_SERVICES].map((s) => html`<option value=${s}>${t('svc.' + s)}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('service.channel')} error=${fieldError(save.error, 'channel')}>
        ${(p) =>
          html`<select ...${p} value=${v.channel} onChange=${set('channel')}>
            ${CHANNELS.map((s) => html`<option value=${s}>${t('ch.' + s)}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('service.date')} error=${fieldError(save.error, 'date')}>
        ${(p) => html`<input ...${p} type="date" value=${v.date} max=${today()} onInput=${set('date')} />`}
      </${Field}>
    </div>
    ${
      FAMILY_SERVICES.includes(v.service)
        ? html`<${Field} label=${t('service.department')} hint=${t('service.departmentHint')} error=${fieldError(save.error, 'department')}>
            ${(p) => html`<input ...${p} value=${v.department} onInput=${set('department')} />`}
          </${Field}>`
        : null
    }
    <${Field} label=${t('service.note')} error=${fieldError(save.error, 'note')}>
      ${(p) => html`<input ...${p} value=${v.note} onInput=${set('note')} />`}
    </${Field}>
    ${
      compact
        ? null
        : html`<${Field} label=${t('service.outcome')} error=${fieldError(save.error, 'outcome')}>
      ${(p) => html`<input ...${p} value=${v.outcome} onInput=${set('outcome')} />`}
    </${Field}>`
    }
    <${ErrorBox} error=${save.error} />
    <${Notice}>${save.done ? t('service.saved') : null}</${Notice}>
    <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('service.record')}</button>
  </form>`;
}

function Services({ worker }) {
  const state = useAsync(() => api.get(`/workers/${worker.id}/services`, { limit: 100 }), [worker.id]);
  return html`<h2>${t('worker.tab.services')}</h2>
    <${ServiceForm} workerId=${worker.id} onDone=${state.reload} />
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('service.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${[...d.items].reverse().map(
            (s) =>
              html`<li class="card">
                <p class="meta">
                  <strong>${t('svc.' + s.service)}</strong><span>${day(s.date)}</span
                  ><span>${t('ch.' + s.channel)}</span>
                </p>
                ${s.note ? html`<p>${s.note}</p>` : null}${s.outcome ? html`<p class="hint">${t('service.outcome')}: ${s.outcome}</p>` : null}
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}

function Incomes({ worker }) {
  const state = useAsync(() => api.get(`/workers/${worker.id}/incomes`, { limit: 100 }), [worker.id]);
  const [v, setV] = useState({
    month: today().slice(0, 7),
    amount: '',
    source: 'wages',
    employerName: '',
    verified: false,
  });
  const set = (k) => (e) =>
    setV({ ...v, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post(`/workers/${worker.id}/incomes`, {
      month: v.month,
      amount: v.amount === '' ? undefined : Number(v.amount),
      source: v.source,
      employerName: v.employerName.trim() || undefined,
      verified: v.verified,
    });
    state.reload();
    return r;
  });
  return html`<h2>${t('worker.tab.incomes')}</h2>
    <form class="form" onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}>
      <div class="row">
        <${Field} label=${t('income.month')} error=${fieldError(save.error, 'month')}>
          ${(p) => html`<input ...${p} type="month" value=${v.month} onInput=${set('month')} />`}
        </${Field}>
        <${Field} label=${t('income.amount')} error=${fieldError(save.error, 'amount')}>
          ${(p) => html`<input ...${p} type="number" min="0" inputmode="decimal" value=${v.amount} onInput=${set('amount')} />`}
        </${Field}>
        <${Field} label=${t('income.source')} error=${fieldError(save.error, 'source')}>
          ${(p) =>
            html`<select ...${p} value=${v.source} onChange=${set('source')}>
              ${['wages', 'business', 'property', 'transfer'].map((s) => html`<option value=${s}>${t('src.' + s)}</option>`)}
            </select>`}
        </${Field}>
      </div>
      <${Field} label=${t('income.employer')} error=${fieldError(save.error, 'employerName')}>
        ${(p) => html`<input ...${p} value=${v.employerName} onInput=${set('employerName')} />`}
      </${Field}>
      <label class="check"><input type="checkbox" checked=${v.verified} onChange=${set('verified')} /> ${t('income.verified')}</label>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('saved') : null}</${Notice}>
      <button type="submit" disabled=${save.busy}>${t('income.record')}</button>
    </form>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('income.none')}>
      ${(d) =>
        html`<table class="table">
          <caption class="sr-only">
            ${t('worker.tab.incomes')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('income.month')}</th>
              <th scope="col">${t('income.amount')}</th>
              <th scope="col">${t('income.source')}</th>
              <th scope="col">${t('income.check')}</th>
            </tr>
          </thead>
          <tbody>
            ${d.items.map(
              (i) =>
                html`<tr>
                  <td>${i.month}</td>
                  <td>${money(i.amount)}</td>
                  <td>${t('src.' + i.source)}${i.employerName ? ' · ' + i.employerName : ''}</td>
                  <td>${i.verified ? '✓ ' + t('income.isVerified') : t('income.self')}</td>
                </tr>`,
            )}
          </tbody>
        </table>`}
    </${Async}>`;
}

function Party({ worker }) {
  const state = useAsync(
    () => api.get('/party-groups', { village: worker.homeVillageCode, limit: 50 }),
    [worker.homeVillageCode],
  );
  const [msg, setMsg] = useState(null);
  const act = useSubmit(async (kind, group, member) => {
    if (kind === 'contact')
      await api.post(`/party-groups/${group.id}/members/${member.id}/contacts`, {
        workerId: worker.id,
        since: today(),
      });
    else
      await api.post(`/party-groups/${group.id}/members`, {
        workerId: worker.id,
        mobile: true,
        joinedPartyAt: undefined,
      });
    setMsg(kind === 'contact' ? t('party.linked') : t('party.joined'));
    state.reload();
  });
  const newGroup = useSubmit(async () => {
    await api.post('/party-groups', {
      name: placeName(worker.homeVillageCode, worker.homeVillageName) + t('party.groupSuffix'),
      villageCode: worker.homeVillageCode,
      leaderName: worker.name,
      foundedAt: today(),
    });
    state.reload();
  });
  return html`<h2>${t('worker.tab.party')}</h2>
    <p class="hint">${t('party.lead')}</p>
    <${Notice}>${msg}</${Notice}>
    <${ErrorBox} error=${act.error} />
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('party.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (g) =>
              html`<li class="card">
                <h3>${g.name}</h3>
                <p class="hint">${t('party.leader')}: ${g.leaderName}</p>
                ${g.members.length === 0 ? html`<p class="hint">${t('party.noMembers')}</p>` : null}
                <ul class="plain">
                  ${g.members.map(
                    (m) =>
                      html`<li>
                        ${m.workerName || t('party.member')}${m.mobile ? ' · ' + t('party.mobile') : ''} ·
                        ${t('party.contacts', { n: m.contacts.length })}
                        ${
                          m.contacts.some((c) => c.workerId === worker.id)
                            ? html` <span class="badge good">✓ ${t('party.inTouch')}</span>`
                            : m.workerId !== worker.id
                              ? html` <button
                                  type="button"
                                  class="secondary small"
                                  disabled=${act.busy}
                                  onClick=${() => act.submit('contact', g, m)}
                                >
                                  ${t('party.link', { name: m.workerName || '' })}
                                </button>`
                              : null
                        }
                      </li>`,
                  )}
                </ul>
                ${g.members.some((m) => m.workerId === worker.id) ? null : html`<button type="button" class="secondary small" disabled=${act.busy} onClick=${() => act.submit('member', g)}>${t('party.addMember')}</button>`}
              </li>`,
          )}
        </ul>`}
    </${Async}>
    ${
      state.data && state.data.items.length === 0
        ? html`<button type="button" class="secondary" disabled=${newGroup.busy} onClick=${() => newGroup.submit()}>
              ＋ ${t('party.newGroup')}</button
            ><${ErrorBox} error=${newGroup.error} />`
        : null
    }`;
}

// ---------- match and refer ----------

function Match({ session, openingId }) {
  const openings = useAsync(() => api.get('/openings', { status: 'open', limit: 100 }), []);
  const priority = useAsync(async () => {
    const [poor, relocated] = await Promise.all([
      api.get('/workers', { householdStatus: 'registered_poor', employmentStatus: 'seeking', limit: 100 }),
      api.get('/workers', { relocated: true, employmentStatus: 'seeking', limit: 100 }),
    ]);
    const all = new Map([...relocated.items, ...poor.items].map((w) => [w.id, w]));
    return [...all.values()].sort((a, b) => priorityOf(b) - priorityOf(a));
  }, []);
  const chosen = openings.data?.items.find((o) => o.id === openingId);
  return html`<h1>${t('match.title')}</h1>
    <p class="lead">${t('match.lead')}</p>
    <section aria-labelledby="by-opening">
      <h2 id="by-opening">${t('match.byOpening')}</h2>
      <${Async} state=${openings} isEmpty=${(d) => d.items.length === 0} empty=${t('openings.none')}>
        ${(d) => html`<${Field} label=${t('match.chooseOpening')}>
          ${(p) =>
            html`<select
              ...${p}
              value=${openingId || ''}
              onChange=${(e) => {
                location.hash = e.currentTarget.value ? '#/match/' + e.currentTarget.value : '#/match';
              }}
            >
              <option value="">${t('place.choose')}</option>
              ${d.items.map((o) => html`<option value=${o.id}>${o.title} · ${o.employerName} · ${t('tier.' + o.tier)}</option>`)}
            </select>`}
        </${Field}>`}
      </${Async}>
      ${chosen ? html`<${Candidates} opening=${chosen} session=${session} />` : null}
    </section>
    <section aria-labelledby="by-worker">
      <h2 id="by-worker">${t('match.byWorker')}</h2>
      <${Async} state=${priority} isEmpty=${(d) => d.length === 0} empty=${t('match.noPriority')}>
        ${(d) =>
          html`<ul class="cards">
            ${d.map(
              (w) =>
                html`<li class="card compact">
                  <a href=${'#/workers/' + w.id + '/matches'}>${w.name}</a>
                  <span class="meta"
                    ><span>${placeName(w.homeVillageCode, w.homeVillageName)}</span><${PriorityBadges} worker=${w}
                  /></span>
                </li>`,
            )}
          </ul>`}
      </${Async}>
    </section>`;
}

// ---------- coverage ----------

/** A screenful of the not-covered list; “show more” brings the next. */
const NOT_COVERED_PAGE = 100;
const REASON_ICON = { no_officer: '👤', no_recent_contact: '☎', not_employed_training_or_referred: '⚑' };

export function Coverage() {
  const [town, setTown] = useState('');
  const state = useAsync(() => api.get('/coverage', { township: town, limit: NOT_COVERED_PAGE }), [town]);
  const [open, setOpen] = useState(null);
  // The next page of the not-covered list joins the one shown, so no one is left off the screen.
  const more = useSubmit(async () => {
    const c = state.data;
    const page = await api.get('/coverage', { township: town, limit: NOT_COVERED_PAGE, cursor: c.nextCursor });
    state.setData({
      ...c,
      notCovered: [...c.notCovered, ...page.notCovered],
      notCoveredTruncated: page.notCoveredTruncated,
      nextCursor: page.nextCursor,
    });
  });
  return html`<h1>${t('coverage.title')}</h1>
    <p class="lead">${t('coverage.lead')}</p>
    <${Async} state=${state}>
      ${(c) => html`<div class="stats">
          <div class="stat"><span class="stat-value">${percent(c.totals.rate)}</span><span class="stat-label">${t('coverage.rate')}</span></div>
          <div class="stat"><span class="stat-value">${c.totals.covered} / ${c.totals.target}</span><span class="stat-label">${t('coverage.covered')}</span></div>
          <div class="stat"><span class="stat-value">${c.totals.notCovered}</span><span class="stat-label">${t('coverage.notCovered')}</span></div>
        </div>
        <p class="hint">${t('coverage.asOf', { date: day(c.asOf), days: c.coverageDays })}</p>
        <${Field} label=${t('place.township')}>
          ${(p) =>
            html`<select ...${p} value=${town} onChange=${(e) => setTown(e.currentTarget.value)}>
              <option value="">${t('workers.allTownships')}</option>
              ${c.townships.map((tw) => html`<option value=${tw.code}>${tw.name || placeName(tw.code)}</option>`)}
            </select>`}
        </${Field}>
        <details>
          <summary>${t('coverage.byPlace')}</summary>
          <${CoverageByPlace} townships=${c.townships} label=${t('coverage.byPlace')} />
        </details>
        <h2>${t('coverage.list')} (${c.notCovered.length})</h2>
        ${c.notCoveredTruncated ? html`<p class="hint">${t('coverage.truncated', { n: c.totals.notCovered })}</p>` : null}
        ${c.notCovered.length === 0 ? html`<${Empty}>${t('coverage.allCovered')}</${Empty}>` : null}
        <ul class="cards">${c.notCovered.map(
          (w) =>
            html`<li class="card">
              <h3><a href=${'#/workers/' + w.workerId}>${w.name}</a></h3>
              <p class="meta">
                <span>${placeName(w.homeVillageCode, w.homeVillageName)}</span><${PriorityBadges} worker=${w} />
                <span>${t('worker.lastContact')}: ${day(w.lastContact)}</span>
              </p>
              <ul class="reasons">
                ${w.reasons.map((r) => html`<li><span aria-hidden="true">${REASON_ICON[r] || '•'} </span>${t('reason.' + r)}</li>`)}
              </ul>
              ${
                open === w.workerId
                  ? html`<${ServiceForm}
                      workerId=${w.workerId}
                      compact
                      onDone=${() =>
                        setTimeout(() => {
                          setOpen(null);
                          state.reload();
                        }, 600)}
                    />`
                  : html`<div class="actions">
                      <button
                        type="button"
                        class="secondary"
                        onClick=${() => setOpen(w.workerId)}
                        aria-label=${t('coverage.contactLabel', { name: w.name })}
                      >
                        ☎ ${t('coverage.contact')}
                      </button>
                      <a class="button secondary" href=${'#/workers/' + w.workerId + '/matches'}
                        >${t('coverage.match')}</a
                      >
                    </div>`
              }
            </li>`,
        )}</ul>
        <${ErrorBox} error=${more.error} onRetry=${more.submit} />
        ${
          c.nextCursor
            ? html`<button type="button" class="secondary" disabled=${more.busy} onClick=${() => more.submit()}>
                ${t('act.more')}
              </button>`
            : null
        }`}
    </${Async}>`;
}

// ---------- ledgers: import and export ----------

const LEDGERS = ['registry', 'party', 'services', 'activities', 'incomes', 'union'];

function Ledgers({ session }) {
  const [file, setFile] = useState(null);
  const [progress, setProgress] = useState(null);
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const [ledger, setLedger] = useState('registry');
  const [village, setVillage] = useState('');
  const exp = useSubmit(async () => {
    const { blob, filename } = await download(`/ledgers/${ledger}/export`, {
      village: village || undefined,
      township: !village && session.regions?.[0]?.length === 9 ? session.regions[0] : undefined,
    });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = filename || `${ledger}-${village || 'all'}.xlsx`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    return true;
  });
  const [importLedger, setImportLedger] = useState('registry');
  const [mode, setMode] = useState('all');
  const [phase, setPhase] = useState(null);
  const runImport = async () => {
    if (!file) return;
    setReport(null);
    setError(null);
    setProgress(0);
    setPhase('uploading');
    try {
      const r = await upload('/workers/import', file, setProgress, { ledger: importLedger, mode });
      let job = r.body;
      if (r.status === 202) {
        // Poll the job: processed of total rows, until it is done.
        setPhase('checking');
        setProgress(0);
        while (job.status === 'running') {
          await new Promise((ok) => setTimeout(ok, 400));
          job = await api.get('/workers/import/' + job.id);
          setProgress(job.total ? job.processed / job.total : 0);
        }
        if (job.problem) {
          if (job.report) setReport(job.report);
          throw Object.assign(new Error(job.problem.detail || ''), {
            status: job.problem.status,
            code: job.problem.code,
            detail: job.problem.detail,
            errors: [],
          });
        }
        job = job.report;
      }
      setProgress(1);
      setPhase('done');
      setReport(job);
    } catch (e) {
      setPhase(null);
      setProgress(null);
      if (e.body?.report) {
        setReport(e.body.report);
        e.errors = [];
      }
      setError(e);
    }
  };
  const rowErrors = report ? reportRows(report) : [];
  return html`<h1>${t('ledgers.title')}</h1>
    <section aria-labelledby="import">
      <h2 id="import">${t('import.title')}</h2>
      <p class="hint">${t('import.lead')}</p>
      <form class="form" onSubmit=${(e) => {
        e.preventDefault();
        runImport();
      }}>
        <div class="row">
          <${Field} label=${t('export.ledger')}>
            ${(p) =>
              html`<select ...${p} value=${importLedger} onChange=${(e) => setImportLedger(e.currentTarget.value)}>
                ${LEDGERS.map((l) => html`<option value=${l}>${t('ledger.' + l)}</option>`)}
              </select>`}
          </${Field}>
          <${Field} label=${t('import.mode')}>
            ${(p) =>
              html`<select ...${p} value=${mode} onChange=${(e) => setMode(e.currentTarget.value)}>
                <option value="all">${t('import.modeAll')}</option>
                <option value="valid-only">${t('import.modeValid')}</option>
              </select>`}
          </${Field}>
        </div>
        <${Field} label=${t('import.file')}>
          ${(p) => html`<input ...${p} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange=${(e) => setFile(e.currentTarget.files?.[0] || null)} />`}
        </${Field}>
        <button type="submit" disabled=${!file || phase === 'uploading' || phase === 'checking'}>${t('import.run')}</button>
      </form>
      ${
        progress !== null
          ? html`<div class="progress-wrap">
              <label
                >${t('import.phase.' + (phase || 'done'))}
                <progress max="100" value=${Math.round(progress * 100)}>${Math.round(progress * 100)}%</progress></label
              >
              <span>${Math.round(progress * 100)}%</span>
            </div>`
          : null
      }
      <${ErrorBox} error=${error} onRetry=${runImport} />
      ${
        report
          ? html`<div class="card" role="status">
              <h3>${t('import.report')}</h3>
              <p class="meta">
                ${report.written === false ? html`<span class="badge bad">✕ ${t('import.notWritten')}</span>` : html`<span class="badge good">✓ ${t('import.written')}</span>`}
                ${['total', 'created', 'updated', 'unchanged', 'invalid'].filter((k) => typeof report[k] === 'number').map((k) => html`<span>${t('import.' + k)}: ${report[k]}</span>`)}
              </p>
              ${report.errorsTruncated ? html`<p class="hint">${t('import.truncated')}</p>` : null}
              ${
                rowErrors.length
                  ? html`<p>${t('import.rowsFailed')}</p>
                      <table class="table">
                        <thead>
                          <tr>
                            <th scope="col">${t('import.row')}</th>
                            <th scope="col">${t('import.column')}</th>
                            <th scope="col">${t('import.problem')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          ${rowErrors.map(
                            (e) =>
                              html`<tr>
                                <td>${e.row ?? '—'}</td>
                                <td>${e.column ?? '—'}</td>
                                <td>${e.message}</td>
                              </tr>`,
                          )}
                        </tbody>
                      </table>`
                  : html`<p>✓ ${t('import.ok')}</p>`
              }
            </div>`
          : null
      }
    </section>
    <section aria-labelledby="export">
      <h2 id="export">${t('export.title')}</h2>
      <form class="form" onSubmit=${(e) => {
        e.preventDefault();
        exp.submit();
      }}>
        <${Field} label=${t('export.ledger')}>
          ${(p) =>
            html`<select ...${p} value=${ledger} onChange=${(e) => setLedger(e.currentTarget.value)}>
              ${LEDGERS.map((l) => html`<option value=${l}>${t('ledger.' + l)}</option>`)}
            </select>`}
        </${Field}>
        <${VillagePicker} label=${t('export.place')} value=${village} scope=${session.regions} onChange=${setVillage} />
        <${ErrorBox} error=${exp.error} />
        <${Notice}>${exp.done ? t('export.done') : null}</${Notice}>
        <button type="submit" disabled=${exp.busy}>${exp.busy ? t('state.working') : t('export.run')}</button>
      </form>
    </section>`;
}

// ---------- 六个一 activities ----------

const ACTIVITY_KINDS = ['letter', 'employer_notice', 'symposium', 'training', 'visit', 'exemplar'];

/** Record one programme activity (for a village or a whole township) and see the latest ones. */
function Activities({ session }) {
  const blank = { kind: 'visit', village: '', township: '', date: today(), title: '', participants: '', note: '' };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const list = useAsync(() => api.get('/ledgers/activities', { order: 'newest', limit: 50 }), []);
  const save = useSubmit(async () => {
    const r = await api.post('/ledgers/activities', {
      kind: v.kind,
      // A township-wide activity (a symposium, say) is recorded on the township.
      regionCode: v.village || v.township || undefined,
      date: v.date,
      title: v.title.trim() || undefined,
      participants: v.participants === '' ? undefined : Number(v.participants),
      note: v.note.trim() || undefined,
    });
    setV({ ...blank, kind: v.kind, village: v.village, township: v.township });
    list.reload();
    return r;
  });
  return html`<h1>${t('activities.title')}</h1>
    <p class="hint">${t('activities.lead')}</p>
    <form class="form" onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}>
      <div class="row">
        <${Field} label=${t('activities.kind')} error=${fieldError(save.error, 'kind')}>
          ${(p) =>
            html`<select ...${p} value=${v.kind} onChange=${set('kind')}>
              ${ACTIVITY_KINDS.map((k) => html`<option value=${k}>${t('activity.' + k)}</option>`)}
            </select>`}
        </${Field}>
        <${Field} label=${t('activities.date')} error=${fieldError(save.error, 'date')}>
          ${(p) => html`<input ...${p} type="date" value=${v.date} max=${today()} onInput=${set('date')} />`}
        </${Field}>
        <${Field} label=${t('activities.participants')} error=${fieldError(save.error, 'participants')}>
          ${(p) => html`<input ...${p} type="number" min="0" inputmode="numeric" value=${v.participants} onInput=${set('participants')} />`}
        </${Field}>
      </div>
      <${VillagePicker}
        label=${t('activities.place')}
        value=${v.village}
        scope=${session.regions}
        error=${fieldError(save.error, 'regionCode')}
        onChange=${(village) => setV((cur) => ({ ...cur, village }))}
        onTownship=${(township) => setV((cur) => ({ ...cur, township }))}
      />
      <${Field} label=${t('activities.titleField')} error=${fieldError(save.error, 'title')}>
        ${(p) => html`<input ...${p} value=${v.title} maxlength="200" onInput=${set('title')} />`}
      </${Field}>
      <${Field} label=${t('activities.note')} error=${fieldError(save.error, 'note')}>
        ${(p) => html`<textarea ...${p} rows="2" maxlength="1000" value=${v.note} onInput=${set('note')}></textarea>`}
      </${Field}>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('activities.saved') : null}</${Notice}>
      <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('activities.record')}</button>
    </form>
    <h2>${t('activities.latest')}</h2>
    <${Async} state=${list} isEmpty=${(d) => d.items.length === 0} empty=${t('activities.none')}>
      ${(d) =>
        html`<ul class="cards" aria-label=${t('activities.latest')}>
          ${d.items.map(
            (a) =>
              html`<li class="card">
                <p class="meta">
                  <strong>${t('activity.' + a.kind)}</strong><span>${day(a.date)}</span
                  ><span>${placeName(a.regionCode)}</span>
                  ${typeof a.participants === 'number' ? html`<span>${t('activities.people', { n: a.participants })}</span>` : null}
                </p>
                ${a.title ? html`<p>${a.title}</p>` : null}${a.note ? html`<p class="hint">${a.note}</p>` : null}
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}

/** Row-by-row problems of an import report: sheet row, column header, message. */
function reportRows(report) {
  return (report.errors || []).filter((e) => typeof e.row === 'number');
}
