/**
 * csp init: a new plan's files (core/scaffold.ts) written into a folder that holds no plan
 * yet, after checking in memory that they load without errors.
 */
import path from 'node:path';
import { type InitOptions, scaffoldFiles } from '../core/scaffold.js';
import { dataError } from '../errors.js';
import { ensureDir, entryKind, listFolder, pathExists, writeGeneratedFile, writeNewFile } from '../io/files.js';
import { requireValidNewPlan } from './new-plan.js';
import type { Scope } from './scope.js';

export interface StartedPlan {
  /** The files written, and those that existed and were kept, as the user would name them. */
  created: string[];
  kept: string[];
  /** Whether the folder is a git repository already. */
  inGit: boolean;
}

/** Writes a new plan into `shown` (the folder as the user named it, relative to the scope's cwd). */
export async function startPlan(scope: Pick<Scope, 'cwd' | 'asOf'>, shown: string, options: InitOptions): Promise<StartedPlan> {
  const root = path.resolve(scope.cwd, shown);
  refuseExistingPlan(root, shown);
  const files = scaffoldFiles(options);
  // The new plan must be valid; if it is not, that is csp's fault, and nothing is written.
  requireValidNewPlan(scope, 'plan', files.slice(0, 1), 'the new plan', 'check the values given to the options');
  const created: string[] = [];
  const kept: string[] = [];
  // The manifest last: a plan folder without one is an unfinished init, which running init again completes.
  const manifest = files[0]!;
  for (const f of [...files.slice(1), manifest]) {
    const display = path.join(shown, f.path);
    if (f.path === manifest.path) ensureDir(path.join(root, 'plan', 'pillar-1'));
    if (f.keepExisting) ((await writeNewFile(root, f.path, f.text, display)) ? created : kept).push(display);
    else {
      writeGeneratedFile(root, f.path, f.text, display);
      created.push(display);
    }
  }
  return { created, kept, inGit: pathExists(path.join(root, '.git')) };
}

/**
 * csp init never overwrites a plan: refused when plan/plan.yaml exists, or
 * when plan/ holds anything an unfinished csp init would not have left
 * (an empty pillar-1 folder). plan/ as a link or a file is refused too.
 */
function refuseExistingPlan(root: string, shown: string): void {
  const planDir = path.join(root, 'plan');
  const refuse = (why: string) =>
    dataError(`${path.join(shown, 'plan')} ${why}: csp init starts a new plan and never overwrites one`, "choose another folder, e.g. 'csp init new-plan', or edit the existing plan (csp validate checks it)");
  const kind = entryKind(planDir);
  if (kind === undefined) return;
  if (kind !== 'folder') throw refuse(kind === 'link' ? 'is a symbolic link' : 'already exists');
  if (entryKind(path.join(planDir, 'plan.yaml')) !== undefined) throw refuse('already exists');
  const entries = listFolder(planDir);
  const unfinished = entries.every((e) => e === 'pillar-1') && (entries.length === 0 || (entryKind(path.join(planDir, 'pillar-1')) === 'folder' && listFolder(path.join(planDir, 'pillar-1')).length === 0));
  if (!unfinished) throw refuse('already exists and holds files');
}
