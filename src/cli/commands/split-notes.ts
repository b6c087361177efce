import path from 'node:path';
import type { CommandInput } from '../command.js';
import { prepareSplitNotes } from '../../core/edit/prepare.js';
import { dataError, EXIT, type ExitCode } from '../../errors.js';
import { removeCreatedFile } from '../../io/files.js';
import { assertGitAllowsWrite } from '../../io/git-state.js';
import { createFile, updateFile } from '../../io/write.js';
import { termSafeLine } from '../../render/sanitize.js';
import { refuseChange } from '../change-options.js';
import { readAndLoadFiles } from '../../app/repository.js';
import type { CommandContext } from '../context.js';

/**
 * Moves every note written in an initiative file's list into a note file of
 * its own. All or nothing: the note files are created first, then each
 * initiative file is replaced (under its lock, only if it is still as read);
 * a failure part-way removes what was created and puts back what was changed.
 */
export async function run(ctx: CommandContext, { opts: { dryRun } }: CommandInput<{ dryRun?: boolean }>): Promise<ExitCode> {
  const loaded = await readAndLoadFiles(ctx);
  const split = prepareSplitNotes(loaded.raw, ctx.today);
  if (!split.ok) return refuseChange(ctx, split, loaded.raw.planDir);
  const moved = split.changed.reduce((n, c) => n + c.notes, 0);
  if (split.changed.length === 0) {
    ctx.out('No notes to move: every note is already in a file of its own.\n');
    return EXIT.ok;
  }
  const { root } = loaded.location;
  if (!dryRun) {
    assertGitAllowsWrite(root);
    const created: string[] = [];
    const replaced: { abs: string; before: Uint8Array; display: string }[] = [];
    try {
      for (const f of split.created) {
        const abs = path.join(root, f.path);
        if (!(await createFile(abs, f.bytes, { root, display: f.path }))) throw dataError(`${f.path} appeared while csp was moving notes`, 'run the command again');
        created.push(abs);
      }
      for (const c of split.changed) {
        const abs = path.join(root, c.path);
        const before = new TextEncoder().encode(c.before);
        await updateFile(
          abs,
          (current) => {
            if (Buffer.compare(Buffer.from(current), Buffer.from(before)) !== 0) throw dataError(`${c.path} changed while csp was moving notes`, 'run the command again');
            return c.bytes;
          },
          { root, display: c.path },
        );
        replaced.push({ abs, before, display: c.path });
      }
    } catch (err) {
      for (const r of replaced.reverse()) await updateFile(r.abs, () => r.before, { root, display: r.display }).catch(() => undefined);
      for (const abs of created) removeCreatedFile(abs);
      throw err;
    }
  }
  const verb = dryRun ? 'Would move' : 'Moved';
  const withNotes = split.changed.filter((c) => c.notes > 0);
  const empty = split.changed.length - withNotes.length;
  if (moved > 0) ctx.out(`${verb} ${moved} note${moved === 1 ? '' : 's'} into ${split.created.length} note file${split.created.length === 1 ? '' : 's'} under ${termSafeLine(loaded.raw.planDir)}/notes/:\n`);
  for (const c of withNotes) ctx.out(`  ${termSafeLine(c.path)}: ${c.notes} note${c.notes === 1 ? '' : 's'}\n`);
  if (empty > 0) ctx.out(`${dryRun ? 'Would take' : 'Took'} the empty 'notes: []' out of ${empty}${moved > 0 ? ' more' : ''} initiative file${empty === 1 ? '' : 's'}.\n`);
  for (const c of split.changed) {
    const comments = c.removed.split(/\r?\n/).filter((l) => /^\s*#/.test(l));
    if (comments.length > 0) {
      ctx.err(`${ctx.errStyle.warning('note:')} ${termSafeLine(c.path)}: ${comments.length} comment line${comments.length === 1 ? '' : 's'} inside its notes list ${dryRun ? 'would not be' : 'were not'} carried over:\n`);
      for (const l of comments) ctx.err(`  ${termSafeLine(l.trim())}\n`);
    }
  }
  ctx.out(dryRun ? ctx.style.dim('Dry run: nothing was written.\n') : `Check with 'csp validate', then commit: git add -A ${termSafeLine(loaded.raw.planDir)}\n`);
  return EXIT.ok;
}
