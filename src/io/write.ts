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
 * - The file keeps its owner, group and mode (the replacement is given
 *   them); a file with hard links, or one whose owner csp cannot give the
 *   replacement, is written in place instead, after a durable backup of its
 *   old bytes beside it, so that its other names see the change too.
 * - Temporary and lock files are removed whatever happens: on errors, and on
 *   Ctrl-C or SIGTERM while the lock is held (the signal is acted on once the
 *   files are cleaned up). A lock, temporary file or backup left by a process
 *   killed outright is recognised by its writer's pid and process start time
 *   (so a reused pid is no alibi) and taken over or cleaned up at once by the
 *   next csp that takes the lock; a backup means an interrupted in-place
 *   write, which is finished or undone.
 *
 * The file-system calls go through `FsOps` so that tests can make one fail.
 */
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { environmentError } from '../errors.js';
import { monotonicMs, nowMs } from './clock.js';
import { ownerGone, processStart, self } from './process-id.js';

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
  | 'fchownSync'
  | 'ftruncateSync'
  | 'fstatSync'
  | 'readdirSync'
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

function defaultLockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
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
  assertInsideRoot(opts, dir, fs);
  if (st && ((st.mode & 0o222) === 0 || !accessible(fs, file))) {
    throw environmentError(`${shown} is read-only; nothing was changed`, `make it writable (chmod u+w ${shown}) or ask who manages the file`);
  }
  if (!accessible(fs, dir)) {
    throw environmentError(`the folder of ${shown} is not writable; nothing was changed`, 'csp writes a temporary file beside the file; check the folder permissions');
  }
}

/** The real path of `dir` (or of its nearest existing parent) must be inside the repository root. */
export function assertInsideRoot(opts: WriteOptions, dir: string, fs: FsOps = opts.fs ?? realFs): void {
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

/** Who holds the lock: pid, host, when the process started and in which boot (see process-id.ts). */
function lockToken(): string {
  const me = self();
  return `${JSON.stringify({ pid: me.pid, host: hostname(), id: randomBytes(6).toString('hex'), start: me.start, boot: me.boot })}\n`;
}

interface LockInfo {
  text: string;
  pid?: number;
  host?: string;
  start?: string | null;
  boot?: string | null;
  ageMs: number;
}

function readLock(fs: FsOps, lockPath: string): LockInfo | undefined {
  try {
    const text = String(fs.readFileSync(lockPath, 'utf8'));
    const ageMs = nowMs() - fs.statSync(lockPath).mtimeMs;
    try {
      const data = JSON.parse(text) as Record<string, unknown>;
      return {
        text,
        ageMs,
        ...(typeof data.pid === 'number' ? { pid: data.pid } : {}),
        ...(typeof data.host === 'string' ? { host: data.host } : {}),
        ...(typeof data.start === 'string' ? { start: data.start } : {}),
        ...(typeof data.boot === 'string' ? { boot: data.boot } : {}),
      };
    } catch {
      return { text, ageMs };
    }
  } catch {
    return undefined;
  }
}

/** A lock whose text never got written is being written now, unless it is this old. */
const EMPTY_LOCK_MS = 2_000;

/**
 * A lock whose process is gone: at once when that process ran on this
 * machine (its pid is dead, or now belongs to a process that started at
 * another moment or in another boot). A lock from another machine is never
 * judged; one without readable content is stale once EMPTY_LOCK_MS old.
 */
function isStale(info: LockInfo): boolean {
  if (info.pid === undefined) return info.ageMs >= EMPTY_LOCK_MS;
  if (info.host !== hostname()) return false;
  return ownerGone({ pid: info.pid, ...(info.start !== undefined ? { start: info.start } : {}), ...(info.boot !== undefined ? { boot: info.boot } : {}) });
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

/** `.NAME.PID.START.RANDOM.tmp`: hidden, unguessable, and naming its writer so that a later run can tell it is gone. */
function tempPathFor(file: string, ext = 'tmp', tag = randomBytes(6).toString('hex')): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${processStart(process.pid) ?? 'x'}.${tag}.${ext}`);
}

const LEFTOVER = /^\.(.+)\.(\d+)\.(\d+|x)\.([0-9a-f]+)\.(tmp|bak)$/;
/** csp 0.1.0's temporary files: `.NAME.PID.RANDOM.tmp`. */
const OLD_LEFTOVER = /^\.(.+)\.(\d+)\.([0-9a-f]{8})\.tmp$/;

/**
 * With the lock of `file` held: removes the temporary files that killed csp
 * processes left beside it, and settles an in-place write one of them was
 * making (its backup, `.bak`, named after the hash of the new bytes): if the
 * file has those bytes, the write finished and the backup goes; if not, the
 * old bytes are put back.
 */
function recoverLeftovers(fs: FsOps, file: string): void {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir) as string[];
  } catch {
    return;
  }
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    const old = m ? undefined : OLD_LEFTOVER.exec(name);
    if ((m?.[1] ?? old?.[1]) !== base) continue;
    const start = m ? (m[3] === 'x' ? null : m[3]!) : null;
    if (!ownerGone({ pid: Number(m?.[2] ?? old![2]), start })) continue;
    const leftover = path.join(dir, name);
    if (m?.[5] === 'bak') {
      const current = fs.readFileSync(file);
      if (sha256Hex(current).slice(0, m[4]!.length) !== m[4]) writeInto(fs, file, fs.readFileSync(leftover));
    }
    removeQuietly(fs, leftover);
  }
}

function sha256Hex(bytes: Uint8Array): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
}

/** Writes `bytes` over the file's content, in place (same inode), and syncs it. */
function writeInto(fs: FsOps, file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, nodeFs.constants.O_WRONLY | (nodeFs.constants.O_NOFOLLOW ?? 0));
  try {
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off, off);
    fs.ftruncateSync(fd, bytes.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `bytes` to a new temporary file beside `file` and fsyncs it; the
 * caller moves it into place. With `owner`, the file gets that owner and
 * group first (throws EPERM when csp may not give them).
 */
function writeTemp(fs: FsOps, file: string, bytes: Uint8Array, mode: number | undefined, owner?: { uid: number; gid: number }, temp = tempPathFor(file)): string {
  const fd = fs.openSync(temp, nodeFs.constants.O_WRONLY | nodeFs.constants.O_CREAT | nodeFs.constants.O_EXCL | (nodeFs.constants.O_NOFOLLOW ?? 0), 0o666);
  try {
    if (owner) {
      const st = fs.fstatSync(fd);
      if (st.uid !== owner.uid || st.gid !== owner.gid) fs.fchownSync(fd, owner.uid, owner.gid);
    }
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
function writeHint(display: string, errorCode: string): string {
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
 * Writes output to a path the user named (`csp report -o FILE`, `csp schema
 * --out DIR`), without ever turning something that is not a regular file
 * into one:
 * - a regular file, or nothing yet: replaced whole, atomically (temporary
 *   file, fsync, rename), keeping its mode;
 * - a symbolic link: the file it leads to is written by these same rules,
 *   and the link stays a link (a link that leads nowhere is refused);
 * - a character or block device or a FIFO (`/dev/null`, `/dev/stdout`, a
 *   named pipe): opened and written in place, as a stream — never renamed over;
 * - a folder or a socket: refused.
 * Errors are user-level (exit 3) and name the path as it was given.
 */
export function writeOutputFile(file: string, bytes: Uint8Array, opts: Pick<WriteOptions, 'display' | 'fs'>): void {
  const fs = opts.fs ?? realFs;
  let target = file;
  let st: nodeFs.Stats | undefined;
  try {
    st = fs.lstatSync(file);
  } catch (err) {
    if (code(err) !== 'ENOENT') throw environmentError(`cannot write ${opts.display} (${code(err)})`, 'check the path and its permissions');
  }
  if (st?.isSymbolicLink()) {
    try {
      st = fs.statSync(file);
      // A regular file is replaced where it is; a device or pipe (/dev/stdout on a pipe) is opened through the link.
      if (st.isFile()) target = fs.realpathSync(file);
    } catch (err) {
      if (code(err) !== 'ENOENT') throw environmentError(`cannot follow the link ${opts.display} (${code(err)})`, 'check where the link leads');
      throw environmentError(`${opts.display} is a symbolic link that leads nowhere; nothing was written`, 'point the link at a file, or write to another path');
    }
  }
  if (!st || st.isFile()) {
    replaceFileAtomic(target, bytes, opts);
    return;
  }
  if (st.isDirectory()) throw environmentError(`${opts.display} is a folder; nothing was written`, 'give a file name');
  if (!st.isCharacterDevice() && !st.isBlockDevice() && !st.isFIFO()) {
    throw environmentError(`${opts.display} is neither a file, a device nor a pipe; nothing was written`, 'give a file name');
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(target, nodeFs.constants.O_WRONLY);
    writeAll(fs, fd, bytes);
  } catch (err) {
    throw environmentError(`cannot write ${opts.display} (${code(err)})`, code(err) === 'ENOSPC' ? 'the device is full' : 'check the device or pipe, and its permissions');
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // written or not, nothing more to do
      }
    }
  }
}

/**
 * A plan file's new bytes, with its owner, group, mode and hard links kept:
 * replaced atomically by a temporary file given its owner, group and mode;
 * or, when it has other hard links or csp may not give the replacement its
 * owner (EPERM), written in place after a durable backup (see recoverLeftovers).
 */
function replacePlanFile(fs: FsOps, file: string, bytes: Uint8Array, current: Uint8Array, opts: WriteOptions): void {
  let st: nodeFs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (err) {
    throw writeFailed(opts.display, err);
  }
  const mode = st.mode & 0o7777;
  if (st.nlink <= 1) {
    let temp: string | undefined;
    try {
      temp = writeTemp(fs, file, bytes, mode, { uid: st.uid, gid: st.gid });
      fs.renameSync(temp, file);
      temp = undefined;
      fsyncDir(fs, path.dirname(file));
      return;
    } catch (err) {
      if (code(err) !== 'EPERM') throw writeFailed(opts.display, err);
    } finally {
      if (temp !== undefined) removeQuietly(fs, temp);
    }
  }
  // In place: the old bytes first, durably, beside the file, named after the new bytes' hash.
  let backup: string | undefined;
  try {
    backup = writeTemp(fs, file, current, 0o600, undefined, tempPathFor(file, 'bak', sha256Hex(bytes).slice(0, 16)));
    fsyncDir(fs, path.dirname(file));
  } catch (err) {
    if (backup !== undefined) removeQuietly(fs, backup);
    throw writeFailed(opts.display, err);
  }
  try {
    writeInto(fs, file, bytes);
  } catch (err) {
    try {
      writeInto(fs, file, current);
      removeQuietly(fs, backup);
    } catch {
      // The backup stays: the next csp to take the lock puts it back.
    }
    throw writeFailed(opts.display, err);
  }
  removeQuietly(fs, backup);
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
    recoverLeftovers(fs, file);
    assertWritableTarget(file, opts);
    let current: Uint8Array;
    try {
      current = fs.readFileSync(file);
    } catch (err) {
      throw environmentError(`cannot read ${opts.display} (${code(err)})`, 'check the file permissions');
    }
    replacePlanFile(fs, file, update(current), current, opts);
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
  assertInsideRoot(opts, dir, fs);
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
