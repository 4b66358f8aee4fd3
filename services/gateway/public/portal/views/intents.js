// Recruitment intents (招工意向): an employer's promise to take N workers from the county by a date,
// with its progress (hires so far). Employers keep their own; officers and administrators record
// and follow those of the employers they support.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Async, BarList, day, Field, fieldError, html, StatusBadge, t, today, useAsync, useSubmit } from '../lib/ui.js';
import { RecordCards, RecordForm } from '../lib/widgets/records.js';

function NewIntent({ session, onSaved }) {
  const own = session.role === 'employer';
  const blank = { employerId: own ? session.employerId : '', committed: '', deadline: '', note: '' };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  // Only officers and administrators choose the employer; an employer records its own.
  const employers = useAsync(() => (own ? null : api.get('/employers', { status: 'verified', limit: 100 })), [own]);
  const save = useSubmit(async () => {
    const r = await api.post('/recruitment-intents', {
      employerId: v.employerId,
      committed: v.committed === '' ? undefined : Number(v.committed),
      deadline: v.deadline,
      note: v.note.trim() || undefined,
    });
    setV(blank);
    onSaved();
    return r;
  });
  return html`<${RecordForm}
    label=${t('intents.new')}
    heading=${t('intents.new')}
    save=${save}
    done=${t('intents.saved')}
    submit=${t('intents.record')}
  >
    ${
      own
        ? null
        : html`<${Async} state=${employers}>
            ${(d) =>
              html`<${Field} label=${t('intents.employer')} error=${fieldError(save.error, 'employerId')}>
                ${(p) =>
                  html`<select ...${p} value=${v.employerId} required onChange=${set('employerId')}>
                    <option value="">${t('place.choose')}</option>
                    ${d.items.map((e) => html`<option value=${e.id}>${e.name}</option>`)}
                  </select>`}
              </${Field}>`}
          </${Async}>`
    }
    <div class="row">
      <${Field} label=${t('intents.committed')} error=${fieldError(save.error, 'committed')}>
        ${(p) => html`<input ...${p} type="number" min="1" inputmode="numeric" required value=${v.committed} onInput=${set('committed')} />`}
      </${Field}>
      <${Field} label=${t('intents.deadline')} error=${fieldError(save.error, 'deadline')}>
        ${(p) => html`<input ...${p} type="date" required min=${today()} value=${v.deadline} onInput=${set('deadline')} />`}
      </${Field}>
    </div>
    <${Field} label=${t('intents.note')} error=${fieldError(save.error, 'note')}>
      ${(p) => html`<textarea ...${p} rows="2" maxlength="1000" value=${v.note} onInput=${set('note')}></textarea>`}
    </${Field}>
  </${RecordForm}>`;
}

function IntentCard({ i, onChange }) {
  const [v, setV] = useState({ committed: String(i.committed), deadline: i.deadline });
  const save = useSubmit(async () =>
    onChange(await api.patch(`/recruitment-intents/${i.id}`, { committed: Number(v.committed), deadline: v.deadline })),
  );
  return html`<li class="card">
    <h2>${i.employerName}</h2>
    <p class="meta">
      <${StatusBadge} status=${i.status} kind="intent" />
      <span>${t('intents.by', { date: day(i.deadline) })}</span>
    </p>
    <${BarList}
      label=${t('intents.progress')}
      max=${i.committed}
      items=${[{ label: t('intents.progress'), value: i.hired, text: t('intents.hired', { hired: i.hired, committed: i.committed }) }]}
    />
    ${i.note ? html`<p class="hint">${i.note}</p>` : null}
    ${
      i.status === 'active'
        ? html`<details>
            <summary>${t('intents.change')}</summary>
            <${RecordForm}
              label=${t('intents.changeLabel', { name: i.employerName })}
              save=${save}
              done=${t('intents.changed')}
              submit=${t('intents.saveChange')}
              small
            >
              <div class="row">
                <${Field} label=${t('intents.committed')} error=${fieldError(save.error, 'committed')}>
                  ${(p) => html`<input ...${p} type="number" min="1" inputmode="numeric" value=${v.committed} onInput=${(e) => setV({ ...v, committed: e.currentTarget.value })} />`}
                </${Field}>
                <${Field} label=${t('intents.deadline')} error=${fieldError(save.error, 'deadline')}>
                  ${(p) => html`<input ...${p} type="date" value=${v.deadline} onInput=${(e) => setV({ ...v, deadline: e.currentTarget.value })} />`}
                </${Field}>
              </div>
            </${RecordForm}>
          </details>`
        : null
    }
  </li>`;
}

export function Intents({ session }) {
  const [status, setStatus] = useState('active');
  const query = { status, limit: 100, ...(session.role === 'employer' ? { employerId: session.employerId } : {}) };
  const state = useAsync(() => api.get('/recruitment-intents', query), [status]);
  return html`<h1>${t('intents.title')}</h1>
    <p class="hint">${t('intents.lead')}</p>
    <${NewIntent} session=${session} onSaved=${state.reload} />
    <h2>${t('intents.list')}</h2>
    <${Field} label=${t('intents.status')}>
      ${(p) =>
        html`<select ...${p} value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
          ${['active', 'fulfilled', 'lapsed'].map((s) => html`<option value=${s}>${t('intent.' + s)}</option>`)}
          <option value="">${t('openings.all')}</option>
        </select>`}
    </${Field}>
    <${RecordCards}
      state=${state}
      label=${t('intents.list')}
      empty=${t('intents.none')}
      card=${(i, replace) => html`<${IntentCard} key=${i.id} i=${i} onChange=${replace} />`}
    />`;
}
