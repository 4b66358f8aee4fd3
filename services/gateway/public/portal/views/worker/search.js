// The worker's search: openings by words the service understands, with the parts it understood as chips.
import { useState } from 'preact/hooks';
import {
  Async,
  categoryName,
  day,
  ErrorBox,
  Field,
  fieldError,
  html,
  Notice,
  skillName,
  SkillPicker,
  t,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { api, request } from '../../lib/api.js';
import { OpeningSummary } from '../../lib/widgets/matching.js';
import { ApplyButton, Marks, mayApply } from '../../lib/widgets/apply.js';

const EMPTY_FILTERS = {
  q: '',
  tier: '',
  occupation: '',
  category: '',
  wageMin: '',
  housing: false,
  meals: false,
  socialInsurance: false,
  reservedForPoor: false,
};

/** The parts of an understood query, each with the words that made it, for the chips. */
function understoodParts(u) {
  if (!u) return [];
  const parts = [];
  if (u.occupation) parts.push({ kind: 'occupation', text: u.occupation.text, label: skillName(u.occupation.code) });
  if (u.region) parts.push({ kind: 'region', text: u.region.text, label: u.region.name });
  for (const b of u.benefits) parts.push({ kind: 'benefit', text: b.text, label: b.text });
  if (u.wage) parts.push({ kind: 'wage', text: u.wage.text, label: t('understood.wageMin', { n: u.wage.min }) });
  if (u.kind) parts.push({ kind: 'kind', text: u.kind.text, label: u.kind.text });
  return parts;
}

/** The query without one part's words: what searching without that part means. */
function withoutPart(q, text) {
  const at = q.indexOf(text);
  if (at < 0) return q;
  return (q.slice(0, at) + ' ' + q.slice(at + text.length))
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^的|的$/g, '')
    .trim();
}

/** How the query was read, as chips; removing one searches again without that part. */
function UnderstoodChips({ understood, q, onRemove }) {
  const parts = understoodParts(understood);
  if (!parts.length) return null;
  return html`<div class="chips understood" role="group" aria-label=${t('understood.title')}>
    <span class="lead">${t('understood.title')}</span>
    ${parts.map(
      (p) =>
        html`<button
          type="button"
          class="chip on"
          aria-label=${t('understood.remove', { part: t('understood.' + p.kind), label: p.label })}
          onClick=${() => onRemove(withoutPart(q, p.text))}
        >
          ${t('understood.' + p.kind)}：${p.label} ×
        </button>`,
    )}
  </div>`;
}

/** The filters of a search as a saved search keeps them (only those set). */
function savedBody(f) {
  const body = {};
  if (f.q.trim()) body.q = f.q.trim();
  for (const k of ['tier', 'occupation', 'category']) if (f[k]) body[k] = f[k];
  if (f.wageMin !== '') body.wageMin = Number(f.wageMin);
  for (const k of ['housing', 'meals', 'socialInsurance', 'reservedForPoor']) if (f[k]) body[k] = true;
  return body;
}
/** A saved search back as the search's filters. */
function asFilters(s) {
  const f = s.filters || {};
  return {
    ...EMPTY_FILTERS,
    q: s.q || '',
    tier: f.tier || '',
    occupation: f.occupation || '',
    category: f.category || '',
    wageMin: typeof f.wageMin === 'number' ? String(f.wageMin) : '',
    housing: !!f.housing,
    meals: !!f.meals,
    socialInsurance: !!f.socialInsurance,
    reservedForPoor: !!f.reservedForPoor,
  };
}

/** 保存的搜索: keep the current search to be told of new openings that answer it; use or delete one. */
function SavedSearches({ filters, onUse }) {
  const list = useAsync(() => api.get('/saved-searches'), []);
  const [name, setName] = useState('');
  const save = useSubmit(async () => {
    const r = await api.post('/saved-searches', { name: name.trim(), ...savedBody(filters) });
    setName('');
    list.reload();
    return r;
  });
  const remove = useSubmit(async (id) => {
    await request('DELETE', `/saved-searches/${id}`);
    list.reload();
    return true;
  });
  return html`<details class="saved">
    <summary>${t('saved.title')}${list.data?.items.length ? ` (${list.data.items.length})` : ''}</summary>
    <p class="hint">${t('saved.lead')}</p>
    <${Async} state=${list}>
      ${(d) =>
        // Folded away, "none yet" is a hint, not one of the screen's states (the results' own come after).
        d.items.length === 0
          ? html`<p class="hint">${t('saved.none')}</p>`
          : html`<ul class="plain" aria-label=${t('saved.title')}>
              ${d.items.map(
                (s) =>
                  html`<li>
                    <strong>${s.name}</strong>
                    <button
                      type="button"
                      class="secondary small"
                      onClick=${() => onUse(asFilters(s))}
                      aria-label=${t('saved.useLabel', { name: s.name })}
                    >
                      ${t('saved.use')}
                    </button>
                    <button
                      type="button"
                      class="link"
                      disabled=${remove.busy}
                      onClick=${() => remove.submit(s.id)}
                      aria-label=${t('saved.deleteLabel', { name: s.name })}
                    >
                      ✕ ${t('act.remove')}
                    </button>
                  </li>`,
              )}
            </ul>`}
    </${Async}>
    <${ErrorBox} error=${remove.error} />
    <form
      class="form"
      aria-label=${t('saved.save')}
      onSubmit=${(e) => {
        e.preventDefault();
        save.submit();
      }}
    >
      <${Field} label=${t('saved.name')} hint=${t('saved.nameHint')} error=${fieldError(save.error, 'name')}>
        ${(p) => html`<input ...${p} required maxlength="40" value=${name} onInput=${(e) => setName(e.currentTarget.value)} />`}
      </${Field}>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('saved.saved') : null}</${Notice}>
      <button type="submit" class="secondary" disabled=${save.busy}>${save.busy ? t('state.working') : t('saved.save')}</button>
    </form>
  </details>`;
}

export function Search() {
  const [draft, setDraft] = useState(EMPTY_FILTERS);
  const [filters, setFilters] = useState(EMPTY_FILTERS);
  const [more, setMore] = useState({ items: [], cursor: null, error: null });
  const state = useAsync(() => {
    setMore({ items: [], cursor: null, error: null });
    return api.get('/search/openings', { ...filters, limit: 10 });
  }, [JSON.stringify(filters)]);
  const set = (k) => (e) =>
    setDraft({ ...draft, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const apply = (next) => {
    setDraft(next);
    setFilters(next);
  };
  const facets = state.data?.facets;
  const loadMore = async () => {
    const cursor = more.cursor || state.data.nextCursor;
    try {
      const page = await api.get('/search/openings', { ...filters, limit: 10, cursor });
      setMore({ items: [...more.items, ...page.items], cursor: page.nextCursor || 'end', error: null });
    } catch (error) {
      setMore({ ...more, error });
    }
  };
  const nextCursor = more.cursor ? (more.cursor === 'end' ? null : more.cursor) : state.data?.nextCursor;
  return html`<h1>${t('search.title')}</h1>
    <form class="filters" role="search" onSubmit=${(e) => {
      e.preventDefault();
      setFilters(draft);
    }}>
      <${Field} label=${t('search.q')}>
        ${(p) => html`<input ...${p} type="search" name="q" value=${draft.q} onInput=${set('q')} placeholder=${t('search.qHint')} />`}
      </${Field}>
      <div class="row">
        <${Field} label=${t('search.tier')}>
          ${(p) =>
            html`<select
              ...${p}
              name="tier"
              value=${draft.tier}
              onChange=${(e) => apply({ ...draft, tier: e.currentTarget.value })}
            >
              <option value="">${t('search.anyTier')}</option>
              ${['in_county', 'in_province', 'out_of_province'].map(
                (tier) =>
                  html`<option value=${tier}>
                    ${t('tier.' + tier)}${facets ? ` (${facets.tier[tier] ?? 0})` : ''}
                  </option>`,
              )}
            </select>`}
        </${Field}>
        <${Field} label=${t('search.wageMin')}>
          ${(p) => html`<input ...${p} type="number" inputmode="numeric" min="0" step="100" name="wageMin" value=${draft.wageMin} onInput=${set('wageMin')} />`}
        </${Field}>
      </div>
      <${SkillPicker} label=${t('search.occupation')} value=${draft.occupation} onChange=${(code) => apply({ ...draft, occupation: code })} />
      <fieldset class="checks">
        <legend>${t('search.benefits')}</legend>
        ${['housing', 'meals', 'socialInsurance', 'reservedForPoor'].map(
          (b) =>
            html`<label
              ><input
                type="checkbox"
                name=${b}
                checked=${draft[b]}
                onChange=${(e) => apply({ ...draft, [b]: e.currentTarget.checked })}
              />
              ${t('benefit.' + b)}</label
            >`,
        )}
      </fieldset>
      <div class="actions">
        <button type="submit">${t('act.search')}</button>
        <button type="button" class="secondary" onClick=${() => apply(EMPTY_FILTERS)}>${t('act.reset')}</button>
      </div>
    </form>
    ${
      facets && Object.keys(facets.category || {}).length
        ? html`<div class="chips" role="group" aria-label=${t('search.categories')}>
            ${Object.entries(facets.category).map(
              ([c, n]) =>
                html`<button
                  type="button"
                  class=${'chip' + (filters.category === c ? ' on' : '')}
                  aria-pressed=${filters.category === c ? 'true' : 'false'}
                  onClick=${() => apply({ ...draft, category: filters.category === c ? '' : c })}
                >
                  ${categoryName(c)} (${n})
                </button>`,
            )}
          </div>`
        : null
    }
    <${SavedSearches} filters=${filters} onUse=${apply} />
    <${UnderstoodChips}
      understood=${state.data?.understood}
      q=${filters.q}
      onRemove=${(q) => apply({ ...draft, q })}
    />
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('search.none')}>
      ${(d) =>
        html`<p class="count" role="status">${t('search.total', { n: d.total })}</p>
          <ul class="cards">
            ${[...d.items, ...more.items].map(
              (o) =>
                html`<li class="card">
                  <h2>${o.title}</h2>
                  <p class="sub">${o.employerName}</p>
                  ${o.broadened ? html`<p class="meta"><span class="badge">${t('broadened.' + o.broadened.reason)}</span></p>` : null}
                  <${Marks} m=${o} />
                  <${OpeningSummary} o=${o} />
                  <p class="meta">
                    ${['housing', 'meals', 'socialInsurance'].filter((b) => o.benefits[b]).map((b) => html`<span class="badge">✓ ${t('benefit.' + b)}</span>`)}
                    <span>${t('opening.places', { n: o.headcount - o.filledCount })}</span>
                    ${o.closingDate ? html`<span>${t('opening.closes', { date: day(o.closingDate) })}</span>` : null}
                  </p>
                  ${mayApply(o) ? html`<${ApplyButton} openingId=${o.openingId || o.id} title=${o.title} />` : null}
                </li>`,
            )}
          </ul>
          <${ErrorBox} error=${more.error} onRetry=${loadMore} />
          ${nextCursor ? html`<button type="button" class="secondary" onClick=${loadMore}>${t('act.more')}</button>` : null}`}
    </${Async}>`;
}
