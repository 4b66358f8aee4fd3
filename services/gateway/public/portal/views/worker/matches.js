// Openings ranked for the worker, each with why it fits.
import { Async, html, t, useAsync } from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { Explanation, OpeningSummary } from '../../lib/widgets/matching.js';
import { ApplyButton, Marks, mayApply, NotInterested } from '../../lib/widgets/apply.js';

export function Matches({ session }) {
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
                <${Marks} m=${m} />
                <${OpeningSummary} o=${m.opening} />
                <p class="meta">
                  <span>${t('opening.places', { n: m.opening.placesLeft })}</span>
                  <span class="score">${t('matches.score', { n: Math.round(m.score * 100) })}</span>
                </p>
                <${Explanation} explanation=${m.explanation} />
                ${m.explanation.certificateCourses?.length ? html`<p><a href="#/training">${t('matches.toTraining')}</a></p>` : null}
                ${mayApply(m) ? html`<${ApplyButton} openingId=${m.openingId} title=${m.opening.title} />` : null}
                ${m.applied ? null : html`<${NotInterested} openingId=${m.openingId} title=${m.opening.title} />`}
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}
