/* global setTimeout */
// The coverage list (不落一人): who is not reached and why, with a quick contact.
import { useState } from 'preact/hooks';
import {
  Async,
  day,
  Empty,
  ErrorBox,
  ExportButton,
  Field,
  html,
  percent,
  placeName,
  PrintButton,
  PriorityBadges,
  t,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { CoverageByPlace } from '../../lib/widgets/households.js';
import { ServiceForm } from '../../lib/widgets/worker.js';

/** A screenful of the not-covered list; “show more” brings the next. */
const NOT_COVERED_PAGE = 100;
const REASON_ICON = { no_officer: '👤', no_recent_contact: '☎', not_employed_training_or_referred: '⚑' };

export function Coverage() {
  const [town, setTown] = useState('');
  const state = useAsync(() => api.get('/coverage', { township: town, limit: NOT_COVERED_PAGE }), [town]);
  const [open, setOpen] = useState(null);
  // The next page of the not-covered list joins the one shown, so no one is left off the screen.
  const more = useSubmit(async () => {
    const c = state.data;
    const page = await api.get('/coverage', { township: town, limit: NOT_COVERED_PAGE, cursor: c.nextCursor });
    state.setData({
      ...c,
      notCovered: [...c.notCovered, ...page.notCovered],
      notCoveredTruncated: page.notCoveredTruncated,
      nextCursor: page.nextCursor,
    });
  });
  return html`<div class="title-row">
      <h1>${t('coverage.title')}</h1>
      <${ExportButton} path="/coverage/export" query=${{ township: town || undefined }} fallback="coverage.xlsx" /><${PrintButton} />
    </div>
    <p class="lead">${t('coverage.lead')}</p>
    <${Async} state=${state}>
      ${(c) => html`<div class="stats">
          <div class="stat"><span class="stat-value">${percent(c.totals.rate)}</span><span class="stat-label">${t('coverage.rate')}</span></div>
          <div class="stat"><span class="stat-value">${c.totals.covered} / ${c.totals.target}</span><span class="stat-label">${t('coverage.covered')}</span></div>
          <div class="stat"><span class="stat-value">${c.totals.notCovered}</span><span class="stat-label">${t('coverage.notCovered')}</span></div>
        </div>
        <p class="hint">${t('coverage.asOf', { date: day(c.asOf), days: c.coverageDays })}</p>
        <${Field} label=${t('place.township')}>
          ${(p) =>
            html`<select ...${p} value=${town} onChange=${(e) => setTown(e.currentTarget.value)}>
              <option value="">${t('workers.allTownships')}</option>
              ${c.townships.map((tw) => html`<option value=${tw.code}>${tw.name || placeName(tw.code)}</option>`)}
            </select>`}
        </${Field}>
        <details>
          <summary>${t('coverage.byPlace')}</summary>
          <${CoverageByPlace} townships=${c.townships} label=${t('coverage.byPlace')} />
        </details>
        <h2>${t('coverage.list')} (${c.notCovered.length})</h2>
        ${c.notCoveredTruncated ? html`<p class="hint">${t('coverage.truncated', { n: c.totals.notCovered })}</p>` : null}
        ${c.notCovered.length === 0 ? html`<${Empty}>${t('coverage.allCovered')}</${Empty}>` : null}
        <ul class="cards">${c.notCovered.map(
          (w) =>
            html`<li class="card">
              <h3><a href=${'#/workers/' + w.workerId}>${w.name}</a></h3>
              <p class="meta">
                <span>${placeName(w.homeVillageCode, w.homeVillageName)}</span><${PriorityBadges} worker=${w} />
                <span>${t('worker.lastContact')}: ${day(w.lastContact)}</span>
              </p>
              <ul class="reasons">
                ${w.reasons.map((r) => html`<li><span aria-hidden="true">${REASON_ICON[r] || '•'} </span>${t('reason.' + r)}</li>`)}
              </ul>
              ${
                open === w.workerId
                  ? html`<${ServiceForm}
                      workerId=${w.workerId}
                      compact
                      onDone=${() =>
                        setTimeout(() => {
                          setOpen(null);
                          state.reload();
                        }, 600)}
                    />`
                  : html`<div class="actions">
                      <button
                        type="button"
                        class="secondary"
                        onClick=${() => setOpen(w.workerId)}
                        aria-label=${t('coverage.contactLabel', { name: w.name })}
                      >
                        ☎ ${t('coverage.contact')}
                      </button>
                      <a class="button secondary" href=${'#/workers/' + w.workerId + '/matches'}
                        >${t('coverage.match')}</a
                      >
                    </div>`
              }
            </li>`,
        )}</ul>
        <${ErrorBox} error=${more.error} onRetry=${more.submit} />
        ${
          c.nextCursor
            ? html`<button type="button" class="secondary" disabled=${more.busy} onClick=${() => more.submit()}>
                ${t('act.more')}
              </button>`
            : null
        }`}
    </${Async}>`;
}
