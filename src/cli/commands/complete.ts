import type { Command } from 'commander';
import { STATUSES } from '../../core/vocabulary.js';
import { completionValues } from '../../io/complete-values.js';

/**
 * Values for the completion scripts, one per line. Whatever goes wrong — no
 * plan, a broken file, an unknown kind — it prints nothing and exits 0: a
 * completion must never write an error into someone's command line.
 */
export async function run(cmd: Command, what: string): Promise<void> {
  try {
    const { plan } = cmd.optsWithGlobals<{ plan?: string }>();
    const values = what === 'statuses' ? [...STATUSES] : await completionValues(what, plan, process.env, process.cwd());
    if (values.length) process.stdout.write(`${values.join('\n')}\n`);
  } catch (e) {
    if (process.env.CSP_DEBUG === '1') process.stderr.write(`${String(e)}\n`);
    // nothing to offer
  }
}
