// The worker's apply button, with its own outcome, and the marks of an opening they applied or were referred to: on the search and on the matches.
import { useState } from 'preact/hooks';
import { ErrorBox, html, Notice, t, useSubmit } from '../ui.js';
import { api, request } from '../api.js';

/** Apply button with its own outcome (applied, or why not). */
export function ApplyButton({ openingId, title }) {
  const { busy, error, done, submit } = useSubmit(() => api.post('/applications', { openingId }));
  if (done) return html`<${Notice}>${t('apply.done')}</${Notice}>`;
  return html`<div class="actions">
    <button type="button" disabled=${busy} onClick=${submit} aria-label=${t('apply.label', { title })}>
      ${busy ? t('state.working') : t('apply.action')}
    </button>
    <${ErrorBox} error=${error} />
  </div>`;
}

/** Statuses after which the worker may apply to the opening again. */
const CLOSED = ['withdrawn', 'rejected'];

/** 已申请 / 已推荐 on a match or a search hit: the worker's own application and an officer's referral (issue 17). */
export function Marks({ m }) {
  if (!m.applied && !m.referred) return null;
  return html`<p class="meta">
    ${
      m.applied
        ? html`<span class="badge good"
            >${t('mark.applied')}${m.applicationStatus ? ' · ' + t('app.' + m.applicationStatus) : ''}</span
          >`
        : null
    }
    ${m.referred ? html`<span class="badge flag">${t('mark.referred')}</span>` : null}
  </p>`;
}

/** Whether the worker may apply: not while an application of theirs is under way or hired. */
export const mayApply = (m) => !m.applied || CLOSED.includes(m.applicationStatus);

/**
 * 不感兴趣: the opening leaves the worker's matches (and the same employer's openings of the same
 * trade sink); undone on the spot if tapped by mistake.
 */
export function NotInterested({ openingId, title }) {
  const [marked, setMarked] = useState(false);
  const mark = useSubmit(async (on) => {
    if (on) await request('PUT', `/not-interested/${openingId}`);
    else await request('DELETE', `/not-interested/${openingId}`);
    setMarked(on);
    return on;
  });
  return html`<div class="actions">
    ${
      marked
        ? html`<p class="notice" role="status">${t('notInterested.done')}</p>
            <button
              type="button"
              class="secondary small"
              disabled=${mark.busy}
              onClick=${() => mark.submit(false)}
              aria-label=${t('notInterested.undoLabel', { title })}
            >
              ${t('notInterested.undo')}
            </button>`
        : html`<button
            type="button"
            class="secondary small"
            disabled=${mark.busy}
            onClick=${() => mark.submit(true)}
            aria-label=${t('notInterested.label', { title })}
          >
            ${t('notInterested.action')}
          </button>`
    }
    <${ErrorBox} error=${mark.error} />
  </div>`;
}
