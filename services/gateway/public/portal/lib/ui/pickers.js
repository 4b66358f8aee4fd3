/* global setTimeout, clearTimeout */
// Pickers fed by the reference data or the API: skills, the county's villages, worksites anywhere.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { getLang, t } from '../i18n.js';
import { TierBadge } from './badges.js';
import { Field } from './forms.js';
import { previewTier, skillName, useReference } from './reference.js';
import { describeError, Loading } from './state.js';

/** Skill typeahead over GET /taxonomy/skills (Chinese, pinyin, initials, English). */
export function SkillPicker({ label, value, onChange, error }) {
  const [text, setText] = useState('');
  const [items, setItems] = useState([]);
  const [problem, setProblem] = useState(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setItems([]);
      return undefined;
    }
    const timer = setTimeout(() => {
      api.get('/taxonomy/skills', { q, limit: 8 }).then(
        (r) => {
          setItems(r.items);
          setProblem(null);
          setOpen(true);
        },
        (e) => setProblem(e),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [text]);
  return html`<${Field} label=${label} error=${error} hint=${t('skill.hint')}>
    ${(p) =>
      html`<div class="typeahead">
        ${
          value
            ? html`<p class="chosen">
                <span>${skillName(value)}</span>
                <button type="button" class="link" onClick=${() => onChange('')} aria-label=${t('act.clearSkill')}>
                  ✕ ${t('act.clear')}
                </button>
              </p>`
            : html`<input
                ...${p}
                type="search"
                autocomplete="off"
                role="combobox"
                aria-expanded=${open && items.length > 0 ? 'true' : 'false'}
                aria-autocomplete="list"
                value=${text}
                onInput=${(e) => setText(e.currentTarget.value)}
                placeholder=${t('skill.placeholder')}
              />`
        }
        ${problem ? html`<small class="field-error">${describeError(problem).title}</small>` : null}
        ${
          !value && open && items.length
            ? html`<ul class="options" role="listbox" aria-label=${label}>
                ${items.map(
                  (s) =>
                    html`<li role="option" aria-selected="false">
                      <button
                        type="button"
                        onClick=${() => {
                          onChange(s.code);
                          setText('');
                          setOpen(false);
                        }}
                      >
                        ${getLang() === 'en' ? s.nameEn : s.nameZh}
                        <small>
                          ·
                          ${getLang() === 'en' ? s.nameZh : s.nameEn}${s.certificate ? ' · ' + t('skill.cert') : ''}</small
                        >
                      </button>
                    </li>`,
                )}
              </ul>`
            : null
        }
        ${!value && open && text.trim() && !items.length && !problem ? html`<small class="hint">${t('skill.none')}</small>` : null}
      </div>`}
  </${Field}>`;
}

/**
 * Township then village of the home county; `scope` limits to an officer's regions. A new township
 * clears the village (`onChange('')`) and is told to `onTownship` when given. With `wholeCounty` the
 * first choice is the county itself (told to `onTownship` as the county's code), for what is county-wide.
 */
export function VillagePicker({ label, value, onChange, onTownship, error, scope, wholeCounty }) {
  const ref = useReference();
  const [town, setTown] = useState(value ? value.slice(0, 9) : '');
  if (!ref) return html`<${Loading} />`;
  const inScope = (code) => !scope?.length || scope.some((s) => code.startsWith(s) || s.startsWith(code));
  const towns = ref.townships.filter((tw) => inScope(tw.code));
  const villages = towns.find((tw) => tw.code === town)?.villages.filter(([c]) => inScope(c)) ?? [];
  return html`<fieldset class="group">
    <legend>${label}</legend>
    <${Field} label=${t('place.township')}>
      ${(p) =>
        html`<select
          ...${p}
          value=${town}
          onChange=${(e) => {
            setTown(e.currentTarget.value);
            onChange('');
            onTownship?.(e.currentTarget.value);
          }}
        >
          <option value="">${t('place.choose')}</option>
          ${wholeCounty ? html`<option value=${ref.homeCounty}>${t('place.wholeCounty', { name: ref.homeCountyName })}</option>` : null}
          ${towns.map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
        </select>`}
    </${Field}>
    <${Field} label=${t('place.village')} error=${error}>
      ${(p) =>
        html`<select
          ...${p}
          value=${value}
          disabled=${!town || town === ref.homeCounty}
          onChange=${(e) => onChange(e.currentTarget.value)}
        >
          <option value="">${t('place.choose')}</option>
          ${villages.map(([c, n]) => html`<option value=${c}>${n}</option>`)}
        </select>`}
    </${Field}>
  </fieldset>`;
}

/** Province → city → county for a worksite anywhere in China. */
export function WorksitePicker({ label, value, onChange, error }) {
  const ref = useReference();
  const [prov, setProv] = useState(value ? value.slice(0, 2) : '');
  const [city, setCity] = useState(value ? value.slice(0, 4) : '');
  if (!ref) return html`<${Loading} />`;
  const cities = ref.provinces.find((p) => p[0] === prov)?.[2] ?? [];
  const counties = cities.find((c) => c[0] === city)?.[2] ?? [];
  const county = value ? value.slice(0, 6) : '';
  return html`<fieldset class="group">
    <legend>${label}</legend>
    <${Field} label=${t('place.province')}>
      ${(p) =>
        html`<select
          ...${p}
          value=${prov}
          onChange=${(e) => {
            setProv(e.currentTarget.value);
            setCity('');
            onChange('');
          }}
        >
          <option value="">${t('place.choose')}</option>
          ${ref.provinces.map(([c, n]) => html`<option value=${c}>${n}</option>`)}
        </select>`}
    </${Field}>
    <${Field} label=${t('place.city')}>
      ${(p) =>
        html`<select
          ...${p}
          value=${city}
          disabled=${!prov}
          onChange=${(e) => {
            setCity(e.currentTarget.value);
            onChange('');
          }}
        >
          <option value="">${t('place.choose')}</option>
          ${cities.map(([c, n]) => html`<option value=${c}>${n}</option>`)}
        </select>`}
    </${Field}>
    <${Field} label=${t('place.county')} error=${error}>
      ${(p) =>
        html`<select ...${p} value=${county} disabled=${!city} onChange=${(e) => onChange(e.currentTarget.value)}>
          <option value="">${t('place.choose')}</option>
          ${counties.map(([c, n]) => html`<option value=${c}>${n}</option>`)}
        </select>`}
    </${Field}>
    ${
      value && previewTier(value)
        ? html`<p class="hint">${t('opening.tierDerived')}: <${TierBadge} tier=${previewTier(value)} /></p>`
        : null
    }
  </fieldset>`;
}
