// The worker's menu and routes: search, matches, applications, training, subsidies and their own profile.
import { html, t } from '../lib/ui.js';
import { Applications } from '../views/worker/applications.js';
import { Matches } from '../views/worker/matches.js';
import { MyProfile } from '../views/worker/profile.js';
import { Search } from '../views/worker/search.js';
import { MySubsidies } from '../views/worker/subsidies.js';
import { Training } from '../views/worker/training.js';

export function nav() {
  return [
    ['#/search', t('nav.search')],
    ['#/matches', t('nav.matches')],
    ['#/applications', t('nav.myApplications')],
    ['#/training', t('nav.training')],
    ['#/my-subsidies', t('nav.mySubsidies')],
    ['#/me', t('nav.me')],
  ];
}

export function route(path, session) {
  if (path === '/search') return { view: html`<${Search} />` };
  if (path === '/matches') return { view: html`<${Matches} session=${session} />` };
  if (path === '/applications') return { view: html`<${Applications} />` };
  if (path === '/training') return { view: html`<${Training} session=${session} />` };
  if (path === '/my-subsidies') return { view: html`<${MySubsidies} />` };
  if (path === '/me') return { view: html`<${MyProfile} session=${session} />` };
  return { redirect: '#/matches' };
}
