import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// Extended-protocol messages a client sends without waiting for their answers: it waits only after
// Sync or Flush (H). Their answers are held and written with the next answer it waits for.
const UNAWAITED = new Set([0x50 /* P */, 0x42 /* B */, 0x44 /* D */, 0x45 /* E */, 0x43 /* C */]);
// Frontend message types that open or continue an extended-protocol exchange, which ends at Sync.
const EXTENDED = new Set([...UNAWAITED, 0x48 /* H */]);
const SYNC = 0x53; // S
const SIMPLE_QUERY = 0x51; // Q
const PROTOCOL_3 = 196608;

/** The `user` a StartupMessage names, '' when it names none; undefined for any other message. */
function startupUser(message: Uint8Array): string | undefined {
  // Every other message begins with its type letter; a startup's length (under 16 MiB) begins with 0.
  if (message.length < 8 || message[0] !== 0) return undefined;
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  if (view.getInt32(0) !== message.length || view.getInt32(4) !== PROTOCOL_3) return undefined;
  const fields = new TextDecoder().decode(message.subarray(8)).split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'user') return fields[i + 1] ?? '';
  return '';
}

/** The ErrorResponse PostgreSQL sends for a startup without a user (its backend then closes). */
function noUserError(): Uint8Array {
  const fields = ['SFATAL', 'VFATAL', 'C28000', 'Mno PostgreSQL user name specified in startup packet']
    .map((f) => `${f}\0`)
    .join('');
  const body = new TextEncoder().encode(`${fields}\0`);
  const out = new Uint8Array(1 + 4 + body.length);
  out[0] = 0x45; // E
  new DataView(out.buffer).setInt32(1, 4 + body.length);
  out.set(body, 5);
  return out;
}

interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

interface QueryQueue {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, opts: { onRawData: (d: Uint8Array) => void }): Promise<void>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/**
 * pglite-socket multiplexes many client connections onto PGlite's single session, one protocol
 * message at a time. It keeps a connection's turn for a whole transaction, but not for one
 * extended-protocol exchange (Parse, Bind, Describe, Execute … Sync): another connection's Parse
 * between them replaces the shared unnamed statement, and `pg` fails with "bind message supplies
 * N parameters". This replaces the queue's scheduler with one that also keeps the turn until Sync.
 * Written against @electric-sql/pglite-socket 0.2.x internals; a test exercises it under load.
 *
 * It also answers a StartupMessage without a user itself: PGlite raises FATAL for it and its one
 * session never serves anyone again (one `psql` with an empty user stopped a whole county).
 *
 * And it writes a connection's answers once per exchange: PGlite hands over each protocol message's
 * answer in pieces, and pglite-socket wrote every piece to the socket at once (no delay), so one
 * statement cost a dozen writes; socket writes were a fifth of the database process's CPU while
 * workers were registered.
 */
export function guardExtendedProtocolSequences(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  if (!q || !Array.isArray(q.queue) || typeof q.processQueue !== 'function') {
    throw new Error('pglite-socket internals changed: review guardExtendedProtocolSequences');
  }
  const midSequence = new Set<number>();
  // Per connection, the answers held back until one it waits for.
  const held = new Map<number, Uint8Array[]>();

  q.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let index = 0;
        const owner = this.lastHandlerId;
        if (owner !== null && (midSequence.has(owner) || this.db.isInTransaction())) {
          index = this.queue.findIndex((item) => item.handlerId === owner);
          // The owner has not sent its next message yet; its enqueue restarts processing.
          if (index === -1) break;
        }
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        if (startupUser(item.message) === '') {
          const refusal = noUserError();
          item.onData(refusal);
          item.resolve(refusal.length);
          continue;
        }
        let bytes = 0;
        const type = item.message[0] ?? 0;
        // Kept in the map from the start: a connection that vanishes meanwhile takes it along.
        let out = held.get(item.handlerId);
        if (!out) held.set(item.handlerId, (out = []));
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                // PGlite may reuse the memory it hands over: keep a copy.
                out.push(data.slice());
              },
            }),
          );
        } catch (err) {
          midSequence.delete(item.handlerId);
          held.delete(item.handlerId);
          item.reject(err);
          continue;
        }
        if (!UNAWAITED.has(type)) {
          held.delete(item.handlerId);
          if (out.length === 1) item.onData(out[0]!);
          else if (out.length > 1) item.onData(Buffer.concat(out));
        }
        if (EXTENDED.has(type)) midSequence.add(item.handlerId);
        else if (type === SYNC || type === SIMPLE_QUERY) midSequence.delete(item.handlerId);
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    held.delete(handlerId);
    // A client that vanished mid-exchange must not hold everyone else's turn.
    if (midSequence.delete(handlerId) && q.lastHandlerId === handlerId) void q.processQueue();
  };
}
