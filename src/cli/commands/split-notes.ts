import type { CommandInput } from '../command.js';
import { EXIT, type ExitCode } from '../../errors.js';
import { termSafeLine } from '../../render/sanitize.js';
import { refuseChange } from '../change-options.js';
import { splitNotes } from '../../app/split-notes.js';
import type { CommandContext } from '../context.js';

/** Moves every note written in an initiative file's list into a note file of its own (app/split-notes.ts), and says what moved. */
export async function run(ctx: CommandContext, { opts: { dryRun } }: CommandInput<{ dryRun?: boolean }>): Promise<ExitCode> {
  const { planDir, split } = await splitNotes(ctx, Boolean(dryRun));
  if (!split.ok) return refuseChange(ctx, split, planDir);
  const moved = split.changed.reduce((n, c) => n + c.notes, 0);
  if (split.changed.length === 0) {
    ctx.out('No notes to move: every note is already in a file of its own.\n');
    return EXIT.ok;
  }
  const verb = dryRun ? 'Would move' : 'Moved';
  const withNotes = split.changed.filter((c) => c.notes > 0);
  const empty = split.changed.length - withNotes.length;
  if (moved > 0) ctx.out(`${verb} ${moved} note${moved === 1 ? '' : 's'} into ${split.created.length} note file${split.created.length === 1 ? '' : 's'} under ${termSafeLine(planDir)}/notes/:\n`);
  for (const c of withNotes) ctx.out(`  ${termSafeLine(c.path)}: ${c.notes} note${c.notes === 1 ? '' : 's'}\n`);
  if (empty > 0) ctx.out(`${dryRun ? 'Would take' : 'Took'} the empty 'notes: []' out of ${empty}${moved > 0 ? ' more' : ''} initiative file${empty === 1 ? '' : 's'}.\n`);
  for (const c of split.changed) {
    const comments = c.removed.split(/\r?\n/).filter((l) => /^\s*#/.test(l));
    if (comments.length > 0) {
      ctx.err(`${ctx.errStyle.warning('note:')} ${termSafeLine(c.path)}: ${comments.length} comment line${comments.length === 1 ? '' : 's'} inside its notes list ${dryRun ? 'would not be' : 'were not'} carried over:\n`);
      for (const l of comments) ctx.err(`  ${termSafeLine(l.trim())}\n`);
    }
  }
  ctx.out(dryRun ? ctx.style.dim('Dry run: nothing was written.\n') : `Check with 'csp validate', then commit: git add -A ${termSafeLine(planDir)}\n`);
  return EXIT.ok;
}
