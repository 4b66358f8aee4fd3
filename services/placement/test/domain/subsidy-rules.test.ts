import t from 'tap';
import {
  DEFAULT_SUBSIDY_RULES,
  type SubsidyRule,
  type WorkerTraits,
  mayMoveSubsidy,
  parseSubsidyRules,
  ruleApplies,
  rulesGranted,
} from '../../src/domain/subsidy-rules.ts';

const poor: WorkerTraits = { householdStatus: 'registered_poor', relocated: false };
const relocated: WorkerTraits = { householdStatus: 'none', relocated: true };
const monitored: WorkerTraits = { householdStatus: 'monitored', relocated: false };
const other: WorkerTraits = { householdStatus: 'none', relocated: false };

const transport = DEFAULT_SUBSIDY_RULES.find((r) => r.id === 'transport-out-of-province')!;
const stable = DEFAULT_SUBSIDY_RULES.find((r) => r.id === 'stable-employment-6-months')!;
const ids = (rules: SubsidyRule[]) => rules.map((r) => r.id);

t.test('the transport subsidy: out of province, registered-poor or relocated workers only', async (t) => {
  t.ok(ruleApplies(transport, 'out_of_province', poor));
  t.ok(ruleApplies(transport, 'out_of_province', relocated), 'relocated counts whatever the household status');
  t.notOk(ruleApplies(transport, 'out_of_province', monitored), 'monitored is not a target of this rule');
  t.notOk(ruleApplies(transport, 'out_of_province', other));
  t.notOk(ruleApplies(transport, 'in_province', poor), 'not for a placement in the province');
  t.notOk(ruleApplies(transport, 'in_county', relocated));
});

t.test('a rule without tiers or targets applies to every placement', async (t) => {
  for (const tier of ['in_county', 'in_province', 'out_of_province'] as const) {
    for (const w of [poor, relocated, monitored, other]) t.ok(ruleApplies(stable, tier, w));
  }
});

t.test('which rules a hire and each follow-up grant', async (t) => {
  t.same(ids(rulesGranted(DEFAULT_SUBSIDY_RULES, { on: 'hire' }, 'out_of_province', poor)), [transport.id]);
  t.same(rulesGranted(DEFAULT_SUBSIDY_RULES, { on: 'hire' }, 'in_county', poor), [], 'no transport in the county');
  t.same(rulesGranted(DEFAULT_SUBSIDY_RULES, { on: 'hire' }, 'out_of_province', other), []);
  t.same(
    rulesGranted(DEFAULT_SUBSIDY_RULES, { on: 'follow-up', day: 30 }, 'out_of_province', poor),
    [],
    'the 30-day follow-up grants nothing',
  );
  t.same(rulesGranted(DEFAULT_SUBSIDY_RULES, { on: 'follow-up', day: 90 }, 'in_county', other), []);
  t.same(ids(rulesGranted(DEFAULT_SUBSIDY_RULES, { on: 'follow-up', day: 180 }, 'in_county', other)), [stable.id]);

  const rules = parseSubsidyRules(
    JSON.stringify([
      { id: 'a', name: 'A', amount: 100, on: 'follow-up', followUpDay: 90, targets: ['monitored'] },
      { id: 'b', name: 'B', amount: 200, on: 'follow-up', followUpDay: 90 },
      { id: 'c', name: 'C', amount: 300, on: 'hire', tiers: ['in_county', 'in_province'] },
    ]),
  );
  t.same(ids(rulesGranted(rules, { on: 'follow-up', day: 90 }, 'in_county', monitored)), ['a', 'b'], 'in order');
  t.same(ids(rulesGranted(rules, { on: 'follow-up', day: 90 }, 'in_county', poor)), ['b']);
  t.same(ids(rulesGranted(rules, { on: 'hire' }, 'in_province', other)), ['c']);
  t.same(rulesGranted(rules, { on: 'hire' }, 'out_of_province', other), []);
});

t.test('SUBSIDY_RULES: empty means the defaults, anything broken stops the boot', async (t) => {
  t.equal(parseSubsidyRules(''), DEFAULT_SUBSIDY_RULES);
  t.equal(parseSubsidyRules('   '), DEFAULT_SUBSIDY_RULES);
  t.same(parseSubsidyRules('[]'), [], 'an empty list means no subsidies');
  t.throws(() => parseSubsidyRules('[{'), /SUBSIDY_RULES is not JSON/);
  t.throws(
    () => parseSubsidyRules('[{"id":"x","name":"X","amount":0,"on":"hire"}]'),
    /SUBSIDY_RULES is invalid: \/0\/amount/,
  );
  t.throws(
    () => parseSubsidyRules('[{"id":"x","name":"X","amount":5,"on":"hire","extra":1}]'),
    /SUBSIDY_RULES is invalid/,
    'unknown fields refused',
  );
  t.throws(() => parseSubsidyRules('[{"id":"x","name":"X","amount":5,"on":"follow-up"}]'), /rule x needs followUpDay/);
  t.throws(
    () => parseSubsidyRules('[{"id":"x","name":"X","amount":5,"on":"follow-up","followUpDay":60}]'),
    /SUBSIDY_RULES is invalid/,
    'only the days follow-ups are made on',
  );
  t.throws(
    () =>
      parseSubsidyRules('[{"id":"x","name":"X","amount":5,"on":"hire"},{"id":"x","name":"Y","amount":6,"on":"hire"}]'),
    /rule ids must be unique/,
  );
});

t.test('a subsidy moves eligible → approved → paid, one step at a time', async (t) => {
  t.ok(mayMoveSubsidy('eligible', 'approved'));
  t.ok(mayMoveSubsidy('approved', 'paid'));
  t.notOk(mayMoveSubsidy('eligible', 'paid'), 'no payment without approval');
  t.notOk(mayMoveSubsidy('paid', 'paid'), 'never paid twice');
  t.notOk(mayMoveSubsidy('approved', 'approved'));
  t.notOk(mayMoveSubsidy('paid', 'approved'), 'never back');
  t.notOk(mayMoveSubsidy('approved', 'eligible'));
});
