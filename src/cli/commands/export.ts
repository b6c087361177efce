import type { Command } from 'commander';
import type { ExitCode } from '../../errors.js';
import { planExport } from '../../core/export.js';
import { dataProblemsJson } from '../../render/problems.js';
import { commandContext, readPlanForViewing, viewExitCode, writeJson } from '../context.js';

export async function run(cmd: Command): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const { plan, problems } = await readPlanForViewing(ctx);
  const exported = planExport(plan, ctx.asOf) as object;
  writeJson(ctx, problems.files.length > 0 ? { ...exported, problems: dataProblemsJson(problems) } : exported);
  return viewExitCode(problems);
}
