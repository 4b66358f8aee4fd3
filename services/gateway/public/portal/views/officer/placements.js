// Placements to follow up (回访): those whose follow-up is due or overdue first, or all of the
// officer's; each records its follow-up or the worker's leaving in place.
import { api } from '../../lib/api.js';
import { Async, html, SubNav, t, useAsync } from '../../lib/ui.js';
import { PlacementCard } from '../../lib/widgets/placements.js';

const FILTERS = {
  due: { href: '#/placements', query: { due: true } },
  overdue: { href: '#/placements/overdue', query: { overdue: true } },
  all: { href: '#/placements/all', query: {} },
};

export function Placements({ filter = 'due' }) {
  const { href, query } = FILTERS[filter] ?? FILTERS.due;
  const state = useAsync(() => api.get('/placements', { ...query, limit: 100 }), [filter]);
  return html`<h1>${t('placements.title')}</h1>
    <p class="hint">${t('placements.lead')}</p>
    <${SubNav}
      current=${href}
      items=${Object.entries(FILTERS).map(([k, f]) => [f.href, t('placements.filter.' + k)])}
    />
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('placements.none')}>
      ${(d) =>
        html`<ul class="cards" aria-label=${t('placements.title')}>
          ${d.items.map(
            (p) =>
              // Kept in place once recorded (not dropped from the due list at once), so the officer sees what was saved.
              html`<${PlacementCard}
                key=${p.id}
                p=${p}
                onChange=${(next) => state.setData({ ...d, items: d.items.map((x) => (x.id === next.id ? next : x)) })}
              />`,
          )}
        </ul>`}
    </${Async}>`;
}
