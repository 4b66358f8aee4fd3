import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { topicForEventType } from '@tongxin/events';
import { startStack } from '@tongxin/test-harness';
import { readContracts } from '../../scripts/lib/event-codegen.ts';

const EVENTS_DIR = join(import.meta.dirname, '..', '..', 'contracts', 'events');

/**
 * Who consumes what and to do what: the source of the AsyncAPI receive operations and of the
 * consumer table of docs/event-catalogue.md. A listened type ending in `.` is a prefix.
 */
export const CONSUMERS: { service: string; listens: string[]; to: string }[] = [
  {
    service: 'worker-profile',
    listens: ['training.completed'],
    to: 'add or raise skills (never lower) with the certificate, emit `worker.skills-changed`; write a `training` service record',
  },
  {
    service: 'worker-profile',
    listens: ['placement.hired', 'placement.separated'],
    to: 'employment status `employed` / `seeking`',
  },
  {
    service: 'worker-profile',
    listens: ['placement.followed-up'],
    to: 'open a `rights` service record when wages were not paid on time',
  },
  {
    service: 'worker-profile',
    listens: ['application.'],
    to: 'which employer may see which applicant: unmasked while an application is at `interview`, `offered` or `hired`',
  },
  {
    service: 'worker-profile',
    listens: ['employer.verified', 'employer.suspended'],
    to: 'a suspended employer sees no applicant unmasked',
  },
  { service: 'worker-profile', listens: ['enrollment.', 'training.failed'], to: '`in_training` while enrolled' },
  {
    service: 'employer',
    listens: ['placement.hired', 'placement.separated'],
    to: 'filled count, `filled` at headcount and reopen; recruitment-intent progress',
  },
  {
    service: 'matching',
    listens: ['worker.', 'employer.', 'opening.', 'course.', 'batch.', 'training.completed'],
    to: 'the two indexes; certificate courses',
  },
  {
    service: 'matching',
    listens: ['application.submitted', 'application.status-changed'],
    to: "mark a worker's matches and searches applied (with the status) and referred",
  },
  { service: 'training', listens: ['opening.', 'worker.'], to: 'skill-gap view; a batch follows its workers' },
  {
    service: 'placement',
    listens: [
      'worker.',
      'opening.',
      'employer.',
      'ledger.',
      'union.work-group-created',
      'union.membership-',
      'village.qiyou-status-changed',
      'enrollment.',
      'training.',
      'batch.',
    ],
    to: 'eligibility, coverage, dashboard (union work groups and members, villages meeting 七有)',
  },
  {
    service: 'gateway',
    listens: ['employer.registered'],
    to: 'link a self-registering employer account to its company (from its next sign-in)',
  },
  ...['worker-profile', 'employer', 'matching', 'training', 'placement', 'gateway'].map((service) => ({
    service,
    listens: ['account.sessions-revoked'],
    to: 'refuse the tokens of a revoked session (the platform, in every service)',
  })),
];

const listensTo = (listens: string[], type: string) =>
  listens.some((p) => type === p || (p.endsWith('.') && type.startsWith(p)));

export async function eventTypes(): Promise<string[]> {
  return (await readdir(EVENTS_DIR))
    .filter((f) => f.endsWith('.json') && f !== 'envelope.json')
    .map((f) => f.slice(0, -5))
    .sort();
}

/** An AsyncAPI 3.0 document: a channel per topic, a message per event type, who sends and who receives. */
export async function buildAsyncApi(): Promise<Record<string, unknown>> {
  const types = await eventTypes();
  const channels: Record<string, any> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const type of types) {
    const schema = JSON.parse(await readFile(join(EVENTS_DIR, `${type}.json`), 'utf8'));
    const producer = String(schema.properties?.source?.const ?? '').replace('/tongxin/', '') || 'unknown';
    const topic = topicForEventType(type);
    const id = type.replace(/[^a-zA-Z0-9]+/g, '_');
    messages[id] = {
      name: type,
      title: schema.title ?? type,
      ...(schema.description ? { summary: schema.description } : {}),
      contentType: 'application/cloudevents+json',
      payload: { $ref: `./events/${type}.json` },
      'x-key': 'subject (aggregate id)',
    };
    channels[topic] ??= { address: topic, messages: {} };
    channels[topic].messages[id] = { $ref: `#/components/messages/${id}` };
    operations[`${producer}_sends_${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${topic}` },
      messages: [{ $ref: `#/channels/${topic}/messages/${id}` }],
      'x-service': producer,
    };
    for (const service of new Set(CONSUMERS.map((c) => c.service))) {
      if (CONSUMERS.some((c) => c.service === service && listensTo(c.listens, type))) {
        operations[`${service}_receives_${id}`] = {
          action: 'receive',
          channel: { $ref: `#/channels/${topic}` },
          messages: [{ $ref: `#/channels/${topic}/messages/${id}` }],
          'x-service': service,
        };
      }
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Tongxin events',
      version: '1.0.0',
      description:
        'CloudEvents 1.0 on Kafka topics by domain, keyed by aggregate id; written through each service’s transactional outbox, consumed idempotently. Generated by `npm run contracts`.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  };
}

/** docs/event-catalogue.md, from the schemas and {@link CONSUMERS}. */
export async function renderEventCatalogue(): Promise<string> {
  const contracts = await readContracts();
  const rows = contracts.map((c) => {
    const producer = String(c.schema.properties?.source?.const ?? '').replace('/tongxin/', '');
    const consumers = [...new Set(CONSUMERS.filter((x) => listensTo(x.listens, c.type)).map((x) => x.service))];
    const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
    return `| \`${c.type}\` | ${producer} | ${topicForEventType(c.type)} | \`${c.dataType}\` | ${consumers.join(', ') || '—'} | ${cell(c.schema.description ?? '')} |`;
  });
  const uses = CONSUMERS.map(
    (c) => `| ${c.service} | ${c.listens.map((l) => `\`${l.endsWith('.') ? `${l}*` : l}\``).join(', ')} | ${c.to} |`,
  );
  return [
    '# Event catalogue',
    '',
    '<!-- Generated by `npm run contracts` from contracts/events/*.json and tests/support/contracts.ts (CONSUMERS); do not edit by hand. -->',
    '',
    'Every event is a CloudEvents 1.0 envelope (`contracts/events/envelope.json`) whose `subject` is the',
    'aggregate id (also the Kafka key). Each type has a JSON Schema `contracts/events/<type>.json`, written by',
    'the producing service; the payload types generated from them are in',
    '`packages/events/src/event-types.generated.ts` (`EventDataMap`), which `createEvent`, `Outbox.add` and',
    '`ServiceRuntime.consume` are typed by. Topic = by type prefix (`topicForEventType`). Events never carry an',
    'ID number or a full phone number. Payloads carry a whole snapshot of the aggregate where consumers keep',
    'read models, so that nobody has to call back.',
    '',
    '| type | producer | topic | data | consumers | what it says |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Who consumes what',
    '',
    '| consumer | listens to | to do |',
    '|---|---|---|',
    ...uses,
    '',
  ].join('\n');
}

/** The combined OpenAPI document the gateway serves, from a stack with every service. */
export async function liveOpenApi(): Promise<Record<string, unknown>> {
  const stack = await startStack({ services: ['worker-profile', 'employer', 'matching', 'training', 'placement'] });
  try {
    const doc = (await stack.api.get('/docs/json')).body as Record<string, unknown>;
    // Server-specific details vary per run; the contract is the paths and shapes.
    delete doc.servers;
    return doc;
  } finally {
    await stack.stop();
  }
}
