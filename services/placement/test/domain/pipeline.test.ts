import t from 'tap';
import {
  type Actor,
  type ApplicationStatus,
  OPEN_STATUSES,
  PIPELINE,
  contactVisible,
  isLegalMove,
  isOpen,
  mayMove,
} from '../../src/domain/pipeline.ts';

const ALL: ApplicationStatus[] = [...PIPELINE, 'rejected', 'withdrawn'];

t.test('the pipeline moves one step forward at a time', async (t) => {
  t.ok(isLegalMove('submitted', 'screening'));
  t.ok(isLegalMove('screening', 'interview'));
  t.ok(isLegalMove('interview', 'offered'));
  t.ok(isLegalMove('offered', 'hired'));

  t.notOk(isLegalMove('submitted', 'interview'), 'no skipping screening');
  t.notOk(isLegalMove('submitted', 'offered'), 'no skipping the interview, which unmasks the contact');
  t.notOk(isLegalMove('screening', 'hired'));
  t.notOk(isLegalMove('interview', 'screening'), 'no step back');
  t.notOk(isLegalMove('offered', 'submitted'));
  t.notOk(isLegalMove('screening', 'screening'), 'no move to the same status');
});

t.test('rejected or withdrawn from every open step, and nothing out of a closed one', async (t) => {
  for (const from of OPEN_STATUSES) {
    t.ok(isLegalMove(from, 'rejected'), `${from} → rejected`);
    t.ok(isLegalMove(from, 'withdrawn'), `${from} → withdrawn`);
  }
  for (const from of ['hired', 'rejected', 'withdrawn'] as const) {
    t.notOk(isOpen(from), `${from} is closed`);
    t.same(
      ALL.filter((to) => isLegalMove(from, to)),
      [],
      `nothing leaves ${from}`,
    );
  }
});

t.test('the legal moves, all of them', async (t) => {
  const legal = ALL.flatMap((from) => ALL.filter((to) => isLegalMove(from, to)).map((to) => `${from}→${to}`));
  t.same(legal.sort(), [
    'interview→offered',
    'interview→rejected',
    'interview→withdrawn',
    'offered→hired',
    'offered→rejected',
    'offered→withdrawn',
    'screening→interview',
    'screening→rejected',
    'screening→withdrawn',
    'submitted→rejected',
    'submitted→screening',
    'submitted→withdrawn',
  ]);
});

t.test('who may make which move', async (t) => {
  const may = (actor: Actor) => ALL.filter((to) => mayMove(actor, to));
  t.same(
    may('employer'),
    ['submitted', 'screening', 'interview', 'offered', 'hired', 'rejected'],
    'employer: forward and reject',
  );
  t.same(may('worker'), ['withdrawn'], 'the worker only withdraws');
  t.same(may('officer'), ['withdrawn'], "the worker's officer only withdraws");
  t.same(may('admin'), ALL, 'administrators any legal move');
  t.notOk(mayMove('employer', 'withdrawn'), 'the employer rejects, it does not withdraw');
  t.notOk(mayMove('officer', 'hired'), 'an officer hires nobody');
});

t.test('contact is visible from the interview until the application closes', async (t) => {
  t.same(
    ALL.filter((s) => contactVisible(s)),
    ['interview', 'offered', 'hired'],
  );
  for (const s of ['submitted', 'screening', 'rejected', 'withdrawn'] as const) {
    t.notOk(contactVisible(s), `hidden while ${s}`);
  }
});

t.test("a suspended employer sees no applicant's contact at any step", async (t) => {
  t.same(
    ALL.filter((s) => contactVisible(s, true)),
    [],
  );
  t.ok(contactVisible('hired', false), 'visible again once reinstated');
});
