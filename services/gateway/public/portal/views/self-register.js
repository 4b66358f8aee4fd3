// 自助登记: a person not in the registry asks to be registered (no account, no token). Phone first;
// the answer is the same whether or not the ID number is already registered (ADR 0015).
import { useState } from 'preact/hooks';
import { request } from '../lib/api.js';
import { ErrorBox, Field, LevelSelect, SkillPicker, VillagePicker, fieldError, html, t, useSubmit } from '../lib/ui.js';

/** The version of the data notice the registry records consent to (as officers register). */
export const CONSENT_VERSION = '2026-1';
const TIERS = ['in_county', 'in_province', 'out_of_province'];

export function SelfRegister() {
  const [v, setV] = useState({
    phone: '',
    name: '',
    idNumber: '',
    homeVillageCode: '',
    householdNo: '',
    skill: '',
    level: 2,
    tiers: ['in_county'],
    consent: false,
  });
  const set = (k) => (e) =>
    setV({ ...v, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const send = useSubmit(async () => {
    if (!v.consent)
      throw Object.assign(new Error('consent'), {
        status: 400,
        errors: [{ field: 'consent', message: t('reg.consentNeeded') }],
      });
    return request(
      'POST',
      '/registration-requests',
      {
        phone: v.phone.replace(/[\s-]/g, ''),
        name: v.name.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        homeVillageCode: v.homeVillageCode,
        ...(v.householdNo.trim() ? { householdNo: v.householdNo.trim() } : {}),
        ...(v.skill ? { skills: [{ code: v.skill, level: v.level }] } : {}),
        ...(v.tiers.length ? { tierPreferences: v.tiers } : {}),
        consent: { version: CONSENT_VERSION },
      },
      { anonymous: true },
    );
  });
  const err = (name) => fieldError(send.error, name);
  if (send.done)
    return html`<main id="main" class="signin" tabindex="-1">
      <h1>${t('reg.title')}</h1>
      <div class="state" role="status">
        <p><strong>${t('reg.received')}</strong></p>
        <p>${t('reg.receivedNext')}</p>
      </div>
      <p><a href="#/">${t('reg.back')}</a></p>
    </main>`;
  return html`<main id="main" class="signin" tabindex="-1">
    <h1>${t('reg.title')}</h1>
    <p class="lead">${t('reg.lead')}</p>
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        send.submit();
      }}
    >
      <${Field} label=${t('field.phone')} error=${err('phone')}>
        ${(p) => html`<input ...${p} name="phone" type="tel" inputmode="numeric" autocomplete="tel" required maxlength="13" value=${v.phone} onInput=${set('phone')} />`}
      </${Field}>
      <${Field} label=${t('reg.name')} error=${err('name')}>
        ${(p) => html`<input ...${p} name="name" autocomplete="name" required maxlength="50" value=${v.name} onInput=${set('name')} />`}
      </${Field}>
      <${Field} label=${t('field.idNumber')} error=${err('idNumber') || err('gender') || err('birthDate')} hint=${t('reg.idHint')}>
        ${(p) => html`<input ...${p} name="idNumber" required minlength="18" maxlength="18" autocomplete="off" value=${v.idNumber} onInput=${set('idNumber')} />`}
      </${Field}>
      <${VillagePicker}
        label=${t('field.homeVillageCode')}
        value=${v.homeVillageCode}
        onChange=${(code) => setV((x) => ({ ...x, homeVillageCode: code }))}
        error=${err('homeVillageCode')}
      />
      <${Field} label=${t('reg.householdNo')} error=${err('householdNo')} hint=${t('reg.householdHint')}>
        ${(p) => html`<input ...${p} name="householdNo" maxlength="40" value=${v.householdNo} onInput=${set('householdNo')} />`}
      </${Field}>
      <${SkillPicker} label=${t('reg.skill')} value=${v.skill} onChange=${(code) => setV((x) => ({ ...x, skill: code }))} error=${err('skills')} />
      ${v.skill ? html`<${LevelSelect} label=${t('field.skills.level')} value=${v.level} onChange=${(n) => setV((x) => ({ ...x, level: n }))} />` : null}
      <fieldset class="group">
        <legend>${t('reg.tiers')}</legend>
        ${TIERS.map(
          (tier) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name=${'tier-' + tier}
                checked=${v.tiers.includes(tier)}
                onChange=${(e) =>
                  setV((x) => ({
                    ...x,
                    tiers: e.currentTarget.checked ? [...x.tiers, tier] : x.tiers.filter((y) => y !== tier),
                  }))}
              />
              ${t('tier.' + tier)}</label
            >`,
        )}
      </fieldset>
      <label class="check"
        ><input type="checkbox" name="consent" checked=${v.consent} onChange=${set('consent')} /> ${t('reg.consent')}</label
      >
      ${err('consent') ? html`<small class="field-error">⚠ ${t('reg.consentNeeded')}</small>` : null}
      <${ErrorBox} error=${send.error} />
      <button type="submit" disabled=${send.busy}>${send.busy ? t('state.working') : t('reg.submit')}</button>
    </form>
    <p><a href="#/">${t('reg.back')}</a></p>
  </main>`;
}
