import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessSpec {
  name: string;
  script: string;
  env: Record<string, string>;
  healthUrl: string;
}

/**
 * Runs each service as its own process (as in production), restarts one that dies with a
 * growing delay, and stops them all on shutdown. Output lines are prefixed with the service name.
 */
export class Supervisor {
  readonly #children = new Map<string, ChildProcess>();
  #stopping = false;

  constructor(private readonly log: (line: string) => void) {}

  /**
   * Starts a service and waits for its /health. A service that keeps failing does not stop the
   * others: it is restarted with a growing delay, and the gateway answers 503 for its routes meanwhile.
   */
  async start(spec: ProcessSpec, timeoutMs = 60_000): Promise<boolean> {
    this.#spawn(spec, 0);
    try {
      await waitForHealth(spec.healthUrl, timeoutMs);
      return true;
    } catch (err) {
      this.log(
        `[supervisor] ${spec.name} is not healthy (${(err as Error).message}); still retrying in the background`,
      );
      return false;
    }
  }

  #spawn(spec: ProcessSpec, restarts: number): void {
    const child = spawn(process.execPath, ['--import', 'tsx', spec.script], {
      env: { ...process.env, ...spec.env, TONGXIN_SUPERVISOR_PID: String(process.pid) },
      // The IPC channel closes when this process dies, and the service then shuts itself down.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#children.set(spec.name, child);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => this.log(`[${spec.name}] ${line}`));
    }
    child.on('exit', (code, signal) => {
      if (this.#stopping) return;
      const delay = Math.min(30_000, 500 * 2 ** restarts);
      this.log(`[supervisor] ${spec.name} exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => {
        if (!this.#stopping) this.#spawn(spec, restarts + 1);
      }, delay).unref();
    });
  }

  pid(name: string): number | undefined {
    return this.#children.get(name)?.pid;
  }

  async stopAll(): Promise<void> {
    this.#stopping = true;
    await Promise.all(
      [...this.#children.values()].reverse().map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

export async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}
