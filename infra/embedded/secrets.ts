import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Secrets {
  JWT_SECRET: string;
  PII_ENCRYPTION_KEY: string;
  PII_HASH_KEY: string;
  /** The gateway's key for the phones on accounts and the one-time codes (ADR 0014). */
  PHONE_ENCRYPTION_KEY: string;
}

/**
 * The embedded mode makes its own secrets on first start and keeps them in the data directory
 * (mode 0600): the encrypted ID numbers must stay readable across restarts. Values in the
 * environment win, so an operator can supply real ones.
 */
export async function loadOrCreateSecrets(dataDir: string, env: NodeJS.ProcessEnv): Promise<Secrets> {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<Secrets>;
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>;
  } catch {
    stored = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PII_HASH_KEY: randomBytes(32).toString('hex'),
      PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  // A data directory from before the key existed gets one, kept with the others.
  if (!stored.PHONE_ENCRYPTION_KEY) {
    stored = { ...stored, PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return {
    JWT_SECRET: env.JWT_SECRET || stored.JWT_SECRET!,
    PII_ENCRYPTION_KEY: env.PII_ENCRYPTION_KEY || stored.PII_ENCRYPTION_KEY!,
    PII_HASH_KEY: env.PII_HASH_KEY || stored.PII_HASH_KEY!,
    PHONE_ENCRYPTION_KEY: env.PHONE_ENCRYPTION_KEY || stored.PHONE_ENCRYPTION_KEY!,
  };
}
