import type { CommandInput } from '../command.js';
import { assessInitiative, DEFAULT_STALE_DAYS } from '../../core/status.js';
import type { ExitCode } from '../../errors.js';
import { planExport } from '../../core/export.js';
import { initiativeDetail } from '../../core/initiative-detail.js';
import { dataProblemsJson, renderDataProblemsBanner } from '../../render/problems.js';
import { renderInitiativeText } from '../../render/show.js';
import { readPlanForViewing } from '../../app/repository.js';
import { type CommandContext, viewExitCode, writeJson } from '../context.js';
import { findInitiative } from '../parse-options.js';
import { termSafeLine } from '../../render/sanitize.js';

export async function run(ctx: CommandContext, { args: [id], opts: { json } }: CommandInput<{ json?: boolean }>): Promise<ExitCode> {
  const { plan, problems: all } = await readPlanForViewing(ctx);
  const initiative = findInitiative(plan, id, (message) => ctx.err(`csp: note: ${termSafeLine(message)}\n`));
  // Only the problems of this initiative's files matter here.
  const files = all.files.filter((p) => p.initiative === initiative.id);
  const problems = { files, affectsView: files.some((f) => !f.laterOnly) };
  const status = assessInitiative(plan, initiative, ctx.asOf, DEFAULT_STALE_DAYS);
  if (json) {
    const exported = planExport(plan, ctx.asOf) as { initiatives: { id: string }[] };
    const found = { ...exported.initiatives.find((i) => i.id === initiative.id), assessment: status };
    writeJson(ctx, files.length > 0 ? { ...found, problems: dataProblemsJson(problems) } : found);
  } else ctx.out(renderDataProblemsBanner(problems, ctx.style) + renderInitiativeText(initiativeDetail(plan, initiative, status, ctx.asOf), ctx.style, ctx.width));
  return viewExitCode(problems);
}
