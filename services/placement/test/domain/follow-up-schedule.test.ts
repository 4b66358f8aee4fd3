import t from 'tap';
import { FOLLOW_UP_DAYS, addDays, followUpState } from '../../src/domain/follow-up-schedule.ts';

t.test('addDays is calendar arithmetic across months, years and leap days', async (t) => {
  t.equal(addDays('2026-01-31', 1), '2026-02-01');
  t.equal(addDays('2024-02-28', 1), '2024-02-29', 'leap year');
  t.equal(addDays('2025-02-28', 1), '2025-03-01');
  t.equal(addDays('2026-12-31', 1), '2027-01-01');
  t.equal(addDays('2026-03-10', 0), '2026-03-10');
  t.equal(addDays('2026-03-10', -10), '2026-02-28');
  t.same(
    FOLLOW_UP_DAYS.map((d) => addDays('2026-01-01', d)),
    ['2026-01-31', '2026-04-01', '2026-06-30'],
  );
});

t.test('a follow-up is upcoming, due within the grace period, then overdue', async (t) => {
  const due = '2026-04-01';
  t.equal(followUpState(due, '2026-03-31', 14, false), 'upcoming');
  t.equal(followUpState(due, due, 14, false), 'due', 'due on its day');
  t.equal(followUpState(due, '2026-04-15', 14, false), 'due', 'still due on the last day of grace');
  t.equal(followUpState(due, '2026-04-16', 14, false), 'overdue');
  t.equal(followUpState(due, '2026-04-02', 0, false), 'overdue', 'no grace: overdue the day after');
});

t.test('recorded is done whatever the date; a separation cancels the rest', async (t) => {
  t.equal(followUpState('2026-04-01', '2026-12-01', 14, true), 'done');
  t.equal(followUpState('2026-04-01', '2026-12-01', 14, true, '2026-05-01'), 'done', 'done before leaving stays done');
  t.equal(followUpState('2026-04-01', '2026-03-01', 14, false, '2026-02-20'), 'cancelled');
  t.equal(followUpState('2026-04-01', '2026-12-01', 14, false, '2026-02-20'), 'cancelled', 'not overdue once left');
});
