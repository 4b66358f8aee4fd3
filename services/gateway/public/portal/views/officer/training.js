// Training batches of the officer's townships (the administrator's: the county's): upcoming and
// running first, each with its places left and a way to its enrolment list.
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.js';
import { Async, day, Field, html, placeName, StatusBadge, t, useAsync, useReference } from '../../lib/ui.js';

export function TrainingBatches({ session }) {
  const ref = useReference();
  const scope = session.regions || [];
  // An officer starts on their (first) township; the administrator on the whole county.
  const [region, setRegion] = useState(scope[0]?.slice(0, 9) ?? '');
  const [upcoming, setUpcoming] = useState(true);
  const state = useAsync(() => api.get('/batches', { region, upcoming, limit: 100 }), [region, upcoming]);
  const towns = ref?.townships.filter((tw) => !scope.length || scope.some((s) => s.startsWith(tw.code))) ?? [];
  return html`<h1>${t('batches.title')}</h1>
    <p class="hint">${t('batches.lead')}</p>
    <p><a href="#/courses">${t('courses.link')}</a></p>
    <div class="row">
      <${Field} label=${t('place.township')}>
        ${(p) =>
          html`<select ...${p} value=${region} onChange=${(e) => setRegion(e.currentTarget.value)}>
            ${scope.length ? null : html`<option value="">${t('workers.allTownships')}</option>`}
            ${towns.map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('batches.when')}>
        ${(p) =>
          html`<select
            ...${p}
            value=${upcoming ? 'upcoming' : 'all'}
            onChange=${(e) => setUpcoming(e.currentTarget.value === 'upcoming')}
          >
            <option value="upcoming">${t('batches.upcoming')}</option>
            <option value="all">${t('batches.all')}</option>
          </select>`}
      </${Field}>
    </div>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('batches.none')}>
      ${(d) =>
        html`<ul class="cards" aria-label=${t('batches.title')}>
          ${d.items.map(
            (b) =>
              html`<li class="card">
                <h2><a href=${'#/training/' + b.id}>${b.courseTitle}</a></h2>
                <p class="meta">
                  <${StatusBadge} status=${b.status} kind="batch" />
                  <span>${day(b.startDate)} – ${day(b.endDate)}</span>
                  <span>${placeName(b.place.regionCode, b.place.regionName)} ${b.place.address}</span>
                  <span>${t('batches.enrolled', { n: b.enrolled, capacity: b.capacity })}</span>
                </p>
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}
