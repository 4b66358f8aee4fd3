import pino, { type Logger } from 'pino';

/**
 * An ID number (region, birth date 18xx–20xx, sequence, check character) or a mainland mobile
 * number, not inside a longer run of digits; a digit ending a %XX escape (`%20`) does not count.
 */
const ID_NUMBER =
  /(?<!(?<!%[0-9A-Fa-f])\d)(\d{6})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)/g;
const ID_NUMBER_LAST4 = /\d{3}[\dXx]$/;
const PHONE = /(?<!(?<!%[0-9A-Fa-f])\d)(?:\+?86[- ]?)?(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/**
 * Masks every ID number and mobile number in a text the way responses do (ADR 0003):
 * '140723********0016', '138****0000'. Applied to each log line as it is written.
 */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(ID_NUMBER, (m: string, region: string) => `${region}********${ID_NUMBER_LAST4.exec(m)![0]}`)
    .replace(PHONE, (_m, start: string, end: string) => `${start}****${end}`);
}

/** Query values that are free text (the search box) or carry a long digit run are not logged. */
const isSensitiveQueryValue = (key: string, value: string) => key === 'q' || /\d[\d\s-]{5,}\d/.test(value);

/**
 * A URL as it may be logged: the path, and each query key with its value unless the value is free
 * text or a long number (an ID number or phone typed into a search box). Never throws.
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  const path = maskPersonalNumbers(at < 0 ? url : url.slice(0, at));
  if (at < 0) return path;
  const parts = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const raw = eq < 0 ? '' : pair.slice(eq + 1);
      let value: string;
      try {
        value = decodeURIComponent(raw.replaceAll('+', ' '));
      } catch {
        value = raw;
      }
      return isSensitiveQueryValue(key, value) ? `${maskPersonalNumbers(key)}=[redacted]` : maskPersonalNumbers(pair);
    });
  return `${path}?${parts.join('&')}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * The service's root logger; personal fields are redacted wherever they appear, and ID numbers and
 * phones are masked in every line. Stdout is written as each line is logged, not buffered for an
 * exit-time flush: when a supervisor dies, stdout is a closed socket, and sonic-boom's flushSync
 * retries EPIPE forever, so a buffered logger kept the process from ever exiting. A sync write's
 * EPIPE just silences the logger.
 */
export function createLogger(
  service: string,
  level: string,
  destination: pino.DestinationStream = pino.destination({ fd: 1, sync: true }),
): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: {
        paths: [
          'idNumber',
          '*.idNumber',
          'phone',
          '*.phone',
          'req.headers.authorization',
          'req.headers.cookie',
          'req.body',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
      // Fastify's own request serializer logs the whole URL, query string included; this one
      // takes precedence in its child loggers and logs only what loggableUrl keeps.
      serializers: {
        req: (req: LoggedRequest) => ({
          method: req.method,
          url: loggableUrl(req.url ?? ''),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
        // @fastify/reply-from logs the upstream URL it fetches.
        source: (source: unknown) => (typeof source === 'string' ? loggableUrl(source) : source),
      },
    },
    // Last line of defence: whatever a message, an error or a binding carries, an ID number or
    // phone in it is masked before the line leaves the process.
    { write: (line: string) => void destination.write(maskPersonalNumbers(line)) },
  );
}
