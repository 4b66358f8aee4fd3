/* global location */
// An opening's status moves and its editor, shared by the list, the detail and the new-opening screen.
import { useState } from 'preact/hooks';
import {
  Empty,
  ErrorBox,
  Field,
  fieldError,
  html,
  LevelSelect,
  Notice,
  SkillPicker,
  t,
  TierBadge,
  useSubmit,
  WorksitePicker,
} from '../ui.js';
import { api } from '../api.js';

/** Publish, pause, resume or close: the moves the API allows from each status. */
const MOVES = {
  draft: ['open', 'closed'],
  open: ['paused', 'closed'],
  paused: ['open', 'closed'],
  filled: ['closed'],
  closed: [],
};

export function StatusMoves({ o, onChange }) {
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

const CONTRACTS = ['fixed_term', 'open_ended', 'seasonal', 'part_time', 'dispatch'];

export function OpeningEditor({ employerId, opening, onSaved }) {
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
