/**
 * Changing plan files without ever damaging them.
 *
 * - `updateFile`: an exclusive lock file `<file>.lock` beside the target
 *   (created with O_EXCL; other csp processes wait for it, bounded), then,
 *   holding it: read the current bytes, compute the new ones, write them to a
 *   temporary file in the same folder, fsync, rename over the target.
 *   Readers see the old file or the new one, never a mix.
 * - `createFile`: a new file, written whole to a temporary file and linked
 *   into place only if nothing has that name yet.
 * - The target must be a regular, writable file whose real path is inside the
 *   repository; symbolic links are never written through.
 * - Temporary and lock files are removed whatever happens: on errors, and on
 *   Ctrl-C or SIGTERM while the lock is held (the signal is acted on once the
 *   files are cleaned up). A lock left by a process that was killed outright
 *   is taken over once it is 30 s old and its process is gone.
 *
 * The file-system calls go through `FsOps` so that tests can make one fail.
 */
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { environmentError } from '../errors.js';
import { monotonicMs, nowMs } from './clock.js';

export type FsOps = Pick<
  typeof nodeFs,
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'fchmodSync'
  | 'renameSync'
  | 'linkSync'
  | 'unlinkSync'
  | 'readFileSync'
  | 'lstatSync'
  | 'statSync'
  | 'realpathSync'
  | 'accessSync'
  | 'mkdirSync'
>;

export const realFs: FsOps = nodeFs;

export interface WriteOptions {
  /** The repository root: the file's real path must be inside it. */
  root: string;
  /** The file's name as shown to people (relative to the root). */
  display: string;
  fs?: FsOps;
  /** How long to wait for another process's lock, in ms (default 10 s, or $CSP_LOCK_TIMEOUT seconds). */
  lockWaitMs?: number;
}

export const STALE_LOCK_MS = 30_000;

export function defaultLockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.CSP_LOCK_TIMEOUT);
  return env.CSP_LOCK_TIMEOUT !== undefined && Number.isFinite(s) && s >= 0 ? s * 1000 : 10_000;
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? 'error';
}

/** Refuses symbolic links, files outside the repository and read-only files or folders (exit 3). */
export function assertWritableTarget(file: string, opts: WriteOptions, mustExist = true): void {
  const fs = opts.fs ?? realFs;
  const shown = opts.display;
  const dir = path.dirname(file);
  let st: nodeFs.Stats | undefined;
  try {
    st = fs.lstatSync(file);
  } catch (err) {
    if (mustExist || code(err) !== 'ENOENT') throw environmentError(`cannot read ${shown} (${code(err)})`, 'check that the file exists and can be read');
  }
  if (st?.isSymbolicLink()) {
    throw environmentError(`${shown} is a symbolic link; csp does not write through links`, 'replace the link with the file itself');
  }
  if (st && !st.isFile()) throw environmentError(`${shown} is not a regular file`, 'plan files are plain text files');
  assertInsideRoot(fs, opts, dir);
  if (st && ((st.mode & 0o222) === 0 || !accessible(fs, file))) {
    throw environmentError(`${shown} is read-only; nothing was changed`, `make it writable (chmod u+w ${shown}) or ask who manages the file`);
  }
  if (!accessible(fs, dir)) {
    throw environmentError(`the folder of ${shown} is not writable; nothing was changed`, 'csp writes a temporary file beside the file; check the folder permissions');
  }
}

/** The real path of `dir` (or of its nearest existing parent) must be inside the repository root. */
function assertInsideRoot(fs: FsOps, opts: WriteOptions, dir: string): void {
  let existing = dir;
  while (!exists(fs, existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  let realRoot: string;
  let real: string;
  try {
    realRoot = fs.realpathSync(opts.root);
    real = fs.realpathSync(existing);
  } catch (err) {
    throw environmentError(`cannot resolve the folder of ${opts.display} (${code(err)})`);
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw environmentError(
      `${opts.display} is outside the repository (its folder leads to ${real} through a symbolic link); csp does not write there`,
      'keep plan files inside the repository, without symbolic links',
    );
  }
}

function exists(fs: FsOps, p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function accessible(fs: FsOps, p: string): boolean {
  try {
    fs.accessSync(p, nodeFs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

// ---- the lock -----------------------------------------------------------

interface Lock {
  path: string;
  token: string;
}

function lockToken(): string {
  return `${JSON.stringify({ pid: process.pid, host: hostname(), id: randomBytes(6).toString('hex') })}\n`;
}

function readLock(fs: FsOps, lockPath: string): { text: string; pid?: number; host?: string; ageMs: number } | undefined {
  try {
    const text = String(fs.readFileSync(lockPath, 'utf8'));
    const ageMs = nowMs() - fs.statSync(lockPath).mtimeMs;
    try {
      const data = JSON.parse(text) as { pid?: unknown; host?: unknown };
      return {
        text,
        ageMs,
        ...(typeof data.pid === 'number' ? { pid: data.pid } : {}),
        ...(typeof data.host === 'string' ? { host: data.host } : {}),
      };
    } catch {
      return { text, ageMs };
    }
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) === 'EPERM';
  }
}

/** A lock older than 30 s whose process (on this machine) is gone, or that never got its content. */
function isStale(info: { pid?: number; host?: string; ageMs: number }): boolean {
  if (info.ageMs < STALE_LOCK_MS) return false;
  if (info.pid === undefined) return true;
  return info.host === hostname() && info.pid !== process.pid && !processAlive(info.pid);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function acquireLock(file: string, opts: WriteOptions): Promise<Lock> {
  const fs = opts.fs ?? realFs;
  const lockPath = `${file}.lock`;
  const token = lockToken();
  const deadline = monotonicMs() + (opts.lockWaitMs ?? defaultLockWaitMs());
  for (let attempt = 0; ; attempt++) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(lockPath, 'wx', 0o644);
    } catch (err) {
      if (code(err) !== 'EEXIST') {
        throw environmentError(`cannot create the lock file ${opts.display}.lock (${code(err)}); nothing was changed`, 'check that the folder is writable');
      }
    }
    if (fd !== undefined) {
      try {
        writeAll(fs, fd, Buffer.from(token));
        fs.closeSync(fd);
        return { path: lockPath, token };
      } catch (err) {
        try {
          fs.closeSync(fd);
        } catch {
          // already closed
        }
        removeQuietly(fs, lockPath);
        throw environmentError(`cannot write the lock file ${opts.display}.lock (${code(err)}); nothing was changed`, 'check that the disk is not full');
      }
    }
    const held = readLock(fs, lockPath);
    if (held && isStale(held)) {
      // Crash recovery: remove it only if it is still the lock we judged stale.
      if (readLock(fs, lockPath)?.text === held.text) removeQuietly(fs, lockPath);
      continue;
    }
    if (monotonicMs() >= deadline) {
      const by = held?.pid !== undefined ? ` (process ${held.pid}${held.host && held.host !== hostname() ? ` on ${held.host}` : ''})` : '';
      throw environmentError(
        `another csp${by} is changing ${opts.display} and did not finish in time; nothing was changed`,
        `try again in a moment; if no csp is running, delete ${opts.display}.lock`,
      );
    }
    await sleep(Math.min(15 * 2 ** attempt, 150) * (0.5 + Math.random()));
  }
}

function releaseLock(fs: FsOps, lock: Lock): void {
  const held = readLock(fs, lock.path);
  if (held?.text === lock.token) removeQuietly(fs, lock.path);
}

function removeQuietly(fs: FsOps, p: string): void {
  try {
    fs.unlinkSync(p);
  } catch {
    // gone already
  }
}

/**
 * While the lock is held, SIGINT/SIGTERM/SIGHUP wait: the work in between is
 * synchronous, and the signal is raised again once the lock and any
 * temporary file are gone.
 */
function deferSignals(): () => Promise<void> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  let received: NodeJS.Signals | undefined;
  const handler = (sig: NodeJS.Signals) => {
    received ??= sig;
  };
  for (const s of signals) process.on(s, handler);
  return async () => {
    // Let a signal that arrived during the synchronous work reach the handler.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const s of signals) process.off(s, handler);
    if (received) process.kill(process.pid, received);
  };
}

// ---- writing --------------------------------------------------------------

function writeAll(fs: FsOps, fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
}

function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `bytes` to a new temporary file beside `file` and fsyncs it; the caller moves it into place. */
function writeTemp(fs: FsOps, file: string, bytes: Uint8Array, mode: number | undefined): string {
  const temp = tempPathFor(file);
  const fd = fs.openSync(temp, 'wx', 0o666);
  try {
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    writeAll(fs, fd, bytes);
    fs.fsyncSync(fd);
  } catch (err) {
    try {
      fs.closeSync(fd);
    } finally {
      removeQuietly(fs, temp);
    }
    throw err;
  }
  try {
    fs.closeSync(fd);
  } catch (err) {
    removeQuietly(fs, temp);
    throw err;
  }
  return temp;
}

function fsyncDir(fs: FsOps, dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not supported everywhere; the rename itself has happened.
  }
}

function writeFailed(display: string, err: unknown): Error {
  return environmentError(`cannot write ${display} (${code(err)}); the file was not changed`, writeHint(display, code(err)));
}

/** What to do about a failed write, for its cause: a missing folder is not a full disk. */
export function writeHint(display: string, errorCode: string): string {
  const folder = display.includes('/') ? display.slice(0, display.lastIndexOf('/')) || '/' : 'the current folder';
  switch (errorCode) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `the folder ${folder} does not exist: create it first, or write somewhere else`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `you cannot write in ${folder}: choose a folder you can write to`;
    case 'EISDIR':
      return `${display} is a folder: give a file name`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full: make room, then run the command again';
    default:
      return 'check that the disk is not full and the folder is writable, then run the command again';
  }
}

/**
 * Writes the whole file atomically: temporary file in the same folder, fsync,
 * rename. An existing file keeps its mode; a missing one is created. No lock:
 * see `updateFile`. Also what generated files (reports) are written with.
 */
export function replaceFileAtomic(file: string, bytes: Uint8Array, opts: Pick<WriteOptions, 'display' | 'fs'>): void {
  const fs = opts.fs ?? realFs;
  let temp: string | undefined;
  try {
    let mode: number | undefined;
    try {
      mode = fs.statSync(file).mode & 0o7777;
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
    }
    temp = writeTemp(fs, file, bytes, mode);
    fs.renameSync(temp, file);
    temp = undefined;
  } catch (err) {
    throw writeFailed(opts.display, err);
  } finally {
    if (temp !== undefined) removeQuietly(fs, temp);
  }
  fsyncDir(fs, path.dirname(file));
}

/**
 * Locks `file`, reads it, and replaces it with what `update` returns for the
 * current bytes. `update` runs with the lock held, so concurrent updates never
 * lose each other's changes; when it throws, nothing is written.
 */
export async function updateFile(file: string, update: (current: Uint8Array) => Uint8Array, opts: WriteOptions): Promise<void> {
  const fs = opts.fs ?? realFs;
  assertWritableTarget(file, opts);
  const lock = await acquireLock(file, opts);
  const resume = deferSignals();
  try {
    assertWritableTarget(file, opts);
    let current: Uint8Array;
    try {
      current = fs.readFileSync(file);
    } catch (err) {
      throw environmentError(`cannot read ${opts.display} (${code(err)})`, 'check the file permissions');
    }
    replaceFileAtomic(file, update(current), opts);
  } finally {
    releaseLock(fs, lock);
    await resume();
  }
}

/**
 * Creates `file` with `bytes` unless something already has that name
 * (returns false then). The content appears whole: it is written to a
 * temporary file first and hard-linked into place.
 */
export async function createFile(file: string, bytes: Uint8Array, opts: WriteOptions): Promise<boolean> {
  const fs = opts.fs ?? realFs;
  const dir = path.dirname(file);
  assertInsideRoot(fs, opts, dir);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw environmentError(`cannot create the folder of ${opts.display} (${code(err)})`, 'check the folder permissions');
  }
  assertWritableTarget(file, opts, false);
  let temp: string | undefined;
  const resume = deferSignals();
  try {
    temp = writeTemp(fs, file, bytes, undefined);
    try {
      fs.linkSync(temp, file);
    } catch (err) {
      if (code(err) === 'EEXIST') return false;
      if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(code(err))) throw err;
      // No hard links on this file system: reserve the name, then move the content over it.
      const fd = fs.openSync(file, 'wx');
      fs.closeSync(fd);
      fs.renameSync(temp, file);
      temp = undefined;
    }
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw writeFailed(opts.display, err);
  } finally {
    if (temp !== undefined) removeQuietly(fs, temp);
    fsyncDir(fs, dir);
    await resume();
  }
}
