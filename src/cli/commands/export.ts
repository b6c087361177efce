import type { Command } from 'commander';
import type { ExitCode } from '../../errors.js';
import { exportJson } from '../../render/export.js';
import { dataProblemsJson } from '../../render/problems.js';
import { commandContext, readPlanForViewing, viewExitCode, writeJson } from '../context.js';

export async function run(cmd: Command): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const { plan, problems } = await readPlanForViewing(ctx);
  const exported = exportJson(plan, ctx.asOf) as object;
  writeJson(ctx, problems.files.length > 0 ? { ...exported, problems: dataProblemsJson(problems) } : exported);
  return viewExitCode(problems);
}
