/* global confirm, print */
// Worker pieces shared by the officer's screens: priority, the facts line, the service form (also the
// coverage list's quick contact), the printed activation code and the changes a worker asked for.
import { useState } from 'preact/hooks';
import {
  dateTime,
  ErrorBox,
  Field,
  fieldError,
  html,
  Notice,
  placeName,
  PriorityBadges,
  StatusBadge,
  t,
  today,
  useSubmit,
} from '../ui.js';
import { api, request } from '../api.js';
import { HouseholdLink } from './households.js';

/** Relocated and registered-poor workers first: the programme's promise. */
export function priorityOf(w) {
  return (
    (w.relocated ? 2 : 0) + (w.householdStatus === 'registered_poor' ? 2 : w.householdStatus === 'monitored' ? 1 : 0)
  );
}

/** Where a worker is from, their priority and status, then phone and ID number as the API shows them, and one more fact. */
export function WorkerFacts({ w, children }) {
  return html`<p class="meta">
      <span>${placeName(w.homeVillageCode, w.homeVillageName)}</span><${PriorityBadges} worker=${w} />
      <${StatusBadge} status=${w.employmentStatus} kind="emp_status" />
    </p>
    <p class="meta">
      <span>${t('worker.phone')}: ${w.phone}</span><span>${t('worker.idNumber')}: ${w.idNumber}</span>
      <${HouseholdLink} householdNo=${w.householdNo} />
      ${children}
    </p>`;
}

const SERVICES = ['training', 'information', 'rights', 'hardship', 'subsidy'];
// Delivered by a county department, which the record names.
const FAMILY_SERVICES = ['child_schooling', 'elder_care', 'women_screening', 'policy_publicity', 'social_assistance'];
const CHANNELS = ['visit', 'phone', 'wechat', 'office'];

/** Record a service or contact; also used from the coverage list. */
export function ServiceForm({ workerId, onDone, compact }) {
  const [v, setV] = useState({
    service: 'information',
    channel: 'phone',
    date: today(),
    note: '',
    outcome: '',
    department: '',
  });
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post(`/workers/${workerId}/services`, {
      service: v.service,
      channel: v.channel,
      date: v.date,
      note: v.note.trim() || undefined,
      outcome: v.outcome.trim() || undefined,
      department: v.department.trim() || undefined,
    });
    onDone?.(r);
    return r;
  });
  return html`<form class=${'form' + (compact ? ' compact' : '')} onSubmit=${(e) => {
    e.preventDefault();
    save.submit();
  }}>
    <div class="row">
      <${Field} label=${t('service.kind')} error=${fieldError(save.error, 'service')}>
        ${(p) =>
          html`<select ...${p} value=${v.service} onChange=${set('service')}>
            ${[...SERVICES, ...FAMILY_SERVICES].map((s) => html`<option value=${s}>${t('svc.' + s)}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('service.channel')} error=${fieldError(save.error, 'channel')}>
        ${(p) =>
          html`<select ...${p} value=${v.channel} onChange=${set('channel')}>
            ${CHANNELS.map((s) => html`<option value=${s}>${t('ch.' + s)}</option>`)}
          </select>`}
      </${Field}>
      <${Field} label=${t('service.date')} error=${fieldError(save.error, 'date')}>
        ${(p) => html`<input ...${p} type="date" value=${v.date} max=${today()} onInput=${set('date')} />`}
      </${Field}>
    </div>
    ${
      FAMILY_SERVICES.includes(v.service)
        ? html`<${Field} label=${t('service.department')} hint=${t('service.departmentHint')} error=${fieldError(save.error, 'department')}>
            ${(p) => html`<input ...${p} value=${v.department} onInput=${set('department')} />`}
          </${Field}>`
        : null
    }
    <${Field} label=${t('service.note')} error=${fieldError(save.error, 'note')}>
      ${(p) => html`<input ...${p} value=${v.note} onInput=${set('note')} />`}
    </${Field}>
    ${
      compact
        ? null
        : html`<${Field} label=${t('service.outcome')} error=${fieldError(save.error, 'outcome')}>
      ${(p) => html`<input ...${p} value=${v.outcome} onInput=${set('outcome')} />`}
    </${Field}>`
    }
    <${ErrorBox} error=${save.error} />
    <${Notice}>${save.done ? t('service.saved') : null}</${Notice}>
    <button type="submit" disabled=${save.busy}>${save.busy ? t('state.working') : t('service.record')}</button>
  </form>`;
}

/** 打印激活码 on the officer's worker page: issues a code and shows the slip to print. */
export function ActivationCodeButton({ worker }) {
  const issue = useSubmit(() => request('POST', '/auth/activation-codes', { workerId: worker.id }));
  const slip = issue.done;
  return html`<section class="activation-code" aria-label=${t('enrol.slip.button')}>
    <button
      type="button"
      class="secondary"
      disabled=${issue.busy}
      onClick=${() => {
        if (!slip || confirm(t('enrol.slip.again'))) issue.submit();
      }}
    >
      ${issue.busy ? t('state.working') : t('enrol.slip.button')}
    </button>
    <${ErrorBox} error=${issue.error} />
    ${
      slip && slip.code
        ? html`<div class="print-slip card" role="region" aria-label=${t('enrol.slip.title')}>
            <h2>${t('enrol.slip.title')}</h2>
            <p>${t('enrol.slip.worker')}: <strong>${slip.workerName}</strong></p>
            <p class="slip-code mono" aria-label=${t('enrol.redeem.code')}>${slip.code}</p>
            <p>${t('enrol.slip.expires', { at: dateTime(slip.expiresAt) })}</p>
            <ol class="slip-steps">
              <li>${t('enrol.slip.step1')}</li>
              <li>${t('enrol.slip.step2')}</li>
              <li>${t('enrol.slip.step3')}</li>
            </ol>
            <p class="hint">${t('enrol.slip.note')}</p>
            <${Notice}>${t('enrol.slip.voids')}</${Notice}>
            <button type="button" class="no-print" onClick=${() => print()}>${t('enrol.slip.print')}</button>
          </div>`
        : null
    }
  </section>`;
}

/** The officer's view of a worker's proposed changes, each with confirm and decline. */
export function PendingChanges({ worker, onDecided }) {
  const changes = worker.pendingChanges || [];
  if (changes.length === 0) return null;
  return html`<section aria-labelledby="pending-changes" class="card">
    <h2 id="pending-changes">${t('pending.title')}</h2>
    <ul class="plain">
      ${changes.map((c) => html`<${PendingChange} worker=${worker} change=${c} onDecided=${onDecided} />`)}
    </ul>
  </section>`;
}

function PendingChange({ worker, change, onDecided }) {
  const decide = useSubmit(async (action) => {
    const saved = await api.post(`/workers/${worker.id}/pending-changes/${change.id}/${action}`, {});
    onDecided(saved);
    return saved;
  });
  return html`<li>
    ${t('pending.phone', { phone: change.value })}
    <div class="actions">
      <button type="button" disabled=${decide.busy} onClick=${() => decide.submit('confirm')}>
        ${t('pending.confirm')}
      </button>
      <button type="button" class="secondary" disabled=${decide.busy} onClick=${() => decide.submit('decline')}>
        ${t('pending.decline')}
      </button>
    </div>
    <${ErrorBox} error=${decide.error} />
  </li>`;
}
