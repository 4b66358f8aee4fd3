import { startStack } from '@tongxin/test-harness';
import t from 'tap';

// The per-address limit meters the API, not the portal's own files: a sign-in loads some eighty
// modules and a township office's officers share one address (ADR 0006).
t.test("the portal's files are not counted against an address's requests per minute", async (t) => {
  const LIMIT = 20;
  const stack = await startStack({ services: [], settings: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  t.teardown(() => stack.stop());
  const files = ['/', '/portal/main.js', '/portal/lib/api.js', '/vendor/preact.mjs', '/portal/ref.json'];
  const statuses = new Set<number>();
  for (let i = 0; i < LIMIT * 2; i++) statuses.add((await stack.api.get(files[i % files.length]!)).status);
  t.same([...statuses], [200], `${LIMIT * 2} file requests from one address, all served`);

  // The API from the same address is still limited, and the files did not use its budget.
  // No service runs behind this gateway: an API request it lets through is answered 503.
  const api: number[] = [];
  for (let i = 0; i < LIMIT; i++) api.push((await stack.api.get('/api/v1/openings')).status);
  t.notOk(api.includes(429), `the first ${LIMIT} API requests are let through`);
  const refused = await stack.api.get('/api/v1/openings');
  t.equal(refused.status, 429, 'past the limit the API answers 429');
  t.ok(Number(refused.headers.get('retry-after')) > 0, 'with Retry-After');
  t.equal((await stack.api.get('/portal/main.js')).status, 200, 'while the portal still loads');
});
