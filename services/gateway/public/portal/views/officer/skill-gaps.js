// Skill gaps of the officer's villages: the skills open openings ask for that workers looking for
// work lack, and the courses (with their next batches) that would close them.
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.js';
import { Async, day, Field, html, skillName, Stat, t, useAsync, useReference } from '../../lib/ui.js';

export function SkillGaps({ session }) {
  const ref = useReference();
  const scope = session.regions || [];
  const [region, setRegion] = useState(scope[0]?.slice(0, 9) ?? '');
  const state = useAsync(() => api.get('/insights/skill-gaps', { region, limit: 20 }), [region]);
  const towns = ref?.townships.filter((tw) => !scope.length || scope.some((s) => s.startsWith(tw.code))) ?? [];
  return html`<h1>${t('gaps.title')}</h1>
    <p class="hint">${t('gaps.lead')}</p>
    <${Field} label=${t('place.township')}>
      ${(p) =>
        html`<select ...${p} value=${region} onChange=${(e) => setRegion(e.currentTarget.value)}>
          ${scope.length ? null : html`<option value="">${t('workers.allTownships')}</option>`}
          ${towns.map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
        </select>`}
    </${Field}>
    <${Async} state=${state}>
      ${(g) =>
        html`<div class="stats">
            <${Stat} label=${t('gaps.openings')} value=${g.openings} />
            <${Stat} label=${t('gaps.seeking')} value=${g.seekingWorkers} />
          </div>
          ${
            g.items.length === 0
              ? html`<p class="state empty" role="status">${t('gaps.none')}</p>`
              : html`<ul class="cards" aria-label=${t('gaps.title')}>
                  ${g.items.map(
                    (s) =>
                      html`<li class="card">
                        <h2>${s.name || skillName(s.code)}</h2>
                        <p class="meta">
                          <span>${t('gaps.asked', { openings: s.openings, places: s.places })}</span>
                          <span>${t('gaps.qualified', { n: s.workersQualified })}</span>
                          <span>${t('gaps.short', { n: s.workersShort })}</span>
                          <span>${t('gaps.uncovered', { n: s.placesUncovered })}</span>
                          ${s.certificateRequired ? html`<span class="badge">${t('gaps.certificate')}</span>` : null}
                        </p>
                        ${
                          s.courses.length
                            ? html`<ul class="courses" aria-label=${t('gaps.courses')}>
                                ${s.courses.map(
                                  (c) =>
                                    html`<li>
                                      <strong>${c.title}</strong> · ${t('skill.level', { n: c.level })} ·
                                      ${t('gaps.hours', { n: c.hours })}
                                      ${c.upcomingBatches.map(
                                        (b) =>
                                          html` ·
                                            <a href=${'#/training/' + b.id}
                                              >${t('gaps.batch', { date: day(b.startDate) })}</a
                                            >`,
                                      )}
                                    </li>`,
                                )}
                              </ul>`
                            : html`<p class="hint">${t('gaps.noCourse')}</p>`
                        }
                      </li>`,
                  )}
                </ul>`
          }`}
    </${Async}>`;
}
