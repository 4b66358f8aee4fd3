// The county administrator's menu and routes: the dashboard, employer verification, subsidy
// approval, the message log, and every officer screen for the whole county.
import { html, t } from '../lib/ui.js';
import { Accounts } from '../views/admin/accounts.js';
import { Dashboard } from '../views/admin/dashboard.js';
import { Employers } from '../views/admin/employers.js';
import { Subsidies } from '../views/admin/subsidies.js';
import { SubsidyRules } from '../views/admin/subsidy-rules.js';
import { MessageLog } from '../views/message-log.js';
import { officerRoute } from './officer.js';

export function nav() {
  return [
    ['#/dashboard', t('nav.dashboard')],
    ['#/worklist', t('nav.worklist')],
    ['#/placements', t('nav.placements')],
    ['#/employers', t('nav.employers')],
    ['#/subsidies', t('nav.subsidies')],
    ['#/subsidy-rules', t('nav.subsidyRules')],
    ['#/coverage', t('nav.coverage')],
    ['#/relocation', t('nav.relocation')],
    ['#/qiyou', t('nav.qiyou')],
    ['#/union', t('nav.union')],
    ['#/households', t('nav.households')],
    ['#/poverty', t('nav.poverty')],
    ['#/activities', t('nav.activities')],
    ['#/party-applications', t('nav.partyApplications')],
    ['#/workers', t('nav.workers')],
    ['#/match', t('nav.match')],
    ['#/training', t('nav.batches')],
    ['#/skill-gaps', t('nav.skillGaps')],
    ['#/intents', t('nav.intents')],
    ['#/accounts', t('nav.accounts')],
    ['#/message-log', t('nav.messageLog')],
    ['#/registration-requests', t('nav.registrationRequests')],
  ];
}

export function route(path, session) {
  if (path === '/dashboard') return { view: html`<${Dashboard} />` };
  if (path === '/employers') return { view: html`<${Employers} />` };
  if (path === '/subsidies') return { view: html`<${Subsidies} />` };
  if (path === '/subsidy-rules') return { view: html`<${SubsidyRules} />` };
  if (path === '/accounts') return { view: html`<${Accounts} />` };
  if (path === '/message-log') return { view: html`<${MessageLog} />` };
  return officerRoute(path, session) ?? { redirect: '#/dashboard' };
}
