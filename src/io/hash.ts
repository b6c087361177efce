/** Content hashes for the cache. node:crypto is loaded on first use: a warm run seldom needs it. */
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;

export function sha256(bytes: Uint8Array): string {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
