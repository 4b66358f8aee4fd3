// The worklist's pieces (ADR 0016): counts by kind, the items, and the summary on the home pages.
import { Async, Empty, html, placeName, t, useAsync } from '../ui.js';
import { api } from '../api.js';
import { getLang } from '../i18n.js';

/** The kinds in the order an officer works them; a kind not listed here (a newer part's) comes last. */
const KINDS = [
  ['follow-up-overdue', () => t('worklist.kind.followUpOverdue')],
  ['follow-up-due', () => t('worklist.kind.followUpDue')],
  ['rights-case', () => t('worklist.kind.rightsCase')],
  ['not-contacted', () => t('worklist.kind.notContacted')],
  ['subsidy-waiting', () => t('worklist.kind.subsidyWaiting')],
  ['registration-request', () => t('worklist.kind.registrationRequest')],
  ['import-errors', () => t('worklist.kind.importErrors')],
  ['phone-change', () => t('worklist.kind.phoneChange')],
];
const PARTS = { placement: () => t('worklist.part.placement'), registry: () => t('worklist.part.registry') };

export const kindLabel = (kind) => KINDS.find(([k]) => k === kind)?.[1]() ?? kind;
const ordered = (counts) => [
  ...KINDS.map(([k]) => k).filter((k) => k in counts),
  ...Object.keys(counts).filter((k) => !KINDS.some(([known]) => known === k)),
];

export function MissingParts({ parts }) {
  const missing = Object.entries(parts || {})
    .filter(([, state]) => state !== 'ok')
    .map(([name]) => PARTS[name]?.() ?? name);
  return missing.length
    ? html`<p class="state error" role="status">${t('worklist.partsMissing', { parts: missing.join('、') })}</p>`
    : null;
}

export function Counts({ counts, current }) {
  return html`<div class="stats worklist-counts">
    ${ordered(counts).map(
      (k) =>
        html`<a
          class="stat"
          href=${current === k ? '#/worklist' : `#/worklist/${k}`}
          aria-current=${current === k ? 'true' : undefined}
        >
          <span class="stat-value">${counts[k]}</span><span class="stat-label">${kindLabel(k)}</span>
        </a>`,
    )}
  </div>`;
}

/** The placement a follow-up item is about, from the action it names (POST …/placements/{id}/follow-ups). */
const placementOf = (item) => /\/placements\/([^/]+)\/follow-ups$/.exec(item.action?.path ?? '')?.[1];

export function Items({ items }) {
  const en = getLang() === 'en';
  return html`<ul class="worklist">
    ${items.map(
      (i) =>
        html`<li>
          <a href=${i.link}>${en ? i.titleEn : i.title}</a>
          <span class="meta">
            <span class="badge muted">${kindLabel(i.kind)}</span>
            ${i.overdue ? html`<span class="badge bad">${t('worklist.overdue')}</span>` : null}
            ${i.dueDate ? html`<time datetime=${i.dueDate}>${t('worklist.date', { date: i.dueDate })}</time>` : null}
            ${i.village ? html`<span>${placeName(i.village)}</span>` : null}
            ${placementOf(i) ? html`<a href=${'#/placements/' + placementOf(i)}>${t('worklist.recordFollowUp')}</a>` : null}
          </span>
        </li>`,
    )}
  </ul>`;
}

/** On the home page: the counts by kind and the most urgent few, with a link to the whole list. */
export function WorklistSummary({ preview = 5 }) {
  const state = useAsync(() => api.get('/worklist', { limit: preview }), []);
  return html`<section class="worklist-summary" aria-labelledby="worklist-summary">
    <h2 id="worklist-summary">${t('worklist.summary')}</h2>
    <${Async} state=${state}>
      ${(w) =>
        html`<${MissingParts} parts=${w.parts} />
          <${Counts} counts=${w.counts} />
          ${w.items.length ? html`<${Items} items=${w.items.slice(0, preview)} />` : html`<${Empty}>${t('worklist.none')}</${Empty}>`}
          <p><a href="#/worklist">${t('worklist.all')}</a></p>`}
    </${Async}>
  </section>`;
}
