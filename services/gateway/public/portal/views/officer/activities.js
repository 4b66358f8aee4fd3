// 六个一 activities: the village work groups' record of letters, notices, symposia, training, visits.
import { useState } from 'preact/hooks';
import {
  Async,
  day,
  ErrorBox,
  Field,
  fieldError,
  html,
  Notice,
  placeName,
  t,
  today,
  useAsync,
  useSubmit,
  VillagePicker,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';

const ACTIVITY_KINDS = ['letter', 'employer_notice', 'symposium', 'training', 'visit', 'exemplar'];

/** Record one programme activity (for a village or a whole township) and see the latest ones. */
export function Activities({ session }) {
  const blank = { kind: 'visit', village: '', township: '', date: today(), title: '', participants: '', note: '' };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const list = useAsync(() => api.get('/ledgers/activities', { order: 'newest', limit: 50 }), []);
  const save = useSubmit(async () => {
    const r = await api.post('/ledgers/activities', {
      kind: v.kind,
      // A township-wide activity (a symposium, say) is recorded on the township.
      regionCode: v.village || v.township || undefined,
      date: v.date,
      title: v.title.trim() || undefined,
      participants: v.participants === '' ? undefined : Number(v.participants),
      note: v.note.trim() || undefined,
    });
    setV({ ...blank, kind: v.kind, village: v.village, township: v.township });
    list.reload();
    return r;
  });
  return html`<h1>${t('activities.title')}</h1>
    <p class="hint">${t('activities.lead')}</p>
    <form class="form" onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}>
      <div class="row">
        <${Field} label=${t('activities.kind')} error=${fieldError(save.error, 'kind')}>
          ${(p) =>
            html`<select ...${p} value=${v.kind} onChange=${set('kind')}>
              ${ACTIVITY_KINDS.map((k) => html`<option value=${k}>${t('activity.' + k)}</option>`)}
            </select>`}
        </${Field}>
        <${Field} label=${t('activities.date')} error=${fieldError(save.error, 'date')}>
          ${(p) => html`<input ...${p} type="date" value=${v.date} max=${today()} onInput=${set('date')} />`}
        </${Field}>
        <${Field} label=${t('activities.participants')} error=${fieldError(save.error, 'participants')}>
          ${(p) => html`<input ...${p} type="number" min="0" inputmode="numeric" value=${v.participants} onInput=${set('participants')} />`}
        </${Field}>
      </div>
      <${VillagePicker}
        label=${t('activities.place')}
        value=${v.village}
        scope=${session.regions}
        wholeCounty=${session.role === 'admin'}
        error=${fieldError(save.error, 'regionCode')}
        onChange=${(village) => setV((cur) => ({ ...cur, village }))}
        onTownship=${(township) => setV((cur) => ({ ...cur, township }))}
      />
      <${Field} label=${t('activities.titleField')} error=${fieldError(save.error, 'title')}>
        ${(p) => html`<input ...${p} value=${v.title} maxlength="200" onInput=${set('title')} />`}
      </${Field}>
      <${Field} label=${t('activities.note')} error=${fieldError(save.error, 'note')}>
        ${(p) => html`<textarea ...${p} rows="2" maxlength="1000" value=${v.note} onInput=${set('note')}></textarea>`}
      </${Field}>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('activities.saved') : null}</${Notice}>
      <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('activities.record')}</button>
    </form>
    <h2>${t('activities.latest')}</h2>
    <${Async} state=${list} isEmpty=${(d) => d.items.length === 0} empty=${t('activities.none')}>
      ${(d) =>
        html`<ul class="cards" aria-label=${t('activities.latest')}>
          ${d.items.map(
            (a) =>
              html`<li class="card">
                <p class="meta">
                  <strong>${t('activity.' + a.kind)}</strong><span>${day(a.date)}</span
                  ><span>${placeName(a.regionCode)}</span>
                  ${typeof a.participants === 'number' ? html`<span>${t('activities.people', { n: a.participants })}</span>` : null}
                </p>
                ${a.title ? html`<p>${a.title}</p>` : null}${a.note ? html`<p class="hint">${a.note}</p>` : null}
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}
