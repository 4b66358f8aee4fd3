// Party membership applications (入党申请) and activists (入党积极分子) among the officer's workers:
// the list by township, recording an application, and marking an applicant an activist.
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.js';
import {
  Async,
  day,
  Field,
  fieldError,
  html,
  Notice,
  placeName,
  t,
  today,
  useAsync,
  useReference,
  useSubmit,
} from '../../lib/ui.js';
import { RecordCards, RecordForm } from '../../lib/widgets/records.js';

function NewApplication({ onSaved }) {
  const blank = { workerId: '', appliedAt: today(), note: '' };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const workers = useAsync(() => api.get('/workers', { limit: 200 }), []);
  const save = useSubmit(async () => {
    const r = await api.post('/ledgers/party-applications', {
      workerId: v.workerId,
      appliedAt: v.appliedAt,
      note: v.note.trim() || undefined,
    });
    setV(blank);
    onSaved();
    return r;
  });
  return html`<${RecordForm}
    label=${t('partyApps.new')}
    heading=${t('partyApps.new')}
    save=${save}
    done=${t('partyApps.saved')}
    submit=${t('partyApps.record')}
    disabled=${!v.workerId}
  >
    <${Async} state=${workers}>
      ${(d) =>
        html`<${Field} label=${t('batch.worker')} error=${fieldError(save.error, 'workerId')}>
          ${(p) =>
            html`<select ...${p} value=${v.workerId} required onChange=${set('workerId')}>
              <option value="">${t('place.choose')}</option>
              ${d.items.map((w) => html`<option value=${w.id}>${w.name} · ${placeName(w.homeVillageCode)}</option>`)}
            </select>`}
        </${Field}>`}
    </${Async}>
    <${Field} label=${t('partyApps.appliedAt')} error=${fieldError(save.error, 'appliedAt')}>
      ${(p) => html`<input ...${p} type="date" required max=${today()} value=${v.appliedAt} onInput=${set('appliedAt')} />`}
    </${Field}>
    <${Field} label=${t('placements.note')} error=${fieldError(save.error, 'note')}>
      ${(p) => html`<textarea ...${p} rows="2" maxlength="500" value=${v.note} onInput=${set('note')}></textarea>`}
    </${Field}>
  </${RecordForm}>`;
}

function ApplicationCard({ a, onChange }) {
  const [activistAt, setActivistAt] = useState(today());
  const mark = useSubmit(async () =>
    onChange(
      await api.post('/ledgers/party-applications', { workerId: a.workerId, appliedAt: a.appliedAt, activistAt }),
    ),
  );
  const name = a.workerName || t('placements.worker');
  return html`<li class="card">
    <h2><a href=${'#/workers/' + a.workerId}>${name}</a></h2>
    <p class="meta">
      <span>${placeName(a.villageCode)}</span>
      <span>${t('partyApps.appliedOn', { date: day(a.appliedAt) })}</span>
      ${a.activistAt ? html`<span class="badge good">${t('partyApps.activistSince', { date: day(a.activistAt) })}</span>` : null}
    </p>
    ${a.note ? html`<p class="hint">${a.note}</p>` : null}
    ${
      a.activistAt
        ? null
        : html`<${RecordForm} label=${t('partyApps.markLabel', { name })} save=${mark} submit=${t('partyApps.mark')} small>
            <${Field} label=${t('partyApps.activistAt')} error=${fieldError(mark.error, 'activistAt')}>
              ${(p) => html`<input ...${p} type="date" required max=${today()} value=${activistAt} onInput=${(e) => setActivistAt(e.currentTarget.value)} />`}
            </${Field}>
          </${RecordForm}>`
    }
    <${Notice}>${mark.done ? t('partyApps.marked') : null}</${Notice}>
  </li>`;
}

export function PartyApplications({ session }) {
  const ref = useReference();
  const scope = session.regions || [];
  const [township, setTownship] = useState(scope[0]?.slice(0, 9) ?? '');
  const state = useAsync(() => api.get('/ledgers/party-applications', { township, limit: 200 }), [township]);
  const towns = ref?.townships.filter((tw) => !scope.length || scope.some((s) => s.startsWith(tw.code))) ?? [];
  return html`<h1>${t('partyApps.title')}</h1>
    <p class="hint">${t('partyApps.lead')}</p>
    <${NewApplication} onSaved=${state.reload} />
    <h2>${t('partyApps.list')}</h2>
    <${Field} label=${t('place.township')}>
      ${(p) =>
        html`<select ...${p} value=${township} onChange=${(e) => setTownship(e.currentTarget.value)}>
          ${scope.length ? null : html`<option value="">${t('workers.allTownships')}</option>`}
          ${towns.map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
        </select>`}
    </${Field}>
    <${RecordCards}
      state=${state}
      label=${t('partyApps.list')}
      empty=${t('partyApps.none')}
      card=${(a, replace) => html`<${ApplicationCard} key=${a.id} a=${a} onChange=${replace} />`}
    />`;
}
