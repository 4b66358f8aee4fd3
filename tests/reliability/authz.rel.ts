/**
 * Part 2 — the authorization matrix: every route × role × scope through the gateway, with the
 * expected answer of each cell; plus forged, expired and unsigned tokens, and services reached
 * directly without the gateway (ADR 0004: as strict as through it).
 */
import { SignJWT } from 'jose';
import { eventually } from '@tongxin/test-harness';
import t from 'tap';
import { type Cell, type Expect, matrix } from './support/authz-matrix.ts';
import { startCounty } from './support/county.ts';
import { printFigures } from './support/figures.ts';
import {
  ACCOUNT_PASSWORD,
  type World,
  buildWorld,
  employerBody,
  login,
  ok,
  openingBody,
  workerBody,
} from './support/fixtures.ts';
import { KNOWN_AUTHZ_DEFECTS } from './support/known-defects.ts';

const stack = await startCounty();
t.teardown(() => stack.stop());
const world = await buildWorld(stack.api);
const api = stack.api;

function tokenFor(w: World, who: Cell['who']): string | undefined {
  switch (who) {
    case 'anonymous':
      return undefined;
    case 'worker':
      return w.tokens.workerA;
    case 'employer':
      return w.tokens.employer1;
    case 'officer':
      return w.tokens.officerA;
    case 'admin':
      return w.tokens.admin;
  }
}

let throwaways = 0;
/** A new account of the role (linked like the world's), so a cell may void its tokens; its id and token. */
async function throwaway(who: Exclude<Cell['who'], 'anonymous'>): Promise<{ id: string; token: string }> {
  const username = `rel.throwaway.${Date.now().toString(36)}${throwaways++}`;
  const link =
    who === 'worker'
      ? { workerId: world.workers.a2.id }
      : who === 'employer'
        ? { employerId: world.employers.e1 }
        : who === 'officer'
          ? { regions: ['140723100'] }
          : {};
  const created = ok(
    await api.post(
      '/api/v1/accounts',
      { username, password: ACCOUNT_PASSWORD, role: who, displayName: '一次性', ...link },
      world.tokens.admin,
    ),
    `throwaway ${who} account`,
  );
  return { id: created.id, token: await login(api, username, ACCOUNT_PASSWORD) };
}

/** Placeholders in the matrix stand for fresh, unique bodies (a registration can be sent only once). */
async function resolve(cell: Cell): Promise<{ path: string; body: unknown }> {
  let { path } = cell.request;
  let body = cell.request.body as Record<string, unknown> | undefined;
  if (path.includes('__spare')) {
    const spare = ok(
      await api.post('/api/v1/employers', employerBody('备用企业有限公司', '140723'), world.tokens.admin),
      'spare employer',
    );
    ok(await api.post(`/api/v1/employers/${spare.id}/verify`, undefined, world.tokens.admin), 'verify spare');
    path = path.replace('__spare', spare.id);
  }
  if (path.includes('__account')) path = path.replace('__account', (await throwaway('officer')).id);
  if (body && '__worker' in body) body = workerBody(String(body.__worker), '矩阵工人');
  else if (body && '__employer' in body) body = employerBody('矩阵企业有限公司', '320505');
  else if (body && '__opening' in body) body = openingBody(String(body.__opening), { title: '矩阵岗位' });
  return { path, body };
}

function judge(expect: Expect, status: number, text: string): string | undefined {
  if (status >= 500) return `server error ${status}`;
  switch (expect.kind) {
    case 'allow':
      return (status >= 200 && status < 300) || status === 409 ? undefined : `expected to be allowed, got ${status}`;
    case 'denied':
      return expect.statuses.includes(status) ? undefined : `expected ${expect.statuses.join('/')}, got ${status}`;
    case 'filtered': {
      if (expect.orDenied && (status === 403 || status === 404)) return undefined;
      if (status !== 200) return `expected 200 (filtered), got ${status}`;
      const leaked = expect.absent.filter((id) => text.includes(id));
      return leaked.length ? `leaks another's record(s): ${leaked.join(', ')}` : undefined;
    }
  }
}

t.test('every route × role × scope answers as the matrix says', async (t) => {
  const cells = matrix(world);
  const failures: string[] = [];
  const todo: string[] = [];
  for (const cell of cells) {
    const { path, body } = await resolve(cell);
    const token =
      cell.request.throwaway && cell.who !== 'anonymous'
        ? (await throwaway(cell.who)).token
        : tokenFor(world, cell.who);
    const r = await api.request(cell.request.method, path, {
      ...(token ? { token } : {}),
      ...(cell.request.raw
        ? { raw: cell.request.raw.data, headers: { 'content-type': cell.request.raw.contentType } }
        : body !== undefined
          ? { body }
          : {}),
    });
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const problem = judge(cell.expect, r.status, text);
    const key = `${cell.route} | ${cell.who} | ${cell.scope}`;
    const known = KNOWN_AUTHZ_DEFECTS[key];
    const line = `${key}: ${problem} — ${cell.request.method} ${path} ${text.slice(0, 160)}`;
    if (problem && known) {
      todo.push(`${line} [${known}]`);
      t.fail(key, { todo: known });
    } else if (problem) {
      failures.push(line);
      t.fail(line);
    } else if (known) {
      t.pass(`${key} (known defect ${known} no longer shows: remove it from known-defects.ts)`);
    }
  }
  const routes = new Set(cells.map((c) => c.route.replace(/ \(.*\)$/, '')));
  // The matrix must cover the API as documented: a new route without cells is a failure.
  const doc = (await api.get('/docs/json')).body as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
  );
  const uncovered = documented.filter((r) => !routes.has(r) && r !== 'POST /api/v1/auth/token');
  t.same(uncovered, [], 'every documented operation has cells in the matrix (sign-in aside)');
  const roles = new Set(cells.map((c) => c.who));
  printFigures(
    'authorization',
    {
      routes: routes.size,
      roles: roles.size,
      cells: cells.length,
      ownOtherCells: cells.filter((c) => c.scope !== 'any').length,
      failures: failures.length,
      knownDefects: todo.length,
    },
    [...failures.map((f) => `FAIL ${f}`), ...todo.map((f) => `TODO ${f}`)],
  );
  t.pass(`${cells.length} cells over ${routes.size} routes × ${roles.size} roles checked`);
});

t.test('forged, unsigned and expired tokens are refused, even on public routes', async (t) => {
  const claims = { sub: crypto.randomUUID(), username: 'admin', role: 'admin' };
  const forged = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('tongxin')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('x'.repeat(48)));
  const expired = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('tongxin')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(new TextEncoder().encode(stack.settings.JWT_SECRET!));
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: 'tongxin', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
  // A real worker token with its role claim rewritten, signature kept.
  const [h, p, s] = world.tokens.workerA.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
  const tampered = `${h}.${b64({ ...payload, role: 'admin' })}.${s}`;
  const paths = [
    '/api/v1/workers',
    `/api/v1/workers/${world.workers.b.id}`,
    '/api/v1/openings',
    '/api/v1/dashboard',
    '/api/v1/auth/me',
  ];
  let checked = 0;
  for (const [name, token] of Object.entries({ forged, expired, unsigned, tampered })) {
    for (const path of paths) {
      const r = await api.get(path, token);
      checked++;
      t.equal(r.status, 401, `${name} token on ${path}`);
    }
  }
  printFigures('tokens', { checked });
});

t.test('a revoked session is refused within 5 s by the gateway and by every service reached directly', async (t) => {
  type Doc = { paths: Record<string, Record<string, { security?: unknown[] }>> };
  const { token } = await throwaway('officer');
  // One signed-in GET without path parameters per service, on its own port.
  const targets: [string, string][] = [['gateway', `${api.baseUrl}/api/v1/auth/me`]];
  for (const [name, app] of Object.entries(stack.services)) {
    const base = `http://127.0.0.1:${(app!.server.address() as { port: number }).port}`;
    const own = (await (await fetch(`${base}/docs/json`)).json()) as Doc;
    const path = Object.entries(own.paths).find(
      ([p, item]) =>
        !p.includes('{') && item.get && !(Array.isArray(item.get.security) && item.get.security.length === 0),
    )?.[0];
    if (path) targets.push([name, base + path]);
  }
  const status = async (url: string) => (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;
  for (const [name, url] of targets) t.not(await status(url), 401, `${name} accepts the session before`);
  const since = Date.now();
  t.equal((await api.post('/api/v1/auth/sign-out-everywhere', undefined, token)).status, 204);
  for (const [name, url] of targets) {
    await eventually(`${name} to refuse the revoked session`, async () => (await status(url)) === 401, 5_000);
  }
  const took = Date.now() - since;
  t.ok(took <= 5_500, `refused everywhere ${took} ms after sign-out`);
  printFigures('revocation', { checked: targets.map(([name]) => name).join(','), refusedEverywhereMs: took });
});

t.test('a service reached directly is as strict as through the gateway', async (t) => {
  type Doc = { paths: Record<string, Record<string, { security?: unknown[] }>> };
  let checked = 0;
  for (const [name, app] of Object.entries(stack.services)) {
    const address = app!.server.address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const own = (await (await fetch(`${base}/docs/json`)).json()) as Doc;
    for (const [path, item] of Object.entries(own.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue; // public
        const url = base + path.replace(/\{[^}]+\}/g, world.workers.a.id);
        const r = await fetch(url, {
          method: method.toUpperCase(),
          ...(method === 'get' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
        });
        checked++;
        t.equal(r.status, 401, `${name}: anonymous ${method.toUpperCase()} ${path} directly`);
      }
    }
  }
  printFigures('direct-service-access', { checked });
});
