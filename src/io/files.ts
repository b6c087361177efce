/** Small file-system questions, folders, and new or generated files, with errors people can act on (exit 3). */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../errors.js';
import { assertInsideRoot, assertWritableTarget, createFile, replaceFileAtomic } from './write.js';

/** Creates a folder and its parents when missing (`shown`: the folder as the user named it). */
export function ensureDir(dir: string, shown = dir): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw environmentError(`cannot create the folder ${shown} (${code})`, 'check that the path is not a file and that you may write there');
  }
}

/** Whether the path is a folder (or a link to one). */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The text of a file, or undefined when there is none (`shown`: the file as the user named it). */
export function readTextIfExists(file: string, shown = file): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw environmentError(`cannot read ${shown} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file permissions');
  }
}

/** The bytes of a document the user names (csp import's), or exit 3 saying it cannot be read. */
export function readDocument(file: string, shown: string, hint: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    throw environmentError(`cannot read ${shown} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, hint);
  }
}

export function pathExists(p: string): boolean {
  return existsSync(p);
}

/** What is at `p`, without following a link: undefined when nothing is. */
export function entryKind(p: string): 'folder' | 'file' | 'link' | 'other' | undefined {
  try {
    const st = lstatSync(p);
    return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

/** The names in a folder (none when it cannot be read). */
export function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A new file under `root` (created, with its folders), whole or not at all; false when the name is taken. */
export async function writeNewFile(root: string, relative: string, text: string, display = relative): Promise<boolean> {
  ensureDir(root);
  return createFile(path.join(root, relative), new TextEncoder().encode(text), { root, display });
}

/**
 * A file csp generates (and may replace) under `root`, written whole through
 * a temporary file; never through a symbolic link, nor into a folder that
 * leads out of `root` (checked before any folder is made).
 */
export function writeGeneratedFile(root: string, relative: string, text: string, display = relative): void {
  const file = path.join(root, relative);
  const opts = { root, display };
  ensureDir(root);
  assertInsideRoot(opts, path.dirname(file));
  ensureDir(path.dirname(file));
  assertWritableTarget(file, opts, false);
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
