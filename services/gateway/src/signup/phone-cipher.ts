import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { maskPhone } from '@tongxin/cn-codes';
import { phoneKey } from '../notify/sms.ts';

/**
 * The gateway's keys for phone numbers (ADR 0014), all from PHONE_ENCRYPTION_KEY: the phone on an
 * account is stored encrypted (AES-256-GCM, random IV), found by a keyed hash (the same `phoneKey` the
 * message log uses, so an account's messages are found by its phone) and shown masked. One-time codes
 * and the addresses that asked for them are kept only as keyed hashes too.
 */
export class PhoneCipher {
  readonly #key: Buffer;
  /** The secret of `phoneKey` (message log, account lookup): derived, so there is one key to keep. */
  readonly hashSecret: string;

  constructor(encryptionKeyBase64: string) {
    this.#key = Buffer.from(encryptionKeyBase64, 'base64');
    if (this.#key.length !== 32) throw new Error('PHONE_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    this.hashSecret = createHmac('sha256', this.#key).update('tongxin:phone-hash').digest('hex');
  }

  /** The lookup key of a phone number: the message log's and the account's. */
  hash(phone: string): string {
    return phoneKey(this.hashSecret, phone);
  }

  /** A keyed hash of anything else kept only for comparison (a code, a username, an address). */
  digest(kind: string, value: string): string {
    return createHmac('sha256', this.hashSecret).update(`${kind}:${value}`).digest('hex');
  }

  mask(phone: string): string {
    return maskPhone(phone);
  }

  encrypt(phone: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const raw = Buffer.from(stored.replace(/^v1:/, ''), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
