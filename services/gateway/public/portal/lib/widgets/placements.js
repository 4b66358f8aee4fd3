// A placement after the hire, shared by the follow-up list and one placement's page: its
// 30-, 90- and 180-day follow-ups, recording the one owed, and recording that the worker left.
import { useState } from 'preact/hooks';
import {
  day,
  ErrorBox,
  Field,
  fieldError,
  html,
  money,
  Notice,
  placeName,
  StatusBadge,
  t,
  today,
  useSubmit,
} from '../ui.js';
import { api } from '../api.js';

/** The follow-up owed now (due or overdue), or undefined. */
export const owedFollowUp = (p) => p.followUps.find((f) => f.state === 'overdue' || f.state === 'due');

/** Yes or no as a labelled select (a word, not a colour or a tick). */
function YesNo({ label, value, onChange, error }) {
  return html`<${Field} label=${label} error=${error}>
    ${(p) =>
      html`<select
        ...${p}
        value=${value ? 'true' : 'false'}
        onChange=${(e) => onChange(e.currentTarget.value === 'true')}
      >
        <option value="true">${t('yes')}</option>
        <option value="false">${t('no')}</option>
      </select>`}
  </${Field}>`;
}

function FollowUpForm({ p, owed, onSaved }) {
  const blank = { stillEmployed: true, wagesPaidOnTime: true, note: '', reason: '', separatedAt: today() };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post(`/placements/${p.id}/follow-ups`, {
      day: owed.day,
      stillEmployed: v.stillEmployed,
      wagesPaidOnTime: v.wagesPaidOnTime,
      note: v.note.trim() || undefined,
      // A worker no longer in the job ends the placement with the reason given here.
      ...(v.stillEmployed ? {} : { reason: v.reason.trim() || undefined, separatedAt: v.separatedAt || undefined }),
    });
    onSaved(r);
    return r;
  });
  return html`<form
    class="form"
    aria-label=${t('placements.recordFollowUp', { day: owed.day })}
    onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}
  >
    <h3>${t('placements.recordFollowUp', { day: owed.day })}</h3>
    <div class="row">
      <${YesNo} label=${t('placements.stillEmployed')} value=${v.stillEmployed} error=${fieldError(save.error, 'stillEmployed')} onChange=${(x) => setV({ ...v, stillEmployed: x })} />
      <${YesNo} label=${t('placements.wagesOnTime')} value=${v.wagesPaidOnTime} error=${fieldError(save.error, 'wagesPaidOnTime')} onChange=${(x) => setV({ ...v, wagesPaidOnTime: x })} />
    </div>
    ${
      v.stillEmployed
        ? null
        : html`<div class="row">
            <${Field} label=${t('placements.reason')} error=${fieldError(save.error, 'reason')}>
              ${(q) => html`<input ...${q} value=${v.reason} maxlength="200" onInput=${set('reason')} />`}
            </${Field}>
            <${Field} label=${t('placements.separatedAt')} error=${fieldError(save.error, 'separatedAt')}>
              ${(q) => html`<input ...${q} type="date" value=${v.separatedAt} max=${today()} onInput=${set('separatedAt')} />`}
            </${Field}>
          </div>`
    }
    <${Field} label=${t('placements.note')} error=${fieldError(save.error, 'note')}>
      ${(q) => html`<textarea ...${q} rows="2" maxlength="500" value=${v.note} onInput=${set('note')}></textarea>`}
    </${Field}>
    <${ErrorBox} error=${save.error} />
    <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('placements.saveFollowUp')}</button>
  </form>`;
}

function SeparationForm({ p, onSaved }) {
  const [v, setV] = useState({ reason: '', separatedAt: today(), note: '' });
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post(`/placements/${p.id}/separation`, {
      reason: v.reason.trim(),
      separatedAt: v.separatedAt || undefined,
      note: v.note.trim() || undefined,
    });
    onSaved(r);
    return r;
  });
  return html`<form
    class="form"
    aria-label=${t('placements.recordSeparation')}
    onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}
  >
    <div class="row">
      <${Field} label=${t('placements.reason')} error=${fieldError(save.error, 'reason')}>
        ${(q) => html`<input ...${q} value=${v.reason} maxlength="200" required onInput=${set('reason')} />`}
      </${Field}>
      <${Field} label=${t('placements.separatedAt')} error=${fieldError(save.error, 'separatedAt')}>
        ${(q) => html`<input ...${q} type="date" value=${v.separatedAt} max=${today()} onInput=${set('separatedAt')} />`}
      </${Field}>
    </div>
    <${Field} label=${t('placements.note')} error=${fieldError(save.error, 'note')}>
      ${(q) => html`<textarea ...${q} rows="2" maxlength="500" value=${v.note} onInput=${set('note')}></textarea>`}
    </${Field}>
    <${ErrorBox} error=${save.error} />
    <button type="submit" class="secondary" disabled=${save.busy}>
      ${save.busy ? t('state.working') : t('placements.saveSeparation')}
    </button>
  </form>`;
}

/** One placement: who, where, since when; its follow-ups; and what the officer can record now. */
export function PlacementCard({ p, onChange, heading = 'h2' }) {
  const [notice, setNotice] = useState(null);
  const owed = p.status === 'active' ? owedFollowUp(p) : undefined;
  const saved = (key) => (next) => {
    setNotice(t(key));
    onChange(next);
  };
  const title = html`<a href=${'#/placements/' + p.id}>${p.workerName || t('placements.worker')}</a> ·
    ${p.openingTitle || '—'}`;
  return html`<li class="card placement">
    ${heading === 'h1' ? html`<h1>${title}</h1>` : html`<h2>${title}</h2>`}
    <p class="meta">
      <${StatusBadge} status=${p.status} kind="placement" />
      ${p.employerName ? html`<span>${p.employerName}</span>` : null}
      <span>${placeName(p.homeVillageCode)}</span>
      <span>${t('placements.since', { date: day(p.startDate) })}</span>
      <span>${t('placements.wage', { wage: money(p.agreedWage) })}</span>
      <a href=${'#/workers/' + p.workerId}>${t('placements.workerPage')}</a>
    </p>
    ${p.status === 'separated' ? html`<p>${t('placements.separated', { date: day(p.separatedAt), reason: p.separationReason || '—' })}</p>` : null}
    <ul class="follow-ups" aria-label=${t('placements.followUps')}>
      ${p.followUps.map(
        (f) =>
          html`<li>
            <strong>${t('placements.day', { day: f.day })}</strong>
            <span>${t('worklist.date', { date: day(f.dueDate) })}</span>
            <${StatusBadge} status=${f.state} kind="followUp" />
            ${
              f.state === 'done'
                ? html`<span
                      >${f.stillEmployed ? t('placements.wasEmployed') : t('placements.hadLeft')} ·
                      ${f.wagesPaidOnTime ? t('placements.wagesPaid') : t('placements.wagesLate')}</span
                    >
                    ${f.note ? html`<span class="hint">${f.note}</span>` : null}`
                : null
            }
          </li>`,
      )}
    </ul>
    <${Notice}>${notice}</${Notice}>
    ${owed ? html`<${FollowUpForm} key=${owed.day} p=${p} owed=${owed} onSaved=${saved('placements.followUpSaved')} />` : null}
    ${
      p.status === 'active'
        ? html`<details>
            <summary>${t('placements.recordSeparation')}</summary>
            <${SeparationForm} p=${p} onSaved=${saved('placements.separationSaved')} />
          </details>`
        : null
    }
  </li>`;
}
