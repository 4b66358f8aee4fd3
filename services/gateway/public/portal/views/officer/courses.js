// The county's training courses (课程): the list, a new course, and one course with its batches (期)
// and a form to schedule the next one. Officers and administrators plan training here; enrolment
// is on each batch's screen (views/officer/batch.js).
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.js';
import {
  Async,
  day,
  Field,
  fieldError,
  html,
  LevelSelect,
  money,
  placeName,
  SkillPicker,
  skillName,
  StatusBadge,
  t,
  today,
  useAsync,
  useSubmit,
  VillagePicker,
} from '../../lib/ui.js';
import { RecordCards, RecordForm } from '../../lib/widgets/records.js';

const num = (s) => (s === '' ? undefined : Number(s));

function NewCourse({ onSaved }) {
  const blank = {
    title: '',
    provider: '',
    skill: '',
    level: 2,
    hours: '',
    subsidy: '',
    capacity: '',
    certificate: '',
    description: '',
  };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post('/courses', {
      title: v.title.trim(),
      provider: v.provider.trim(),
      skills: v.skill ? [{ code: v.skill, level: v.level }] : [],
      hours: num(v.hours),
      subsidyPerTrainee: num(v.subsidy),
      capacity: num(v.capacity),
      certificateName: v.certificate.trim() || undefined,
      description: v.description.trim() || undefined,
    });
    setV(blank);
    onSaved(r);
    return r;
  });
  return html`<${RecordForm} label=${t('courses.new')} heading=${t('courses.new')} save=${save} done=${t('courses.saved')} submit=${t('courses.create')}>
    <${Field} label=${t('courses.titleField')} error=${fieldError(save.error, 'title')}>
      ${(p) => html`<input ...${p} required maxlength="100" value=${v.title} onInput=${set('title')} />`}
    </${Field}>
    <${Field} label=${t('courses.provider')} error=${fieldError(save.error, 'provider')}>
      ${(p) => html`<input ...${p} required maxlength="100" value=${v.provider} onInput=${set('provider')} />`}
    </${Field}>
    <div class="row">
      <${SkillPicker} label=${t('courses.skill')} value=${v.skill} error=${fieldError(save.error, 'skills')} onChange=${(skill) => setV((cur) => ({ ...cur, skill }))} />
      <${LevelSelect} label=${t('courses.level')} value=${v.level} onChange=${(level) => setV((cur) => ({ ...cur, level }))} />
    </div>
    <div class="row">
      <${Field} label=${t('courses.hours')} error=${fieldError(save.error, 'hours')}>
        ${(p) => html`<input ...${p} type="number" min="1" max="2000" inputmode="numeric" required value=${v.hours} onInput=${set('hours')} />`}
      </${Field}>
      <${Field} label=${t('courses.subsidy')} error=${fieldError(save.error, 'subsidyPerTrainee')}>
        ${(p) => html`<input ...${p} type="number" min="0" inputmode="numeric" required value=${v.subsidy} onInput=${set('subsidy')} />`}
      </${Field}>
      <${Field} label=${t('courses.capacity')} error=${fieldError(save.error, 'capacity')}>
        ${(p) => html`<input ...${p} type="number" min="1" max="1000" inputmode="numeric" required value=${v.capacity} onInput=${set('capacity')} />`}
      </${Field}>
    </div>
    <${Field} label=${t('courses.certificate')} hint=${t('courses.certificateHint')} error=${fieldError(save.error, 'certificateName')}>
      ${(p) => html`<input ...${p} maxlength="100" value=${v.certificate} onInput=${set('certificate')} />`}
    </${Field}>
    <${Field} label=${t('courses.description')} error=${fieldError(save.error, 'description')}>
      ${(p) => html`<textarea ...${p} rows="2" maxlength="2000" value=${v.description} onInput=${set('description')}></textarea>`}
    </${Field}>
  </${RecordForm}>`;
}

function CourseFacts({ c }) {
  return html`<p class="meta">
    ${c.skills.map((s) => html`<span>${s.name || skillName(s.code)} · ${t('skill.level', { n: s.level })}</span>`)}
    <span>${c.provider}</span><span>${t('courses.hoursN', { n: c.hours })}</span>
    <span>${t('courses.subsidyN', { amount: money(c.subsidyPerTrainee) })}</span>
    ${c.certificateName ? html`<span>${t('courses.certificate')}: ${c.certificateName}</span>` : null}
  </p>`;
}

export function Courses() {
  const list = useAsync(() => api.get('/courses', { limit: 100 }), []);
  return html`<p><a href="#/training">← ${t('batches.title')}</a></p>
    <h1>${t('courses.title')}</h1>
    <p class="hint">${t('courses.lead')}</p>
    <${RecordCards}
      state=${list}
      label=${t('courses.title')}
      empty=${t('courses.none')}
      card=${(c) =>
        html`<li class="card">
          <h2><a href=${'#/courses/' + c.id}>${c.title}</a></h2>
          <${CourseFacts} c=${c} />
        </li>`}
    />
    <${NewCourse} onSaved=${() => list.reload()} />`;
}

function NewBatch({ course, session, onSaved }) {
  const blank = { startDate: '', endDate: '', village: '', township: '', address: '', capacity: '', status: 'open' };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post(`/courses/${course.id}/batches`, {
      startDate: v.startDate,
      endDate: v.endDate,
      // A batch held at the township's centre is placed on the township.
      place: { regionCode: v.village || v.township, address: v.address.trim() },
      capacity: num(v.capacity),
      status: v.status,
    });
    setV(blank);
    onSaved(r);
    return r;
  });
  return html`<${RecordForm}
    label=${t('courses.newBatch')}
    heading=${t('courses.newBatch')}
    save=${save}
    done=${t('courses.batchSaved')}
    submit=${t('courses.schedule')}
    fieldLabels=${{ 'place/regionCode': t('courses.place'), 'place/address': t('courses.address') }}
  >
    <div class="row">
      <${Field} label=${t('courses.start')} error=${fieldError(save.error, 'startDate')}>
        ${(p) => html`<input ...${p} type="date" required min=${today()} value=${v.startDate} onInput=${set('startDate')} />`}
      </${Field}>
      <${Field} label=${t('courses.end')} error=${fieldError(save.error, 'endDate')}>
        ${(p) => html`<input ...${p} type="date" required min=${v.startDate || today()} value=${v.endDate} onInput=${set('endDate')} />`}
      </${Field}>
    </div>
    <${VillagePicker}
      label=${t('courses.place')}
      value=${v.village}
      scope=${session.regions}
      error=${fieldError(save.error, 'place/regionCode') || fieldError(save.error, 'place')}
      onChange=${(village) => setV((cur) => ({ ...cur, village }))}
      onTownship=${(township) => setV((cur) => ({ ...cur, township }))}
    />
    <${Field} label=${t('courses.address')} error=${fieldError(save.error, 'place/address')}>
      ${(p) => html`<input ...${p} required maxlength="200" value=${v.address} onInput=${set('address')} />`}
    </${Field}>
    <div class="row">
      <${Field} label=${t('courses.capacity')} hint=${t('courses.batchCapacityHint', { n: course.capacity })} error=${fieldError(save.error, 'capacity')}>
        ${(p) => html`<input ...${p} type="number" min="1" max="1000" inputmode="numeric" value=${v.capacity} onInput=${set('capacity')} />`}
      </${Field}>
      <${Field} label=${t('courses.batchStatus')} error=${fieldError(save.error, 'status')}>
        ${(p) =>
          html`<select ...${p} value=${v.status} onChange=${set('status')}>
            <option value="open">${t('batch.open')}</option>
            <option value="scheduled">${t('batch.scheduled')}</option>
          </select>`}
      </${Field}>
    </div>
  </${RecordForm}>`;
}

export function Course({ id, session }) {
  const course = useAsync(() => api.get(`/courses/${id}`), [id]);
  const batches = useAsync(() => api.get('/batches', { courseId: id, limit: 100 }), [id]);
  return html`<p><a href="#/courses">← ${t('courses.title')}</a></p>
    <${Async} state=${course}>
      ${(c) =>
        html`<h1>${c.title}</h1>
          <${CourseFacts} c=${c} />
          ${c.description ? html`<p>${c.description}</p>` : null}
          <h2>${t('courses.batches')}</h2>
          <${RecordCards}
            state=${batches}
            label=${t('courses.batches')}
            empty=${t('courses.noBatches')}
            card=${(b) =>
              html`<li class="card compact">
                <p class="meta">
                  <a href=${'#/training/' + b.id}>${day(b.startDate)} – ${day(b.endDate)}</a>
                  <${StatusBadge} status=${b.status} kind="batch" />
                  <span>${placeName(b.place.regionCode, b.place.regionName)} ${b.place.address}</span>
                  <span>${t('batches.enrolled', { n: b.enrolled, capacity: b.capacity })}</span>
                </p>
              </li>`}
          />
          <${NewBatch} course=${c} session=${session} onSaved=${() => batches.reload()} />`}
    </${Async}>`;
}
