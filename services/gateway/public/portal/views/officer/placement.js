// One placement: its follow-ups, recording the one owed, and the worker's leaving (the worklist's
// follow-up items lead here).
import { api } from '../../lib/api.js';
import { Async, html, t, useAsync } from '../../lib/ui.js';
import { PlacementCard } from '../../lib/widgets/placements.js';

export function Placement({ id }) {
  const state = useAsync(() => api.get(`/placements/${id}`), [id]);
  return html`<p><a href="#/placements">← ${t('placements.title')}</a></p>
    <${Async} state=${state}>
      ${(p) =>
        html`<ul class="cards">
          <${PlacementCard} p=${p} heading="h1" onChange=${state.setData} />
        </ul>`}
    </${Async}>`;
}
