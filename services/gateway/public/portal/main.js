/* global location, addEventListener, removeEventListener, setInterval, clearInterval, sessionStorage */
// The portal shell: sign-in, the language switch, each role's navigation and a hash router whose
// views are loaded per role on demand (the first load stays small).
import { html, render } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, getSession, onSession, signIn, signOut } from './lib/api.js';
import { getLang, onLang, setLang, t } from './lib/i18n.js';
import { ErrorBox, Field, Loading, loadReference, PrintTitle, useSubmit } from './lib/ui.js';

const ROLE_MODULE = {
  worker: () => import('./roles/worker.js'),
  employer: () => import('./roles/employer.js'),
  officer: () => import('./roles/officer.js'),
  admin: () => import('./roles/admin.js'),
};

/** The inbox's bell: the unread count, refreshed every minute and when the inbox changes it. */
function Bell() {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.get('/notifications', { unread: 'true', limit: 1 }).then(
        (r) => live && setUnread(r.unread),
        () => {},
      );
    load();
    const timer = setInterval(load, 60_000);
    addEventListener('tongxin:notifications', load);
    addEventListener('hashchange', load);
    return () => {
      live = false;
      clearInterval(timer);
      removeEventListener('tongxin:notifications', load);
      removeEventListener('hashchange', load);
    };
  }, []);
  return html`<a class="bell secondary small" href="#/notifications" aria-label=${t('notify.bellLabel', { n: unread })}>
    <span aria-hidden="true">🔔</span> ${t('notify.bell')}${unread ? html` <span class="badge">${unread}</span>` : null}
  </a>`;
}

function useHash() {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function SignIn() {
  // Said once after the account ended its own sessions (views/account.js).
  const [note] = useState(() => {
    const key = sessionStorage.getItem('tongxin.signedOutNote');
    sessionStorage.removeItem('tongxin.signedOutNote');
    return key;
  });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(() => signIn(username.trim(), password));
  const badCredentials = error?.status === 401;
  return html`<main id="main" class="signin" tabindex="-1">
    <h1>${t('signin.title')}</h1>
    <p class="lead">${t('app.tagline')}</p>
    ${note ? html`<p class="notice" role="status">${t(note)}</p>` : null}
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <${Field} label=${t('signin.username')}>
        ${(p) => html`<input ...${p} name="username" autocomplete="username" required value=${username} onInput=${(e) => setUsername(e.currentTarget.value)} />`}
      </${Field}>
      <${Field} label=${t('signin.password')} error=${badCredentials ? t('signin.bad') : undefined}>
        ${(p) => html`<input ...${p} name="password" type="password" autocomplete="current-password" required value=${password} onInput=${(e) => setPassword(e.currentTarget.value)} />`}
      </${Field}>
      ${error && !badCredentials ? html`<${ErrorBox} error=${error} />` : null}
      <button type="submit" disabled=${busy}>${busy ? t('state.working') : t('signin.submit')}</button>
    </form>
    <p class="signin-links">
      <a href="#/activate">${t('signin.activate')}</a>
      <a href="#/reset-password">${t('signin.forgot')}</a>
      <a href="#/activate-code">${t('signin.activateCode')}</a>
      <a href="#/register">${t('reg.link')}</a>
      <a href="#/employer-signup">${t('signin.employerSignUp')}</a>
    </p>
    <p class="hint">${t('signin.help')}</p>
  </main>`;
}

// Pages for people not signed in (ADR 0014, 0018): path → [module, export], loaded only when asked for.
const PUBLIC_VIEWS = {
  '/activate': ['./views/signup.js', 'Activate'],
  '/reset-password': ['./views/signup.js', 'ResetPassword'],
  '/employer-signup': ['./views/enrolment.js', 'EmployerSignUp'],
  '/activate-code': ['./views/enrolment.js', 'RedeemCode'],
  '/register': ['./views/self-register.js', 'SelfRegister'],
};
function Public({ hash }) {
  const [file, name] = PUBLIC_VIEWS[hash.replace(/^#/, '')] ?? [];
  const [mod, setMod] = useState(null);
  useEffect(() => {
    setMod(null);
    if (file) import(file).then(setMod, () => setMod(null));
  }, [file]);
  if (!file) return html`<${SignIn} />`;
  const View = mod?.[name];
  return View ? html`<${View} />` : html`<main id="main" tabindex="-1"><${Loading} /></main>`;
}

function Shell({ session, hash }) {
  const [mod, setMod] = useState(null);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    setMod(null);
    setFailed(null);
    const loader = ROLE_MODULE[session.role];
    if (!loader) return setFailed({ status: 403, code: 'FORBIDDEN' });
    // Names of skills and places come with the views, not with the first page.
    Promise.all([loader(), loadReference().catch(() => null)]).then(
      ([m]) => setMod(m),
      () => setFailed({ status: 0 }),
    );
  }, [session.role]);
  const path = hash.replace(/^#/, '') || '/';
  const nav = mod ? mod.nav(session) : [];
  // The inbox and its settings, and the account, are every role's (views/notifications.js, views/account.js).
  const [notify, setNotify] = useState(null);
  const inbox = path.startsWith('/notifications');
  useEffect(() => {
    if (inbox && !notify) import('./views/notifications.js').then(setNotify, () => setFailed({ status: 0 }));
  }, [inbox]);
  const [account, setAccount] = useState(null);
  const own = path === '/account';
  useEffect(() => {
    if (own && !account) import('./views/account.js').then(setAccount, () => setFailed({ status: 0 }));
  }, [own]);
  const route = inbox
    ? notify
      ? notify.route(path)
      : null
    : own
      ? account
        ? account.route(path, session)
        : null
      : mod
        ? mod.route(path, session)
        : null;
  useEffect(() => {
    if (mod && route?.redirect) location.replace(route.redirect);
  }, [mod, route?.redirect]);
  useEffect(() => {
    // Move focus to the new view's heading so keyboard and screen-reader users land on it.
    const h = document.querySelector('#main h1');
    if (h) {
      h.setAttribute('tabindex', '-1');
      h.focus({ preventScroll: true });
    }
  }, [path, !!mod]);
  return html`<nav class="primary" aria-label=${t('nav.main')}>
      ${nav.map(([href, label]) => html`<a href=${href} aria-current=${path === href.slice(1) || path.startsWith(href.slice(1) + '/') ? 'page' : undefined}>${label}</a>`)}
    </nav>
    <main id="main" tabindex="-1">
      <${PrintTitle} />
      ${failed ? html`<${ErrorBox} error=${failed} onRetry=${() => location.reload()} />` : !mod ? html`<${Loading} />` : (route?.view ?? null)}
    </main>`;
}

function App() {
  const [session, setSession] = useState(getSession());
  const [, setLangState] = useState(getLang());
  const hash = useHash();
  useEffect(() => onSession(setSession), []);
  useEffect(() => onLang(setLangState), []);
  const other = getLang() === 'zh' ? 'en' : 'zh';
  return html`<a
      class="skip"
      href="#main"
      onClick=${(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
      >${t('nav.skip')}</a
    >
    <header class="top">
      <p class="brand"><span class="logo" aria-hidden="true">同</span> <span>${t('app.name')}</span></p>
      <div class="top-actions">
        <button
          type="button"
          class="secondary small"
          lang=${other === 'zh' ? 'zh-CN' : 'en'}
          onClick=${() => setLang(other)}
        >
          ${other === 'zh' ? '中文' : 'English'}
        </button>
        ${
          session
            ? html`<${Bell} />
                <a class="who" href="#/account" title=${t('account.menu')}
                  >${session.displayName} · ${t('role.' + session.role)}</a
                >
                <button
                  type="button"
                  class="secondary small"
                  onClick=${() => {
                    signOut();
                    location.hash = '#/';
                  }}
                >
                  ${t('signin.out')}
                </button>`
            : null
        }
      </div>
    </header>
    ${session ? html`<${Shell} session=${session} hash=${hash} />` : html`<${Public} hash=${hash} />`}
    <footer>
      <small>${t('app.footer')} · <a href="/docs">${t('app.apiDocs')}</a></small>
    </footer>`;
}

render(html`<${App} />`, document.getElementById('app'));
