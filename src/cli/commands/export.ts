import type { ExitCode } from '../../errors.js';
import { planExport } from '../../core/export.js';
import { dataProblemsJson } from '../../render/problems.js';
import { readPlanForViewing } from '../../app/repository.js';
import { type CommandContext, viewExitCode, writeJson } from '../context.js';

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const { plan, problems } = await readPlanForViewing(ctx);
  const exported = planExport(plan, ctx.asOf) as object;
  writeJson(ctx, problems.files.length > 0 ? { ...exported, problems: dataProblemsJson(problems) } : exported);
  return viewExitCode(problems);
}
