/**
 * What writing needs of the file system, for every kind of write (plan
 * files, generated files, output the user named; see write.ts): the file-system
 * calls as `FsOps` (so that tests can make one fail), the checks of a
 * target (a regular file, writable, inside the repository, never through a
 * link), and temporary files beside the target, written whole and synced.
 */
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { environmentError } from '../errors.js';
import { processStart } from './process-id.js';

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
  /** How long to wait for another process's lock, in ms (default 10 s; use cases pass write-lock.ts's lockWaitMs(env), $CSP_LOCK_TIMEOUT). */
  lockWaitMs?: number;
}

export function code(err: unknown): string {
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

export function removeQuietly(fs: FsOps, p: string): void {
  try {
    fs.unlinkSync(p);
  } catch {
    // gone already
  }
}
export function writeAll(fs: FsOps, fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
}

/** `.NAME.PID.START.RANDOM.tmp`: hidden, unguessable, and naming its writer so that a later run can tell it is gone. */
export function tempPathFor(file: string, ext = 'tmp', tag = randomBytes(6).toString('hex')): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${processStart(process.pid) ?? 'x'}.${tag}.${ext}`);
}
export function sha256Hex(bytes: Uint8Array): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
}

/** Writes `bytes` over the file's content, in place (same inode), and syncs it. */
export function writeInto(fs: FsOps, file: string, bytes: Uint8Array): void {
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
export function writeTemp(fs: FsOps, file: string, bytes: Uint8Array, mode: number | undefined, owner?: { uid: number; gid: number }, temp = tempPathFor(file)): string {
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

export function fsyncDir(fs: FsOps, dir: string): void {
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

export function writeFailed(display: string, err: unknown): Error {
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

