/** End-to-end: the built CLI in a child process, as a desk officer runs it. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, SHIPPED_ROOT } from './helpers/cli.js';
import { initiative, MANIFEST, writeTree } from './helpers/plan.js';

const SAMPLE = path.join(REPO_ROOT, 'test/fixtures/sample/plan');
const AS_OF = ['--as-of', '2026-11-28'];

describe('csp status', () => {
  it('renders the dashboard of the sample plan (snapshot, no colour, fixed date)', async () => {
    const r = await runCli(['--plan', SAMPLE, 'status', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('__snapshots__/status-sample.txt');
  });

  it('wraps titles to a narrow terminal', async () => {
    const r = await runCli(['--plan', SAMPLE, 'status', ...AS_OF], { env: { COLUMNS: '72' } });
    await expect(r.stdout).toMatchFileSnapshot('__snapshots__/status-sample-72.txt');
  });

  it('lines up table columns when titles are in Korean (double-width characters)', async () => {
    const { default: stringWidth } = await import('string-width');
    const r = await runCli(['--plan', SAMPLE, 'status', ...AS_OF]);
    const tableLines = r.stdout.split('\n').filter((l) => /^[│┌└]/.test(l));
    expect(tableLines.some((l) => l.includes('북한'))).toBe(true);
    expect(new Set(tableLines.map((l) => stringWidth(l))).size).toBe(1);
  });

  it('shows every pillar and every initiative of the shipped plan', async () => {
    const r = await runCli(['status', ...AS_OF]);
    expect(r.code).toBe(0);
    for (let n = 1; n <= 5; n++) expect(r.stdout).toContain(`Pillar ${n} · `);
    const ids = [...r.stdout.matchAll(/^│ (p\d\.\d+) /gm)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(36);
    expect(ids.length).toBe(37); // p3.4 appears under pillars 3 and 4
    expect(r.stdout).toContain('Total: 36 initiatives (37 listings)');
  });

  it('gives the same data as JSON', async () => {
    const r = await runCli(['--plan', SAMPLE, 'status', ...AS_OF, '--json']);
    const data = JSON.parse(r.stdout);
    expect(data.asOf).toBe('2026-11-28');
    expect(data.initiatives.map((i: { id: string }) => i.id)).toEqual(['p1.1', 'p1.2', 'p1.3', 'p2.1', 'p2.2']);
    expect(data.initiatives[0]).toMatchObject({ id: 'p1.1', pillar: 1, status: 'ongoing', lastUpdate: '2024-11-05', flags: ['stale', 'overdue'] });
    expect(data.initiatives[3]).toMatchObject({
      id: 'p2.1',
      status: 'at-risk',
      disagreement: true,
      sides: { ca: { status: 'ongoing', since: '2026-09-01' }, kr: { status: 'at-risk', since: '2026-10-01' } },
    });
    expect(data.totals.compliance.counts).toEqual({ '1': 2, '0': 1, '-1': 2 });
    expect(data.pillars.map((p: { initiatives: string[] }) => p.initiatives)).toEqual([['p1.1', 'p1.2', 'p1.3', 'p2.1'], ['p2.1', 'p2.2']]);
    expect(data.totals.total).toBe(5);
  });

  it('filters with --pillar, --status, --theme and --flagged', async () => {
    const ids = async (...args: string[]) =>
      JSON.parse((await runCli(['--plan', SAMPLE, 'status', ...AS_OF, '--json', ...args])).stdout).initiatives.map((i: { id: string }) => i.id);
    expect(await ids('--pillar', '2')).toEqual(['p2.1', 'p2.2']);
    expect(await ids('--status', 'at-risk')).toEqual(['p2.1']);
    expect(await ids('--theme', 'human-rights')).toEqual(['p1.1']);
    expect(await ids('--flagged')).toEqual(['p1.1', 'p1.3', 'p2.1']); // p2.1: the sides differ
    expect(await ids('--stale', '1000', '--flagged')).toEqual(['p1.1', 'p2.1']);
  });

  it('shows statuses on the OGP and compliance scales', async () => {
    const ogp = await runCli(['--plan', SAMPLE, 'status', ...AS_OF, '--scale', 'ogp']);
    expect(ogp.stdout).toMatch(/│ ca substantial +│[^\n]*\n│ +│[^│]*│ kr limited +│/);
    await expect((await runCli(['--plan', SAMPLE, 'status', ...AS_OF, '--scale', 'compliance'])).stdout).toMatchFileSnapshot(
      '__snapshots__/status-sample-compliance.txt',
    );
    expect((await runCli(['--plan', SAMPLE, 'status', '--scale', 'stars'])).code).toBe(2);
  });

  it('refuses bad option values with exit 2 and a hint', async () => {
    const bad = await runCli(['--plan', SAMPLE, 'status', '--status', 'done']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not-started, in-progress');
    expect((await runCli(['--plan', SAMPLE, 'status', '--pillar', '9'])).code).toBe(2);
    expect((await runCli(['--plan', SAMPLE, 'status', '--theme', 'human-right'])).stderr).toContain("did you mean 'human-rights'");
    expect((await runCli(['--plan', SAMPLE, 'status', '--as-of', '2025-02-30'])).code).toBe(2);
    expect((await runCli(['--plan', SAMPLE, 'status', '--stale', 'soon'])).code).toBe(2);
  });

  it('colours only when asked or on a terminal, and honours NO_COLOR', async () => {
    const ansi = /\u001b\[/;
    expect((await runCli(['--plan', SAMPLE, 'status', ...AS_OF])).stdout).not.toMatch(ansi);
    expect((await runCli(['--plan', SAMPLE, 'status', ...AS_OF], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
    expect((await runCli(['--plan', SAMPLE, 'status', ...AS_OF, '--color'], { env: { NO_COLOR: undefined } })).stdout).toMatch(ansi);
    expect((await runCli(['--plan', SAMPLE, 'status', ...AS_OF, '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toMatch(ansi);
  });

  it('answers from every file that loads when one is broken, names it, and exits 1; a broken manifest stops it', async () => {
    const root = writeTree({
      'plan/plan.yaml': MANIFEST,
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'stauts: done\n'),
      'plan/pillar-1/p1.2.yaml': 'id: [p1.2\n',
      'plan/pillar-2/p2.1.yaml': initiative('p2.1', 2),
    });
    const r = await runCli(['status'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('! 2 plan files have errors');
    expect(r.stdout).toContain('plan/pillar-1/p1.1.yaml (1 error; p1.1 shown in part, marked data-errors)');
    expect(r.stdout).toContain('plan/pillar-1/p1.2.yaml (1 error; left out)');
    expect(r.stdout).toContain("'csp validate' lists each problem");
    expect(r.stdout).toMatch(/p2\.1 +│ Title of p2\.1/);
    expect(r.stdout).toMatch(/p1\.1 .*data-errors/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const json = JSON.parse((await runCli(['status', '--json'], { cwd: root })).stdout) as { problems: { file: string; effect: string }[] };
    expect(json.problems.map((p) => `${p.file} ${p.effect}`)).toEqual(['plan/pillar-1/p1.1.yaml partly-read', 'plan/pillar-1/p1.2.yaml left-out']);
    writeFileSync(path.join(root, 'plan/plan.yaml'), `${MANIFEST}stray: field\n`);
    const broken = await runCli(['status'], { cwd: root });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('plan/plan.yaml:');
    expect(broken.stderr).toContain('csp validate');
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('csp validate', () => {
  it('passes on the shipped plan', async () => {
    const r = await runCli(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no problems');
  });

  const broken = () =>
    writeTree({
      'plan/plan.yaml': MANIFEST,
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'stauts: done\nnotes:\n  - date: 2025-02-30\n    text: A note.\n'),
      'plan/pillar-1/p1.2.yaml': 'id: 1.10\npillar: 1\ntitle: Title\ntext: Text\n',
      'plan/pillar-2/p1.3.yaml': initiative('p1.3', 1, 'related: [p1.9]\nkind: exploratory\ncadence: annual\n'),
    });

  it('reports every problem in every file with line, caret and help (snapshot)', async () => {
    const r = await runCli(['validate'], { cwd: broken() });
    expect(r.code).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot('__snapshots__/validate-broken.txt');
  });

  it('prints JSON with file, line, column, severity, rule and message', async () => {
    const r = await runCli(['validate', '--format', 'json'], { cwd: broken() });
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    expect(data.errors).toBe(5);
    expect(data.warnings).toBe(1);
    expect(data.diagnostics.map((d: { file: string; line: number; rule: string }) => `${d.file}:${d.line} ${d.rule}`)).toEqual([
      'plan/pillar-1/p1.1.yaml:5 unknown-field',
      'plan/pillar-1/p1.1.yaml:7 invalid-date',
      'plan/pillar-1/p1.2.yaml:1 wrong-type',
      'plan/pillar-2/p1.3.yaml:2 wrong-folder',
      'plan/pillar-2/p1.3.yaml:5 unknown-related',
      'plan/pillar-2/p1.3.yaml:7 cadence-without-recurring',
    ]);
    for (const d of data.diagnostics) expect(Object.keys(d)).toEqual(expect.arrayContaining(['file', 'line', 'column', 'severity', 'rule', 'message']));
  });

  it('prints GitHub workflow commands, escaped', async () => {
    const r = await runCli(['validate', '--format', 'github'], { cwd: broken() });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::error file=plan\/pillar-1\/p1\.1\.yaml,line=5,col=1,title=csp unknown-field::unknown field 'stauts'/);
    expect(lines.find((l) => l.includes('cadence-without-recurring'))).toMatch(/^::warning /);
    expect(lines.at(-1)).toBe('csp validate: 5 errors, 1 warning in 4 files');
  });

  it('says "quote it" for a number where text is expected', async () => {
    const r = await runCli(['validate'], { cwd: broken() });
    expect(r.stdout).toContain('quote it');
    expect(r.stdout).toContain('"1.10"');
  });

  it('finds a note in the future only once it is after today everywhere on earth, whatever --as-of says', async () => {
    const root = writeTree({ 'plan/plan.yaml': MANIFEST, 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'notes:\n  - date: 2026-03-01\n    text: Later.\n') });
    // 09:59 UTC on 28 February: 23:59 in Kiribati (UTC+14), still 28 February everywhere.
    const early = await runCli(['validate'], { cwd: root, env: { CSP_NOW: '2026-02-28T09:59:00Z' } });
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('is dated 2026-03-01, which is still in the future everywhere on earth (today is 2026-02-28 at the latest)');
    // 10:00 UTC: 1 March has begun in Kiribati.
    expect((await runCli(['validate'], { cwd: root, env: { CSP_NOW: '2026-02-28T10:00:00Z' } })).code).toBe(0);
    // --as-of is the day to look at, not the clock: looking back never makes a later note an error.
    expect((await runCli(['validate', '--as-of', '2025-06-30'], { cwd: root, env: { CSP_NOW: '2026-03-02T00:00:00Z' } })).code).toBe(0);
    expect((await runCli(['status', '--as-of', '2025-06-30'], { cwd: root, env: { CSP_NOW: '2026-03-02T00:00:00Z' } })).code).toBe(0);
  });
});

describe('csp show', () => {
  it('shows one initiative in full', async () => {
    const r = await runCli(['--plan', SAMPLE, 'show', 'p1.2', ...AS_OF]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('__snapshots__/show-p1.2.txt');
  });

  it('suggests the nearest ids for an unknown one (exit 2)', async () => {
    const r = await runCli(['--plan', SAMPLE, 'show', 'p1.4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean 'p1\.\d'/);
    expect((await runCli(['--plan', SAMPLE, 'show', '../../etc/passwd'])).code).toBe(2);
  });

  it('prints JSON with the notes and the assessment', async () => {
    const data = JSON.parse((await runCli(['--plan', SAMPLE, 'show', 'p1.2', '--json', ...AS_OF])).stdout);
    expect(data).toMatchObject({ id: 'p1.2', status: 'completed', leads: { ca: 'Global Affairs Canada' }, assessment: { status: 'completed' } });
    expect(data.notes).toHaveLength(2);
  });
});

describe('csp export --json', async () => {
  const data = JSON.parse((await runCli(['export', '--json', ...AS_OF])).stdout);
  const seed = readFileSync(path.join(REPO_ROOT, 'seeds/canada-korea-csp-action-plan.txt'), 'utf8');

  it('holds every pillar title, thematic area and initiative sentence of the seed, under its pillar', () => {
    const sections = seed.split(/^Pillar (\d): (.*)$/m);
    let listings = 0;
    for (let k = 1; k < sections.length; k += 3) {
      const number = Number(sections[k]);
      const body = sections[k + 2]!;
      const pillar = data.pillars.find((p: { number: number }) => p.number === number);
      expect(pillar.title).toBe(sections[k + 1]);
      const list = body.slice(body.indexOf('Initiatives') + 'Initiatives'.length).replace(/^:/, '').split(/\n\s*\n/)[0]!;
      const sentences = list.split(';').map((s) => s.trim().replace(/\.$/, '').trim()).filter(Boolean);
      for (const sentence of sentences) {
        const found = data.initiatives.filter(
          (i: { text: string; pillar: number; alsoListedUnder: number[] }) =>
            i.text === sentence && (i.pillar === number || i.alsoListedUnder.includes(number)),
        );
        expect(found, sentence).toHaveLength(1);
        listings++;
      }
      for (const theme of pillar.themes) {
        expect(body).toContain(theme.title);
        expect(body).toContain(theme.text);
      }
    }
    expect(listings).toBe(37);
    expect(data.pillars.flatMap((p: { themes: unknown[] }) => p.themes)).toHaveLength(19);
  });

  it('has the stable minimum shape', () => {
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['plan', 'pillars', 'initiatives']));
    const i = data.initiatives[0];
    expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 'pillar', 'title', 'text', 'status', 'file', 'notes']));
    expect(i.file).toBe('plan/pillar-1/p1.1.yaml');
    expect(data.plan.adopted.date).toBe('2024-07-18');
  });
});

describe('finding the plan and exit codes', () => {
  it('finds the nearest plan/ walking up, or uses CSP_PLAN', async () => {
    expect((await runCli(['status', '--json'], { cwd: path.join(SHIPPED_ROOT, 'plan/pillar-2') })).code).toBe(0);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'csp-none-'));
    const viaEnv = await runCli(['status', '--json'], { cwd: elsewhere, env: { CSP_PLAN: SAMPLE } });
    expect(JSON.parse(viaEnv.stdout).totals.total).toBe(5);
  });

  it('exits 3 when there is no plan, with what to do', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'csp-none-'));
    const r = await runCli(['status'], { cwd: elsewhere });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no plan found');
    expect((await runCli(['--plan', path.join(elsewhere, 'missing'), 'status'])).code).toBe(3);
  });

  it('exits 2 on usage errors and 0 on --help and --version', async () => {
    expect((await runCli(['statu'])).code).toBe(2);
    expect((await runCli(['statu'])).stderr).toContain('status');
    expect((await runCli(['status', '--bogus'])).code).toBe(2);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
    for (const cmd of ['validate', 'status', 'show', 'export']) {
      const help = await runCli([cmd, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Examples:');
    }
  });

  it('reads a plan copied anywhere', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-copy-'));
    cpSync(SAMPLE, path.join(dir, 'plan'), { recursive: true });
    expect((await runCli(['validate'], { cwd: dir })).code).toBe(0);
  });
});
