/**
 * What the last run saw of each plan file, so that a file which has not changed need not be read
 * again to be known: its path, what lstat said of it (size, modification and change times, inode)
 * and the sha256 of its bytes. git's index does the same for `git status`.
 *
 * A file is taken to hold the bytes of its hash only when lstat says now exactly what it said then,
 * and that was long enough before the run that recorded it (STAT_MARGIN_MS before the run began
 * listing): a file changed afterwards has a later change time (ctime, which no user can set back),
 * and a file changed within the clock tick of the recorded time is "racy" (as git calls it) and is
 * read and hashed as before. A copy (cp -a, an archive) has other inodes and change times.
 *
 * The file (`.csp-cache/stats-<plan>.txt`): a header line, one line per file
 * (`path TAB size TAB mtimeMs TAB ctimeMs TAB ino TAB sha256`), and a last line with the HMAC of
 * everything before it, made with the cache key (cache-access.ts): a stats file that csp did not
 * write on this machine is not used. Reading or writing it never fails a command.
 */
import type { Stats } from 'node:fs';
import { buildId, cacheFile, macHolds } from './cache-file.js';
import { type CacheAccess, cryptoModule, readCacheFile, writeCacheFile } from './cache-access.js';

const FORMAT = 'csp-stats';
const FORMAT_VERSION = 1;
/** How long before a run's listing a file must have last changed for its lstat to be trusted. */
const STAT_MARGIN_MS = 3000;
const MAX_BYTES = 64 << 20;

/** What lstat says of a file, as compared between runs. */
export function statSignature(st: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>): string {
  return `${st.size}\t${st.mtimeMs}\t${st.ctimeMs}\t${st.ino}`;
}

/** Whether a file last changed early enough before `listedAt` for its lstat to tell whether it changes. */
export function settled(st: Pick<Stats, 'mtimeMs' | 'ctimeMs'>, listedAt: number): boolean {
  return Math.max(st.mtimeMs, st.ctimeMs) < listedAt - STAT_MARGIN_MS;
}

/** path → [signature, sha256]. */
export type StatIndex = Map<string, [string, string]>;

function statsFile(root: string, planDir: string): string {
  return cacheFile(root, { kind: 'stats', planDir }, 'txt');
}

function header(planDir: string): string {
  return JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, build: buildId(), planDir });
}

function macOf(access: CacheAccess, body: string): string {
  return cryptoModule().createHmac('sha256', access.secret).update(`${FORMAT}\0`).update(body).digest('hex');
}

/** The index the last run wrote for this plan folder, when csp wrote it here; else an empty one. Never throws. */
export function readStatIndex(access: CacheAccess, planDir: string): StatIndex {
  const index: StatIndex = new Map();
  const buf = readCacheFile(statsFile(access.root, planDir), MAX_BYTES);
  if (!buf) return index;
  try {
    const text = buf.toString('utf8');
    const last = text.lastIndexOf('\n', text.length - 2);
    if (last < 0 || !text.endsWith('\n')) return index;
    const body = text.slice(0, last + 1);
    // A tag of another length throws in macHolds: no index, as for a wrong one.
    if (!macHolds(macOf(access, body), text.slice(last + 1, -1))) return index;
    const lines = body.split('\n');
    if (lines[0] !== header(planDir)) return index;
    for (let i = 1; i < lines.length - 1; i++) {
      // path TAB signature (four fields) TAB sha256: signed by csp, so only its ends are looked for.
      const line = lines[i]!;
      const first = line.indexOf('\t');
      const last = line.lastIndexOf('\t');
      if (first < 0 || line.length - last !== 65) return new Map();
      index.set(line.slice(0, first), [line.slice(first + 1, last), line.slice(last + 1)]);
    }
    return index;
  } catch {
    return new Map();
  }
}

/**
 * Writes the index of this run (the files whose lstat, taken before they were read, is trusted
 * next time), unless it is the one already there. Replaced whole or not at all; never throws.
 */
export function writeStatIndex(access: CacheAccess, planDir: string, rows: readonly (readonly [string, string, string])[], previous: StatIndex): void {
  if (rows.length === previous.size && rows.every(([p, sig, hash]) => {
    const old = previous.get(p);
    return old !== undefined && old[0] === sig && old[1] === hash;
  })) return;
  let body = `${header(planDir)}\n`;
  // A path with a tab or a line break (the separators) is left out: that file is read each time.
  for (const [p, sig, hash] of rows) if (!/[\t\n\r]/.test(p)) body += `${p}\t${sig}\t${hash}\n`;
  writeCacheFile(access, statsFile(access.root, planDir), [Buffer.from(`${body}${macOf(access, body)}\n`, 'utf8')]);
}
