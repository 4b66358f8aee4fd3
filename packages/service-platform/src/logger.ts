import pino, { type Logger } from 'pino';

/** The service's root logger; personal fields are redacted wherever they appear. */
export function createLogger(service: string, level: string): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: {
        paths: ['idNumber', '*.idNumber', 'phone', '*.phone', 'req.headers.authorization', 'password', '*.password'],
        censor: '[redacted]',
      },
    },
    // Written as each line is logged, not buffered for an exit-time flush: when a supervisor dies,
    // stdout is a closed socket, and sonic-boom's flushSync retries EPIPE forever, so a buffered
    // logger kept the process from ever exiting. A sync write's EPIPE just silences the logger.
    pino.destination({ fd: 1, sync: true }),
  );
}
