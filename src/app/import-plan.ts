/**
 * csp import: an action-plan document read as data (core/import/action-plan.ts) and written
 * as the plan's initiative files and manifest (core/import/plan-files.ts), into a plan that
 * has none yet, after checking in memory that the result loads without errors.
 */
import path from 'node:path';
import type { ImportedPlan } from '../core/import/action-plan.js';
import { initiativeFileText, initiativePath, manifestWithImport } from '../core/import/plan-files.js';
import { dataError } from '../errors.js';
import { writeNewFile } from '../io/files.js';
import { toRepoPath } from '../io/plan-files.js';
import { lockWaitMs } from '../io/write-lock.js';
import { updateFile } from '../io/write.js';
import { readActionPlanDocument, requireStartablePlan, requireValidNewPlan } from './new-plan.js';
import type { Scope } from './scope.js';

export interface ImportedFiles {
  imported: ImportedPlan;
  /** The plan folder as the person would type it. */
  shown: string;
  /** The manifest's fields the import filled in. */
  filled: string[];
  /** The manifest and the initiative files, relative to the repository root. */
  files: string[];
}

/** Imports `file` (as the user named it) into the plan; checked but not written when `dryRun`. */
export async function importActionPlan(scope: Pick<Scope, 'options' | 'env' | 'cwd' | 'asOf'>, file: string, dryRun: boolean): Promise<ImportedFiles> {
  const imported = readActionPlanDocument(scope, file);
  const plan = requireStartablePlan(scope, file);
  const { root } = plan.location;

  // The document's path goes into source.file when it is inside the repository.
  const relative = path.relative(root, path.resolve(scope.cwd, file));
  const sourceFile = relative.startsWith('..') || path.isAbsolute(relative) ? undefined : toRepoPath(root, path.resolve(scope.cwd, file));
  const manifest = manifestWithImport(plan.manifestText, imported, sourceFile);
  const files = imported.initiatives.map((i) => ({ path: initiativePath(plan.planDir, i), text: initiativeFileText(i) }));
  requireValidNewPlan(scope, plan.planDir, [{ path: plan.manifestPath, text: manifest.text }, ...files], 'the imported plan', 'check the document around the lines named above');

  if (!dryRun) {
    for (const f of files) {
      if (!(await writeNewFile(root, f.path, f.text))) throw dataError(`${f.path} already exists`, 'import into a new plan (csp init NEW)');
    }
    await updateFile(
      path.join(root, plan.manifestPath),
      (current) => {
        if (new TextDecoder().decode(current) !== plan.manifestText) throw dataError(`${plan.manifestPath} changed while csp was importing`, 'run the import again');
        return new TextEncoder().encode(manifest.text);
      },
      { root, display: plan.manifestPath, lockWaitMs: lockWaitMs(scope.env) },
    );
  }
  return { imported, shown: plan.shown, filled: manifest.filled, files: [plan.manifestPath, ...files.map((f) => f.path)] };
}
