/**
 * The load cache: what loading each plan file gave, so that a file which has
 * not changed since the last run is neither read nor parsed again.
 *
 * Where: `.csp-cache/` beside the plan folder (the repository root), a folder
 * that ignores itself in git (its own .gitignore holds `*`, as pytest's cache
 * does) and is marked with a CACHEDIR.TAG for backup tools.
 *
 * What: one file per plan folder, in lines: a header naming the format, the
 * csp build that wrote it and the plan folder; then one line per plan file,
 * `[path, size, mtimeMs, ctimeMs, ino, seen, sha256]` TAB the file's result
 * as JSON. Lines of files that did not change are copied byte for byte when
 * the cache is written again. JSON escapes tabs and newlines inside strings,
 * so the two separators cannot occur in the data.
 *
 * The file is read and written a piece at a time: at 10,000 initiatives it
 * holds ≈ 45 MB, which need not sit in memory next to the plan.
 *
 * Trust: a file's result is reused when its lstat data (size, mtime, ctime,
 * inode) are those recorded and it was not "racy" (changed within the
 * timestamp granularity of when it was read, as git's index judges); when
 * only the timestamps or inode differ, its bytes are hashed and compared.
 * Only per-file results are kept: the plan-wide rules, which depend on every
 * file and on --as-of, run every time. A cache written by another build, for
 * another plan folder, or that does not parse is ignored and replaced.
 * Reading or writing it never fails a command: a read-only folder just means
 * no cache.
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from './hash.js';
import { type FileStat, type PlanFileEntry, readPlanFile } from './plan-files.js';

declare const CSP_BUILD_ID: string | undefined;

export const CACHE_DIR = '.csp-cache';
const FORMAT = 'csp-load-cache';
const FORMAT_VERSION = 1;
/**
 * A file whose mtime or ctime is this close to the moment it was read may
 * have changed again within the same timestamp tick (2 s on FAT; a few ms on
 * Linux): its bytes are checked on the next run.
 */
export const RACY_MS = 2000;
const NEWLINE = 0x0a;
const TAB = 0x09;
const CHUNK = 1 << 20;

/** What a cached result must be: plain data that names its file. */
export interface CachedResult {
  path: string;
}

export interface CacheEntry<T extends CachedResult = CachedResult> {
  path: string;
  stat: FileStat;
  /** When the bytes were read (ms since the epoch). */
  seen: number;
  /** sha256 of the bytes, hex. */
  hash: string;
  result: T;
  /** The result as JSON, when at hand: saves serialising it again. */
  resultJson?: string;
  /** Where the result's JSON is in the cache file it was read from: copied as it is when the cache is written again. */
  source?: { offset: number; length: number };
}

export interface CacheKey<T extends CachedResult = CachedResult> {
  /** What the results are: 'plan' (plan files), 'reviews' (review files). Also the file name's prefix. */
  kind: string;
  /** The plan folder relative to the repository root. */
  planDir: string;
  /** Whether a result read back has the shape the loader expects (it checks no further). */
  isResult(value: unknown): value is T;
}

function buildId(): string {
  return typeof CSP_BUILD_ID === 'string' ? CSP_BUILD_ID : 'dev';
}

export function cacheFile(root: string, key: Pick<CacheKey, 'kind' | 'planDir'>): string {
  const name = path.basename(key.planDir).replace(/[^A-Za-z0-9._-]/g, '_') || 'plan';
  return path.join(root, CACHE_DIR, `${key.kind}-${name}.jsonl`);
}

function header(key: CacheKey): string {
  return JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, build: buildId(), kind: key.kind, planDir: key.planDir });
}

export function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** Whether the file may have changed after it was read without its timestamps showing it. */
export function isRacy(entry: Pick<CacheEntry, 'stat' | 'seen'>): boolean {
  return Math.max(entry.stat.mtimeMs, entry.stat.ctimeMs) + RACY_MS > entry.seen;
}

/** The cached entries by path, or undefined when there is no usable cache. Never throws. */
export function readCache<T extends CachedResult>(file: string, key: CacheKey<T>): Map<string, CacheEntry<T>> | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const entries = new Map<string, CacheEntry<T>>();
    let first = true;
    for (const { line, offset } of lines(fd)) {
      if (first) {
        if (line.toString('utf8') !== header(key)) return undefined;
        first = false;
        continue;
      }
      const tab = line.indexOf(TAB);
      if (tab < 0) return undefined;
      const meta: unknown = JSON.parse(line.toString('utf8', 0, tab));
      const result: unknown = JSON.parse(line.toString('utf8', tab + 1));
      const entry = toEntry(meta, result, key, { offset: offset + tab + 1, length: line.length - tab - 1 });
      if (!entry || entries.has(entry.path)) return undefined;
      entries.set(entry.path, entry);
    }
    return first ? undefined : entries;
  } catch {
    // Cut short (a line without its newline), not JSON, or unreadable: no cache.
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The lines of a file, without their newlines, read a chunk at a time; throws when the last line has no newline. */
function* lines(fd: number): Generator<{ line: Buffer; offset: number }> {
  let buf = Buffer.allocUnsafe(CHUNK);
  let start = 0;
  let filled = 0;
  /** File offset of buf[0]. */
  let base = 0;
  for (;;) {
    const end = buf.subarray(0, filled).indexOf(NEWLINE, start);
    if (end >= 0) {
      yield { line: buf.subarray(start, end), offset: base + start };
      start = end + 1;
      continue;
    }
    // Keep the unfinished line, and read on.
    if (start > 0) {
      buf.copy(buf, 0, start, filled);
      base += start;
      filled -= start;
      start = 0;
    }
    if (filled === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const n = readSync(fd, buf, filled, buf.length - filled, null);
    if (n === 0) {
      if (filled > 0) throw new Error('the last line has no newline');
      return;
    }
    filled += n;
  }
}

function toEntry<T extends CachedResult>(meta: unknown, result: unknown, key: CacheKey<T>, source: CacheEntry['source']): CacheEntry<T> | undefined {
  if (!Array.isArray(meta) || meta.length !== 7) return undefined;
  const [p, size, mtimeMs, ctimeMs, ino, seen, hash] = meta as unknown[];
  if (typeof p !== 'string' || typeof hash !== 'string') return undefined;
  if (![size, mtimeMs, ctimeMs, ino, seen].every((n) => typeof n === 'number')) return undefined;
  if (!key.isResult(result) || result.path !== p) return undefined;
  const entry: CacheEntry<T> = {
    path: p,
    stat: { size: size as number, mtimeMs: mtimeMs as number, ctimeMs: ctimeMs as number, ino: ino as number },
    seen: seen as number,
    hash,
    result,
  };
  if (source) entry.source = source;
  return entry;
}

/**
 * Writes a new cache an entry at a time into a temporary file, renamed over
 * the old one when complete: the cache is replaced whole or not at all.
 * Never throws; a cache that cannot be written is simply not written.
 */
export class CacheWriter<T extends CachedResult = CachedResult> {
  private text = '';
  private failed = false;
  private previous: number | undefined;

  private constructor(
    private readonly file: string,
    private readonly temp: string,
    private fd: number | undefined,
    previousFile: string | undefined,
  ) {
    if (previousFile !== undefined) {
      try {
        this.previous = openSync(previousFile, 'r');
      } catch {
        this.previous = undefined;
      }
    }
  }

  /** A writer for `file`; entries with a `source` are copied from `previous` (the cache they were read from). */
  static open<T extends CachedResult>(file: string, key: CacheKey<T>, previous?: string): CacheWriter<T> {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      markCacheDir(path.dirname(file));
      const writer = new CacheWriter<T>(file, temp, openSync(temp, 'w'), previous);
      writer.text = `${header(key)}\n`;
      return writer;
    } catch {
      const writer = new CacheWriter<T>(file, temp, undefined, undefined);
      writer.failed = true;
      return writer;
    }
  }

  add(e: CacheEntry<T>): void {
    if (this.failed) return;
    try {
      this.text += `${JSON.stringify([e.path, e.stat.size, e.stat.mtimeMs, e.stat.ctimeMs, e.stat.ino, e.seen, e.hash])}\t`;
      if (e.resultJson === undefined && e.source && this.previous !== undefined) {
        this.flush();
        const bytes = Buffer.allocUnsafe(e.source.length);
        if (readSync(this.previous, bytes, 0, bytes.length, e.source.offset) !== bytes.length) throw new Error('cache file changed');
        writeAll(this.fd!, bytes);
        this.text = '\n';
      } else {
        this.text += `${e.resultJson ?? JSON.stringify(e.result)}\n`;
      }
      if (this.text.length >= CHUNK) this.flush();
    } catch {
      this.fail();
    }
  }

  /** Finishes the file and puts it in place; false when it could not be written. */
  commit(): boolean {
    if (this.failed) return false;
    try {
      this.flush();
      closeSync(this.fd!);
      this.fd = undefined;
      this.closePrevious();
      renameSync(this.temp, this.file);
      return true;
    } catch {
      this.fail();
      return false;
    }
  }

  /** Gives up: the old cache stays as it was. */
  abort(): void {
    if (!this.failed) this.fail();
  }

  private flush(): void {
    if (this.text !== '') writeAll(this.fd!, Buffer.from(this.text, 'utf8'));
    this.text = '';
  }

  private closePrevious(): void {
    if (this.previous !== undefined) closeSync(this.previous);
    this.previous = undefined;
  }

  private fail(): void {
    this.failed = true;
    this.text = '';
    try {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      this.closePrevious();
      rmSync(this.temp, { force: true });
    } catch {
      // nothing more to do
    }
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

function markCacheDir(dir: string): void {
  const files: [string, string][] = [
    ['.gitignore', '# Created by csp: this folder is a cache and is not part of the repository.\n*\n'],
    [
      'CACHEDIR.TAG',
      'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by csp.\n# For information about cache directory tags see https://bford.info/cachedir/\n',
    ],
  ];
  for (const [name, text] of files) {
    try {
      writeFileSync(path.join(dir, name), text, { flag: 'wx' });
    } catch {
      // already there (or not writable: then the cache write fails anyway)
    }
  }
}

/** The files whose cached results still hold, and those to load again. */
export interface CacheCheck<T extends CachedResult> {
  /** By index in the listing: the cached result, when it still holds. */
  results: (T | undefined)[];
  /** By index: sha256 of the bytes the result came from. */
  hashes: (string | undefined)[];
  /** Entries to keep (with fresh stat data where the bytes had to be compared). */
  hits: CacheEntry<T>[];
  /** Indexes of the readable files to load. */
  misses: number[];
  /** Whether the cache file should be written again. */
  changed: boolean;
}

/**
 * Sorts listed files into cache hits and misses: a hit is a file whose lstat
 * data are those recorded and that was not racy then, or whose bytes hash
 * to the recorded hash. Files with a problem (links, unreadable) are neither.
 */
export function checkAgainstCache<T extends CachedResult>(
  entries: readonly PlanFileEntry[],
  cached: Map<string, CacheEntry<T>> | undefined,
  startedAt: number,
): CacheCheck<T> {
  const results = new Array<T | undefined>(entries.length);
  const hashes = new Array<string | undefined>(entries.length);
  const hits: CacheEntry<T>[] = [];
  const misses: number[] = [];
  let refreshed = 0;
  entries.forEach((entry, i) => {
    if (!entry.stat) return;
    const hit = cached?.get(entry.path);
    if (!hit || hit.stat.size !== entry.stat.size) {
      misses.push(i);
      return;
    }
    if (!sameStat(hit.stat, entry.stat) || isRacy(hit)) {
      // Touched, renamed over, or too recent to trust the timestamps: compare the bytes.
      const raw = readPlanFile(entry);
      if (!raw.bytes || sha256(raw.bytes) !== hit.hash) {
        misses.push(i);
        return;
      }
      hits.push({ ...hit, stat: entry.stat, seen: startedAt });
      refreshed++;
    } else hits.push(hit);
    results[i] = hit.result;
    hashes[i] = hit.hash;
  });
  const changed = cached === undefined || misses.length > 0 || refreshed > 0 || hits.length !== cached.size;
  return { results, hashes, hits, misses, changed };
}
