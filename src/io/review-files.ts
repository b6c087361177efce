/** Reading and writing review files (plan/reviews/NAME.yaml). */
import { lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { RawFile } from '../core/load.js';
import { REVIEWS_DIR } from '../core/vocabulary.js';
import { environmentError } from '../errors.js';
import { type PlanFileEntry, type PlanLocation, readPlanFile, toRepoPath } from './plan-files.js';
import { assertWritableTarget, createFile, replaceFileAtomic } from './write.js';

function reviewsFolder(loc: PlanLocation): string {
  return path.join(loc.planDir, REVIEWS_DIR);
}

function entryOf(loc: PlanLocation, abs: string): PlanFileEntry {
  const rel = toRepoPath(loc.root, abs);
  try {
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) return { path: rel, abs, problem: { kind: 'symlink', detail: 'symbolic link' } };
    return { path: rel, abs, stat: { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino } };
  } catch (err) {
    return { path: rel, abs, problem: { kind: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? String(err) } };
  }
}

function readOne(loc: PlanLocation, abs: string): RawFile {
  // As plan files: never through a link, never more than 1 MiB + 1 byte.
  return readPlanFile(entryOf(loc, abs));
}

/** Every .yaml/.yml file directly in the reviews folder with its lstat data, sorted by path; none when the folder does not exist. */
export function listReviewFiles(loc: PlanLocation): PlanFileEntry[] {
  const dir = reviewsFolder(loc);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw environmentError(`cannot read folder ${toRepoPath(loc.root, dir)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return entries
    .filter((e) => !e.name.startsWith('.') && /\.ya?ml$/i.test(e.name) && (e.isFile() || e.isSymbolicLink()))
    .map((e) => entryOf(loc, path.join(dir, e.name)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Every .yaml/.yml file directly in the reviews folder, sorted by path; none when the folder does not exist. */
export function readReviewFiles(loc: PlanLocation): RawFile[] {
  return listReviewFiles(loc).map(readPlanFile);
}

/** The file of the review NAME (a valid name), or undefined when there is none. */
export function readReviewFile(loc: PlanLocation, name: string): RawFile | undefined {
  const abs = path.join(reviewsFolder(loc), `${name}.yaml`);
  try {
    lstatSync(abs);
  } catch {
    return undefined;
  }
  return readOne(loc, abs);
}

/** Writes the review NAME; 'exists' (and nothing written) when it exists and `replace` is off. */
export async function writeReviewFile(
  loc: PlanLocation,
  name: string,
  text: string,
  replace: boolean,
): Promise<{ result: 'written' | 'exists'; file: string }> {
  const dir = reviewsFolder(loc);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw environmentError(`cannot create folder ${toRepoPath(loc.root, dir)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const abs = path.join(dir, `${name}.yaml`);
  const file = toRepoPath(loc.root, abs);
  const bytes = new TextEncoder().encode(text);
  const opts = { root: loc.root, display: file };
  if (!replace) return { result: (await createFile(abs, bytes, opts)) ? 'written' : 'exists', file };
  assertWritableTarget(abs, opts, false);
  replaceFileAtomic(abs, bytes, opts);
  return { result: 'written', file };
}
