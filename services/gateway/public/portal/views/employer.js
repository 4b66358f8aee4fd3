/* global location */
// The employer: company profile, openings (create, edit, pause, close; tier derived by the API),
// applicants with their pipeline moves, ranked candidates with explanations.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import {
  Async,
  categoryName,
  Empty,
  ErrorBox,
  Field,
  fieldError,
  html,
  LevelSelect,
  Notice,
  placeName,
  PriorityBadges,
  skillName,
  SkillPicker,
  StatusBadge,
  SubNav,
  t,
  TierBadge,
  useAsync,
  useSubmit,
  WorksitePicker,
} from '../lib/ui.js';
import { Explanation, History, Interview } from './common.js';

export function nav() {
  return [
    ['#/openings', t('nav.openings')],
    ['#/company', t('nav.company')],
  ];
}

export function route(path, session) {
  if (path === '/company') return { view: html`<${Company} session=${session} />` };
  if (path === '/openings') return { view: html`<${Openings} employerId=${session.employerId} />` };
  if (path === '/openings/new') return { view: html`<${OpeningEditor} employerId=${session.employerId} />` };
  const m = /^\/openings\/([^/]+)(?:\/(applicants|candidates|edit))?$/.exec(path);
  if (m) return { view: html`<${OpeningDetail} id=${m[1]} tab=${m[2] || 'applicants'} session=${session} />` };
  return { redirect: '#/openings' };
}

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

function Company({ session }) {
  const state = useAsync(() => api.get(`/employers/${session.employerId}`), [session.employerId]);
  return html`<h1>${t('company.title')}</h1>
    <${Async} state=${state}>${(e) => html`<${CompanyForm} employer=${e} onSaved=${state.setData} />`}</${Async}>`;
}

function CompanyForm({ employer: e, onSaved }) {
  const [v, setV] = useState({
    name: e.name,
    industry: e.industry,
    address: e.address || '',
    contactName: e.contact?.name || '',
    contactPhone: e.contact?.phone || '',
  });
  const set = (k) => (ev) => setV({ ...v, [k]: ev.currentTarget.value });
  const save = useSubmit(async () => {
    const body = { name: v.name.trim(), industry: v.industry, address: v.address.trim() || undefined };
    if (v.contactName.trim() || v.contactPhone.trim())
      body.contact = { name: v.contactName.trim(), phone: v.contactPhone.trim() };
    onSaved(await api.patch(`/employers/${e.id}`, body));
    return true;
  });
  return html`<section class="card">
      <p class="meta"><${StatusBadge} status=${e.status} kind="emp" /> <${TierBadge} tier=${e.tier} /> <span>${placeName(e.regionCode, e.regionName)}</span></p>
      <p>${t('company.creditCode')}: <span class="mono">${e.creditCode}</span></p>
      ${e.status === 'pending' ? html`<p class="hint">${t('company.pendingHint')}</p>` : null}
    </section>
    <form class="form" onSubmit=${(ev) => {
      ev.preventDefault();
      save.submit();
    }}>
      <${Field} label=${t('company.name')} error=${fieldError(save.error, 'name')}>
        ${(p) => html`<input ...${p} required value=${v.name} onInput=${set('name')} />`}
      </${Field}>
      <${Field} label=${t('company.industry')} error=${fieldError(save.error, 'industry')}>
        ${(p) =>
          html`<select ...${p} value=${v.industry} onChange=${set('industry')}>
            ${(INDUSTRIES.includes(v.industry) ? INDUSTRIES : [...INDUSTRIES, v.industry]).map((c) => html`<option value=${c}>${categoryName(c)}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('company.address')} error=${fieldError(save.error, 'address')}>
        ${(p) => html`<input ...${p} value=${v.address} onInput=${set('address')} />`}
      </${Field}>
      <div class="row">
        <${Field} label=${t('company.contactName')} error=${fieldError(save.error, 'contact/name')}>
          ${(p) => html`<input ...${p} value=${v.contactName} onInput=${set('contactName')} />`}
        </${Field}>
        <${Field} label=${t('company.contactPhone')} error=${fieldError(save.error, 'contact/phone')}>
          ${(p) => html`<input ...${p} type="tel" inputmode="tel" value=${v.contactPhone} onInput=${set('contactPhone')} />`}
        </${Field}>
      </div>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('saved') : null}</${Notice}>
      <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('act.save')}</button>
    </form>`;
}

function Openings({ employerId }) {
  const [status, setStatus] = useState('');
  const state = useAsync(() => api.get('/openings', { employerId, status, limit: 100 }), [employerId, status]);
  return html`<h1>${t('openings.title')}</h1>
    <div class="actions"><a class="button" href="#/openings/new">＋ ${t('openings.new')}</a></div>
    <${Field} label=${t('openings.filter')}>
      ${(p) =>
        html`<select ...${p} value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
          <option value="">${t('openings.all')}</option>
          ${['draft', 'open', 'paused', 'filled', 'closed'].map((s) => html`<option value=${s}>${t('op.' + s)}</option>`)}
        </select>`}
    </${Field}>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('openings.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map((o) => html`<${OpeningCard} o=${o} onChange=${state.reload} />`)}
        </ul>`}
    </${Async}>`;
}

/** Publish, pause, resume or close: the moves the API allows from each status. */
const MOVES = {
  draft: ['open', 'closed'],
  open: ['paused', 'closed'],
  paused: ['open', 'closed'],
  filled: ['closed'],
  closed: [],
};

function StatusMoves({ o, onChange }) {
  const move = useSubmit(async (to) => onChange(await api.patch(`/openings/${o.id}`, { status: to })));
  return html`<div class="actions">
    ${MOVES[o.status].map(
      (to) =>
        html`<button
          type="button"
          class=${to === 'closed' ? 'secondary danger' : 'secondary'}
          disabled=${move.busy}
          onClick=${() => move.submit(to)}
          aria-label=${t('opmove.' + o.status + '.' + to) + ' · ' + o.title}
        >
          ${t('opmove.' + o.status + '.' + to)}
        </button>`,
    )}
    <${ErrorBox} error=${move.error} />
  </div>`;
}

function OpeningCard({ o, onChange }) {
  return html`<li class="card">
    <h2><a href=${'#/openings/' + o.id}>${o.title}</a></h2>
    <p class="meta">
      <${StatusBadge} status=${o.status} kind="op" /> <${TierBadge} tier=${o.tier} />
      <span>${placeName(o.worksiteRegionCode, o.worksiteRegionName)}</span>
    </p>
    <p class="meta">
      <span>¥${o.wageMin}–${o.wageMax}</span
      ><span>${t('opening.filled', { filled: o.filledCount, headcount: o.headcount })}</span>
      ${o.reservedForPoor ? html`<span class="badge flag">★ ${t('opening.reserved')}</span>` : null}
    </p>
    <p class="links">
      <a href=${'#/openings/' + o.id + '/applicants'}>${t('opening.applicants')}</a> ·
      <a href=${'#/openings/' + o.id + '/candidates'}>${t('opening.candidates')}</a> ·
      <a href=${'#/openings/' + o.id + '/edit'}>${t('act.edit')}</a>
    </p>
    <${StatusMoves} o=${o} onChange=${onChange} />
  </li>`;
}

function OpeningDetail({ id, tab, session }) {
  const state = useAsync(() => api.get(`/openings/${id}`), [id]);
  const base = '#/openings/' + id;
  return html`<p><a href="#/openings">← ${t('openings.title')}</a></p>
    <${Async} state=${state}>
      ${(o) =>
        html`<h1>${o.title}</h1>
          <p class="meta">
            <${StatusBadge} status=${o.status} kind="op" /> <${TierBadge} tier=${o.tier} />
            <span>${placeName(o.worksiteRegionCode, o.worksiteRegionName)}</span><span>¥${o.wageMin}–${o.wageMax}</span>
            <span>${t('opening.filled', { filled: o.filledCount, headcount: o.headcount })}</span>
          </p>
          <${StatusMoves} o=${o} onChange=${state.setData} />
          <${SubNav}
            current=${base + '/' + tab}
            items=${[
              [base + '/applicants', t('opening.applicants')],
              [base + '/candidates', t('opening.candidates')],
              [base + '/edit', t('act.edit')],
            ]}
          />
          ${tab === 'applicants' ? html`<${Applicants} opening=${o} onHire=${state.reload} />` : null}
          ${tab === 'candidates' ? html`<${Candidates} opening=${o} session=${session} />` : null}
          ${tab === 'edit' ? html`<${OpeningEditor} employerId=${o.employerId} opening=${o} onSaved=${state.setData} />` : null}`}
    </${Async}>`;
}

function Applicants({ opening, onHire }) {
  const state = useAsync(() => api.get('/applications', { openingId: opening.id, limit: 100 }), [opening.id]);
  return html`<h2>${t('opening.applicants')}</h2>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('applicants.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (a) =>
              html`<${ApplicantCard}
                a=${a}
                opening=${opening}
                onChange=${(next) => {
                  state.setData({ ...d, items: d.items.map((x) => (x.id === next.id ? next : x)) });
                  if (next.status === 'hired') onHire();
                }}
              />`,
          )}
        </ul>`}
    </${Async}>`;
}

function ApplicantCard({ a, opening, onChange }) {
  const [hire, setHire] = useState({ startDate: '', agreedWage: '' });
  const [meet, setMeet] = useState({ at: '', place: '', note: '' });
  // The interview's time and place (datetime-local is the browser's, the county's, time).
  const interviewBody = () => ({
    at: meet.at ? new Date(meet.at).toISOString() : '',
    place: meet.place,
    ...(meet.note ? { note: meet.note } : {}),
  });
  const move = useSubmit(async (to) => {
    const body = { status: to };
    if (to === 'hired') {
      if (hire.startDate) body.startDate = hire.startDate;
      if (hire.agreedWage) body.agreedWage = Number(hire.agreedWage);
    }
    if (to === 'interview' && (meet.at || meet.place)) body.interview = interviewBody();
    onChange(await api.patch(`/applications/${a.id}`, body));
  });
  const reschedule = useSubmit(async () =>
    onChange(await api.post(`/applications/${a.id}/interview`, interviewBody())),
  );
  const interviewError = (field) => fieldError(move.error, `interview/${field}`) || fieldError(reschedule.error, field);
  // The API says which moves are open to this account now; the pipeline is not restated here.
  const moves = a.allowedMoves ?? [];
  const next = moves.find((m) => m !== 'rejected' && m !== 'withdrawn');
  const w = a.worker;
  return html`<li class="card">
    <h3>${w?.name || t('applicants.worker')}</h3>
    ${
      w
        ? html`<p class="meta">
              <span>${placeName(w.homeVillageCode, w.homeVillageName)}</span><${PriorityBadges} worker=${w} />
            </p>
            <p class="meta">
              ${w.skills.map((s) => html`<span class="badge">${skillName(s.code)} ${t('skill.level', { n: s.level })}${s.certified ? ' ✓' : ''}</span>`)}
            </p>`
        : null
    }
    <p class="meta">
      <${StatusBadge}
        status=${a.status}
        kind="app"
      />${a.referredBy ? html`<span class="badge info">${t('apps.referred')}</span>` : null}
      <span>${a.contactVisible ? t('applicants.contactVisible') : t('applicants.contactMasked')}</span>
    </p>
    <${Interview} interview=${a.interview} />
    <${History} items=${a.history} />
    ${
      next === 'interview' || a.status === 'interview'
        ? html`<div class="row">
          <${Field} label=${t('interview.at')} error=${interviewError('at')}>
            ${(p) => html`<input ...${p} type="datetime-local" value=${meet.at} onInput=${(e) => setMeet({ ...meet, at: e.currentTarget.value })} />`}
          </${Field}>
          <${Field} label=${t('interview.place')} error=${interviewError('place')}>
            ${(p) => html`<input ...${p} maxlength="200" value=${meet.place} onInput=${(e) => setMeet({ ...meet, place: e.currentTarget.value })} />`}
          </${Field}>
          <${Field} label=${t('interview.note')} error=${interviewError('note')}>
            ${(p) => html`<input ...${p} maxlength="500" value=${meet.note} onInput=${(e) => setMeet({ ...meet, note: e.currentTarget.value })} />`}
          </${Field}>
          ${
            a.status === 'interview'
              ? html`<button
                  type="button"
                  class="secondary"
                  disabled=${reschedule.busy}
                  onClick=${() => reschedule.submit()}
                >
                  ${a.interview ? t('interview.change') : t('interview.set')}
                </button>`
              : null
          }
        </div>`
        : null
    }
    ${
      next === 'hired'
        ? html`<div class="row">
          <${Field} label=${t('hire.startDate')} error=${fieldError(move.error, 'startDate')}>
            ${(p) => html`<input ...${p} type="date" value=${hire.startDate} onInput=${(e) => setHire({ ...hire, startDate: e.currentTarget.value })} />`}
          </${Field}>
          <${Field} label=${t('hire.wage')} hint=${t('hire.wageHint', { n: opening.wageMin })} error=${fieldError(move.error, 'agreedWage')}>
            ${(p) => html`<input ...${p} type="number" inputmode="numeric" min="0" value=${hire.agreedWage} onInput=${(e) => setHire({ ...hire, agreedWage: e.currentTarget.value })} />`}
          </${Field}>
        </div>`
        : null
    }
    ${
      moves.length > 0
        ? html`<div class="actions">
            ${next ? html`<button type="button" disabled=${move.busy} onClick=${() => move.submit(next)}>${t('move.' + next)}</button>` : null}
            ${
              moves.includes('rejected')
                ? html`<button
                    type="button"
                    class="secondary danger"
                    disabled=${move.busy}
                    onClick=${() => move.submit('rejected')}
                  >
                    ${t('move.rejected')}
                  </button>`
                : null
            }
          </div>`
        : null
    }
    <${ErrorBox} error=${move.error} />
    <${ErrorBox} error=${reschedule.error} />
  </li>`;
}

/** Workers ranked for an opening; officers and administrators may refer (推荐) them from here. */
export function Candidates({ opening, session }) {
  const state = useAsync(() => api.get(`/openings/${opening.id}/candidates`, { limit: 20 }), [opening.id]);
  const mayRefer = session.role === 'officer' || session.role === 'admin';
  return html`<h2>${t('opening.candidates')}</h2>
    ${mayRefer ? null : html`<p class="hint">${t('candidates.employerHint')}</p>`}
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('candidates.none')}>
      ${(d) =>
        html`${d.notice ? html`<p class="hint">${d.notice}</p>` : null}
          <ol class="cards">
            ${d.items.map(
              (c) =>
                html`<li class="card">
                  <h3>${c.worker.name || t('applicants.worker')}</h3>
                  <p class="meta">
                    <span>${placeName(c.worker.homeVillageCode)}</span><${PriorityBadges} worker=${c.worker} />
                    <${StatusBadge} status=${c.worker.employmentStatus} kind="emp_status" /><span class="score"
                      >${t('matches.score', { n: Math.round(c.score * 100) })}</span
                    >
                  </p>
                  <${Explanation} explanation=${c.explanation} audience="officer" />
                  ${mayRefer ? html`<${ReferButton} openingId=${opening.id} workerId=${c.workerId} name=${c.worker.name} />` : null}
                </li>`,
            )}
          </ol>`}
    </${Async}>`;
}

export function ReferButton({ openingId, workerId, name }) {
  const { busy, error, done, submit } = useSubmit(() =>
    api.post('/applications', { openingId, workerId, note: t('refer.note') }),
  );
  if (done) return html`<${Notice}>${t('refer.done')}</${Notice}>`;
  return html`<div class="actions">
    <button type="button" disabled=${busy} onClick=${submit} aria-label=${t('refer.label', { name: name || '' })}>
      ${t('refer.action')}
    </button>
    <${ErrorBox} error=${error} />
  </div>`;
}

const CONTRACTS = ['fixed_term', 'open_ended', 'seasonal', 'part_time', 'dispatch'];

function OpeningEditor({ employerId, opening, onSaved }) {
  const o = opening;
  const [v, setV] = useState({
    title: o?.title || '',
    occupationCode: o?.occupationCode || '',
    requiredSkills: o?.requiredSkills?.map((s) => ({ ...s })) || [],
    description: o?.description || '',
    worksiteRegionCode: o?.worksiteRegionCode || '',
    headcount: o?.headcount ?? '',
    wageMin: o?.wageMin ?? '',
    wageMax: o?.wageMax ?? '',
    benefits: o?.benefits || { housing: false, meals: false, socialInsurance: false },
    hours: o?.hours || '',
    contractType: o?.contractType || '',
    contractMonths: o?.contractMonths ?? '',
    startDate: o?.startDate || '',
    closingDate: o?.closingDate || '',
    reservedForPoor: o?.reservedForPoor || false,
    status: 'open',
  });
  const set = (k) => (e) =>
    setV({ ...v, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const num = (x) => (x === '' || x === undefined ? undefined : Number(x));
  const save = useSubmit(async () => {
    const body = {
      title: v.title.trim(),
      occupationCode: v.occupationCode || undefined,
      requiredSkills: v.requiredSkills
        .filter((s) => s.code)
        .map((s) => ({ code: s.code, minLevel: Number(s.minLevel), certificateRequired: !!s.certificateRequired })),
      description: v.description.trim() || undefined,
      worksiteRegionCode: v.worksiteRegionCode || undefined,
      headcount: num(v.headcount),
      wageMin: num(v.wageMin),
      wageMax: num(v.wageMax),
      benefits: v.benefits,
      hours: v.hours.trim() || undefined,
      contractType: v.contractType || undefined,
      contractMonths: num(v.contractMonths),
      startDate: v.startDate || undefined,
      closingDate: v.closingDate || undefined,
      reservedForPoor: v.reservedForPoor,
    };
    if (o) {
      const saved = await api.patch(`/openings/${o.id}`, body);
      onSaved?.(saved);
      return saved;
    }
    const created = await api.post('/openings', { employerId, ...body, status: v.status });
    location.hash = '#/openings/' + created.id + '/applicants';
    return created;
  });
  const err = (name) => fieldError(save.error, name);
  const setSkill = (i, patch) =>
    setV({ ...v, requiredSkills: v.requiredSkills.map((s, k) => (k === i ? { ...s, ...patch } : s)) });
  return html`${
    o
      ? html`<h2>${t('opening.edit')}</h2>`
      : html`<p><a href="#/openings">← ${t('openings.title')}</a></p>
          <h1>${t('openings.new')}</h1>`
  }
    <form class="form" novalidate onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}>
      <${Field} label=${t('opening.titleField')} error=${err('title')}>
        ${(p) => html`<input ...${p} name="title" required value=${v.title} onInput=${set('title')} />`}
      </${Field}>
      <${SkillPicker} label=${t('opening.occupation')} value=${v.occupationCode} error=${err('occupationCode')}
        onChange=${(code) => setV({ ...v, occupationCode: code, requiredSkills: v.requiredSkills.length || !code ? v.requiredSkills : [{ code, minLevel: 1, certificateRequired: false }] })} />
      <fieldset class="group">
        <legend>${t('opening.requiredSkills')}</legend>
        ${v.requiredSkills.length === 0 ? html`<p class="hint">${t('opening.noRequired')}</p>` : null}
        ${v.requiredSkills.map(
          (s, i) =>
            html`<div class="subcard">
              <${SkillPicker}
                label=${t('opening.skillN', { n: i + 1 })}
                value=${s.code}
                error=${err(`requiredSkills/${i}/code`)}
                onChange=${(code) => setSkill(i, { code })}
              />
              <div class="row">
                <${LevelSelect}
                  label=${t('opening.minLevel')}
                  value=${s.minLevel}
                  error=${err(`requiredSkills/${i}/minLevel`)}
                  onChange=${(minLevel) => setSkill(i, { minLevel })}
                />
                <label class="check"
                  ><input
                    type="checkbox"
                    checked=${s.certificateRequired}
                    onChange=${(e) => setSkill(i, { certificateRequired: e.currentTarget.checked })}
                  />
                  ${t('opening.certRequired')}</label
                >
              </div>
              <button
                type="button"
                class="link"
                onClick=${() => setV({ ...v, requiredSkills: v.requiredSkills.filter((_, k) => k !== i) })}
              >
                ✕ ${t('act.remove')}
              </button>
            </div>`,
        )}
        <button type="button" class="secondary" onClick=${() => setV({ ...v, requiredSkills: [...v.requiredSkills, { code: '', minLevel: 1, certificateRequired: false }] })}>＋ ${t('opening.addSkill')}</button>
      </fieldset>
      <${WorksitePicker} label=${t('opening.worksite')} value=${v.worksiteRegionCode} error=${err('worksiteRegionCode')} onChange=${(code) => setV({ ...v, worksiteRegionCode: code })} />
      ${o ? html`<p>${t('opening.tierNow')}: <${TierBadge} tier=${o.tier} /></p>` : null}
      <div class="row">
        <${Field} label=${t('opening.headcount')} error=${err('headcount')}>
          ${(p) => html`<input ...${p} type="number" inputmode="numeric" min="1" value=${v.headcount} onInput=${set('headcount')} />`}
        </${Field}>
        <${Field} label=${t('opening.wageMin')} error=${err('wageMin')}>
          ${(p) => html`<input ...${p} type="number" inputmode="numeric" min="0" step="100" value=${v.wageMin} onInput=${set('wageMin')} />`}
        </${Field}>
        <${Field} label=${t('opening.wageMax')} error=${err('wageMax')}>
          ${(p) => html`<input ...${p} type="number" inputmode="numeric" min="0" step="100" value=${v.wageMax} onInput=${set('wageMax')} />`}
        </${Field}>
      </div>
      <fieldset class="checks">
        <legend>${t('search.benefits')}</legend>
        ${['housing', 'meals', 'socialInsurance'].map(
          (b) =>
            html`<label
              ><input
                type="checkbox"
                checked=${v.benefits[b]}
                onChange=${(e) => setV({ ...v, benefits: { ...v.benefits, [b]: e.currentTarget.checked } })}
              />
              ${t('benefit.' + b)}</label
            >`,
        )}
        <label><input type="checkbox" checked=${v.reservedForPoor} onChange=${set('reservedForPoor')} /> ${t('opening.reservedLong')}</label>
      </fieldset>
      <div class="row">
        <${Field} label=${t('opening.contractType')} error=${err('contractType')}>
          ${(p) =>
            html`<select ...${p} value=${v.contractType} onChange=${set('contractType')}>
              <option value="">${t('place.choose')}</option>
              ${CONTRACTS.map((c) => html`<option value=${c}>${t('contract.' + c)}</option>`)}
            </select>`}
        </${Field}>
        <${Field} label=${t('opening.contractMonths')} error=${err('contractMonths')}>
          ${(p) => html`<input ...${p} type="number" inputmode="numeric" min="1" value=${v.contractMonths} onInput=${set('contractMonths')} />`}
        </${Field}>
      </div>
      <${Field} label=${t('opening.hours')} error=${err('hours')}>
        ${(p) => html`<input ...${p} value=${v.hours} onInput=${set('hours')} placeholder=${t('opening.hoursHint')} />`}
      </${Field}>
      <div class="row">
        <${Field} label=${t('opening.startDate')} error=${err('startDate')}>
          ${(p) => html`<input ...${p} type="date" value=${v.startDate} onInput=${set('startDate')} />`}
        </${Field}>
        <${Field} label=${t('opening.closingDate')} error=${err('closingDate')}>
          ${(p) => html`<input ...${p} type="date" value=${v.closingDate} onInput=${set('closingDate')} />`}
        </${Field}>
      </div>
      <${Field} label=${t('opening.description')} error=${err('description')}>
        ${(p) => html`<textarea ...${p} rows="4" value=${v.description} onInput=${set('description')}></textarea>`}
      </${Field}>
      ${
        o
          ? null
          : html`<${Field} label=${t('opening.publish')}>
        ${(p) =>
          html`<select ...${p} value=${v.status} onChange=${set('status')}>
            <option value="open">${t('opening.publishNow')}</option>
            <option value="draft">${t('opening.saveDraft')}</option>
          </select>`}
      </${Field}>`
      }
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done && o ? t('saved') : null}</${Notice}>
      <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : o ? t('act.save') : t('openings.create')}</button>
    </form>
    ${o ? null : html`<${Empty}>${t('opening.tierNote')}</${Empty}>`}`;
}
