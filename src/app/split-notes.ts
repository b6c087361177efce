/**
 * Moving every note written in an initiative file's list into a note file of its own
 * (core/edit/prepare.ts, prepareSplitNotes). All or nothing: the note files are created
 * first, then each initiative file is replaced (under its lock, only if it is still as
 * read); a failure part-way removes what was created and puts back what was changed.
 */
import path from 'node:path';
import { type NotesSplit, prepareSplitNotes, type Refusal } from '../core/edit/prepare.js';
import { dataError } from '../errors.js';
import { removeCreatedFile } from '../io/files.js';
import { assertGitAllowsWrite } from '../io/git-state.js';
import { lockWaitMs } from '../io/write-lock.js';
import { createFile, updateFile } from '../io/write.js';
import { readAndLoadFiles } from './repository.js';
import type { Scope } from './scope.js';

export interface SplitNotes {
  /** The plan folder relative to the repository root, e.g. "plan". */
  planDir: string;
  split: NotesSplit | Refusal;
}

/** The notes moved (only prepared when `dryRun`); refused while git is merging, rebasing… (exit 3). */
export async function splitNotes(scope: Scope, dryRun: boolean): Promise<SplitNotes> {
  const loaded = await readAndLoadFiles(scope);
  const split = prepareSplitNotes(loaded.raw, scope.today);
  const planDir = loaded.raw.planDir;
  if (!split.ok || split.changed.length === 0 || dryRun) return { planDir, split };
  const { root } = loaded.location;
  assertGitAllowsWrite(root);
  const wait = lockWaitMs(scope.env);
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
        { root, display: c.path, lockWaitMs: wait },
      );
      replaced.push({ abs, before, display: c.path });
    }
  } catch (err) {
    for (const r of replaced.reverse()) await updateFile(r.abs, () => r.before, { root, display: r.display, lockWaitMs: wait }).catch(() => undefined);
    for (const abs of created) removeCreatedFile(abs);
    throw err;
  }
  return { planDir, split };
}
