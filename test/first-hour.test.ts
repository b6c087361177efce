/**
 * The mistakes people make in their first hour with csp, each answered once,
 * in the same words by every command, with a hint that fits the cause.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, SHIPPED_ROOT } from './helpers/cli.js';
import { commit, gitInit } from './helpers/git.js';

const SAMPLE = path.join(REPO_ROOT, 'test/fixtures/sample/plan');
const AS_OF = ['--as-of', '2026-11-28'];

/** A copy of the shipped plan in a fresh folder (for commands that write). */
function shippedCopy(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-first-'));
  cpSync(path.join(SHIPPED_ROOT, 'plan'), path.join(root, 'plan'), { recursive: true });
  return root;
}

describe('ids are forgiving', () => {
  const title = async (args: string[]) => (await runCli(['show', ...args, ...AS_OF])).stdout.split('\n')[0];

  it('in any case, and without the pillar letter', async () => {
    expect(await title(['p1.3'])).toBe('p1.3 · North Korean human rights dialogue');
    expect(await title(['P1.3'])).toBe(await title(['p1.3']));
    expect(await title(['1.3'])).toBe(await title(['p1.3']));
  });

  it('p4.7 is p3.4: one commitment listed under pillars 3 and 4, with a note saying so', async () => {
    const r = await runCli(['show', 'p4.7', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('p3.4 · Critical minerals MOU action plan');
    expect(r.stderr).toBe('csp: note: p4.7 is p3.4: one commitment, listed under pillars 3 and 4, kept once as p3.4\n');
  });

  it('an unknown id gets the nearest ids, in show and in note alike', async () => {
    const show = await runCli(['show', 'p1.33']);
    const note = await runCli(['note', 'p1.33', 'Text.', '--dry-run']);
    for (const r of [show, note]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^csp: error: no initiative 'p1\.33'\n {2}help: did you mean 'p1\.3'/);
    }
    expect(show.stderr).toBe(note.stderr);
  });

  it('note takes the same forgiving ids', async () => {
    const root = shippedCopy();
    const r = await runCli(['note', 'P1.3', 'Dialogue held.', '--link', 'https://example.org/d', '--dry-run', ...AS_OF], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\+\+\+ plan\/notes\/p1\.3\/2026-11-28-joint-dialogue-held-[0-9a-f]{8}\.yaml/);
  });
});

describe('one message per mistake', () => {
  it('an impossible date: the same words in every command, the hint naming what is wrong', async () => {
    const month13 = [
      await runCli(['note', 'p1.3', 'x', '--date', '2026-13-05', '--dry-run']),
      await runCli(['--as-of', '2026-13-05', 'status']),
      await runCli(['review', 'create', 'x', '--date', '2026-13-05']),
      await runCli(['init', path.join(tmpdir(), 'never-made'), '--adopted', '2026-13-05']),
    ];
    for (const r of month13) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^csp: error: --[a-z-]+ '2026-13-05' is not a real calendar date\n {2}help: there is no month 13: months run from 01 to 12/);
      expect(r.stderr).not.toContain('February');
    }
    expect((await runCli(['diff', '2026-13-05'])).stderr).toMatch(/^csp: error: '2026-13-05' is not a real calendar date\n {2}help: there is no month 13/);
    expect((await runCli(['note', 'p1.3', 'x', '--date', '2026-04-31', '--dry-run'])).stderr).toContain('help: April has 30 days');
    expect((await runCli(['--as-of', '2025-02-29', 'status'])).stderr).toContain('help: February 2025 has 28 days');
    const form = [await runCli(['note', 'p1.3', 'x', '--date', '14/03/2025', '--dry-run']), await runCli(['--as-of', '14/03/2025', 'status'])];
    for (const r of form) expect(r.stderr).toMatch(/^csp: error: --[a-z-]+ '14\/03\/2025' is not a date in YYYY-MM-DD form\n {2}help: e\.g\. --[a-z-]+ 2025-03-14\n$/);
  });

  it("validate's hint for an impossible date in a file fits the cause too", async () => {
    const root = shippedCopy();
    const file = path.join(root, 'plan/pillar-1/p1.1.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}notes:\n  - date: 2026-13-05\n    text: Held.\n`);
    const r = await runCli(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('there is no month 13');
    expect(r.stdout + r.stderr).not.toContain('February');
  });

  it('a write into a missing folder says the folder is missing, not that the disk may be full', async () => {
    const r = await runCli(['--plan', SAMPLE, 'report', '-o', '/nonexistent-dir/sub/r.md', ...AS_OF]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('help: the folder /nonexistent-dir/sub does not exist: create it first, or write somewhere else');
    expect(r.stderr).not.toContain('disk');
  });

  it("commander's errors look like csp's: csp: error, then help lines", async () => {
    expect((await runCli(['stauts'])).stderr).toBe("csp: error: unknown command 'stauts'\n  help: did you mean 'status'?\n");
    expect((await runCli(['status', '--jsn'])).stderr).toBe("csp: error: unknown option '--jsn'\n  help: did you mean '--json'?\n");
    const choice = await runCli(['diff', 'adoption', '--format', 'mdd']);
    expect(choice.code).toBe(2);
    expect(choice.stderr).toBe("csp: error: option '--format <format>' argument 'mdd' is invalid\n  help: did you mean 'md'? allowed: text, md, json\n");
    expect((await runCli(['frobnicate'])).stderr).toBe("csp: error: unknown command 'frobnicate'\n  help: 'csp --help' lists the commands\n");
    expect((await runCli(['show'])).stderr).toBe("csp: error: missing required argument 'id'\n  help: '--help' after the command shows what it takes, with examples\n");
  });
});

describe('add and --plan', () => {
  it('add --cadence makes a recurring initiative, which validate accepts without a warning', async () => {
    const root = shippedCopy();
    const r = await runCli(['add', '--pillar', '1', '--title', 'Annual consultations', '--text', 'Hold annual consultations', '--cadence', 'annual', ...AS_OF], {
      cwd: root,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('p1.7\n');
    const v = await runCli(['validate', '--format', 'json', ...AS_OF], { cwd: root });
    expect(JSON.parse(v.stdout)).toMatchObject({ errors: 0, warnings: 0 });
    expect((await runCli(['show', 'p1.7', '--json', ...AS_OF], { cwd: root })).stdout).toContain('"kind": "recurring"');
    const other = await runCli(['add', '--pillar', '1', '--title', 'T', '--text', 'T', '--cadence', 'annual', '--kind', 'deliverable'], { cwd: root });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--cadence is for recurring initiatives');
  });

  it('--plan at a repository root finds its plan/ folder; a folder without a plan says so (exit 3); --plan "" is a usage error', async () => {
    const root = shippedCopy();
    const r = await runCli(['--plan', root, 'status', '--json', ...AS_OF], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.total).toBe(36);
    const empty = mkdtempSync(path.join(tmpdir(), 'csp-empty-'));
    const none = await runCli(['--plan', empty, 'status']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/^csp: error: no plan found in .*: it has no plan\.yaml\n {2}help: --plan names the folder that holds plan\.yaml/);
    const blank = await runCli(['--plan', '', 'status']);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toMatch(/^csp: error: --plan is empty\n/);
  });
});

describe('status, show and diff say what they mean', () => {
  it('status --status prints only the pillars that match, and one line when none does', async () => {
    const some = await runCli(['--plan', SAMPLE, 'status', '--status', 'at-risk', ...AS_OF]);
    expect(some.stdout.match(/^Pillar \d/gm)).toEqual(['Pillar 1', 'Pillar 2']);
    const one = await runCli(['--plan', SAMPLE, 'status', '--status', 'discontinued', ...AS_OF]);
    expect(one.stdout.match(/^Pillar \d/gm)).toEqual(['Pillar 2']);
    const none = await runCli(['status', '--status', 'at-risk', ...AS_OF]);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('Canada-Korea Comprehensive Strategic Partnership\nStatus as of 2026-11-28 · stale after 180 days without a note\nNo initiative matches --status at-risk.\n');
  });

  it('show, review show, review list and diff fit a 60-column terminal, wrapping at word boundaries', async () => {
    const { default: stringWidth } = await import('string-width');
    for (const args of [['show', 'p1.1'], ['show', 'p3.4'], ['review', 'show', 'adoption'], ['review', 'list'], ['diff', 'adoption', ...AS_OF]]) {
      const r = await runCli(args, { env: { COLUMNS: '60' } });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout.split('\n').filter((l) => stringWidth(l) > 60), args.join(' ')).toEqual([]);
    }
    const show = (await runCli(['show', 'p3.4'], { env: { COLUMNS: '60' } })).stdout;
    // The pillar's title is broken between words, never inside one ("Suppl" / "y Chains").
    expect(show).toMatch(/^Pillar {6}3 · Enhancing Economic Prosperity and Security,\n {12}Cooperating on Supply Chains, Critical Minerals,\n/m);
  });

  it('show says a next-due date is overdue', async () => {
    const r = await runCli(['show', 'p1.3', '--as-of', '2026-12-02']);
    expect(r.stdout).toMatch(/^Kind {8}recurring, annual · next due 2025-07-18 \(overdue by 16 mo\)$/m);
    expect((await runCli(['show', 'p1.3', '--as-of', '2025-01-02'])).stdout).toMatch(/next due 2025-07-18$/m);
  });

  it('diff with TO before FROM says so', async () => {
    const r = await runCli(['diff', '2026-01-01', '2025-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('csp: error: TO 2025-01-01 is before FROM 2026-01-01\n  help: give the earlier one first: csp diff 2025-01-01 2026-01-01\n');
  });

  it('diff names a revision typed as a commit id once', async () => {
    const root = shippedCopy();
    gitInit(root);
    const first = commit(root, 'plan');
    const r = await runCli(['diff', first.slice(0, 9), '--format', 'md', ...AS_OF], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`## Changes from revision ${first.slice(0, 7)} to the working tree (as of 2026-11-28)`);
  });
});

it('the shipped plan has the files the tests above name', () => {
  expect(readdirSync(path.join(SHIPPED_ROOT, 'plan/pillar-4'))).not.toContain('p4.7.yaml');
});
