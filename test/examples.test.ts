/**
 * README, --help and behaviour agree: every `csp …` example in the README's
 * code blocks and in every command's --help runs, as written, against
 * a copy of the shipped plan (a git repository with a few commits, reviews
 * dialogue-2025 and dialogue-2026, an origin/main, the files the examples
 * read), and exits as documented: 0 unless a reason below says otherwise.
 * Each example that writes gets its own fresh copy. A line with anything for the shell to do (a pipe,
 * a redirection, &&, a variable) runs through bash and the built CLI on the PATH; a plain csp command
 * runs, with the words bash would give it, in this process. The README's quick start is run too:
 * `npm link` into a temporary npm prefix, then `csp` typed bare.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSP_BIN, REPO_ROOT, SHIPPED_ROOT, runCli } from './helpers/cli.js';
import { commit, git, gitInit } from './helpers/git.js';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** Lines of the README's code blocks (fenced, or indented by four spaces) that run csp. */
function readmeExamples(): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of README.split('\n')) {
    const f = /^```(\S*)/.exec(line);
    if (f) {
      fence = fence === undefined ? f[1]! : undefined;
      continue;
    }
    const code = fence !== undefined ? (['sh', 'bash', ''].includes(fence) ? line : undefined) : /^ {4}(.*)$/.exec(line)?.[1];
    // A line may chain commands (the quick start: npm ci && npm link … && csp status): each csp one counts.
    for (const part of code === undefined ? [] : code.split(' && ')) {
      if (/^(?:csp |source <\(csp )/.test(part.trim())) lines.push(part.trim());
    }
  }
  return lines;
}

/** The commands of a --help text's "Commands:" section. */
function commandsOf(help: string): string[] {
  const section = help.slice(help.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][a-z_-]*)/gm)].map((m) => m[1]!);
}

/** Every "$ csp …" line of the help of csp and of each command and subcommand. */
async function helpExamples(): Promise<{ where: string; line: string }[]> {
  const out: { where: string; line: string }[] = [];
  const visit = async (args: string[]) => {
    const help = (await runCli([...args, '--help'])).stdout;
    for (const m of help.matchAll(/^ {2}\$ (.*)$/gm)) out.push({ where: ['csp', ...args, '--help'].join(' '), line: m[1]!.trim() });
    if (args.length === 0) for (const c of commandsOf(help).filter((c) => c !== 'help')) await visit([c]);
    if (args.length === 1 && help.includes('Commands:')) for (const c of commandsOf(help).filter((c) => c !== 'help')) await visit([...args, c]);
  };
  await visit([]);
  return out;
}

/** Examples that cannot exit 0 where tests run, and why. */
const EXPECTED: { match: RegExp; code: number; why: string }[] = [
  { match: /^csp note p1\.3 +(#.*)?$/, code: 2, why: 'the note is written in $EDITOR on a terminal; without a terminal csp says to give the text' },
  {
    match: /^csp note (?!.*--link).*\S/,
    code: 1,
    why: "the shipped plan's rules ask every note to cite its source (rules.notesNeedLink in plan.yaml): a note without --link is refused, saying so",
  },
];

/** Examples that change files (or write output) get a fresh copy of the sandbox; the others share one. */
const WRITES = /\b(?:note|add|init|import|create)\b|my-plan|--out\b|-o |>|\bsource\b/;

interface Example {
  where: string;
  line: string;
}

let template = '';

/** The sandbox every example starts from. */
async function makeTemplate(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-examples-'));
  for (const dir of ['schema', 'seeds']) cpSync(path.join(REPO_ROOT, dir), path.join(root, dir), { recursive: true });
  cpSync(path.join(SHIPPED_ROOT, 'plan'), path.join(root, 'plan'), { recursive: true });
  mkdirSync(path.join(root, 'docs'));
  copyFileSync(path.join(REPO_ROOT, 'seeds/canada-korea-csp-action-plan.txt'), path.join(root, 'action-plan.txt'));
  writeFileSync(path.join(root, 'minutes.txt'), 'Minutes of the meeting: the forum met in Busan.\n');
  writeFileSync(path.join(root, 'text.txt'), 'Hold a joint maritime exercise\n');
  for (const dir of ['home/.local/share/bash-completion/completions', 'home/.config/fish/completions', 'bin']) mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'bin/csp'), `#!/bin/sh\nexec "${process.execPath}" "${CSP_BIN}" "$@"\n`);
  chmodSync(path.join(root, 'bin/csp'), 0o755);
  writeFileSync(path.join(root, '.gitignore'), 'bin/\nhome/\n');
  gitInit(root);
  commit(root, 'The plan at adoption');
  const csp = async (...args: string[]) => {
    const r = await runCli(args, { cwd: root });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  };
  await csp('note', 'p2.7', 'Joint patrol in the Yellow Sea.', '--date', '2025-03-01', '--status', 'in-progress', '--link', 'https://example.org/patrol');
  commit(root, 'Progress on p2.7');
  await csp('review', 'create', 'dialogue-2025', '--date', '2025-06-30', '--title', 'Strategic Dialogue, Ottawa');
  commit(root, 'Review dialogue-2025');
  await csp('note', 'p1.3', 'Sixth dialogue held in Ottawa.', '--date', '2026-03-14', '--status', 'ongoing', '--link', 'https://example.org/dialogue');
  commit(root, 'Progress on p1.3');
  await csp('review', 'create', 'dialogue-2026', '--date', '2026-06-30', '--title', 'Strategic Dialogue, Seoul');
  commit(root, 'Review dialogue-2026');
  commit(root, 'An empty commit, so that HEAD~5 exists');
  git(root, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  return root;
}

/**
 * The words of a line that is one csp command and nothing else for the shell (no pipe, redirection,
 * chaining, variable, glob or substitution; a trailing comment is dropped), as bash splits them;
 * undefined for any other line.
 */
function plainCommand(line: string): string[] | undefined {
  const tokens = parseShell(line, (name) => ({ op: `$${name}` }));
  const last = tokens.at(-1);
  const words = last !== undefined && typeof last === 'object' && 'comment' in last ? tokens.slice(0, -1) : tokens;
  if (!words.every((w): w is string => typeof w === 'string') || words[0] !== 'csp') return undefined;
  return words;
}

/** In-process runs, one after another (the bash ones run side by side). */
let inProcess: Promise<void> = Promise.resolve();

/**
 * Runs one example in a fresh copy of the sandbox as a person would type it: a line with anything
 * for the shell to do through bash and the built CLI on the PATH, a plain csp command in this process.
 */
async function runExample(e: Example): Promise<{ code: number; stderr: string }> {
  const fresh = WRITES.test(e.line);
  const root = fresh ? mkdtempSync(path.join(tmpdir(), 'csp-example-')) : template;
  // cp -a: a copy as fast as the file system makes one, times kept (the cache beside the plan stays warm).
  if (fresh) execFileSync('cp', ['-a', `${template}/.`, root]);
  let cwd = root;
  let line = e.line;
  const created = /\bcsp review create (\S+)/.exec(line)?.[1];
  if (created) rmSync(path.join(root, `plan/reviews/${created}.yaml`), { force: true }); // the example creates it
  if (line.includes('my-plan/plan') && !/\bcsp init my-plan\b/.test(line)) {
    const r = await runCli(['init', 'my-plan', '--party', 'ca:Canada', '--party', 'kr:Republic of Korea'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
  }
  if (/\bcsp init \. /.test(line)) {
    cwd = path.join(root, 'new-plan');
    mkdirSync(cwd);
  }
  // zsh's completion folder is zsh's own (and the system's): written to the sandbox instead.
  line = line.replace('"${fpath[1]}/_csp"', '"$HOME/_csp"');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(root, 'bin')}:${process.env.PATH}`, HOME: path.join(root, 'home'), NO_COLOR: '1' };
  delete env.CSP_PLAN;
  delete env.FORCE_COLOR;
  // A line that waits on another program (a browser printing a PDF) or on the network (--links)
  // runs as a process, side by side with the others, even when it is plain.
  const words = /--links\b|--format pdf\b/.test(line) ? undefined : plainCommand(line);
  if (words) {
    // One csp command and its words, nothing for the shell to do: the words bash would pass, run by
    // csp's main in this process (test/helpers/cli.ts), one at a time, with the same environment
    // (no clock set: "today" is today, as for a person typing it) and nothing on standard input.
    const run = inProcess.then(() => runCli(words.slice(1), { cwd, env: { PATH: env.PATH, HOME: env.HOME, CSP_NOW: undefined } }));
    inProcess = run.then(() => undefined, () => undefined);
    const r = await run;
    if (fresh) rmSync(root, { recursive: true, force: true });
    return { code: r.code, stderr: r.stderr };
  }
  return new Promise((resolve) => {
    // Standard output is a pipe that is read and dropped: a descriptor opened on /dev/null read-write
    // (what 'ignore' gives) is how a closed standard output looks to csp (io/stdio.ts).
    const child = spawn('bash', ['-c', `set -o pipefail\n${line}`], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => {
      if (fresh) rmSync(root, { recursive: true, force: true });
      resolve({ code: code ?? -1, stderr });
    });
  });
}

describe('every example in the README and in --help', () => {
  beforeAll(async () => {
    template = await makeTemplate();
  }, 60_000);

  it('is found: the README and every command have examples', async () => {
    const readme = readmeExamples();
    expect(readme.length).toBeGreaterThan(10);
    expect(readme.some((l) => /^csp status( |$)/.test(l))).toBe(true);
    const help = await helpExamples();
    for (const c of ['csp status --help', 'csp note --help', 'csp diff --help', 'csp import --help', 'csp review create --help']) {
      expect(help.some((h) => h.where === c), c).toBe(true);
    }
  });

  it('runs and exits as documented', async () => {
    const examples: Example[] = [...readmeExamples().map((line) => ({ where: 'README.md', line })), ...await helpExamples()];
    const unique = examples.filter((e, k) => examples.findIndex((x) => x.line === e.line) === k);
    const results: string[] = [];
    // Three at a time, each taking the next as soon as it is done: the machine's cores are shared,
    // and a few examples mostly wait (a browser printing a PDF, sources asked over the network).
    let next = 0;
    const runner = async () => {
      for (let k = next++; k < unique.length; k = next++) {
        const e = unique[k]!;
        const r = await runExample(e);
        const expected = EXPECTED.find((x) => x.match.test(e.line))?.code ?? 0;
        if (r.code !== expected) results[k] = `${e.where}: ${e.line}\n  exit ${r.code}, documented ${expected}\n  ${r.stderr.trim().split('\n').join('\n  ')}`;
      }
    };
    await Promise.all([runner(), runner(), runner()]);
    expect(results.filter((r) => r !== undefined)).toEqual([]);
  }, 300_000);
});

describe("the README's quick start", () => {
  it('leaves csp on the PATH: npm link, then csp typed bare, here and from another folder', () => {
    const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(README)![1]!;
    // One line: install and build, link, the dashboard.
    const commands = block.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
    expect(commands).toHaveLength(1);
    const steps = commands[0]!.split(' && ');
    expect(steps).toEqual(['npm ci', 'npm link --ignore-scripts', 'csp status']);
    // `npm ci` installs the build tools and builds dist/ (npm test has built it): the package as npm ci leaves it.
    const pkg = mkdtempSync(path.join(tmpdir(), 'csp-clone-'));
    for (const f of ['package.json', 'bin', 'dist']) cpSync(path.join(REPO_ROOT, f), path.join(pkg, f), { recursive: true });
    cpSync(path.join(SHIPPED_ROOT, 'plan'), path.join(pkg, 'plan'), { recursive: true });
    const prefix = mkdtempSync(path.join(tmpdir(), 'csp-prefix-'));
    const env: NodeJS.ProcessEnv = { ...process.env, NPM_CONFIG_PREFIX: prefix, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', NO_COLOR: '1' };
    delete env.CSP_PLAN;
    const link = spawnSync('bash', ['-c', steps[1]!], { cwd: pkg, env, encoding: 'utf8' });
    expect(link.status, link.stderr).toBe(0);
    expect(link.stderr).not.toMatch(/npm warn/i);
    const bare = (cwd: string, line: string) => spawnSync('bash', ['-c', line], { cwd, env: { ...env, PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}` }, encoding: 'utf8' });
    const here = bare(pkg, steps[2]!);
    expect(here.status, here.stderr).toBe(0);
    expect(here.stdout).toContain('Pillar 5 · ');
    const elsewhere = bare(tmpdir(), `csp --plan ${pkg} status`);
    expect(elsewhere.status, elsewhere.stderr).toBe(0);
    expect(elsewhere.stdout).toBe(here.stdout);
    const viaEnv = spawnSync('bash', ['-c', 'csp status'], { cwd: tmpdir(), env: { ...env, CSP_PLAN: path.join(pkg, 'plan'), PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(viaEnv.stdout).toBe(here.stdout);
  });
});
