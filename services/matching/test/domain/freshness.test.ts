import t from 'tap';
import { combineFreshness, freshnessHeader } from '../../src/errors.ts';

t.test('the read model’s freshness over its topics, and its header', async (t) => {
  t.same(combineFreshness([]), { eventsBehind: 0, secondsBehind: 0 });
  t.same(
    combineFreshness([
      { events: 0, secondsBehind: 0 },
      { events: 3, secondsBehind: 1.26 },
      { events: 2, secondsBehind: 4 },
    ]),
    { eventsBehind: 5, secondsBehind: 4 },
    'events summed, the oldest age',
  );
  t.same(
    combineFreshness([
      { events: 3, secondsBehind: 1 },
      { events: 1, secondsBehind: null },
    ]),
    { eventsBehind: 4, secondsBehind: null },
    'unknown when any behind topic’s age is',
  );
  t.same(combineFreshness([{ events: 0, secondsBehind: null }]), { eventsBehind: 0, secondsBehind: 0 });
  t.equal(freshnessHeader({ eventsBehind: 0, secondsBehind: 0 }), 'events-behind=0, seconds-behind=0');
  t.equal(freshnessHeader({ eventsBehind: 5, secondsBehind: 1.26 }), 'events-behind=5, seconds-behind=1.3');
  t.equal(freshnessHeader({ eventsBehind: 5, secondsBehind: null }), 'events-behind=5', 'no guess when unknown');
});
