// Sign-in accounts (administrators): find by role, create an officer's or an administrator's,
// disable or enable one, and set a new password (its earlier sessions end).
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.js';
import { ErrorBox, Field, fieldError, html, placeName, t, useAsync, useReference, useSubmit } from '../../lib/ui.js';
import { RecordCards, RecordForm } from '../../lib/widgets/records.js';

const ROLES = ['officer', 'admin', 'employer', 'worker'];

function NewAccount({ onCreated }) {
  const ref = useReference();
  const blank = { username: '', displayName: '', role: 'officer', password: '', township: '' };
  const [v, setV] = useState(blank);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const r = await api.post('/accounts', {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      password: v.password,
      // Employers sign up and workers activate themselves; here only officers (with their township) and administrators.
      ...(v.role === 'officer' && v.township ? { regions: [v.township] } : {}),
    });
    setV(blank);
    onCreated();
    return r;
  });
  return html`<details>
    <summary>${t('accounts.new')}</summary>
    <${RecordForm} label=${t('accounts.new')} save=${save} done=${t('accounts.created')} submit=${t('accounts.create')}>
      <div class="row">
        <${Field} label=${t('enrol.account')} hint=${t('enrol.usernameHint')} error=${fieldError(save.error, 'username')}>
          ${(p) => html`<input ...${p} value=${v.username} required autocomplete="off" onInput=${set('username')} />`}
        </${Field}>
        <${Field} label=${t('enrol.displayName')} error=${fieldError(save.error, 'displayName')}>
          ${(p) => html`<input ...${p} value=${v.displayName} required maxlength="100" onInput=${set('displayName')} />`}
        </${Field}>
      </div>
      <div class="row">
        <${Field} label=${t('accounts.role')} error=${fieldError(save.error, 'role')}>
          ${(p) =>
            html`<select ...${p} value=${v.role} onChange=${set('role')}>
              <option value="officer">${t('role.officer')}</option>
              <option value="admin">${t('role.admin')}</option>
            </select>`}
        </${Field}>
        ${
          v.role === 'officer'
            ? html`<${Field} label=${t('place.township')} error=${fieldError(save.error, 'regions')}>
                ${(p) =>
                  html`<select ...${p} value=${v.township} required onChange=${set('township')}>
                    <option value="">${t('place.choose')}</option>
                    ${(ref?.townships ?? []).map((tw) => html`<option value=${tw.code}>${tw.name}</option>`)}
                  </select>`}
              </${Field}>`
            : null
        }
      </div>
      <${Field} label=${t('accounts.password')} hint=${t('enrol.passwordHint')} error=${fieldError(save.error, 'password')}>
        ${(p) => html`<input ...${p} type="password" value=${v.password} required autocomplete="new-password" onInput=${set('password')} />`}
      </${Field}>
    </${RecordForm}>
  </details>`;
}

function AccountCard({ a, onChange }) {
  const [password, setPassword] = useState('');
  const toggle = useSubmit(async () =>
    onChange(await api.post(`/accounts/${a.id}/${a.disabled ? 'enable' : 'disable'}`, {})),
  );
  const reset = useSubmit(async () => {
    await api.post(`/accounts/${a.id}/password`, { newPassword: password });
    setPassword('');
    return true;
  });
  return html`<li class="card">
    <h2>${a.displayName}</h2>
    <p class="meta">
      <span class="mono">${a.username}</span><span>${t('role.' + a.role)}</span>
      ${(a.regions ?? []).map((r) => html`<span>${placeName(r)}</span>`)}
      <span class=${'badge ' + (a.disabled ? 'bad' : 'good')}>${a.disabled ? t('accounts.disabled') : t('accounts.active')}</span>
    </p>
    <div class="actions">
      <button
        type="button"
        class="secondary small"
        disabled=${toggle.busy}
        aria-label=${t(a.disabled ? 'accounts.enableLabel' : 'accounts.disableLabel', { name: a.username })}
        onClick=${() => toggle.submit()}
      >
        ${a.disabled ? t('accounts.enable') : t('accounts.disable')}
      </button>
    </div>
    <${ErrorBox} error=${toggle.error} />
    <details>
      <summary>${t('accounts.reset')}</summary>
      <${RecordForm}
        label=${t('accounts.resetLabel', { name: a.username })}
        save=${reset}
        done=${t('accounts.resetDone')}
        submit=${t('accounts.resetSubmit')}
        disabled=${!password}
      >
        <${Field} label=${t('accounts.newPassword')} hint=${t('enrol.passwordHint')} error=${fieldError(reset.error, 'newPassword')}>
          ${(p) => html`<input ...${p} type="password" value=${password} required autocomplete="new-password" onInput=${(e) => setPassword(e.currentTarget.value)} />`}
        </${Field}>
      </${RecordForm}>
    </details>
  </li>`;
}

export function Accounts() {
  const [role, setRole] = useState('officer');
  const state = useAsync(() => api.get('/accounts', { role, limit: 100 }), [role]);
  return html`<h1>${t('accounts.title')}</h1>
    <${NewAccount} onCreated=${state.reload} />
    <${Field} label=${t('accounts.role')}>
      ${(p) =>
        html`<select ...${p} value=${role} onChange=${(e) => setRole(e.currentTarget.value)}>
          ${ROLES.map((r) => html`<option value=${r}>${t('role.' + r)}</option>`)}
        </select>`}
    </${Field}>
    <${RecordCards}
      state=${state}
      label=${t('accounts.title')}
      empty=${t('accounts.none')}
      card=${(a, replace) => html`<${AccountCard} key=${a.id} a=${a} onChange=${replace} />`}
    />`;
}
