import type { Command } from 'commander';
import { exportJson } from '../../render/export.js';
import { commandContext, requireCleanPlan, writeJson } from '../context.js';

export async function run(cmd: Command): Promise<void> {
  const ctx = commandContext(cmd);
  const { plan } = await requireCleanPlan(ctx);
  writeJson(ctx, exportJson(plan, ctx.asOf));
}
