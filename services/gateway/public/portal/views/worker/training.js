// The worker's training: enrolments, upcoming batches and enrolling.
import {
  Async,
  day,
  Empty,
  ErrorBox,
  html,
  placeName,
  skillName,
  StatusBadge,
  t,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';

export function Training({ session }) {
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
