// The worker: search openings, recommendations with their reasons, applying, applications with
// their history, training and enrolment.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import {
  Async,
  categoryName,
  day,
  Empty,
  ErrorBox,
  Field,
  html,
  Notice,
  placeName,
  skillName,
  SkillPicker,
  StatusBadge,
  t,
  useAsync,
  useSubmit,
} from '../lib/ui.js';
import { Explanation, History, Interview, OpeningSummary } from './common.js';
import { MyProfile } from './my-profile.js';

export function nav() {
  return [
    ['#/search', t('nav.search')],
    ['#/matches', t('nav.matches')],
    ['#/applications', t('nav.myApplications')],
    ['#/training', t('nav.training')],
    ['#/me', t('nav.me')],
  ];
}

export function route(path, session) {
  if (path === '/search') return { view: html`<${Search} />` };
  if (path === '/matches') return { view: html`<${Matches} session=${session} />` };
  if (path === '/applications') return { view: html`<${Applications} />` };
  if (path === '/training') return { view: html`<${Training} session=${session} />` };
  if (path === '/me') return { view: html`<${MyProfile} session=${session} />` };
  return { redirect: '#/matches' };
}

/** Apply button with its own outcome (applied, or why not). */
export function ApplyButton({ openingId, title }) {
  const { busy, error, done, submit } = useSubmit(() => api.post('/applications', { openingId }));
  if (done) return html`<${Notice}>${t('apply.done')}</${Notice}>`;
  return html`<div class="actions">
    <button type="button" disabled=${busy} onClick=${submit} aria-label=${t('apply.label', { title })}>
      ${busy ? t('state.working') : t('apply.action')}
    </button>
    <${ErrorBox} error=${error} />
  </div>`;
}

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

function Search() {
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
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('search.none')}>
      ${(d) =>
        html`<p class="count" role="status">${t('search.total', { n: d.total })}</p>
          <ul class="cards">
            ${[...d.items, ...more.items].map(
              (o) =>
                html`<li class="card">
                  <h2>${o.title}</h2>
                  <p class="sub">${o.employerName}</p>
                  <${OpeningSummary} o=${o} />
                  <p class="meta">
                    ${['housing', 'meals', 'socialInsurance'].filter((b) => o.benefits[b]).map((b) => html`<span class="badge">✓ ${t('benefit.' + b)}</span>`)}
                    <span>${t('opening.places', { n: o.headcount - o.filledCount })}</span>
                    ${o.closingDate ? html`<span>${t('opening.closes', { date: day(o.closingDate) })}</span>` : null}
                  </p>
                  <${ApplyButton} openingId=${o.openingId || o.id} title=${o.title} />
                </li>`,
            )}
          </ul>
          <${ErrorBox} error=${more.error} onRetry=${loadMore} />
          ${nextCursor ? html`<button type="button" class="secondary" onClick=${loadMore}>${t('act.more')}</button>` : null}`}
    </${Async}>`;
}

function Matches({ session }) {
  const state = useAsync(() => api.get(`/workers/${session.workerId}/matches`, { limit: 20 }), [session.workerId]);
  return html`<h1>${t('matches.title')}</h1>
    <p class="lead">${t('matches.lead')}</p>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('matches.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (m) =>
              html`<li class="card">
                <h2>${m.opening.title}</h2>
                <p class="sub">${m.opening.employerName}</p>
                <${OpeningSummary} o=${m.opening} />
                <p class="meta">
                  <span>${t('opening.places', { n: m.opening.placesLeft })}</span>
                  <span class="score">${t('matches.score', { n: Math.round(m.score * 100) })}</span>
                </p>
                <${Explanation} explanation=${m.explanation} />
                ${m.explanation.certificateCourses?.length ? html`<p><a href="#/training">${t('matches.toTraining')}</a></p>` : null}
                <${ApplyButton} openingId=${m.openingId} title=${m.opening.title} />
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}

function Applications() {
  const state = useAsync(() => api.get('/applications', { limit: 50 }), []);
  return html`<h1>${t('apps.title')}</h1>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${html`${t('apps.none')} <a href="#/matches">${t('nav.matches')}</a>`}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map((a) => html`<${ApplicationCard} a=${a} onChange=${state.reload} />`)}
        </ul>`}
    </${Async}>`;
}

function ApplicationCard({ a, onChange }) {
  const withdraw = useSubmit(async () => {
    await api.patch(`/applications/${a.id}`, { status: 'withdrawn' });
    onChange();
  });
  return html`<li class="card">
    <h2>${a.openingTitle || t('apps.opening')}</h2>
    <p class="meta">
      <${StatusBadge}
        status=${a.status}
        kind="app"
      />${a.referredBy ? html`<span class="badge info">${t('apps.referred')}</span>` : null}
    </p>
    <${Interview} interview=${a.interview} />
    <${History} items=${a.history} />
    ${
      (a.allowedMoves ?? []).includes('withdrawn')
        ? html`<div class="actions">
            <button type="button" class="secondary" disabled=${withdraw.busy} onClick=${() => withdraw.submit()}>
              ${t('apps.withdraw')}
            </button>
          </div>`
        : null
    }
    <${ErrorBox} error=${withdraw.error} />
  </li>`;
}

function Training({ session }) {
  const mine = useAsync(() => api.get('/enrollments', { workerId: session.workerId, limit: 50 }), []);
  const batches = useAsync(() => api.get('/batches', { upcoming: true, limit: 20 }), []);
  const profile = useAsync(() => api.get(`/workers/${session.workerId}`), []);
  const enrolledBatches = new Set((mine.data?.items || []).filter((e) => e.status !== 'dropped').map((e) => e.batchId));
  return html`<h1>${t('training.title')}</h1>
    <section aria-labelledby="my-skills">
      <h2 id="my-skills">${t('training.skills')}</h2>
      <${Async} state=${profile}>
        ${(w) =>
          w.skills.length
            ? html`<ul class="plain">
                  ${w.skills.map((s) => html`<li>${skillName(s.code)} · ${t('skill.level', { n: s.level })}${s.certificateNo ? ' · ✓ ' + t('skill.certified') : ''}</li>`)}
                </ul>
                <p class="hint">
                  ${t('worker.idNumber')}: ${w.idNumber} · ${t('worker.village')}:
                  ${placeName(w.homeVillageCode, w.homeVillageName)}
                </p>`
            : html`<${Empty}>${t('training.noSkills')}</${Empty}>`}
      </${Async}>
    </section>
    <section aria-labelledby="my-enrolments">
      <h2 id="my-enrolments">${t('training.mine')}</h2>
      <${Async} state=${mine} isEmpty=${(d) => d.items.length === 0} empty=${t('training.noneMine')}>
        ${(d) =>
          html`<ul class="cards">
            ${d.items.map(
              (e) =>
                html`<li class="card">
                  <h3>${e.courseTitle || t('training.course')}</h3>
                  <p class="meta">
                    <${StatusBadge} status=${e.status} kind="enr" />
                    ${e.attendance ? html`<span>${t('training.attendance', { n: e.attendance.percent })}</span>` : null}
                    ${e.certificateNo ? html`<span>✓ ${t('training.certificate')}</span>` : null}
                  </p>
                </li>`,
            )}
          </ul>`}
      </${Async}>
    </section>
    <section aria-labelledby="upcoming">
      <h2 id="upcoming">${t('training.upcoming')}</h2>
      <${Async} state=${batches} isEmpty=${(d) => d.items.length === 0} empty=${t('training.noneUpcoming')}>
        ${(d) =>
          html`<ul class="cards">
            ${d.items.map(
              (b) =>
                html`<li class="card">
                  <h3>${b.courseTitle}</h3>
                  <p class="meta">
                    <span>${day(b.startDate)} – ${day(b.endDate)}</span
                    ><span>${b.place.regionName || ''} ${b.place.address}</span>
                    <span>${t('training.placesLeft', { n: b.placesLeft })}</span>
                  </p>
                  ${
                    enrolledBatches.has(b.id)
                      ? html`<p class="badge good">✓ ${t('training.enrolled')}</p>`
                      : html`<${EnrolButton} batch=${b} onDone=${mine.reload} />`
                  }
                </li>`,
            )}
          </ul>`}
      </${Async}>
    </section>`;
}

function EnrolButton({ batch, onDone }) {
  const { busy, error, submit } = useSubmit(async () => {
    await api.post(`/batches/${batch.id}/enrollments`, {});
    onDone();
  });
  return html`<div class="actions">
    <button
      type="button"
      disabled=${busy || batch.placesLeft <= 0}
      onClick=${submit}
      aria-label=${t('training.enrolLabel', { course: batch.courseTitle })}
    >
      ${batch.placesLeft <= 0 ? t('training.full') : t('training.enrol')}
    </button>
    <${ErrorBox} error=${error} />
  </div>`;
}
