import type { Logger } from '../../src/index.ts';

export interface LogEntry {
  level: 'info' | 'warn' | 'error' | 'debug';
  obj: object | string;
  msg: string | undefined;
}

/** A logger that keeps entries for assertions instead of printing them. */
export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (obj: object | string, msg?: string): void => {
      entries.push({ level, obj, msg });
    };
  return { entries, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}
