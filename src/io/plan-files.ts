/** Finding the plan folder and reading its files: the loader's only contact with the disk. */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PlanFiles, RawFile } from '../core/assemble.js';
import { MANIFEST_NAME } from '../core/assemble.js';
import { MAX_FILE_BYTES } from '../core/decode.js';
import { dataError, environmentError } from '../errors.js';

/** Folders under plan/ that hold other kinds of files than initiatives. */
export const NON_INITIATIVE_DIRS = new Set(['reviews']);

export interface PlanLocation {
  /** Absolute path of the plan folder. */
  planDir: string;
  /** Absolute path of the repository root: the folder that holds the plan folder. */
  root: string;
}

/** --plan DIR, else $CSP_PLAN, else the nearest plan/ (with plan.yaml) walking up from cwd, as git finds .git. */
export function locatePlan(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): PlanLocation {
  const given = explicit ?? (env.CSP_PLAN ? env.CSP_PLAN : undefined);
  if (given !== undefined) {
    const planDir = path.resolve(cwd, given);
    if (!isDirectory(planDir)) {
      throw environmentError(
        `plan folder ${given} does not exist or is not a folder`,
        explicit !== undefined ? 'check the path given to --plan' : 'check the CSP_PLAN environment variable',
      );
    }
    if (!isFile(path.join(planDir, MANIFEST_NAME))) {
      // A repository root given for its plan folder.
      const inner = path.join(planDir, 'plan');
      if (isFile(path.join(inner, MANIFEST_NAME))) return { planDir: inner, root: planDir };
      if (isDirectory(inner) || !looksLikePlanFolder(planDir)) {
        throw environmentError(
          `no plan found in ${given}: it has no ${MANIFEST_NAME}${isDirectory(inner) ? `, nor has ${path.join(given, 'plan')}` : ''}`,
          `${explicit !== undefined ? '--plan' : 'CSP_PLAN'} names the folder that holds ${MANIFEST_NAME} (usually plan/ in the repository); start a plan with 'csp init'`,
        );
      }
    }
    return { planDir, root: path.dirname(planDir) };
  }
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, 'plan');
    if (isFile(path.join(candidate, MANIFEST_NAME))) return { planDir: candidate, root: dir };
    if (path.basename(dir) === 'plan' && isFile(path.join(dir, MANIFEST_NAME))) {
      return { planDir: dir, root: path.dirname(dir) };
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw environmentError(
    'no plan found: there is no plan/plan.yaml in this folder or any folder above it',
    "run csp inside a plan repository, pass --plan DIR, or start one with 'csp init'",
  );
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** A folder with a pillar-N folder or a YAML file: a plan folder that lost its manifest (validate says so), not some other folder. */
function looksLikePlanFolder(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => /^pillar-\d+$/.test(name) || /\.ya?ml$/.test(name));
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function toRepoPath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

/** A plan file as found on disk, or why it cannot be read. */
export interface PlanFileEntry {
  /** Relative to the repository root, forward slashes. */
  path: string;
  abs: string;
  /** What lstat said, when the lister took it (review files). */
  stat?: FileStat;
  problem?: RawFile['problem'];
}

interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * Every .yaml/.yml file under the plan folder (reviews excepted), sorted by
 * path, with its lstat data. Symbolic links are never followed: a link (to a
 * file or a folder, inside the repository or out of it) is reported as a
 * problem of its own, without its target. A plan folder that is itself a
 * link is refused.
 */
export function listPlanFiles(loc: PlanLocation): { planDir: string; entries: PlanFileEntry[] } {
  const entries: PlanFileEntry[] = [];
  let top;
  try {
    top = lstatSync(loc.planDir);
  } catch (err) {
    throw environmentError(`cannot read the plan folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (top.isSymbolicLink()) {
    throw dataError(
      `the plan folder ${path.basename(loc.planDir)} is a symbolic link; csp does not follow links`,
      'replace the link with the folder itself, or point --plan at the real folder',
    );
  }
  const planDir = toRepoPath(loc.root, loc.planDir);
  const walk = (dir: string, rel: string, depth: number) => {
    let dirents;
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw environmentError(`cannot read folder ${rel || '.'}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    // `dir` is absolute and normalised: joined by hand (path.join normalises again, 10,000 times at scale).
    const prefix = dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
    for (const e of dirents) {
      if (e.name.startsWith('.')) continue;
      const abs = `${prefix}${e.name}`;
      const relPath = rel === '' ? e.name : `${rel}/${e.name}`;
      // A name that is not UTF-8 reaches csp with U+FFFD in place of its bad bytes: that name leads nowhere.
      if (e.name.includes('\uFFFD') && (e.isDirectory() || /\.ya?ml$/i.test(e.name)) && !lexists(abs)) {
        entries.push({ path: relPath, abs, problem: { kind: 'unreadable', detail: `its name is not valid UTF-8 text; rename the ${e.isDirectory() ? 'folder' : 'file'}` } });
        continue;
      }
      if (e.isSymbolicLink()) {
        // Whatever it links to (a plan file, a folder, inside the repository or not): reported, never followed.
        if (depth === 0 && NON_INITIATIVE_DIRS.has(e.name)) continue;
        entries.push({ path: relPath, abs, problem: { kind: 'symlink', detail: 'symbolic link' } });
        continue;
      }
      if (e.isDirectory()) {
        if (depth === 0 && NON_INITIATIVE_DIRS.has(e.name)) continue;
        if (depth < 8) walk(abs, relPath, depth + 1);
        continue;
      }
      if (!/\.ya?ml$/i.test(e.name)) continue;
      if (!e.isFile()) {
        entries.push({ path: relPath, abs, problem: { kind: 'unreadable', detail: 'it is not a regular file' } });
        continue;
      }
      // No stat here: the file is opened and checked (fstat) when it is read; a file gone by then is reported as unreadable.
      entries.push({ path: relPath, abs });
    }
  };
  walk(loc.planDir, planDir, 0);
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { planDir, entries };
}

/** The file's bytes (as readRegularFile reads them), or the problem that kept csp from reading them. */
export function readPlanFile(entry: Pick<PlanFileEntry, 'path' | 'abs' | 'problem'>): RawFile {
  if (entry.problem) return { path: entry.path, problem: entry.problem };
  return readRegularFile(entry.abs, entry.path);
}

/**
 * Every plan file, read: opened without following links and read no further
 * than a plan file may be long.
 */
export function readPlanFiles(loc: PlanLocation): PlanFiles {
  const { planDir, entries } = listPlanFiles(loc);
  return { planDir, files: entries.map(readPlanFile) };
}

// O_NOFOLLOW: a file swapped for a link after the folder was listed is still not followed.
// O_NONBLOCK: a FIFO never blocks the open.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a plan file read into `scratch` (grown as needed), for
 * hashing: a view into it, valid until the next call; undefined when the file
 * cannot be read as readRegularFile would read it, or is too large to be a
 * plan file (readRegularFile then says why). Saves a buffer per file when
 * the bytes are only hashed (a warm run reads every file).
 */
export function readForHash(entry: Pick<PlanFileEntry, 'abs' | 'problem'>, scratch: { buf: Uint8Array }): Uint8Array | undefined {
  if (entry.problem) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(entry.abs, OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    if (scratch.buf.length < st.size) scratch.buf = new Uint8Array(Math.max(st.size, scratch.buf.length * 2));
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, scratch.buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return scratch.buf.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** One file, opened without following a link and read no further than a plan file may be long. */
export function readRegularFile(abs: string, rel: string): RawFile {
  let fd: number | undefined;
  try {
    fd = openSync(abs, OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) return { path: rel, problem: { kind: 'unreadable', detail: 'it is not a regular file' } };
    // Past the limit, the first bytes are enough to say so.
    const want = Math.min(st.size, MAX_FILE_BYTES + 1);
    const bytes = new Uint8Array(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, bytes, got, want - got, got);
      if (n === 0) break;
      got += n;
    }
    const raw: RawFile = { path: rel, bytes: got === want ? bytes : bytes.subarray(0, got) };
    if (st.size > MAX_FILE_BYTES) raw.size = st.size;
    return raw;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { path: rel, problem: { kind: 'symlink', detail: 'symbolic link' } };
    return { path: rel, problem: { kind: 'unreadable', detail: code ?? String(err) } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
