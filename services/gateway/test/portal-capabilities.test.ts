import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { PORTAL, callMatches, callsIn, reachableFrom } from './support/portal-calls.ts';

// Issue 19: every operation of the combined OpenAPI is either offered by a portal screen that
// really calls it, or listed in the portal's README as API only (or not yet built) with a reason.
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const openapi = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'contracts', 'openapi.json'), 'utf8'),
);
const operations: string[] = [];
for (const [path, item] of Object.entries<Record<string, unknown>>(openapi.paths))
  for (const method of Object.keys(item))
    if (METHODS.includes(method)) operations.push(`${method.toUpperCase()} ${path}`);

interface Row {
  line: number;
  op: string;
  screens: string[];
  reason?: { kind: 'API only' | 'not yet'; text: string };
}
const rows: Row[] = [];
readFileSync(join(PORTAL, 'README.md'), 'utf8')
  .split('\n')
  .forEach((text, i) => {
    const m = /^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \| (.*) \|$/.exec(text);
    if (!m) return;
    const cell = m[3]!.trim();
    const reason = /^(API only|not yet): (.+)$/.exec(cell);
    rows.push({
      line: i + 1,
      op: `${m[1]} ${m[2]}`,
      screens: reason ? [] : [...cell.matchAll(/`([^`]+)`/g)].map((s) => s[1]!),
      reason: reason ? { kind: reason[1] as 'API only' | 'not yet', text: reason[2]!.trim() } : undefined,
    });
  });

// Everything a signed-in or anonymous visitor can reach: main.js, the roles' routes and their screens.
const offered = reachableFrom('main.js', true);
const matches = (file: string, op: string) => {
  const [method, path] = op.split(' ') as [string, string];
  return callsIn(file).some((c) => callMatches(c, method, path));
};

t.test('the table is read', async (t) => {
  t.ok(operations.length > 100, `${operations.length} operations in the OpenAPI`);
  t.ok(rows.length > 100, `${rows.length} rows in the README`);
});

t.test('every operation has one row, and every row an operation', async (t) => {
  const listed = rows.map((r) => r.op);
  t.same(
    operations.filter((op) => !listed.includes(op)),
    [],
    'operations with neither a screen nor a reason (add a row to services/gateway/public/portal/README.md)',
  );
  t.same(
    rows.filter((r) => !operations.includes(r.op)).map((r) => `line ${r.line}: ${r.op}`),
    [],
    'rows for operations the API no longer has',
  );
  t.same(
    listed.filter((op, i) => listed.indexOf(op) !== i),
    [],
    'no operation listed twice',
  );
});

t.test('each row names a screen or gives a reason', async (t) => {
  t.same(
    rows.filter((r) => !r.reason && r.screens.length === 0).map((r) => `line ${r.line}: ${r.op}`),
    [],
    'rows with neither',
  );
  t.same(
    rows.filter((r) => r.reason && r.reason.text.length < 12).map((r) => `line ${r.line}: ${r.op}`),
    [],
    'reasons that say something',
  );
  const notYet = rows.filter((r) => r.reason?.kind === 'not yet');
  t.comment(`${rows.length - notYet.length} offered or API only, ${notYet.length} not yet in the portal`);
});

t.test('a named screen exists, is reachable from the routes, and calls the operation', async (t) => {
  const problems: string[] = [];
  for (const r of rows) {
    for (const screen of r.screens) {
      if (!existsSync(join(PORTAL, screen))) problems.push(`line ${r.line}: ${screen} does not exist`);
      else if (!(screen.startsWith('views/') || screen === 'main.js'))
        problems.push(`line ${r.line}: ${screen} is not a screen (views/… or main.js)`);
      else if (!offered.has(screen)) problems.push(`line ${r.line}: no route leads to ${screen}`);
      else if (![...reachableFrom(screen)].some((f) => matches(f, r.op)))
        problems.push(`line ${r.line}: ${screen} does not call ${r.op}`);
    }
  }
  t.same(problems, [], 'every screen in the table really offers its operation');
});

t.test('an operation the portal calls is not listed as API only', async (t) => {
  const stale: string[] = [];
  for (const r of rows) {
    if (!r.reason) continue;
    const callers = [...offered].filter((f) => matches(f, r.op));
    if (callers.length) stale.push(`line ${r.line}: ${r.op} is called by ${callers.join(', ')}`);
  }
  t.same(stale, [], 'name the screen instead of a reason');
});

t.test('the call reader itself', async (t) => {
  // Guards against a reader that finds nothing and so passes everything.
  t.ok(
    callsIn('views/relocation.js').some(
      (c) => c.method === 'DELETE' && c.path === '/relocated-villages/{}/openings/{}',
    ),
    'a template with a constant prefix',
  );
  t.ok(
    callsIn('views/notifications.js').some((c) => c.method === 'POST' && c.path === '/notifications/{}/read'),
    'a concatenation',
  );
  t.ok(
    callMatches(
      { method: 'POST', path: '/workers/{}/pending-changes/{}/{}' },
      'POST',
      '/api/v1/workers/{id}/pending-changes/{changeId}/confirm',
    ),
  );
  t.notOk(callMatches({ method: 'GET', path: '/workers/{}/matches' }, 'GET', '/api/v1/workers/import/{jobId}'));
  t.notOk(callMatches({ method: 'GET', path: '/{}' }, 'GET', '/api/v1/workers'), 'the resource must be written out');
  t.notOk(callMatches({ method: 'GET', path: '/workers' }, 'POST', '/api/v1/workers'), 'the method counts');
});
