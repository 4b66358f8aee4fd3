// One opening: applicants with their pipeline moves, ranked candidates, and the edit tab.
import { useState } from 'preact/hooks';
import {
  Async,
  ErrorBox,
  Field,
  fieldError,
  html,
  placeName,
  PriorityBadges,
  skillName,
  StatusBadge,
  SubNav,
  t,
  TierBadge,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { Candidates, History, Interview } from '../../lib/widgets/matching.js';
import { OpeningEditor, StatusMoves } from '../../lib/widgets/openings.js';

export function OpeningDetail({ id, tab, session }) {
  const state = useAsync(() => api.get(`/openings/${id}`), [id]);
  const base = '#/openings/' + id;
  return html`<p><a href="#/openings">← ${t('openings.title')}</a></p>
    <${Async} state=${state}>
      ${(o) =>
        html`<h1>${o.title}</h1>
          <p class="meta">
            <${StatusBadge} status=${o.status} kind="op" /> <${TierBadge} tier=${o.tier} />
            <span>${placeName(o.worksiteRegionCode, o.worksiteRegionName)}</span><span>¥${o.wageMin}–${o.wageMax}</span>
            <span>${t('opening.filled', { filled: o.filledCount, headcount: o.headcount })}</span>
          </p>
          <${StatusMoves} o=${o} onChange=${state.setData} />
          <${SubNav}
            current=${base + '/' + tab}
            items=${[
              [base + '/applicants', t('opening.applicants')],
              [base + '/candidates', t('opening.candidates')],
              [base + '/edit', t('act.edit')],
            ]}
          />
          ${tab === 'applicants' ? html`<${Applicants} opening=${o} onHire=${state.reload} />` : null}
          ${tab === 'candidates' ? html`<${Candidates} opening=${o} session=${session} />` : null}
          ${tab === 'edit' ? html`<${OpeningEditor} employerId=${o.employerId} opening=${o} onSaved=${state.setData} />` : null}`}
    </${Async}>`;
}

function Applicants({ opening, onHire }) {
  const state = useAsync(() => api.get('/applications', { openingId: opening.id, limit: 100 }), [opening.id]);
  return html`<h2>${t('opening.applicants')}</h2>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('applicants.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (a) =>
              html`<${ApplicantCard}
                a=${a}
                opening=${opening}
                onChange=${(next) => {
                  state.setData({ ...d, items: d.items.map((x) => (x.id === next.id ? next : x)) });
                  if (next.status === 'hired') onHire();
                }}
              />`,
          )}
        </ul>`}
    </${Async}>`;
}

function ApplicantCard({ a, opening, onChange }) {
  const [hire, setHire] = useState({ startDate: '', agreedWage: '' });
  const [meet, setMeet] = useState({ at: '', place: '', note: '' });
  // The interview's time and place (datetime-local is the browser's, the county's, time).
  const interviewBody = () => ({
    at: meet.at ? new Date(meet.at).toISOString() : '',
    place: meet.place,
    ...(meet.note ? { note: meet.note } : {}),
  });
  const move = useSubmit(async (to) => {
    const body = { status: to };
    if (to === 'hired') {
      if (hire.startDate) body.startDate = hire.startDate;
      if (hire.agreedWage) body.agreedWage = Number(hire.agreedWage);
    }
    if (to === 'interview' && (meet.at || meet.place)) body.interview = interviewBody();
    onChange(await api.patch(`/applications/${a.id}`, body));
  });
  const reschedule = useSubmit(async () =>
    onChange(await api.post(`/applications/${a.id}/interview`, interviewBody())),
  );
  const interviewError = (field) => fieldError(move.error, `interview/${field}`) || fieldError(reschedule.error, field);
  // The API says which moves are open to this account now; the pipeline is not restated here.
  const moves = a.allowedMoves ?? [];
  const next = moves.find((m) => m !== 'rejected' && m !== 'withdrawn');
  const w = a.worker;
  return html`<li class="card">
    <h3>${w?.name || t('applicants.worker')}</h3>
    ${
      w
        ? html`<p class="meta">
              <span>${placeName(w.homeVillageCode, w.homeVillageName)}</span><${PriorityBadges} worker=${w} />
            </p>
            <p class="meta">
              ${w.skills.map((s) => html`<span class="badge">${skillName(s.code)} ${t('skill.level', { n: s.level })}${s.certified ? ' ✓' : ''}</span>`)}
            </p>`
        : null
    }
    <p class="meta">
      <${StatusBadge}
        status=${a.status}
        kind="app"
      />${a.referredBy ? html`<span class="badge info">${t('apps.referred')}</span>` : null}
      <span>${a.contactVisible ? t('applicants.contactVisible') : t('applicants.contactMasked')}</span>
    </p>
    <${Interview} interview=${a.interview} />
    <${History} items=${a.history} />
    ${
      next === 'interview' || a.status === 'interview'
        ? html`<div class="row">
          <${Field} label=${t('interview.at')} error=${interviewError('at')}>
            ${(p) => html`<input ...${p} type="datetime-local" value=${meet.at} onInput=${(e) => setMeet({ ...meet, at: e.currentTarget.value })} />`}
          </${Field}>
          <${Field} label=${t('interview.place')} error=${interviewError('place')}>
            ${(p) => html`<input ...${p} maxlength="200" value=${meet.place} onInput=${(e) => setMeet({ ...meet, place: e.currentTarget.value })} />`}
          </${Field}>
          <${Field} label=${t('interview.note')} error=${interviewError('note')}>
            ${(p) => html`<input ...${p} maxlength="500" value=${meet.note} onInput=${(e) => setMeet({ ...meet, note: e.currentTarget.value })} />`}
          </${Field}>
          ${
            a.status === 'interview'
              ? html`<button
                  type="button"
                  class="secondary"
                  disabled=${reschedule.busy}
                  onClick=${() => reschedule.submit()}
                >
                  ${a.interview ? t('interview.change') : t('interview.set')}
                </button>`
              : null
          }
        </div>`
        : null
    }
    ${
      next === 'hired'
        ? html`<div class="row">
          <${Field} label=${t('hire.startDate')} error=${fieldError(move.error, 'startDate')}>
            ${(p) => html`<input ...${p} type="date" value=${hire.startDate} onInput=${(e) => setHire({ ...hire, startDate: e.currentTarget.value })} />`}
          </${Field}>
          <${Field} label=${t('hire.wage')} hint=${t('hire.wageHint', { n: opening.wageMin })} error=${fieldError(move.error, 'agreedWage')}>
            ${(p) => html`<input ...${p} type="number" inputmode="numeric" min="0" value=${hire.agreedWage} onInput=${(e) => setHire({ ...hire, agreedWage: e.currentTarget.value })} />`}
          </${Field}>
        </div>`
        : null
    }
    ${
      moves.length > 0
        ? html`<div class="actions">
            ${next ? html`<button type="button" disabled=${move.busy} onClick=${() => move.submit(next)}>${t('move.' + next)}</button>` : null}
            ${
              moves.includes('rejected')
                ? html`<button
                    type="button"
                    class="secondary danger"
                    disabled=${move.busy}
                    onClick=${() => move.submit('rejected')}
                  >
                    ${t('move.rejected')}
                  </button>`
                : null
            }
          </div>`
        : null
    }
    <${ErrorBox} error=${move.error} />
    <${ErrorBox} error=${reschedule.error} />
  </li>`;
}
