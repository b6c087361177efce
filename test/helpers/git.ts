/** Git repositories built inside a test: fixed identity and dates, no global configuration. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileTree } from './plan.js';

const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Desk Officer',
  GIT_AUTHOR_EMAIL: 'desk@example.org',
  GIT_COMMITTER_NAME: 'Desk Officer',
  GIT_COMMITTER_EMAIL: 'desk@example.org',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

export function gitInit(root: string): void {
  git(root, 'init', '-q', '-b', 'main');
}

/** Writes files (a null content deletes the file), then commits everything. Returns the commit id. */
export function commit(root: string, message: string, files: Record<string, string | null> | FileTree = {}): string {
  for (const [p, content] of Object.entries(files)) {
    const abs = path.join(root, p);
    if (content === null) rmSync(abs, { force: true });
    else {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}
