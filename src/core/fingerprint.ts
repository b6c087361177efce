/** A short, stable fingerprint of a text: how a translation records which English it translates. */
import { createHash } from 'node:crypto';

export function fingerprint(text: string): string {
  return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex').slice(0, 8);
}
