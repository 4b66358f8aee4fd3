/* global setTimeout, clearTimeout */
// Shared pieces of the portal: async state, the clear states (loading, empty, error), badges,
// form fields, pickers fed by the reference data, and small charts that always show their numbers.
import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from './api.js';
import { countyDate, countyDateTime } from './county-date.js';
import { getLang, t } from './i18n.js';

export { html, t };

// ---------- formatting ----------

export function money(n) {
  if (n === undefined || n === null) return '—';
  return '¥' + Math.round(n).toLocaleString(getLang() === 'en' ? 'en-US' : 'zh-CN');
}
export function wageRange(min, max) {
  return min === max ? money(min) : `${money(min)}–${money(max)}`;
}
export function day(iso) {
  return iso ? String(iso).slice(0, 10) : '—';
}
export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(getLang() === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
}
export function percent(rate) {
  return rate === undefined || rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}
/** An instant as 'YYYY-MM-DD HH:MM' in the county (its UTC offset from the reference data), not the browser's zone. */
export function countyTime(iso) {
  return iso ? countyDateTime(iso, refData?.utcOffsetMinutes) : '—';
}
/** Today in the county (its UTC offset from the reference data), not in UTC or the browser's zone. */
export function today() {
  return countyDate(Date.now(), refData?.utcOffsetMinutes);
}

// ---------- reference data (skill and place names) ----------

let refPromise = null;
let refData = null;
export function loadReference() {
  if (!refPromise) {
    refPromise = fetch('/portal/ref.json')
      .then((r) => (r.ok ? r.json() : Promise.reject(new ApiError(r.status, null))))
      .then((data) => {
        refData = data;
        const names = new Map();
        for (const town of data.townships) {
          names.set(town.code, town.name);
          for (const [code, name] of town.villages) names.set(code, name);
        }
        for (const [pc, pn, cities] of data.provinces) {
          names.set(pc, pn);
          for (const [cc, cn, counties] of cities) {
            names.set(cc, cn);
            for (const [kc, kn] of counties) names.set(kc, kn);
          }
        }
        data.names = names;
        return data;
      })
      .catch((e) => {
        refPromise = null;
        throw e;
      });
  }
  return refPromise;
}
/** The reference data once loaded (re-renders the caller when it arrives). */
export function useReference() {
  const [data, setData] = useState(refData);
  useEffect(() => {
    if (!refData) loadReference().then(setData, () => setData(null));
  }, []);
  return data;
}
export function skillName(code) {
  const s = refData?.skills[code];
  if (!s) return code;
  return getLang() === 'en' ? s[1] : s[0];
}
export function categoryName(code) {
  return t('cat.' + code, { fallback: t('cat.other') });
}
/** A place by code: village with its township, or county with its province. */
export function placeName(code, fallbackName) {
  if (!code) return '—';
  const names = refData?.names;
  if (!names) return fallbackName || '…';
  if (code.length === 12) return `${names.get(code.slice(0, 9)) ?? ''}${names.get(code) ?? fallbackName ?? ''}`;
  if (code.length === 9) return names.get(code) ?? fallbackName ?? '—';
  const parts = [code.slice(0, 2), code.slice(0, 4), code.slice(0, 6)].filter((c) => c.length <= code.length);
  const found = parts.map((c) => names.get(c)).filter(Boolean);
  return found.length ? found.slice(-2).join(' ') : (fallbackName ?? '—');
}
/** Tier the API will derive, shown before saving (the API's own value wins after). */
export function previewTier(code) {
  if (!refData || !code || code.length < 6) return undefined;
  if (code.slice(0, 6) === refData.homeCounty) return 'in_county';
  if (code.slice(0, 2) === refData.homeCounty.slice(0, 2)) return 'in_province';
  return 'out_of_province';
}

// ---------- async state ----------

/** Runs `load` when deps change; { data, error, loading, reload, setData }. */
export function useAsync(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(load)
      .then(
        (data) => mine === seq.current && setState({ data, error: null, loading: false }),
        (error) => mine === seq.current && setState({ data: undefined, error, loading: false }),
      );
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run, setData: (data) => setState((s) => ({ ...s, data })) };
}

export function Loading({ label }) {
  return html`<p class="state loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span>${label || t('state.loading')}
  </p>`;
}
export function Empty({ children }) {
  return html`<p class="state empty" role="status">
    <span aria-hidden="true">ⓘ </span>${children || t('state.empty')}
  </p>`;
}

/** What went wrong, in words, and what to do about it; with the API's own detail and field list. */
export function describeError(error) {
  const status = error?.status ?? -1;
  if (status === 0) return { title: t('err.network'), action: t('err.network.do') };
  if (status === 503) return { title: t('err.unavailable'), action: t('err.unavailable.do') };
  if (status === 404 && error.code === 'ROUTE_NOT_FOUND')
    return { title: t('err.notBuilt'), action: t('err.notBuilt.do') };
  if (status === 404) return { title: t('err.notFound'), action: t('err.notFound.do') };
  if (status === 401) return { title: t('err.auth'), action: t('err.auth.do') };
  if (status === 403) return { title: t('err.forbidden'), action: t('err.forbidden.do') };
  if (status === 409) return { title: t('err.conflict'), action: t('err.conflict.do') };
  if (status === 429) return { title: t('err.rate'), action: t('err.rate.do') };
  if (status === 400 || status === 422 || status === 413 || status === 415)
    return { title: t('err.input'), action: t('err.input.do') };
  return { title: t('err.server'), action: t('err.server.do') };
}

export function ErrorBox({ error, onRetry, fieldLabels }) {
  if (!error) return null;
  const { title, action } = describeError(error);
  const unavailable = error.status === 503 || (error.status === 404 && error.code === 'ROUTE_NOT_FOUND');
  return html`<div class=${'state error' + (unavailable ? ' unavailable' : '')} role="alert">
    <p>
      <strong><span aria-hidden="true">${unavailable ? '⏸ ' : '⚠ '}</span>${title}</strong>
    </p>
    <p>${action}</p>
    ${error.detail && !unavailable ? html`<p class="detail">${t('err.detail')}: ${scrub(error.detail)}</p>` : null}
    ${
      error.errors?.length
        ? html`<ul class="field-errors">
            ${error.errors.map(
              (e) => html`<li>${fieldLabels?.[e.field] || fieldLabel(e.field)}: ${scrub(e.message)}</li>`,
            )}
          </ul>`
        : null
    }
    ${
      onRetry && error.status !== 400 && error.status !== 422
        ? html`<button type="button" class="secondary" onClick=${onRetry}>${t('act.retry')}</button>`
        : null
    }
  </div>`;
}
// Problem details may name records by id; a person needs the words, not the id.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
export function scrub(text) {
  return String(text ?? '').replace(UUID, '…');
}
function fieldLabel(path) {
  const key = 'field.' + String(path).replace(/\/\d+/g, '').replace(/\//g, '.');
  return t(key, { fallback: path });
}

/** Loading, error, empty or the content; `children` is a function of the data. */
export function Async({ state, isEmpty, empty, children, label }) {
  if (state.loading && state.data === undefined) return html`<${Loading} label=${label} />`;
  if (state.error) return html`<${ErrorBox} error=${state.error} onRetry=${state.reload} />`;
  if (state.data === undefined) return null;
  if (isEmpty && isEmpty(state.data)) return html`<${Empty}>${empty}</${Empty}>`;
  return children(state.data);
}

// ---------- badges: never colour alone, always a word and a sign ----------

const STATUS_ICON = {
  submitted: '◔',
  screening: '◑',
  interview: '◕',
  offered: '✉',
  hired: '✓',
  rejected: '✕',
  withdrawn: '↩',
  open: '●',
  draft: '✎',
  paused: '⏸',
  filled: '✓',
  closed: '■',
  pending: '⏳',
  verified: '✓',
  suspended: '⛔',
  eligible: '◔',
  approved: '✓',
  paid: '✓✓',
  enrolled: '✎',
  attending: '◑',
  completed: '✓',
  failed: '✕',
  dropped: '↩',
  scheduled: '◔',
  running: '▶',
  finished: '■',
  cancelled: '✕',
};
const STATUS_TONE = {
  hired: 'good',
  verified: 'good',
  approved: 'good',
  paid: 'good',
  completed: 'good',
  open: 'good',
  rejected: 'bad',
  failed: 'bad',
  suspended: 'bad',
  cancelled: 'bad',
  closed: 'muted',
  withdrawn: 'muted',
  dropped: 'muted',
  paused: 'warn',
  pending: 'warn',
};
export function StatusBadge({ status, kind = 'status' }) {
  return html`<span class=${'badge ' + (STATUS_TONE[status] || 'info')}>
    <span aria-hidden="true">${STATUS_ICON[status] || '•'} </span>${t(kind + '.' + status)}
  </span>`;
}
const TIER_ICON = { in_county: '⌂', in_province: '◇', out_of_province: '✈' };
export function TierBadge({ tier }) {
  return html`<span class=${'badge tier ' + tier}
    ><span aria-hidden="true">${TIER_ICON[tier]} </span>${t('tier.' + tier)}</span
  >`;
}
export function PriorityBadges({ worker }) {
  return html`${
    worker.householdStatus === 'registered_poor'
      ? html`<span class="badge flag">${t('hh.registered_poor')}</span>`
      : null
  }${worker.householdStatus === 'monitored' ? html`<span class="badge flag">${t('hh.monitored')}</span>` : null}${
    worker.relocated ? html`<span class="badge flag">${t('worker.relocated')}</span>` : null
  }`;
}

// ---------- forms ----------

let fieldSeq = 0;
/** A labelled field; `error` comes from the problem's `errors` for this field name. */
export function Field({ label, error, hint, children, id }) {
  const [fid] = useState(() => id || 'f' + ++fieldSeq);
  const described = [hint ? fid + '-hint' : '', error ? fid + '-err' : ''].filter(Boolean).join(' ') || undefined;
  const child =
    typeof children === 'function'
      ? children({ id: fid, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined })
      : children;
  return html`<div class=${'field' + (error ? ' invalid' : '')}>
    <label for=${fid}>${label}</label>
    ${child} ${hint ? html`<small id=${fid + '-hint'} class="hint">${hint}</small>` : null}
    ${error ? html`<small id=${fid + '-err'} class="field-error"><span aria-hidden="true">⚠ </span>${error}</small>` : null}
  </div>`;
}
export function fieldError(error, name) {
  const hit = error?.errors?.find((e) => e.field === name || e.field.startsWith(name + '/'));
  return hit ? hit.message : undefined;
}

/** Form submit helper: busy flag, the last error, and a success note. */
export function useSubmit(action) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const submit = async (...args) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await action(...args);
      setDone(result ?? true);
      return result;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, submit, setError, setDone };
}

/** A skill level 1–5 (初级 … 高级技师) as a labelled select; `onChange` gets the number. */
export function LevelSelect({ label, value, onChange, error }) {
  return html`<${Field} label=${label} error=${error}>
    ${(p) =>
      html`<select ...${p} value=${String(value)} onChange=${(e) => onChange(Number(e.currentTarget.value))}>
        ${[1, 2, 3, 4, 5].map((n) => html`<option value=${String(n)}>${t('skill.level', { n })}</option>`)}
      </select>`}
  </${Field}>`;
}

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
 * clears the village (`onChange('')`) and is told to `onTownship` when given.
 */
export function VillagePicker({ label, value, onChange, onTownship, error, scope }) {
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
          ${towns.map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
        </select>`}
    </${Field}>
    <${Field} label=${t('place.village')} error=${error}>
      ${(p) =>
        html`<select ...${p} value=${value} disabled=${!town} onChange=${(e) => onChange(e.currentTarget.value)}>
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

// ---------- charts: bars and a column chart, with the values written out ----------

/** Horizontal bars, one per item, each with its value in text. */
export function BarList({ items, format = (v) => String(v), max, label }) {
  const top = max ?? Math.max(1, ...items.map((i) => i.value));
  return html`<ul class="bars" aria-label=${label}>
    ${items.map(
      (i) =>
        html`<li>
          <span class="bar-label">${i.label}</span>
          <span class="bar-track" aria-hidden="true"
            ><span class="bar-fill" style=${`width:${Math.max(0, Math.min(100, (i.value / top) * 100))}%`}></span
          ></span>
          <span class="bar-value">${i.text ?? format(i.value)}</span>
        </li>`,
    )}
  </ul>`;
}

/** Columns over time as inline SVG, with a text list of the same figures beside it. */
export function ColumnChart({ items, label, seriesLabels }) {
  const top = Math.max(1, ...items.map((i) => i.value));
  const w = 28;
  const h = 120;
  return html`<figure class="columns">
    <svg viewBox=${`0 -14 ${items.length * w + 4} ${h + 34}`} role="img" aria-label=${label}>
      ${items.map((i, k) => {
        const bh = (i.value / top) * h;
        const sh = ((i.second ?? 0) / top) * h;
        return html`<g>
          <rect x=${k * w + 4} y=${h - bh} width=${w - 8} height=${bh} class="col" />
          ${i.second ? html`<rect x=${k * w + 4} y=${h - sh} width=${w - 8} height=${sh} class="col second" />` : null}
          <text x=${k * w + w / 2} y=${h - bh - 3} text-anchor="middle" class="col-value">${i.value}</text>
          <text x=${k * w + w / 2} y=${h + 14} text-anchor="middle" class="col-label">${i.short}</text>
        </g>`;
      })}
    </svg>
    <figcaption>
      <ul class="legend">
        ${items.map((i) => html`<li>${i.label}: ${seriesLabels[0]} ${i.value}${i.second !== undefined ? `, ${seriesLabels[1]} ${i.second}` : ''}</li>`)}
      </ul>
    </figcaption>
  </figure>`;
}

/** A figure with its label, for dashboards. */
export function Stat({ label, value, note }) {
  return html`<div class="stat">
    <span class="stat-value">${value}</span
    ><span class="stat-label">${label}</span>${note ? html`<small>${note}</small>` : null}
  </div>`;
}

/** A short-lived confirmation announced to screen readers. */
export function Notice({ children }) {
  return children ? html`<p class="notice" role="status"><span aria-hidden="true">✓ </span>${children}</p>` : null;
}

/** Tabs as links in a nav (each view has its own address, so back and forward work). */
export function SubNav({ items, current }) {
  return html`<nav class="subnav" aria-label=${t('nav.section')}>
    ${items.map(
      ([href, label]) => html`<a href=${href} aria-current=${current === href ? 'page' : undefined}>${label}</a>`,
    )}
  </nav>`;
}
