import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@tongxin/test-harness';

export { freePort };

const ROOT = join(import.meta.dirname, '..', '..');

export interface Launched {
  url: string;
  output: string[];
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `npm start`'s launcher as a user would, and resolves once it says the county is up. */
export async function launch(env: Record<string, string>, timeoutMs = 120_000): Promise<Launched> {
  const port = Number(env.PORT ?? (await freePort()));
  const base = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'infra', 'embedded', 'start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      // On the Kafka test broker a group that its last member left cleanly takes a session timeout
      // (~29 s) to accept the next join, so a restarted service can need longer than the default 30 s.
      TONGXIN_START_TIMEOUT_MS: '90000',
      ...env,
      PORT: String(port),
      TONGXIN_SERVICE_BASE_PORT: String(base),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const up = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`launcher not up in ${timeoutMs} ms:\n${output.slice(-30).join('\n')}`)),
      timeoutMs,
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (line.startsWith('Tongxin 同心 is up')) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}:\n${output.slice(-30).join('\n')}`));
    });
  });
  await up;
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    process: child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Pids of the live processes whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name before it may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The command line of a process, or '' once it has exited. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
