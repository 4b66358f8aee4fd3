import { startStack } from '@tongxin/test-harness';
import t from 'tap';

// The per-address limit on code requests, on a gateway of its own with a low limit (ADR 0014):
// whatever phones one address asks codes for, past the limit it waits, registered or not.
t.test('code requests from one address are limited whatever the phones', async (t) => {
  const stack = await startStack({
    services: [],
    settings: { CODE_REQUESTS_PER_ADDRESS_PER_HOUR: '3' },
  });
  t.teardown(() => stack.stop());
  const ask = (n: number) => stack.api.post('/api/v1/auth/password-reset/code', { phone: `1360000000${n}` });
  for (let n = 0; n < 3; n++) t.equal((await ask(n)).status, 202, `request ${n + 1}`);
  const refused = await ask(3);
  t.equal(refused.status, 429);
  t.equal(refused.body.code, 'GW_CODE_REQUESTS_LIMITED');
  t.ok(Number(refused.headers.get('retry-after')) > 60, 'waits for the hour to pass');
  t.equal((await ask(4)).status, 429, 'a refused request does not open the way for the next');
  const username = await stack.api.post('/api/v1/auth/password-reset/code', { username: 'admin' });
  t.equal(username.status, 429, 'by username alike');
});
