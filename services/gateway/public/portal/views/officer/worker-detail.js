// One worker: matches, services, incomes, party-group links and the edit tab.
import { useState } from 'preact/hooks';
import {
  Async,
  day,
  ErrorBox,
  Field,
  fieldError,
  html,
  money,
  Notice,
  placeName,
  skillName,
  SubNav,
  t,
  today,
  useAsync,
  useSubmit,
} from '../../lib/ui.js';
import { api } from '../../lib/api.js';
import { Explanation, OpeningSummary, ReferButton } from '../../lib/widgets/matching.js';
import { ActivationCodeButton, PendingChanges, ServiceForm, WorkerFacts } from '../../lib/widgets/worker.js';
import { WorkerEditor } from '../../lib/widgets/worker-editor.js';

export function WorkerDetail({ id, tab, session }) {
  const state = useAsync(() => api.get(`/workers/${id}`), [id]);
  const base = '#/workers/' + id;
  return html`<p><a href="#/workers">← ${t('workers.title')}</a></p>
    <${Async} state=${state}>
      ${(w) =>
        html`<h1>${w.name}</h1>
          <${WorkerFacts} w=${w}><span>${t('worker.expectedWage')}: ${money(w.expectedMinWage)}</span></${WorkerFacts}>
          <p class="meta">
            ${w.skills.map((s) => html`<span class="badge">${skillName(s.code)} ${t('skill.level', { n: s.level })}${s.certificateNo ? ' ✓' : ''}</span>`)}
          </p>
          <${ActivationCodeButton} worker=${w} />
          <${PendingChanges} worker=${w} onDecided=${state.setData} />
          <${SubNav}
            current=${base + '/' + tab}
            items=${[
              [base + '/matches', t('worker.tab.matches')],
              [base + '/services', t('worker.tab.services')],
              [base + '/incomes', t('worker.tab.incomes')],
              [base + '/party', t('worker.tab.party')],
              [base + '/edit', t('act.edit')],
            ]}
          />
          ${tab === 'matches' ? html`<${WorkerMatches} worker=${w} />` : null}
          ${tab === 'services' ? html`<${Services} worker=${w} />` : null}
          ${tab === 'incomes' ? html`<${Incomes} worker=${w} />` : null}
          ${tab === 'party' ? html`<${Party} worker=${w} />` : null}
          ${tab === 'edit' ? html`<${WorkerEditor} session=${session} worker=${w} onSaved=${state.setData} />` : null}`}
    </${Async}>`;
}

function WorkerMatches({ worker }) {
  const state = useAsync(() => api.get(`/workers/${worker.id}/matches`, { limit: 10 }), [worker.id]);
  return html`<h2>${t('worker.tab.matches')}</h2>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('matches.noneOfficer')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (m) =>
              html`<li class="card">
                <h3>${m.opening.title}</h3>
                <p class="sub">${m.opening.employerName}</p>
                <${OpeningSummary} o=${m.opening} />
                <p class="meta">
                  <span>${t('opening.places', { n: m.opening.placesLeft })}</span
                  ><span class="score">${t('matches.score', { n: Math.round(m.score * 100) })}</span>
                </p>
                <${Explanation} explanation=${m.explanation} audience="officer" />
                <${ReferButton} openingId=${m.openingId} workerId=${worker.id} name=${worker.name} />
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}

function Services({ worker }) {
  const state = useAsync(() => api.get(`/workers/${worker.id}/services`, { limit: 100 }), [worker.id]);
  return html`<h2>${t('worker.tab.services')}</h2>
    <${ServiceForm} workerId=${worker.id} onDone=${state.reload} />
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('service.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${[...d.items].reverse().map(
            (s) =>
              html`<li class="card">
                <p class="meta">
                  <strong>${t('svc.' + s.service)}</strong><span>${day(s.date)}</span
                  ><span>${t('ch.' + s.channel)}</span>
                </p>
                ${s.note ? html`<p>${s.note}</p>` : null}${s.outcome ? html`<p class="hint">${t('service.outcome')}: ${s.outcome}</p>` : null}
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}

function Incomes({ worker }) {
  const state = useAsync(() => api.get(`/workers/${worker.id}/incomes`, { limit: 100 }), [worker.id]);
  const [v, setV] = useState({
    month: today().slice(0, 7),
    amount: '',
    source: 'wages',
    employerName: '',
    verified: false,
  });
  const set = (k) => (e) =>
    setV({ ...v, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post(`/workers/${worker.id}/incomes`, {
      month: v.month,
      amount: v.amount === '' ? undefined : Number(v.amount),
      source: v.source,
      employerName: v.employerName.trim() || undefined,
      verified: v.verified,
    });
    state.reload();
    return r;
  });
  return html`<h2>${t('worker.tab.incomes')}</h2>
    <form class="form" onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}>
      <div class="row">
        <${Field} label=${t('income.month')} error=${fieldError(save.error, 'month')}>
          ${(p) => html`<input ...${p} type="month" value=${v.month} onInput=${set('month')} />`}
        </${Field}>
        <${Field} label=${t('income.amount')} error=${fieldError(save.error, 'amount')}>
          ${(p) => html`<input ...${p} type="number" min="0" inputmode="decimal" value=${v.amount} onInput=${set('amount')} />`}
        </${Field}>
        <${Field} label=${t('income.source')} error=${fieldError(save.error, 'source')}>
          ${(p) =>
            html`<select ...${p} value=${v.source} onChange=${set('source')}>
              ${['wages', 'business', 'property', 'transfer'].map((s) => html`<option value=${s}>${t('src.' + s)}</option>`)}
            </select>`}
        </${Field}>
      </div>
      <${Field} label=${t('income.employer')} error=${fieldError(save.error, 'employerName')}>
        ${(p) => html`<input ...${p} value=${v.employerName} onInput=${set('employerName')} />`}
      </${Field}>
      <label class="check"><input type="checkbox" checked=${v.verified} onChange=${set('verified')} /> ${t('income.verified')}</label>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('saved') : null}</${Notice}>
      <button type="submit" disabled=${save.busy}>${t('income.record')}</button>
    </form>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('income.none')}>
      ${(d) =>
        html`<table class="table">
          <caption class="sr-only">
            ${t('worker.tab.incomes')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('income.month')}</th>
              <th scope="col">${t('income.amount')}</th>
              <th scope="col">${t('income.source')}</th>
              <th scope="col">${t('income.check')}</th>
            </tr>
          </thead>
          <tbody>
            ${d.items.map(
              (i) =>
                html`<tr>
                  <td>${i.month}</td>
                  <td>${money(i.amount)}</td>
                  <td>${t('src.' + i.source)}${i.employerName ? ' · ' + i.employerName : ''}</td>
                  <td>${i.verified ? '✓ ' + t('income.isVerified') : t('income.self')}</td>
                </tr>`,
            )}
          </tbody>
        </table>`}
    </${Async}>`;
}

function Party({ worker }) {
  const state = useAsync(
    () => api.get('/party-groups', { village: worker.homeVillageCode, limit: 50 }),
    [worker.homeVillageCode],
  );
  const [msg, setMsg] = useState(null);
  const act = useSubmit(async (kind, group, member) => {
    if (kind === 'contact')
      await api.post(`/party-groups/${group.id}/members/${member.id}/contacts`, {
        workerId: worker.id,
        since: today(),
      });
    else
      await api.post(`/party-groups/${group.id}/members`, {
        workerId: worker.id,
        mobile: true,
        joinedPartyAt: undefined,
      });
    setMsg(kind === 'contact' ? t('party.linked') : t('party.joined'));
    state.reload();
  });
  const newGroup = useSubmit(async () => {
    await api.post('/party-groups', {
      name: placeName(worker.homeVillageCode, worker.homeVillageName) + t('party.groupSuffix'),
      villageCode: worker.homeVillageCode,
      leaderName: worker.name,
      foundedAt: today(),
    });
    state.reload();
  });
  return html`<h2>${t('worker.tab.party')}</h2>
    <p class="hint">${t('party.lead')}</p>
    <${Notice}>${msg}</${Notice}>
    <${ErrorBox} error=${act.error} />
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('party.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (g) =>
              html`<li class="card">
                <h3><a href=${'#/party-groups/' + g.id}>${g.name}</a></h3>
                <p class="hint">${t('party.leader')}: ${g.leaderName}</p>
                ${g.members.length === 0 ? html`<p class="hint">${t('party.noMembers')}</p>` : null}
                <ul class="plain">
                  ${g.members.map(
                    (m) =>
                      html`<li>
                        ${m.workerName || t('party.member')}${m.mobile ? ' · ' + t('party.mobile') : ''} ·
                        ${t('party.contacts', { n: m.contacts.length })}
                        ${
                          m.contacts.some((c) => c.workerId === worker.id)
                            ? html` <span class="badge good">✓ ${t('party.inTouch')}</span>`
                            : m.workerId !== worker.id
                              ? html` <button
                                  type="button"
                                  class="secondary small"
                                  disabled=${act.busy}
                                  onClick=${() => act.submit('contact', g, m)}
                                >
                                  ${t('party.link', { name: m.workerName || '' })}
                                </button>`
                              : null
                        }
                      </li>`,
                  )}
                </ul>
                ${g.members.some((m) => m.workerId === worker.id) ? null : html`<button type="button" class="secondary small" disabled=${act.busy} onClick=${() => act.submit('member', g)}>${t('party.addMember')}</button>`}
              </li>`,
          )}
        </ul>`}
    </${Async}>
    ${
      state.data && state.data.items.length === 0
        ? html`<button type="button" class="secondary" disabled=${newGroup.busy} onClick=${() => newGroup.submit()}>
              ＋ ${t('party.newGroup')}</button
            ><${ErrorBox} error=${newGroup.error} />`
        : null
    }`;
}
