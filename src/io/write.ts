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
 * Modules: write-fs.ts (targets, temporary files), write-lock.ts (the lock),
 * write-output.ts (generated files and output the user named).
 */
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { environmentError } from '../errors.js';
import { ownerGone } from './process-id.js';
import { acquireLock, deferSignals, releaseLock } from './write-lock.js';
import {
  assertInsideRoot,
  assertWritableTarget,
  code,
  type FsOps,
  fsyncDir,
  realFs,
  removeQuietly,
  sha256Hex,
  tempPathFor,
  writeFailed,
  writeInto,
  type WriteOptions,
  writeTemp,
} from './write-fs.js';

export { assertInsideRoot, assertWritableTarget, type FsOps, realFs, type WriteOptions } from './write-fs.js';
export { replaceFileAtomic, writeOutputFile } from './write-output.js';

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
