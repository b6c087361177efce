/**
 * The load cache: what loading each plan file gave, so that a file which has
 * not changed since the last run is not parsed again.
 *
 * Modules: cache-access.ts (the folder, the key, git), cache-file.ts (the
 * format, reading and writing), cache-codec.ts (plan results in a lean part
 * and texts), cache-shape.ts (the shape a result read back must have); this
 * one sorts a plan folder's files into hits and misses.
 *
 * Where: `.csp-cache/` beside the plan folder (the repository root), a folder
 * that ignores itself in git (its own .gitignore holds `*`, as pytest's cache
 * does; repaired when it is not what csp wrote) and is marked with a
 * CACHEDIR.TAG for backup tools.
 *
 * What: one file per plan folder and kind, in lines: a header naming the
 * format, the csp build that wrote it and the plan folder; then one line per
 * file, its path, hashes and MACs, then its result as JSON, in two parts for
 * plan files: a lean one (what checking and status need) and the texts of
 * its notes, which only commands that print them read (cache-file.ts). Plan
 * files of git revisions that a diff parsed are kept in a file of their own
 * (kind 'revisions'), found by git blob id without reading the blob.
 *
 * Trust: the cache is a hint, never an authority. A result is used only for
 * bytes csp read and hashed in this run, and only when its line carries a
 * valid HMAC-SHA256 (over the kind, plan folder, path, hashes and result) made
 * with a key that lives outside the repository, in the user's cache folder
 * (`$XDG_CACHE_HOME/csp/cache-key`, else `~/.cache/csp/cache-key`): a cache
 * that arrives with a checkout or an archive cannot name a result csp did not
 * compute on this machine. Each line is checked on its own (MAC, then shape):
 * a bad line is dropped and its file parsed again; a cache written by
 * another build or for another plan folder is ignored whole. A cache that
 * git tracks is reported and not used at all. Only per-file results are
 * kept: the plan-wide rules, which depend on every file and on --as-of, run
 * every time. Reading or writing the cache never fails a command: without
 * a key, or where the folder is read-only, there is simply no cache.
 *
 * Files: the cache is written to a temporary file created with O_EXCL and
 * O_NOFOLLOW under an unpredictable name that records its writer (pid and
 * process start time), then renamed into place; a temporary file whose
 * writer is gone (killed outright) is removed by the next run.
 *
 * The file is read and written a piece at a time: at 10,000 initiatives it
 * holds ≈ 45 MB, which need not sit in memory next to the plan.
 */
import { sha256, gitBlobId } from './hash.js';
import type { CacheContents, CacheEntry, CachedResult } from './cache-file.js';
import { lstatSync } from 'node:fs';
import { settled, type StatIndex, statSignature } from './cache-stats.js';
import { type PlanFileEntry, readForHash } from './plan-files.js';

export { CACHE_DIR, type CacheAccess, endCacheSessions, openCache } from './cache-access.js';
export { type CacheContents, type CacheEntry, type CacheKey, type CachedResult, cacheFile, readCache } from './cache-file.js';
export { CacheWriter, encodeResult } from './cache-writer.js';

/** The files whose cached results still hold, and those to load again. */
export interface CacheCheck<T extends CachedResult> {
  /** By index in the listing: the cached result, when it still holds. */
  results: (T | undefined)[];
  /** By index: sha256 of the bytes the result came from. */
  hashes: (string | undefined)[];
  /** Entries to keep. */
  hits: CacheEntry<T>[];
  /** Indexes of the readable files to load. */
  misses: number[];
  /** Whether the cache file should be written again. */
  changed: boolean;
  /** By index, with `stats`: what lstat said of the file before it was read, when settled enough to be trusted next time. */
  signatures: (string | undefined)[];
}

/** lstat of this run, for the stats index (cache-stats.ts). */
export interface StatCheck {
  /** What the last run recorded. */
  index: StatIndex;
  /** When this run began listing (io/clock.ts nowMs), before any lstat. */
  listedAt: number;
}

/**
 * Sorts listed files into cache hits and misses. A file with an entry is a
 * hit when its bytes hash to the entry's hash: read and hashed now, unless
 * `stats` is given and lstat says of it exactly what the stats index
 * recorded with that hash (cache-stats.ts). A file too large to be a plan
 * file is never a hit (only its first bytes are read). Files with a problem
 * (links, unreadable) are neither. With `stats`, `signatures` holds the lstat
 * of each file taken before it was read, when trusted next time.
 */
export function checkAgainstCache<T extends CachedResult>(entries: readonly PlanFileEntry[], cached: CacheContents<T> | undefined, stats?: StatCheck): CacheCheck<T> {
  const results = new Array<T | undefined>(entries.length);
  const hashes = new Array<string | undefined>(entries.length);
  const signatures = new Array<string | undefined>(entries.length);
  const hits: CacheEntry<T>[] = [];
  const misses: number[] = [];
  let blobsAdded = false;
  const scratch = { buf: new Uint8Array(1 << 16) };
  entries.forEach((entry, i) => {
    if (entry.problem) return;
    let known: string | undefined;
    if (stats) {
      // Taken before the file is read: a change after it changes what lstat says next time.
      const st = lstatSync(entry.abs, { throwIfNoEntry: false });
      if (st?.isFile()) {
        const signature = statSignature(st);
        const recorded = stats.index.get(entry.path);
        if (recorded !== undefined && recorded[0] === signature) known = recorded[1];
        if (settled(st, stats.listedAt)) signatures[i] = signature;
      }
    }
    const hit = cached?.entries.get(entry.path);
    if (!hit) {
      misses.push(i);
      return;
    }
    // Known by its lstat: not read (once its blob id is known, for diffs).
    if (known !== undefined && known === hit.hash && hit.blob !== undefined) {
      hits.push(hit);
      results[i] = hit.result;
      hashes[i] = hit.hash;
      return;
    }
    const bytes = readForHash(entry, scratch);
    if (!bytes || sha256(bytes) !== hit.hash) {
      misses.push(i);
      return;
    }
    // The blob id, once, from bytes read anyway: what lets a diff find this result by git's name for it.
    if (hit.blob === undefined) {
      hit.blob = gitBlobId(bytes);
      blobsAdded = true;
    }
    hits.push(hit);
    results[i] = hit.result;
    hashes[i] = hit.hash;
  });
  const changed = cached === undefined || cached.dropped > 0 || blobsAdded || misses.length > 0 || hits.length !== cached.entries.size;
  return { results, hashes, hits, misses, changed, signatures };
}
