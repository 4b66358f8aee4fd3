import { type Stack, startStack } from '@tongxin/test-harness';
import t from 'tap';

let stack: Stack;
t.before(async () => {
  stack = await startStack({ services: ['employer'], settings: { MAX_IN_FLIGHT: '2' } });
});
t.teardown(() => stack?.stop());

t.test('a URL that cannot be decoded is the caller’s error, not the gateway’s', async (t) => {
  for (const path of ['/api/v1/openings?q=%ED', '/api/v1/openings?cursor=%ED%A0%80']) {
    const r = await stack.api.get(path);
    t.equal(r.status, 400, path);
    t.equal(r.body.code, 'MALFORMED_URL');
  }
  // A bad path is refused by the router itself, before the proxy.
  const badPath = await stack.api.get('/api/v1/openings/%E0%A4%A');
  t.equal(badPath.status, 400);
  t.match(badPath.headers.get('content-type'), /application\/problem\+json/);
  t.equal((await stack.api.get('/api/v1/openings?q=%00')).status, 400, 'a NUL in the query');
});

t.test('past its in-flight limit the gateway sheds load with 503 and Retry-After, and recovers', async (t) => {
  const answers = await Promise.all(Array.from({ length: 60 }, () => stack.api.get('/api/v1/openings?limit=50')));
  const statuses = answers.map((a) => a.status);
  t.ok(
    statuses.every((s) => s === 200 || s === 503),
    `only 200 or 503: ${[...new Set(statuses)]}`,
  );
  const shed = answers.filter((a) => a.status === 503);
  t.ok(shed.length > 0, `some requests were shed (${shed.length} of 60)`);
  t.ok(shed.every((a) => a.headers.get('retry-after') && a.body.code === 'OVERLOADED'));
  t.equal((await stack.api.get('/api/v1/openings')).status, 200, 'answers again once the burst is over');
});
