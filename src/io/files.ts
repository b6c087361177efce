/** Small file-system questions and folders, with errors people can act on (exit 3). Writing goes through io/write.ts. */
import { mkdirSync, readFileSync } from 'node:fs';
import { environmentError } from '../errors.js';

/** Creates a folder and its parents when missing. */
export function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw environmentError(`cannot create the folder ${dir} (${code})`, 'check that the path is not a file and that you may write there');
  }
}

/** The text of a file, or undefined when there is none. */
export function readTextIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw environmentError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file permissions');
  }
}
