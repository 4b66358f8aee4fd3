import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A script run in a process of its own, whose output lines a test waits for. */
export interface Probe {
  child: ChildProcess;
  /** The first line starting with `prefix`, already printed or still to come (rejects after `timeoutMs`). */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
}

/**
 * Runs the TypeScript `script` (with tsx) in a process of its own with `env` added to this one's and
 * PROBE_MODE=`mode`: the kill tests' consumers, killed mid-work and started again.
 */
export function startProbe(script: string, mode: string, env: Record<string, string>): Probe {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, PROBE_MODE: mode },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (l: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.filter((x) => line.startsWith(x.prefix))) w.resolve(line);
  });
  const waitFor = (prefix: string, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen) return resolve(seen);
      const timer = setTimeout(
        () => reject(new Error(`no "${prefix}" from the probe (${mode}); got: ${lines.join(' | ')}`)),
        timeoutMs,
      );
      waiters.push({ prefix, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  return { child, waitFor };
}

/** Kills the process outright (SIGKILL: no clean-up of its own) and resolves once it is gone. */
export const killProbe = (child: ChildProcess): Promise<void> =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
