/** Finding the plan folder and reading its files: the loader's only contact with the disk. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PlanFiles, RawFile } from '../core/load.js';
import { MANIFEST_NAME } from '../core/load.js';
import { environmentError } from '../errors.js';

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

/** Every .yaml/.yml file under the plan folder (reviews excepted), without following symlinks. */
export function readPlanFiles(loc: PlanLocation): PlanFiles {
  const files: RawFile[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw environmentError(`cannot read folder ${toRepoPath(loc.root, dir) || '.'}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = path.join(dir, e.name);
      const rel = toRepoPath(loc.root, abs);
      if (e.isDirectory()) {
        if (depth === 0 && NON_INITIATIVE_DIRS.has(e.name)) continue;
        if (depth < 8) walk(abs, depth + 1);
        continue;
      }
      if (!/\.ya?ml$/i.test(e.name)) continue;
      if (e.isSymbolicLink()) {
        files.push({ path: rel, problem: { kind: 'symlink', detail: 'symbolic link' } });
        continue;
      }
      if (!e.isFile()) continue;
      try {
        files.push({ path: rel, bytes: readFileSync(abs) });
      } catch (err) {
        files.push({ path: rel, problem: { kind: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? String(err) } });
      }
    }
  };
  walk(loc.planDir, 0);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { planDir: toRepoPath(loc.root, loc.planDir), files };
}
