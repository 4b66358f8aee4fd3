// The officer's worklist (ADR 0016): what is due in their villages, from every service that knows,
// gathered by the gateway at /api/v1/worklist. Counts by kind on the home page, the list here.
import { Async, Empty, html, t, useAsync } from '../lib/ui.js';
import { api } from '../lib/api.js';
import { Counts, Items, kindLabel, MissingParts } from '../lib/widgets/worklist.js';

/** Routes of the worklist, shared by officers and the administrator. */
export function worklistRoute(path) {
  const m = /^\/worklist(?:\/([a-z-]+))?$/.exec(path);
  return m ? { view: html`<${Worklist} kind=${m[1]} />` } : undefined;
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
