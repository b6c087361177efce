import type { CommandInput } from '../command.js';
import { importCounts } from '../../core/import/action-plan.js';
import { importJson, renderImportSummary } from '../../render/import.js';
import { importActionPlan } from '../../app/import-plan.js';
import { type CommandContext, writeJson } from '../context.js';

export async function run(ctx: CommandContext, { args: [file], opts: o }: CommandInput<{ dryRun?: boolean; json?: boolean }>): Promise<void> {
  const { imported, shown, filled, files } = await importActionPlan(ctx, file, Boolean(o.dryRun));
  const summary = {
    file,
    planDir: shown,
    planOption: ctx.options.plan !== undefined ? ` --plan ${shown}` : '',
    written: !o.dryRun,
    imported,
    counts: importCounts(imported),
    filled,
    files,
  };
  if (o.json) writeJson(ctx, importJson(summary));
  ctx.err(renderImportSummary(summary, ctx.errStyle));
}
