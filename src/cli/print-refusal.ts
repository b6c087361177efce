/** The files with errors that stopped a command (app/plan-errors.ts), printed before the error says why. */
import { planErrorsOf } from '../app/plan-errors.js';
import { formatDiagnostic } from '../render/diagnostics.js';
import type { CommandContext } from './context.js';

export function printRefusal(ctx: CommandContext, error: unknown): void {
  const refused = planErrorsOf(error);
  for (const d of refused?.shown ?? []) ctx.err(`${formatDiagnostic(d, refused!.sources, ctx.errStyle)}\n\n`);
}
