// One training batch: who is enrolled (the officer's workers; the administrator's, all), each moved
// along enrolled → attending → completed or not passed, and enrolling one more worker.
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.js';
import {
  Async,
  day,
  ErrorBox,
  Field,
  fieldError,
  html,
  Notice,
  placeName,
  StatusBadge,
  t,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { RecordCards, RecordForm } from '../../lib/widgets/records.js';

/** The moves an enrolment may make from each state (the training service enforces them too). */
const MOVES = { enrolled: ['attending', 'dropped'], attending: ['completed', 'failed', 'dropped'] };

function EnrolmentRow({ e, onChange }) {
  const [certificateNo, setCertificateNo] = useState('');
  const move = useSubmit(async (status, extra) =>
    onChange(await api.patch(`/enrollments/${e.id}`, { status, ...extra })),
  );
  const name = e.workerName || t('placements.worker');
  const moves = MOVES[e.status] ?? [];
  return html`<li class="card compact">
    <p class="meta">
      <strong><a href=${'#/enrollments/' + e.id}>${name}</a></strong
      ><span>${placeName(e.homeVillageCode)}</span><${StatusBadge} status=${e.status} kind="enr" />
      ${e.certificateNo ? html`<span>${t('batch.certificateNo')}: ${e.certificateNo}</span>` : null}
    </p>
    ${
      moves.length
        ? html`<div class="actions">
            ${moves
              .filter((to) => to !== 'completed')
              .map(
                (to) =>
                  html`<button
                    type="button"
                    class=${to === 'attending' ? 'small' : 'secondary small'}
                    disabled=${move.busy}
                    aria-label=${t('batch.moveLabel', { name, to: t('batch.to.' + to) })}
                    onClick=${() => move.submit(to)}
                  >
                    ${t('batch.to.' + to)}
                  </button>`,
              )}
          </div>`
        : null
    }
    ${
      moves.includes('completed')
        ? html`<form
            class="form"
            aria-label=${t('batch.moveLabel', { name, to: t('batch.to.completed') })}
            onSubmit=${(ev) => {
              ev.preventDefault();
              move.submit('completed', certificateNo.trim() ? { certificateNo: certificateNo.trim() } : {});
            }}
          >
            <${Field} label=${t('batch.certificateNo')} hint=${t('batch.certificateHint')} error=${fieldError(move.error, 'certificateNo')}>
              ${(p) => html`<input ...${p} value=${certificateNo} maxlength="64" onInput=${(ev) => setCertificateNo(ev.currentTarget.value)} />`}
            </${Field}>
            <button type="submit" class="small" disabled=${move.busy}>${t('batch.to.completed')}</button>
          </form>`
        : null
    }
    <${ErrorBox} error=${move.error} />
  </li>`;
}

function EnrolWorker({ batch, enrolled, onDone }) {
  const [workerId, setWorkerId] = useState('');
  // The officer's workers looking for work first: those training is for.
  const workers = useAsync(() => api.get('/workers', { employmentStatus: 'seeking', limit: 200 }), []);
  const save = useSubmit(async () => {
    const r = await api.post(`/batches/${batch.id}/enrollments`, { workerId });
    setWorkerId('');
    onDone(r);
    return r;
  });
  return html`<${RecordForm}
    label=${t('batch.enrol')}
    heading=${t('batch.enrol')}
    save=${save}
    done=${t('batch.enrolled')}
    submit=${t('batch.enrolSubmit')}
    disabled=${!workerId || batch.placesLeft < 1}
  >
    <${Async} state=${workers}>
      ${(d) =>
        html`<${Field} label=${t('batch.worker')} error=${fieldError(save.error, 'workerId')}>
          ${(p) =>
            html`<select ...${p} value=${workerId} required onChange=${(e) => setWorkerId(e.currentTarget.value)}>
              <option value="">${t('place.choose')}</option>
              ${d.items
                .filter((w) => !enrolled.has(w.id))
                .map((w) => html`<option value=${w.id}>${w.name} · ${placeName(w.homeVillageCode)}</option>`)}
            </select>`}
        </${Field}>`}
    </${Async}>
  </${RecordForm}>`;
}

/** The moves a batch may make from each state (the training service enforces them too). */
const BATCH_MOVES = {
  scheduled: ['open', 'cancelled'],
  open: ['running', 'cancelled'],
  running: ['finished', 'cancelled'],
};

/** Moving the batch along, and changing how many it takes. */
function EditBatch({ batch, onSaved }) {
  const [capacity, setCapacity] = useState(String(batch.capacity));
  const save = useSubmit(async (body) => {
    const r = await api.patch(`/batches/${batch.id}`, body);
    onSaved(r);
    return r;
  });
  const moves = BATCH_MOVES[batch.status] ?? [];
  return html`<section aria-labelledby="batch-edit">
    <h2 id="batch-edit">${t('batch.edit')}</h2>
    ${
      moves.length
        ? html`<div class="actions">
            ${moves.map(
              (to) =>
                html`<button
                  type="button"
                  class=${to === 'cancelled' ? 'secondary small' : 'small'}
                  disabled=${save.busy}
                  onClick=${() => save.submit({ status: to })}
                >
                  ${t('batch.move.' + to)}
                </button>`,
            )}
          </div>`
        : null
    }
    <form
      class="form"
      aria-label=${t('batch.capacity')}
      onSubmit=${(e) => {
        e.preventDefault();
        save.submit({ capacity: capacity === '' ? undefined : Number(capacity) });
      }}
    >
      <${Field} label=${t('batch.capacity')} hint=${t('batches.enrolled', { n: batch.enrolled, capacity: batch.capacity })} error=${fieldError(save.error, 'capacity')}>
        ${(p) => html`<input ...${p} type="number" min="1" max="1000" inputmode="numeric" required value=${capacity} onInput=${(e) => setCapacity(e.currentTarget.value)} />`}
      </${Field}>
      <button type="submit" class="small" disabled=${save.busy}>${t('batch.saveCapacity')}</button>
    </form>
    <${ErrorBox} error=${save.error} />
    <${Notice}>${save.done ? t('batch.saved') : null}</${Notice}>
  </section>`;
}

export function Batch({ id }) {
  const batch = useAsync(() => api.get(`/batches/${id}`), [id]);
  const list = useAsync(() => api.get('/enrollments', { batchId: id, limit: 200 }), [id]);
  return html`<p><a href="#/training">← ${t('batches.title')}</a></p>
    <${Async} state=${batch}>
      ${(b) =>
        html`<h1>${b.courseTitle}</h1>
          <p class="meta">
            <${StatusBadge} status=${b.status} kind="batch" />
            <span>${day(b.startDate)} – ${day(b.endDate)}</span>
            <span>${placeName(b.place.regionCode, b.place.regionName)} ${b.place.address}</span>
            <span>${t('batches.enrolled', { n: b.enrolled, capacity: b.capacity })}</span>
            <a href=${'#/courses/' + b.courseId}>${t('batch.course')}</a>
          </p>
          <${EditBatch} batch=${b} onSaved=${(next) => batch.setData(next)} />
          <h2>${t('batch.list')}</h2>
          <${RecordCards}
            state=${list}
            label=${t('batch.list')}
            empty=${t('batch.none')}
            card=${(e, replace) => html`<${EnrolmentRow} key=${e.id} e=${e} onChange=${replace} />`}
          />
          ${
            b.status === 'open' || b.status === 'scheduled' || b.status === 'running'
              ? html`<${EnrolWorker}
                  batch=${b}
                  enrolled=${new Set((list.data?.items ?? []).map((e) => e.workerId))}
                  onDone=${() => {
                    list.reload();
                    batch.reload();
                  }}
                />`
              : null
          }`}
    </${Async}>`;
}
