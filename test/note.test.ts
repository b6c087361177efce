/** csp note and csp add end to end: the built CLI on temporary copies of a plan. */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../src/core/load.js';
import { readPlanFiles } from '../src/io/plan-files.js';
import { CSP_BIN, SHIPPED_ROOT, runCli, runCliAsync } from './helpers/cli.js';
import { initiative, MANIFEST, writeTree } from './helpers/plan.js';

const AS_OF = ['--as-of', '2026-01-31'];
const P11 = 'plan/pillar-1/p1.1.yaml';
const P12 = 'plan/pillar-1/p1.2.yaml';
const P12_TEXT =
  '# Progress is reported at each dialogue.\r\nid: p1.2\r\npillar: 1\r\ntitle: "Detention: a long title"\r\ntext: Deepen understanding\r\nnotes:\r\n  - date: 2025-02-01\r\n    text: Workshop planned.   # first\r\n\r\n# end\r\n';

function plan(): string {
  return writeTree({
    'plan/plan.yaml': MANIFEST,
    [P11]: `# yaml-language-server: $schema=../../schema/initiative.schema.json\n${initiative('p1.1', 1, 'notes: []\n')}`,
    [P12]: P12_TEXT,
    'plan/pillar-2/p2.1.yaml': initiative('p2.1', 2),
  });
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

/** Every file under plan/, for "nothing was written" checks (and no lock or temporary file). */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else out[rel] = readFileSync(path.join(root, rel), 'latin1');
    }
  };
  walk('plan');
  return out;
}

/** The plan's error and warning codes, loaded in-process (cheaper than spawning csp validate). */
function problems(root: string, today = '2026-01-31'): string[] {
  const files = readPlanFiles({ planDir: path.join(root, 'plan'), root });
  return loadPlan(files, { today }).diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`);
}

/** An initiative's notes as the loader reads them (initiative file and note files), in date order. */
function notesOf(root: string, id: string): Record<string, unknown>[] {
  const files = readPlanFiles({ planDir: path.join(root, 'plan'), root });
  const i = loadPlan(files, { today: '2026-01-31' }).plan!.initiatives.find((x) => x.id === id)!;
  return i.notes.map((n) => ({
    date: n.date,
    text: n.text,
    ...(n.status ? { status: n.status } : {}),
    side: n.side,
    ...(n.author ? { author: n.author } : {}),
    ...(n.links.length ? { links: n.links } : {}),
    file: n.pos.file,
  }));
}

/** The note files of an initiative, by name. */
function noteFiles(root: string, id: string): string[] {
  const dir = path.join(root, 'plan/notes', id);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('csp note', () => {
  it('writes the note as a file of its own, changes nothing else, and says what it recorded', async () => {
    const root = plan();
    const before = snapshot(root);
    const r = await runCli(['note', 'p1.2', 'Workshop held: 40 people #2', '--status', 'in-progress', '--side', 'ca', '--author', 'Desk officer', '--link', 'https://example.org/r', ...AS_OF], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recorded a note on p1.2');
    const [name, ...more] = noteFiles(root, 'p1.2');
    expect(more).toEqual([]);
    expect(name).toMatch(/^2026-01-31-ca-workshop-held-40-people-2-[0-9a-f]{8}\.yaml$/);
    expect(r.stdout).toContain(`plan/notes/p1.2/${name} (its latest of 2 notes)`);
    expect(r.stdout).toMatch(/date +2026-01-31/);
    expect(read(root, `plan/notes/p1.2/${name}`)).toBe(
      '# yaml-language-server: $schema=../../../schema/note.schema.json\ndate: 2026-01-31\ntext: "Workshop held: 40 people #2"\nstatus: in-progress\nside: ca\nauthor: Desk officer\nlinks:\n  - https://example.org/r\n',
    );
    // Every other file byte for byte as it was.
    const after = snapshot(root);
    delete after[`plan/notes/p1.2/${name}`];
    expect(after).toEqual(before);
    expect(notesOf(root, 'p1.2').map((n) => n.text)).toEqual(['Workshop planned.', 'Workshop held: 40 people #2']);
    expect(problems(root)).toEqual([]);
  });

  it("reads the text from standard input with '-', and it reads back exactly", async () => {
    const root = plan();
    const text = 'Première ligne : « accord » conclu.\n두 번째 줄: 회의 개최 #2\n- third line, with a dash';
    const r = await runCli(['note', 'p1.1', '-', '--date', '2025-03-14', ...AS_OF], { cwd: root, input: `\uFEFF${text.replace(/\n/g, '\r\n')}\r\n\r\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(3 lines');
    expect(notesOf(root, 'p1.1').map(({ date, text: t }) => ({ date, text: t }))).toEqual([{ date: '2025-03-14', text }]);
    expect(problems(root)).toEqual([]);
  });

  it('--dry-run shows the new file and writes nothing', async () => {
    const root = plan();
    const before = snapshot(root);
    const r = await runCli(['note', 'p1.1', 'Talks resumed.', '--date', '2025-03-14', '--dry-run', ...AS_OF], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--- \/dev\/null\n\+\+\+ plan\/notes\/p1\.1\/2025-03-14-joint-talks-resumed-[0-9a-f]{8}\.yaml\n@@ -0,0 \+1,3 @@\n\+# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schema\/note\.schema\.json\n\+date: 2025-03-14\n\+text: Talks resumed\.\n/);
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses bad input with the right exit code and writes nothing', async () => {
    const root = plan();
    const before = snapshot(root);
    const cases: [string[], number, RegExp][] = [
      [['note', 'p1.3', 'x'], 2, /no initiative 'p1\.3'.*\n.*did you mean 'p1\.1' or 'p1\.2'/],
      [['note', 'plan/pillar-1/p1.1.yaml', 'x'], 2, /looks like a file path.*\n.*csp note p1\.1/],
      [['note', '../../etc/passwd', 'x'], 2, /looks like a file path/],
      [['note', 'p1.1', 'x', '--status', 'done'], 2, /'done' is not a status/],
      [['note', 'p1.1', 'x', '--date', '14/03/2025'], 2, /not a date in YYYY-MM-DD form/],
      [['note', 'p1.1', 'x', '--date', '2025-02-30'], 2, /not a real calendar date/],
      [['note', 'p1.1', '  '], 2, /note text is empty/],
      [['note', 'p1.1'], 2, /no note text given/],
      [['note', 'p1.1', 'x', '--side', 'kor'], 2, /'kor' is not a side.*\n.*did you mean 'kr'/],
      [['note', 'p1.1', 'x', '--date', '2026-02-01'], 1, /still in the future everywhere on earth \(today is 2026-01-31 at the latest\)/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCliAsync([...args, ...AS_OF], { cwd: root })));
    for (const [i, [args, code, message]] of cases.entries()) {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await runCli(['note', 'p1.1', '-', ...AS_OF], { cwd: root, input: '\n  \n' })).code).toBe(2);
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses the same note twice (exit 1) and keeps the one file', async () => {
    const root = plan();
    expect((await runCli(['note', 'p1.1', 'Met.', '--date', '2025-03-14', ...AS_OF], { cwd: root })).code).toBe(0);
    const again = await runCli(['note', 'p1.1', 'Met.', '--date', '2025-03-14', ...AS_OF], { cwd: root });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('the same note is already recorded in plan/notes/p1.1/');
    expect(noteFiles(root, 'p1.1')).toHaveLength(1);
  });

  it('refuses a file with errors (exit 1), showing them, and leaves it untouched', async () => {
    const root = plan();
    writeFileSync(path.join(root, P11), initiative('p1.1', 1, 'stauts: done\n'));
    const before = snapshot(root);
    const r = await runCli(['note', 'p1.1', 'x', ...AS_OF], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[unknown-field]');
    expect(r.stderr).toContain('plan/pillar-1/p1.1.yaml:5:1');
    expect(r.stderr).toMatch(/has an error; csp changes only files without errors/);
    writeFileSync(path.join(root, P12), 'id: [p1.2\n');
    expect((await runCli(['note', 'p1.2', 'x', ...AS_OF], { cwd: root })).stderr).toContain('error[yaml-syntax]');
    expect(snapshot(root)).toEqual({ ...before, [P12]: 'id: [p1.2\n' });
  });

  it('refuses to write while git is merging or rebasing (exit 3); reading still works', async () => {
    const root = plan();
    spawnSync('git', ['init', '-q'], { cwd: root });
    writeFileSync(path.join(root, '.git/MERGE_HEAD'), '');
    const before = snapshot(root);
    const r = await runCli(['note', 'p1.1', 'x', ...AS_OF], { cwd: root });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('a git merge is in progress');
    expect(r.stderr).toContain('git merge --abort');
    expect((await runCli(['status', ...AS_OF], { cwd: root })).code).toBe(0);
    expect((await runCli(['note', 'p1.1', 'x', '--dry-run', ...AS_OF], { cwd: root })).code).toBe(0);
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses when the notes folder cannot be made, and an initiative file that is a link out of the repository (exit 3, 1)', async () => {
    const root = plan();
    writeFileSync(path.join(root, 'plan/notes'), 'a file where the folder should be\n');
    const blocked = await runCli(['note', 'p1.1', 'x', ...AS_OF], { cwd: root });
    expect(blocked.code).toBe(3);
    expect(blocked.stderr).toContain('cannot create the folder of plan/notes/p1.1/');
    expect(blocked.stderr).not.toMatch(/\n\s+at /);
    rmSync(path.join(root, 'plan/notes'));
    const outside = mkdtempSync(path.join(tmpdir(), 'csp-outside-'));
    writeFileSync(path.join(outside, 'p2.1.yaml'), initiative('p2.1', 2));
    const p21 = path.join(root, 'plan/pillar-2/p2.1.yaml');
    rmSync(p21);
    symlinkSync(path.join(outside, 'p2.1.yaml'), p21);
    const link = await runCli(['note', 'p2.1', 'x', ...AS_OF], { cwd: root });
    expect(link.code).toBe(1);
    expect(link.stderr).toContain('error[file-symlink]');
    expect(readFileSync(path.join(outside, 'p2.1.yaml'), 'utf8')).toBe(initiative('p2.1', 2));
    expect(existsSync(path.join(root, 'plan/notes/p2.1'))).toBe(false);
  });

  it('lets 10 concurrent runs on one initiative each add their note: every note kept, in date order, the plan valid, nothing left behind', async () => {
    const root = plan();
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runCliAsync(['note', 'p1.2', `Concurrent note ${i}: "quoted" #${i}`, '--date', `2025-${String((i % 9) + 2).padStart(2, '0')}-01`, ...AS_OF], { cwd: root }),
      ),
    );
    for (const r of runs) expect(r.stderr).toBe('');
    expect(runs.map((r) => r.code)).toEqual(Array(10).fill(0));
    const notes = notesOf(root, 'p1.2');
    expect(notes).toHaveLength(11);
    for (let i = 0; i < 10; i++) expect(notes.map((n) => n.text)).toContain(`Concurrent note ${i}: "quoted" #${i}`);
    const dates = notes.map((n) => n.date as string);
    expect(dates).toEqual([...dates].sort());
    expect(read(root, P12)).toBe(P12_TEXT);
    expect(problems(root)).toEqual([]);
    expect(noteFiles(root, 'p1.2')).toHaveLength(10);
    expect(noteFiles(root, 'p1.2').every((f) => f.endsWith('.yaml'))).toBe(true);
  });

  // util-linux script(1) runs a command on a pseudo-terminal, as a person at a terminal would.
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  it.skipIf(script.status !== 0 || !/util-linux/.test(script.stdout))('at a terminal, with the text left out, opens $EDITOR on a template and records what was saved', async () => {
    const root = plan();
    const editor = path.join(root, 'editor.sh');
    // The editor checks it was given the template, then saves a note with a template line left in.
    writeFileSync(editor, '#!/bin/sh\ngrep -q "^#" "$1" || exit 1\nprintf "Met in Ottawa.\\nMinutes to follow.\\n# a line of the template\\n" > "$1"\n');
    chmodSync(editor, 0o755);
    const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    const command = [process.execPath, CSP_BIN, ...AS_OF, 'note', 'p1.1', '--status', 'in-progress'].map(shellQuote).join(' ');
    const r = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, VISUAL: '', EDITOR: editor, NO_COLOR: '1', CSP_NOW: '2026-01-31T00:00:00Z' },
      timeout: 30_000,
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Recorded a note on p1.1');
    const [name] = noteFiles(root, 'p1.1');
    expect(read(root, `plan/notes/p1.1/${name}`)).toMatch(/\ndate: 2026-01-31\ntext: \|-\n  Met in Ottawa\.\n  Minutes to follow\.\nstatus: in-progress\n$/);
    // Not at a terminal, leaving the text out is a usage error that says how to give it.
    const piped = await runCli([...AS_OF, 'note', 'p1.2'], { cwd: root });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('no note text given');
  });

  it('has help with examples', async () => {
    const r = await runCli(['note', '--help']);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--dry-run');
  });
});

describe('csp add', () => {
  /** A copy of the shipped plan. */
  function shipped(): string {
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const e of readdirSync(path.join(SHIPPED_ROOT, dir), { withFileTypes: true })) {
        if (e.isDirectory()) walk(`${dir}/${e.name}`);
        else files[`${dir}/${e.name}`] = readFileSync(path.join(SHIPPED_ROOT, dir, e.name), 'utf8');
      }
    };
    walk('plan');
    return writeTree(files);
  }

  it('creates the file with the next free id of the pillar and prints the id', async () => {
    const root = shipped();
    const r = await runCli(['add', '--pillar', '4', '--title', 'Clean hydrogen', '--text', 'Explore cooperation on clean hydrogen: "a new idea"', '--kind', 'exploratory', '--theme', 'energy-security-and-sustainable-energy-sources'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('p4.10\n');
    expect(r.stderr).toContain('created plan/pillar-4/p4.10.yaml');
    expect(read(root, 'plan/pillar-4/p4.10.yaml')).toBe(
      '# yaml-language-server: $schema=../../schema/initiative.schema.json\nid: p4.10\npillar: 4\ntitle: Clean hydrogen\ntext: "Explore cooperation on clean hydrogen: \\"a new idea\\""\nkind: exploratory\nthemes:\n  - energy-security-and-sustainable-energy-sources\n',
    );
    expect(problems(root, '2026-12-02')).toEqual([]);
    expect((await runCli(['add', '--pillar', '4', '--title', 'Next', '--text', '-'], { cwd: root, input: 'From standard input.\n' })).stdout).toBe('p4.11\n');
    expect((await runCli(['note', 'p4.11', 'First note.', '--date', '2025-01-01', '--link', 'https://example.org/first'], { cwd: root })).code).toBe(0);
    // The shipped plan asks every note to cite its source.
    expect((await runCli(['note', 'p4.11', 'No source.', '--date', '2025-01-02'], { cwd: root })).stderr).toContain('note-without-link');
  });

  it('--dry-run shows the new file; bad values are refused; nothing is written', async () => {
    const root = plan();
    const before = snapshot(root);
    const dry = await runCli(['add', '--pillar', '2', '--title', 'Exercise', '--text', 'Hold a joint exercise', '--dry-run'], { cwd: root });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+++ plan/pillar-2/p2.2.yaml');
    expect(dry.stdout).toContain('+id: p2.2');
    const theme = await runCli(['add', '--pillar', '2', '--title', 'X', '--text', 'Y', '--theme', 'human-rights'], { cwd: root });
    expect(theme.code).toBe(2);
    expect(theme.stderr).toContain("pillar 2 has no thematic area 'human-rights' (it belongs to pillar 1)");
    expect((await runCli(['add', '--pillar', '3', '--title', 'X', '--text', 'Y'], { cwd: root })).code).toBe(2);
    expect((await runCli(['add', '--pillar', '1', '--title', 'X'], { cwd: root })).stderr).toContain('no initiative text given');
    expect((await runCli(['add', '--pillar', '1', '--title', 'X', '--text', 'Y', '--kind', 'annual'], { cwd: root })).code).toBe(2);
    writeFileSync(path.join(root, 'plan/plan.yaml'), `${MANIFEST}stray: field\n`);
    const broken = await runCli(['add', '--pillar', '1', '--title', 'X', '--text', 'Y'], { cwd: root });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('error[unknown-field]');
    expect(snapshot(root)).toEqual({ ...before, 'plan/plan.yaml': `${MANIFEST}stray: field\n` });
    expect(existsSync(path.join(root, 'plan/pillar-2/p2.2.yaml'))).toBe(false);
  });
});
