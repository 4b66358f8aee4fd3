import pino, { type Logger } from 'pino';

/** The service's root logger; personal fields are redacted wherever they appear. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    redact: {
      paths: ['idNumber', '*.idNumber', 'phone', '*.phone', 'req.headers.authorization', 'password', '*.password'],
      censor: '[redacted]',
    },
  });
}
