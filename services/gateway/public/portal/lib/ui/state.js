// Async state and the clear states of every view: loading, empty, error (with what to do).
import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n.js';

/** Runs `load` when deps change; { data, error, loading, reload, setData }. */
export function useAsync(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(load)
      .then(
        (data) => mine === seq.current && setState({ data, error: null, loading: false }),
        (error) => mine === seq.current && setState({ data: undefined, error, loading: false }),
      );
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run, setData: (data) => setState((s) => ({ ...s, data })) };
}

export function Loading({ label }) {
  return html`<p class="state loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span>${label || t('state.loading')}
  </p>`;
}
export function Empty({ children }) {
  return html`<p class="state empty" role="status">
    <span aria-hidden="true">ⓘ </span>${children || t('state.empty')}
  </p>`;
}

/** What went wrong, in words, and what to do about it; with the API's own detail and field list. */
export function describeError(error) {
  const status = error?.status ?? -1;
  if (status === 0) return { title: t('err.network'), action: t('err.network.do') };
  if (status === 503) return { title: t('err.unavailable'), action: t('err.unavailable.do') };
  if (status === 404 && error.code === 'ROUTE_NOT_FOUND')
    return { title: t('err.notBuilt'), action: t('err.notBuilt.do') };
  if (status === 404) return { title: t('err.notFound'), action: t('err.notFound.do') };
  if (status === 401) return { title: t('err.auth'), action: t('err.auth.do') };
  if (status === 403) return { title: t('err.forbidden'), action: t('err.forbidden.do') };
  if (status === 409) return { title: t('err.conflict'), action: t('err.conflict.do') };
  if (status === 429) return { title: t('err.rate'), action: t('err.rate.do') };
  if (status === 400 || status === 422 || status === 413 || status === 415)
    return { title: t('err.input'), action: t('err.input.do') };
  return { title: t('err.server'), action: t('err.server.do') };
}

export function ErrorBox({ error, onRetry, fieldLabels }) {
  if (!error) return null;
  const { title, action } = describeError(error);
  const unavailable = error.status === 503 || (error.status === 404 && error.code === 'ROUTE_NOT_FOUND');
  return html`<div class=${'state error' + (unavailable ? ' unavailable' : '')} role="alert">
    <p>
      <strong><span aria-hidden="true">${unavailable ? '⏸ ' : '⚠ '}</span>${title}</strong>
    </p>
    <p>${action}</p>
    ${error.detail && !unavailable ? html`<p class="detail">${t('err.detail')}: ${scrub(error.detail)}</p>` : null}
    ${
      error.errors?.length
        ? html`<ul class="field-errors">
            ${error.errors.map(
              (e) => html`<li>${fieldLabels?.[e.field] || fieldLabel(e.field)}: ${scrub(e.message)}</li>`,
            )}
          </ul>`
        : null
    }
    ${
      onRetry && error.status !== 400 && error.status !== 422
        ? html`<button type="button" class="secondary" onClick=${onRetry}>${t('act.retry')}</button>`
        : null
    }
  </div>`;
}
// Problem details may name records by id; a person needs the words, not the id.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
export function scrub(text) {
  return String(text ?? '').replace(UUID, '…');
}
function fieldLabel(path) {
  const key = 'field.' + String(path).replace(/\/\d+/g, '').replace(/\//g, '.');
  return t(key, { fallback: path });
}

/** Loading, error, empty or the content; `children` is a function of the data. */
export function Async({ state, isEmpty, empty, children, label }) {
  if (state.loading && state.data === undefined) return html`<${Loading} label=${label} />`;
  if (state.error) return html`<${ErrorBox} error=${state.error} onRetry=${state.reload} />`;
  if (state.data === undefined) return null;
  if (isEmpty && isEmpty(state.data)) return html`<${Empty}>${empty}</${Empty}>`;
  return children(state.data);
}
