// The placement officer's menu and routes: each path to the screen that shows it (views/…). The
// administrator shares these routes (roles/admin.js), county-wide.
import { html, t } from '../lib/ui.js';
import { Activities } from '../views/officer/activities.js';
import { Batch } from '../views/officer/batch.js';
import { Course, Courses } from '../views/officer/courses.js';
import { Coverage } from '../views/officer/coverage.js';
import { Enrollment } from '../views/officer/enrollment.js';
import { Ledgers } from '../views/officer/ledgers.js';
import { Match } from '../views/officer/match.js';
import { NewWorker } from '../views/officer/new-worker.js';
import { PartyApplications } from '../views/officer/party-applications.js';
import { Placement } from '../views/officer/placement.js';
import { Placements } from '../views/officer/placements.js';
import { PovertyList } from '../views/officer/poverty.js';
import { SkillGaps } from '../views/officer/skill-gaps.js';
import { TrainingBatches } from '../views/officer/training.js';
import { WorkerDetail } from '../views/officer/worker-detail.js';
import { Workers } from '../views/officer/workers.js';
import { householdRoute } from '../views/households.js';
import { partyRoute } from '../views/party-groups.js';
import { registrationRoute } from '../views/registration-requests.js';
import { relocationRoute } from '../views/relocation.js';
import { unionRoute } from '../views/union.js';
import { worklistRoute } from '../views/worklist.js';
import { Intents } from '../views/intents.js';

export function nav() {
  return [
    ['#/workers', t('nav.workers')],
    ['#/worklist', t('nav.worklist')],
    ['#/placements', t('nav.placements')],
    ['#/match', t('nav.match')],
    ['#/training', t('nav.batches')],
    ['#/skill-gaps', t('nav.skillGaps')],
    ['#/intents', t('nav.intents')],
    ['#/coverage', t('nav.coverage')],
    ['#/households', t('nav.households')],
    ['#/poverty', t('nav.poverty')],
    ['#/ledgers', t('nav.ledgers')],
    ['#/activities', t('nav.activities')],
    ['#/party-applications', t('nav.partyApplications')],
    ['#/relocation', t('nav.relocation')],
    ['#/union', t('nav.union')],
    ['#/qiyou', t('nav.qiyou')],
    ['#/registration-requests', t('nav.registrationRequests')],
  ];
}

export function route(path, session) {
  return officerRoute(path, session) ?? { redirect: '#/workers' };
}

/** Routes the administrator shares with officers. */
export function officerRoute(path, session) {
  if (path === '/workers') return { view: html`<${Workers} session=${session} />` };
  if (path === '/workers/new') return { view: html`<${NewWorker} session=${session} />` };
  const w = /^\/workers\/([^/]+)(?:\/(services|incomes|party|matches|edit))?$/.exec(path);
  if (w) return { view: html`<${WorkerDetail} id=${w[1]} tab=${w[2] || 'matches'} session=${session} />` };
  if (path === '/match') return { view: html`<${Match} session=${session} />` };
  const m = /^\/match\/([^/]+)$/.exec(path);
  if (m) return { view: html`<${Match} session=${session} openingId=${m[1]} />` };
  const p = /^\/placements(?:\/(overdue|all))?$/.exec(path);
  if (p) return { view: html`<${Placements} filter=${p[1] || 'due'} />` };
  const one = /^\/placements\/([0-9a-f-]{36})$/.exec(path);
  if (one) return { view: html`<${Placement} id=${one[1]} />` };
  if (path === '/training') return { view: html`<${TrainingBatches} session=${session} />` };
  const b = /^\/training\/([0-9a-f-]{36})$/.exec(path);
  if (b) return { view: html`<${Batch} id=${b[1]} />` };
  if (path === '/courses') return { view: html`<${Courses} />` };
  const c = /^\/courses\/([0-9a-f-]{36})$/.exec(path);
  if (c) return { view: html`<${Course} id=${c[1]} session=${session} />` };
  const en = /^\/enrollments\/([0-9a-f-]{36})$/.exec(path);
  if (en) return { view: html`<${Enrollment} id=${en[1]} />` };
  if (path === '/intents') return { view: html`<${Intents} session=${session} />` };
  if (path === '/skill-gaps') return { view: html`<${SkillGaps} session=${session} />` };
  if (path === '/party-applications') return { view: html`<${PartyApplications} session=${session} />` };
  if (path === '/poverty') return { view: html`<${PovertyList} session=${session} />` };
  if (path === '/coverage') return { view: html`<${Coverage} />` };
  if (path === '/ledgers') return { view: html`<${Ledgers} session=${session} />` };
  if (path === '/activities') return { view: html`<${Activities} session=${session} />` };
  return (
    relocationRoute(path, session) ??
    unionRoute(path, session) ??
    partyRoute(path, session) ??
    householdRoute(path, session) ??
    registrationRoute(path, session) ??
    worklistRoute(path)
  );
}
