/** Writing a generated file (a report, an export) whole or not at all. */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../errors.js';

export function writeOutputFile(target: string, text: string): void {
  const abs = path.resolve(target);
  const temp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, abs);
  } catch (err) {
    rmSync(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw environmentError(`cannot write ${target} (${code})`, 'check that the folder exists and is writable, and that the disk is not full');
  }
}

/**
 * Writes a file whole or not at all, through a temporary file in the same
 * folder. Without `replace` an existing file is left alone and 'exists' is
 * returned: the new file is hard-linked into place, which fails if the name
 * is taken, so two writers can never overwrite each other.
 */
export function writeFileAtomic(target: string, text: string, options: { replace: boolean; label?: string }): 'written' | 'exists' {
  const abs = path.resolve(target);
  const temp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.replace) renameSync(temp, abs);
    else {
      try {
        linkSync(temp, abs);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return 'exists';
        // Some file systems have no hard links: check, then rename (not race-free, but never silent).
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
        if (existsSync(abs)) return 'exists';
        renameSync(temp, abs);
      }
    }
    return 'written';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw environmentError(`cannot write ${options.label ?? target} (${code})`, 'check that the folder is writable and that the disk is not full');
  } finally {
    rmSync(temp, { force: true });
  }
}
