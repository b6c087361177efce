import type { Command } from 'commander';
import { exportJson } from '../../render/export.js';
import { commandContext, requireCleanPlan, writeJson } from '../context.js';

export function run(cmd: Command): void {
  const ctx = commandContext(cmd);
  const { plan } = requireCleanPlan(ctx);
  writeJson(ctx, exportJson(plan, ctx.asOf));
}
