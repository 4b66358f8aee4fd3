import type { Pool } from '@tongxin/db';
import type { PiiCipher } from '../registry/pii-cipher.ts';
import type { WorkerRecord } from '../registry/worker.ts';
import type { WorkerRepository } from '../registry/worker-repository.ts';
import { ID_FORMAT, type ImportContext, type Problems, canWrite } from './import-types.ts';

/** Finds the registered workers a ledger sheet names by ID number (the natural key of every ledger). */
export async function lookupWorkers(
  pool: Pool,
  workers: WorkerRepository,
  cipher: PiiCipher,
  ids: string[],
): Promise<Map<string, WorkerRecord>> {
  return workersByHash(pool, workers, [
    ...new Set(ids.filter((id) => ID_FORMAT.test(id)).map((id) => cipher.hash(id))),
  ]);
}

/** The registered workers of these ID-number hashes, read in chunks that keep each query's array small. */
export async function workersByHash(
  pool: Pool,
  workers: WorkerRepository,
  hashes: string[],
): Promise<Map<string, WorkerRecord>> {
  const byHash = new Map<string, WorkerRecord>();
  for (let i = 0; i < hashes.length; i += 5000) {
    for (const w of await workers.findByIdNumberHashes(pool, hashes.slice(i, i + 5000))) byHash.set(w.idNumberHash, w);
  }
  return byHash;
}

/**
 * The worker a row is about, or undefined with the problem recorded: unknown ID number, a name
 * that disagrees with the registry (a sign of the wrong ID), or a village outside the scope.
 */
export function rowWorker(
  ctx: ImportContext,
  row: number,
  idText: string,
  name: string,
  byHash: Map<string, WorkerRecord>,
  cipher: PiiCipher,
  problems: Problems,
  idKey = 'idNumber',
): WorkerRecord | undefined {
  const id = idText.replace(/\s/g, '').toUpperCase();
  if (!ID_FORMAT.test(id)) {
    problems.add(row, idKey, id ? 'must be 17 digits followed by a digit or X' : 'is required');
    return undefined;
  }
  const w = byHash.get(cipher.hash(id));
  if (!w || !canWrite(ctx.principal, w.homeVillageCode)) {
    problems.add(
      row,
      idKey,
      w
        ? 'this person is registered in a village outside your scope'
        : 'no registered worker has this ID number (import the registry first)',
    );
    return undefined;
  }
  if (name && name !== w.name)
    problems.add(row, 'name', `does not match the registered name of this ID number (${w.name})`);
  return w;
}
