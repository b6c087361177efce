/** Content hashes for the cache. node:crypto is loaded on first use: a warm run seldom needs it. */
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;

export function sha256(bytes: Uint8Array): string {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** git's name for a blob of these bytes (SHA-1, as in a repository of the default object format). */
export function gitBlobId(bytes: Uint8Array): string {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto.createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
