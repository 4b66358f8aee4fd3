// The officer's worklist (ADR 0016): what is due in their villages, from every service that knows,
// gathered by the gateway at /api/v1/worklist. Counts by kind on the home page, the list here.
import { api } from '../lib/api.js';
import { getLang } from '../lib/i18n.js';
import { Async, Empty, html, placeName, t, useAsync } from '../lib/ui.js';

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

const kindLabel = (kind) => KINDS.find(([k]) => k === kind)?.[1]() ?? kind;
const ordered = (counts) => [
  ...KINDS.map(([k]) => k).filter((k) => k in counts),
  ...Object.keys(counts).filter((k) => !KINDS.some(([known]) => known === k)),
];

/** Routes of the worklist, shared by officers and the administrator. */
export function worklistRoute(path) {
  const m = /^\/worklist(?:\/([a-z-]+))?$/.exec(path);
  return m ? { view: html`<${Worklist} kind=${m[1]} />` } : undefined;
}

function MissingParts({ parts }) {
  const missing = Object.entries(parts || {})
    .filter(([, state]) => state !== 'ok')
    .map(([name]) => PARTS[name]?.() ?? name);
  return missing.length
    ? html`<p class="state error" role="status">${t('worklist.partsMissing', { parts: missing.join('、') })}</p>`
    : null;
}

function Counts({ counts, current }) {
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

function Items({ items }) {
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

function Worklist({ kind }) {
  const state = useAsync(() => api.get('/worklist'), []);
  return html`<h1>${t('worklist.title')}</h1>
    <${Async} state=${state}>
      ${(w) => {
        const items = kind ? w.items.filter((i) => i.kind === kind) : w.items;
        const shown = kind ? (w.counts[kind] ?? 0) : Object.values(w.counts).reduce((a, b) => a + b, 0);
        return html`<${MissingParts} parts=${w.parts} />
          <${Counts} counts=${w.counts} current=${kind} />
          ${kind ? html`<h2>${kindLabel(kind)}</h2>` : null}
          ${items.length ? html`<${Items} items=${items} />` : html`<${Empty}>${t('worklist.none')}</${Empty}>`}
          ${shown > items.length ? html`<p class="hint">${t('worklist.more', { shown: items.length, total: shown })}</p>` : null}`;
      }}
    </${Async}>`;
}
