import path from 'node:path';
import type { CommandInput } from '../command.js';
import { importCounts } from '../../core/import/action-plan.js';
import { initiativeFileText, initiativePath, manifestWithImport } from '../../core/import/plan-files.js';
import { dataError } from '../../errors.js';
import { writeNewFile } from '../../io/files.js';
import { toRepoPath } from '../../io/plan-files.js';
import { updateFile } from '../../io/write.js';
import { importJson, renderImportSummary } from '../../render/import.js';
import { readActionPlanDocument, requireStartablePlan, requireValidNewPlan } from '../../app/new-plan.js';
import { type CommandContext, writeJson } from '../context.js';

export async function run(ctx: CommandContext, { args: [file], opts: o }: CommandInput<{ dryRun?: boolean; json?: boolean }>): Promise<void> {
  const imported = readActionPlanDocument(ctx, file);
  const plan = requireStartablePlan(ctx, file);
  const { root } = plan.location;

  // The document's path goes into source.file when it is inside the repository.
  const relative = path.relative(root, path.resolve(ctx.cwd, file));
  const sourceFile = relative.startsWith('..') || path.isAbsolute(relative) ? undefined : toRepoPath(root, path.resolve(ctx.cwd, file));
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
  if (o.json) writeJson(ctx, importJson(summary));
  ctx.err(renderImportSummary(summary, ctx.errStyle));
}
