import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts personal identifiers at rest (AES-256-GCM, random IV, versioned) and derives a
 * keyed hash so that a record can be found by its ID number without storing it in clear.
 */
export class PiiCipher {
  readonly #key: Buffer;
  readonly #hashKey: Buffer;

  constructor(encryptionKeyBase64: string, hashKey: string) {
    this.#key = Buffer.from(encryptionKeyBase64, 'base64');
    if (this.#key.length !== 32) throw new Error('PII_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    this.#hashKey = Buffer.from(hashKey);
  }

  encrypt(plain: string): string {
    return `v1:${this.encryptBytes(Buffer.from(plain, 'utf8')).toString('base64')}`;
  }

  decrypt(stored: string): string {
    return this.decryptBytes(Buffer.from(stored.replace(/^v1:/, ''), 'base64')).toString('utf8');
  }

  /** Bytes (a stored upload) as IV, tag and ciphertext. */
  encryptBytes(plain: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(raw: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }

  /** Same input, same hash: the lookup key for uniqueness and re-imports. */
  hash(plain: string): string {
    return createHmac('sha256', this.#hashKey).update(plain.toUpperCase()).digest('hex');
  }
}
