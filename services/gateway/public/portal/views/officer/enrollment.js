// One enrolment: where the worker stands in the batch (attendance, result, certificate), and
// recording attendance and a note as the course goes on.
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.js';
import {
  Async,
  dateTime,
  Field,
  fieldError,
  html,
  placeName,
  StatusBadge,
  t,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { RecordForm } from '../../lib/widgets/records.js';

function Attendance({ e, onSaved }) {
  const [v, setV] = useState({
    attended: String(e.attendance?.sessionsAttended ?? ''),
    total: String(e.attendance?.sessionsTotal ?? ''),
    note: e.note ?? '',
  });
  const set = (k) => (ev) => setV({ ...v, [k]: ev.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.patch(`/enrollments/${e.id}`, {
      attendance:
        v.attended === '' && v.total === ''
          ? undefined
          : { sessionsAttended: Number(v.attended), sessionsTotal: Number(v.total) },
      note: v.note.trim() || undefined,
    });
    onSaved(r);
    return r;
  });
  return html`<${RecordForm} label=${t('enrollment.record')} heading=${t('enrollment.record')} save=${save} done=${t('enrollment.saved')} submit=${t('enrollment.save')}>
    <div class="row">
      <${Field} label=${t('enrollment.attended')} error=${fieldError(save.error, 'attendance/sessionsAttended')}>
        ${(p) => html`<input ...${p} type="number" min="0" inputmode="numeric" value=${v.attended} onInput=${set('attended')} />`}
      </${Field}>
      <${Field} label=${t('enrollment.sessions')} error=${fieldError(save.error, 'attendance/sessionsTotal') || fieldError(save.error, 'attendance')}>
        ${(p) => html`<input ...${p} type="number" min="1" inputmode="numeric" value=${v.total} onInput=${set('total')} />`}
      </${Field}>
    </div>
    <${Field} label=${t('enrollment.note')} error=${fieldError(save.error, 'note')}>
      ${(p) => html`<textarea ...${p} rows="2" maxlength="500" value=${v.note} onInput=${set('note')}></textarea>`}
    </${Field}>
  </${RecordForm}>`;
}

export function Enrollment({ id }) {
  const state = useAsync(() => api.get(`/enrollments/${id}`), [id]);
  return html`<${Async} state=${state}>
    ${(e) =>
      html`<p><a href=${'#/training/' + e.batchId}>← ${e.courseTitle || t('batches.title')}</a></p>
        <h1>${e.workerName || t('placements.worker')} · ${e.courseTitle || ''}</h1>
        <dl class="facts">
          <dt>${t('enrollment.status')}</dt>
          <dd><${StatusBadge} status=${e.status} kind="enr" /></dd>
          <dt>${t('place.village')}</dt>
          <dd>${placeName(e.homeVillageCode)}</dd>
          <dt>${t('enrollment.attendance')}</dt>
          <dd>
            ${e.attendance ? t('enrollment.attendanceN', { n: e.attendance.sessionsAttended, total: e.attendance.sessionsTotal, percent: e.attendance.percent }) : '—'}
          </dd>
          <dt>${t('enrollment.result')}</dt>
          <dd>
            ${[e.result, typeof e.score === 'number' ? t('enrollment.score', { n: e.score }) : ''].filter(Boolean).join(' · ') || '—'}
          </dd>
          <dt>${t('batch.certificateNo')}</dt>
          <dd>${e.certificateNo || '—'}</dd>
          <dt>${t('enrollment.since')}</dt>
          <dd>${dateTime(e.createdAt)}</dd>
          ${
            e.completedAt
              ? html`<dt>${t('enr.completed')}</dt>
                  <dd>${dateTime(e.completedAt)}</dd>`
              : null
          }
          ${
            e.droppedAt
              ? html`<dt>${t('enr.dropped')}</dt>
                  <dd>${dateTime(e.droppedAt)}</dd>`
              : null
          }
        </dl>
        ${e.note ? html`<p class="hint">${e.note}</p>` : null}
        ${
          e.status === 'enrolled' || e.status === 'attending'
            ? html`<${Attendance} e=${e} onSaved=${(next) => state.setData(next)} />`
            : null
        }`}
  </${Async}>`;
}
