// The administrator's view of the embedded mode's message log (ADR 0014): every SMS and WeChat
// message a provider would have carried, newest first, recipient masked, body in full — on a
// one-machine install this is where the codes people ask for can be read out to them.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Async, dateTime, Field, html, t, useAsync } from '../lib/ui.js';

export function MessageLog() {
  const [phone, setPhone] = useState('');
  const [before, setBefore] = useState(undefined);
  const valid = /^1[3-9][0-9]{9}$/.test(phone);
  const state = useAsync(
    () => api.get('/admin/message-log', { limit: 50, ...(valid ? { phone } : {}), ...(before ? { before } : {}) }),
    [valid ? phone : '', before],
  );
  return html`<h1>${t('msglog.title')}</h1>
    <p class="lead">${t('msglog.lead')}</p>
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <${Field} label=${t('msglog.phone')} hint=${t('msglog.phoneHint')}>
        ${(p) =>
          html`<input
            ...${p}
            type="tel"
            inputmode="numeric"
            maxlength="11"
            value=${phone}
            onInput=${(e) => {
              setPhone(e.currentTarget.value.trim());
              setBefore(undefined);
            }}
          />`}
      </${Field}>
    </form>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('msglog.empty')}>
      ${(d) =>
        html`<table class="table">
            <thead>
              <tr>
                <th scope="col">${t('msglog.at')}</th>
                <th scope="col">${t('msglog.recipient')}</th>
                <th scope="col">${t('msglog.body')}</th>
              </tr>
            </thead>
            <tbody>
              ${d.items.map(
                (m) =>
                  html`<tr key=${m.id}>
                    <td>${dateTime(m.createdAt)}</td>
                    <td>
                      ${m.recipient}
                      <small class="hint">${m.channel === 'sms' ? t('msglog.sms') : t('msglog.wechat')}</small>
                    </td>
                    <td>${m.body}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${
            d.items.length === 50
              ? html`<button
                  type="button"
                  class="secondary"
                  onClick=${() => setBefore(d.items[d.items.length - 1].createdAt)}
                >
                  ${t('msglog.older')}
                </button>`
              : null
          }`}
    </${Async}>`;
}
