/* global Event */
// The inbox of every role (issue 15): newest first, read/unread, and the notification settings.
// Chinese is the text as sent; English is rendered from the notice's kind and params.
import { useState } from 'preact/hooks';
import { api, request } from '../lib/api.js';
import { getLang } from '../lib/i18n.js';
import { Async, ErrorBox, Field, html, t, countyTime, useAsync, useSubmit } from '../lib/ui.js';

export const KINDS = [
  'application-status',
  'interview',
  'opening-match',
  'saved-search',
  'training',
  'follow-up',
  'new-applicant',
  'referral',
  'closing-soon',
  'placed',
  'separated',
  'wages-unpaid',
];

function texts(n) {
  if (getLang() === 'zh') return { title: n.title, body: n.body };
  return {
    title: t('notice.' + n.kind, { fallback: n.title }),
    body: t('notice.' + n.kind + '.body', { ...n.params, fallback: n.body }),
  };
}

export function Inbox() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [more, setMore] = useState([]);
  const [cursor, setCursor] = useState(undefined);
  const state = useAsync(async () => {
    const page = await api.get('/notifications', unreadOnly ? { unread: 'true' } : {});
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  }, [unreadOnly]);
  const readAll = useSubmit(async () => {
    await api.post('/notifications/read-all');
    state.reload();
    window.dispatchEvent(new Event('tongxin:notifications'));
  });
  const markRead = async (n) => {
    await api.post('/notifications/' + n.id + '/read');
    n.read = true;
    state.setData({ ...state.data, unread: Math.max(0, state.data.unread - 1) });
    window.dispatchEvent(new Event('tongxin:notifications'));
  };
  const loadMore = async () => {
    const page = await api.get('/notifications', { ...(unreadOnly ? { unread: 'true' } : {}), cursor });
    setMore([...more, ...page.items]);
    setCursor(page.nextCursor);
  };
  return html`<h1>${t('notify.title')}</h1>
    <p class="actions">
      <label
        ><input type="checkbox" checked=${unreadOnly} onChange=${(e) => setUnreadOnly(e.currentTarget.checked)} />
        ${t('notify.unreadOnly')}</label
      >
      <button type="button" class="secondary small" disabled=${readAll.busy} onClick=${() => readAll.submit()}>
        ${t('notify.readAll')}
      </button>
      <a href="#/notifications/preferences">${t('notify.prefs')}</a>
    </p>
    <${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${t('notify.empty')}>
      ${(d) =>
        html`<p class="meta">${t('notify.unreadCount', { n: d.unread })}</p>
          <ul class="inbox">
            ${[...d.items, ...more].map((n) => {
              const x = texts(n);
              return html`<li class=${n.read ? 'read' : 'unread'} key=${n.id}>
                <p>
                  <strong>${n.read ? '' : html`<span class="badge">${t('notify.unread')}</span> `}${x.title}</strong>
                </p>
                <p>${x.body}</p>
                <p class="meta">
                  <time datetime=${n.createdAt}>${countyTime(n.createdAt)}</time>
                  ${n.link ? html` · <a href=${n.link}>${t('notify.open')}</a>` : null}
                  ${n.read ? null : html` · <button type="button" class="secondary small" onClick=${() => markRead(n)}>${t('notify.markRead')}</button>`}
                </p>
              </li>`;
            })}
          </ul>
          ${cursor ? html`<button type="button" class="secondary" onClick=${loadMore}>${t('notify.more')}</button>` : null}`}
    <//>`;
}

export function Preferences() {
  const state = useAsync(() => api.get('/notifications/preferences'), []);
  return html`<h1>${t('notify.prefs')}</h1>
    <${Async} state=${state}>${(p) => html`<${PreferencesForm} prefs=${p} onSaved=${(d) => state.setData(d)} />`}<//>`;
}

function PreferencesForm({ prefs, onSaved }) {
  const [v, setV] = useState(prefs);
  const [saved, setSaved] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    const body = {
      digest: v.digest,
      quietHours: v.quietHours,
      channels: { sms: v.channels.sms.subscribed, wechat: v.channels.wechat.subscribed },
      kinds: v.kinds,
    };
    const d = await request('PUT', '/notifications/preferences', body);
    setV(d);
    onSaved(d);
    setSaved(true);
  });
  const kind = (k, c, on) => setV({ ...v, kinds: { ...v.kinds, [k]: { ...v.kinds[k], [c]: on } } });
  return html`<form
    onSubmit=${(e) => {
      e.preventDefault();
      setSaved(false);
      submit();
    }}
  >
    <fieldset>
      <legend>${t('notify.channels')}</legend>
      <label
        ><input
          type="checkbox"
          checked=${v.channels.sms.subscribed}
          onChange=${(e) => setV({ ...v, channels: { ...v.channels, sms: { ...v.channels.sms, subscribed: e.currentTarget.checked } } })}
        />
        ${t('notify.smsOn')}</label
      >
      <label
        ><input
          type="checkbox"
          checked=${v.channels.wechat.subscribed}
          onChange=${(e) => setV({ ...v, channels: { ...v.channels, wechat: { ...v.channels.wechat, subscribed: e.currentTarget.checked } } })}
        />
        ${t('notify.wechatOn')}${v.channels.wechat.bound ? '' : ' ' + t('notify.wechatUnbound')}</label
      >
      <label
        ><input
          type="checkbox"
          checked=${v.digest}
          onChange=${(e) => setV({ ...v, digest: e.currentTarget.checked })}
        />
        ${t('notify.digest')}</label
      >
    </fieldset>
    <fieldset>
      <legend>${t('notify.quiet')}</legend>
      <${Field} label=${t('notify.quietStart')}
        >${(p) => html`<input ...${p} type="time" required value=${v.quietHours.start} onInput=${(e) => setV({ ...v, quietHours: { ...v.quietHours, start: e.currentTarget.value } })} />`}<//
      >
      <${Field} label=${t('notify.quietEnd')}
        >${(p) => html`<input ...${p} type="time" required value=${v.quietHours.end} onInput=${(e) => setV({ ...v, quietHours: { ...v.quietHours, end: e.currentTarget.value } })} />`}<//
      >
    </fieldset>
    <fieldset>
      <legend>${t('notify.kinds')}</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">${t('notify.kind')}</th>
            <th scope="col">${t('notify.sms')}</th>
            <th scope="col">${t('notify.wechat')}</th>
          </tr>
        </thead>
        <tbody>
          ${Object.keys(v.kinds).map(
            (k) =>
              html`<tr key=${k}>
                <th scope="row">${t('notice.' + k, { fallback: k })}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label=${t('notify.sms')}
                    checked=${v.kinds[k].sms}
                    onChange=${(e) => kind(k, 'sms', e.currentTarget.checked)}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label=${t('notify.wechat')}
                    checked=${v.kinds[k].wechat}
                    onChange=${(e) => kind(k, 'wechat', e.currentTarget.checked)}
                  />
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </fieldset>
    ${error ? html`<${ErrorBox} error=${error} />` : null}
    ${saved ? html`<p role="status">${t('notify.saved')}</p>` : null}
    <button type="submit" disabled=${busy}>${busy ? t('state.working') : t('notify.save')}</button>
  </form>`;
}

export function route(path) {
  if (path === '/notifications') return { view: html`<${Inbox} />` };
  if (path === '/notifications/preferences') return { view: html`<${Preferences} />` };
  return null;
}
