// The union organisation and the 七有 pilot standard: work groups and their members (join, leave),
// the union and party figures side by side per village, and each village's 七有 checklist with
// its evidence. Officers keep their villages; the administrator sees the county.
import { useState } from 'preact/hooks';
import { api, laterKeys, request } from '../lib/api.js';
import {
  Async,
  day,
  ErrorBox,
  Field,
  fieldError,
  html,
  Notice,
  placeName,
  SubNav,
  t,
  today,
  useAsync,
  useSubmit,
  VillagePicker,
} from '../lib/ui.js';

/** Routes shared by officers and the administrator. */
export function unionRoute(path, session) {
  if (path === '/union') return { view: html`<${WorkGroups} session=${session} />` };
  if (path === '/qiyou') return { view: html`<${QiyouCounty} />` };
  const q = /^\/qiyou\/(\d{12})$/.exec(path);
  if (q) return { view: html`<${QiyouVillage} code=${q[1]} />` };
  const g = /^\/union\/work-groups\/([0-9a-f-]{36})$/.exec(path);
  if (g) return { view: html`<${WorkGroup} id=${g[1]} session=${session} />` };
  return undefined;
}

const tabs = (current) =>
  html`<${SubNav}
    current=${current}
    items=${[
      ['#/union', t('union.groups')],
      ['#/party-groups', t('partyGroups.title')],
      ['#/qiyou', t('qiyou.title')],
    ]}
  />`;

// ---------- work groups ----------

function WorkGroups({ session }) {
  const groups = useAsync(() => api.get('/union/work-groups', { limit: 100 }), []);
  const figures = useAsync(
    () => api.get('/union/figures', session.regions?.length > 1 ? { township: session.regions[0] } : undefined),
    [],
  );
  return html`<h1>${t('union.title')}</h1>
    ${tabs('#/union')}
    <p class="hint">${t('union.lead')}</p>
    <h2>${t('union.figures')}</h2>
    <${Async} state=${figures}>${(f) => html`<${Figures} f=${f} />`}</${Async}>
    <h2>${t('union.groups')}</h2>
    <${Async} state=${groups} isEmpty=${(d) => d.items.length === 0} empty=${t('union.noGroups')}>
      ${(d) =>
        html`<ul class="cards" aria-label=${t('union.groups')}>
          ${d.items.map((g) => html`<${GroupCard} g=${g} onChange=${() => (groups.reload(), figures.reload())} />`)}
        </ul>`}
    </${Async}>
    <${NewGroup} session=${session} onCreated=${() => (groups.reload(), figures.reload())} />`;
}

/** Union and party figures side by side per unit (党建带工建). */
function Figures({ f }) {
  const rows = f.breakdown.length ? f.breakdown : [f.totals];
  return html`<table class="table" aria-label=${t('union.figures')}>
    <thead>
      <tr>
        <th scope="col">${t('union.place')}</th>
        <th scope="col">${t('union.workGroups')}</th>
        <th scope="col">${t('union.members')}</th>
        <th scope="col">${t('union.partyGroups')}</th>
        <th scope="col">${t('union.partyMembers')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <th scope="row">${r.regionName || placeName(r.regionCode)}</th>
            <td>${r.union.workGroups}</td>
            <td>${r.union.members}</td>
            <td>${r.party.groups}</td>
            <td>${r.party.members}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function GroupCard({ g, onChange }) {
  const [open, setOpen] = useState(false);
  return html`<li class="card">
    <h3><a href=${'#/union/work-groups/' + g.id}>${g.name}</a></h3>
    <p class="meta">
      <span>${g.villages.map((v) => v.name || placeName(v.code)).join('、')}</span>
      <span>${t('union.leader')}：${g.leaderName}${g.leaderPhone ? ` ${g.leaderPhone}` : ''}</span>
      <span>${t('union.memberCount', { n: g.members })}</span>
      ${g.partyGroupName ? html`<span class="badge">${t('union.ledBy', { name: g.partyGroupName })}</span>` : null}
    </p>
    <details open=${open} onToggle=${(e) => setOpen(e.currentTarget.open)}>
      <summary>${t('union.showMembers')}</summary>
      ${open ? html`<${Members} g=${g} onChange=${onChange} />` : null}
    </details>
  </li>`;
}

function Members({ g, onChange }) {
  const members = useAsync(() => api.get(`/union/work-groups/${g.id}/members`, { limit: 200 }), [g.id]);
  const workers = useAsync(
    () => Promise.all(g.villageCodes.map((v) => api.get('/workers', { village: v, limit: 200 }))),
    [g.id],
  );
  const [v, setV] = useState({ workerId: '', membershipNo: '', joinedOn: today() });
  const join = useSubmit(async () => {
    const r = await api.post(`/workers/${v.workerId}/union-membership`, {
      workGroupId: g.id,
      membershipNo: v.membershipNo.trim(),
      joinedOn: v.joinedOn,
    });
    setV({ workerId: '', membershipNo: '', joinedOn: v.joinedOn });
    members.reload();
    workers.reload();
    onChange();
    return r;
  });
  const leave = useSubmit(async (m) => {
    await api.post(`/workers/${m.workerId}/union-membership/leave`, { leftOn: today() });
    members.reload();
    workers.reload();
    onChange();
    return true;
  });
  return html`<${Async} state=${members} isEmpty=${(d) => d.items.length === 0} empty=${t('union.noMembers')}>
      ${(d) =>
        html`<ul class="plain" aria-label=${t('union.members')}>
          ${d.items.map(
            (m) =>
              html`<li>
                <strong>${m.workerName}</strong> · ${t('union.no')} ${m.membershipNo} · ${t('union.joinedOn')}
                ${day(m.joinedOn)}
                <button type="button" class="secondary" disabled=${leave.busy} onClick=${() => leave.submit(m)}>
                  ${t('union.leave')}
                </button>
              </li>`,
          )}
        </ul>`}
    </${Async}>
    <${ErrorBox} error=${leave.error} />
    <form class="form" onSubmit=${(e) => (e.preventDefault(), join.submit())}>
      <h4>${t('union.join')}</h4>
      <div class="row">
        <${Field} label=${t('union.worker')} error=${fieldError(join.error, 'workerId') || fieldError(join.error, 'workGroupId')}>
          ${(p) =>
            html`<select ...${p} value=${v.workerId} onChange=${(e) => setV({ ...v, workerId: e.currentTarget.value })}>
              <option value="">${t('place.choose')}</option>
              ${(workers.data ?? []).flatMap((page) =>
                page.items
                  .filter((w) => !w.unionMember?.member)
                  .map((w) => html`<option value=${w.id}>${w.name}（${placeName(w.homeVillageCode)}）</option>`),
              )}
            </select>`}
        </${Field}>
        <${Field} label=${t('union.no')} error=${fieldError(join.error, 'membershipNo')}>
          ${(p) => html`<input ...${p} value=${v.membershipNo} maxlength="40" onInput=${(e) => setV({ ...v, membershipNo: e.currentTarget.value })} />`}
        </${Field}>
        <${Field} label=${t('union.joinedOn')} error=${fieldError(join.error, 'joinedOn')}>
          ${(p) => html`<input ...${p} type="date" max=${today()} value=${v.joinedOn} onInput=${(e) => setV({ ...v, joinedOn: e.currentTarget.value })} />`}
        </${Field}>
      </div>
      <${ErrorBox} error=${join.error} />
      <${Notice}>${join.done ? t('union.joined') : null}</${Notice}>
      <button type="submit" disabled=${join.busy || !v.workerId}>${t('union.joinButton')}</button>
    </form>`;
}

function NewGroup({ session, onCreated }) {
  const feds = useAsync(() => api.get('/union/federations'), []);
  const blank = { village: '', township: '', name: '', leaderName: '', fedName: '', fedLeader: '' };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const township = v.township || v.village.slice(0, 9);
  const fed = feds.data?.items.find((f) => f.townshipCode === township);
  const save = useSubmit(async () => {
    // Two writes, the second after the first's answer: both keep the submission's keys.
    const next = laterKeys();
    const federationId =
      fed?.id ??
      (
        await api.post('/union/federations', {
          townshipCode: township,
          name: v.fedName.trim(),
          leaderName: v.fedLeader.trim(),
        })
      ).id;
    const r = await api.post(
      '/union/work-groups',
      {
        federationId,
        name: v.name.trim(),
        leaderName: v.leaderName.trim(),
        villageCodes: v.village ? [v.village] : [],
      },
      { key: next() },
    );
    setV(blank);
    feds.reload();
    onCreated();
    return r;
  });
  return html`<h2>${t('union.newGroup')}</h2>
    <form class="form" onSubmit=${(e) => (e.preventDefault(), save.submit())}>
      <${VillagePicker}
        label=${t('union.village')}
        value=${v.village}
        scope=${session.regions}
        error=${fieldError(save.error, 'villageCodes')}
        onChange=${(village) => setV((cur) => ({ ...cur, village }))}
        onTownship=${(tw) => setV((cur) => ({ ...cur, township: tw }))}
      />
      ${
        township && feds.data && !fed
          ? html`<div class="row">
            <${Field} label=${t('union.fedName')} error=${fieldError(save.error, 'name')}>
              ${(p) => html`<input ...${p} value=${v.fedName} maxlength="100" onInput=${set('fedName')} />`}
            </${Field}>
            <${Field} label=${t('union.fedLeader')} error=${fieldError(save.error, 'leaderName')}>
              ${(p) => html`<input ...${p} value=${v.fedLeader} maxlength="50" onInput=${set('fedLeader')} />`}
            </${Field}>
          </div>`
          : null
      }
      <div class="row">
        <${Field} label=${t('union.groupName')} error=${fieldError(save.error, 'name')}>
          ${(p) => html`<input ...${p} value=${v.name} maxlength="100" onInput=${set('name')} />`}
        </${Field}>
        <${Field} label=${t('union.leader')} error=${fieldError(save.error, 'leaderName')}>
          ${(p) => html`<input ...${p} value=${v.leaderName} maxlength="50" onInput=${set('leaderName')} />`}
        </${Field}>
      </div>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('union.created') : null}</${Notice}>
      <button type="submit" disabled=${save.busy || !v.village}>${t('union.create')}</button>
    </form>`;
}

/** One work group: what it is, and changing its name, leader, villages or the party group leading it. */
function WorkGroup({ id, session }) {
  const state = useAsync(() => api.get(`/union/work-groups/${id}`), [id]);
  return html`<p><a href="#/union">← ${t('union.title')}</a></p>
    <${Async} state=${state}>
      ${(g) =>
        html`<h1>${g.name}</h1>
          <p class="meta">
            <span>${g.villages.map((v) => v.name || placeName(v.code)).join('、')}</span>
            <span>${t('union.leader')}：${g.leaderName}${g.leaderPhone ? ` ${g.leaderPhone}` : ''}</span>
            <span>${t('union.memberCount', { n: g.members })}</span>
            ${g.partyGroupName ? html`<span class="badge">${t('union.ledBy', { name: g.partyGroupName })}</span>` : null}
            <span>${t('union.updated', { date: day(g.updatedAt) })}</span>
          </p>
          <${EditGroup} g=${g} session=${session} onSaved=${(next) => state.setData(next)} />`}
    </${Async}>`;
}

function EditGroup({ g, session, onSaved }) {
  const [v, setV] = useState({
    name: g.name,
    leaderName: g.leaderName,
    village: '',
    partyGroupId: g.partyGroupId ?? '',
  });
  const [villages, setVillages] = useState(g.villageCodes);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  // Party groups of the villages it covers: one of them may lead it (党建带工建).
  const party = useAsync(() => api.get('/party-groups', { township: g.townshipCode, limit: 100 }), [g.townshipCode]);
  const save = useSubmit(async () => {
    const body = {};
    if (v.name.trim() !== g.name) body.name = v.name.trim();
    if (v.leaderName.trim() !== g.leaderName) body.leaderName = v.leaderName.trim();
    if (villages.join() !== g.villageCodes.join()) body.villageCodes = villages;
    if (v.partyGroupId && v.partyGroupId !== (g.partyGroupId ?? '')) body.partyGroupId = v.partyGroupId;
    const r = await api.patch(`/union/work-groups/${g.id}`, body);
    onSaved(r);
    return r;
  });
  return html`<form class="form" aria-label=${t('union.edit')} onSubmit=${(e) => (e.preventDefault(), save.submit())}>
    <h2>${t('union.edit')}</h2>
    <div class="row">
      <${Field} label=${t('union.groupName')} error=${fieldError(save.error, 'name')}>
        ${(p) => html`<input ...${p} value=${v.name} maxlength="100" required onInput=${set('name')} />`}
      </${Field}>
      <${Field} label=${t('union.leader')} error=${fieldError(save.error, 'leaderName')}>
        ${(p) => html`<input ...${p} value=${v.leaderName} maxlength="50" required onInput=${set('leaderName')} />`}
      </${Field}>
    </div>
    <fieldset class="group">
      <legend>${t('union.villagesCovered')}</legend>
      <ul class="plain">
        ${villages.map(
          (code) =>
            html`<li>
              ${placeName(code)}
              <button
                type="button"
                class="link"
                disabled=${villages.length < 2}
                aria-label=${t('union.removeVillage', { name: placeName(code) })}
                onClick=${() => setVillages(villages.filter((c) => c !== code))}
              >
                ✕ ${t('act.remove')}
              </button>
            </li>`,
        )}
      </ul>
      <${VillagePicker}
        label=${t('union.addVillage')}
        value=${v.village}
        scope=${session.regions?.length ? session.regions : [g.townshipCode]}
        error=${fieldError(save.error, 'villageCodes')}
        onChange=${(village) => {
          if (village && !villages.includes(village)) setVillages([...villages, village]);
          setV((cur) => ({ ...cur, village: '' }));
        }}
      />
    </fieldset>
    <${Async} state=${party}>
      ${(d) =>
        html`<${Field} label=${t('union.partyGroup')} error=${fieldError(save.error, 'partyGroupId')}>
          ${(p) =>
            html`<select ...${p} value=${v.partyGroupId} onChange=${set('partyGroupId')}>
              <option value="">${t('place.choose')}</option>
              ${d.items.map((pg) => html`<option value=${pg.id}>${pg.name}</option>`)}
            </select>`}
        </${Field}>`}
    </${Async}>
    <${ErrorBox} error=${save.error} />
    <${Notice}>${save.done ? t('union.saved') : null}</${Notice}>
    <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('union.save')}</button>
  </form>`;
}

// ---------- 七有 ----------

function Checklist({ items }) {
  return html`<ul class="plain qiyou" aria-label=${t('qiyou.title')}>
    ${items.map(
      (i) =>
        html`<li class=${i.met ? 'met' : 'missing'}>
          <span aria-hidden="true">${i.met ? '✓' : '✕'}</span>
          <strong>${t('qiyou.item.' + i.item)}</strong>
          <span class="badge">${i.met ? t('qiyou.met') : t('qiyou.missing')}</span>
          <small class="hint">${t('qiyou.source.' + i.source)}</small>
          ${
            i.evidence
              ? html`<p>
                  ${i.evidence.date ? `${day(i.evidence.date)} · ` : ''}${i.evidence.text}${i.evidence.documentRef ? ` · ${t('qiyou.doc')} ${i.evidence.documentRef}` : ''}
                </p>`
              : null
          }
          ${i.lacks ? html`<p class="hint">${t('qiyou.lacks')}：${i.lacks}</p>` : null}
        </li>`,
    )}
  </ul>`;
}

function QiyouCounty() {
  const state = useAsync(() => api.get('/qiyou'), []);
  return html`<h1>${t('qiyou.title')}</h1>
    ${tabs('#/qiyou')}
    <p class="hint">${t('qiyou.lead')}</p>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('qiyou.none')}>
      ${(d) =>
        html`<p class="count">${t('qiyou.meeting', { met: d.meeting, n: d.villages })}</p>
          <ul class="cards" aria-label=${t('qiyou.villages')}>
            ${d.items.map(
              (v) =>
                html`<li class="card">
                  <h2><a href=${'#/qiyou/' + v.villageCode}>${v.villageName || placeName(v.villageCode)}</a></h2>
                  <p class="meta">
                    <span>${v.townshipName || placeName(v.townshipCode)}</span>
                    ${v.pilot ? html`<span class="badge flag">★ ${t('qiyou.pilot')}</span>` : null}
                    <span class="badge">${v.met ? t('qiyou.meets') : t('qiyou.count', { n: v.metCount })}</span>
                  </p>
                  ${
                    v.missing.length
                      ? html`<p class="hint">
                          ${t('qiyou.stillLacks')}：${v.missing.map((m) => t('qiyou.item.' + m)).join('、')}
                        </p>`
                      : null
                  }
                </li>`,
            )}
          </ul>`}
    </${Async}>`;
}

const DECLARED = ['venue', 'rules', 'platform'];

function QiyouVillage({ code }) {
  const state = useAsync(() => api.get(`/villages/${code}/qiyou`), [code]);
  return html`<h1>${t('qiyou.villageTitle', { name: placeName(code) })}</h1>
    ${tabs('#/qiyou')}
    <${Async} state=${state}>
      ${(v) =>
        html`<p class="count">${v.met ? t('qiyou.meets') : t('qiyou.count', { n: v.metCount })}</p>
          <${Checklist} items=${v.items} />
          <h2>${t('qiyou.declare')}</h2>
          ${DECLARED.map((item) => html`<${Declare} code=${code} item=${item} current=${v.items.find((i) => i.item === item)} onSaved=${state.reload} />`)}`}
    </${Async}>`;
}

function Declare({ code, item, current, onSaved }) {
  const [v, setV] = useState({
    declaredOn: current?.evidence?.date || today(),
    evidence: current?.evidence?.text || '',
    documentRef: current?.evidence?.documentRef || '',
  });
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await request('PUT', `/villages/${code}/qiyou/${item}`, v, { idempotent: true });
    onSaved();
    return r;
  });
  return html`<form class="form" aria-label=${t('qiyou.item.' + item)} onSubmit=${(e) => (e.preventDefault(), save.submit())}>
    <h3>${t('qiyou.item.' + item)}</h3>
    <div class="row">
      <${Field} label=${t('qiyou.declaredOn')} error=${fieldError(save.error, 'declaredOn')}>
        ${(p) => html`<input ...${p} type="date" max=${today()} value=${v.declaredOn} onInput=${set('declaredOn')} />`}
      </${Field}>
      <${Field} label=${t('qiyou.doc')} error=${fieldError(save.error, 'documentRef')}>
        ${(p) => html`<input ...${p} value=${v.documentRef} maxlength="200" onInput=${set('documentRef')} />`}
      </${Field}>
    </div>
    <${Field} label=${t('qiyou.evidence')} error=${fieldError(save.error, 'evidence')} hint=${t('qiyou.hint.' + item)}>
      ${(p) => html`<textarea ...${p} rows="2" maxlength="1000" value=${v.evidence} onInput=${set('evidence')}></textarea>`}
    </${Field}>
    <${ErrorBox} error=${save.error} />
    <${Notice}>${save.done ? t('qiyou.saved') : null}</${Notice}>
    <button type="submit" disabled=${save.busy}>${t('qiyou.save')}</button>
  </form>`;
}
