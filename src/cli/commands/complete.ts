import { STATUSES } from '../../core/vocabulary.js';
import { completionValues } from '../../io/complete-values.js';
import type { CommandInput } from '../command.js';
import type { CommandContext } from '../context.js';

/**
 * Values for the completion scripts, one per line. Whatever goes wrong — no
 * plan, a broken file, an unknown kind — it prints nothing and exits 0: a
 * completion must never write an error into someone's command line.
 */
export async function run(ctx: CommandContext, { args: [what] }: CommandInput): Promise<void> {
  try {
    const values = what === 'statuses' ? [...STATUSES] : await completionValues(what, ctx.options.plan, ctx.env, ctx.cwd);
    if (values.length) ctx.out(`${values.join('\n')}\n`);
  } catch (e) {
    if (ctx.env.CSP_DEBUG === '1') ctx.err(`${String(e)}\n`);
    // nothing to offer
  }
}
