/**
 * Reading the plan as committed at a git revision, without touching the
 * working tree: one `git ls-tree` for the file list, and `git cat-file --batch`
 * for the contents, many files per process. Git runs without a shell,
 * with arguments as an array; revisions are checked before use.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { PlanFiles, RawFile } from '../core/load.js';
import { REVIEWS_DIR } from '../core/review.js';
import { environmentError, usageError } from '../errors.js';
import type { PlanLocation } from './plan-files.js';

export interface GitRepo {
  /** Absolute path of the repository's top folder. */
  top: string;
  /** The plan folder relative to the top, forward slashes ('' when the plan folder is the top). */
  planPath: string;
  /** The folder that holds the plan folder, relative to the top ('' when it is the top). */
  rootPath: string;
  /** The plan folder relative to the folder that holds it, as the loader names it. */
  planDir: string;
  /** The environment git runs with: the run's (PATH, HOME, GIT_*), in English, never prompting. */
  env: GitEnv;
}

type GitEnv = Readonly<Record<string, string | undefined>>;

/** The run's environment as git gets it: English messages (we look for "ambiguous"); never a prompt for credentials. */
export function gitEnv(env: GitEnv, extra: GitEnv = {}): GitEnv {
  return { ...env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', ...extra };
}

const MAX_OUTPUT = 512 * 1024 * 1024;

interface GitResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

function git(env: GitEnv, cwd: string, args: string[], input?: Buffer): GitResult {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: MAX_OUTPUT, windowsHide: true, env });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw environmentError('git is not installed or not on the PATH', 'install git to compare with a git revision, or compare reviews and dates');
    throw environmentError(`cannot run git (${code ?? r.error.message})`);
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

/** The git repository holding the plan, or undefined when the plan is not in one; `env`: the run's environment. */
export function findRepo(loc: PlanLocation, runEnv: GitEnv): GitRepo | undefined {
  const env = gitEnv(runEnv);
  const r = git(env, loc.planDir, ['rev-parse', '--show-toplevel']);
  if (r.status !== 0) {
    if (/not a git repository/i.test(r.stderr)) return undefined;
    throw environmentError(`git cannot read the repository: ${firstLine(r.stderr)}`, 'run git status in the plan folder to see what git needs');
  }
  const top = realpathSync(r.stdout.toString('utf8').trim());
  const planReal = realpathSync(loc.planDir);
  const rootReal = realpathSync(loc.root);
  return {
    top,
    planPath: toSlashes(path.relative(top, planReal)),
    rootPath: toSlashes(path.relative(top, rootReal)),
    planDir: toSlashes(path.relative(rootReal, planReal)),
    env,
  };
}

export type RevisionLookup = { kind: 'found'; commit: string } | { kind: 'unknown'; detail: string } | { kind: 'ambiguous'; detail: string };

/** Resolves a revision name to a commit id. Names starting with '-' are refused: git would read them as options. */
export function lookupRevision(repo: GitRepo, revision: string): RevisionLookup {
  if (revision.startsWith('-')) throw usageError(`'${revision}' cannot be a revision: it starts with '-'`, 'name a review, a date (YYYY-MM-DD) or a git revision such as main or HEAD~1');
  if (revision === '' || /[\0\n]/.test(revision)) return { kind: 'unknown', detail: 'not a revision name' };
  const r = git(repo.env, repo.top, ['rev-parse', '--verify', '--end-of-options', `${revision}^{commit}`]);
  if (/ambiguous/i.test(r.stderr)) return { kind: 'ambiguous', detail: firstLine(r.stderr).replace(/^(warning|error|fatal): /, '') };
  if (r.status !== 0) return { kind: 'unknown', detail: firstLine(r.stderr).replace(/^(warning|error|fatal): /, '') };
  return { kind: 'found', commit: r.stdout.toString('utf8').trim() };
}

/** Whether the repository is a shallow clone (only the latest commits fetched, as CI checkouts often are). */
export function isShallow(repo: GitRepo): boolean {
  const r = git(repo.env, repo.top, ['rev-parse', '--is-shallow-repository']);
  return r.status === 0 && r.stdout.toString('utf8').trim() === 'true';
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  path: string;
}

function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, type, object] = record.slice(0, tab).split(' ');
    if (tab < 0 || !mode || !type || !object) continue;
    entries.push({ mode, type, object, path: record.slice(tab + 1) });
  }
  return entries;
}

/** Parses `git cat-file --batch` output: "<id> <type> <size>\n<content>\n" per object. */
function parseBatch(out: Buffer, count: number): (Buffer | undefined)[] {
  const blobs: (Buffer | undefined)[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) throw environmentError('git cat-file stopped early', 'run git fsck to check the repository');
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] === 'missing' || header.length < 3) {
      blobs.push(undefined);
      continue;
    }
    const size = Number(header[2]);
    // A copy, not a view: the loader keeps the bytes of only the files it has yet to parse, and a
    // view would keep the whole of git's output alive for as long as any of them.
    blobs.push(Buffer.from(out.subarray(at, at + size)));
    at += size + 1;
  }
  return blobs;
}

/** The contents of blobs (the files listPlanAtCommit names), in one git process. */
export function readBlobs(repo: GitRepo, objects: readonly string[]): Map<string, Uint8Array> {
  const wanted = [...new Set(objects)].filter((o) => /^[0-9a-f]{40,64}$/.test(o));
  const found = new Map<string, Uint8Array>();
  if (wanted.length === 0) return found;
  const cat = git(repo.env, repo.top, ['cat-file', '--batch'], Buffer.from(wanted.map((o) => `${o}\n`).join('')));
  if (cat.status !== 0) throw environmentError(`git cannot read ${wanted.length} file(s) of the repository: ${firstLine(cat.stderr)}`, 'run git fsck to check the repository');
  parseBatch(cat.stdout, wanted.length).forEach((b, k) => {
    if (b) found.set(wanted[k]!, b);
  });
  return found;
}

/**
 * The plan files as committed at `commit`, each with its blob id, named as the
 * working tree's loader names them (relative to the folder that holds the plan
 * folder). Review files and hidden files are left out, as when reading the
 * working tree. No bytes: the loader reads them with readBlobs, a window of
 * files at a time, and only for blobs it has not loaded already.
 */
export function listPlanAtCommit(repo: GitRepo, commit: string): PlanFiles {
  const spec = repo.planPath === '' ? '.' : repo.planPath;
  // --literal-pathspecs: a folder name with * or : is a name, not a pattern.
  const ls = git(repo.env, repo.top, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit, '--', spec]);
  if (ls.status !== 0) throw environmentError(`git cannot list the files of commit ${commit.slice(0, 12)}: ${firstLine(ls.stderr)}`);
  const planPrefix = repo.planPath === '' ? '' : `${repo.planPath}/`;
  const rootPrefix = repo.rootPath === '' ? '' : `${repo.rootPath}/`;
  const wanted = parseLsTree(ls.stdout).filter((e) => {
    if (!e.path.startsWith(planPrefix)) return false;
    const inPlan = e.path.slice(planPrefix.length).split('/');
    if (inPlan.some((part) => part.startsWith('.'))) return false;
    if (inPlan.length > 1 && inPlan[0] === REVIEWS_DIR) return false;
    return e.type === 'blob' && /\.ya?ml$/i.test(e.path);
  });
  const name = (p: string) => (p.startsWith(rootPrefix) ? p.slice(rootPrefix.length) : p);
  const files: RawFile[] = wanted.map((e) =>
    e.mode === '120000' ? { path: name(e.path), problem: { kind: 'symlink', detail: 'symbolic link' } } : { path: name(e.path), gitObject: e.object },
  );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { planDir: repo.planDir === '' ? '.' : repo.planDir, files };
}
