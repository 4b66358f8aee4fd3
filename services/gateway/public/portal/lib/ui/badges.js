// Badges: never colour alone, always a word and a sign.
import { html } from 'htm/preact';
import { t } from '../i18n.js';

const STATUS_ICON = {
  submitted: '◔',
  screening: '◑',
  interview: '◕',
  offered: '✉',
  hired: '✓',
  rejected: '✕',
  withdrawn: '↩',
  open: '●',
  draft: '✎',
  paused: '⏸',
  filled: '✓',
  closed: '■',
  pending: '⏳',
  verified: '✓',
  suspended: '⛔',
  eligible: '◔',
  approved: '✓',
  paid: '✓✓',
  enrolled: '✎',
  attending: '◑',
  completed: '✓',
  failed: '✕',
  dropped: '↩',
  scheduled: '◔',
  running: '▶',
  finished: '■',
  cancelled: '✕',
  active: '●',
  separated: '↩',
  upcoming: '◔',
  due: '⏳',
  overdue: '⚠',
  done: '✓',
};
const STATUS_TONE = {
  hired: 'good',
  verified: 'good',
  approved: 'good',
  paid: 'good',
  completed: 'good',
  open: 'good',
  rejected: 'bad',
  failed: 'bad',
  suspended: 'bad',
  cancelled: 'bad',
  closed: 'muted',
  withdrawn: 'muted',
  dropped: 'muted',
  paused: 'warn',
  pending: 'warn',
  active: 'good',
  done: 'good',
  due: 'warn',
  overdue: 'bad',
  separated: 'muted',
};
export function StatusBadge({ status, kind = 'status' }) {
  return html`<span class=${'badge ' + (STATUS_TONE[status] || 'info')}>
    <span aria-hidden="true">${STATUS_ICON[status] || '•'} </span>${t(kind + '.' + status)}
  </span>`;
}
const TIER_ICON = { in_county: '⌂', in_province: '◇', out_of_province: '✈' };
export function TierBadge({ tier }) {
  return html`<span class=${'badge tier ' + tier}
    ><span aria-hidden="true">${TIER_ICON[tier]} </span>${t('tier.' + tier)}</span
  >`;
}
export function PriorityBadges({ worker }) {
  return html`${
    worker.householdStatus === 'registered_poor'
      ? html`<span class="badge flag">${t('hh.registered_poor')}</span>`
      : null
  }${worker.householdStatus === 'monitored' ? html`<span class="badge flag">${t('hh.monitored')}</span>` : null}${
    worker.relocated ? html`<span class="badge flag">${t('worker.relocated')}</span>` : null
  }`;
}
