import type { GatewayConfig } from './config.ts';

export type ServiceName = 'worker-profile' | 'employer' | 'matching' | 'training' | 'placement';

/** Which service answers a path under /api/v1; the more specific patterns come first. */
const TABLE: [RegExp, ServiceName][] = [
  [/^\/api\/v1\/workers\/[^/]+\/matches(\?|$)/, 'matching'],
  [/^\/api\/v1\/openings\/[^/]+\/candidates(\?|$)/, 'matching'],
  [/^\/api\/v1\/(search|taxonomy|saved-searches|not-interested)(\/|\?|$)/, 'matching'],
  [
    /^\/api\/v1\/(workers|households|party-groups|ledgers|union|qiyou|registration-requests)(\/|\?|$)/,
    'worker-profile',
  ],
  [/^\/api\/v1\/worklist\/registry(\?|$)/, 'worker-profile'],
  [/^\/api\/v1\/villages\/[^/]+\/qiyou(\/|\?|$)/, 'worker-profile'],
  [/^\/api\/v1\/(employers|openings|recruitment-intents)(\/|\?|$)/, 'employer'],
  [/^\/api\/v1\/(courses|batches|enrollments|insights)(\/|\?|$)/, 'training'],
  [/^\/api\/v1\/worklist\/placement(\?|$)/, 'placement'],
  [/^\/api\/v1\/(applications|placements|subsidies|coverage|dashboard|relocated-villages)(\/|\?|$)/, 'placement'],
];

export function serviceFor(url: string): ServiceName | undefined {
  return TABLE.find(([re]) => re.test(url))?.[1];
}

export function serviceUrls(config: GatewayConfig): Partial<Record<ServiceName, string>> {
  const entries: [ServiceName, string][] = [
    ['worker-profile', config.WORKER_PROFILE_URL],
    ['employer', config.EMPLOYER_URL],
    ['matching', config.MATCHING_URL],
    ['training', config.TRAINING_URL],
    ['placement', config.PLACEMENT_URL],
  ];
  return Object.fromEntries(entries.filter(([, url]) => url).map(([n, url]) => [n, url.replace(/\/$/, '')]));
}
