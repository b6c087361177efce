/**
 * The standing hostile-input suite for everything around the plan files:
 * the load cache (forged, committed, damaged, wrong-shaped, symlinked temp
 * names, killed mid-write), user-named output paths (devices, FIFOs, links),
 * closed standard output, disk full, locks left by dead or reused pids, and
 * exit codes. Each case runs the built CLI as a user would. Cases that need
 * root (mknod, chown) are skipped with a message when not root.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_DIR, cacheFile, CacheWriter, openCache } from '../src/io/cache.js';
import { planCacheKey } from '../src/io/cache-codec.js';
import { sha256 } from '../src/io/hash.js';
import { loadPlanFromDisk } from '../src/io/load-plan.js';
import { loadPlan } from '../src/core/load.js';
import { self } from '../src/io/process-id.js';
import { locatePlan, readPlanFiles } from '../src/io/plan-files.js';
import { CSP_BIN, runCli, runCliProcess, synthRoot } from './helpers/cli.js';
import { commit, git, gitInit } from './helpers/git.js';
import { initiative, withManifest, writeTree } from './helpers/plan.js';

const AS_OF = '2026-11-28';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const rootOnly = (name: string) => {
  if (!isRoot) console.warn(`skipped (needs root): ${name}`);
  return it.skipIf(!isRoot);
};

/** A fresh user cache folder: a machine that has never run csp. */
const freshHome = () => writeTree({});

/** A small valid plan in a temporary folder. */
function smallPlan(extra: Record<string, string> = {}): string {
  return writeTree(
    withManifest({
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'notes:\n  - date: 2025-03-01\n    text: Talks began.\n    status: in-progress\n'),
      'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1),
      ...extra,
    }),
  );
}


const COMMANDS = [['validate'], ['validate', '--format', 'github'], ['validate', '--format', 'json'], ['status'], ['show', 'p1.1'], ['export', '--json'], ['report']];

/** What each command prints (stdout) and its exit code. */
async function outputs(root: string, env: Record<string, string | undefined>): Promise<string[]> {
  const out: string[] = [];
  for (const args of COMMANDS) {
    const r = await runCli(['--as-of', AS_OF, ...args], { cwd: root, env });
    out.push(`${args.join(' ')} → ${r.code}\n${r.stdout}`);
  }
  return out;
}

function tempFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.tmp')) : [];
}

describe('a forged cache', () => {
  /**
   * The attack: a valid file's cache entry, its hash replaced by the hash of a
   * broken file of the same size, committed with the broken file.
   */
  async function forgedRepo(): Promise<{ origin: string; broken: string }> {
    const valid = initiative('p1.1', 1);
    const broken = valid.replace('title:', 'tItle:');
    expect(broken.length).toBe(valid.length);
    const origin = smallPlan({ 'plan/pillar-1/p1.1.yaml': valid });
    gitInit(origin);
    commit(origin, 'plan');
    const attacker = freshHome();
    expect((await runCli(['status'], { cwd: origin, env: { XDG_CACHE_HOME: attacker } })).code).toBe(0);
    const cache = cacheFile(origin, { kind: 'plan', planDir: 'plan' });
    const text = readFileSync(cache, 'utf8');
    expect(text).toContain(sha256(Buffer.from(valid)));
    writeFileSync(cache, text.replaceAll(sha256(Buffer.from(valid)), sha256(Buffer.from(broken))));
    writeFileSync(path.join(origin, 'plan/pillar-1/p1.1.yaml'), broken);
    git(origin, 'add', '-f', CACHE_DIR);
    commit(origin, 'a pull request with a cache');
    expect(git(origin, 'ls-files', CACHE_DIR)).toContain('plan-plan.jsonl');
    return { origin, broken };
  }

  it('cannot make csp validate pass or change any output in a fresh clone (CI and not)', async () => {
    const { origin } = await forgedRepo();
    const clone = path.join(writeTree({}), 'clone');
    execFileSync('git', ['clone', '-q', origin, clone]);
    const expected = await outputs(clone, { CSP_NO_CACHE: '1', XDG_CACHE_HOME: freshHome() });
    expect(expected[0]).toMatch(/^validate → 1\n/);
    expect(await outputs(clone, { XDG_CACHE_HOME: freshHome(), CI: 'true' })).toEqual(expected);
    const home = freshHome();
    expect(await outputs(clone, { XDG_CACHE_HOME: home })).toEqual(expected);
    expect(await outputs(clone, { XDG_CACHE_HOME: home })).toEqual(expected);
    // The committed cache is named, and left as git has it.
    const r = await runCli(['status'], { cwd: clone, env: { XDG_CACHE_HOME: home } });
    expect(r.stderr).toMatch(/warning: \.csp-cache\/ is committed to git; csp ignores it/);
    expect(git(clone, 'status', '--porcelain')).toBe('');
  });

  it('outside git (an archive), even on the machine whose key made it, is dropped line by line', async () => {
    const { origin } = await forgedRepo();
    const copy = writeTree({});
    cpSync(path.join(origin, 'plan'), path.join(copy, 'plan'), { recursive: true });
    cpSync(path.join(origin, CACHE_DIR), path.join(copy, CACHE_DIR), { recursive: true });
    const expected = await outputs(copy, { CSP_NO_CACHE: '1' });
    expect(expected[0]).toMatch(/^validate → 1\n/);
    expect(await outputs(copy, {})).toEqual(expected);
  });
});

describe('a damaged cache', () => {
  it('with a well-formed but wrong-shaped line (notes: [null]) is dropped, never a crash', async () => {
    const root = smallPlan();
    const expected = await outputs(root, { CSP_NO_CACHE: '1' });
    await runCli(['status'], { cwd: root });
    const cache = cacheFile(root, { kind: 'plan', planDir: 'plan' });
    // The line of p1.1 with its notes replaced by [null], everything else as csp wrote it.
    const lines = readFileSync(cache, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('["plan/pillar-1/p1.1.yaml"'));
    // [path, hashes, MACs] TAB the result's lean part TAB its texts (see io/cache-file.ts).
    const [meta, lean, texts] = lines[at]!.split('\t');
    const result = JSON.parse(lean!);
    expect(result.initiative.notes).toHaveLength(1);
    result.initiative.notes = [null];
    lines[at] = `${meta}\t${JSON.stringify(result)}\t${texts}`;
    writeFileSync(cache, lines.join('\n'));
    expect(await outputs(root, {})).toEqual(expected);
  });

  it('whose line is wrong-shaped under a valid MAC is dropped too (the shape is checked after the MAC)', async () => {
    const root = smallPlan();
    const location = locatePlan(path.join(root, 'plan'), {}, root);
    const expected = loadPlan(readPlanFiles(location), { today: AS_OF });
    const env = { XDG_CACHE_HOME: freshHome(), CSP_PARSE_WORKERS: '0' };
    await loadPlanFromDisk(location, { today: AS_OF, cache: true, env });
    const access = openCache(root, env)!;
    expect(access).toBeDefined();
    const bytes = readFileSync(path.join(root, 'plan/pillar-1/p1.1.yaml'));
    // The loader's own key (its format, in two parts), with a shape check that lets anything be written.
    const key = { ...planCacheKey('plan'), isResult: (_: unknown): _ is { path: string } => true };
    const wrong = [
      { path: 'plan/pillar-1/p1.1.yaml', decoded: true, diagnostics: [], initiative: { id: 'p1.1', notes: [null] } },
      { path: 'plan/pillar-1/p1.1.yaml', decoded: true, diagnostics: [null] },
      { path: 'plan/pillar-1/p1.1.yaml', decoded: 'yes', diagnostics: [] },
    ];
    for (const result of wrong) {
      const writer = CacheWriter.open(access, key);
      writer.add({ path: result.path, hash: sha256(bytes), result });
      expect(writer.commit()).toBe(true);
      const { result: loaded } = await loadPlanFromDisk(location, { today: AS_OF, cache: true, env });
      expect(loaded.plan).toEqual(expected.plan);
      expect(loaded.diagnostics).toEqual(expected.diagnostics);
    }
  });

  it('is never written through a symbolic link planted at a predictable temporary file name', async () => {
    const root = smallPlan();
    const outside = path.join(writeTree({ 'precious.txt': 'keep me\n' }), 'precious.txt');
    mkdirSync(path.join(root, CACHE_DIR));
    const child = spawn(process.execPath, [CSP_BIN, 'status'], { cwd: root, stdio: 'ignore' });
    // Planted as the process starts, long before it loads the plan.
    symlinkSync(outside, path.join(root, CACHE_DIR, `plan-plan.jsonl.${child.pid}.tmp`));
    await new Promise((resolve) => child.on('close', resolve));
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
  });

  it('is never written through a symbolic link at the temporary file name of this process', async () => {
    const root = smallPlan();
    const outside = path.join(writeTree({ 'precious.txt': 'keep me\n' }), 'precious.txt');
    mkdirSync(path.join(root, CACHE_DIR));
    // The name csp 0.1.0 wrote its temporary file under, for this very process.
    symlinkSync(outside, path.join(root, CACHE_DIR, `plan-plan.jsonl.${process.pid}.tmp`));
    const location = locatePlan(path.join(root, 'plan'), {}, root);
    await loadPlanFromDisk(location, { today: AS_OF, cache: true, env: { XDG_CACHE_HOME: freshHome(), CSP_PARSE_WORKERS: '0' } });
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
    expect(existsSync(cacheFile(root, { kind: 'plan', planDir: 'plan' }))).toBe(true);
  });

  it('is not used when .csp-cache is a link (nothing is written where it leads), nor a FIFO as its file', async () => {
    const root = smallPlan();
    const elsewhere = writeTree({});
    symlinkSync(elsewhere, path.join(root, CACHE_DIR));
    const expected = await outputs(root, { CSP_NO_CACHE: '1' });
    expect(await outputs(root, {})).toEqual(expected);
    expect(readdirSync(elsewhere)).toEqual([]);
    rmSync(path.join(root, CACHE_DIR));
    mkdirSync(path.join(root, CACHE_DIR));
    execFileSync('mkfifo', [cacheFile(root, { kind: 'plan', planDir: 'plan' })]);
    expect(await outputs(root, {})).toEqual(expected);
  });

  it('repairs an empty .gitignore (left by a full disk), so that git add -A never takes the cache', async () => {
    const root = smallPlan();
    gitInit(root);
    await runCli(['status'], { cwd: root });
    writeFileSync(path.join(root, CACHE_DIR, '.gitignore'), '');
    rmSync(cacheFile(root, { kind: 'plan', planDir: 'plan' }));
    await runCli(['status'], { cwd: root });
    expect(readFileSync(path.join(root, CACHE_DIR, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    git(root, 'add', '-A');
    expect(git(root, 'ls-files', CACHE_DIR)).toBe('');
  });

  it('is not made for a mistyped --plan: no .csp-cache/ in its parent', async () => {
    const parent = writeTree({ 'notes/readme.txt': 'not a plan\n' });
    const r = await runCli(['--plan', 'notes', 'status'], { cwd: parent });
    expect(r.code).not.toBe(0);
    expect(existsSync(path.join(parent, CACHE_DIR))).toBe(false);
  });
});

describe('kill -9 while csp writes its cache', () => {
  // Six moments spread over the cold run by default (each trial is a cold run of its own).
  const trials = Number(process.env.CSP_KILL_TRIALS ?? 6);

  it(`leaves no temporary file after the next run (${trials} trials; CSP_KILL_TRIALS=100 for more)`, async () => {
    const root = synthRoot(300, 3);
    const dir = path.join(root, CACHE_DIR);
    const cache = cacheFile(root, { kind: 'plan', planDir: 'plan' });
    const expected = (await outputs(root, { CSP_NO_CACHE: '1' })).slice(3, 4);
    let killedWithTemp = 0;
    for (let t = 0; t < trials; t++) {
      rmSync(cache, { force: true });
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [CSP_BIN, '--as-of', AS_OF, 'status'], { cwd: root, stdio: 'ignore', env: { ...process.env, CSP_PARSE_WORKERS: '0' } });
        // Killed at a different moment of the cold run (≈ 1.5 s) each time: from start-up to the rename.
        const timer = setTimeout(() => child.kill('SIGKILL'), 80 + ((t * 1400 + 700) / trials) % 1400);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (tempFiles(dir).length > 0) killedWithTemp++;
    }
    // The next run: its answer is the uncached one, and it removes what the killed runs left.
    expect((await outputs(root, {})).slice(3, 4)).toEqual(expected);
    expect(tempFiles(dir)).toEqual([]);
    console.info(`kill -9: ${trials} trials, ${killedWithTemp} left a temporary file behind them; none after the next run`);
  }, 600_000);
});

describe('output to a path the user named', () => {
  rootOnly('csp report -o onto a character device leaves it a device (mknod, as root)')('report -o a device', async () => {
    const root = smallPlan();
    const dev = path.join(root, 'null');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    const r = await runCli(['--as-of', AS_OF, 'report', '-o', dev], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('streams into a FIFO and leaves it a FIFO', async () => {
    const root = smallPlan();
    const fifo = path.join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.setEncoding('utf8').on('data', (d: string) => (got += d));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const r = await runCli(['--as-of', AS_OF, 'report', '-o', fifo], { cwd: root });
    // Should csp not have opened the FIFO, release the reader (else it would wait forever).
    if (reader.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (reader.exitCode === null) {
        if (lstatSync(fifo).isFIFO()) writeFileSync(fifo, '');
        else reader.kill();
      }
    }
    await done;
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    // What a regular file named the same would get (the report names its charts after the file).
    expect((await runCli(['--as-of', AS_OF, 'report', '-o', 'pipe.md'], { cwd: root })).code).toBe(0);
    expect(got).toBe(readFileSync(path.join(root, 'pipe.md'), 'utf8'));
  });

  it('writes through a symbolic link to its file and keeps the link; refuses a link that leads nowhere', async () => {
    const root = smallPlan();
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs/report.md'), 'old\n');
    symlinkSync('docs/report.md', path.join(root, 'latest.md'));
    const r = await runCli(['--as-of', AS_OF, 'report', '-o', 'latest.md'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(path.join(root, 'latest.md')).isSymbolicLink()).toBe(true);
    expect((await runCli(['--as-of', AS_OF, 'report', '--format', 'html', '-o', 'latest.html'], { cwd: root })).code).toBe(0);
    expect(readFileSync(path.join(root, 'docs/report.md'), 'utf8')).toContain('# Test Partnership: implementation report');
    expect(readFileSync(path.join(root, 'docs/report.md'), 'utf8')).not.toBe('old\n');

    symlinkSync('nowhere/report.md', path.join(root, 'dangling.md'));
    const d = await runCli(['--as-of', AS_OF, 'report', '-o', 'dangling.md'], { cwd: root });
    expect(d.code).toBe(3);
    expect(d.stderr).toMatch(/dangling\.md is a symbolic link that leads nowhere/);
    expect(lstatSync(path.join(root, 'dangling.md')).isSymbolicLink()).toBe(true);
  });

  it("csp schema --out keeps links in the folder links, and '-o -' is standard output", async () => {
    const root = writeTree({ 'real/initiative.schema.json': '{}\n' });
    mkdirSync(path.join(root, 'schema'));
    symlinkSync('../real/initiative.schema.json', path.join(root, 'schema/initiative.schema.json'));
    const r = await runCli(['schema', '--out', 'schema'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(path.join(root, 'schema/initiative.schema.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(root, 'real/initiative.schema.json'), 'utf8')).toBe((await runCli(['schema'])).stdout);
    const plan = smallPlan();
    expect((await runCli(['--as-of', AS_OF, 'report', '-o', '-'], { cwd: plan })).stdout).toBe((await runCli(['--as-of', AS_OF, 'report'], { cwd: plan })).stdout);
  });

  // Never the system's own /dev/full or /dev/null: a build with the bug would replace them.
  rootOnly('says a full device is full, in words, once (report -o onto a mknod copy of /dev/full, as root)')('report -o a full device', async () => {
    const root = smallPlan();
    const full = path.join(root, 'full');
    execFileSync('mknod', [full, 'c', '1', '7']);
    const r = await runCli(['--as-of', AS_OF, 'report', '-o', full], { cwd: root });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot write .*full \(ENOSPC\)/);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });

  it('says standard output on a full disk is full, once (the shell opens /dev/full; csp never names it)', () => {
    const root = smallPlan();
    const s = spawnSync('sh', ['-c', `exec "${process.execPath}" "${CSP_BIN}" status > /dev/full`], { cwd: root, encoding: 'utf8' });
    expect(s.status).toBe(3);
    expect(s.stderr).toMatch(/cannot write to standard output \(ENOSPC\)/);
    expect(s.stderr).not.toMatch(/ENOSPC: ENOSPC/);
  });
});

/** Whether this machine lets the tests mount a small tmpfs (root with CAP_SYS_ADMIN). */
const canMount = (() => {
  if (!isRoot) return false;
  const dir = writeTree({});
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
  if (r.status !== 0) return false;
  spawnSync('umount', [dir]);
  return true;
})();

describe('a full disk', () => {
  if (!canMount) console.warn('skipped (needs root and mount): a full disk, on a small tmpfs');

  it.skipIf(!canMount)('leaves no temporary file, no empty .gitignore and no changed plan file; says so in words', async () => {
    const disk = writeTree({});
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]);
    try {
      const plan = smallPlan();
      cpSync(path.join(plan, 'plan'), path.join(disk, 'plan'), { recursive: true });
      const expected = await outputs(disk, { CSP_NO_CACHE: '1' });
      mkdirSync(path.join(disk, CACHE_DIR));
      // Fill every block that is left.
      try {
        writeFileSync(path.join(disk, 'filler'), Buffer.alloc(1 << 20));
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      expect(await outputs(disk, {})).toEqual(expected);
      expect(tempFiles(path.join(disk, CACHE_DIR))).toEqual([]);
      const ignore = path.join(disk, CACHE_DIR, '.gitignore');
      expect(!existsSync(ignore) || readFileSync(ignore, 'utf8').includes('*')).toBe(true);
      const before = readFileSync(path.join(disk, 'plan/pillar-1/p1.2.yaml'), 'utf8');
      const r = await runCli(['--as-of', AS_OF, 'note', 'p1.2', 'Met.'], { cwd: disk });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/ENOSPC/);
      expect(r.stderr).not.toMatch(/ENOSPC: ENOSPC|bug in csp|internal error/);
      expect(readFileSync(path.join(disk, 'plan/pillar-1/p1.2.yaml'), 'utf8')).toBe(before);
      expect(readdirSync(path.join(disk, 'plan/pillar-1')).sort()).toEqual(['p1.1.yaml', 'p1.2.yaml']);
      // Space again: the cache is made, with its .gitignore.
      rmSync(path.join(disk, 'filler'));
      expect(await outputs(disk, {})).toEqual(expected);
      expect(readFileSync(ignore, 'utf8')).toMatch(/^\*$/m);
      expect(existsSync(cacheFile(disk, { kind: 'plan', planDir: 'plan' }))).toBe(true);
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});

describe('standard output that cannot be written', () => {
  it('closed (>&-): exit 3 and a message, not a silent success', () => {
    const root = smallPlan();
    const r = spawnSync('sh', ['-c', `exec "${process.execPath}" "${CSP_BIN}" status >&-`], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot write to standard output \(EBADF: it is closed\)/);
  });

  it('a reader that went away (EPIPE): exit 3, quietly', async () => {
    const root = smallPlan();
    const child = spawn(process.execPath, [CSP_BIN, 'export', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    // The only reader closes its end before csp has even started: every write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(3);
    expect(stderr).toBe('');
  });
});

describe('exit codes', () => {
  it('an internal error exits 4, never 1 ("the plan has errors")', () => {
    const root = smallPlan();
    const install = writeTree({});
    const built = path.dirname(path.dirname(CSP_BIN));
    cpSync(path.join(built, 'bin'), path.join(install, 'bin'), { recursive: true });
    cpSync(path.join(built, 'dist'), path.join(install, 'dist'), { recursive: true });
    // A broken installation: the command bundle throws when loaded.
    writeFileSync(path.join(install, 'dist/cli.cjs'), 'throw new TypeError("broken bundle");\n');
    const r = spawnSync(process.execPath, [path.join(install, 'bin/csp.cjs'), 'status'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/^csp: internal error: broken bundle\n/);
    expect(r.stderr).toMatch(/a bug in csp/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('csp note on files validate accepts', () => {
  /** The notes csp show reports for p1.2, whatever the file looks like. */
  const notes = async (root: string) => (JSON.parse((await runCli(['--as-of', AS_OF, 'show', 'p1.2', '--json'], { cwd: root })).stdout) as { notes: { text: string; date: string }[] }).notes;
  const layouts: Record<string, string> = {
    'a comment after the last note, at the dash': 'id: p1.2\npillar: 1\ntitle: T\ntext: X\nnotes:\n  - date: 2024-11-05\n    text: First.\n  # a closing comment\n',
    'a comment after the last note, no final line break': 'id: p1.2\npillar: 1\ntitle: T\ntext: X\nnotes:\n  - date: 2024-11-05\n    text: First.\n  # a closing comment',
    'a %YAML 1.1 directive': '%YAML 1.1\n---\nid: p1.2\npillar: 1\ntitle: T\ntext: X\nnotes:\n  - date: "2024-11-05"\n    text: First.\n',
  };

  it.each(Object.keys(layouts))('records a note in a file with %s', async (layout) => {
    const root = smallPlan({ 'plan/pillar-1/p1.2.yaml': layouts[layout]! });
    expect((await runCli(['--as-of', AS_OF, 'validate'], { cwd: root })).code).toBe(0);
    // "yes" and "no" are booleans in YAML 1.1, and "no" is a party id in a plan with Norway.
    const r = await runCli(['--as-of', AS_OF, 'note', 'p1.2', 'yes', '--author', 'no', '--link', 'https://example.org/on'], { cwd: root });
    expect(r.stderr).not.toMatch(/bug in csp/);
    expect(r.code, r.stderr).toBe(0);
    expect((await notes(root)).map((n) => [n.date, n.text])).toEqual([
      ['2024-11-05', 'First.'],
      [AS_OF, 'yes'],
    ]);
    expect((await runCli(['--as-of', AS_OF, 'validate'], { cwd: root })).code).toBe(0);
  });

  it('refuses a note that would make a file larger than 1 MiB in words, not as a bug', async () => {
    const root = smallPlan();
    const before = readFileSync(path.join(root, 'plan/pillar-1/p1.2.yaml'), 'utf8');
    const r = await runCli(['--as-of', AS_OF, 'note', 'p1.2', '-'], { cwd: root, input: 'A long report. '.repeat(75_000) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 MiB/);
    expect(r.stderr).not.toMatch(/bug in csp|internal error/);
    expect(readFileSync(path.join(root, 'plan/pillar-1/p1.2.yaml'), 'utf8')).toBe(before);
  });

  rootOnly('keeps the owner and group of the file (as root)')('keeps owner and group', async () => {
    const root = smallPlan();
    const file = path.join(root, 'plan/pillar-1/p1.2.yaml');
    chownSync(file, 1234, 5678);
    expect((await runCli(['--as-of', AS_OF, 'note', 'p1.2', 'Met.'], { cwd: root })).code).toBe(0);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([1234, 5678]);
  });

  it('keeps hard links of the file', async () => {
    const root = smallPlan();
    const file = path.join(root, 'plan/pillar-1/p1.2.yaml');
    const other = path.join(root, 'p1.2-linked.yaml');
    linkSync(file, other);
    expect((await runCli(['--as-of', AS_OF, 'note', 'p1.2', 'Met.'], { cwd: root })).code).toBe(0);
    expect(statSync(file).ino).toBe(statSync(other).ino);
    expect(readFileSync(other, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });
});

describe('locks left behind', () => {
  // csp note creates a file of its own (no lock needed); csp split-notes changes p1.1 under its lock.
  const lockOf = (root: string) => path.join(root, 'plan/pillar-1/p1.1.yaml.lock');
  // A process of its own: locks name the pid of the csp that holds them.
  const note = async (root: string) => runCliProcess(['--as-of', AS_OF, 'split-notes'], { cwd: root, env: { CSP_LOCK_TIMEOUT: '1' } });

  it('by a csp killed outright: taken over at once', async () => {
    const root = smallPlan();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(lockOf(root), `${JSON.stringify({ pid: dead, host: hostname(), id: 'x' })}\n`);
    const r = await note(root);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(lockOf(root))).toBe(false);
  });

  it('whose pid a new process has since taken: taken over, never waited on for ever', async () => {
    const root = smallPlan();
    const me = self();
    // The test runner's own pid (alive), recorded with another start time: a reused pid.
    writeFileSync(lockOf(root), `${JSON.stringify({ pid: process.pid, host: hostname(), id: 'x', start: '12345', boot: me.boot })}\n`);
    expect((await note(root)).code).toBe(0);
    writeFileSync(lockOf(root), `${JSON.stringify({ pid: process.pid, host: hostname(), id: 'x', start: me.start, boot: 'an-earlier-boot' })}\n`);
    expect((await note(root)).code).toBe(0);
  });

  it('by a csp that is still running: waited on, then refused (exit 3)', async () => {
    const root = smallPlan();
    const me = self();
    writeFileSync(lockOf(root), `${JSON.stringify({ pid: process.pid, host: hostname(), id: 'x', start: me.start, boot: me.boot })}\n`);
    const r = await note(root);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/another csp .* is changing/);
  });
});

describe('small things a user can cause', () => {
  it("refuses a '__proto__' key (it would silently vanish)", async () => {
    const root = smallPlan({ 'plan/pillar-1/p1.2.yaml': `${initiative('p1.2', 1)}leads:\n  __proto__: Evil Ministry\n  ca: Global Affairs Canada\n` });
    const r = await runCli(['--as-of', AS_OF, 'validate', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    const d = (JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; rule: string }[] }).diagnostics;
    expect(d.map((x) => `${x.file}:${x.line} ${x.rule}`)).toEqual(['plan/pillar-1/p1.2.yaml:6 yaml-key-type']);
  });

  it('refuses --link with control or bidi characters, writing nothing', async () => {
    const root = smallPlan();
    const before = readFileSync(path.join(root, 'plan/pillar-1/p1.2.yaml'), 'utf8');
    for (const link of ['https://example.org/\u202Egpj.exe', 'https://example.org/a\u0007b', 'https://exa\u200Bmple.org/', 'https://example.org/\u0085']) {
      const r = await runCli(['--as-of', AS_OF, 'note', 'p1.2', 'Met.', '--link', link], { cwd: root });
      expect(r.code, JSON.stringify(link)).toBe(2);
      expect(r.stderr).toMatch(/invisible or control character \(U\+[0-9A-F]{4}/);
    }
    expect(readFileSync(path.join(root, 'plan/pillar-1/p1.2.yaml'), 'utf8')).toBe(before);
  });

  it('--color wins over NO_COLOR; --no-color and NO_COLOR alone still turn colour off', async () => {
    const root = smallPlan();
    expect((await runCli(['--as-of', AS_OF, '--color', 'status'], { cwd: root, env: { NO_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await runCli(['--as-of', AS_OF, 'status'], { cwd: root, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli(['--as-of', AS_OF, '--no-color', 'status'], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('csp init writes nothing through a link that leads out of the folder', async () => {
    const root = writeTree({});
    const outside = writeTree({});
    symlinkSync(outside, path.join(root, 'schema'));
    const r = await runCli(['init', root]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/outside the repository/);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(path.join(root, 'plan/plan.yaml'))).toBe(false);
  });

  it('csp init makes the folder it is given', async () => {
    const root = path.join(writeTree({}), 'new', 'plan-repo');
    const r = await runCli(['init', root]);
    expect(r.code, r.stderr).toBe(0);
    expect((await runCli(['--plan', path.join(root, 'plan'), 'validate'])).code).toBe(0);
  });

  it('csp init that failed half-way is finished by running it again', async () => {
    const root = writeTree({ '.vscode': 'a file where the folder goes\n' });
    const first = await runCli(['init', root]);
    expect(first.code).toBe(3);
    expect(existsSync(path.join(root, 'plan/plan.yaml'))).toBe(false);
    rmSync(path.join(root, '.vscode'));
    const again = await runCli(['init', root]);
    expect(again.code, again.stderr).toBe(0);
    expect((await runCli(['--plan', path.join(root, 'plan'), 'validate'])).code).toBe(0);
    expect((await runCli(['init', root])).code).toBe(1);
  });

  it('names a file whose name is not UTF-8 as such, not as missing (ENOENT)', async () => {
    const root = smallPlan();
    writeFileSync(Buffer.concat([Buffer.from(path.join(root, 'plan/pillar-1/p1.')), Buffer.from([0xff]), Buffer.from('.yaml')]), initiative('p1.9', 1));
    const r = await runCli(['--as-of', AS_OF, 'validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/name is not valid UTF-8/);
    expect(r.stdout).not.toMatch(/ENOENT/);
  });

  it('says how to fetch history when csp diff HEAD~1 fails in a shallow clone', async () => {
    const origin = smallPlan();
    gitInit(origin);
    commit(origin, 'one');
    commit(origin, 'two', { 'plan/pillar-1/p1.3.yaml': initiative('p1.3', 1) });
    const clone = path.join(writeTree({}), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    const r = await runCli(['--as-of', AS_OF, 'diff', 'HEAD~1'], { cwd: clone });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shallow/);
    expect(r.stderr).toMatch(/fetch-depth: 0/);
  });
});
