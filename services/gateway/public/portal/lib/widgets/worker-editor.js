/* global location */
// Registering or editing a worker: the new-worker screen and the worker's edit tab share it.
import { useState } from 'preact/hooks';
import {
  ErrorBox,
  Field,
  fieldError,
  html,
  LevelSelect,
  Notice,
  SkillPicker,
  t,
  useSubmit,
  VillagePicker,
} from '../ui.js';
import { api } from '../api.js';

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

export function WorkerEditor({ session, worker, onSaved }) {
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
