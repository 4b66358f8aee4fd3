/* global sessionStorage, XMLHttpRequest, URLSearchParams, crypto, URL, setTimeout */
// The public /api/v1 API, with the session's token. Errors are problem+json; they become ApiError.
// Every call says the language the portal shows, so problems come back in it (ADR 0012).
import { getLang } from './i18n.js';

const KEY = 'tongxin.session';

/** An answer other than 2xx: status, stable code, detail and field errors from the problem document. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || (status === 0 ? 'NETWORK' : 'HTTP_' + status);
    this.detail = problem?.detail;
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

let session = null;
try {
  session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
} catch {
  session = null;
}
const listeners = new Set();

export function getSession() {
  return session;
}
export function onSession(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
function setSession(next) {
  session = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const fn of listeners) fn(next);
}

export async function signIn(username, password) {
  startSession(await request('POST', '/auth/token', { username, password }, { anonymous: true }));
}
/** Signs in with a token answer (sign-in, or an account just activated). */
export function startSession(body) {
  setSession({
    token: body.accessToken,
    role: body.role,
    displayName: body.displayName,
    workerId: body.workerId,
    employerId: body.employerId,
    regions: body.regions || [],
  });
}
export function signOut() {
  setSession(null);
}

function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The language the portal shows, as Accept-Language. */
const language = () => (getLang() === 'en' ? 'en' : 'zh-CN');

function qs(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/** A new idempotency key (letters, digits and dashes: what the API accepts). */
export const newKey = () => crypto.randomUUID();

// The form submission whose action is starting: its key, and how many writes it has sent so far.
let submission = null;
/**
 * Runs `start` (a form's action) so that the writes it sends before its first `await` carry the
 * form's key: `<key>.<n>` for its n-th write. The same form sent again (a double tap, a resend after
 * a network failure) sends the same keys, so the API applies it once. Writes after an `await` in the
 * action get a key of their own, as any write outside a form does.
 */
export function withSubmissionKey(key, start) {
  const outer = submission;
  submission = { key, n: 0 };
  try {
    return start();
  } finally {
    submission = outer;
  }
}

/**
 * For an action that writes again after an `await`: called at its start, gives the keys its later
 * writes take (`{ key: next() }`), the same on every send of the submission; outside a form, none.
 */
export function laterKeys() {
  const mine = submission;
  return () => (mine ? `${mine.key}.${mine.n++}` : undefined);
}

/** One call to /api/v1; resolves with the JSON body, rejects with ApiError. */
export async function request(method, path, body, { query, anonymous, idempotent, key } = {}) {
  const headers = { accept: 'application/json', 'accept-language': language() };
  if (!anonymous && session) headers.authorization = 'Bearer ' + session.token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A retried write (double tap, flaky network) is applied once: a form's writes carry its key.
  if (key) headers['idempotency-key'] = key;
  else if (method !== 'GET' && submission) headers['idempotency-key'] = `${submission.key}.${submission.n++}`;
  else if (idempotent) headers['idempotency-key'] = newKey();
  let res;
  try {
    res = await fetch('/api/v1' + path + qs(query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  const json = parseJson(text);
  if (!res.ok) {
    if (res.status === 401 && session && !anonymous) setSession(null);
    throw new ApiError(res.status, json);
  }
  return json;
}

export const api = {
  get: (path, query) => request('GET', path, undefined, { query }),
  post: (path, body, options) => request('POST', path, body ?? {}, { idempotent: true, ...options }),
  patch: (path, body) => request('PATCH', path, body),
};

/** Uploads a file with progress (fetch has no upload progress); resolves with the JSON report. */
export function upload(path, file, onProgress, query) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1' + path + qs(query));
    // Long imports answer 202 with a job to poll, so progress can be shown while rows are checked.
    xhr.setRequestHeader('prefer', 'respond-async');
    if (session) xhr.setRequestHeader('authorization', 'Bearer ' + session.token);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', language());
    const type = /\.csv$/i.test(file.name)
      ? 'text/csv'
      : file.type || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    xhr.setRequestHeader('content-type', type);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onload = () => {
      const json = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body: json });
      else reject(Object.assign(new ApiError(xhr.status, json), { body: json }));
    };
    xhr.send(file);
  });
}

/** Downloads a file (the token goes in a header, so a plain link cannot carry it). */
export async function download(path, query) {
  let res;
  try {
    res = await fetch('/api/v1' + path + qs(query), {
      headers: {
        'accept-language': language(),
        ...(session ? { authorization: 'Bearer ' + session.token } : {}),
      },
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    const json = parseJson(await res.text());
    throw new ApiError(res.status, json);
  }
  const disposition = res.headers.get('content-disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { blob: await res.blob(), filename: match ? decodeURIComponent(match[1]) : null };
}

/** Hands a downloaded file to the browser to keep, under `filename`. */
export function saveFile(blob, filename) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}
