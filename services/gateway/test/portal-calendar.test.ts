import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startStack } from '@tongxin/test-harness';
import t from 'tap';

const module = pathToFileURL(join(import.meta.dirname, '..', 'public', 'portal', 'lib', 'county-date.js')).href;
const { countyDate, countyDateTime } = (await import(module)) as {
  countyDate: (nowMs: number, offsetMinutes?: number) => string;
  countyDateTime: (instant: string | number, offsetMinutes?: number) => string;
};

t.test("the portal's today is the county's day", async (t) => {
  const night = Date.parse('2026-12-01T17:30:00Z'); // 2026-12-02 01:30 in the county
  t.equal(countyDate(night), '2026-12-02', 'UTC+8 until the reference data has loaded');
  t.equal(countyDate(night, 480), '2026-12-02');
  t.equal(countyDate(night, 0), '2026-12-01');
  t.equal(countyDate(Date.parse('2026-12-01T15:59:59Z'), 480), '2026-12-01');
});

t.test("the inbox's times are the county's, whatever the browser's zone", async (t) => {
  t.equal(countyDateTime('2026-12-01T17:30:00Z'), '2026-12-02 01:30', 'UTC+8 until the reference data has loaded');
  t.equal(countyDateTime('2026-12-01T17:30:00Z', 480), '2026-12-02 01:30');
  t.equal(countyDateTime('2026-12-10T09:30:00+08:00', 480), '2026-12-10 09:30', 'an offset in the instant');
  t.equal(countyDateTime(Date.parse('2026-12-01T17:30:00Z'), 420), '2026-12-02 00:30');
  t.equal(countyDateTime('not a time'), '—');
});

t.test('the gateway gives the portal the configured offset', async (t) => {
  const stack = await startStack({ services: [], settings: { CALENDAR_UTC_OFFSET_MINUTES: '420' } });
  t.teardown(() => stack.stop());
  const ref = await stack.api.get('/portal/ref.json');
  t.equal(ref.status, 200);
  t.equal(ref.body.utcOffsetMinutes, 420);
});
