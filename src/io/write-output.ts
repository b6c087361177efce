/**
 * Generated files and output to a path the user named (reports, schemas):
 * replaced whole and atomically, or streamed into a device or pipe; never
 * turning something that is not a regular file into one.
 */
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { environmentError } from '../errors.js';
import { code, fsyncDir, realFs, removeQuietly, writeAll, writeFailed, type WriteOptions, writeTemp } from './write-fs.js';

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
