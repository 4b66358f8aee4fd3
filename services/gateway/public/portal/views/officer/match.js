/* global location */
// Match and refer: an opening's ranked candidates, relocated and registered-poor workers first.
import { Async, Field, html, placeName, PriorityBadges, t, useAsync } from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { Candidates } from '../../lib/widgets/matching.js';
import { priorityOf } from '../../lib/widgets/worker.js';

export function Match({ session, openingId }) {
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
