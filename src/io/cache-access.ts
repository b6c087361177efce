/**
 * Where the load cache lives and who may use it: the cache folder beside the
 * plan folder (`.csp-cache/`, ignoring itself in git, tagged for backup
 * tools), the user's key that signs its lines (kept outside the repository),
 * the check that git does not track the folder, and the removal of
 * temporary files whose writer is gone. The format of a cache file is
 * cache-file.ts; the cache as a whole is described in cache.ts.
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
import { notice } from './notices.js';
import { ownerGone, processStart } from './process-id.js';

export const CACHE_DIR = '.csp-cache';

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
/** Open for reading: never through a link, never blocking on a FIFO. */
export const READ_FLAGS = constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK;
/** Create for writing: a new file only, never through a link. */
export const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;

/** The cache of one repository root, usable in this run. */
export interface CacheAccess {
  root: string;
  /** The cache folder (it may not exist yet). */
  dir: string;
  secret: Buffer;
}

let crypto: typeof Crypto | undefined;
export function cryptoModule(): typeof Crypto {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto;
}

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
export function tempTag(): string {
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

export function writeAll(fd: number, bytes: Uint8Array): void {
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
export function prepareCacheDir(dir: string): void {
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

/** A whole file of the cache folder, opened without following a link; undefined when it is not a regular file of at most `maxBytes`, or cannot be read. Never throws. */
export function readCacheFile(file: string, maxBytes: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, READ_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readSmallFile(file: string): string | undefined {
  return readCacheFile(file, 4096)?.toString('utf8');
}

/** Replaces `name` in the cache folder `dir` with `parts`, through a temporary file renamed into place; throws when it cannot. */
function replaceFile(dir: string, name: string, parts: readonly Uint8Array[]): void {
  const temp = path.join(dir, `${name}.${tempTag()}.tmp`);
  try {
    const fd = openSync(temp, CREATE_FLAGS, 0o644);
    try {
      for (const part of parts) writeAll(fd, part);
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

function replaceSmallFile(dir: string, name: string, text: string): void {
  replaceFile(dir, name, [Buffer.from(text, 'utf8')]);
}

/** Writes a whole file of the cache (the folder made and checked first), replaced at once or not at all. Never throws. */
export function writeCacheFile(access: CacheAccess, file: string, parts: readonly Uint8Array[]): void {
  try {
    prepareCacheDir(access.dir);
    replaceFile(access.dir, path.basename(file), parts);
  } catch {
    // no cache written: the next run computes again
  }
}
