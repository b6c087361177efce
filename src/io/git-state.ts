/**
 * Whether git is in the middle of something that a write to the plan would
 * get in the way of (a merge, rebase, cherry-pick, revert or bisect, or a
 * running git command holding the index lock). Reads never ask.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../errors.js';

/** The git directory of the work tree holding `start`, or undefined outside git. `.git` may be a file (worktrees, submodules). */
export function findGitDir(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const dotGit = path.join(dir, '.git');
    try {
      const st = statSync(dotGit);
      if (st.isDirectory()) return dotGit;
      if (st.isFile()) {
        const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
        if (m) return path.resolve(dir, m[1]!);
      }
    } catch {
      // no .git here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

interface Blocker {
  what: string;
  finish: string;
}

const BLOCKERS: readonly [string, Blocker][] = [
  ['MERGE_HEAD', { what: 'a git merge is in progress', finish: "finish it (resolve the conflicts, then 'git commit') or abandon it with 'git merge --abort'" }],
  ['rebase-merge', { what: 'a git rebase is in progress', finish: "finish it with 'git rebase --continue' or abandon it with 'git rebase --abort'" }],
  ['rebase-apply', { what: 'a git rebase or am is in progress', finish: "finish it with 'git rebase --continue' (or 'git am --continue'), or abandon it with --abort" }],
  ['CHERRY_PICK_HEAD', { what: 'a git cherry-pick is in progress', finish: "finish it with 'git cherry-pick --continue' or abandon it with 'git cherry-pick --abort'" }],
  ['REVERT_HEAD', { what: 'a git revert is in progress', finish: "finish it with 'git revert --continue' or abandon it with 'git revert --abort'" }],
  ['BISECT_LOG', { what: 'a git bisect is in progress (the files are an old version)', finish: "end it with 'git bisect reset'" }],
  ['index.lock', { what: 'another git command is running (.git/index.lock exists)', finish: 'wait for it to finish; if no git command is running, a crashed one left the lock behind: delete .git/index.lock' }],
];

/** What git is in the middle of in the work tree holding `start`, if anything. */
function gitBlocker(start: string): Blocker | undefined {
  const gitDir = findGitDir(start);
  if (!gitDir) return undefined;
  return BLOCKERS.find(([name]) => existsSync(path.join(gitDir, name)))?.[1];
}

/** Exit 3 when git is in the middle of something; the plan is not changed then. */
export function assertGitAllowsWrite(start: string): void {
  const blocker = gitBlocker(start);
  if (blocker) throw environmentError(`${blocker.what}; csp does not change plan files until it is finished`, blocker.finish);
}
