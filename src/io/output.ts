/** Writing a generated file (a report, an export) whole or not at all. */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
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
