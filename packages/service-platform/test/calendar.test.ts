import t from 'tap';
import { BaseConfig, CountyCalendar, loadConfig } from '../src/index.ts';

t.test('county dates are taken at UTC+8 by default', async (t) => {
  const at = new Date('2026-12-01T17:30:00Z'); // 2026-12-02 01:30 in the county
  const c = new CountyCalendar();
  t.equal(c.dateOf(at), '2026-12-02');
  t.equal(c.dateOf(at.getTime()), '2026-12-02');
  t.equal(c.dateOf('2026-12-01T17:30:00Z'), '2026-12-02');
  t.equal(c.dateOf('2026-12-01T15:59:59.999Z'), '2026-12-01', 'one millisecond before county midnight');
  t.equal(c.dateOf('2026-12-01T16:00:00Z'), '2026-12-02', 'county midnight');
  t.equal(c.monthOf('2026-11-30T16:00:00Z'), '2026-12', 'the month turns at county midnight');
  t.equal(new CountyCalendar(480, () => at).today(), '2026-12-02');
  t.equal(c.withClock(() => at).today(), '2026-12-02');
  t.throws(() => c.dateOf('not a date'), RangeError);
});

t.test('the offset comes from configuration', async (t) => {
  const base = { DATABASE_URL: 'postgres://x', JWT_SECRET: 'x'.repeat(32) };
  t.equal(loadConfig(BaseConfig, base).CALENDAR_UTC_OFFSET_MINUTES, 480);
  const utc = loadConfig(BaseConfig, { ...base, CALENDAR_UTC_OFFSET_MINUTES: '0' });
  t.equal(new CountyCalendar(utc.CALENDAR_UTC_OFFSET_MINUTES).dateOf('2026-12-01T17:30:00Z'), '2026-12-01');
  t.throws(
    () => loadConfig(BaseConfig, { ...base, CALENDAR_UTC_OFFSET_MINUTES: '900' }),
    /CALENDAR_UTC_OFFSET_MINUTES/,
  );
});
