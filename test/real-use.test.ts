/**
 * A year of real use, end to end, as two capitals meet it: notes from Ottawa
 * and Seoul on the same initiatives from parallel branches, merged in both
 * orders; a note recorded on a Seoul morning checked in UTC and in Canada at
 * that instant; a broken file committed and later fixed; reviews; looking
 * back with --as-of; a diff between the reviews. Real git repositories, real
 * time zones, the built CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_BIN, REPO_ROOT, runCli, runCliProcess } from './helpers/cli.js';
import { commit, git, gitInit } from './helpers/git.js';
import { initiative, MANIFEST, writeTree } from './helpers/plan.js';

const SLOW = 120_000;

function office(): string {
  const root = writeTree({
    'plan/plan.yaml': MANIFEST,
    'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1),
    'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, 'notes:\n  - date: 2024-09-01\n    text: Planned in the old layout.\n    status: in-progress\n'),
    'plan/pillar-2/p2.1.yaml': initiative('p2.1', 2, 'kind: recurring\ncadence: annual\n'),
  });
  gitInit(root);
  commit(root, 'The plan');
  return root;
}

/** csp at a fixed instant, in a time zone (a process of its own: the local date comes from its TZ). */
async function cspAt(root: string, instant: string, tz: string, ...args: string[]) {
  return runCliProcess(args, { cwd: root, env: { CSP_NOW: instant, TZ: tz } });
}

async function noteOn(root: string, branch: string, args: string[], instant = '2025-03-02T12:00:00Z'): Promise<void> {
  git(root, 'checkout', '-q', branch);
  const r = await cspAt(root, instant, 'UTC', 'note', ...args);
  expect(r.code, r.stderr).toBe(0);
  commit(root, `note on ${branch}`);
}

function mergeReport(root: string, branch: string): { code: number; out: string } {
  const r = spawnSync('git', ['merge', '--no-edit', '-q', branch], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.org' },
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('notes from both capitals merge', () => {
  for (const order of [['ottawa', 'seoul'], ['seoul', 'ottawa']] as const) {
    it(`two branches adding notes to one initiative merge with plain git merge (${order.join(' then ')})`, async () => {
      const root = office();
      git(root, 'branch', 'ottawa');
      git(root, 'branch', 'seoul');
      git(root, 'branch', 'by-hand');
      // The same week, the same initiative, the same day for two of them.
      await noteOn(root, 'ottawa', ['p1.1', 'Canada hosted the first meeting.', '--side', 'ca', '--status', 'in-progress', '--date', '2025-03-01']);
      await noteOn(root, 'seoul', ['p1.1', 'Korea reported on the first meeting.', '--side', 'kr', '--status', 'in-progress', '--date', '2025-03-01']);
      await noteOn(root, 'seoul', ['p1.2', 'Workshop held in Seoul.', '--side', 'kr', '--date', '2025-02-20']);
      // A note written by hand, the documented way: a file of its own in plan/notes/ID/.
      git(root, 'checkout', '-q', 'by-hand');
      commit(root, 'note by hand', { 'plan/notes/p1.1/2025-02-15-joint-talks.yaml': 'date: 2025-02-15\ntext: Talks opened, by hand.\nside: joint\n' });
      git(root, 'checkout', '-q', 'main');
      for (const branch of [...order, 'by-hand']) {
        const m = mergeReport(root, branch);
        expect(m.out).not.toMatch(/CONFLICT/);
        expect(m.code, m.out).toBe(0);
      }
      const v = await runCli(['validate'], { cwd: root, env: { CSP_NOW: '2025-03-02T12:00:00Z' } });
      expect(v.code, v.stdout).toBe(0);
      const show = await runCli(['show', 'p1.1', '--json'], { cwd: root, env: { CSP_NOW: '2025-03-02T12:00:00Z' } });
      const notes = (JSON.parse(show.stdout) as { notes: { date: string; text: string; side: string }[] }).notes;
      expect(notes.map((n) => `${n.date} ${n.side} ${n.text}`)).toEqual([
        '2025-02-15 joint Talks opened, by hand.',
        ...['2025-03-01 ca Canada hosted the first meeting.', '2025-03-01 kr Korea reported on the first meeting.'].sort((a, b) =>
          // Same day: note files by name, and names start with date and side.
          a < b ? -1 : 1,
        ),
      ]);
      const text = (await runCli(['show', 'p1.2'], { cwd: root, env: { CSP_NOW: '2025-03-02T12:00:00Z' } })).stdout;
      expect(text).toContain('Planned in the old layout.');
      expect(text).toContain('Workshop held in Seoul.');
    }, SLOW);
  }

  it('split-notes moves an existing plan to note files, losing nothing, and branches then merge', async () => {
    const root = office();
    git(root, 'branch', 'seoul');
    const before = JSON.parse((await runCli(['export', '--json'], { cwd: root, env: { CSP_NOW: '2025-03-02T12:00:00Z' } })).stdout) as unknown;
    const dry = await runCli(['split-notes', '--dry-run'], { cwd: root });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would move 1 note into 1 note file');
    expect(git(root, 'status', '--porcelain')).toBe('');
    const r = await runCli(['split-notes'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Moved 1 note into 1 note file');
    expect(r.stdout).toContain('plan/pillar-1/p1.2.yaml: 1 note');
    const after = JSON.parse((await runCli(['export', '--json'], { cwd: root, env: { CSP_NOW: '2025-03-02T12:00:00Z' } })).stdout) as { initiatives: { notes: { file?: string }[] }[] };
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'file' || k === 'line' || k === 'column' ? undefined : v))) as unknown;
    expect(strip(after)).toEqual(strip(before));
    expect(readdirSync(path.join(root, 'plan/notes/p1.2'))).toHaveLength(1);
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);
    expect((await runCli(['split-notes'], { cwd: root })).stdout).toContain('No notes to move');
    commit(root, 'Notes in files of their own');
    await noteOn(root, 'seoul', ['p1.2', 'Seoul note.', '--side', 'kr', '--date', '2025-02-20']);
    git(root, 'checkout', '-q', 'main');
    await noteOn(root, 'main', ['p1.2', 'Ottawa note.', '--side', 'ca', '--date', '2025-02-21']);
    const m = mergeReport(root, 'seoul');
    expect(m.code, m.out).toBe(0);
    expect((await runCli(['show', 'p1.2'], { cwd: root, env: { CSP_NOW: '2025-03-02T12:00:00Z' } })).stdout).toMatch(/Planned in the old layout\.[\s\S]*Seoul note\.[\s\S]*Ottawa note\./);
  }, SLOW);
});

describe('time zones: a date is in the future only after today everywhere on earth', () => {
  // 08:30 on 2 March in Seoul is 23:30 on 1 March in UTC and 18:30 on 1 March in Toronto.
  const SEOUL_MORNING = '2026-03-01T23:30:00Z';

  it('a note recorded "today" on a Seoul morning validates in UTC and in Toronto at that instant', async () => {
    const root = office();
    const r = await cspAt(root, SEOUL_MORNING, 'Asia/Seoul', 'note', 'p1.1', 'Signed in Seoul this morning.', '--side', 'kr', '--status', 'completed');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/date +2026-03-02/);
    for (const tz of ['UTC', 'America/Toronto', 'America/Vancouver', 'Asia/Seoul']) {
      const v = await cspAt(root, SEOUL_MORNING, tz, 'validate');
      expect(v.code, `${tz}: ${v.stdout}`).toBe(0);
      // The dashboard at that instant counts it, wherever it is read.
      const s = JSON.parse((await cspAt(root, SEOUL_MORNING, tz, 'status', '--json')).stdout) as { initiatives: { id: string; status: string }[] };
      expect(s.initiatives.find((i) => i.id === 'p1.1')?.status, tz).toBe('completed');
    }
    // Vancouver, just before midnight, records a note dated its own today.
    const van = await cspAt(root, '2026-03-02T07:50:00Z', 'America/Vancouver', 'note', 'p2.1', 'Held in Vancouver tonight.', '--side', 'ca');
    expect(van.stdout).toMatch(/date +2026-03-01/);
    // A day after today everywhere is refused, and reported by validate.
    const late = await cspAt(root, SEOUL_MORNING, 'Asia/Seoul', 'note', 'p1.1', 'Tomorrow.', '--date', '2026-03-03');
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('still in the future everywhere on earth (today is 2026-03-02 at the latest)');
  });

  const faketime = spawnSync('faketime', ['2026-03-01 23:30:00', 'date', '-u', '+%F'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  it.skipIf(faketime.status !== 0)('the same with the system clock set by faketime (no CSP_NOW)', async () => {
    const root = office();
    // faketime takes a wall-clock time in TZ: the same instant, as each capital's clock shows it.
    const at = (tz: string, wallClock: string, ...args: string[]) => {
      const env: NodeJS.ProcessEnv = { ...process.env, TZ: tz, NO_COLOR: '1' };
      delete env.CSP_NOW;
      const r = spawnSync('faketime', ['-f', `@${wallClock}`, process.execPath, CSP_BIN, ...args], { cwd: root, env, encoding: 'utf8' });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    };
    const r = await at('Asia/Seoul', '2026-03-02 08:30:00', 'note', 'p1.1', 'Signed in Seoul this morning.', '--side', 'kr');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/date +2026-03-02/);
    expect((await at('UTC', '2026-03-01 23:30:00', 'validate')).code).toBe(0);
    expect((await at('America/Toronto', '2026-03-01 18:30:00', 'validate')).code).toBe(0);
  });
  if (faketime.status !== 0) it.skip('faketime is not installed (apt-get install faketime): the CSP_NOW cases above still run', () => {});
});

describe('a year of real use', () => {
  it('a broken file committed and fixed, reviews, look-back and a diff between reviews', async () => {
    const root = office();
    const at = async (instant: string, ...args: string[]) => await runCli(args, { cwd: root, env: { CSP_NOW: instant } });
    expect((await at('2024-11-02T12:00:00Z', 'note', 'p2.1', 'First meeting held in Ottawa.', '--side', 'joint', '--status', 'ongoing')).code).toBe(0);
    expect((await at('2025-02-10T12:00:00Z', 'note', 'p1.1', 'Negotiations launched.', '--side', 'ca', '--status', 'in-progress')).code).toBe(0);
    commit(root, 'notes');
    const review1 = await at('2025-06-30T12:00:00Z', 'review', 'create', 'dialogue-2025', '--title', 'Strategic Dialogue 2025');
    expect(review1.code, review1.stderr).toBe(0);
    expect(review1.stdout).toContain('as of 2025-06-30');
    commit(root, 'review 2025');
    expect((await at('2025-11-01T12:00:00Z', 'note', 'p2.1', 'Second meeting held in Seoul.', '--side', 'kr')).code).toBe(0);
    expect((await at('2026-02-25T12:00:00Z', 'note', 'p1.1', 'Agreement signed.', '--side', 'joint', '--status', 'completed', '--link', 'https://example.org/signed')).code).toBe(0);
    // Someone commits a note with a mistake (an unknown status) by hand.
    commit(root, 'notes, one broken', { 'plan/notes/p1.2/2026-02-26-kr-typo.yaml': 'date: 2026-02-26\ntext: Typo.\nstatus: finished\nside: kr\n' });

    // The dashboard still answers, names the broken file and marks p1.2; exit 1 says something is wrong.
    const s = await at('2026-03-01T12:00:00Z', 'status');
    expect(s.code).toBe(1);
    expect(s.stdout).toContain('plan/notes/p1.2/2026-02-26-kr-typo.yaml (1 error; p1.2 shown in part, marked data-errors)');
    expect(s.stdout).toMatch(/p1\.1 .*● completed/);
    expect((await at('2026-03-01T12:00:00Z', 'show', 'p2.1')).code).toBe(0);
    expect((await at('2026-03-01T12:00:00Z', 'show', 'p1.2')).code).toBe(1);
    const exported = JSON.parse((await at('2026-03-01T12:00:00Z', 'export', '--json')).stdout) as { problems: { file: string }[] };
    expect(exported.problems.map((p) => p.file)).toEqual(['plan/notes/p1.2/2026-02-26-kr-typo.yaml']);
    const report = await at('2026-03-01T12:00:00Z', 'report');
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('## Data problems');
    // In the report's language too: the officials of both capitals read it.
    const rapport = await at('2026-03-01T12:00:00Z', 'report', '--lang', 'fr');
    expect(rapport.stdout).toContain('## Problèmes de données');
    expect(rapport.stdout).toContain('plan/notes/p1.2/2026-02-26-kr-typo.yaml');
    expect((await at('2026-03-01T12:00:00Z', 'report', '--lang', 'ko')).stdout).toContain('## 데이터 문제');
    expect((await at('2026-03-01T12:00:00Z', 'validate')).code).toBe(1);

    // Looking back: the broken note is dated after these days, so these views are whole (exit 0).
    const look = async (day: string) => JSON.parse((await at('2026-03-01T12:00:00Z', 'status', '--json', '--as-of', day)).stdout) as { initiatives: { id: string; status: string }[] };
    const statusOf = async (day: string, id: string) => (await look(day)).initiatives.find((i) => i.id === id)?.status;
    expect((await at('2026-03-01T12:00:00Z', 'status', '--as-of', '2025-06-30')).code).toBe(0);
    expect(await statusOf('2024-10-01', 'p2.1')).toBe('not-started');
    expect(await statusOf('2025-06-30', 'p2.1')).toBe('ongoing');
    expect(await statusOf('2025-06-30', 'p1.1')).toBe('in-progress');
    expect(await statusOf('2026-02-25', 'p1.1')).toBe('completed');
    const showBack = await at('2026-03-01T12:00:00Z', 'show', 'p1.1', '--as-of', '2025-06-30');
    expect(showBack.code).toBe(0);
    expect(showBack.stdout).toContain('Negotiations launched.');
    expect(showBack.stdout).not.toContain('Agreement signed.');

    // Fixed in a later commit: everything is clean again.
    commit(root, 'fix the typo', { 'plan/notes/p1.2/2026-02-26-kr-typo.yaml': 'date: 2026-02-26\ntext: Typo fixed.\nstatus: completed\nside: kr\nlinks: [https://example.org/kr]\n' });
    expect((await at('2026-03-01T12:00:00Z', 'status')).code).toBe(0);
    expect((await at('2026-03-01T12:00:00Z', 'validate')).code).toBe(0);

    const review2 = await at('2026-06-30T12:00:00Z', 'review', 'create', 'dialogue-2026');
    expect(review2.code, review2.stderr).toBe(0);
    commit(root, 'review 2026');
    const diff = JSON.parse((await at('2026-07-01T12:00:00Z', 'diff', 'dialogue-2025', 'dialogue-2026', '--format', 'json')).stdout) as { changes: { id: string; kind: string }[] };
    expect(diff.changes.map((c) => `${c.id} ${c.kind}`)).toEqual(expect.arrayContaining(['p1.1 status', 'p1.2 status', 'p2.1 notes']));
    const byRevision = await at('2026-07-01T12:00:00Z', 'diff', 'HEAD~3', 'HEAD');
    expect(byRevision.code, byRevision.stderr).toBe(0);
    expect(byRevision.stdout).toContain('Typo fixed.');
  }, SLOW);
});

describe('the build never depends on the data in plan/', () => {
  // `npm ci` is two things: it unpacks the locked packages, which no data in plan/ can touch, and it
  // runs the package's own install scripts (prepare builds dist/), which could. The second is run
  // here as npm ci runs it, on a fresh copy with the installed packages linked in; .ci/run does the
  // whole `npm ci` on a clean clone of this repository, whose plan/ holds notes dated this year.
  it('a fresh copy whose plan has notes dated today and a broken file runs the install scripts npm ci runs, builds, and answers', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'csp-fresh-'));
    // What a clone has: the tracked files and those not ignored (this work tree's new files too).
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter((f) => f !== '');
    for (const f of listed) {
      if (!existsSync(path.join(REPO_ROOT, f))) continue;
      mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
      cpSync(path.join(REPO_ROOT, f), path.join(work, f));
    }
    expect(existsSync(path.join(work, 'dist'))).toBe(false);
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'));
    mkdirSync(path.join(work, 'plan/notes/p1.1'), { recursive: true });
    writeFileSync(path.join(work, 'plan/notes/p1.1/2099-01-01-ca-future.yaml'), 'date: 2099-01-01\ntext: Far in the future.\nside: ca\n');
    writeFileSync(path.join(work, 'plan/notes/p1.1/today-ca.yaml'), `date: ${new Date().toISOString().slice(0, 10)}\ntext: Recorded today.\nside: ca\n`);
    writeFileSync(path.join(work, 'plan/pillar-1/p1.2.yaml'), 'id: [broken\n');
    // The scripts npm ci runs for the package itself, in its order (docs.npmjs.com, "npm ci": lifecycle).
    const scripts = (JSON.parse(readFileSync(path.join(work, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'].filter((s) => s in scripts);
    expect(lifecycle).toContain('prepare');
    for (const script of lifecycle) {
      const run = spawnSync('npm', ['run', script], { cwd: work, encoding: 'utf8', env: { ...process.env, CSP_PLAN: '' }, timeout: 60_000 });
      expect(run.status, `npm run ${script}: ${run.stdout}${run.stderr}`).toBe(0);
    }
    const version = spawnSync(process.execPath, [path.join(work, 'bin/csp.cjs'), '--version'], { cwd: work, encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const status = spawnSync(process.execPath, [path.join(work, 'bin/csp.cjs'), 'status'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(status.status).toBe(1);
    expect(status.stdout).toContain('plan/pillar-1/p1.2.yaml (1 error; left out)');
    expect(status.stdout).toContain('p5.6');
    const back = spawnSync(process.execPath, [path.join(work, 'bin/csp.cjs'), 'status', '--as-of', '2025-06-30'], { cwd: work, encoding: 'utf8' });
    expect(back.stdout).toContain('Status as of 2025-06-30');
    rmSync(work, { recursive: true, force: true });
  }, SLOW);
});
