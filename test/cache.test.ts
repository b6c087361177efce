/**
 * The cache and the worker threads must never change an answer: whatever
 * happened to the files, a command says what it says without them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../src/core/load.js';
import { CACHE_DIR, cacheFile } from '../src/io/cache.js';
import { KnownResults, loadPlanFromDisk, loadPlanFromFiles } from '../src/io/load-plan.js';
import { sha256 } from '../src/io/hash.js';
import { locatePlan, readPlanFiles } from '../src/io/plan-files.js';
import { checkReviewFiles } from '../src/io/review-check.js';
import { findRepo, listPlanAtCommit, lookupRevision, readBlobs } from '../src/io/git.js';
import { CSP_BIN, REPO_ROOT, runCli, runCliProcess, SHIPPED_ROOT, synthRoot } from './helpers/cli.js';
import { commit, gitInit } from './helpers/git.js';
import { initiative, MANIFEST, withManifest, writeTree } from './helpers/plan.js';

const RULE_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/rules');
const AS_OF = '2026-01-01';
/** Where the cache key is kept for the in-process loads (the CLI uses the user's own). */
const KEY_HOME = writeTree({});

/** A rule fixture in a temporary repository, with the test manifest where it has none. */
function fixtureRoot(name: string): string {
  const root = writeTree({});
  cpSync(path.join(RULE_FIXTURES, name, 'plan'), path.join(root, 'plan'), { recursive: true });
  const manifest = path.join(root, 'plan/plan.yaml');
  if (name !== 'manifest-missing' && !exists(manifest)) writeFileSync(manifest, MANIFEST);
  return root;
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Breaks a file's title in place: the same size, its modification time put back to the nanosecond (touch -r from a copy that kept it): only its change time tells. */
function breakInPlace(root: string, file: string): void {
  const abs = path.join(root, file);
  const reference = path.join(root, `${path.basename(file)}.reference`);
  expect(spawnSync('cp', ['-p', abs, reference]).status).toBe(0);
  writeFileSync(abs, readFileSync(abs, 'utf8').replace(/\ntitle: (.)/, (_, c: string) => `\ntitle: ${c === '[' ? '{' : '['}`));
  expect(spawnSync('touch', ['-m', '-r', reference, abs]).status).toBe(0);
  rmSync(reference);
}

type Run = (args: string[], extra?: Record<string, string>) => string;
type Truth = (args: string[], extra?: Record<string, string>) => Promise<string>;

/**
 * For the kept answers of `command`: csp run an hour ahead (faketime: every file this test writes
 * has settled by then), and the true answer, computed without any cache in this process (the same
 * code as the built CLI's). Both with one "today" (CSP_NOW), whatever the clock says.
 */
function answerRuns(root: string, command: string): { later: Run; truth: Truth; answer: string } {
  const NOW = '2026-11-28T12:00:00Z';
  const env = { ...process.env, NO_COLOR: '1', COLUMNS: '100', CI: '', GITHUB_ACTIONS: '', CSP_PARSE_WORKERS: '0', CSP_NOW: NOW };
  const later: Run = (args, extra = {}) => {
    const r = spawnSync('faketime', ['-f', '+1h', process.execPath, CSP_BIN, ...args], { cwd: root, env: { ...env, ...extra }, encoding: 'utf8' });
    return `${r.status}\n${r.stdout}${r.stderr}`;
  };
  const truth: Truth = async (args, extra = {}) => {
    const r = await runCli(args, { cwd: root, env: { CSP_NO_CACHE: '1', CSP_NOW: NOW, ...extra } });
    return `${r.code}\n${r.stdout}${r.stderr}`;
  };
  return { later, truth, answer: path.join(root, CACHE_DIR, `answer-${command}-plan.txt`) };
}

/**
 * The first run is cold (no cache at all): it computes and keeps no answer. The next one keeps its
 * answer, and from then on it is printed: nothing is loaded, so the load cache, once removed,
 * stays away.
 */
async function expectKeptFromSecondRun(root: string, args: string[], later: Run, truth: Truth, answer: string): Promise<void> {
  const loadCache = cacheFile(root, { kind: 'plan', planDir: 'plan' });
  expect(later(args)).toBe(await truth(args));
  expect(exists(loadCache)).toBe(true);
  expect(exists(answer)).toBe(false);
  for (let k = 0; k < 2; k++) expect(later(args)).toBe(await truth(args));
  expect(exists(answer)).toBe(true);
  rmSync(loadCache);
  expect(later(args)).toBe(await truth(args));
  expect(exists(loadCache)).toBe(false);
}

describe('loading through the cache gives what loadPlan gives', () => {
  const fixtures = readdirSync(RULE_FIXTURES).sort();

  it.each(fixtures)('%s: uncached, cold and warm', async (name) => {
    const root = fixtureRoot(name);
    const location = locatePlan(path.join(root, 'plan'), {}, root);
    const expected = loadPlan(readPlanFiles(location), { today: AS_OF });
    const load = (cache: boolean) => loadPlanFromDisk(location, { today: AS_OF, cache, env: { CSP_PARSE_WORKERS: '0', XDG_CACHE_HOME: KEY_HOME } });
    const runs = [await load(false), await load(true), await load(true)];
    // No cache for a folder without a manifest: it may be a mistyped --plan.
    expect(exists(cacheFile(root, { kind: 'plan', planDir: 'plan' }))).toBe(name !== 'manifest-missing');
    for (const { result } of runs) {
      expect(result.diagnostics).toEqual(expected.diagnostics);
      expect(result.plan).toEqual(expected.plan);
      for (const d of result.diagnostics) expect(result.sources.get(d.file)).toBe(expected.sources.get(d.file));
    }
  });
});

// --- End to end: the built CLI, with and without its cache; and the loader in-process. ---

/** Diagnostics as data and as text (with their source lines), the dashboard, and the whole model. */
const COMMANDS: string[][] = [['validate', '--format', 'json'], ['validate'], ['status'], ['export', '--json']];
/** Each of these tests runs the CLI dozens of times. */
const SLOW = 240_000;

/** Every command's output, exit code and error text. */
async function answers(root: string, env: Record<string, string | undefined>, asOf = '2026-11-28', run: typeof runCli = runCli): Promise<string[]> {
  const out: string[] = [];
  for (const args of COMMANDS) {
    const r = await run(['--as-of', asOf, ...args], { cwd: root, env });
    out.push(`${args.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  return out;
}

async function expectSameAnswers(root: string, asOf?: string) {
  const uncached = await answers(root, { CSP_NO_CACHE: '1' }, asOf);
  expect(await answers(root, {}, asOf)).toEqual(uncached);
  // Once more: now everything that is still the same comes from the cache.
  expect(await answers(root, {}, asOf)).toEqual(uncached);
}

/**
 * What those commands are made from, loaded in-process: the plan (with its
 * texts, as export loads it, and without, as status and validate do), its
 * diagnostics and their sources, and the review files' diagnostics. Without
 * the cache, then through it twice (cold, then warm): the same each time.
 * (A command's output is a function of these and of its options.)
 */
async function expectSameLoads(root: string, asOf = '2026-11-28') {
  const location = locatePlan(path.join(root, 'plan'), {}, root);
  const env = { CSP_PARSE_WORKERS: '0', XDG_CACHE_HOME: KEY_HOME };
  for (const texts of [true, false]) {
    const load = (cache: boolean) => loadPlanFromDisk(location, { today: asOf, cache, env, texts });
    const uncached = await load(false);
    expect(await load(true)).toEqual(uncached);
    expect(await load(true)).toEqual(uncached);
  }
  const reviews = (cache: boolean) => checkReviewFiles(location, { cache, env });
  const uncached = await reviews(false);
  expect(await reviews(true)).toEqual(uncached);
  expect(await reviews(true)).toEqual(uncached);
}

describe('the cache never changes an answer', () => {
  it('as files are edited, touched, renamed, added and deleted behind it', async () => {
    const root = synthRoot(30, 4);
    const plan = path.join(root, 'plan');
    const file = (id: string) => path.join(plan, `pillar-${id[1]}`, `${id}.yaml`);
    await expectSameAnswers(root);
    await expectSameLoads(root);
    expect(exists(path.join(root, CACHE_DIR, '.gitignore'))).toBe(true);

    // An edit of the same size, with mtime put back: only ctime tells.
    const p23 = file('p2.3');
    const before = statSync(p23);
    const bytes = readFileSync(p23);
    bytes[bytes.indexOf('title: ') + 7] = 'X'.charCodeAt(0);
    writeFileSync(p23, bytes);
    expect(statSync(p23).size).toBe(before.size);
    utimesSync(p23, before.atime, before.mtime);
    await expectSameLoads(root);

    // Touched: new timestamps, same bytes.
    const later = new Date(Date.now() + 5000);
    utimesSync(file('p1.1'), later, later);
    await expectSameLoads(root);

    // Renamed: the id no longer matches the file name.
    renameSync(file('p1.2'), path.join(plan, 'pillar-1', 'p1.20.yaml'));
    await expectSameLoads(root);

    // A new file with an error, another deleted (its id may be named in `related`).
    writeFileSync(path.join(plan, 'pillar-3', 'p3.99.yaml'), 'id: p3.99\npillar: 3\ntitle: [unclosed\n');
    rmSync(file('p4.1'));
    await expectSameLoads(root);

    // The manifest loses a theme that initiatives name.
    const manifest = path.join(plan, 'plan.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/\n {6}- id: human-rights\n[^\n]*\n[^\n]*\n/, '\n'));
    await expectSameLoads(root);

    // A symbolic link and a file that is not UTF-8.
    symlinkSync(file('p2.1'), path.join(plan, 'pillar-2', 'p2.98.yaml'));
    writeFileSync(path.join(plan, 'pillar-2', 'p2.97.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    await expectSameLoads(root);

    // Review files, checked on their own: a good one, then a broken one.
    mkdirSync(path.join(plan, 'reviews'));
    cpSync(path.join(SHIPPED_ROOT, 'plan/reviews/adoption.yaml'), path.join(plan, 'reviews/adoption.yaml'));
    await expectSameLoads(root);
    writeFileSync(path.join(plan, 'reviews/broken.yaml'), 'date: 2025-13-01\nplan: x\n');
    await expectSameLoads(root);

    // Another day: a note dated after --as-of is an error then, not now.
    await expectSameLoads(root, '2025-01-01');
    // And the commands, end to end, after all of it (and on that day).
    await expectSameAnswers(root, '2025-01-01');
  }, SLOW);

  it('ignores a corrupt, cut short or foreign cache file, and replaces it', async () => {
    const root = synthRoot(12, 3);
    const location = locatePlan(path.join(root, 'plan'), {}, root);
    const env = { CSP_PARSE_WORKERS: '0', XDG_CACHE_HOME: KEY_HOME };
    const load = async (cache: boolean, texts: boolean) => (await loadPlanFromDisk(location, { today: AS_OF, cache, env, texts })).result;
    const expected = [await load(false, true), await load(false, false)];
    await load(true, true);
    const cache = cacheFile(root, { kind: 'plan', planDir: 'plan' });
    const good = readFileSync(cache, 'utf8');
    const lines = good.split('\n');
    const variants = [
      'not a cache at all',
      good.slice(0, Math.floor(good.length / 2)),
      good.replace(/"build":"[^"]*"/, '"build":"0.0.0+other"'),
      good.replace(/"planDir":"plan"/, '"planDir":"elsewhere"'),
      [lines[0], lines[1]!.replace(/"decoded":true/, '"decoded":"yes"'), ...lines.slice(2)].join('\n'),
      [lines[0], lines[2]!.replace(/^\["[^"]*"/, '["plan/pillar-9/p9.9.yaml"'), ...lines.slice(3)].join('\n'),
      // A text swapped for another under the line's own MACs, and a hash replaced.
      [lines[0], lines[3]!.replace(/\t(\[[^\t]*)$/, (_, texts: string) => `\t${texts.replace(/"[^"]*"/, '"A text no file has"')}`), ...lines.slice(4)].join('\n'),
      good.replace(/"title":"[^"]*"/, '"title":"A title no file has"').replace(/^(\["[^"]*",)"[0-9a-f]{64}"/m, '$1"0000000000000000000000000000000000000000000000000000000000000000"'),
    ];
    for (const variant of variants) {
      for (const texts of [true, false]) {
        writeFileSync(cache, variant);
        expect(await load(true, texts)).toEqual(expected[texts ? 0 : 1]);
        expect(readFileSync(cache, 'utf8').split('\n')[0]).toBe(lines[0]);
      }
    }
    // End to end, once: the CLI with a cache cut short answers as without one.
    writeFileSync(cache, variants[1]!);
    expect(await answers(root, {})).toEqual(await answers(root, { CSP_NO_CACHE: '1' }));
  }, SLOW);

  it('works without one where the cache folder cannot be made', async () => {
    const root = synthRoot(8, 2);
    writeFileSync(path.join(root, CACHE_DIR), 'a file where the folder would go');
    await expectSameLoads(root);
    const status = async (env: Record<string, string>) => await runCli(['--as-of', AS_OF, 'status'], { cwd: root, env });
    expect(await status({})).toEqual(await status({ CSP_NO_CACHE: '1' }));
  });

  it('is not written with --no-cache or CSP_NO_CACHE=1', async () => {
    const root = synthRoot(5, 1);
    await runCli(['status', '--no-cache'], { cwd: root });
    await runCli(['status'], { cwd: root, env: { CSP_NO_CACHE: '1' } });
    expect(exists(path.join(root, CACHE_DIR))).toBe(false);
  });
});

describe('worker threads', () => {
  it('give the single-threaded answer, diagnostics in the same order', async () => {
    const root = synthRoot(60, 3);
    const plan = path.join(root, 'plan');
    // Some broken files, spread over the batches.
    writeFileSync(path.join(plan, 'pillar-1', 'p1.5.yaml'), 'id: p1.5\npillar: 1\ntitle: x\ntext: y\nstauts: done\n');
    writeFileSync(path.join(plan, 'pillar-3', 'p3.7.yaml'), 'id: p3.7\npillar: 3\ntitle: x\ntext: y\nrelated: [p9.9]\n');
    writeFileSync(path.join(plan, 'pillar-5', 'p5.2.yaml'), 'id: p5.2\n  pillar: 5\n');
    mkdirSync(path.join(plan, 'pillar-9'));
    writeFileSync(path.join(plan, 'pillar-9', 'p9.1.yaml'), 'id: p9.1\npillar: 9\ntitle: x\ntext: y\n');
    const single = await answers(root, { CSP_NO_CACHE: '1', CSP_PARSE_WORKERS: '0' });
    expect(single[0]).toContain('"rule": "unknown-field"');
    expect(await answers(root, { CSP_NO_CACHE: '1', CSP_PARSE_WORKERS: '3' })).toEqual(single);
    expect(await answers(root, { CSP_PARSE_WORKERS: '2' })).toEqual(single);
  }, SLOW);
});

describe('two git revisions', () => {
  it('share what they have in common: each blob read and parsed once, with the answer of a run that shares nothing', async () => {
    const root = synthRoot(60, 3);
    gitInit(root);
    const first = commit(root, 'plan');
    const plan = path.join(root, 'plan');
    const edit = (file: string, from: RegExp, to: string) => writeFileSync(path.join(plan, file), readFileSync(path.join(plan, file), 'utf8').replace(from, to));
    edit('pillar-1/p1.3.yaml', /\ntitle: .*\n/, '\ntitle: A new title\n');
    edit('pillar-2/p2.4.yaml', /\n?$/, '\n  - date: 2026-10-01\n    text: Reviewed.\n    status: at-risk\n');
    rmSync(path.join(plan, 'pillar-4', 'p4.2.yaml'));
    commit(root, 'edits');

    // The listing names every file with its blob id; readBlobs reads them, in one go, as committed.
    const repo = findRepo(locatePlan(plan, {}, root), process.env)!;
    const listed = listPlanAtCommit(repo, first);
    expect(listed.files).toHaveLength(61);
    const blobs = readBlobs(repo, listed.files.map((f) => f.gitObject!));
    // The files as committed, told by git another way: the commit's tree unpacked by git archive.
    const committed = mkdtempSync(path.join(tmpdir(), 'csp-committed-'));
    const archive = spawnSync('bash', ['-c', `git archive ${first} plan | tar -x -C "${committed}"`], { cwd: root });
    expect(archive.status, archive.stderr.toString()).toBe(0);
    for (const f of listed.files) {
      expect(f.gitObject).toMatch(/^[0-9a-f]{40}$/);
      expect(f.bytes).toBeUndefined();
      expect(Buffer.from(blobs.get(f.gitObject!)!)).toEqual(readFileSync(path.join(committed, f.path)));
    }
    /** The listing with every file's bytes read up front. */
    const read = () => ({ ...listed, files: listed.files.map((f) => ({ ...f, bytes: blobs.get(f.gitObject!)! })) });
    const all = read();

    // Read a window of files at a time (here 7), with or without results known by content, the
    // answer is the one of reading every file first.
    const batches: number[] = [];
    const readObjects = (objects: string[]) => {
      batches.push(objects.length);
      return readBlobs(repo, objects);
    };
    const load = (files: ReturnType<typeof listPlanAtCommit>, known: KnownResults, window?: number) =>
      loadPlanFromFiles(files, { today: '2026-11-28', env: { CSP_PARSE_WORKERS: '0' }, known, readObjects, ...(window ? { window } : {}) });
    const seen = new KnownResults();
    const whole = await load(read(), seen);
    expect(whole.plan?.initiatives.length).toBe(60);
    expect(batches).toEqual([]);
    expect(await load(listPlanAtCommit(repo, first), new KnownResults(), 7)).toEqual(whole);
    expect(Math.max(...batches)).toBe(7);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(all.files.length);
    const byContent = new KnownResults();
    for (const f of all.files.filter((_, k) => k % 3 === 0)) byContent.set(f.path, sha256(f.bytes!), seen.get(f.path, sha256(f.bytes!))!);
    expect(byContent.hasContent()).toBe(true);
    expect(await load(listPlanAtCommit(repo, first), byContent, 7)).toEqual(whole);

    const diff = async (env: Record<string, string>) => {
      const r = await runCli(['--as-of', '2026-11-28', 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: root, env });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const alone = await diff({ CSP_NO_CACHE: '1', CSP_PARSE_WORKERS: '0' });
    expect(JSON.parse(alone).changes.map((c: { id: string; kind: string }) => `${c.id} ${c.kind}`)).toEqual(['p1.3 edited', 'p2.4 status', 'p2.4 notes', 'p4.2 removed']);
    expect(await diff({ CSP_NO_CACHE: '1', CSP_PARSE_WORKERS: '2' })).toBe(alone);
    await runCli(['status'], { cwd: root });
    expect(await diff({ CSP_PARSE_WORKERS: '1' })).toBe(alone);
  }, SLOW);
});

describe('a revision whose errors are in files another revision had', () => {
  it('loads them with their lines, the text read from git in one go; diff answers and names the file', async () => {
    const root = writeTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'related: [p1.2]\n'), 'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1) }));
    gitInit(root);
    commit(root, 'v1');
    commit(root, 'v2', { 'plan/pillar-1/p1.2.yaml': null });
    const repo = findRepo({ planDir: path.join(root, 'plan'), root }, process.env)!;
    const head = lookupRevision(repo, 'HEAD');
    if (head.kind !== 'found') throw new Error('no HEAD');
    const loaded = await loadPlanFromFiles(listPlanAtCommit(repo, head.commit), { today: '2026-11-28', env: { CSP_PARSE_WORKERS: '0' }, known: new KnownResults(), readObjects: (o) => readBlobs(repo, o) });
    expect(loaded.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(['plan/pillar-1/p1.1.yaml:5 unknown-related']);
    expect(loaded.sources.get('plan/pillar-1/p1.1.yaml')).toContain('related: [p1.2]');
    // p1.1 is the same blob in both revisions: the diff is drawn anyway, and the file named.
    const r = await runCli(['--as-of', '2026-11-28', 'diff', 'HEAD~1', 'HEAD'], { cwd: root, env: { CSP_NO_CACHE: '1' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/In revision 'HEAD' \([0-9a-f]{12}\), 1 plan file has errors/);
    expect(r.stdout).toContain('plan/pillar-1/p1.1.yaml (1 error; p1.1 shown in part, marked data-errors)');
    expect(r.stdout).toContain('p1.2');
    expect(r.stderr).toBe('');
  });
});

describe('a warm run', () => {
  it('needs neither the YAML parser nor zod (dist/parser.cjs)', async () => {
    const root = synthRoot(10, 2);
    mkdirSync(path.join(root, 'plan/reviews'));
    cpSync(path.join(SHIPPED_ROOT, 'plan/reviews/adoption.yaml'), path.join(root, 'plan/reviews/adoption.yaml'));
    // Run by the built CLI, as the runs below are: its cache is the one they find warm.
    const expected = await answers(root, {}, undefined, async (args, options) => runCliProcess(args, options));
    const install = path.join(tmpdir(), `csp-no-parser-${process.pid}`);
    rmSync(install, { recursive: true, force: true });
    cpSync(path.join(REPO_ROOT, 'bin'), path.join(install, 'bin'), { recursive: true });
    cpSync(path.join(REPO_ROOT, 'dist'), path.join(install, 'dist'), { recursive: true });
    rmSync(path.join(install, 'dist/parser.cjs'));
    for (const args of [['status'], ['validate'], ['export', '--json']]) {
      const r = spawnSync(process.execPath, [path.join(install, 'bin/csp.cjs'), '--as-of', '2026-11-28', ...args], {
        cwd: root,
        encoding: 'utf8',
        // A user's warm run: in CI (CI=true) csp validate trusts no cache by design, so it parses.
        env: { ...process.env, NO_COLOR: '1', COLUMNS: '100', CI: '', GITHUB_ACTIONS: '' },
      });
      expect(r.stderr).toBe('');
      expect(`${args.join(' ')} → ${r.status}\n${r.stdout}\n${r.stderr}`).toBe(expected[COMMANDS.findIndex((c) => c.join(' ') === args.join(' '))]);
    }
    rmSync(install, { recursive: true, force: true });
  });
});

// The stats index (io/cache-stats.ts): a file whose lstat is what an earlier run recorded, long
// enough after it last changed, is known by the hash recorded with it, without being read. A file
// changes its lstat (its change time) whenever its bytes change; the index is signed like the cache.
describe('the stats index', () => {
  const faketime = spawnSync('faketime', ['-f', '+1h', 'true']);
  it.skipIf(faketime.status !== 0)('records only files that settled, and never outlives an edit or a forgery', async () => {
    const root = synthRoot(8, 2);
    const env = { ...process.env, NO_COLOR: '1', COLUMNS: '100', CI: '', GITHUB_ACTIONS: '', CSP_PARSE_WORKERS: '0' };
    const args = ['--as-of', '2026-11-28', 'validate', '--format', 'json'];
    /** csp with the clock an hour ahead: every file written by this test has settled by then. */
    const later = () => spawnSync('faketime', ['-f', '+1h', process.execPath, CSP_BIN, ...args], { cwd: root, env, encoding: 'utf8' }).stdout;
    const now = () => spawnSync(process.execPath, [CSP_BIN, ...args], { cwd: root, env, encoding: 'utf8' }).stdout;
    // The true answer, computed without any cache: in this process (the same code as the built CLI's).
    const uncached = async () => (await runCli(args, { cwd: root, env: { CSP_NO_CACHE: '1' } })).stdout;
    const stats = path.join(root, CACHE_DIR, 'stats-plan.txt');
    // Lines between the header and the signature; no file when there is nothing to record.
    const rows = () => (exists(stats) ? readFileSync(stats, 'utf8').trimEnd().split('\n').length - 2 : 0);
    const files = readPlanFiles(locatePlan(path.join(root, 'plan'), {}, root)).files.length;

    // Now: every file changed a moment ago, too recently for its lstat to be trusted: none recorded.
    expect(now()).toBe(await uncached());
    expect(rows()).toBe(0);
    // An hour later every file has settled: all recorded (the run before stored their blob ids).
    expect(later()).toBe(await uncached());
    expect(later()).toBe(await uncached());
    expect(rows()).toBe(files);
    const settled = readFileSync(stats);
    const oldCache = readFileSync(cacheFile(root, { kind: 'plan', planDir: 'plan' }));

    // An edit of the same size, in place, its modification time put back to the nanosecond (touch -r
    // from a copy that kept it): only its change time tells.
    const p21 = path.join(root, 'plan/pillar-2/p2.1.yaml');
    const reference = path.join(root, 'p2.1.reference');
    expect(spawnSync('cp', ['-p', p21, reference]).status).toBe(0);
    const before = statSync(p21);
    writeFileSync(p21, readFileSync(p21, 'utf8').replace(/\ntitle: (.)/, (_, c: string) => `\ntitle: ${c === '[' ? '{' : '['}`));
    expect(spawnSync('touch', ['-m', '-r', reference, p21]).status).toBe(0);
    const after = statSync(p21);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const edited = await uncached();
    expect(edited).toContain('p2.1.yaml');
    expect(later()).toBe(edited);

    // A forged index (claiming p2.1 still has its old bytes, with the old cache that holds their
    // result) is not signed with this machine's key: ignored, and the answer is the true one.
    const forged = settled.toString('utf8').split('\n');
    const at = forged.findIndex((l) => l.startsWith('plan/pillar-2/p2.1.yaml\t'));
    const fresh = readFileSync(stats, 'utf8').split('\n').find((l) => l.startsWith('plan/pillar-2/p2.1.yaml\t'))!;
    forged[at] = [...fresh.split('\t').slice(0, 5), forged[at]!.split('\t')[5]].join('\t');
    writeFileSync(stats, forged.join('\n'));
    writeFileSync(cacheFile(root, { kind: 'plan', planDir: 'plan' }), oldCache);
    expect(later()).toBe(edited);
    // The index of an earlier state, properly signed, names an lstat p2.1 no longer has: the same.
    writeFileSync(stats, settled);
    writeFileSync(cacheFile(root, { kind: 'plan', planDir: 'plan' }), oldCache);
    expect(later()).toBe(edited);
  }, SLOW);
  if (faketime.status !== 0) it.skip('faketime is not installed (apt-get install faketime): the stats index is tested with the clock set an hour ahead', () => {});
});

// The answer of status kept with its question (app/answers.ts, io/answer-cache.ts): printed again
// only for the same question about the same files, known by the stats index.
describe('the answer kept for status', () => {
  const faketime = spawnSync('faketime', ['-f', '+1h', 'true']);
  it.skipIf(faketime.status !== 0)('is printed for the same question about the same files, and for nothing else', async () => {
    const root = synthRoot(8, 2);
    mkdirSync(path.join(root, 'plan/reviews'));
    const { later, truth, answer } = answerRuns(root, 'status');
    const status = ['--as-of', '2026-11-28', 'status'];
    await expectKeptFromSecondRun(root, status, later, truth, answer);

    // Another question: other options, another width, another day, colour: computed, not the kept answer.
    for (const [args, extra] of [
      [['--as-of', '2026-11-28', 'status', '--json'], {}],
      [['--as-of', '2026-11-28', 'status', '--pillar', '2'], {}],
      [status, { COLUMNS: '60' }],
      [['--as-of', '2025-06-30', 'status'], {}],
    ] as const) {
      expect(later([...args], { ...extra })).toBe(await truth([...args], { ...extra }));
    }
    expect(later(status, { FORCE_COLOR: '1', NO_COLOR: '' })).toContain('\u001b[');

    // Another plan: a file edited in place (same size, mtime put back), a review added.
    expect(later(status)).toBe(await truth(status));
    breakInPlace(root, 'plan/pillar-2/p2.1.yaml');
    expect(await truth(status)).toContain('p2.1');
    for (let k = 0; k < 3; k++) expect(later(status)).toBe(await truth(status));
    cpSync(path.join(SHIPPED_ROOT, 'plan/reviews/adoption.yaml'), path.join(root, 'plan/reviews/adoption.yaml'));
    const withReview = await truth(status);
    expect(later(status)).toBe(withReview);

    // A kept answer that this machine's csp did not sign is not printed.
    expect(later(status)).toBe(withReview);
    const kept = readFileSync(answer, 'utf8');
    writeFileSync(answer, kept.replace(/Pillar 1/g, 'Pillar 9'));
    expect(later(status)).toBe(withReview);
  }, SLOW);
  if (faketime.status !== 0) it.skip('faketime is not installed (apt-get install faketime): the kept answer is tested with the clock set an hour ahead', () => {});
});

describe('the answer kept for validate', () => {
  const faketime = spawnSync('faketime', ['-f', '+1h', 'true']);
  it.skipIf(faketime.status !== 0)('is printed for the same question about the same files; never with --links, in CI or for GitHub annotations', async () => {
    const root = synthRoot(8, 2);
    const { later, truth, answer } = answerRuns(root, 'validate');
    const validate = ['--as-of', '2026-11-28', 'validate'];
    await expectKeptFromSecondRun(root, validate, later, truth, answer);

    // Another format is another question.
    const json = [...validate, '--format', 'json'];
    expect(later(json)).toBe(await truth(json));

    // A file broken in place (same size, modification time put back): its change time tells.
    breakInPlace(root, 'plan/pillar-2/p2.1.yaml');
    const broken = await truth(validate);
    expect(broken).toMatch(/^1\n/);
    expect(broken).toContain('p2.1.yaml');
    for (let k = 0; k < 2; k++) expect(later(validate)).toBe(broken);

    // --links (the network), CI and GitHub annotations never keep an answer, nor print one.
    rmSync(answer);
    expect(later([...validate, '--links', '--links-timeout', '0.2'])).toMatch(/^1\n/);
    expect(later(validate, { CI: 'true' })).toBe(broken);
    expect(later([...validate, '--format', 'github'])).toMatch(/^1\n/);
    expect(exists(answer)).toBe(false);
    expect(later(validate)).toBe(broken);
    expect(exists(answer)).toBe(true);
  }, SLOW);
  if (faketime.status !== 0) it.skip('faketime is not installed (apt-get install faketime): the kept answer is tested with the clock set an hour ahead', () => {});
});
