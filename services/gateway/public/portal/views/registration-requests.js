// 登记申请: self-registration requests of the officer's villages (ADR 0015). The list shows ID
// number and phone masked; the review reads them in clear (audited), lets the officer correct the
// fields, then confirm (the person is registered) or decline (nothing enters the registry).
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import {
  Async,
  day,
  ErrorBox,
  Field,
  fieldError,
  html,
  Notice,
  placeName,
  skillName,
  t,
  useAsync,
  useSubmit,
  VillagePicker,
} from '../lib/ui.js';

/** The portal's routes of this screen, or undefined. */
export function registrationRoute(path, session) {
  if (path === '/registration-requests') return { view: html`<${RequestList} />` };
  const m = /^\/registration-requests\/([0-9a-f-]{36})$/.exec(path);
  if (m) return { view: html`<${RequestReview} id=${m[1]} session=${session} />` };
  return undefined;
}

function RequestList() {
  const state = useAsync(() => api.get('/registration-requests', { status: 'waiting', limit: 200 }), []);
  return html`<h1>${t('regreq.title')}</h1>
    <p class="lead">${t('regreq.lead')}</p>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('regreq.none')}>
      ${(d) =>
        html`<ul class="cards">
          ${d.items.map(
            (r) =>
              html`<li class="card">
                <h2><a href=${'#/registration-requests/' + r.id}>${r.name}</a></h2>
                <p class="meta">${placeName(r.homeVillageCode, r.homeVillageName)} · ${r.phone} · ${r.idNumber}</p>
                <p class="meta">
                  ${t('regreq.submitted')} ${day(r.submittedAt)} · ${t('regreq.due')} ${r.dueDate}
                  ${r.alreadyRegistered ? html` · <span class="badge bad">⚠ ${t('regreq.alreadyRegistered')}</span>` : null}
                </p>
              </li>`,
          )}
        </ul>`}
    </${Async}>`;
}

function RequestReview({ id, session }) {
  const state = useAsync(() => api.get('/registration-requests/' + id), [id]);
  return html`<p><a href="#/registration-requests">← ${t('regreq.title')}</a></p>
    <${Async} state=${state}>${(r) => html`<${Review} r=${r} session=${session} onDone=${state.setData} />`}</${Async}>`;
}

const EDITABLE = ['name', 'phone', 'idNumber', 'householdNo'];

function Review({ r, session, onDone }) {
  const [v, setV] = useState({
    name: r.name,
    phone: r.phone,
    idNumber: r.idNumber,
    householdNo: r.householdNo || '',
    homeVillageCode: r.homeVillageCode,
    householdStatus: 'none',
  });
  const [reason, setReason] = useState('');
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const confirm = useSubmit(async () => {
    const corrections = {};
    for (const k of EDITABLE) if ((v[k] || '') !== (r[k] || '') && v[k] !== '') corrections[k] = v[k].trim();
    if (v.homeVillageCode && v.homeVillageCode !== r.homeVillageCode) corrections.homeVillageCode = v.homeVillageCode;
    if (v.householdStatus !== 'none') corrections.householdStatus = v.householdStatus;
    const done = await api.post(`/registration-requests/${r.id}/confirm`, { corrections });
    onDone({ ...r, ...done });
    return done;
  });
  const decline = useSubmit(async () => {
    const done = await api.post(`/registration-requests/${r.id}/decline`, { reason: reason.trim() });
    onDone({ ...r, ...done });
    return done;
  });
  const err = (name) => fieldError(confirm.error, name) || fieldError(confirm.error, 'corrections/' + name);
  const status = html`<p class="meta">
    ${t('regreq.submitted')} ${day(r.submittedAt)} · ${t('regreq.due')} ${r.dueDate} · ${t('regreq.status.' + r.status)}
  </p>`;
  if (r.status !== 'waiting')
    return html`<h1>${r.name}</h1>
      ${status} ${r.workerId ? html`<p><a href=${'#/workers/' + r.workerId}>${t('regreq.openWorker')}</a></p>` : null}
      ${r.declineReason ? html`<p>${t('regreq.reason')}: ${r.declineReason}</p>` : null}`;
  return html`<h1>${t('regreq.review')}: ${r.name}</h1>
    ${status}
    ${
      r.alreadyRegistered
        ? html`<div class="state error" role="alert">
            <p><strong>⚠ ${t('regreq.alreadyRegistered')}</strong></p>
            <p>${t('regreq.alreadyRegisteredDo')}</p>
            ${r.existingWorkerId ? html`<p><a href=${'#/workers/' + r.existingWorkerId}>${t('regreq.openWorker')}</a></p>` : null}
          </div>`
        : null
    }
    <p class="meta">
      ${t('field.gender')}: ${t('gender.' + r.gender, { fallback: r.gender })} · ${t('field.birthDate')}: ${r.birthDate}
      ${r.skills?.length ? html` · ${r.skills.map((s) => skillName(s.code)).join('、')}` : null}
      · ${t('regreq.consentGiven', { version: r.consent.version })}
    </p>
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        confirm.submit();
      }}
    >
      <${Field} label=${t('reg.name')} error=${err('name')}>
        ${(p) => html`<input ...${p} name="name" required value=${v.name} onInput=${set('name')} />`}
      </${Field}>
      <${Field} label=${t('field.phone')} error=${err('phone')}>
        ${(p) => html`<input ...${p} name="phone" type="tel" required value=${v.phone} onInput=${set('phone')} />`}
      </${Field}>
      <${Field} label=${t('field.idNumber')} error=${err('idNumber') || err('gender') || err('birthDate')}>
        ${(p) => html`<input ...${p} name="idNumber" required value=${v.idNumber} onInput=${set('idNumber')} />`}
      </${Field}>
      <${VillagePicker}
        label=${t('field.homeVillageCode')}
        value=${v.homeVillageCode}
        scope=${session.regions}
        onChange=${(code) => setV((x) => ({ ...x, homeVillageCode: code }))}
        error=${err('homeVillageCode')}
      />
      <${Field} label=${t('reg.householdNo')} error=${err('householdNo')}>
        ${(p) => html`<input ...${p} name="householdNo" value=${v.householdNo} onInput=${set('householdNo')} />`}
      </${Field}>
      <${Field} label=${t('regreq.householdStatus')}>
        ${(p) =>
          html`<select ...${p} name="householdStatus" value=${v.householdStatus} onChange=${set('householdStatus')}>
            ${['none', 'registered_poor', 'monitored'].map((s) => html`<option value=${s}>${t('hh.' + s)}</option>`)}
          </select>`}
      </${Field}>
      <${ErrorBox} error=${confirm.error} />
      <button type="submit" disabled=${confirm.busy}>${confirm.busy ? t('state.working') : t('regreq.confirm')}</button>
    </form>
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        decline.submit();
      }}
    >
      <${Field} label=${t('regreq.reason')} error=${fieldError(decline.error, 'reason')}>
        ${(p) => html`<input ...${p} name="reason" required maxlength="200" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} />`}
      </${Field}>
      <${ErrorBox} error=${decline.error} />
      <${Notice}>${decline.done ? t('regreq.declined') : null}</${Notice}>
      <button type="submit" class="secondary" disabled=${decline.busy}>${decline.busy ? t('state.working') : t('regreq.decline')}</button>
    </form>`;
}
