/**
 * The load cache: what loading each plan file gave, so that a file which has
 * not changed since the last run is not parsed again.
 *
 * Where: `.csp-cache/` beside the plan folder (the repository root), a folder
 * that ignores itself in git (its own .gitignore holds `*`, as pytest's cache
 * does; repaired when it is not what csp wrote) and is marked with a
 * CACHEDIR.TAG for backup tools.
 *
 * What: one file per plan folder, in lines: a header naming the format, the
 * csp build that wrote it and the plan folder; then one line per plan file,
 * `[path, sha256, mac]` TAB the file's result as JSON. Lines of files that did
 * not change are copied byte for byte when the cache is written again. JSON
 * escapes tabs and newlines inside strings, so the two separators cannot
 * occur in the data.
 *
 * Trust: the cache is a hint, never an authority. A result is used only for
 * bytes csp read and hashed in this run, and only when its line carries a
 * valid HMAC-SHA256 (over the kind, plan folder, path, hash and result) made
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
import type * as Crypto from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  futimesSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { sha256 } from './hash.js';
import { notice } from './notices.js';
import { type PlanFileEntry, readPlanFile } from './plan-files.js';
import { ownerGone, processStart } from './process-id.js';

declare const CSP_BUILD_ID: string | undefined;

export const CACHE_DIR = '.csp-cache';
const FORMAT = 'csp-load-cache';
const FORMAT_VERSION = 2;
const NEWLINE = 0x0a;
const TAB = 0x09;
const CHUNK = 1 << 20;
const HEX64 = /^[0-9a-f]{64}$/;

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
/** Open for reading: never through a link, never blocking on a FIFO. */
const READ_FLAGS = constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK;
/** Create for writing: a new file only, never through a link. */
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;

/** What a cached result must be: plain data that names its file. */
export interface CachedResult {
  path: string;
}

export interface CacheEntry<T extends CachedResult = CachedResult> {
  path: string;
  /** sha256 of the bytes, hex. */
  hash: string;
  /** HMAC of the line's content; computed when the entry is written, if absent. */
  mac?: string;
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
  /** Whether a result read back has the shape the loader expects, all the way down. */
  isResult(value: unknown): value is T;
}

/** The cache of one repository root, usable in this run. */
export interface CacheAccess {
  root: string;
  /** The cache folder (it may not exist yet). */
  dir: string;
  secret: Buffer;
}

/** What a cache file held that can still be used. */
export interface CacheContents<T extends CachedResult> {
  entries: Map<string, CacheEntry<T>>;
  /** Lines that were dropped (forged, damaged, wrong shape, duplicated). */
  dropped: number;
}

function buildId(): string {
  return typeof CSP_BUILD_ID === 'string' ? CSP_BUILD_ID : 'dev';
}

let crypto: typeof Crypto | undefined;
function cryptoModule(): typeof Crypto {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto;
}

export function cacheFile(root: string, key: Pick<CacheKey, 'kind' | 'planDir'>): string {
  const name = path.basename(key.planDir).replace(/[^A-Za-z0-9._-]/g, '_') || 'plan';
  return path.join(root, CACHE_DIR, `${key.kind}-${name}.jsonl`);
}

function header(key: Pick<CacheKey, 'kind' | 'planDir'>): string {
  return JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, build: buildId(), kind: key.kind, planDir: key.planDir });
}

function mac(secret: Buffer, key: Pick<CacheKey, 'kind' | 'planDir'>, file: string, hash: string, resultJson: Uint8Array | string): string {
  return cryptoModule()
    .createHmac('sha256', secret)
    .update(`${FORMAT}\0${FORMAT_VERSION}\0${key.kind}\0${key.planDir}\0${file}\0${hash}\0`)
    .update(resultJson)
    .digest('hex');
}

// ---- access: the key, the folder, git --------------------------------------

const sessions = new Map<string, CacheAccess | null>();

/**
 * The cache of `root` for this run, or undefined when there is none to use:
 * no key can be had, the cache folder is not a plain folder, or git tracks
 * it (reported once as a warning). Also removes temporary files whose
 * writer is gone. Asked once per run and root.
 */
export function openCache(root: string, env: NodeJS.ProcessEnv): CacheAccess | undefined {
  // Keyed by where the key comes from too: callers in one process may pass other environments (tests do).
  const id = `${root}\0${env.XDG_CACHE_HOME ?? ''}\0${env.HOME ?? ''}`;
  let access = sessions.get(id);
  if (access === undefined) {
    access = openCacheNow(root, env) ?? null;
    sessions.set(id, access);
  }
  return access ?? undefined;
}

/** Forgets the caches opened by a run, so that the next run in this process (a test's) asks again. */
export function endCacheSessions(): void {
  sessions.clear();
}

function openCacheNow(root: string, env: NodeJS.ProcessEnv): CacheAccess | undefined {
  const dir = path.join(root, CACHE_DIR);
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    st = undefined;
  }
  if (st && !st.isDirectory()) return undefined;
  if (st) {
    if (trackedByGit(root, dir)) {
      notice(
        `${CACHE_DIR}/ is committed to git; csp ignores it (a cache from the repository could hide errors)`,
        `remove it from git: git rm -r --cached ${CACHE_DIR} && git commit -m "Stop tracking the csp cache"`,
      );
      return undefined;
    }
    removeStaleTemps(dir);
  }
  const secret = cacheSecret(env);
  return secret ? { root, dir, secret } : undefined;
}

/** The user's cache key, made on first use: 32 random bytes readable only by the user. */
function cacheSecret(env: NodeJS.ProcessEnv): Buffer | undefined {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : env.HOME && path.isAbsolute(env.HOME) ? path.join(env.HOME, '.cache') : undefined;
  if (!base) return undefined;
  const dir = path.join(base, 'csp');
  const file = path.join(dir, 'cache-key');
  const found = readSecret(file);
  if (found) return found;
  let temp: string | undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    temp = path.join(dir, `.cache-key.${tempTag()}.tmp`);
    const fd = openSync(temp, CREATE_FLAGS, 0o600);
    try {
      writeAll(fd, cryptoModule().randomBytes(32));
    } finally {
      closeSync(fd);
    }
    // Linked into place, so a key is never seen half-written and two first runs agree on one key.
    try {
      linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  } catch {
    return undefined;
  } finally {
    if (temp !== undefined) rmSync(temp, { force: true });
  }
  return readSecret(file);
}

function readSecret(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, READ_FLAGS);
    const st = fstatSync(fd);
    // Only a key that nobody else could have written or swapped.
    if (!st.isFile() || st.size !== 32 || (st.mode & 0o022) !== 0) return undefined;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
    const key = Buffer.alloc(32);
    return readSync(fd, key, 0, 32, 0) === 32 ? key : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The git directory of the repository that holds `root`, if any. */
function findGitDir(root: string): string | undefined {
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.git');
    try {
      const st = lstatSync(candidate);
      if (st.isDirectory()) return candidate;
      if (st.isFile()) {
        const m = /^gitdir: (.+)$/m.exec(readFileSync(candidate, 'utf8'));
        return m ? path.resolve(dir, m[1]!.trim()) : undefined;
      }
    } catch {
      // not here
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Whether git tracks anything in the cache folder. Git is asked only when
 * its index changed since csp last asked (a stamp file in the folder).
 */
function trackedByGit(root: string, dir: string): boolean {
  const gitDir = findGitDir(root);
  if (!gitDir) return false;
  let indexTime: number;
  try {
    indexTime = statSync(path.join(gitDir, 'index')).mtimeMs;
  } catch {
    return false;
  }
  const stamp = path.join(dir, 'git-checked');
  try {
    if (lstatSync(stamp).mtimeMs > indexTime) return false;
  } catch {
    // never asked
  }
  const r = process.getBuiltinModule('node:child_process').spawnSync('git', ['ls-files', '-z', '--', CACHE_DIR], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 10_000,
  });
  if (r.status === 0 && r.stdout !== '') return true;
  try {
    let fd: number;
    try {
      fd = openSync(stamp, CREATE_FLAGS, 0o644);
    } catch {
      fd = openSync(stamp, constants.O_WRONLY | O_NOFOLLOW);
    }
    const later = new Date(Date.now() + 1);
    futimesSync(fd, later, later);
    closeSync(fd);
  } catch {
    // a read-only folder: asked again next time
  }
  return false;
}

/** `pid.start.random`: who writes a temporary file, and a part nobody can guess. */
function tempTag(): string {
  return `${process.pid}.${processStart(process.pid) ?? 'x'}.${cryptoModule().randomBytes(8).toString('hex')}`;
}

const TEMP_NAME = /\.(\d+)\.(\d+|x)\.[0-9a-f]+\.tmp$/;
/** What csp 0.1.0 named its temporary files: `<name>.<pid>.tmp`. */
const OLD_TEMP_NAME = /\.jsonl\.(\d+)\.tmp$/;
const ORPHAN_AGE_MS = 10 * 60_000;

/** Removes temporary files of the cache folder whose writer is gone. */
function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith('.tmp')) continue;
    const file = path.join(dir, name);
    const m = TEMP_NAME.exec(name) ?? OLD_TEMP_NAME.exec(name);
    let gone: boolean;
    if (m) gone = ownerGone({ pid: Number(m[1]), start: m[2] === undefined || m[2] === 'x' ? null : m[2] });
    else {
      try {
        gone = Date.now() - lstatSync(file).mtimeMs > ORPHAN_AGE_MS;
      } catch {
        gone = false;
      }
    }
    if (gone) rmSync(file, { force: true });
  }
}

// ---- reading -------------------------------------------------------------

/**
 * What the cache file holds that can be trusted, or undefined when it cannot
 * be used at all (missing, not a regular file, another format, build or plan
 * folder). Lines that fail their MAC or shape are dropped. Never throws.
 */
export function readCache<T extends CachedResult>(access: CacheAccess, key: CacheKey<T>): CacheContents<T> | undefined {
  let fd: number;
  try {
    fd = openSync(cacheFile(access.root, key), READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const entries = new Map<string, CacheEntry<T>>();
    let dropped = 0;
    let first = true;
    for (const { line, offset, complete } of lines(fd)) {
      if (first) {
        if (!complete || line.toString('utf8') !== header(key)) return undefined;
        first = false;
        continue;
      }
      const entry = complete ? toEntry(access, key, line, offset) : undefined;
      if (!entry || entries.has(entry.path)) {
        dropped++;
        continue;
      }
      entries.set(entry.path, entry);
    }
    return first ? undefined : { entries, dropped };
  } catch {
    // Unreadable: no cache.
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The lines of a file, without their newlines, read a chunk at a time; the last one may be cut short. */
function* lines(fd: number): Generator<{ line: Buffer; offset: number; complete: boolean }> {
  let buf = Buffer.allocUnsafe(CHUNK);
  let start = 0;
  let filled = 0;
  /** File offset of buf[0]. */
  let base = 0;
  for (;;) {
    const end = buf.subarray(0, filled).indexOf(NEWLINE, start);
    if (end >= 0) {
      yield { line: buf.subarray(start, end), offset: base + start, complete: true };
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
      if (filled > 0) yield { line: buf.subarray(0, filled), offset: base, complete: false };
      return;
    }
    filled += n;
  }
}

function toEntry<T extends CachedResult>(access: CacheAccess, key: CacheKey<T>, line: Buffer, offset: number): CacheEntry<T> | undefined {
  const tab = line.indexOf(TAB);
  if (tab < 0) return undefined;
  let meta: unknown;
  try {
    meta = JSON.parse(line.toString('utf8', 0, tab));
  } catch {
    return undefined;
  }
  if (!Array.isArray(meta) || meta.length !== 3) return undefined;
  const [p, hash, tag] = meta as unknown[];
  if (typeof p !== 'string' || typeof hash !== 'string' || typeof tag !== 'string' || !HEX64.test(hash) || !HEX64.test(tag)) return undefined;
  const json = line.subarray(tab + 1);
  const expected = Buffer.from(mac(access.secret, key, p, hash, json), 'hex');
  if (!cryptoModule().timingSafeEqual(expected, Buffer.from(tag, 'hex'))) return undefined;
  let result: unknown;
  try {
    result = JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!key.isResult(result) || result.path !== p) return undefined;
  return { path: p, hash, mac: tag, result, source: { offset: offset + tab + 1, length: json.length } };
}

// ---- writing -------------------------------------------------------------

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
    private readonly access: CacheAccess | undefined,
    private readonly key: CacheKey<T> | undefined,
    private readonly file: string,
    private readonly temp: string | undefined,
    private fd: number | undefined,
    previousFile: string | undefined,
  ) {
    if (previousFile !== undefined) {
      try {
        this.previous = openSync(previousFile, READ_FLAGS);
      } catch {
        this.previous = undefined;
      }
    }
  }

  /** A writer of the cache for `key`; entries with a `source` are copied from `previous` (the cache they were read from). */
  static open<T extends CachedResult>(access: CacheAccess, key: CacheKey<T>, previous?: string): CacheWriter<T> {
    const file = cacheFile(access.root, key);
    let temp: string | undefined;
    try {
      prepareCacheDir(access.dir);
      temp = path.join(access.dir, `${path.basename(file)}.${tempTag()}.tmp`);
      const writer = new CacheWriter<T>(access, key, file, temp, openSync(temp, CREATE_FLAGS, 0o644), previous);
      writer.text = `${header(key)}\n`;
      return writer;
    } catch {
      const writer = new CacheWriter<T>(undefined, undefined, file, undefined, undefined, undefined);
      writer.failed = true;
      return writer;
    }
  }

  add(e: CacheEntry<T>): void {
    if (this.failed) return;
    try {
      if (e.resultJson === undefined && e.source && e.mac !== undefined && this.previous !== undefined) {
        this.text += `${JSON.stringify([e.path, e.hash, e.mac])}\t`;
        this.flush();
        const bytes = Buffer.allocUnsafe(e.source.length);
        if (readSync(this.previous, bytes, 0, bytes.length, e.source.offset) !== bytes.length) throw new Error('cache file changed');
        writeAll(this.fd!, bytes);
        this.text = '\n';
      } else {
        const json = e.resultJson ?? JSON.stringify(e.result);
        const tag = mac(this.access!.secret, this.key!, e.path, e.hash, json);
        this.text += `${JSON.stringify([e.path, e.hash, tag])}\t${json}\n`;
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
      renameSync(this.temp!, this.file);
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
      if (this.temp !== undefined) rmSync(this.temp, { force: true });
    } catch {
      // nothing more to do
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

const GITIGNORE = '# Created by csp: this folder is a cache and is not part of the repository.\n*\n';
const CACHEDIR_TAG =
  'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by csp.\n# For information about cache directory tags see https://bford.info/cachedir/\n';

/**
 * The cache folder, made if missing, a real folder (not a link), with its
 * .gitignore as csp writes it (repaired when empty or changed: a cache git
 * does not ignore gets committed) and its CACHEDIR.TAG. Throws when any of
 * this fails: then no cache is written.
 */
function prepareCacheDir(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (!lstatSync(dir).isDirectory()) throw new Error('the cache folder is not a folder');
  if (readSmallFile(path.join(dir, '.gitignore')) !== GITIGNORE) replaceSmallFile(dir, '.gitignore', GITIGNORE);
  if (readSmallFile(path.join(dir, 'CACHEDIR.TAG')) === undefined) {
    try {
      replaceSmallFile(dir, 'CACHEDIR.TAG', CACHEDIR_TAG);
    } catch {
      // only for backup tools
    }
  }
}

function readSmallFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, READ_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > 4096) return undefined;
    const buf = Buffer.alloc(st.size);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function replaceSmallFile(dir: string, name: string, text: string): void {
  const temp = path.join(dir, `${name}.${tempTag()}.tmp`);
  try {
    const fd = openSync(temp, CREATE_FLAGS, 0o644);
    try {
      writeAll(fd, Buffer.from(text, 'utf8'));
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path.join(dir, name));
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // not made
    }
    throw err;
  }
}

// ---- using it --------------------------------------------------------------

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
}

/**
 * Sorts listed files into cache hits and misses. Every file with an entry is
 * read and hashed now: a hit is a file whose bytes hash to its entry's hash.
 * A file too large to be a plan file is never a hit (only its first bytes
 * are read). Files with a problem (links, unreadable) are neither.
 */
export function checkAgainstCache<T extends CachedResult>(entries: readonly PlanFileEntry[], cached: CacheContents<T> | undefined): CacheCheck<T> {
  const results = new Array<T | undefined>(entries.length);
  const hashes = new Array<string | undefined>(entries.length);
  const hits: CacheEntry<T>[] = [];
  const misses: number[] = [];
  entries.forEach((entry, i) => {
    if (!entry.stat) return;
    const hit = cached?.entries.get(entry.path);
    if (!hit) {
      misses.push(i);
      return;
    }
    const raw = readPlanFile(entry);
    if (!raw.bytes || raw.size !== undefined || sha256(raw.bytes) !== hit.hash) {
      misses.push(i);
      return;
    }
    hits.push(hit);
    results[i] = hit.result;
    hashes[i] = hit.hash;
  });
  const changed = cached === undefined || cached.dropped > 0 || misses.length > 0 || hits.length !== cached.entries.size;
  return { results, hashes, hits, misses, changed };
}
