// The worker's own profile (ADR 0020): the phone and the preferences they may change themselves.
import { useState } from 'preact/hooks';
import {
  Async,
  ErrorBox,
  Field,
  fieldError,
  html,
  LevelSelect,
  Notice,
  placeName,
  SkillPicker,
  t,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';

const TIERS = ['in_county', 'in_province', 'out_of_province'];
const STATUSES = ['seeking', 'employed', 'in_training', 'not_seeking'];

export function MyProfile({ session }) {
  const state = useAsync(() => api.get(`/workers/${session.workerId}`), []);
  return html`<h1>${t('me.title')}</h1>
    <${Async} state=${state}>
      ${(w) =>
        html`<p class="hint">
            ${w.name} · ${t('worker.idNumber')}: ${w.idNumber} · ${t('worker.village')}:
            ${placeName(w.homeVillageCode, w.homeVillageName)}
          </p>
          <p class="hint">${t('me.identityHint')}</p>
          <${PhoneForm} worker=${w} onSaved=${state.setData} />
          <${PreferencesForm} worker=${w} onSaved=${state.setData} />`}
    </${Async}>`;
}

function PhoneForm({ worker, onSaved }) {
  const [phone, setPhone] = useState('');
  const pending = (worker.pendingChanges || []).find((c) => c.field === 'phone');
  const save = useSubmit(async () => {
    const saved = await api.patch(`/workers/${worker.id}`, { phone: phone.trim() || undefined });
    setPhone('');
    onSaved(saved);
    return saved;
  });
  return html`<section aria-labelledby="me-phone">
    <h2 id="me-phone">${t('worker.phone')}</h2>
    <p>${worker.phone}</p>
    ${pending ? html`<p class="badge warn">${t('me.phonePending', { phone: pending.value })}</p>` : null}
    <form class="form" novalidate onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}>
      <${Field} label=${t('me.newPhone')} hint=${t('me.phoneHint')} error=${fieldError(save.error, 'phone')}>
        ${(p) =>
          html`<input
            ...${p}
            name="phone"
            type="tel"
            inputmode="numeric"
            autocomplete="tel"
            maxlength="11"
            value=${phone}
            onInput=${(e) => setPhone(e.currentTarget.value)}
          />`}
      </${Field}>
      <div class="actions">
        <button type="submit" disabled=${save.busy || !phone.trim()}>${t('me.proposePhone')}</button>
      </div>
      <${ErrorBox} error=${save.error} />
    </form>
  </section>`;
}

function PreferencesForm({ worker: w, onSaved }) {
  const [v, setV] = useState({
    skills: w.skills.map((s) => ({ ...s })),
    tiers: w.tierPreferences,
    expectedMinWage: w.expectedMinWage ?? '',
    availableFrom: w.availableFrom || '',
    employmentStatus: w.employmentStatus,
  });
  const save = useSubmit(async () => {
    const saved = await api.patch(`/workers/${w.id}`, {
      skills: v.skills
        .filter((s) => s.code)
        .map((s) => ({
          code: s.code,
          level: Number(s.level),
          ...(s.years !== undefined ? { years: s.years } : {}),
          ...(s.certificateNo ? { certificateNo: s.certificateNo } : {}),
        })),
      tierPreferences: v.tiers,
      ...(v.expectedMinWage === '' ? {} : { expectedMinWage: Number(v.expectedMinWage) }),
      ...(v.availableFrom ? { availableFrom: v.availableFrom } : {}),
      employmentStatus: v.employmentStatus,
    });
    onSaved(saved);
    return saved;
  });
  const err = (n) => fieldError(save.error, n);
  const setSkill = (i, patch) => setV({ ...v, skills: v.skills.map((s, k) => (k === i ? { ...s, ...patch } : s)) });
  const toggleTier = (tier) =>
    setV({ ...v, tiers: v.tiers.includes(tier) ? v.tiers.filter((x) => x !== tier) : [...v.tiers, tier] });
  return html`<section aria-labelledby="me-prefs">
    <h2 id="me-prefs">${t('me.prefs')}</h2>
    <form class="form" novalidate onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}>
      <fieldset>
        <legend>${t('worker.skills')}</legend>
        ${v.skills.map(
          (s, i) =>
            html`<div class="row">
              <${SkillPicker}
                label=${t('opening.skillN', { n: i + 1 })}
                value=${s.code}
                error=${err(`skills/${i}/code`)}
                onChange=${(code) => setSkill(i, { code })}
              />
              <${LevelSelect}
                label=${t('worker.level')}
                value=${s.level}
                error=${err(`skills/${i}/level`)}
                onChange=${(level) => setSkill(i, { level })}
              />
              <button
                type="button"
                class="link"
                onClick=${() => setV({ ...v, skills: v.skills.filter((_, k) => k !== i) })}
              >
                ✕ ${t('act.remove')}
              </button>
            </div>`,
        )}
        <button type="button" class="secondary" onClick=${() => setV({ ...v, skills: [...v.skills, { code: '', level: 1 }] })}>
          ＋ ${t('opening.addSkill')}
        </button>
      </fieldset>
      <fieldset>
        <legend>${t('worker.tiers')}</legend>
        ${TIERS.map(
          (tier) =>
            html`<label class="check"
              ><input type="checkbox" checked=${v.tiers.includes(tier)} onChange=${() => toggleTier(tier)} />
              ${t('tier.' + tier)}</label
            >`,
        )}
        ${err('tierPreferences') ? html`<small class="field-error">⚠ ${err('tierPreferences')}</small>` : null}
      </fieldset>
      <${Field} label=${t('worker.expectedWage')} error=${err('expectedMinWage')}>
        ${(p) =>
          html`<input
            ...${p}
            type="number"
            min="0"
            step="100"
            inputmode="numeric"
            value=${v.expectedMinWage}
            onInput=${(e) => setV({ ...v, expectedMinWage: e.currentTarget.value })}
          />`}
      </${Field}>
      <${Field} label=${t('worker.availableFrom')} error=${err('availableFrom')}>
        ${(p) =>
          html`<input
            ...${p}
            type="date"
            value=${v.availableFrom}
            onInput=${(e) => setV({ ...v, availableFrom: e.currentTarget.value })}
          />`}
      </${Field}>
      <${Field} label=${t('worker.employment')} error=${err('employmentStatus')}>
        ${(p) =>
          html`<select
            ...${p}
            value=${v.employmentStatus}
            onChange=${(e) => setV({ ...v, employmentStatus: e.currentTarget.value })}
          >
            ${STATUSES.map((s) => html`<option value=${s}>${t('emp_status.' + s)}</option>`)}
          </select>`}
      </${Field}>
      <div class="actions"><button type="submit" disabled=${save.busy}>${t('act.save')}</button></div>
      ${save.done ? html`<${Notice}>${t('me.saved')}</${Notice}>` : null}
      <${ErrorBox} error=${save.error} />
    </form>
  </section>`;
}
