/**
 * csp init and csp import: a new plan is valid from the start, and importing
 * the seed document reproduces the shipped plan's pillars, thematic areas and
 * initiative texts, ids, kinds and cadences (titles differ: the shipped ones
 * were written by hand).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveTitle, kindOf, parseActionPlan, slugify, splitList, TITLE_MAX } from '../src/core/import/action-plan.js';
import { loadPlan, type LoadResult } from '../src/core/load.js';
import type { Plan } from '../src/core/model.js';
import { REPO_ROOT, SHIPPED_ROOT, runCli } from './helpers/cli.js';

const SEED = path.join(REPO_ROOT, 'seeds/canada-korea-csp-action-plan.txt');

function loadDir(root: string): LoadResult {
  const files: { path: string; bytes: Uint8Array }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.yaml')) files.push({ path: rel, bytes: readFileSync(path.join(root, rel)) });
    }
  };
  walk('plan');
  return loadPlan({ planDir: 'plan', files }, { today: '2026-01-01' });
}

const shipped = loadDir(SHIPPED_ROOT).plan!;

/** What an import must reproduce: everything but the hand-written titles, shorts and notes. */
function comparable(plan: Plan) {
  return {
    pillars: plan.pillars.map((p) => ({ number: p.number, title: p.title, themes: p.themes.map((t) => ({ id: t.id, title: t.title, text: t.text })) })),
    initiatives: plan.initiatives.map((i) => comparableInitiative(i, i.file)),
  };
}

function comparableInitiative(i: Pick<Plan['initiatives'][number], 'id' | 'pillar' | 'alsoListedUnder' | 'text' | 'kind' | 'cadence'>, file: string) {
  return { id: i.id, pillar: i.pillar, alsoListedUnder: i.alsoListedUnder, text: i.text, kind: i.kind, cadence: i.cadence, file };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'csp-init-'));
}

describe('parseActionPlan on the seed', () => {
  const imported = parseActionPlan(readFileSync(SEED, 'utf8'));

  it('finds the shipped pillars, thematic areas and paragraphs', () => {
    expect(imported.problems).toEqual([]);
    expect(imported.title).toBe(shipped.manifest.title);
    expect(imported.pillars.map((p) => ({ number: p.number, title: p.title, themes: p.themes.map((t) => ({ id: t.id, title: t.title, text: t.text })) }))).toEqual(
      comparable(shipped).pillars,
    );
  });

  it('finds the shipped initiatives: ids, verbatim texts (no-break spaces kept), kinds, cadences, one file for p3.4 = p4.7', () => {
    const got = imported.initiatives.map((i) => comparableInitiative(i, `plan/pillar-${i.pillar}/${i.id}.yaml`));
    expect(got).toEqual(comparable(shipped).initiatives);
    expect(imported.initiatives.find((i) => i.id === 'p1.2')!.text).toContain('understanding \u00a0of');
    expect(imported.initiatives.map((i) => i.id)).not.toContain('p4.7');
    expect(imported.pillars.map((p) => p.listed)).toEqual([6, 11, 5, 9, 6]);
  });

  it("notes the seed's glitches instead of failing on them", () => {
    const messages = imported.notes.map((n) => `${n.line}: ${n.message}`).join('\n');
    expect(messages).toMatch(/^27: 'Initiatives' runs into the first commitment/m);
    expect(messages).toMatch(/^67: heading 'Science, Technology, and Innovation:' ends with a colon/m);
    expect(messages).toMatch(/^87: p4\.7 is the same commitment as p3\.4/m);
    expect(messages).toMatch(/^105: left out 2 paragraphs .*'Page details', 'Date modified:'/m);
    expect(imported.notes).toHaveLength(4);
  });
});

describe('parseActionPlan on other documents', () => {
  const doc = (s: string) => parseActionPlan(s);

  it('reads CRLF line endings, wrapped paragraphs, a bare "Initiatives:" heading and semicolons inside parentheses', () => {
    const r = doc(
      [
        'Joint Plan',
        '',
        'Pillar 1 - Trade',
        '',
        'Market Access',
        '',
        'Open markets and',
        'lower barriers.',
        '',
        'Initiatives:',
        '',
        'Annually hold talks (ministers; officials); Sign the accord.',
        '',
        'Pillar 2: People',
        '',
        'Initiatives: Continue exchanges; Annually hold talks (ministers; officials)',
      ].join('\r\n'),
    );
    expect(r.problems).toEqual([]);
    expect(r.title).toBe('Joint Plan');
    expect(r.pillars).toEqual([
      { number: 1, title: 'Trade', themes: [{ id: 'market-access', title: 'Market Access', text: 'Open markets and lower barriers.' }], listed: 2 },
      { number: 2, title: 'People', themes: [], listed: 2 },
    ]);
    expect(r.initiatives.map((i) => [i.id, i.text, i.kind, i.cadence, i.alsoListedUnder])).toEqual([
      ['p1.1', 'Annually hold talks (ministers; officials)', 'recurring', 'annual', [2]],
      ['p1.2', 'Sign the accord', 'deliverable', undefined, []],
      ['p2.1', 'Continue exchanges', 'recurring', 'continuing', []],
    ]);
  });

  it('refuses a document without pillar headings or without initiatives', () => {
    expect(doc('Just a letter.\n\nKind regards.').problems[0]!.message).toMatch(/no pillar headings/);
    expect(doc('Pillar 1: A\n\nHeading\n\nText.').problems[0]!.message).toMatch(/no initiatives found/);
    expect(doc('Pillar 1: A\n\nInitiatives: x\n\nPillar 1: B\n\nInitiatives: y').problems[0]!.message).toMatch(/pillar 1 appears twice/);
  });

  it('splits lists only at top-level semicolons and skips empty entries with a note', () => {
    expect(splitList('A (b; c); D; E.')).toEqual(['A (b; c)', 'D', 'E']);
    const r = doc('Pillar 1: A\n\nInitiatives: One;; Two;');
    expect(r.initiatives.map((i) => i.id)).toEqual(['p1.1', 'p1.2']);
    expect(r.notes.filter((n) => /empty entry/.test(n.message))).toHaveLength(2);
  });

  it('makes unique kebab-case theme ids', () => {
    expect(slugify('Energy Security & Sustainable Energy Sources')).toBe('energy-security-and-sustainable-energy-sources');
    expect(slugify('Coopération économique')).toBe('cooperation-economique');
    const r = doc('Pillar 1: A\n\nHealth\n\nText.\n\nInitiatives: x\n\nPillar 2: B\n\nHealth\n\nMore.\n\nInitiatives: y');
    expect(r.pillars.flatMap((p) => p.themes.map((t) => t.id))).toEqual(['health', 'health-2']);
  });

  it('reads kinds from the first words', () => {
    expect(kindOf('Annually hold the dialogue')).toEqual({ kind: 'recurring', cadence: 'annual' });
    expect(kindOf('Convene regular meetings')).toEqual({ kind: 'recurring', cadence: 'regular' });
    expect(kindOf('Hold regular consultations')).toEqual({ kind: 'recurring', cadence: 'regular' });
    expect(kindOf('Continue engagement')).toEqual({ kind: 'recurring', cadence: 'continuing' });
    expect(kindOf('Conclude negotiations')).toEqual({ kind: 'deliverable' });
    expect(kindOf('Sign the agreement')).toEqual({ kind: 'deliverable' });
    expect(kindOf('Explore options')).toEqual({ kind: 'exploratory' });
    expect(kindOf('Consider ways')).toEqual({ kind: 'exploratory' });
    expect(kindOf('Implement the MOU')).toEqual({});
    expect(kindOf('Continued support')).toEqual({});
  });
});

describe('deriveTitle', () => {
  it('keeps short texts and cuts long ones cleanly', () => {
    expect(deriveTitle('Explore joint action to combat IUU fishing')).toBe('Explore joint action to combat IUU fishing');
    expect(deriveTitle('Jointly advance the objectives set out in the Global Declaration on Information Integrity')).toBe(
      'Jointly advance the objectives set out in the Global…',
    );
    expect(deriveTitle('Joint work on advancing WPS, including the meaningful participation of women in peace operations')).toBe(
      'Joint work on advancing WPS…',
    );
  });

  it('is a clean, short prefix of the text for any text', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z(),;:&\-\u00a0]{0,13}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), (words) => {
        const text = words.join(' ');
        const title = deriveTitle(text);
        const flat = text.replace(/\s+/g, ' ').trim();
        expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
        if (flat.length <= TITLE_MAX) expect(title).toBe(flat);
        else {
          expect(title.endsWith('…')).toBe(true);
          expect(flat.startsWith(title.slice(0, -1))).toBe(true);
          expect(title).toMatch(/^[A-Za-z]/);
          expect(title.slice(0, -1)).not.toMatch(/\s(?:of|the|and|to|in|on|for|with)$/i);
        }
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});

describe('csp init', () => {
  it('starts a valid plan with schema files, editor settings and a README, and refuses to start it twice', async () => {
    const root = tempDir();
    const r = await runCli(['init', root, '--party', 'ca:Canada', '--party', 'kr:Republic of Korea', '--title', 'Plan: "Two"', '--adopted', '2024-07-18']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    for (const f of ['plan/plan.yaml', 'schema/plan.schema.json', 'schema/initiative.schema.json', '.vscode/settings.json', '.vscode/extensions.json', 'README.md']) {
      expect(existsSync(path.join(root, f)), f).toBe(true);
    }
    expect(readFileSync(path.join(root, 'schema/initiative.schema.json'), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, 'schema/initiative.schema.json'), 'utf8'));
    const manifest = readFileSync(path.join(root, 'plan/plan.yaml'), 'utf8');
    expect(manifest.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/plan.schema.json');
    expect(manifest).toContain('title: "Plan: \\"Two\\""');
    expect(manifest).toContain('date: 2024-07-18\n');
    expect(manifest).toContain('# edit: the name of the partnership');
    const loaded = loadDir(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.plan!.manifest.parties).toEqual([
      { id: 'ca', name: 'Canada' },
      { id: 'kr', name: 'Republic of Korea' },
    ]);
    expect((await runCli(['--plan', path.join(root, 'plan'), 'validate'])).code).toBe(0);

    const again = await runCli(['init', root]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('never overwrites');
    expect(readFileSync(path.join(root, 'plan/plan.yaml'), 'utf8')).toBe(manifest);
  });

  it('with no options writes placeholders that validate, and keeps an existing README', async () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'README.md'), 'mine\n');
    const r = await runCli(['init'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('kept the existing README.md');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toBe('mine\n');
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);
  });

  it('rejects bad options with a usage error and writes nothing', async () => {
    const root = tempDir();
    for (const args of [['--party', 'Canada'], ['--party', 'CA:Canada'], ['--party', 'ca:A', '--party', 'ca:B'], ['--adopted', '2024-02-30'], ['--title', ' ']]) {
      const r = await runCli(['init', root, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^csp: error: /);
    }
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('csp import', () => {
  it('init then import of the seed reproduces the shipped plan, and validates', async () => {
    const root = tempDir();
    expect((await runCli(['init', root, '--party', 'ca:Canada', '--party', 'kr:Republic of Korea'])).code).toBe(0);
    // The document inside the repository, where the shipped plan keeps it: source.file points at it.
    mkdirSync(path.join(root, 'seeds'));
    copyFileSync(SEED, path.join(root, 'seeds', path.basename(SEED)));
    const r = await runCli(['--plan', path.join(root, 'plan'), 'import', path.join(root, 'seeds', path.basename(SEED))]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('5 pillars, 19 thematic areas, 36 initiatives (37 listed');
    const loaded = loadDir(root);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(comparable(loaded.plan!)).toEqual(comparable(shipped));
    expect(loaded.plan!.manifest.title).toBe(shipped.manifest.title);
    expect(loaded.plan!.manifest.source).toEqual(shipped.manifest.source);
    expect(loaded.plan!.manifest.background).toBe(shipped.manifest.background + '\n\n' + shipped.manifest.baseline!.text);
    expect((await runCli(['--plan', path.join(root, 'plan'), 'validate'])).code).toBe(0);
    // Files look like the shipped ones: modeline first, p3.4 listed under 3 and 4.
    const p34 = readFileSync(path.join(root, 'plan/pillar-3/p3.4.yaml'), 'utf8');
    expect(p34.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/initiative.schema.json');
    expect(p34).toContain('alsoListedUnder: [4]\n');

    const again = await runCli(['--plan', path.join(root, 'plan'), 'import', SEED]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has 36 initiative files');
  });

  it('writes control and bidi characters as escapes, and keeps the text exactly, in files that validate', async () => {
    const root = tempDir();
    // Smart quotes pasted through a legacy encoding arrive as C1 control codes.
    expect((await runCli(['init', root, '--title', 'Plan \u0093One\u0094'])).code).toBe(0);
    const document = path.join(root, 'plan.txt');
    const lines = ['Joint Plan', '', 'Pillar 1 - Trade\u200f', '', 'Market Access', '', 'Open \u2066markets\u2069.', '', 'Initiatives: Sign the accord; Hold talks\u202e'];
    writeFileSync(document, lines.join('\n'));
    const r = await runCli(['--plan', path.join(root, 'plan'), 'import', document]);
    expect(r.code, r.stderr).toBe(0);
    const loaded = loadDir(root);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.plan!.manifest.title).toBe('Plan \u0093One\u0094');
    expect(loaded.plan!.pillars[0]!.title).toBe('Trade\u200f');
    expect(loaded.plan!.pillars[0]!.themes[0]!.text).toBe('Open \u2066markets\u2069.');
    expect(loaded.plan!.initiatives.map((i) => i.text)).toEqual(['Sign the accord', 'Hold talks\u202e']);
    for (const file of ['plan/plan.yaml', 'plan/pillar-1/p1.2.yaml']) {
      expect(readFileSync(path.join(root, file), 'utf8'), file).not.toMatch(/[\u0080-\u009f\u200f\u202e\u2066\u2069]/);
    }
    expect((await runCli(['--plan', path.join(root, 'plan'), 'validate'])).code).toBe(0);
    // The document itself must be clean text: a control character in it is named, with where it is.
    writeFileSync(document, lines.join('\n').replace('Trade', 'Tr\u0093ade'));
    const bad = await runCli(['--plan', path.join(root, 'plan'), 'import', document]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('control character U+0093');
  });

  it('--dry-run --json prints what it would import and writes nothing', async () => {
    const root = tempDir();
    await runCli(['init', root]);
    const before = readFileSync(path.join(root, 'plan/plan.yaml'), 'utf8');
    const r = await runCli(['--plan', path.join(root, 'plan'), 'import', SEED, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout) as { written: boolean; initiatives: { id: string }[]; pillars: unknown[]; notes: unknown[] };
    expect(data.written).toBe(false);
    expect(data.initiatives).toHaveLength(36);
    expect(data.pillars).toHaveLength(5);
    expect(data.notes).toHaveLength(4);
    expect(readFileSync(path.join(root, 'plan/plan.yaml'), 'utf8')).toBe(before);
    expect(readdirSync(path.join(root, 'plan/pillar-1'))).toEqual([]);
  });

  it('says what is wrong with a document that is not an action plan, a missing file, or no plan', async () => {
    const root = tempDir();
    await runCli(['init', root]);
    const letter = path.join(root, 'letter.txt');
    writeFileSync(letter, 'Dear colleague,\n\nThank you.\n');
    const bad = await runCli(['--plan', path.join(root, 'plan'), 'import', letter]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('does not look like an action plan');
    expect((await runCli(['--plan', path.join(root, 'plan'), 'import', path.join(root, 'missing.txt')])).code).toBe(3);
    const noPlan = await runCli(['import', SEED], { cwd: tempDir() });
    expect(noPlan.code).toBe(3);
    expect(noPlan.stderr).toContain("csp init");
  });
});
