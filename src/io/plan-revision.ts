/**
 * The git commit a report pins the plan to: the latest commit that changed
 * the plan folder (so unrelated commits leave a report's bytes alone), and
 * whether the plan folder has changes not committed yet. Best effort: a plan
 * outside git, or without git installed, has no revision.
 */
import { spawnSync } from 'node:child_process';
import { gitEnv } from './git.js';
import type { PlanLocation } from './plan-files.js';

export interface PlanRevision {
  /** The commit, abbreviated to 12 hex digits. */
  commit: string;
  dirty: boolean;
}

function git(env: Readonly<Record<string, string | undefined>>, cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', windowsHide: true, env });
  return r.error || r.status !== 0 ? undefined : r.stdout;
}

/** `runEnv`: the run's environment (git gets it in English, without prompts or optional locks). */
export function planRevision(location: PlanLocation, runEnv: Readonly<Record<string, string | undefined>>): PlanRevision | undefined {
  const env = gitEnv(runEnv, { GIT_OPTIONAL_LOCKS: '0' });
  const commit = git(env, location.planDir, ['log', '-1', '--format=%H', '--', '.'])?.trim();
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
  const status = git(env, location.planDir, ['status', '--porcelain', '--untracked-files=all', '--', '.']);
  return { commit: commit.slice(0, 12), dirty: status === undefined || status.trim() !== '' };
}
