import path from 'node:path';
import type { Command } from 'commander';
import { importCounts } from '../../core/import/action-plan.js';
import { initiativeFileText, initiativePath, manifestWithImport } from '../../core/import/plan-files.js';
import { dataError } from '../../errors.js';
import { writeNewFile } from '../../io/files.js';
import { toRepoPath } from '../../io/plan-files.js';
import { updateFile } from '../../io/write.js';
import { importJson, renderImportSummary } from '../../render/import.js';
import { commandContext } from '../context.js';
import { readActionPlanDocument, requireStartablePlan, requireValidNewPlan } from '../new-plan.js';

export async function run(cmd: Command, file: string): Promise<void> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<{ dryRun?: boolean; json?: boolean }>();
  const imported = readActionPlanDocument(file);
  const plan = requireStartablePlan(ctx, file);
  const { root } = plan.location;

  // The document's path goes into source.file when it is inside the repository.
  const relative = path.relative(root, path.resolve(file));
  const sourceFile = relative.startsWith('..') || path.isAbsolute(relative) ? undefined : toRepoPath(root, path.resolve(file));
  const manifest = manifestWithImport(plan.manifestText, imported, sourceFile);
  const files = imported.initiatives.map((i) => ({ path: initiativePath(plan.planDir, i), text: initiativeFileText(i) }));
  requireValidNewPlan(ctx, plan.planDir, [{ path: plan.manifestPath, text: manifest.text }, ...files], 'the imported plan', 'check the document around the lines named above');

  if (!o.dryRun) {
    for (const f of files) {
      if (!(await writeNewFile(root, f.path, f.text))) throw dataError(`${f.path} already exists`, 'import into a new plan (csp init NEW)');
    }
    await updateFile(
      path.join(root, plan.manifestPath),
      (current) => {
        if (new TextDecoder().decode(current) !== plan.manifestText) throw dataError(`${plan.manifestPath} changed while csp was importing`, 'run the import again');
        return new TextEncoder().encode(manifest.text);
      },
      { root, display: plan.manifestPath },
    );
  }
  const summary = {
    file,
    planDir: plan.shown,
    planOption: ctx.options.plan !== undefined ? ` --plan ${plan.shown}` : '',
    written: !o.dryRun,
    imported,
    counts: importCounts(imported),
    filled: manifest.filled,
    files: [plan.manifestPath, ...files.map((f) => f.path)],
  };
  if (o.json) ctx.out(`${JSON.stringify(importJson(summary), null, 2)}\n`);
  ctx.err(renderImportSummary(summary, ctx.errStyle));
}
