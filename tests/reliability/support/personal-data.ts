import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

/** Clear values registered during a run, which must never be found in clear where they do not belong. */
export class ClearValues {
  readonly idNumbers = new Set<string>();
  readonly phones = new Set<string>();

  addPerson(p: { idNumber?: string; phone?: string }): void {
    if (p.idNumber) this.idNumbers.add(p.idNumber.toUpperCase());
    if (p.phone) this.phones.add(p.phone);
  }

  /**
   * The clear values inside `text`. Digit runs are cut out and every 11- and 18-character window is
   * looked up, so that a value glued to other digits (+86…, a prefix) is still found, fast enough
   * for whole tables.
   */
  find(text: string): { idNumbers: string[]; phones: string[] } {
    const ids = new Set<string>();
    const phones = new Set<string>();
    for (const m of text.matchAll(/[0-9]{11,}[Xx]?/g)) {
      const run = m[0].toUpperCase();
      for (let i = 0; i + 11 <= run.length; i++) {
        const p = run.slice(i, i + 11);
        if (this.phones.has(p)) phones.add(p);
        if (i + 18 <= run.length) {
          const id = run.slice(i, i + 18);
          if (this.idNumbers.has(id)) ids.add(id);
        }
      }
    }
    return { idNumbers: [...ids], phones: [...phones] };
  }
}

export interface Finding {
  where: string;
  kind: 'idNumber' | 'phone';
  value: string;
  sample: string;
}

const mask = (v: string) => `${v.slice(0, 3)}…${v.slice(-2)}`;

function findingsIn(
  values: ClearValues,
  where: string,
  text: string,
  kinds: ('idNumber' | 'phone')[] = ['idNumber', 'phone'],
): Finding[] {
  const hit = values.find(text);
  const out: Finding[] = [];
  const around = (v: string) => {
    const i = text.indexOf(v);
    return text.slice(Math.max(0, i - 80), i + v.length + 40).replaceAll(v, `<${mask(v)}>`);
  };
  if (kinds.includes('idNumber'))
    for (const v of hit.idNumbers) out.push({ where, kind: 'idNumber', value: mask(v), sample: around(v) });
  if (kinds.includes('phone'))
    for (const v of hit.phones) out.push({ where, kind: 'phone', value: mask(v), sample: around(v) });
  return out;
}

/** Every row of every table of every schema of the database, as text, searched for clear values. */
export async function scanDatabase(
  url: string,
  values: ClearValues,
): Promise<{ tables: number; rows: number; findings: Finding[] }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (
      await c.query<{ s: string; t: string }>(
        `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
      )
    ).rows;
    const findings: Finding[] = [];
    let rows = 0;
    for (const { s, t } of tables) {
      const r = await c.query<{ row: string }>(`SELECT x::text AS row FROM "${s}"."${t}" x`);
      rows += r.rowCount ?? 0;
      for (const { row } of r.rows) findings.push(...findingsIn(values, `${s}.${t}`, row));
    }
    return { tables: tables.length, rows, findings };
  } finally {
    await c.end();
  }
}

/** Log lines (the launcher's output: every service's log) searched for clear values. */
export function scanLines(lines: string[], values: ClearValues, where = 'log'): Finding[] {
  return lines.flatMap((line, i) => findingsIn(values, `${where}:${i + 1}`, line));
}

/** Any text (a response, an export) searched for clear values of the given kinds. */
export function scanText(
  text: string,
  values: ClearValues,
  where: string,
  kinds?: ('idNumber' | 'phone')[],
): Finding[] {
  return findingsIn(values, where, text, kinds);
}

/** Reads every message of the tongxin.* topics from the beginning and searches them. */
export async function scanKafka(
  brokers: string[],
  values: ClearValues,
  prefix = '',
): Promise<{ messages: number; findings: Finding[] }> {
  const kafka = new Kafka({ brokers, clientId: 'reliability-pii-scan', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}tongxin.`));
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  }
  await admin.disconnect();
  const total = [...ends.values()].reduce((a, b) => a + b, 0);
  const findings: Finding[] = [];
  let messages = 0;
  if (total === 0) return { messages, findings };
  const consumer = kafka.consumer({ groupId: `reliability-scan-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${messages} of ${total} messages in 60 s`)), 60_000);
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        messages++;
        findings.push(
          ...findingsIn(values, `kafka:${topic}/${partition}@${message.offset}`, message.value?.toString('utf8') ?? ''),
        );
        if (messages >= total) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return { messages, findings };
}
