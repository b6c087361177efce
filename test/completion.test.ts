/**
 * Shell completion: the scripts are valid for their shell, bash completes
 * what a person would expect (run for real in bash), and the values the
 * scripts ask csp for are right and never come with an error.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareNatural } from '../src/core/text.js';
import { STATUSES } from '../src/core/vocabulary.js';
import { type CompletionSpec, renderCompletion } from '../src/render/completion.js';
import { CSP_BIN, REPO_ROOT, SHIPPED_ROOT, runCli } from './helpers/cli.js';
import { initiative, MANIFEST, withManifest, writeTree } from './helpers/plan.js';

const SHIPPED_IDS = readdirSync(path.join(SHIPPED_ROOT, 'plan'))
  .filter((d) => d.startsWith('pillar-'))
  .flatMap((d) => readdirSync(path.join(SHIPPED_ROOT, 'plan', d)).map((f) => f.replace(/\.yaml$/, '')))
  .sort(compareNatural);

function has(shell: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
}

const scripts: Record<string, string> = {};
let binDir = '';

beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await runCli(['completion', shell]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    scripts[shell] = r.stdout;
  }
  // A `csp` on PATH, as the scripts call it.
  binDir = mkdtempSync(path.join(tmpdir(), 'csp-bin-'));
  writeFileSync(path.join(binDir, 'csp'), `#!/bin/sh\nexec "${process.execPath}" "${CSP_BIN}" "$@"\n`);
  chmodSync(path.join(binDir, 'csp'), 0o755);
});

/** What bash offers for a command line that ends where the cursor is (a trailing space starts a new word). */
function bashComplete(line: string, cwd = SHIPPED_ROOT, script = scripts.bash!): string[] {
  const words = line.split(' ');
  const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
COMP_LINE='${line}'
_csp
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}`, CSP_PLAN: '' },
  });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('completion scripts', () => {
  it('bash: is valid syntax', () => {
    const r = spawnSync('bash', ['-n'], { input: scripts.bash, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  for (const shell of ['zsh', 'fish']) {
    it.skipIf(!has(shell))(`${shell}: is valid syntax`, () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'csp-comp-')), `csp.${shell}`);
      writeFileSync(file, scripts[shell]!);
      const r = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('do not offer the hidden __complete command', () => {
    expect(bashComplete('csp ')).toEqual(expect.arrayContaining(['status', 'show', 'validate', 'schema', 'init', 'import', 'completion', 'help']));
    expect(bashComplete('csp ')).not.toContain('__complete');
    expect(bashComplete('csp _')).toEqual([]);
  });

  it('bash: completes commands, options, choices and plan values', () => {
    expect(bashComplete('csp sh')).toEqual(['show']);
    expect(bashComplete('csp ')).toEqual(expect.arrayContaining(['status', 'show', 'validate', 'schema', 'init', 'import', 'completion', 'help']));
    expect(bashComplete('csp show ')).toEqual(SHIPPED_IDS);
    expect(bashComplete('csp show p2.1')).toEqual(['p2.1', 'p2.10', 'p2.11']);
    expect(bashComplete('csp --plan test/fixtures/sample/plan show p', REPO_ROOT)).toEqual(
      readdirSync(path.join(REPO_ROOT, 'test/fixtures/sample/plan'), { recursive: true })
        .map(String)
        .filter((f) => /pillar-\d+\/.+\.yaml$/.test(f))
        .map((f) => path.basename(f, '.yaml'))
        .filter((id) => id.startsWith('p'))
        .sort(compareNatural),
    );
    expect(bashComplete('csp status --status at')).toEqual(['at-risk']);
    expect(bashComplete('csp status --theme hum')).toEqual(['human-rights']);
    expect(bashComplete('csp status --pillar ')).toEqual(['1', '2', '3', '4', '5']);
    expect(bashComplete('csp report --lang ')).toEqual(['en', 'fr', 'ko']);
    expect(bashComplete('csp --as-of 2025-01-01 status --pillar 2 --j')).toEqual(['--json']);
    expect(bashComplete('csp completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete('csp help f')).toEqual(['format']);
    expect(bashComplete('csp status --')).toEqual(expect.arrayContaining(['--pillar', '--status', '--json', '--plan', '--help']));
    // Subcommands and review names (plan/reviews/).
    expect(bashComplete('csp review ')).toEqual(['create', 'list', 'show']);
    expect(bashComplete('csp review show ')).toEqual(['adoption']);
    expect(bashComplete('csp diff ')).toEqual(['adoption']);
    expect(bashComplete('csp diff --format ')).toEqual(['text', 'md', 'json']);
    // Recording progress: csp note ID --status/--side.
    expect(bashComplete('csp note p1.')).toEqual(['p1.1', 'p1.2', 'p1.3', 'p1.4', 'p1.5', 'p1.6']);
    expect(bashComplete('csp note p1.3 --side ')).toEqual(['ca', 'joint', 'kr']);
    expect(bashComplete('csp add --kind ')).toEqual(['recurring', 'deliverable', 'exploratory']);
  });

  it.skipIf(!has('fish'))('fish: completes commands, choices and plan values', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'csp-comp-')), 'csp.fish');
    writeFileSync(file, scripts.fish!);
    const ask = (line: string) =>
      spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], {
        cwd: SHIPPED_ROOT,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}`, CSP_PLAN: '' },
      }).stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    expect(ask('csp show p2.1')).toEqual(['p2.1', 'p2.10', 'p2.11']);
    expect(ask('csp status --theme hum')).toEqual(['human-rights']);
    expect(ask('csp sh')).toEqual(['show']);
    expect(ask('csp completion z')).toEqual(['zsh']);
  });

  it('handle subcommands, as in csp review show NAME', () => {
    const spec: CompletionSpec = {
      globalOptions: [{ long: '--plan', description: 'the plan folder', value: { name: 'dir', source: { kind: 'dirs' } } }],
      commands: [
        { path: ['show'], description: 'one initiative', options: [{ long: '--json', description: 'JSON' }], args: [{ name: 'id', required: true, source: { kind: 'dynamic', what: 'ids' } }], subcommands: [] },
        {
          path: ['review'],
          description: 'reviews: the plan frozen as of a date',
          options: [],
          args: [],
          subcommands: [
            { path: ['review', 'create'], description: 'freeze the plan', options: [{ long: '--date', description: "the day, e.g. '2025-07-18'", value: { name: 'date', source: { kind: 'none' } } }], args: [{ name: 'name', required: true, source: { kind: 'none' } }], subcommands: [] },
            { path: ['review', 'show'], description: 'one review', options: [{ long: '--json', description: 'JSON' }], args: [{ name: 'name', required: true, source: { kind: 'dynamic', what: 'reviews' } }], subcommands: [] },
          ],
        },
      ],
    };
    const root = writeTree(
      withManifest({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1), 'plan/reviews/dialogue-2025.yaml': 'x: 1\n', 'plan/reviews/baseline.yaml': 'x: 1\n' }),
    );
    const bash = renderCompletion(spec, 'bash');
    expect(spawnSync('bash', ['-n'], { input: bash }).status).toBe(0);
    expect(bashComplete('csp ', root, bash)).toEqual(['show', 'review']);
    expect(bashComplete('csp review ', root, bash)).toEqual(['create', 'show']);
    expect(bashComplete('csp review show ', root, bash)).toEqual(['baseline', 'dialogue-2025']);
    expect(bashComplete('csp review show --', root, bash)).toEqual(['--json', '--plan', '--help']);
    expect(bashComplete('csp review create --date 2025-01-01 ', root, bash)).toEqual([]);
    expect(bashComplete('csp show ', root, bash)).toEqual(['p1.1']);
    for (const shell of ['zsh', 'fish'] as const) {
      if (!has(shell)) continue;
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'csp-comp-')), `csp.${shell}`);
      writeFileSync(file, renderCompletion(spec, shell));
      expect(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).stderr).toBe('');
      if (shell === 'fish') {
        const ask = (line: string) =>
          spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], {
            cwd: root,
            encoding: 'utf8',
            env: { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}`, CSP_PLAN: '' },
          }).stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
        expect(ask('csp review ')).toEqual(['create', 'show']);
        expect(ask('csp review show ')).toEqual(['baseline', 'dialogue-2025']);
        expect(ask('csp show ')).toEqual(['p1.1']);
      }
    }
  });

  it('bash: offers nothing, and says nothing, outside a plan', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'csp-noplan-'));
    expect(bashComplete('csp show ', empty)).toEqual([]);
    expect(bashComplete('csp --plan /nonexistent/plan show ')).toEqual([]);
  });
});

describe('csp __complete', () => {
  it('prints the shipped ids, themes, pillars and the statuses, one per line', async () => {
    expect((await runCli(['__complete', 'ids'])).stdout).toBe(`${SHIPPED_IDS.join('\n')}\n`);
    const themes = (await runCli(['__complete', 'themes'])).stdout.trim().split('\n');
    expect(themes).toHaveLength(19);
    expect(themes).toContain('human-rights');
    expect((await runCli(['__complete', 'pillars'])).stdout).toBe('1\n2\n3\n4\n5\n');
    expect((await runCli(['__complete', 'parties'])).stdout).toBe('ca\njoint\nkr\n');
    expect((await runCli(['__complete', 'statuses'])).stdout).toBe(`${STATUSES.join('\n')}\n`);
  });

  it('lists review names from plan/reviews/ and leaves review files out of the ids', async () => {
    const root = writeTree(
      withManifest({
        'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1),
        'plan/reviews/2025-strategic-dialogue.yaml': 'name: x\n',
        'plan/reviews/2024.yaml': 'name: y\n',
      }),
    );
    expect((await runCli(['__complete', 'reviews'], { cwd: root })).stdout).toBe('2024\n2025-strategic-dialogue\n');
    expect((await runCli(['__complete', 'ids'], { cwd: root })).stdout).toBe('p1.1\n');
  });

  it('prints nothing and exits 0 for a broken plan, no plan or an unknown kind', async () => {
    const broken = writeTree({ 'plan/plan.yaml': `${MANIFEST}\n  - [unclosed\n`, 'plan/pillar-1/p1.1.yaml': 'id: [' });
    for (const [args, cwd] of [
      [['__complete', 'themes'], broken],
      [['__complete', 'ids'], mkdtempSync(path.join(tmpdir(), 'csp-noplan-'))],
      [['__complete', 'everything'], SHIPPED_ROOT],
      [['--plan', '/nonexistent', '__complete', 'ids'], SHIPPED_ROOT],
    ] as [string[], string][]) {
      const r = await runCli(args, { cwd });
      expect(r, args.join(' ')).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    // A broken initiative file still has its id as a file name: completion offers it.
    expect((await runCli(['__complete', 'ids'], { cwd: broken })).stdout).toBe('p1.1\n');
  });

  it('is not listed in csp --help', async () => {
    expect((await runCli(['--help'])).stdout).not.toContain('__complete');
  });
});
