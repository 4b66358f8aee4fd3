// Form pieces: labelled fields with their errors, the submit helper, the skill-level select.
import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { newKey, withSubmissionKey } from '../api.js';
import { t } from '../i18n.js';

let fieldSeq = 0;
/** A labelled field; `error` comes from the problem's `errors` for this field name. */
export function Field({ label, error, hint, children, id }) {
  const [fid] = useState(() => id || 'f' + ++fieldSeq);
  const described = [hint ? fid + '-hint' : '', error ? fid + '-err' : ''].filter(Boolean).join(' ') || undefined;
  const child =
    typeof children === 'function'
      ? children({ id: fid, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined })
      : children;
  return html`<div class=${'field' + (error ? ' invalid' : '')}>
    <label for=${fid}>${label}</label>
    ${child} ${hint ? html`<small id=${fid + '-hint'} class="hint">${hint}</small>` : null}
    ${error ? html`<small id=${fid + '-err'} class="field-error"><span aria-hidden="true">⚠ </span>${error}</small>` : null}
  </div>`;
}
export function fieldError(error, name) {
  const hit = error?.errors?.find((e) => e.field === name || e.field.startsWith(name + '/'));
  return hit ? hit.message : undefined;
}

/**
 * Form submit helper: busy flag, the last error, and a success note. One idempotency key per
 * submission (lib/api.js withSubmissionKey): made when the form is filled, kept across a double tap
 * and a resend after a failure, renewed only once the submission succeeded. What was typed stays in
 * the form on failure (the views reset their fields only after success).
 */
export function useSubmit(action) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const key = useRef(null);
  const running = useRef(false);
  const submit = async (...args) => {
    // A second tap while the first is on its way is the same submission, not a second one.
    if (running.current) return undefined;
    running.current = true;
    key.current ??= newKey();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await withSubmissionKey(key.current, () => action(...args));
      key.current = null;
      setDone(result ?? true);
      return result;
    } catch (e) {
      // The key was used for what the form held then; after changes the API refuses it: a new one.
      if (e?.code === 'IDEMPOTENCY_KEY_REUSED') key.current = null;
      setError(e);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, error, done, submit, setError, setDone };
}

/** A skill level 1–5 (初级 … 高级技师) as a labelled select; `onChange` gets the number. */
export function LevelSelect({ label, value, onChange, error }) {
  return html`<${Field} label=${label} error=${error}>
    ${(p) =>
      html`<select ...${p} value=${String(value)} onChange=${(e) => onChange(Number(e.currentTarget.value))}>
        ${[1, 2, 3, 4, 5].map((n) => html`<option value=${String(n)}>${t('skill.level', { n })}</option>`)}
      </select>`}
  </${Field}>`;
}
