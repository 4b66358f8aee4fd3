import t from 'tap';
import { createCloudEvent, topicForEventType } from '../src/index.ts';

t.test('createEvent fills the CloudEvents attributes', async (t) => {
  const e = createCloudEvent({
    type: 'worker.registered',
    source: '/tongxin/worker-profile',
    subject: 'w-1',
    data: { a: 1 },
  });
  t.equal(e.specversion, '1.0');
  t.equal(e.datacontenttype, 'application/json');
  t.match(e.id, /^[0-9a-f-]{36}$/);
  t.ok(!Number.isNaN(Date.parse(e.time)));
  t.same(e.data, { a: 1 });
  const fixed = createCloudEvent({
    type: 'x.y',
    source: '/tongxin/s',
    subject: 's',
    data: null,
    id: 'id-1',
    time: new Date(0),
  });
  t.equal(fixed.id, 'id-1');
  t.equal(fixed.time, '1970-01-01T00:00:00.000Z');
});

t.test('topicForEventType maps domain prefixes and refuses the rest', async (t) => {
  const cases: [string, string][] = [
    ['worker.registered', 'tongxin.worker'],
    ['employer.verified', 'tongxin.employer'],
    ['opening.published', 'tongxin.opening'],
    ['recruitment-intent.created', 'tongxin.opening'],
    ['course.created', 'tongxin.training'],
    ['batch.started', 'tongxin.training'],
    ['enrollment.completed', 'tongxin.training'],
    ['training.certified', 'tongxin.training'],
    ['application.submitted', 'tongxin.placement'],
    ['placement.confirmed', 'tongxin.placement'],
    ['subsidy.approved', 'tongxin.placement'],
    ['ledger.entry-recorded', 'tongxin.ledger'],
    ['party.registered', 'tongxin.ledger'],
    ['service.recorded', 'tongxin.ledger'],
    ['income.reported', 'tongxin.ledger'],
  ];
  for (const [type, topic] of cases) t.equal(topicForEventType(type), topic, type);
  for (const bad of ['workers.registered', 'worker', 'worker.', '.registered', '']) {
    t.throws(() => topicForEventType(bad), { code: 'EVENTS_UNKNOWN_EVENT_TYPE' }, bad);
  }
});
