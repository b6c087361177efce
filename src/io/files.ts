/** Small file-system questions, folders, and new or generated files, with errors people can act on (exit 3). */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../errors.js';
import { createFile, replaceFileAtomic } from './write.js';

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

export function pathExists(p: string): boolean {
  return existsSync(p);
}

/** A new file under `root` (created, with its folders), whole or not at all; false when the name is taken. */
export async function writeNewFile(root: string, relative: string, text: string, display = relative): Promise<boolean> {
  ensureDir(root);
  return createFile(path.join(root, relative), new TextEncoder().encode(text), { root, display });
}

/** A file csp generates (and may replace), written whole through a temporary file. */
export function writeGeneratedFile(file: string, text: string, display = file): void {
  ensureDir(path.dirname(path.resolve(file)));
  replaceFileAtomic(file, new TextEncoder().encode(text), { display });
}

/** Removes a file csp created in this run (undoing a change that could not be finished); quiet when it is gone. */
export function removeCreatedFile(abs: string): void {
  rmSync(abs, { force: true });
}

/** A plan file's text for showing a diagnostic's line, or empty when it cannot be read. */
export function readPlanText(root: string, relative: string): string {
  try {
    return readFileSync(path.join(root, relative), 'utf8');
  } catch {
    return '';
  }
}
