/* global setTimeout, clearTimeout */
// The officer's workers: search and filter those of their villages, priority first.
import { useEffect, useState } from 'preact/hooks';
import { Async, day, Empty, Field, html, SkillPicker, t, useAsync } from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { HouseholdFilters } from '../../lib/widgets/households.js';
import { WorklistSummary } from '../../lib/widgets/worklist.js';
import { priorityOf, WorkerFacts } from '../../lib/widgets/worker.js';

export function Workers({ session }) {
  const [f, setF] = useState({ township: '', householdStatus: '', relocated: '', employmentStatus: '', skill: '' });
  const [name, setName] = useState('');
  const [q, setQ] = useState('');
  // The service finds a part of a name or a whole ID number among all the officer's workers, not
  // only the 200 shown; it is asked once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setQ(name.trim()), 300);
    return () => clearTimeout(timer);
  }, [name]);
  const state = useAsync(() => api.get('/workers', { ...f, q, limit: 200 }), [JSON.stringify(f), q]);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  return html`<h1>${t('workers.title')}</h1>
    <${WorklistSummary} />
    <div class="actions"><a class="button" href="#/workers/new">＋ ${t('workers.register')}</a></div>
    <form class="filters" role="search" onSubmit=${(e) => e.preventDefault()}>
      <${Field} label=${t('workers.name')}>
        ${(p) => html`<input ...${p} type="search" value=${name} onInput=${(e) => setName(e.currentTarget.value)} placeholder=${t('workers.nameHint')} />`}
      </${Field}>
      <div class="row">
        <${HouseholdFilters} session=${session} f=${f} setF=${setF} statusKey="householdStatus" />
        <${Field} label=${t('worker.employment')}>
          ${(p) =>
            html`<select ...${p} value=${f.employmentStatus} onChange=${set('employmentStatus')}>
              <option value="">${t('workers.any')}</option>
              ${['seeking', 'employed', 'in_training', 'not_seeking'].map((s) => html`<option value=${s}>${t('emp_status.' + s)}</option>`)}
            </select>`}
        </${Field}>
      </div>
      <${SkillPicker} label=${t('workers.skill')} value=${f.skill} onChange=${(skill) => setF({ ...f, skill })} />
    </form>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('workers.none')}>
      ${(d) => {
        const items = [...d.items].sort((a, b) => priorityOf(b) - priorityOf(a));
        return html`<p class="count" role="status">${t('workers.count', { n: items.length })}</p>
          ${items.length === 0 ? html`<${Empty}>${t('workers.none')}</${Empty}>` : null}
          <ul class="cards">
            ${items.map(
              (w) =>
                html`<li class="card">
                  <h2><a href=${'#/workers/' + w.id}>${w.name}</a></h2>
                  <${WorkerFacts} w=${w}><span>${t('worker.lastContact')}: ${day(w.lastContactAt)}</span></${WorkerFacts}>
                </li>`,
            )}
          </ul>
          ${d.nextCursor ? html`<p class="hint">${t('workers.more')}</p>` : null}`;
      }}
    </${Async}>`;
}
