import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { MatchStore, type OpeningEntry, type WorkerEntry } from '../../src/domain/match-store.ts';
import { rankOpeningsForWorker, scorePair } from '../../src/domain/rank.ts';
import {
  WEIGHTS,
  benefitsScore,
  eligibleForReserved,
  freshnessScore,
  priorityScore,
  requiredCredit,
  skillFit,
  tierScore,
  wageFit,
  wageScore,
  workerPriority,
} from '../../src/domain/scoring.ts';
import type { OpeningSnapshot, WorkerSnapshot } from '../../src/domain/snapshots.ts';
import { employer, opening, worker } from '../fixtures.ts';

/**
 * The ranking parts of PRODUCT.md §3 (matching), without HTTP or a database: each scoring function
 * orders as its principle says, each principle outweighs the ones after it, and the hard constraints
 * rule pairs out (or out of the fits) whatever the score.
 */

const NOW = new Date('2026-06-01T02:00:00Z');
const DAY = 86_400_000;
const taxonomy = loadTaxonomy();

/** A fresh store with one verified employer; openings are published at NOW unless told otherwise. */
function setup() {
  const store = new MatchStore(taxonomy);
  const emp = employer();
  store.putEmployer(emp);
  const w = (o: Partial<WorkerSnapshot> = {}): WorkerEntry => store.putWorker(worker(o));
  const o = (s: Partial<OpeningSnapshot> = {}): OpeningEntry =>
    store.putOpening(opening(emp, { publishedAt: NOW.toISOString(), ...s }));
  const key = (we: WorkerEntry, oe: OpeningEntry, side: 'matches' | 'candidates' = 'matches') =>
    scorePair(store, we, oe, NOW, side).key;
  return { store, w, o, key };
}

const welder = (level: number, certificateNo?: string) => ({
  code: 'con.welder',
  level,
  ...(certificateNo ? { certificateNo } : {}),
});
const needs = (code: string, minLevel: number, certificateRequired = false) => [
  { code, minLevel, certificateRequired },
];

t.test(
  'principle 2, one required skill: full at the level asked, partial below it or through a related skill',
  async (t) => {
    const { store, w } = setup();
    const [req] = needs('con.welder', 2);
    const credit = (skills: WorkerSnapshot['skills']) => requiredCredit(w({ skills }), req!, store.related);

    t.equal(credit([welder(2)]), 1, 'the level asked');
    t.equal(credit([welder(4)]), 1, 'above it is no better');
    const below = credit([welder(1)]);
    t.ok(below >= 0.5 && below < 0.8, `a lower level earns partial credit (${below})`);
    t.ok(credit([welder(1)]) < credit([{ code: 'con.welder', level: 3 }]), 'closer to the level asked earns more');
    t.ok(
      credit([{ code: 'con.welder', level: 2 }]) > credit([{ code: 'con.welder', level: 1 }]),
      'the level asked beats a lower one',
    );

    t.ok(taxonomy.related('con.welder').includes('mfg.fitter'), 'fitter is related to welder in the taxonomy');
    const related = credit([{ code: 'mfg.fitter', level: 2 }]);
    t.ok(related > 0 && related < below, `a related skill earns less than the skill itself (${related} < ${below})`);
    t.equal(credit([{ code: 'con.electrician', level: 5 }]), 0, 'an unrelated skill earns nothing');
    t.equal(credit([{ code: '电焊', level: 2 }]), 1, 'a synonym resolves to the skill through the taxonomy');
    t.equal(credit([]), 0, 'no skill earns nothing');
  },
);

t.test('principle 2, skill fit: the mean credit over the required skills, each named', async (t) => {
  const { store, w, o } = setup();
  const job = o({
    requiredSkills: [...needs('con.welder', 2), ...needs('con.electrician', 2, true)],
  });
  const both = skillFit(
    w({ skills: [welder(2, 'C-1'), { code: 'con.electrician', level: 2, certificateNo: 'C-2' }] }),
    job,
    store.related,
  );
  t.equal(both.share, 1);
  t.same(both.matchedSkills, ['con.welder', 'con.electrician']);
  t.same(both.missingSkills, []);
  t.same(both.needsCertificate, []);

  const half = skillFit(w({ skills: [welder(2)] }), job, store.related);
  t.equal(half.share, 0.5, 'one of two required skills');
  t.same(half.missingSkills, ['con.electrician']);
  t.same(half.needsCertificate, ['con.electrician'], 'a required certificate the worker lacks is named');

  const partial = skillFit(w({ skills: [welder(2), { code: 'con.electrician', level: 1 }] }), job, store.related);
  t.ok(partial.share > half.share && partial.share < both.share, 'a lower level lies between none and full');
  t.match(partial.partialSkills, [{ code: 'con.electrician', via: 'lower_level', held: 'con.electrician', level: 1 }]);

  const viaRelated = skillFit(w({ skills: [{ code: 'mfg.fitter', level: 2 }] }), o(), store.related);
  t.match(viaRelated.partialSkills, [{ code: 'con.welder', via: 'related', held: 'mfg.fitter' }]);
  t.same(viaRelated.missingSkills, ['con.welder'], 'partial credit is still a missing skill');
});

t.test('principles 3 to 6: each part orders as its principle says', async (t) => {
  t.ok(tierScore(1) > tierScore(2) && tierScore(2) > tierScore(3) && tierScore(3) > 0, 'first choice best');

  t.equal(wageFit(4000, 5000, 7000), 'above_expectation');
  t.equal(wageFit(6000, 5000, 7000), 'within_range');
  t.equal(wageFit(8000, 5000, 7000), 'below_expectation');
  t.equal(wageFit(undefined, 5000, 7000), 'no_expectation');
  const above = wageScore(4000, 5000, 7000);
  const within = wageScore(6000, 5000, 7000);
  const slightlyBelow = wageScore(7500, 5000, 7000);
  const farBelow = wageScore(14_000, 5000, 7000);
  t.ok(above > within && within > slightlyBelow && slightlyBelow > farBelow, 'above > within > below');
  t.equal(farBelow, 0, 'half the expectation or less is worth nothing');
  const none = wageScore(undefined, 5000, 7000);
  t.ok(none < above && none > slightlyBelow, 'no expectation is neither the best nor a shortfall');

  const poor = { snap: worker({ householdStatus: 'registered_poor' }) } as const;
  const moved = { snap: worker({ relocated: true }) } as const;
  const other = { snap: worker() } as const;
  const entry = (e: { snap: WorkerSnapshot }): WorkerEntry => ({ ...e, skills: new Map(), mark: 0 });
  t.same(workerPriority(entry(poor)), ['registered_poor']);
  t.same(workerPriority(entry(moved)), ['relocated']);
  t.same(workerPriority(entry(other)), []);
  t.ok(eligibleForReserved(entry(poor)) && eligibleForReserved(entry(moved)) && !eligibleForReserved(entry(other)));
  t.ok(priorityScore(true, true) > priorityScore(true, false), 'a 帮扶岗位 for a priority worker counts most');
  t.ok(priorityScore(true, false) > priorityScore(false, false), 'a priority worker before others');
  t.equal(priorityScore(false, true), 0, 'a reserved opening gives nothing to whom it is not for');

  const now = NOW.getTime();
  t.equal(freshnessScore(now, now), 1, 'published today');
  t.equal(freshnessScore(now - 30 * DAY, now), 0.5, 'a month old');
  t.ok(freshnessScore(now - DAY, now) > freshnessScore(now - 10 * DAY, now), 'newer first');
  t.equal(freshnessScore(now + DAY, now), 1, 'a publication date ahead of the clock is not fresher than today');
  t.equal(freshnessScore(Number.NaN, now), 0, 'unknown publication');

  const b = (housing: boolean, meals: boolean, socialInsurance: boolean) =>
    benefitsScore({ housing, meals, socialInsurance });
  t.ok(b(true, true, true) > b(true, true, false) && b(true, true, false) > b(false, false, true));
  t.equal(b(false, false, false), 0);
  t.equal(benefitsScore(undefined), 0);
  t.equal(b(true, false, false), b(false, false, true), 'each benefit counts the same');

  const order = [
    WEIGHTS.skills,
    WEIGHTS.tier,
    WEIGHTS.wage,
    WEIGHTS.priority,
    Math.max(WEIGHTS.freshness, WEIGHTS.benefits),
  ];
  t.same(
    order,
    [...order].sort((x, y) => y - x),
    'weights follow the order of the principles',
  );
  const total = Object.values(WEIGHTS).reduce((x, y) => x + y, 0);
  t.ok(Math.abs(total - 1) < 1e-9, 'weights add up to 1');
});

t.test('each principle outweighs the ones after it', async (t) => {
  const { w, o, key } = setup();

  const skilled = w({ skills: [welder(1)] });
  const fullFarAway = o({ requiredSkills: needs('con.welder', 1), tier: 'out_of_province' });
  const partialAtHome = o({ requiredSkills: needs('con.welder', 2), tier: 'in_county' });
  t.ok(key(skilled, fullFarAway) > key(skilled, partialAtHome), 'skill fit over tier: full at third choice first');

  const expects6000 = w({ skills: [welder(2)], expectedMinWage: 6000 });
  const homeWithin = o({ tier: 'in_county', wageMin: 5000, wageMax: 7000 });
  const provinceAbove = o({ tier: 'in_province', wageMin: 6000, wageMax: 8000 });
  t.ok(key(expects6000, homeWithin) > key(expects6000, provinceAbove), 'tier over wage: first choice within range');
  const provinceWithin = o({ tier: 'in_province', wageMin: 5000, wageMax: 7000 });
  const outsideAbove = o({ tier: 'out_of_province', wageMin: 6000, wageMax: 8000 });
  t.ok(key(expects6000, provinceWithin) > key(expects6000, outsideAbove), 'tier over wage: second over third');

  const poor = w({ skills: [welder(2)], expectedMinWage: 6000, householdStatus: 'registered_poor' });
  const plainAbove = o({ wageMin: 6000, wageMax: 8000, reservedForPoor: false });
  const reservedWithin = o({ wageMin: 5000, wageMax: 7000, reservedForPoor: true });
  t.ok(key(poor, plainAbove) > key(poor, reservedWithin), 'wage over programme priority');
  const plainWithin = o({ wageMin: 5000, wageMax: 7000, reservedForPoor: false });
  t.ok(key(poor, reservedWithin) > key(poor, plainWithin), 'but a 帮扶岗位 first for its worker at equal wage fit');

  const job = o({ wageMin: 5000, wageMax: 7000 });
  const candidate = (s: Partial<WorkerSnapshot>) => w({ skills: [welder(2)], expectedMinWage: 6000, ...s });
  const plain = candidate({});
  t.ok(key(candidate({ householdStatus: 'registered_poor' }), job, 'candidates') > key(plain, job, 'candidates'));
  t.ok(key(candidate({ relocated: true }), job, 'candidates') > key(plain, job, 'candidates'));
  t.ok(
    key(candidate({ expectedMinWage: 4000 }), job, 'candidates') >
      key(candidate({ householdStatus: 'registered_poor' }), job, 'candidates'),
    'among candidates, priority applies when fit is equal: a better wage fit comes first',
  );

  const month = new Date(NOW.getTime() - 30 * DAY).toISOString();
  const year = new Date(NOW.getTime() - 365 * DAY).toISOString();
  const fresh = o({ publishedAt: NOW.toISOString() });
  const older = o({ publishedAt: month });
  t.ok(key(expects6000, fresh) > key(expects6000, older), 'freshness breaks a tie');
  const noBenefits = { housing: false, meals: false, socialInsurance: false };
  t.ok(key(expects6000, o()) > key(expects6000, o({ benefits: noBenefits })), 'benefits break a tie');
  t.ok(
    key(expects6000, o({ publishedAt: year, wageMin: 6000, wageMax: 8000 })) > key(expects6000, fresh),
    'freshness never overturns a wage step',
  );
  t.ok(
    key(expects6000, o({ benefits: noBenefits, wageMin: 6000, wageMax: 8000 })) > key(expects6000, fresh),
    'benefits never overturn a wage step',
  );
});

t.test('hard constraints rule a pair out, or out of the fits', async (t) => {
  const { store, w, o, key } = setup();

  const homeOnly = w({ skills: [welder(2)], tierPreferences: ['in_county'] });
  t.equal(key(homeOnly, o({ tier: 'in_province' })), -1, 'a tier the worker does not accept');
  t.equal(key(homeOnly, o({ tier: 'out_of_province' })), -1);
  t.ok(key(homeOnly, o({ tier: 'in_county' })) >= 0);

  const reserved = o({ reservedForPoor: true });
  t.equal(key(w({ skills: [welder(2)] }), reserved), -1, 'a 帮扶岗位 for a worker neither poor nor relocated');
  t.ok(key(w({ skills: [welder(2)], householdStatus: 'registered_poor' }), reserved) >= 0);
  t.ok(key(w({ skills: [welder(2)], relocated: true }), reserved) >= 0);

  t.equal(key(w({ skills: [{ code: 'con.electrician', level: 3 }] }), o()), -1, 'no skill relation at all');
  const entryLevel = o({ requiredSkills: needs('con.welder', 1) });
  t.ok(key(w({ skills: [] }), entryLevel) >= 0, 'an entry-level opening is open to a worker without skills');
  t.equal(key(w({ skills: [] }), o()), -1, 'but not one asking for a level');

  const certified = o({ requiredSkills: needs('con.welder', 2, true) });
  const uncertified = w({ skills: [welder(3)] });
  const pair = scorePair(store, uncertified, certified, NOW, 'matches');
  t.ok(pair.key >= 0, 'a missing certificate may be shown');
  t.equal(pair.explanation?.fit, false, 'but never as a fit');
  t.same(pair.explanation?.needsCertificate, ['con.welder']);
  t.equal(scorePair(store, w({ skills: [welder(3, 'CERT-1')] }), certified, NOW, 'matches').explanation?.fit, true);
  const weakFit = o({ requiredSkills: needs('con.welder', 5), tier: 'out_of_province', benefits: undefined });
  t.ok(key(uncertified, weakFit) > pair.key, 'any fit ranks before a certificate-gated opening');

  // Only open openings with places left, of a verified employer, before their closing date.
  const { store: fresh, o: shown } = setup();
  const open = shown({ title: 'open' });
  shown({ title: 'paused', status: 'paused' });
  shown({ title: 'full', headcount: 3, filledCount: 3 });
  shown({ title: 'past closing', closingDate: '2026-05-31' });
  const suspended = { ...employer(), status: 'suspended' as const };
  fresh.putEmployer(suspended);
  fresh.putOpening(opening(suspended, { title: 'suspended employer', publishedAt: NOW.toISOString() }));
  const seeker = fresh.putWorker(worker({ skills: [welder(2)] }));
  t.same(
    rankOpeningsForWorker(fresh, seeker, 10, NOW).map((m) => m.openingId),
    [open.snap.id],
    'paused, full, past closing and suspended employers are never offered',
  );
});
