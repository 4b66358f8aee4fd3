// The employer's menu and routes: company profile, openings (create, edit, pause, close),
// applicants with their pipeline moves, ranked candidates with explanations.
import { html, t } from '../lib/ui.js';
import { Company } from '../views/employer/company.js';
import { NewOpening } from '../views/employer/new-opening.js';
import { OpeningDetail } from '../views/employer/opening-detail.js';
import { Openings } from '../views/employer/openings.js';
import { Intents } from '../views/intents.js';

export function nav() {
  return [
    ['#/openings', t('nav.openings')],
    ['#/intents', t('nav.intents')],
    ['#/company', t('nav.company')],
  ];
}

export function route(path, session) {
  if (path === '/intents') return { view: html`<${Intents} session=${session} />` };
  if (path === '/company') return { view: html`<${Company} session=${session} />` };
  if (path === '/openings') return { view: html`<${Openings} employerId=${session.employerId} />` };
  if (path === '/openings/new') return { view: html`<${NewOpening} employerId=${session.employerId} />` };
  const m = /^\/openings\/([^/]+)(?:\/(applicants|candidates|edit))?$/.exec(path);
  if (m) return { view: html`<${OpeningDetail} id=${m[1]} tab=${m[2] || 'applicants'} session=${session} />` };
  return { redirect: '#/openings' };
}
