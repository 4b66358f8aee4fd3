// Party groups of mobile members (流动党员党小组): the figures per place (groups, mobile members,
// the workers they keep in touch with, applications and activists), the groups, and one group with
// its members and whom each keeps in touch with. Officers see their townships; the administrator the county.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Async, day, Field, html, placeName, SubNav, t, useAsync, useReference } from '../lib/ui.js';
import { RecordCards } from '../lib/widgets/records.js';

export function partyRoute(path, session) {
  if (path === '/party-groups') return { view: html`<${PartyGroups} session=${session} />` };
  const g = /^\/party-groups\/([0-9a-f-]{36})$/.exec(path);
  if (g) return { view: html`<${PartyGroup} id=${g[1]} />` };
  return undefined;
}

const FIGURES = ['groups', 'mobileMembers', 'members', 'workersInTouch', 'applications', 'activists'];

function Figures({ f }) {
  const rows = f.breakdown.length ? f.breakdown : [{ ...f.totals, regionCode: f.regionCode, regionName: f.regionName }];
  // Seven columns scroll sideways inside their box on a phone, not the page; the box takes focus for keyboards.
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('partyGroups.figures')}>
    <table class="table" aria-label=${t('partyGroups.figures')}>
      <thead>
        <tr>
          <th scope="col">${t('union.place')}</th>
          ${FIGURES.map((k) => html`<th scope="col">${t('partyGroups.fig.' + k)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.regionName || placeName(r.regionCode)}</th>
              ${FIGURES.map((k) => html`<td>${r[k]}</td>`)}
            </tr>`,
        )}
      </tbody>
      ${
        f.breakdown.length
          ? html`<tfoot>
              <tr>
                <th scope="row">${t('partyGroups.total')}</th>
                ${FIGURES.map((k) => html`<td>${f.totals[k]}</td>`)}
              </tr>
            </tfoot>`
          : null
      }
    </table>
  </div>`;
}

export function PartyGroups({ session }) {
  const ref = useReference();
  const scope = session.regions || [];
  const [township, setTownship] = useState(scope[0]?.slice(0, 9) ?? '');
  const figures = useAsync(() => api.get('/party-groups/figures', { township: township || undefined }), [township]);
  const groups = useAsync(() => api.get('/party-groups', { township: township || undefined, limit: 100 }), [township]);
  const towns = ref?.townships.filter((tw) => !scope.length || scope.some((s) => s.startsWith(tw.code))) ?? [];
  return html`<h1>${t('partyGroups.title')}</h1>
    <${SubNav}
      current="#/party-groups"
      items=${[
        ['#/union', t('union.groups')],
        ['#/party-groups', t('partyGroups.title')],
        ['#/qiyou', t('qiyou.title')],
      ]}
    />
    <p class="hint">${t('partyGroups.lead')}</p>
    <${Field} label=${t('place.township')}>
      ${(p) =>
        html`<select ...${p} value=${township} onChange=${(e) => setTownship(e.currentTarget.value)}>
          ${scope.length ? null : html`<option value="">${t('workers.allTownships')}</option>`}
          ${towns.map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
        </select>`}
    </${Field}>
    <h2>${t('partyGroups.figures')}</h2>
    <${Async} state=${figures}>${(f) => html`<${Figures} f=${f} />`}</${Async}>
    <h2>${t('partyGroups.groups')}</h2>
    <${RecordCards}
      state=${groups}
      label=${t('partyGroups.groups')}
      empty=${t('party.none')}
      card=${(g) =>
        html`<li class="card compact">
          <h3><a href=${'#/party-groups/' + g.id}>${g.name}</a></h3>
          <p class="meta">
            <span>${g.villageName || placeName(g.villageCode)}</span>
            <span>${t('party.leader')}: ${g.leaderName}</span>
            <span>${t('partyGroups.memberCount', { n: g.members.length })}</span>
          </p>
        </li>`}
    />`;
}

export function PartyGroup({ id }) {
  const state = useAsync(() => api.get(`/party-groups/${id}`), [id]);
  return html`<p><a href="#/party-groups">← ${t('partyGroups.title')}</a></p>
    <${Async} state=${state}>
      ${(g) =>
        html`<h1>${g.name}</h1>
          <p class="meta">
            <span>${g.villageName || placeName(g.villageCode)}</span>
            <span>${t('party.leader')}: ${g.leaderName}</span>
            ${g.foundedAt ? html`<span>${t('partyGroups.founded', { date: day(g.foundedAt) })}</span>` : null}
          </p>
          <h2>${t('partyGroups.members')}</h2>
          ${
            g.members.length === 0
              ? html`<p class="hint">${t('party.noMembers')}</p>`
              : html`<ul class="cards" aria-label=${t('partyGroups.members')}>
                  ${g.members.map(
                    (m) =>
                      html`<li class="card compact">
                        <p class="meta">
                          <strong>${m.workerName || t('party.member')}</strong>
                          ${m.mobile ? html`<span class="badge">${t('party.mobile')}</span>` : null}
                          ${m.joinedPartyAt ? html`<span>${t('partyGroups.joined', { date: day(m.joinedPartyAt) })}</span>` : null}
                        </p>
                        <p>
                          ${t('party.contacts', { n: m.contacts.length })}${m.contacts.length ? '：' : ''}
                          ${m.contacts.map((c) => c.workerName || t('placements.worker')).join('、')}
                        </p>
                      </li>`,
                  )}
                </ul>`
          }`}
    </${Async}>`;
}
