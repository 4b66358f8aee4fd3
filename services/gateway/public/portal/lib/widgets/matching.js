// Pieces of matching shared by the roles' screens: why an opening fits (explanations), an opening in
// brief, an interview, an application's history, ranked candidates and the referral button.
import {
  Async,
  dateTime,
  day,
  ErrorBox,
  html,
  Notice,
  placeName,
  PriorityBadges,
  skillName,
  StatusBadge,
  t,
  TierBadge,
  useAsync,
  useSubmit,
} from '../ui.js';
import { api } from '../api.js';

function list(codes) {
  return codes.map(skillName).join('、');
}

/**
 * 为什么推荐: the explanation of a ranked result in words: skills matched, related or missing,
 * certificates and the course that gives them, tier against the worker's preference, wage, priority.
 */
export function Explanation({ explanation: x, audience = 'worker' }) {
  const you = audience === 'worker';
  const lines = [];
  if (x.matchedSkills.length)
    lines.push(['✓', t(you ? 'why.matched' : 'why.matchedThey', { skills: list(x.matchedSkills) })]);
  for (const p of x.partialSkills || [])
    lines.push([
      '≈',
      t(you ? 'why.partial' : 'why.partialThey', { held: skillName(p.held), skill: skillName(p.code) }),
    ]);
  const missing = x.missingSkills.filter((c) => !(x.partialSkills || []).some((p) => p.code === c));
  if (missing.length) lines.push(['✕', t(you ? 'why.missing' : 'why.missingThey', { skills: list(missing) })]);
  if (x.needsCertificate.length) lines.push(['⚠', t('why.certificate', { skills: list(x.needsCertificate) })]);
  for (const c of x.certificateCourses || [])
    lines.push([
      '🎓',
      c.nextBatch
        ? t('why.courseNext', { course: c.title, date: day(c.nextBatch.startDate), cert: c.certificateName })
        : t('why.course', { course: c.title, cert: c.certificateName }),
    ]);
  lines.push(['◎', t('why.tier', { tier: t('tier.' + x.tier), rank: x.tierRank })]);
  lines.push(['¥', t('wage.' + x.wageFit)]);
  for (const p of x.priority) lines.push(['★', t('why.priority.' + p)]);
  if (x.parts?.referred) lines.push(['👍', t('why.referred')]);
  return html`<details class="why">
    <summary>${t('why.title')}${x.fit ? '' : ' · ' + t('why.notFit')}</summary>
    <ul>
      ${lines.map(([icon, text]) => html`<li><span aria-hidden="true" class="why-icon">${icon}</span> ${text}</li>`)}
    </ul>
  </details>`;
}

export function OpeningSummary({ o }) {
  return html`<p class="meta">
    <${TierBadge} tier=${o.tier} />
    <span>${placeName(o.worksiteRegionCode, o.worksiteName || o.worksiteRegionName)}</span>
    <span class="wage">${t('opening.wage')} ¥${o.wageMin}–${o.wageMax}</span>
    ${o.reservedForPoor ? html`<span class="badge flag">★ ${t('opening.reserved')}</span>` : null}
  </p>`;
}

/** The interview the employer set (time, place, note): shown to the worker, the employer and the officer. */
export function Interview({ interview }) {
  if (!interview) return null;
  return html`<p class="notice" aria-label=${t('interview.title')}>
    <strong>${t('interview.title')}</strong>
    <span> <time datetime=${interview.at}>${dateTime(interview.at)}</time> · ${interview.place}</span>
    ${interview.note ? html`<span class="note"> “${interview.note}”</span>` : null}
    ${interview.revision > 1 ? html`<span class="badge info">${t('interview.changed')}</span>` : null}
  </p>`;
}

/** Every transition of an application with who (by role) and when. */
export function History({ items }) {
  return html`<ol class="timeline" aria-label=${t('app.history')}>
    ${items.map(
      (h) =>
        html`<li>
          <${StatusBadge} status=${h.to} kind="app" />
          <span>${t('byRole.' + h.byRole)} · <time datetime=${h.at}>${dateTime(h.at)}</time></span>
          ${h.note ? html`<span class="note">“${h.note}”</span>` : null}
        </li>`,
    )}
  </ol>`;
}

/** Workers ranked for an opening; officers and administrators may refer (推荐) them from here. */
export function Candidates({ opening, session }) {
  const state = useAsync(() => api.get(`/openings/${opening.id}/candidates`, { limit: 20 }), [opening.id]);
  const mayRefer = session.role === 'officer' || session.role === 'admin';
  return html`<h2>${t('opening.candidates')}</h2>
    ${mayRefer ? null : html`<p class="hint">${t('candidates.employerHint')}</p>`}
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('candidates.none')}>
      ${(d) =>
        html`${d.notice ? html`<p class="hint">${d.notice}</p>` : null}
          <ol class="cards">
            ${d.items.map(
              (c) =>
                html`<li class="card">
                  <h3>${c.worker.name || t('applicants.worker')}</h3>
                  <p class="meta">
                    <span>${placeName(c.worker.homeVillageCode)}</span><${PriorityBadges} worker=${c.worker} />
                    <${StatusBadge} status=${c.worker.employmentStatus} kind="emp_status" /><span class="score"
                      >${t('matches.score', { n: Math.round(c.score * 100) })}</span
                    >
                  </p>
                  <${Explanation} explanation=${c.explanation} audience="officer" />
                  ${mayRefer ? html`<${ReferButton} openingId=${opening.id} workerId=${c.workerId} name=${c.worker.name} />` : null}
                </li>`,
            )}
          </ol>`}
    </${Async}>`;
}

export function ReferButton({ openingId, workerId, name }) {
  const { busy, error, done, submit } = useSubmit(() =>
    api.post('/applications', { openingId, workerId, note: t('refer.note') }),
  );
  if (done) return html`<${Notice}>${t('refer.done')}</${Notice}>`;
  return html`<div class="actions">
    <button type="button" disabled=${busy} onClick=${submit} aria-label=${t('refer.label', { name: name || '' })}>
      ${t('refer.action')}
    </button>
    <${ErrorBox} error=${error} />
  </div>`;
}
